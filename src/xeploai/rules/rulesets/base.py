"""Define ``Ruleset``: the legal parameters of one regime, as frozen data and small functions.

Everything that differs between campaigns lives here (quota ratio and rounding, who is a
subject, which rule id a finding cites, switches for RECALLED rules). The engine modules read
these fields and never branch on a year.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

from ..kinds import (
    CivilServiceCategory,
    CollectiveKind,
    DisciplineForm,
    OrgKind,
    QuotaKind,
    SubjectType,
    Tier,
)
from ..levels import Level

__all__ = ["GradeRegime", "Rounding", "Ruleset", "StateRegime", "Switch", "apply_rounding"]

Rounding = Literal["floor", "ceil", "round"]
"""How a quota ``ratio × count`` becomes a whole number; ``round`` is half-up."""

StateRegime = Literal["nd90", "nd48", "nd335"]
"""Which state-side decree classifies a CBCCVC: ND90, ND90 as amended by ND48, or ND335."""

Switch = Literal["off", "warn", "enforce"]
"""A RECALLED rule: ``off``; ``warn`` = non-blocking finding marked unconfirmed; ``enforce``."""

GradeRegime = Literal["hd21", "qd124"]
"""Which text maps criterion grades to levels: HD21 (R-30, R-34..R-39) or QĐ124 Art. 12 (R-56)."""


def apply_rounding(numerator: int, denominator: int, mode: Rounding) -> int:
    """Round ``numerator / denominator`` (both ≥ 0, exact integers) by ``mode``.

    >>> apply_rounding(27, 5, "floor"), apply_rounding(27, 5, "ceil"), apply_rounding(25, 10, "round")
    (5, 6, 3)
    """
    if mode == "floor":
        return numerator // denominator
    if mode == "ceil":
        return -(-numerator // denominator)
    return (2 * numerator + denominator) // (2 * denominator)


def _always_nd48(year: int, category: CivilServiceCategory) -> StateRegime:
    """Classify every CBCCVC under ND90 as amended by ND48 (the default state regime)."""
    return "nd48"


@dataclass(frozen=True, slots=True)
class Ruleset:
    """Hold the parameters of one regime; one instance per module in ``rulesets/``."""

    code: str
    title: str
    legal_basis: tuple[str, ...]
    valid_from_year: int
    valid_to_year: int | None
    rule_ids: frozenset[str]

    # --- eligibility (S-01..S-08, R-10..R-12, R-20, R-25) ---
    six_months: int = 6
    exclusion_rule: str = "S-03"
    suspended_excluded: bool = True
    new_members_reviewed: bool = False
    new_member_rule: str = "S-03"
    min_collective_size: int | None = 3
    reviewed_collectives: frozenset[tuple[Tier, CollectiveKind]] = frozenset()
    classified_collectives: frozenset[tuple[Tier, CollectiveKind]] = frozenset()
    youth_union_classified_tiers: frozenset[Tier] = frozenset()
    other_collectives_reviewed: bool = True
    classified_org_kinds: frozenset[OrgKind] = frozenset()
    deadlines: Mapping[Tier, tuple[int, int, int]] = field(default_factory=lambda: MappingProxyType({}))
    deadline_rule: str = "S-10"
    absence_unclassified_months: int = 6  # absences of 6 calendar months leave under 6 months
    suspended_reviewed: bool = False  # R-19 (QĐ132): suspended members reviewed, not classified
    # R-11 merger switch: units formed by a reorganization (established on one of these dates, or
    # flagged ``reorganized``) are classified in that year although under six months old.
    reorganization_dates: frozenset[date] = frozenset()
    reorganized_units_classified: bool = False

    # --- caps (R-13, R-26, discipline, targets, bands) ---
    long_leave_months: int = 3  # "từ 03 tháng trở lên", calendar months
    # R-107 (HD43 §7.5): long sick or maternity leave is evaluated on the work done, no HTNV cap for
    # party subjects; None keeps the cap.
    work_done_rule: str | None = None
    party_discipline_rule: str = "R-33d"
    party_self_remedied_exception: bool = False
    org_discipline_rule: str = "R-36"
    org_self_remedied_exception: bool = True
    collective_discipline_rule: str = "R-40c"
    collective_member_rule: str = "R-40d"
    collective_member_min_form: DisciplineForm = DisciplineForm.WARNING
    collective_member_cap: Level = Level.NOT_COMPLETED
    subordinate_discipline_rule: str | None = None
    key_targets_rule: str | None = "R-40b"
    individual_targets_rule: str = "R-33b"
    org_targets_rule: str = "R-37"
    collective_targets_rule: str = "R-40b"
    org_member_thresholds: bool = True
    org_good_share: tuple[int, int] = (4, 5)
    scoring: Literal["grades", "points"] = "grades"
    score_rule: str = "R-58"
    state_score_rule: str = "R-59"
    score_bands: tuple[tuple[float, Level], ...] = (
        (90, Level.EXCELLENT),
        (70, Level.GOOD),
        (50, Level.COMPLETED),
    )
    state_regime: Callable[[int, CivilServiceCategory], StateRegime] = _always_nd48
    nd48_in_force: date = date(2023, 9, 15)  # a CBCCVC classified before keeps ND90
    grade_regime: GradeRegime | None = "hd21"  # criterion grades → levels; None: 100-point scale
    leader_criteria_rule: str | None = "R-42"  # QĐ89 criteria of an individual leader (party side)
    state_criteria: bool = True  # ND90 Arts. 4–15 limbs on tasks, unit targets, sub-units (R-45..R-55)
    # Concluded degradation / disunity → KHTNV: (rule id, RECALLED) by subject type (CBCCVC: by regime).
    degradation_rules: Mapping[SubjectType, tuple[str, bool]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    earlier_violation_rule: str | None = None  # counted against the year of the violation
    # Where a discipline decided in a later year for an earlier violation counts: "violation" (R-73,
    # QĐ124: the violation's year is re-examined) or "decision" (R-104, QĐ366: the current review).
    earlier_violation_counts_in: Literal["violation", "decision"] = "violation"
    # R-105 (QĐ366): a collective member disciplined (reprimand or above) for a violation within the
    # collective's duties makes the collective KHTNV; None: no such limb.
    collective_member_duty_rule: str | None = None
    # R-58 (QĐ366) task conditions: HTXS 100 % on time and this share exceeded; HTT 100 % on time;
    # HTNV at most 20 % late. None: not a QĐ366 ruleset.
    task_rule: str | None = None
    task_exceeded_share: tuple[int, int] = (3, 10)
    # R-106 (QĐ366) KHTNV limbs for collectives and leaders, numbers to be confirmed: the unit completes
    # under ``unit_tasks_share`` of its tasks, misses its basic targets, over half of its direct
    # subordinate units KHTNV, over half of the confidence ballots low. Switched like RECALLED rules.
    unit_limbs_rule: str | None = None
    unit_limbs: Switch = "off"
    unit_tasks_share: tuple[int, int] = (7, 10)
    previous_unit_rule: str | None = None  # a violation at the old agency counts there
    subordinate_share_rule: str | None = None  # over 20 % of subordinate units disciplined
    state_deadline: tuple[int, int] = (12, 15)  # CBCCVC classified before 15 December
    special_unit_deadline: tuple[int, int, int] = (1, 15, 1)  # ND335 special units, 15/01 next year
    # R-93 (HD43): a review meeting lasts at least this many days; more for the listed collectives.
    meeting_min_days: int | None = None
    meeting_min_days_by_collective: Mapping[tuple[Tier, CollectiveKind], int] = field(
        default_factory=lambda: MappingProxyType({})
    )

    # --- switches for RECALLED rules (off unless a campaign confirms them) ---
    party_not_above_civil_service: Switch = "off"  # R-60 (HTT/HTNV part)
    incoming_head_exception: bool = False
    organization_quota: Switch = "off"  # R-50b
    ballot_step: bool = False
    # R-31, R-32, R-35, R-39, R-43, R-46..R-49 and ND90's other KHTNV limbs (R-55): criteria not verified.
    recalled_criteria: Switch = "off"
    recalled_procedure: Switch = "off"  # the ND90 steps for cán bộ and công chức
    # (level, numerator, denominator, strict): HTXS needs ≥ 2/3 of full members, HTT more than 1/2.
    ballot_thresholds: tuple[tuple[Level, int, int, bool], ...] = (
        (Level.EXCELLENT, 2, 3, False),
        (Level.GOOD, 1, 2, True),
    )

    # --- quota (R-50..R-50g) ---
    quota_ratio: tuple[int, int] = (1, 5)
    # R-50h (QĐ366 Điều 11): the share the competent level may raise a scope to for an outstanding unit
    # (1/4: 25 %); None where the ruleset's texts have no such exception.
    quota_exception_share: tuple[int, int] | None = None
    rounding: Rounding = "floor"
    quota_rules: Mapping[QuotaKind, str] = field(default_factory=lambda: MappingProxyType({}))
    state_rate_quota: bool = True  # R-50f
    # The state regimes the CBCCVC 20 % quota (R-50g) applies under; None: every CBCCVC.
    state_quota_regimes: frozenset[StateRegime] | None = None

    # R-100 (QĐ366): the periods evaluated — "TERM", "YEAR", "QUARTER", "AD_HOC" (khi cần thiết).
    periods: frozenset[str] = frozenset({"TERM", "YEAR"})
    # how the year reads its quarters (``rules.quarters``): the mean of the quarter scores is
    # this project's reading, to be confirmed — "off" shows it, "warn" flags a year above its band,
    # "enforce" caps the year there.
    quarters_in_year: Switch = "off"

    # --- order (R-70, R-70b, R-62, S-13) ---
    collective_first_rule: str = "S-13"

    def covers(self, year: int) -> bool:
        """Return True when the ruleset applies to campaign ``year``."""
        return self.valid_from_year <= year and (self.valid_to_year is None or year <= self.valid_to_year)

    def deadline_for(self, tier: Tier, year: int) -> date | None:
        """Return the deadline of ``tier`` for the campaign of ``year`` (S-10), if the ruleset has one.

        A deadline stored as ``(month, day, year_offset)`` falls in ``year + year_offset``.
        """
        entry = self.deadlines.get(tier)
        if entry is None:
            return None
        month, day, offset = entry
        return date(year + offset, month, day)

    def evaluates(self, period: str) -> bool:
        """Return True when the ruleset evaluates subjects by ``period`` (R-100: QĐ366 adds quarters)."""
        return period in self.periods

    def is_reorganized(self, established_on: date | None, flagged: bool) -> bool:
        """Return True when the R-11 merger switch classifies a unit although it is under six months old."""
        if not self.reorganized_units_classified:
            return False
        return flagged or (established_on is not None and established_on in self.reorganization_dates)

    def state_quota_applies(self, year: int, category: CivilServiceCategory) -> bool:
        """Return True when the CBCCVC 20 % quota (R-50g) binds a person of ``category`` in ``year``.

        ND335 sets it for công chức from 2026; ND90/ND48 have no such quota, only R-50f.
        """
        regimes = self.state_quota_regimes
        if regimes is None:
            return True
        return category.is_cbccvc and self.state_regime(year, category) in regimes

    def quota_rule(self, kind: QuotaKind) -> str | None:
        """Return the rule id of quota ``kind``, or None when the ruleset has no such quota."""
        if kind is QuotaKind.ORGANIZATIONS and self.organization_quota == "off":
            return None
        return self.quota_rules.get(kind)

    def score_level(self, score: float) -> Level:
        """Return the level a 100-point ``score`` reaches (R-58, R-59)."""
        for threshold, level in self.score_bands:
            if score >= threshold:
                return level
        return Level.NOT_COMPLETED
