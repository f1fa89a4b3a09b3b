"""Declare the frozen facts the core reads: plain values only (dates, ints, enums, tuples).

The Django bridge builds these in bulk from rows, as of the campaign's reference date. Every
class is ``frozen=True, slots=True``; tuples, never lists, so facts are hashable and cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .findings import SubjectId, SubjectKey
from .kinds import (
    CivilServiceCategory,
    CollectiveKind,
    DisciplineForm,
    OrgKind,
    Side,
    StatusKind,
    SubjectType,
    Tier,
)
from .levels import Grade, Level

__all__ = [
    "CollectiveFacts",
    "DisciplineFact",
    "LeaveFact",
    "LevelCounts",
    "OrderFacts",
    "OrganizationFacts",
    "PersonFacts",
    "RatingDetails",
    "RatingFacts",
    "StatusPeriod",
    "TransferFact",
]


@dataclass(frozen=True, slots=True)
class StatusPeriod:
    """Hold one party status (EXEMPT, SUSPENDED, COMMITTEE_SUSPENDED) from ``start`` to ``end``.

    A status applies to the campaign when it is in force on the counting date (S-04):
    ``start <= counted_to`` and (``end is None`` or ``end >= counted_to``).
    """

    kind: StatusKind
    start: date
    end: date | None = None


@dataclass(frozen=True, slots=True)
class LeaveFact:
    """Hold one leave period (SICK_LEAVE or MATERNITY_LEAVE), both ends included."""

    kind: StatusKind
    start: date
    end: date | None = None


@dataclass(frozen=True, slots=True)
class DisciplineFact:
    """Hold one disciplinary decision.

    ``violation_id`` identifies the violation, so that one violation is counted once across
    years and across the party and state sides (R-33d, R-76). ``in_duties`` says the violation
    was committed while performing duties (R-55, R-59). ``self_remedied``: self-detected and
    consequences fully remedied (tự phát hiện và khắc phục xong hậu quả — R-36, R-57, R-72).
    ``violation_year``: the year the violation happened, if known; where the ruleset says so, a
    discipline decided in a later year counts against the year of the violation (R-73).
    ``at_previous_unit``: the violation was committed at the agency the person left; it counts
    there, not against the new agency's collective (R-74).
    """

    violation_id: str
    form: DisciplineForm
    side: Side
    decided_on: date
    in_duties: bool = True
    self_remedied: bool = False
    violation_year: int | None = None
    at_previous_unit: bool = False


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """Describe a person for eligibility: party membership, state category, leadership.

    One person yields up to three subjects: PARTY_MEMBER (``is_party_member``), CIVIL_SERVANT
    (``category`` other than NONE) and LEADER (``is_leader``). ``meeting_on`` is the review
    meeting of the person's organization, ``deadline`` the deadline of its level (S-04, S-10).
    ``employed_from`` is when the person started at the current agency (R-25).
    """

    id: SubjectId
    is_party_member: bool = True
    admitted_on: date | None = None
    statuses: tuple[StatusPeriod, ...] = ()
    leaves: tuple[LeaveFact, ...] = ()
    category: CivilServiceCategory = CivilServiceCategory.NONE
    employed_from: date | None = None
    is_leader: bool = False
    meeting_on: date | None = None
    deadline: date | None = None


@dataclass(frozen=True, slots=True)
class CollectiveFacts:
    """Describe a leadership collective for eligibility (S-01, S-02, S-06, R-11).

    ``named_by_district``: an OTHER collective on the district's configurable list (S-01).
    ``youth_union``: the standing committee of the provincial Youth Union (S-06).
    ``reorganized``: formed by the 2025 reorganization (R-11 merger switch); a unit established on
    the ruleset's reorganization date counts as such even without it.
    """

    id: SubjectId
    kind: CollectiveKind
    tier: Tier
    member_count: int
    established_on: date | None = None
    meeting_on: date | None = None
    deadline: date | None = None
    named_by_district: bool = False
    youth_union: bool = False
    reorganized: bool = False


@dataclass(frozen=True, slots=True)
class OrganizationFacts:
    """Describe an organization for eligibility (S-05, R-11); ``reorganized`` as in ``CollectiveFacts``."""

    id: SubjectId
    kind: OrgKind
    tier: Tier
    established_on: date | None = None
    meeting_on: date | None = None
    deadline: date | None = None
    reorganized: bool = False


@dataclass(frozen=True, slots=True)
class LevelCounts:
    """Count classified members (or subordinate organizations) per level (R-34, R-63)."""

    not_completed: int = 0
    completed: int = 0
    good: int = 0
    excellent: int = 0

    @property
    def total(self) -> int:
        """Return the number classified: the denominator of the 80 % rule."""
        return self.not_completed + self.completed + self.good + self.excellent

    @classmethod
    def of(cls, levels: tuple[Level, ...] | list[Level]) -> LevelCounts:
        """Count a sequence of levels."""
        counts = [0, 0, 0, 0]
        for level in levels:
            counts[level] += 1
        return cls(*counts)


@dataclass(frozen=True, slots=True)
class TransferFact:
    """Describe a move to the current unit (chuyển công tác, chuyển sinh hoạt đảng) — R-16, R-28.

    ``moved_on`` is the first day at the new unit; ``old_unit_from`` the first day at the old one
    (None: before the evaluation year). ``old_unit_comment``: the old unit's written comment was
    received. ``old_unit_exists``: False when the old agency no longer exists (R-28).
    """

    moved_on: date
    old_unit_from: date | None = None
    old_unit_comment: bool = False
    old_unit_exists: bool = True


@dataclass(frozen=True, slots=True)
class RatingDetails:
    """Hold the facts that few subjects have; ``RatingFacts.details`` is None for everyone else.

    One object instead of many fields keeps the batch check at one ``is None`` test per subject.
    A limb of a rule is checked only when its facts are given (a count of 0 or None: not given).

    - ``grades``: the criterion grades, each ``(grade, is_result_criterion)`` — the criteria on the
      results of the assigned political task (R-30(2), R-31, R-32, R-34(2), R-35, R-36, R-38, R-39,
      R-56);
    - ``tasks_total``/``tasks_late``/``tasks_exceeded``: the subject's own tasks (results criteria),
      those not done on time, with quality and efficiency, and those exceeded (vượt mức) — R-42,
      R-45..R-54, R-56;
    - ``unit_targets``/``unit_targets_met``/``unit_targets_on_time``/``unit_targets_exceeded``: the
      targets of the unit a manager leads; ``subunit_counts``: the levels of the units under direct
      management (R-42, R-45..R-48, R-52..R-54, R-65); ``unit_corruption``: a unit or individual under
      direct leadership involved in embezzlement, corruption or waste and handled, not self-detected
      and remedied (R-66, R-48);
    - ``subordinate_count``: the subordinate units of an organization or collective, the denominator
      of "over 20 % of subordinate units disciplined" (R-57, R-64);
    - ``degradation_concluded``: the competent level concluded signs of degradation, "tự diễn biến",
      "tự chuyển hóa" (individuals) or internal disunity (collectives, organizations) — R-33a, R-40a,
      R-57;
    - ``transfer`` (R-16, R-28); ``temporary_comment``: None without temporary party activity, else
      whether the temporary cell's comment was received (R-17);
    - ``post_levels``: the levels voted at the other places where the person holds a post (R-67);
    - ``state_assessed_on``: when a CBCCVC was classified, if already done; before ND48 came into force
      the earlier law keeps applying (R-02);
    - ``unit_tasks_total``/``unit_tasks_done``: the tasks of the unit a collective or leader leads, and
      those completed; ``basic_targets_missed``: the basic socio-economic targets (5 for a local
      committee) not reached; ``confidence_votes``/``confidence_low``: the leader's confidence vote,
      ballots cast and "low confidence" ballots — the KHTNV limbs of R-106 (QĐ366).

    Under QĐ366 (R-58) ``tasks_total``/``tasks_late``/``tasks_exceeded`` are the subject's tasks of the
    period, late meaning not done on time (objective causes excused by the register); the task register
    feeds them.
    """

    grades: tuple[tuple[Grade, bool], ...] = ()
    tasks_total: int = 0
    tasks_late: int = 0
    tasks_exceeded: int = 0
    unit_targets: int = 0
    unit_targets_met: int = 0
    unit_targets_on_time: int = 0
    unit_targets_exceeded: int = 0
    subunit_counts: LevelCounts | None = None
    unit_corruption: bool = False
    subordinate_count: int = 0
    degradation_concluded: bool = False
    transfer: TransferFact | None = None
    temporary_comment: bool | None = None
    post_levels: tuple[Level, ...] = ()
    state_assessed_on: date | None = None
    unit_tasks_total: int = 0
    unit_tasks_done: int = 0
    basic_targets_missed: bool = False
    confidence_votes: int = 0
    confidence_low: int = 0


@dataclass(frozen=True, slots=True)
class RatingFacts:
    """Describe a subject with a proposed level, for caps and linkage checks.

    Only the fields that matter to the subject type need be set:

    - all: ``proposed``, ``disciplines`` (decisions about the subject itself),
      ``counted_violations`` (violation ids already used as the basis of a KHTNV in an earlier
      year — R-33d, R-76), ``targets_assigned``/``targets_met`` (R-33b, R-37, R-40b),
      ``score`` (100-point regimes, R-58, R-59) — the score given at this stage or, when the stage gave
      none, carried from the previous stage (``score_carried``);
    - PARTY_MEMBER / CIVIL_SERVANT: ``leaves`` (R-13, R-14, R-26, R-27), ``category`` and, for
      a party member who is CBCCVC, ``civil_service_level`` (R-30, R-33c, R-60);
    - LEADER: ``is_head``, ``unit_level`` (R-62, R-66), ``head_not_connected`` (R-18);
    - COLLECTIVE: ``unit_level`` (R-61), ``members_disciplined`` (R-40d, R-58);
    - ORGANIZATION: ``member_counts`` (R-34, R-63), ``same_level_levels`` — government,
      Fatherland Front and mass organizations at the same level (R-34), ``subordinates_disciplined``
      (also for a COLLECTIVE: R-57, R-64);
    - ``details``: the rarer facts (``RatingDetails``), None for most subjects;
    - CIVIL_SERVANT (ND335, from the task register): ``tasks_total`` (tasks due in the period, those
      excused for an objective cause left out), ``tasks_on_time``, ``tasks_exceeded``, ``tasks_late``
      (late or not done) and ``task_score``, the points computed from them (R-58, R-59, R-102;
      ``rules.scoring``); None when the register holds no task for the period.
    """

    subject_id: SubjectId
    subject_type: SubjectType
    proposed: Level
    category: CivilServiceCategory = CivilServiceCategory.NONE
    disciplines: tuple[DisciplineFact, ...] = ()
    counted_violations: frozenset[str] = field(default_factory=frozenset)
    leaves: tuple[LeaveFact, ...] = ()
    civil_service_level: Level | None = None
    unit_level: Level | None = None
    is_head: bool = False
    head_not_connected: bool = False
    targets_assigned: int = 0
    targets_met: int = 0
    key_targets_missed: bool = False
    force_majeure: bool = False
    member_counts: LevelCounts | None = None
    same_level_levels: tuple[Level, ...] = ()
    members_disciplined: tuple[DisciplineFact, ...] = ()
    subordinates_disciplined: int = 0
    score: float | None = None
    score_carried: bool = False
    details: RatingDetails | None = None
    tasks_total: int = 0
    tasks_on_time: int = 0
    tasks_exceeded: int = 0
    tasks_late: int = 0
    task_score: float | None = None


@dataclass(frozen=True, slots=True)
class OrderFacts:
    """Describe where a subject sits, so the core can order decisions (R-70, R-70b, R-62, S-13).

    - ``parent``: the higher subject this one rolls up into (a cell into its committee, a party
      member into its cell) — decided after this one (R-70: lower before higher).
    - ``collective``: the leadership collective an individual belongs to — decided before (R-70,
      S-13).
    - ``head_of``: the unit a head leads — decided before the head (R-62).
    - ``civil_service``: the CBCCVC subject of the same person — decided before the party member
      (R-70b).
    - ``same_level_state``: government, Front and mass organizations at the same level —
      decided before the party organization (R-70).
    """

    key: SubjectKey
    parent: SubjectKey | None = None
    collective: SubjectKey | None = None
    head_of: SubjectKey | None = None
    civil_service: SubjectKey | None = None
    same_level_state: tuple[SubjectKey, ...] = ()
