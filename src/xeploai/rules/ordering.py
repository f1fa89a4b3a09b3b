"""Order a campaign's decisions and refuse a decision that comes too early.

Rules: R-70 (QĐ124 Art. 11 / HD21 II.B.6: state activities before the party organization,
lower before higher, collectives before their members), R-70b (ND90 Art. 20(2): CBCCVC before
party members), R-62 (heads after their units), S-13 (a member's review opens after the
collective's). ``plan_order`` turns ``OrderFacts`` into stages (batches that may be decided in
parallel); ``OrderPlan.check`` refuses one decision whose prerequisites are not decided yet.

Also the turns inside a review meeting (R-70c), the length of the meeting (R-93), the steps before
a CBCCVC decision (R-84, R-85) and the due dates (S-10, R-90, R-91, R-92).

R-61 (collective not above its unit) is a cap, not an order edge: a chi ủy is decided before
its members (R-70), who come before their chi bộ (R-34), so an edge "unit before collective"
would make a cycle. The cap is checked whenever the unit's level is known.
"""

from __future__ import annotations

from collections.abc import Container, Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum
from types import MappingProxyType

from .findings import Finding, SubjectKey
from .kinds import CivilServiceCategory, CollectiveKind, SubjectType, Tier
from .model import OrderFacts
from .rulesets.base import Ruleset

__all__ = [
    "MeetingRole",
    "OrderPlan",
    "Prerequisite",
    "Step",
    "check_deadline",
    "check_meeting_length",
    "check_meeting_order",
    "check_prerequisites",
    "check_steps",
    "due_date",
    "meeting_order",
    "order_prerequisites",
    "plan_order",
    "quarter_due_date",
    "required_steps",
]

Prerequisite = tuple[SubjectKey, str, str]
"""``(subject that must be decided first, rule id, refusal code)``."""


def _sort_key(key: SubjectKey) -> tuple[str, int, int | str]:
    ident: Hashable = key[1]
    return (key[0].value, 0, ident) if isinstance(ident, int) else (key[0].value, 1, str(ident))


@dataclass(frozen=True, slots=True)
class OrderPlan:
    """Hold the stages of a campaign and each subject's prerequisites.

    ``stages[0]`` may be decided first; a subject in a cycle is in no stage and has an
    ``order.cycle`` finding in ``findings``.
    """

    stages: tuple[tuple[SubjectKey, ...], ...]
    findings: tuple[Finding, ...]
    prerequisites: Mapping[SubjectKey, tuple[Prerequisite, ...]]

    def stage_of(self, key: SubjectKey) -> int | None:
        """Return the index of the stage ``key`` is in, or None."""
        for i, stage in enumerate(self.stages):
            if key in stage:
                return i
        return None

    def check(self, key: SubjectKey, decided: Container[SubjectKey]) -> tuple[Finding, ...]:
        """Refuse deciding ``key`` while a prerequisite is undecided: one finding per missing one."""
        return check_prerequisites(self.prerequisites, key, decided)


def check_prerequisites(
    prerequisites: Mapping[SubjectKey, tuple[Prerequisite, ...]],
    key: SubjectKey,
    decided: Container[SubjectKey],
) -> tuple[Finding, ...]:
    """R-70, R-70b, R-62, S-13: one blocking finding per prerequisite of ``key`` not in ``decided``."""
    out = []
    for before, rule_id, code in prerequisites.get(key, ()):
        if before not in decided:
            params = MappingProxyType({"subject": key, "waiting_for": before})
            out.append(Finding(rule_id, code, params, True))
    return tuple(out)


def plan_order(ruleset: Ruleset, facts: Iterable[OrderFacts]) -> OrderPlan:
    """Build the decision order of a campaign from its subjects' ``OrderFacts``.

    Prerequisites that are not subjects of the campaign are ignored for staging (they are
    facts from elsewhere) and reported once as non-blocking ``order.unknown_reference``.
    """
    nodes, pre = _edges(ruleset, facts)
    findings: list[Finding] = []
    waiting: dict[SubjectKey, int] = {}
    followers: dict[SubjectKey, list[SubjectKey]] = {}
    for key in nodes:
        n = 0
        for before, _rule, _code in pre.get(key, ()):
            if before in nodes:
                n += 1
                followers.setdefault(before, []).append(key)
            else:
                params = MappingProxyType({"subject": key, "waiting_for": before})
                findings.append(Finding("R-70", "order.unknown_reference", params, False))
        waiting[key] = n
    stages: list[tuple[SubjectKey, ...]] = []
    ready = sorted((k for k, n in waiting.items() if n == 0), key=_sort_key)
    while ready:
        stages.append(tuple(ready))
        nxt = []
        for key in ready:
            for follower in followers.get(key, ()):
                waiting[follower] -= 1
                if waiting[follower] == 0:
                    nxt.append(follower)
        ready = sorted(nxt, key=_sort_key)
    stuck = sorted((k for k, n in waiting.items() if n > 0), key=_sort_key)
    if stuck:
        findings.append(Finding("R-70", "order.cycle", MappingProxyType({"subjects": tuple(stuck)}), True))
    findings.sort(key=lambda f: (f.code, repr(f.params)))
    prerequisites = MappingProxyType({k: tuple(v) for k, v in pre.items() if k in nodes or v})
    return OrderPlan(tuple(stages), tuple(findings), prerequisites)


def _edges(
    ruleset: Ruleset, facts: Iterable[OrderFacts]
) -> tuple[set[SubjectKey], dict[SubjectKey, list[Prerequisite]]]:
    """The subjects and each one's prerequisites (R-70, R-70b, R-62, S-13), before any staging."""
    collective_rule = ruleset.collective_first_rule
    pre: dict[SubjectKey, list[Prerequisite]] = {}
    nodes: set[SubjectKey] = set()
    for f in facts:
        nodes.add(f.key)
        mine = pre.setdefault(f.key, [])
        if f.parent is not None:
            pre.setdefault(f.parent, []).append((f.key, "R-70", "order.higher_before_lower"))
        if f.collective is not None:
            mine.append((f.collective, collective_rule, "order.individual_before_collective"))
        if f.head_of is not None:
            mine.append((f.head_of, "R-62", "order.head_before_unit"))
        if f.civil_service is not None:
            mine.append((f.civil_service, "R-70b", "order.party_before_civil_service"))
        for state in f.same_level_state:
            mine.append((state, "R-70", "order.party_org_before_state"))
    return nodes, pre


def order_prerequisites(
    ruleset: Ruleset, facts: Iterable[OrderFacts]
) -> Mapping[SubjectKey, tuple[Prerequisite, ...]]:
    """Each subject's prerequisites as ``plan_order`` gives them, without staging the whole campaign.

    Checking decisions (``check_prerequisites``) needs only these; the stages (a topological sort of
    every subject of the campaign) are for planning the order and finding cycles."""
    nodes, pre = _edges(ruleset, facts)
    return MappingProxyType({k: tuple(v) for k, v in pre.items() if k in nodes or v})


# --- inside a review meeting (R-70c, R-93) ----------------------------------------------------


class MeetingRole(IntEnum):
    """Order the turns of a review meeting: the collective, the head, the deputies, the members (R-70c)."""

    COLLECTIVE = 0
    HEAD = 1
    DEPUTY = 2
    MEMBER = 3

    @property
    def label(self) -> str:
        """Return the Vietnamese name of the turn."""
        return _MEETING_ROLE_LABELS[self][0]

    @property
    def english(self) -> str:
        """Return the English name of the turn."""
        return _MEETING_ROLE_LABELS[self][1]


_MEETING_ROLE_LABELS = {
    MeetingRole.COLLECTIVE: ("tập thể", "the collective"),
    MeetingRole.HEAD: ("người đứng đầu", "the head"),
    MeetingRole.DEPUTY: ("cấp phó", "a deputy"),
    MeetingRole.MEMBER: ("thành viên", "a member"),
}


def meeting_order(entries: Iterable[tuple[SubjectKey, MeetingRole]]) -> tuple[SubjectKey, ...]:
    """Return the review turns of one meeting: the collective, then the head, deputies, members (R-70c).

    Stable: the entries of one role keep their input order.
    """
    return tuple(key for key, _role in sorted(entries, key=lambda entry: entry[1]))


def check_meeting_order(sequence: Iterable[tuple[SubjectKey, MeetingRole]]) -> tuple[Finding, ...]:
    """Refuse each review held before a turn that comes first (R-70c): one finding per early review.

    ``sequence`` is the order the reviews were (or are to be) held in.
    """
    entries = list(sequence)
    out = []
    first_after: MeetingRole | None = None  # the earliest role among the reviews held after this one
    for key, role in reversed(entries):
        if first_after is not None and first_after < role:
            params = MappingProxyType({"subject": key, "role": role, "before": first_after})
            out.append(Finding("R-70c", "order.meeting_turn", params, True))
        if first_after is None or role < first_after:
            first_after = role
    out.reverse()
    return tuple(out)


def check_meeting_length(
    ruleset: Ruleset, days: int, *, tier: Tier | None = None, kind: CollectiveKind | None = None
) -> tuple[Finding, ...]:
    """Flag a review meeting shorter than the ruleset asks (R-93); non-blocking.

    HD43: a review meeting lasts at least 1 day, 2 days for the provincial standing committee. No
    finding when the ruleset sets no length.
    """
    needed = ruleset.meeting_min_days
    if tier is not None and kind is not None:
        needed = ruleset.meeting_min_days_by_collective.get((tier, kind), needed)
    if needed is None or days >= needed:
        return ()
    return (Finding("R-93", "flag.meeting_short", MappingProxyType({"days": days, "needed": needed}), False),)


# --- steps of the state-side procedure (R-84, R-85) -------------------------------------------


class Step(StrEnum):
    """Name a step of the ND90 procedure for a CBCCVC (R-84, R-85)."""

    SELF_REPORT = "SELF_REPORT"
    MEETING = "MEETING"
    PARTY_COMMITTEE_COMMENT = "PARTY_COMMITTEE_COMMENT"
    CONSOLIDATION = "CONSOLIDATION"

    @property
    def label(self) -> str:
        """Return the Vietnamese name of the step."""
        return _STEP_LABELS[self]


_STEP_LABELS = {
    Step.SELF_REPORT: "Tự đánh giá, báo cáo kết quả công tác",
    Step.MEETING: "Cuộc họp nhận xét, đánh giá",
    Step.PARTY_COMMITTEE_COMMENT: "Ý kiến của cấp ủy đảng cùng cấp",
    Step.CONSOLIDATION: "Cơ quan tham mưu tổng hợp, đề xuất",
}


def required_steps(
    ruleset: Ruleset, category: CivilServiceCategory, *, manager: bool, year: int
) -> tuple[tuple[Step, str, bool], ...]:
    """Return the steps before the decision on a CBCCVC: ``(step, rule id, RECALLED)`` in order.

    R-84 (ND90 Art. 19(1)), a viên chức who is a head or deputy: self-report, meeting, the comment of
    the unit's party committee, consolidation. R-85 (ND90 Arts. 17, 18; RECALLED, behind
    ``recalled_procedure``): the same for cán bộ and công chức, the party committee's comment for
    leaders only. Công chức under ND335 (R-59) and other cases: none listed.
    """
    if category is CivilServiceCategory.PUBLIC_EMPLOYEE and manager:
        return tuple((step, "R-84", False) for step in Step)
    if category in (CivilServiceCategory.CADRE, CivilServiceCategory.CIVIL_SERVANT):
        if ruleset.recalled_procedure == "off" or ruleset.state_regime(year, category) == "nd335":
            return ()
        steps = [s for s in Step if manager or s is not Step.PARTY_COMMITTEE_COMMENT]
        return tuple((step, "R-85", True) for step in steps)
    return ()


def check_steps(
    ruleset: Ruleset, category: CivilServiceCategory, done: Container[Step], *, manager: bool, year: int
) -> tuple[Finding, ...]:
    """Refuse the decision on a CBCCVC while a required step is not done (R-84; R-85 when switched on).

    One finding per missing step; a RECALLED step is blocking only under ``enforce``.
    """
    out = []
    for step, rule_id, recalled in required_steps(ruleset, category, manager=manager, year=year):
        if step in done:
            continue
        if recalled:
            params = MappingProxyType({"step": step, "unconfirmed": True})
            out.append(
                Finding(rule_id, "order.step_missing", params, ruleset.recalled_procedure == "enforce")
            )
        else:
            out.append(Finding(rule_id, "order.step_missing", MappingProxyType({"step": step}), True))
    return tuple(out)


# --- deadlines (S-10, R-90, R-91, R-92) -------------------------------------------------------


def due_date(
    ruleset: Ruleset,
    subject_type: SubjectType,
    *,
    year: int,
    tier: Tier | None = None,
    category: CivilServiceCategory = CivilServiceCategory.NONE,
    own_working_year: bool = False,
) -> tuple[date, str] | None:
    """Return the date a decision is due by and the rule behind it, or None when no date is set.

    CBCCVC: before 15 December (R-90, ND90 Art. 20), a unit whose working year ends before December
    sets its own time (``own_working_year``: none here); công chức under ND335 (R-91): before 15
    December, a unit with special functions by 15 January of the next year. Party side: the
    deadline of the subject's tier in the ruleset's plan (S-10); the central texts fix none (R-92).
    """
    if subject_type is SubjectType.CIVIL_SERVANT:
        if ruleset.state_regime(year, category) == "nd335":
            if own_working_year:
                month, day, offset = ruleset.special_unit_deadline
                return date(year + offset, month, day), "R-91"
            month, day = ruleset.state_deadline
            return date(year, month, day), "R-91"
        if own_working_year:
            return None
        month, day = ruleset.state_deadline
        return date(year, month, day), "R-90"
    if tier is None:
        return None
    due = ruleset.deadline_for(tier, year)
    return None if due is None else (due, ruleset.deadline_rule)


def quarter_due_date(ruleset: Ruleset, year: int, quarter: int) -> tuple[date, str] | None:
    """Return when a quarter's results of leaders are reported: before the 15th of its last month (R-101).

    KL198 (08/10/2025): leaders and managers are evaluated every quarter and each level reports the
    quarter's results "trước ngày 15 của tháng cuối quý"; a report dated the 15th is late (exclusive, as
    S-10). None when the ruleset has no quarterly evaluation (R-100).

    >>> from xeploai.rules import QD366_2025
    >>> quarter_due_date(QD366_2025, 2026, 2)
    (datetime.date(2026, 6, 15), 'R-101')
    """
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1..4, not {quarter}")
    if not ruleset.evaluates("QUARTER"):
        return None
    return date(year, 3 * quarter, 15), "R-101"


def check_deadline(
    ruleset: Ruleset,
    subject_type: SubjectType,
    decided_on: date,
    *,
    year: int,
    tier: Tier | None = None,
    category: CivilServiceCategory = CivilServiceCategory.NONE,
    own_working_year: bool = False,
) -> tuple[Finding, ...]:
    """Flag a decision made on or after its due date (``due_date``): non-blocking, the decision stands.

    The texts say "trước ngày X" (S-10, R-90, R-91): before X, so a decision dated X is late.
    """
    due = due_date(
        ruleset, subject_type, year=year, tier=tier, category=category, own_working_year=own_working_year
    )
    if due is None or decided_on < due[0]:  # "trước ngày X": on X itself is late (S-10, R-90, R-91)
        return ()
    params = MappingProxyType({"due": due[0], "decided_on": decided_on})
    return (Finding(due[1], "flag.late", params, False),)
