"""List every rule id the core knows, with its status in ``shared/domain`` and a short title.

``docs/rules.md`` mirrors this table (a test keeps them in step). RECALLED rules are
unconfirmed: they sit behind a ruleset switch, off by default, and their findings say so.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["RULES", "RuleStatus", "is_known"]


class RuleStatus(StrEnum):
    """Say how far a rule was verified (regulations.md §0.1)."""

    SOURCED = "SOURCED"
    SOURCED_SUMMARY = "SOURCED (summary)"
    RECALLED = "RECALLED"


_S, _SS, _R = RuleStatus.SOURCED, RuleStatus.SOURCED_SUMMARY, RuleStatus.RECALLED

RULES: dict[str, tuple[RuleStatus, str]] = {
    "R-00a": (_S, "Four levels HTXS/HTT/HTNV/KHTNV"),
    "R-00b": (_S, "Four criterion grades"),
    "R-01": (_SS, "Ruleset chosen per campaign"),
    "R-02": (_SS, "ND48 transition: a CBCCVC classified before 15/9/2023 keeps ND90, not reviewed again"),
    "R-10": (_S, "Party members exempt or suspended are not classified; committee-suspended are"),
    "R-11": (_S, "Organizations and collectives under 6 months are not classified"),
    "R-12": (_S, "New members under 6 months not classified but self-review (HD21)"),
    "R-13": (_S, "Sick leave of 3 months or more caps a party member at HTNV"),
    "R-14": (_S, "Maternity leave: level of the time actually worked"),
    "R-15": (_S, "Review (kiểm điểm) comes before classification"),
    "R-16": (_S, "Transfer: the old cell's comment after 6 months or more there"),
    "R-17": (_S, "Temporary party activity: the official cell classifies on the temporary cell's comment"),
    "R-18": (_R, "Incoming head not connected to the collective's shortcomings"),
    "R-19": (_SS, "QĐ132: only the exempt are left out of the review"),
    "R-20": (_S, "QĐ124/QĐ366: exempt, suspended, new members not reviewed"),
    "R-21": (_SS, "QĐ124 collectives reviewed (their provincial part)"),
    "R-22": (_S, "Collectives under 3 members: plan rule, not central"),
    "R-25": (_S, "CBCCVC who worked under 6 months are not classified"),
    "R-26": (_S, "CBCCVC absent 3 to under 6 months capped at HTNV"),
    "R-27": (_S, "CBCCVC maternity leave: level of the time actually worked"),
    "R-28": (_S, "CBCCVC transfer: the old agency's comment after 6 months, unless it no longer exists"),
    "R-30": (_S, "Party HTXS: result criteria Xuất sắc, others Tốt; CBCCVC HTXS"),
    "R-31": (_R, "Party member HTT: criteria Tốt or above (CBCCVC part: R-60)"),
    "R-32": (_R, "Party member HTNV: criteria Trung bình or above"),
    "R-33": (_S, "Party member KHTNV: below HTNV or limbs (a)–(d)"),
    "R-33a": (_S, "Party member: degradation concluded by the competent level → KHTNV"),
    "R-33b": (_S, "Party member under 50 % of targets: KHTNV"),
    "R-33c": (_S, "CBCCVC KHTNV forces party KHTNV"),
    "R-33d": (_S, "Party member disciplined in the year: KHTNV, one violation once"),
    "R-34": (_S, "Party organization HTXS: grades, 100 % ≥ HTNV, 80 % ≥ HTT, same level ≥ HTT"),
    "R-35": (_R, "Party organization HTT: result criteria Tốt, others Trung bình"),
    "R-36": (_S, "Organization HTNV: criteria Trung bình; disciplined: not HTNV unless self-remedied"),
    "R-37": (_S, "Organization under 50 % of targets: KHTNV"),
    "R-38": (_S, "Collective HTXS: result criteria Xuất sắc, others Tốt"),
    "R-39": (_R, "Collective HTT/HTNV mirror R-35/R-36"),
    "R-40": (_S, "Collective KHTNV: below HTNV or limbs (a)–(d)"),
    "R-40a": (_S, "Collective: disunity or a member's degradation concluded → KHTNV"),
    "R-40b": (_S, "Collective: unit under 50 % of targets or key targets missed: KHTNV"),
    "R-40c": (_S, "Collective disciplined: KHTNV"),
    "R-40d": (_S, "Collective member disciplined at warning or above: KHTNV"),
    "R-42": (_S, "QĐ89 leader HTT: tasks on time, unit targets, units under direct management"),
    "R-43": (_R, "QĐ89 leader HTXS/HTNV/KHTNV mirror ND90 cán bộ"),
    "R-44": (_SS, "Term roll-up of the yearly levels (QĐ89)"),
    "R-45": (_S, "Cán bộ HTXS (ND90 Art. 4)"),
    "R-46": (_R, "Cán bộ HTT (ND90 Art. 5)"),
    "R-47": (_R, "Cán bộ HTNV (ND90 Art. 6)"),
    "R-48": (_R, "Cán bộ KHTNV (ND90 Art. 7)"),
    "R-49": (_R, "Công chức levels (ND90 Arts. 8–11)"),
    "R-50": (_S, "Party members HTXS ≤ 20 % of HTT per grassroots organization"),
    "R-50b": (_R, "Party organizations HTXS ≤ 20 % of HTT by type"),
    "R-50c": (_S, "Collectives HTXS ≤ 20 % of HTT per category under province or district"),
    "R-50d": (_S, "Leaders HTXS ≤ 20 % of HTT per equivalent title"),
    "R-50e": (_SS, "QĐ124/QĐ366: HTXS ≤ 20 % of HTT per group of similar subjects"),
    "R-50f": (_S, "CBCCVC HTXS rate ≤ party members' HTXS rate in the agency"),
    "R-50g": (_S, "ND335: công chức HTXS ≤ 20 % of HTT per agency and task group"),
    "R-50h": (_S, "QĐ366: the competent level raises a scope's quota to 25 % for an outstanding unit"),
    "R-51": (_SS, "Viên chức (no management post) HTXS (ND90 Art. 12(1))"),
    "R-52": (_SS, "Viên chức quản lý HTXS (ND90 Art. 12(2))"),
    "R-53": (_S, "Viên chức HTT (ND90 Art. 13)"),
    "R-54": (_S, "Viên chức HTNV (ND90 Art. 14)"),
    "R-55": (_S, "Viên chức disciplined in the year for a violation in duties: KHTNV"),
    "R-56": (_SS, "QĐ124 Art. 12 criteria (grades; an individual's HTXS tasks)"),
    "R-57": (_S, "QĐ124 KHTNV list: disciplined unless self-remedied, degradation, over 20 % of units"),
    "R-58": (_SS, "QĐ366 100-point bands 90/70/50 and listed KHTNV cases"),
    "R-59": (_S, "ND335 công chức 100-point bands; reprimand or above: KHTNV"),
    "R-60": (_R, "Party level not above CBCCVC level (HTT/HTNV part)"),
    "R-61": (_S, "Collective not above its unit"),
    "R-62": (_S, "Head not above the unit, decided after it"),
    "R-63": (_S, "Party organization ↔ members' levels"),
    "R-64": (_S, "Collective ↔ discipline of members and subordinate units"),
    "R-65": (_S, "Leader ↔ unit results (ND90)"),
    "R-66": (_S, "Leader KHTNV when the unit led is KHTNV or handled for corruption"),
    "R-67": (_SS, "Several posts rated differently: the competent level decides"),
    "R-70": (_SS, "Order: lower before higher, collective before members, state before party"),
    "R-70b": (_S, "CBCCVC classified before party members"),
    "R-70c": (_SS, "Review order inside a meeting: collective, head, deputies, members"),
    "R-71": (_S, "HD21: party member disciplined in the year → KHTNV"),
    "R-72": (_S, "QĐ124: disciplined in the year KHTNV unless self-remedied"),
    "R-73": (_S, "QĐ124: a later discipline counts against the year of the violation"),
    "R-74": (_S, "QĐ124: a violation at the old agency counts there"),
    "R-76": (_SS, "ND48: CBCCVC disciplined in the year KHTNV, one violation once"),
    "R-83": (_S, "Chi bộ ballot (2011 regime), off by default"),
    "R-84": (_S, "ND90 steps for a viên chức who is a head or deputy"),
    "R-85": (_R, "ND90 steps for cán bộ and công chức"),
    "R-87": (_SS, "Targets assigned each year are the basis of the review"),
    "R-89b": (_SS, "Use of results: the CBCCVC result feeds the party-member classification"),
    "R-90": (_S, "CBCCVC classified before 15 December (own working year: the head decides)"),
    "R-91": (_SS, "ND335 công chức: before 15 December; special units by 15 January"),
    "R-92": (_R, "Party-side deadlines: from the provincial plan"),
    "R-93": (_SS, "HD43: a review meeting lasts 1 day, 2 for the provincial standing committee"),
    "R-99": (_S, "The 2023 plan is the kh181-2023 ruleset"),
    "R-100": (_SS, "QĐ366: evaluation by term, year, quarter; the year builds on the quarters"),
    "R-101": (_SS, "KL198: leaders evaluated every quarter, reported before the 15th of its last month"),
    "R-102": (_SS, "ND335: task results scored on quantity, quality, timeliness; 30 general + 70 results"),
    "R-104": (_S, "QĐ366: a later discipline for an earlier violation counts at the current review"),
    "R-105": (_S, "QĐ366: a member disciplined within the collective's duties makes it KHTNV"),
    "R-106": (_SS, "QĐ366 KHTNV limbs of collectives and leaders (70 % of tasks, targets, units, votes)"),
    "R-107": (_SS, "HD43 §7.5: long sick or maternity leave evaluated on the work done, no cap"),
    "S-01": (_S, "Collectives reviewed, by level"),
    "S-02": (_S, "Only collectives of 3 members or more are reviewed"),
    "S-03": (_S, "Individuals reviewed: exclusions exempt, suspended, new members"),
    "S-04": (_S, "Six months counted to the review meeting, else the level deadline"),
    "S-05": (_S, "Party organizations classified"),
    "S-06": (_S, "Leadership collectives classified"),
    "S-07": (_S, "Party members classified: same exclusions as S-03"),
    "S-08": (_S, "CBCCVC, part-time and employees classified"),
    "S-10": (_S, "Deadlines by level"),
    "S-13": (_S, "The collective's review opens before its members'"),
}


def is_known(rule_id: str) -> bool:
    """Return True when ``rule_id`` is in the catalog."""
    return rule_id in RULES
