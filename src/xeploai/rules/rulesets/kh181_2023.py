"""Ruleset ``kh181-2023``: Kế hoạch 181-KH/TU of Đồng Tháp (02/8/2023) on QĐ132/HD21 and ND90/ND48.

Legal basis
-----------
- Kế hoạch 181-KH/TU, Ban Thường vụ Tỉnh ủy Đồng Tháp, 02/8/2023 (the plan, rules S-xx);
- Quy định 132-QĐ/TW (08/3/2018) and Hướng dẫn 21-HD/BTCTW (18/10/2019), party side;
- Nghị định 90/2020/NĐ-CP as amended by Nghị định 48/2023/NĐ-CP (in force 15/9/2023), state side.
Where the plan and a regulation differ, the plan wins (plan-2023.md).

Rule ids implemented
--------------------
Subjects: S-01, S-02, S-03, S-04, S-05, S-06, S-07, S-08, S-10, R-10, R-11, R-21, R-25.
Caps: R-13, R-14, R-26, R-27, R-30, R-33a, R-33b, R-33c, R-33d, R-34, R-36, R-37, R-38, R-40a,
R-40b, R-40c, R-40d, R-42, R-45, R-51..R-55, R-61, R-62, R-63, R-66, R-71, R-76, R-02 (a CBCCVC
classified before ND48 keeps ND90). Prerequisites: R-16 and R-28 (the old unit's comment after a
transfer), R-17 (the temporary cell's comment), R-84 (steps for a viên chức who manages); flags:
R-67 (several posts rated differently). Quota: R-50, R-50c, R-50d, R-50f. Order: R-70, R-70b,
R-70c, R-62, S-13; due dates S-10, R-90. Term roll-up: R-44.
Switches, off (RECALLED, unconfirmed): R-60 (party ≤ CBCCVC for HTT/HTNV), R-18 (incoming head),
R-50b (organization quota), R-83 (chi bộ ballot), ``recalled_criteria`` (R-31, R-32, R-35, R-39,
R-43, R-46..R-49, the rest of R-37 and R-55), ``recalled_procedure`` (R-85).

Decisions on points the texts leave open
----------------------------------------
- New members (admitted under 6 months) are neither reviewed nor classified (S-03); HD21 (R-12)
  would have them review: ``dataclasses.replace(KH181_2023, new_members_reviewed=True,
  new_member_rule="R-12")``.
- Six months: the grassroots deadline reads "trước ngày 15/10/2023" (S-10), exclusive, so without a
  meeting date the six months are counted to 14/10/2023: admitted 14/04/2023 is exactly six months
  and counts as full; admitted 15/04/2023 does not.
- Sick leave "từ 03 tháng trở lên" (R-13, R-26) is three calendar months or more in the year
  (``dates.reaches_months``), an open leave counted to the campaign's reference date.
- Party discipline (R-33d) has no self-remedied exception in HD21; an organization's does (R-36).
- Quota: HTXS ≤ floor(20 % × final HTT), the final split solved (demoted candidates join HTT).
- Criterion grades map to levels by HD21 (``grade_regime="hd21"``); a campaign re-based on QĐ124
  (R-01) takes ``replace(KH181_2023, grade_regime="qd124")`` (R-56).
- A discipline counts in the year of its decision (HD21 has no QĐ124 4.5/4.6 rule: R-73, R-74 off).

Worked examples
---------------
>>> from datetime import date
>>> from xeploai.rules import PersonFacts, decide_subjects, solve_quota, QuotaKind, Level
>>> rs = KH181_2023
>>> p = PersonFacts(id=1, admitted_on=date(2023, 4, 14), deadline=rs.deadline_for(Tier.GRASSROOTS, 2023))
>>> d, = decide_subjects(rs, [p], reference=date(2023, 12, 31))
>>> d.review, d.classify, d.counted_to
(True, True, datetime.date(2023, 10, 14))
>>> late = PersonFacts(id=2, admitted_on=date(2023, 4, 15), deadline=date(2023, 10, 15))
>>> d, = decide_subjects(rs, [late], reference=date(2023, 12, 31))
>>> d.review, d.classify, d.reasons[0].code.value, d.reasons[0].rule_id
(False, False, 'NEW_MEMBER', 'S-03')

The 20 % quota of one grassroots organization, 7 HTXS candidates and 20 at HTT (R-50):

>>> items = [(i, Level.EXCELLENT) for i in range(7)] + [(i, Level.GOOD) for i in range(7, 27)]
>>> by_scope = solve_quota(rs, QuotaKind.PARTY_MEMBERS, items, key=lambda i: "cell-1", level=lambda i: i[1])
>>> res = by_scope["cell-1"]
>>> res.max_excellent, res.over_quota, res.suggested_good
(4, 3, 23)

A party member whose criteria on the political task are only "Tốt" cannot be HTXS (R-30(2)):

>>> from xeploai.rules import Grade, RatingDetails, RatingFacts, SubjectType, check
>>> grades = ((Grade.GOOD, True), (Grade.EXCELLENT, False))
>>> f = RatingFacts(3, SubjectType.PARTY_MEMBER, Level.EXCELLENT, details=RatingDetails(grades))
>>> r = check(rs, f, year=2023)
>>> r.max_level.short, r.findings[0].rule_id
('HTT', 'R-30')
"""

from __future__ import annotations

from types import MappingProxyType

from ..kinds import CivilServiceCategory, QuotaKind, SubjectType, Tier
from ._subjects import PLAN_CLASSIFIED_COLLECTIVES, PLAN_ORG_KINDS, PLAN_REVIEWED_COLLECTIVES
from .base import Ruleset, StateRegime

__all__ = ["KH181_2023"]


def _state_regime(year: int, category: CivilServiceCategory) -> StateRegime:
    """Classify every CBCCVC under ND90 as amended by ND48 (R-76), in force from 15/9/2023."""
    return "nd48"


KH181_2023 = Ruleset(
    code="kh181-2023",
    title="Kế hoạch 181-KH/TU năm 2023 (QĐ132, HD21; NĐ90, NĐ48)",
    legal_basis=(
        "Kế hoạch 181-KH/TU ngày 02/8/2023 của Ban Thường vụ Tỉnh ủy Đồng Tháp",
        "Quy định 132-QĐ/TW ngày 08/3/2018 của Bộ Chính trị",
        "Hướng dẫn 21-HD/BTCTW ngày 18/10/2019 của Ban Tổ chức Trung ương",
        "Nghị định 90/2020/NĐ-CP ngày 13/8/2020 của Chính phủ",
        "Nghị định 48/2023/NĐ-CP ngày 17/7/2023 của Chính phủ",
    ),
    valid_from_year=2023,
    valid_to_year=2023,
    rule_ids=frozenset(
        {
            "S-01",
            "S-02",
            "S-03",
            "S-04",
            "S-05",
            "S-06",
            "S-07",
            "S-08",
            "S-10",
            "S-13",
            "R-02",
            "R-10",
            "R-11",
            "R-12",
            "R-13",
            "R-14",
            "R-16",
            "R-17",
            "R-18",
            "R-21",
            "R-25",
            "R-26",
            "R-27",
            "R-28",
            "R-30",
            "R-31",
            "R-32",
            "R-33a",
            "R-33b",
            "R-33c",
            "R-33d",
            "R-34",
            "R-35",
            "R-36",
            "R-37",
            "R-38",
            "R-39",
            "R-40a",
            "R-40b",
            "R-40c",
            "R-40d",
            "R-42",
            "R-43",
            "R-44",
            "R-45",
            "R-46",
            "R-47",
            "R-48",
            "R-49",
            "R-50",
            "R-50b",
            "R-50c",
            "R-50d",
            "R-50f",
            "R-51",
            "R-52",
            "R-53",
            "R-54",
            "R-55",
            "R-60",
            "R-61",
            "R-62",
            "R-63",
            "R-66",
            "R-67",
            "R-70",
            "R-70b",
            "R-70c",
            "R-71",
            "R-76",
            "R-83",
            "R-84",
            "R-85",
            "R-90",
        }
    ),
    exclusion_rule="S-03",
    new_members_reviewed=False,
    new_member_rule="S-03",
    min_collective_size=3,
    reviewed_collectives=PLAN_REVIEWED_COLLECTIVES,
    classified_collectives=PLAN_CLASSIFIED_COLLECTIVES,
    youth_union_classified_tiers=frozenset({Tier.PROVINCE}),
    classified_org_kinds=PLAN_ORG_KINDS,
    deadlines=MappingProxyType(
        {
            Tier.BELOW_GRASSROOTS: (10, 15, 0),
            Tier.GRASSROOTS: (10, 15, 0),
            Tier.DISTRICT: (11, 30, 0),
            Tier.PROVINCE: (12, 15, 0),
        }
    ),
    party_discipline_rule="R-33d",
    party_self_remedied_exception=False,
    org_discipline_rule="R-36",
    org_self_remedied_exception=True,
    collective_discipline_rule="R-40c",
    collective_member_rule="R-40d",
    individual_targets_rule="R-33b",
    org_targets_rule="R-37",
    collective_targets_rule="R-40b",
    org_member_thresholds=True,
    scoring="grades",
    state_regime=_state_regime,
    grade_regime="hd21",
    leader_criteria_rule="R-42",
    state_criteria=True,
    degradation_rules=MappingProxyType(
        {
            SubjectType.PARTY_MEMBER: ("R-33a", False),
            SubjectType.LEADER: ("R-33a", False),
            SubjectType.COLLECTIVE: ("R-40a", False),
            SubjectType.ORGANIZATION: ("R-37", True),  # the RECALLED continuation of R-37
        }
    ),
    quota_ratio=(1, 5),
    quota_exception_share=None,  # R-50h is QĐ366's: no raised share under the 2023 texts
    rounding="floor",
    quota_rules=MappingProxyType(
        {
            QuotaKind.PARTY_MEMBERS: "R-50",
            QuotaKind.ORGANIZATIONS: "R-50b",
            QuotaKind.COLLECTIVES: "R-50c",
            QuotaKind.LEADERS: "R-50d",
        }
    ),
    state_rate_quota=True,
)
