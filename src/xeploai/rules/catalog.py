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
    "R-10": (_S, "Party members exempt or suspended are not classified; committee-suspended are"),
    "R-11": (_S, "Organizations and collectives under 6 months are not classified"),
    "R-12": (_S, "New members under 6 months not classified but self-review (HD21)"),
    "R-13": (_S, "Sick leave of 3 months or more caps a party member at HTNV"),
    "R-14": (_S, "Maternity leave: level of the time actually worked"),
    "R-15": (_S, "Review (kiểm điểm) comes before classification"),
    "R-18": (_R, "Incoming head not connected to the collective's shortcomings"),
    "R-20": (_S, "QĐ124/QĐ366: exempt, suspended, new members not reviewed"),
    "R-22": (_S, "Collectives under 3 members: plan rule, not central"),
    "R-25": (_S, "CBCCVC who worked under 6 months are not classified"),
    "R-26": (_S, "CBCCVC absent 3 to under 6 months capped at HTNV"),
    "R-27": (_S, "CBCCVC maternity leave: level of the time actually worked"),
    "R-30": (_S, "Party HTXS needs CBCCVC HTXS"),
    "R-33b": (_S, "Party member under 50 % of targets: KHTNV"),
    "R-33c": (_S, "CBCCVC KHTNV forces party KHTNV"),
    "R-33d": (_S, "Party member disciplined in the year: KHTNV, one violation once"),
    "R-34": (_S, "Party organization HTXS thresholds (100 % ≥ HTNV, 80 % ≥ HTT, same level ≥ HTT)"),
    "R-36": (_S, "Organization disciplined cannot reach HTNV unless self-remedied"),
    "R-37": (_S, "Organization under 50 % of targets: KHTNV"),
    "R-40b": (_S, "Collective: unit under 50 % of targets or key targets missed: KHTNV"),
    "R-40c": (_S, "Collective disciplined: KHTNV"),
    "R-40d": (_S, "Collective member disciplined at warning or above: KHTNV"),
    "R-50": (_S, "Party members HTXS ≤ 20 % of HTT per grassroots organization"),
    "R-50b": (_R, "Party organizations HTXS ≤ 20 % of HTT by type"),
    "R-50c": (_S, "Collectives HTXS ≤ 20 % of HTT per category under province or district"),
    "R-50d": (_S, "Leaders HTXS ≤ 20 % of HTT per equivalent title"),
    "R-50e": (_SS, "QĐ124/QĐ366: HTXS ≤ 20 % of HTT per group of similar subjects"),
    "R-50f": (_S, "CBCCVC HTXS rate ≤ party members' HTXS rate in the agency"),
    "R-50g": (_S, "ND335: công chức HTXS ≤ 20 % of HTT per agency and task group"),
    "R-55": (_S, "Viên chức disciplined in the year for a violation in duties: KHTNV"),
    "R-57": (_S, "QĐ124 KHTNV list: disciplined unless self-remedied"),
    "R-58": (_SS, "QĐ366 100-point bands 90/70/50 and listed KHTNV cases"),
    "R-59": (_S, "ND335 công chức 100-point bands; reprimand or above: KHTNV"),
    "R-60": (_R, "Party level not above CBCCVC level (HTT/HTNV part)"),
    "R-61": (_S, "Collective not above its unit"),
    "R-62": (_S, "Head not above the unit, decided after it"),
    "R-63": (_S, "Party organization ↔ members' levels"),
    "R-66": (_S, "Leader KHTNV when the unit directly led is KHTNV"),
    "R-70": (_SS, "Order: lower before higher, collective before members, state before party"),
    "R-70b": (_S, "CBCCVC classified before party members"),
    "R-72": (_S, "QĐ124: disciplined in the year KHTNV unless self-remedied"),
    "R-76": (_SS, "ND48: CBCCVC disciplined in the year KHTNV, one violation once"),
    "R-83": (_S, "Chi bộ ballot (2011 regime), off by default"),
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
