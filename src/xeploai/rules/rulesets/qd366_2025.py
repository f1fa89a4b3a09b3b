"""Ruleset ``qd366-2025``: QĐ366-QĐ/TW (30/8/2025) and HD43-HD/BTCTW (31/10/2025), 100-point scale.

Legal basis
-----------
- Quy định 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị (successor of QĐ124), Art. 5 and 11;
- Hướng dẫn 43-HD/BTCTW ngày 31/10/2025 (replaces HD25);
- state side: Nghị định 90/2020/NĐ-CP as amended by 48/2023/NĐ-CP; for công chức from the 2026
  campaign Nghị định 335/2025/NĐ-CP (in force 01/01/2026), chosen by ``_state_regime``.

Rule ids implemented
--------------------
Subjects: R-20 (exempt, suspended, admitted under 6 months are neither reviewed nor classified —
QĐ366 Art. 5(2) keeps QĐ124's list), R-11, R-25, and the plan's subject lists S-01, S-05, S-06 as
defaults until a 2025 provincial plan replaces them (configuration). No minimum collective size:
S-02 is a 2023 plan rule, not central (R-22). Caps: R-58 (≥ 90 HTXS, 70–<90 HTT, 50–<70 HTNV, < 50
KHTNV; a disciplined member or subordinate unit bars HTXS; under half of targets → KHTNV),
R-72 (disciplined in the year → KHTNV unless self-detected and remedied, carried from QĐ124 Art.
12(4.3)(d) pending the QĐ366 text), R-57 (organization or collective disciplined), R-59 (ND335 bands
for công chức, reprimand or above for a public-duty violation → KHTNV), R-76, R-14, R-26, R-27,
R-30, R-33c, R-61, R-62, R-66. Carried from QĐ124 pending the QĐ366 text, like R-72: R-57 (a
concluded degradation or disunity → KHTNV; over 20 % of subordinate units disciplined → KHTNV), R-74
(a violation at the old agency counts there). Carried from HD21 and ND90 pending the HD43 text:
R-16, R-17, R-28, R-67, R-70c, R-84, R-02; ND90 criteria of cán bộ and viên chức (R-45, R-51..R-55)
and of công chức until ND335 (R-49). R-93 (HD43: a review meeting lasts at least 1 day, 2 for the
provincial standing committee). Due dates: R-90, R-91 (ND335). No criterion grades (the 100-point
scale replaces them) and no QĐ89 leader criteria. Quota: R-50e (per group of similar subjects),
R-50g (công chức, per agency and task group), R-50f; R-50h raises a scope's share to 25 % for an
outstanding unit when the competent level decides it. Switches as in ``kh181-2023``.

As written in QĐ366, HD43 and ND335 (issue 13):

- the score is checked at every stage, a stage without a score held to the previous stage's (R-58,
  R-59); the task conditions of R-58 (HTXS 100 % on time and ≥ 30 % exceeded, HTT 100 % on time,
  HTNV at most 20 % late) read the task register's counts;
- R-104 replaces R-73: a discipline decided this year for an earlier violation counts now;
- R-105: a collective member reprimanded or more for a violation within the collective's duties
  makes the collective KHTNV (not at a previous unit, not unrelated);
- R-106 (numbers to be confirmed): the unit completes under 70 % of its tasks, misses the basic
  targets, over half of its subordinate units KHTNV, over half of the confidence ballots low —
  behind ``unit_limbs``, ``warn`` by default (``enforce`` caps at KHTNV);
- R-107: a long sick or maternity leave no longer caps a party subject at HTNV (R-13 is QĐ124's);
  R-26 stays for CBCCVC under ND90/ND48 and is not applied under ND335 (R-91: time worked);
- R-100, R-91: the year reads its quarters (``rules.quarters``): a year's level above the band of the
  mean of its quarter scores is flagged (``quarters_in_year``, ``warn``: the mean is to be confirmed);
- R-50g binds công chức under ND335 only (2026 →), not every CBCCVC in 2025;
- R-11 merger switch (``reorganized_units_classified``, on): units formed by the 01/7/2025
  reorganization are classified in 2025 though under six months old; ``replace(QD366_2025,
  reorganized_units_classified=False)`` leaves them out. R-21: the commune-level party committee's
  standing committee is a subject; no district tier is assumed (no plan deadlines by tier).

Worked examples
---------------
>>> from datetime import date
>>> from xeploai.rules import RatingFacts, SubjectType, Level, check
>>> rs = QD366_2025
>>> r = check(rs, RatingFacts(1, SubjectType.PARTY_MEMBER, Level.EXCELLENT, score=89.5), year=2025)
>>> r.max_level.short, r.findings[0].rule_id
('HTT', 'R-58')
>>> check(rs, RatingFacts(1, SubjectType.PARTY_MEMBER, Level.EXCELLENT, score=90), year=2025).ok
True
>>> from xeploai.rules import CivilServiceCategory as Cat
>>> cs = RatingFacts(2, SubjectType.CIVIL_SERVANT, Level.GOOD, category=Cat.CIVIL_SERVANT, score=69.9)
>>> check(rs, cs, year=2026).max_level.short, check(rs, cs, year=2025).max_level.short
('HTNV', 'HTXS')
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from ..kinds import CivilServiceCategory, CollectiveKind, DisciplineForm, QuotaKind, SubjectType, Tier
from ..levels import Level
from ._subjects import PLAN_CLASSIFIED_COLLECTIVES, PLAN_ORG_KINDS, PLAN_REVIEWED_COLLECTIVES
from .base import Ruleset, StateRegime

__all__ = ["QD366_2025"]

# R-21 (QĐ124/QĐ366 Art. 5(1)): the standing committee of a grassroots party committee is a collective
# reviewed and classified; after 01/7/2025 every commune-level party committee has one.
_COMMUNE_STANDING = frozenset({(Tier.GRASSROOTS, CollectiveKind.STANDING_COMMITTEE)})
REORGANIZATION_DATE = date(2025, 7, 1)  # the two-tier local government (R-11 merger switch)

ND335_FROM_YEAR = 2026


def _state_regime(year: int, category: CivilServiceCategory) -> StateRegime:
    """Classify công chức under ND335 from 2026 (R-59), everyone else under ND90 + ND48 (R-76)."""
    if category is CivilServiceCategory.CIVIL_SERVANT and year >= ND335_FROM_YEAR:
        return "nd335"
    return "nd48"


QD366_2025 = Ruleset(
    code="qd366-2025",
    title="Quy định 366-QĐ/TW, Hướng dẫn 43-HD/BTCTW (thang 100 điểm); NĐ335 cho công chức",
    legal_basis=(
        "Quy định 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị",
        "Hướng dẫn 43-HD/BTCTW ngày 31/10/2025 của Ban Tổ chức Trung ương",
        "Nghị định 90/2020/NĐ-CP, sửa đổi bởi Nghị định 48/2023/NĐ-CP",
        "Nghị định 335/2025/NĐ-CP (công chức, từ 01/01/2026)",
    ),
    valid_from_year=2025,
    valid_to_year=None,
    rule_ids=frozenset(
        {
            "S-01",
            "S-04",
            "S-05",
            "S-06",
            "R-02",
            "R-11",
            "R-14",
            "R-16",
            "R-17",
            "R-18",
            "R-20",
            "R-21",
            "R-25",
            "R-26",
            "R-27",
            "R-28",
            "R-30",
            "R-33c",
            "R-44",
            "R-45",
            "R-46",
            "R-47",
            "R-48",
            "R-49",
            "R-50b",
            "R-50e",
            "R-50f",
            "R-50g",
            "R-50h",
            "R-51",
            "R-52",
            "R-53",
            "R-54",
            "R-55",
            "R-57",
            "R-58",
            "R-59",
            "R-60",
            "R-61",
            "R-62",
            "R-66",
            "R-67",
            "R-70",
            "R-70b",
            "R-70c",
            "R-72",
            "R-74",
            "R-76",
            "R-83",
            "R-84",
            "R-85",
            "R-90",
            "R-91",
            "R-93",
            "R-100",
            "R-101",
            "R-104",
            "R-105",
            "R-106",
            "R-107",
        }
    ),
    exclusion_rule="R-20",
    new_members_reviewed=False,
    new_member_rule="R-20",
    min_collective_size=None,
    reviewed_collectives=PLAN_REVIEWED_COLLECTIVES | _COMMUNE_STANDING,
    classified_collectives=PLAN_CLASSIFIED_COLLECTIVES | _COMMUNE_STANDING,
    reorganization_dates=frozenset({REORGANIZATION_DATE}),
    reorganized_units_classified=True,
    work_done_rule="R-107",
    youth_union_classified_tiers=frozenset({Tier.PROVINCE}),
    classified_org_kinds=PLAN_ORG_KINDS,
    party_discipline_rule="R-72",
    party_self_remedied_exception=True,
    org_discipline_rule="R-57",
    org_self_remedied_exception=True,
    collective_discipline_rule="R-57",
    collective_member_rule="R-58",
    collective_member_min_form=DisciplineForm.REPRIMAND,
    collective_member_cap=Level.GOOD,
    subordinate_discipline_rule="R-58",
    key_targets_rule=None,
    individual_targets_rule="R-58",
    org_targets_rule="R-58",
    collective_targets_rule="R-58",
    org_member_thresholds=False,
    scoring="points",
    score_rule="R-58",
    state_score_rule="R-59",
    state_regime=_state_regime,
    grade_regime=None,
    leader_criteria_rule=None,
    state_criteria=True,
    degradation_rules=MappingProxyType(
        {
            SubjectType.PARTY_MEMBER: ("R-57", False),
            SubjectType.LEADER: ("R-57", False),
            SubjectType.COLLECTIVE: ("R-57", False),
            SubjectType.ORGANIZATION: ("R-57", False),
        }
    ),
    earlier_violation_rule="R-104",
    earlier_violation_counts_in="decision",
    collective_member_duty_rule="R-105",
    task_rule="R-58",
    unit_limbs_rule="R-106",
    unit_limbs="warn",
    previous_unit_rule="R-74",
    subordinate_share_rule="R-57",
    meeting_min_days=1,
    meeting_min_days_by_collective=MappingProxyType({(Tier.PROVINCE, CollectiveKind.STANDING_COMMITTEE): 2}),
    quota_ratio=(1, 5),
    quota_exception_share=(1, 4),  # R-50h: raised to 25 % for an outstanding unit (QĐ366 Điều 11)
    rounding="floor",
    quota_rules=MappingProxyType(
        {
            QuotaKind.PARTY_MEMBERS: "R-50e",
            QuotaKind.ORGANIZATIONS: "R-50b",
            QuotaKind.COLLECTIVES: "R-50e",
            QuotaKind.LEADERS: "R-50e",
            QuotaKind.CIVIL_SERVANTS: "R-50g",
        }
    ),
    state_rate_quota=True,
    state_quota_regimes=frozenset({"nd335"}),
    periods=frozenset({"TERM", "YEAR", "QUARTER", "AD_HOC"}),
    quarters_in_year="warn",  # R-100, R-91: the year's level above the band of its quarters' mean is flagged
    collective_first_rule="R-70",
)
