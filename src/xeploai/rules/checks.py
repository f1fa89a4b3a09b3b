"""Cap a proposed level and report every violated rule (discipline, leave, linkage, thresholds).

``check(ruleset, facts, year=...)`` returns a ``CapResult``: the highest level allowed and the
findings behind it. A finding is emitted for every cap below HTXS; it is ``blocking`` when the
proposal exceeds that cap. A missing prerequisite of the decision (``link.*``: the old unit's
comment after a transfer, R-16, R-28; the temporary cell's comment, R-17) blocks without capping.
Flags (maternity leave, a violation already counted, a pending CBCCVC result) are non-blocking.
RECALLED rules run only when the ruleset switches them on; their findings carry
``params["unconfirmed"] = True``.

The rarer facts (criterion grades, tasks, unit targets, transfers, several posts: ``RatingDetails``)
are read only when ``facts.details`` is set, so the common subject pays one ``is None`` test.

Batch entry point: ``check_many(ruleset, facts, year=...)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from types import MappingProxyType

from .batch import gc_paused
from .dates import days_in_year, has_full_months, reaches_months
from .findings import CapResult, Finding
from .kinds import CivilServiceCategory, DisciplineForm, StatusKind, SubjectType
from .levels import Grade, Level
from .model import DisciplineFact, LeaveFact, RatingDetails, RatingFacts, TransferFact
from .rulesets.base import Ruleset

__all__ = ["check", "check_ballot", "check_many", "term_level"]

_EX, _GOOD, _DONE, _KO = Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED
_SICK, _MATERNITY = StatusKind.SICK_LEAVE, StatusKind.MATERNITY_LEAVE
_NONE = CivilServiceCategory.NONE
_UNCONFIRMED = MappingProxyType({"unconfirmed": True})


class _Caps:
    """Collect caps for one subject: the running maximum and the findings."""

    __slots__ = ("findings", "max_level", "proposed", "until")

    def __init__(self, proposed: Level, until: date | None = None) -> None:
        self.proposed = proposed
        self.max_level = _EX
        self.findings: list[Finding] = []
        self.until = until  # the campaign's reference date: open leaves are counted to it

    def cap(self, rule_id: str, code: str, cap: Level, **params: object) -> None:
        """Lower the maximum to ``cap`` and record why (blocking when the proposal is above it)."""
        if cap < self.max_level:
            self.max_level = cap
        params["cap"] = cap
        self.findings.append(Finding(rule_id, code, MappingProxyType(params), self.proposed > cap))

    def flag(self, rule_id: str, code: str, **params: object) -> None:
        """Record a non-blocking finding."""
        self.findings.append(Finding(rule_id, code, MappingProxyType(params), False))

    def block(self, rule_id: str, code: str, **params: object) -> None:
        """Record a blocking finding that caps nothing: a prerequisite of the decision is missing."""
        self.findings.append(Finding(rule_id, code, MappingProxyType(params), True))


# --- discipline -------------------------------------------------------------------------------


def _discipline_basis(
    acc: _Caps,
    d: DisciplineFact,
    *,
    year: int,
    rule_id: str,
    code: str,
    earlier_rule: str | None,
    seen: set[str],
    at_decision: bool = False,
) -> tuple[str, str] | None:
    """The rule and finding code a discipline counts under in ``year``, None when it does not count here.

    A decision of another year does not count. With ``earlier_rule`` (R-73), a violation of an earlier
    year counts against that year; in the year of the decision it is flagged once, not counted. Under
    R-104 (QĐ366, ``at_decision``) it counts at the current review, the year of the decision.
    """
    happened = d.violation_year
    if at_decision and earlier_rule is not None and happened is not None and happened < d.decided_on.year:
        if d.decided_on.year != year:
            return None
        return earlier_rule, "cap.discipline_earlier_violation"
    if earlier_rule is not None and happened is not None and happened < d.decided_on.year:
        if happened == year:
            return earlier_rule, "cap.discipline_violation_year"
        if d.decided_on.year == year and d.violation_id not in seen:
            seen.add(d.violation_id)
            acc.flag(
                earlier_rule,
                "discipline.violation_year",
                violation_id=d.violation_id,
                form=d.form,
                violation_year=happened,
            )
        return None
    if d.decided_on.year != year:
        return None
    return rule_id, code


def _discipline(
    acc: _Caps,
    disciplines: tuple[DisciplineFact, ...],
    counted: frozenset[str],
    rule_id: str,
    exception: bool,
    *,
    year: int,
    cap: Level = _KO,
    code: str = "cap.discipline",
    min_form: DisciplineForm = DisciplineForm.REPRIMAND,
    in_duties_only: bool = False,
    earlier_rule: str | None = None,
    previous_unit_rule: str | None = None,
    earlier_at_decision: bool = False,
) -> None:
    """Cap for disciplines decided in ``year``, each violation counted once.

    A violation id in ``counted`` was already the basis of a KHTNV in an earlier year and is
    not counted again (R-33d "một vi phạm bị kỷ luật chỉ tính một lần khi xếp loại"; R-76).
    Several decisions on one violation in the year (party and state) give one finding.
    With ``exception``, a self-detected and remedied violation is not counted (R-36, R-57, R-72:
    "trừ trường hợp tự phát hiện và khắc phục xong hậu quả").

    With ``earlier_rule`` (R-73, QĐ124 Art. 12(4.5)), a discipline decided in a later year for a
    violation of an earlier year counts against the year of the violation, which the superior
    re-examines: in the year of the decision it is a non-blocking flag. With ``previous_unit_rule``
    (R-74, QĐ124 Art. 12(4.6)), a violation committed at the agency the person left counts there,
    not here (a non-blocking flag).
    """
    seen: set[str] = set()
    for d in disciplines:
        basis = _discipline_basis(
            acc,
            d,
            year=year,
            rule_id=rule_id,
            code=code,
            earlier_rule=earlier_rule,
            seen=seen,
            at_decision=earlier_at_decision,
        )
        if basis is None:
            continue
        rule, what = basis
        if d.violation_id in seen:
            continue
        seen.add(d.violation_id)
        if d.violation_id in counted:
            acc.flag(rule, "discipline.already_counted", violation_id=d.violation_id, form=d.form)
        elif exception and d.self_remedied:
            acc.flag(rule, "discipline.self_remedied", violation_id=d.violation_id, form=d.form)
        elif in_duties_only and not d.in_duties:
            acc.flag(rule, "discipline.not_in_duties", violation_id=d.violation_id, form=d.form)
        elif previous_unit_rule is not None and d.at_previous_unit:
            acc.flag(previous_unit_rule, "discipline.previous_unit", violation_id=d.violation_id, form=d.form)
        elif d.form.severity >= min_form.severity:
            acc.cap(rule, what, cap, violation_id=d.violation_id, form=d.form, decided_on=d.decided_on)


def _targets(acc: _Caps, f: RatingFacts, rule_id: str, key_rule: str | None = None) -> None:
    """Cap at KHTNV when under 50 % of targets are met, force majeure apart (R-33b, R-37, R-40b).

    "hoàn thành dưới 50% chỉ tiêu, nhiệm vụ" — exactly 50 % is not "under".
    """
    if f.force_majeure:
        return
    if f.targets_assigned > 0 and 2 * f.targets_met < f.targets_assigned:
        acc.cap(rule_id, "cap.targets_under_half", _KO, met=f.targets_met, assigned=f.targets_assigned)
    if key_rule is not None and f.key_targets_missed:
        acc.cap(key_rule, "cap.key_targets_missed", _KO)


def _own_disciplines(
    acc: _Caps, f: RatingFacts, ruleset: Ruleset, year: int, rule_id: str, exception: bool
) -> None:
    """The subject's own disciplines under ``rule_id``; a violation of an earlier year counts there (R-73)."""
    if f.disciplines:
        earlier = ruleset.earlier_violation_rule
        _discipline(
            acc,
            f.disciplines,
            f.counted_violations,
            rule_id,
            exception,
            year=year,
            earlier_rule=earlier,
            earlier_at_decision=ruleset.earlier_violation_counts_in == "decision",
        )


def _individual_discipline_and_targets(ruleset: Ruleset, f: RatingFacts, acc: _Caps, year: int) -> None:
    """Apply the individual's discipline (R-33d, R-72, R-73) and targets (R-33b) caps: party members, leaders.

    R-71 (HD21): "đảng viên bị xử lý kỷ luật trong năm" → KHTNV, the same limb as R-33d.
    """
    _own_disciplines(
        acc, f, ruleset, year, ruleset.party_discipline_rule, ruleset.party_self_remedied_exception
    )
    if f.targets_assigned or f.key_targets_missed:
        _targets(acc, f, ruleset.individual_targets_rule)


def _score(acc: _Caps, f: RatingFacts, ruleset: Ruleset, rule_id: str) -> None:
    """Cap at the band a 100-point score reaches: ≥90 HTXS, 70–<90 HTT, 50–<70 HTNV (R-58, R-59).

    Checked at every stage: a stage that gives no score is held to the score carried from the previous
    stage (``score_carried``), so a subject self-scored 55 is not decided HTXS without a finding.
    """
    score = f.score
    if score is None:
        acc.flag(rule_id, "score.missing")
        return
    level = ruleset.score_level(score)
    if level < _EX:
        if f.score_carried:
            acc.cap(rule_id, "cap.score_band_carried", level, score=score)
        else:
            acc.cap(rule_id, "cap.score_band", level, score=score)


def _leave_spans(leaves: tuple[LeaveFact, ...], maternity: bool) -> list[tuple[date, date | None]]:
    return [(lv.start, lv.end) for lv in leaves if (lv.kind is _MATERNITY) == maternity]


def _qd366_tasks(acc: _Caps, ruleset: Ruleset, d: RatingDetails, rule_id: str) -> None:
    """R-58 (QĐ366 Art. 11) task conditions, from the task register's counts.

    HTXS: 100 % of tasks on time and at least 30 % exceeded; HTT: 100 % on time; HTNV: at most 20 %
    late (exactly 20 % is still HTNV); more late is KHTNV. No tasks recorded: nothing to judge.
    """
    total, late, exceeded = d.tasks_total, d.tasks_late, d.tasks_exceeded
    if total <= 0:
        return
    num, den = ruleset.task_exceeded_share
    if 5 * late > total:
        cap = _KO
    elif late > 0:
        cap = _DONE
    elif den * exceeded < num * total:
        cap = _GOOD
    else:
        return
    acc.cap(rule_id, "cap.tasks_qd366", cap, total=total, late=late, exceeded=exceeded)


def _unit_limbs(acc: _Caps, ruleset: Ruleset, f: RatingFacts, d: RatingDetails) -> None:
    """R-106 (QĐ366) KHTNV limbs of a collective or a leader, behind the ``unit_limbs`` switch.

    The unit completes under 70 % of its tasks (the threshold replaces QĐ124's 50 %); it misses its
    basic socio-economic targets; over 50 % of its directly subordinate units are KHTNV; over 50 % of
    the confidence ballots on the leader are "low". The numbers are to be confirmed against Art. 11:
    ``warn`` makes each a non-blocking finding marked unconfirmed, ``enforce`` caps at KHTNV.
    """
    rule, switch = ruleset.unit_limbs_rule, ruleset.unit_limbs
    if rule is None or switch == "off":
        return
    found: list[tuple[str, dict[str, object]]] = []
    num, den = ruleset.unit_tasks_share
    if d.unit_tasks_total > 0 and den * d.unit_tasks_done < num * d.unit_tasks_total:
        found.append(("cap.unit_tasks_share", {"done": d.unit_tasks_done, "total": d.unit_tasks_total}))
    if d.basic_targets_missed:
        found.append(("cap.basic_targets_missed", {}))
    c = d.subunit_counts
    if c is not None and c.total > 0 and 2 * c.not_completed > c.total:
        found.append(("cap.subunits_half_failed", {"not_completed": c.not_completed, "units": c.total}))
    if f.subject_type is _LD and d.confidence_votes > 0 and 2 * d.confidence_low > d.confidence_votes:
        found.append(("cap.low_confidence", {"low": d.confidence_low, "votes": d.confidence_votes}))
    for code, params in found:
        if switch == "enforce":
            acc.cap(rule, code, _KO, unconfirmed=True, **params)
        else:
            acc.flag(rule, code, cap=_KO, unconfirmed=True, **params)


# --- the rarer facts (RatingDetails): criteria, tasks, transfers, several posts ----------------

_PM, _LD = SubjectType.PARTY_MEMBER, SubjectType.LEADER
_CO, _OR = SubjectType.COLLECTIVE, SubjectType.ORGANIZATION
_G_EX, _G_GOOD, _G_AVG = Grade.EXCELLENT, Grade.GOOD, Grade.AVERAGE

Requirement = tuple[Level, str, bool]
"""``(cap when the requirement fails, rule id, RECALLED)``."""

_QD124_COLLECTIVES = (
    (_GOOD, _G_EX, _G_GOOD, "R-56", False),
    (_DONE, _G_GOOD, _G_AVG, "R-56", False),
    (_KO, _G_AVG, _G_AVG, "R-56", False),
)
# (grade regime, subject type) → requirements from HTXS down: (cap when failed, lowest grade of the
# criteria on results of the political task, lowest grade of the other criteria, rule id, RECALLED).
_GRADE_TABLES: dict[tuple[str, SubjectType], tuple[tuple[Level, Grade, Grade, str, bool], ...]] = {
    # R-30(2): results "Xuất sắc", the others "Tốt"; R-31 (RECALLED) all "Tốt"; R-32 (RECALLED) all
    # "Trung bình" — below that the member does not reach HTNV.
    ("hd21", _PM): (
        (_GOOD, _G_EX, _G_GOOD, "R-30", False),
        (_DONE, _G_GOOD, _G_GOOD, "R-31", True),
        (_KO, _G_AVG, _G_AVG, "R-32", True),
    ),
    # R-34(2); R-35 (RECALLED): results "Tốt", the others "Trung bình"; R-36: all "Trung bình".
    ("hd21", _OR): (
        (_GOOD, _G_EX, _G_GOOD, "R-34", False),
        (_DONE, _G_GOOD, _G_AVG, "R-35", True),
        (_KO, _G_AVG, _G_AVG, "R-36", False),
    ),
    # R-38(2); R-39 (RECALLED): HTT and HTNV mirror.
    ("hd21", _CO): (
        (_GOOD, _G_EX, _G_GOOD, "R-38", False),
        (_DONE, _G_GOOD, _G_AVG, "R-39", True),
        (_KO, _G_AVG, _G_AVG, "R-39", True),
    ),
    # R-56 (QĐ124 Art. 12, collectives): HTXS all "Tốt" and task results "Xuất sắc"; HTT all
    # "Trung bình" and task results "Tốt"; HTNV basic criteria "Trung bình"; a "Kém" is KHTNV. The same
    # table for party organizations and leadership collectives.
    ("qd124", _OR): _QD124_COLLECTIVES,
    ("qd124", _CO): _QD124_COLLECTIVES,
}

# ND90 criteria of a CBCCVC by category: the rule (id, RECALLED) of HTXS, HTT, HTNV and of the
# other KHTNV limbs (degradation, a unit under direct management handled for corruption).
_STATE_CRITERIA: dict[tuple[CivilServiceCategory, bool], tuple[tuple[str, bool], ...]] = {
    # cán bộ: R-45 (Art. 4) sourced; R-46..R-48 (Arts. 5–7) RECALLED.
    (CivilServiceCategory.CADRE, False): (("R-45", False), ("R-46", True), ("R-47", True), ("R-48", True)),
    (CivilServiceCategory.CADRE, True): (("R-45", False), ("R-46", True), ("R-47", True), ("R-48", True)),
    # công chức (Arts. 8–11): RECALLED, leaders "as cán bộ".
    (CivilServiceCategory.CIVIL_SERVANT, False): (("R-49", True),) * 4,
    (CivilServiceCategory.CIVIL_SERVANT, True): (("R-49", True),) * 4,
    # viên chức: R-51 (non-manager HTXS), R-52 (manager HTXS), R-53, R-54 sourced; the other limbs
    # of Art. 15 RECALLED.
    (CivilServiceCategory.PUBLIC_EMPLOYEE, False): (
        ("R-51", False),
        ("R-53", False),
        ("R-54", False),
        ("R-55", True),
    ),
    (CivilServiceCategory.PUBLIC_EMPLOYEE, True): (
        ("R-52", False),
        ("R-53", False),
        ("R-54", False),
        ("R-55", True),
    ),
}


def _lowest(acc: _Caps, ruleset: Ruleset, failing: list[Requirement], code: str, **params: object) -> None:
    """Apply the lowest of the failed requirements of one limb, as one finding.

    A confirmed rule (or a RECALLED one under ``enforce``) caps; a RECALLED one under ``warn`` is
    a non-blocking flag marked unconfirmed, when it is lower than the cap; ``off`` ignores it.
    """
    switch = ruleset.recalled_criteria
    best: Requirement | None = None
    warn: Requirement | None = None
    for req in failing:
        if req[2] and switch != "enforce":
            if switch == "warn" and (warn is None or req[0] < warn[0]):
                warn = req
        elif best is None or req[0] < best[0]:
            best = req
    if best is not None:
        if best[2]:
            acc.cap(best[1], code, best[0], unconfirmed=True, **params)
        else:
            acc.cap(best[1], code, best[0], **params)
    if warn is not None and (best is None or warn[0] < best[0]):
        acc.flag(warn[1], code, cap=warn[0], unconfirmed=True, **params)


def _grades(
    acc: _Caps, ruleset: Ruleset, subject_type: SubjectType, grades: tuple[tuple[Grade, bool], ...]
) -> None:
    """Cap at the highest level the criterion grades support (R-30, R-31, R-32, R-34..R-39, R-56).

    HD21 II.B.2.3(a)(2), R-30: "các tiêu chí về kết quả thực hiện nhiệm vụ chính trị được giao đều
    được đánh giá 'Xuất sắc', các tiêu chí còn lại được đánh giá 'Tốt' trở lên". Only the grades
    given are judged.
    """
    regime = ruleset.grade_regime
    table = _GRADE_TABLES.get((regime, subject_type)) if regime is not None else None
    if table is None:
        return
    results = [g for g, is_result in grades if is_result]
    others = [g for g, is_result in grades if not is_result]
    low_result = min(results) if results else None
    low_other = min(others) if others else None
    failing = [
        (cap, rule, recalled)
        for cap, result_min, other_min, rule, recalled in table
        if (low_result is not None and low_result < result_min)
        or (low_other is not None and low_other < other_min)
    ]
    if failing:
        _lowest(acc, ruleset, failing, "cap.grades", lowest=min(g for g, _ in grades))


# The rule (id, RECALLED) of the HTXS, HTT and HTNV limbs; None skips that level.
LimbRules = tuple[tuple[str, bool] | None, tuple[str, bool] | None, tuple[str, bool] | None]


def _performance(
    acc: _Caps,
    ruleset: Ruleset,
    d: RatingDetails,
    rules: LimbRules,
    *,
    own_exceeded: bool,
    unit: bool = True,
    htt_units_good_share: bool = True,
) -> None:
    """Cap on tasks, unit targets and sub-units' levels; one finding per limb (R-42..R-54, R-56).

    ``rules`` names the rule (id, RECALLED) of HTXS, HTT and HTNV; None skips that level. Requirements
    (ND90 Arts. 4–6 and 12–14, QĐ89 III.1.2):

    - own tasks: HTXS and HTT all on time, with quality and efficiency; HTXS also at least 50 %
      exceeded when ``own_exceeded`` (those who lead no unit); HTNV not more than 20 % late;
    - with ``unit``, the unit's targets: HTXS all met and at least 50 % exceeded; HTT all met and at
      least 80 % on time and with quality; HTNV over 70 % met;
    - with ``unit``, the units under direct management: HTXS and HTT 100 % at HTNV or above and at
      least 70 % at HTT or above (HTT without the 70 % when not ``htt_units_good_share``: QĐ89);
      HTNV at least 70 % at HTNV or above.
    """
    _tasks_limb(acc, ruleset, d, rules, own_exceeded=own_exceeded)
    if unit:
        _unit_targets_limb(acc, ruleset, d, rules)
        _subunits_limb(acc, ruleset, d, rules, htt_units_good_share=htt_units_good_share)


def _tasks_limb(
    acc: _Caps, ruleset: Ruleset, d: RatingDetails, rules: LimbRules, *, own_exceeded: bool
) -> None:
    """Own tasks: HTXS and HTT all on time (HTXS half exceeded when ``own_exceeded``); HTNV ≤ 20 % late."""
    xs, tt, nv = rules
    total, late, exceeded = d.tasks_total, d.tasks_late, d.tasks_exceeded
    if total <= 0:
        return
    failing: list[Requirement] = []
    if xs is not None and (late > 0 or (own_exceeded and 2 * exceeded < total)):
        failing.append((_GOOD, *xs))
    if tt is not None and late > 0:
        failing.append((_DONE, *tt))
    if nv is not None and 5 * late > total:
        failing.append((_KO, *nv))
    if failing:
        _lowest(acc, ruleset, failing, "cap.tasks", total=total, late=late, exceeded=exceeded)


def _unit_targets_limb(acc: _Caps, ruleset: Ruleset, d: RatingDetails, rules: LimbRules) -> None:
    """The unit's targets: HTXS all met, half exceeded; HTT all met, 80 % on time; HTNV over 70 % met."""
    xs, tt, nv = rules
    n = d.unit_targets
    if n <= 0:
        return
    met, on_time, exceeded = d.unit_targets_met, d.unit_targets_on_time, d.unit_targets_exceeded
    failing: list[Requirement] = []
    if xs is not None and (met < n or 2 * exceeded < n):
        failing.append((_GOOD, *xs))
    if tt is not None and (met < n or 5 * on_time < 4 * n):
        failing.append((_DONE, *tt))
    if nv is not None and 10 * met <= 7 * n:
        failing.append((_KO, *nv))
    if failing:
        _lowest(
            acc, ruleset, failing, "cap.unit_targets", total=n, met=met, on_time=on_time, exceeded=exceeded
        )


def _subunits_limb(
    acc: _Caps, ruleset: Ruleset, d: RatingDetails, rules: LimbRules, *, htt_units_good_share: bool
) -> None:
    """Units under direct management: HTXS / HTT none KHTNV and 70 % HTT or above; HTNV 70 % HTNV."""
    xs, tt, nv = rules
    c = d.subunit_counts
    if c is None or c.total <= 0:
        return
    units, good = c.total, c.good + c.excellent
    failing: list[Requirement] = []
    short = c.not_completed > 0 or 10 * good < 7 * units
    if xs is not None and short:
        failing.append((_GOOD, *xs))
    if tt is not None and (short if htt_units_good_share else c.not_completed > 0):
        failing.append((_DONE, *tt))
    if nv is not None and 10 * (units - c.not_completed) < 7 * units:
        failing.append((_KO, *nv))
    if failing:
        counts = {"units": units, "not_completed": c.not_completed, "at_least_good": good}
        _lowest(acc, ruleset, failing, "cap.subunits", **counts)


def _transfer(acc: _Caps, t: TransferFact, year: int, rule_id: str, *, gone_needs_nothing: bool) -> None:
    """Require the old unit's comment after six months or more there in the year (R-16, R-28).

    HD21 II.B.6 (R-16): "thời gian công tác ở chi bộ cũ từ 06 tháng trở lên thì chi bộ mới phải
    tham khảo ý kiến nhận xét của chi bộ cũ". ND90 Art. 20(1) (R-28): the same, "trừ trường hợp cơ
    quan cũ đã giải thể". The time there runs from the later of 1 January and ``old_unit_from`` to
    ``moved_on``, with the six-month boundary of S-04: 01/01 to 01/07 is exactly six months.
    """
    if t.moved_on.year != year or t.old_unit_comment:
        return
    start = date(year, 1, 1)
    if t.old_unit_from is not None and t.old_unit_from > start:
        start = t.old_unit_from
    if not has_full_months(start, t.moved_on, 6):
        return
    if t.old_unit_exists:
        acc.block(rule_id, "link.old_unit_comment_missing", start=start, moved_on=t.moved_on)
    elif not gone_needs_nothing:
        acc.flag(rule_id, "flag.old_unit_gone", start=start, moved_on=t.moved_on)


def _individual_details(ruleset: Ruleset, f: RatingFacts, d: RatingDetails, acc: _Caps, year: int) -> None:
    """Apply the rarer facts of a party member or a leader.

    Rules: R-16, R-17, R-30..R-33a (grades, degradation), R-42, R-43, R-56, R-66, R-67.
    """
    t = f.subject_type
    if d.grades:
        _grades(acc, ruleset, t, d.grades)
    if ruleset.task_rule is not None:
        _qd366_tasks(acc, ruleset, d, ruleset.task_rule)
        if t is _LD:
            _unit_limbs(acc, ruleset, f, d)
    if ruleset.grade_regime == "qd124":
        # an individual's HTXS also needs 100 % of targets on time with quality, 50 % exceeded.
        _performance(acc, ruleset, d, (("R-56", False), None, None), own_exceeded=True, unit=False)
    if t is _LD:
        rule = ruleset.leader_criteria_rule
        if rule is not None:
            # R-42 (QĐ89 III.1.2) HTT; R-43 (RECALLED): HTXS and HTNV mirror cán bộ.
            _performance(
                acc,
                ruleset,
                d,
                (("R-43", True), (rule, False), ("R-43", True)),
                own_exceeded=False,
                htt_units_good_share=False,
            )
        if d.unit_corruption:
            acc.cap("R-66", "cap.unit_corruption", _KO)
    if d.degradation_concluded:
        _degradation(acc, ruleset, t)
    if d.transfer is not None:
        _transfer(acc, d.transfer, year, "R-16", gone_needs_nothing=False)
    if t is _PM and d.temporary_comment is False:
        # classified at the official cell, on the comment of the temporary one, sent beforehand.
        acc.block("R-17", "link.temporary_comment_missing")
    if d.post_levels:
        _posts(acc, f.proposed, d.post_levels)


def _degradation(acc: _Caps, ruleset: Ruleset, subject_type: SubjectType) -> None:
    """Cap at KHTNV on a concluded degradation or disunity (R-33a, R-40a, R-37, R-57)."""
    entry = ruleset.degradation_rules.get(subject_type)
    if entry is None:
        return
    rule, recalled = entry
    _lowest(acc, ruleset, [(_KO, rule, recalled)], "cap.degradation")


def _posts(acc: _Caps, proposed: Level, levels: tuple[Level, ...]) -> None:
    """Flag levels that differ between the places of several posts: the competent level decides (R-67)."""
    distinct = set(levels)
    distinct.add(proposed)
    if len(distinct) > 1:
        acc.flag("R-67", "flag.posts_differ", levels=tuple(sorted(distinct, reverse=True)))


def _collective_details(ruleset: Ruleset, f: RatingFacts, d: RatingDetails, acc: _Caps) -> None:
    """Apply the rarer facts of a collective or an organization (R-34..R-40a, R-56, R-57, R-64)."""
    if d.grades:
        _grades(acc, ruleset, f.subject_type, d.grades)
    if ruleset.task_rule is not None:
        _qd366_tasks(acc, ruleset, d, ruleset.task_rule)
        if f.subject_type is _CO:
            _unit_limbs(acc, ruleset, f, d)
    if d.degradation_concluded:
        _degradation(acc, ruleset, f.subject_type)
    rule = ruleset.subordinate_share_rule
    total = d.subordinate_count
    if rule is not None and total > 0 and 5 * f.subordinates_disciplined > total:
        # R-57 (QĐ124 Art. 12(4)): "trên 20% ... đơn vị trực thuộc bị xử lý kỷ luật trong năm" → KHTNV.
        acc.cap(rule, "cap.subordinates_share", _KO, count=f.subordinates_disciplined, total=total)


def _civil_servant_details(
    ruleset: Ruleset, f: RatingFacts, d: RatingDetails, acc: _Caps, year: int, regime: str
) -> None:
    """Apply the rarer facts of a CBCCVC (R-28, R-45..R-55 under ND90/ND48, R-59 under ND335)."""
    if d.transfer is not None:
        _transfer(acc, d.transfer, year, "R-28", gone_needs_nothing=True)
    if regime == "nd335":
        if d.degradation_concluded:
            acc.cap(ruleset.state_score_rule, "cap.degradation", _KO)
        if d.unit_corruption:
            acc.cap(ruleset.state_score_rule, "cap.unit_corruption", _KO)
        return
    if not ruleset.state_criteria:
        return
    manager = d.unit_targets > 0 or d.subunit_counts is not None
    rules = _STATE_CRITERIA.get((f.category, manager))
    if rules is None:
        return
    _performance(acc, ruleset, d, (rules[0], rules[1], rules[2]), own_exceeded=not manager)
    other_rule, other_recalled = rules[3]
    if d.degradation_concluded:
        _lowest(acc, ruleset, [(_KO, other_rule, other_recalled)], "cap.degradation")
    if d.unit_corruption:
        _lowest(acc, ruleset, [(_KO, other_rule, other_recalled)], "cap.unit_corruption")


def term_level(levels: Iterable[Level]) -> Level | None:
    """Roll a term's yearly levels up into the term level (R-44, Quy định 89-QĐ/TW).

    KHTNV with 2 years or more KHTNV (checked first); HTXS with 4 years HTXS; HTT with at least 3
    years HTT or above and no year KHTNV; HTNV with at least 3 years HTNV or above; otherwise None
    (too few years rated to say). For a term summary, not for the annual rating.

    >>> X, G, C, N = Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED
    >>> term_level([X, X, X, X, G]).short, term_level([X, X, X, G, G]).short
    ('HTXS', 'HTT')
    >>> term_level([G, G, G, C, N]).short, term_level([X, X, X, N, N]).short
    ('HTNV', 'KHTNV')
    >>> term_level([G, C]) is None
    True
    """
    counts = [0, 0, 0, 0]
    for level in levels:
        counts[level] += 1
    ko, done, good, excellent = counts
    if ko >= 2:
        return _KO
    if excellent >= 4:
        return _EX
    if good + excellent >= 3 and ko == 0:
        return _GOOD
    if done + good + excellent >= 3:
        return _DONE
    return None


def _leaves(
    acc: _Caps,
    leaves: tuple[LeaveFact, ...],
    ruleset: Ruleset,
    year: int,
    *,
    long_leave: tuple[str, str],
    maternity_rule: str,
    work_done_rule: str | None = None,
) -> None:
    """Cap at HTNV a long leave (``long_leave``: rule id, finding code); flag a maternity leave.

    "Từ 03 tháng trở lên" is three calendar months (``reaches_months``), an open leave counted to the
    campaign's reference date. With ``work_done_rule`` (R-107 under QĐ366, R-91 under ND335) a long
    leave caps nothing: the work actually done is evaluated, and a non-blocking finding says so.
    """
    spans = _leave_spans(leaves, maternity=False)
    days = days_in_year(spans, year, acc.until)
    months = ruleset.long_leave_months
    if days and reaches_months(days, max(min(a for a, _ in spans), date(year, 1, 1)), months):
        if work_done_rule is not None:
            acc.flag(work_done_rule, "flag.work_done", days=days, months=months)
        else:
            acc.cap(*long_leave, _DONE, days=days, months=months)
    maternity = days_in_year(_leave_spans(leaves, maternity=True), year, acc.until)
    if maternity:
        acc.flag(maternity_rule, "flag.maternity_leave", days=maternity)


# --- one function per subject type ------------------------------------------------------------


def _party_member(ruleset: Ruleset, f: RatingFacts, acc: _Caps, year: int) -> None:
    """Check a party member (R-13, R-14, R-30, R-33b, R-33c, R-33d, R-60, R-72; details: R-16..R-33a, R-67).

    R-13: "nghỉ ốm tổng thời gian trong năm từ 03 tháng trở lên" → not HTT or above.
    R-30(3): a party member who is CBCCVC needs CBCCVC HTXS to be HTXS.
    R-33c: CBCCVC classified KHTNV → party KHTNV.
    """
    _individual_discipline_and_targets(ruleset, f, acc, year)
    if f.leaves:  # sick leave of 3 months or more (R-107 under QĐ366); R-14: maternity leave
        _leaves(
            acc,
            f.leaves,
            ruleset,
            year,
            long_leave=("R-13", "cap.sick_leave"),
            maternity_rule="R-14",
            work_done_rule=ruleset.work_done_rule,
        )
    if f.category.is_cbccvc:  # R-30(3), R-33c, R-60: not for part-time workers and employees
        csl = f.civil_service_level
        if csl is None:
            acc.flag("R-70b", "link.civil_service_pending", category=f.category)
        elif csl is _KO:
            acc.cap("R-33c", "cap.civil_service_not_completed", _KO, civil_service_level=csl)
        else:
            if csl < _EX:
                acc.cap("R-30", "cap.civil_service_not_excellent", _GOOD, civil_service_level=csl)
            switch = ruleset.party_not_above_civil_service
            if switch != "off" and csl < _GOOD:
                if switch == "enforce":
                    acc.cap(
                        "R-60",
                        "cap.party_above_civil_service",
                        csl,
                        civil_service_level=csl,
                        unconfirmed=True,
                    )
                elif f.proposed > csl:
                    acc.flag(
                        "R-60", "cap.party_above_civil_service", civil_service_level=csl, unconfirmed=True
                    )
    if ruleset.scoring == "points":
        _score(acc, f, ruleset, ruleset.score_rule)
    if f.details is not None:
        _individual_details(ruleset, f, f.details, acc, year)


def _civil_servant(ruleset: Ruleset, f: RatingFacts, acc: _Caps, year: int) -> None:
    """Check a CBCCVC (R-02, R-26, R-27, R-55, R-59, R-76; details: R-28, R-45..R-55, R-59).

    R-76 (ND48): disciplined by the party or administratively in the year → KHTNV; a violation
    already used as the basis of a KHTNV is not counted again. R-55 (ND90 before ND48): only a
    violation in performing duties. R-59 (ND335, công chức): "bị xử lý kỷ luật từ khiển trách
    trở lên" for a violation in public duties → KHTNV; 100-point bands.
    R-26: absent lawfully 3 to under 6 months → not HTT or above.
    """
    if not f.category.is_cbccvc:
        return  # part-time workers and employees: evaluated by their agency, not under ND90/ND335
    regime = ruleset.state_regime(year, f.category)
    d = f.details
    if d is not None and regime == "nd48":
        on = d.state_assessed_on
        if on is not None and on < ruleset.nd48_in_force:
            # classified before ND48 came into force: not reviewed again, the earlier law holds.
            regime = "nd90"
            acc.flag("R-02", "flag.earlier_law", assessed_on=on, in_force=ruleset.nd48_in_force)
    if regime == "nd48":
        rule, in_duties = "R-76", False
    elif regime == "nd90":
        rule, in_duties = "R-55", True
    else:
        rule, in_duties = ruleset.state_score_rule, True
    if f.disciplines:
        _discipline(
            acc, f.disciplines, f.counted_violations, rule, False, year=year, in_duties_only=in_duties
        )
    if f.leaves:  # absent 3 months or more (not under ND335: R-91); R-27: maternity leave, flagged
        _leaves(
            acc,
            f.leaves,
            ruleset,
            year,
            long_leave=("R-26", "cap.absence"),
            maternity_rule="R-27",
            work_done_rule="R-91" if regime == "nd335" else None,
        )
    if regime == "nd335":
        _score(acc, f, ruleset, ruleset.state_score_rule)
    if d is not None:
        _civil_servant_details(ruleset, f, d, acc, year, regime)


def _leader(ruleset: Ruleset, f: RatingFacts, acc: _Caps, year: int) -> None:
    """Check an individual leader (R-62, R-18, R-66; discipline and targets as a party member; details: R-42).

    R-62: "Cấp độ xếp loại của người đứng đầu không được cao hơn cấp độ xếp loại của tập thể,
    tổ chức, cơ quan, đơn vị mà mình lãnh đạo" (HD21 II.B.4). R-66: a leader is KHTNV when the
    unit he or she directly leads is KHTNV.
    """
    _individual_discipline_and_targets(ruleset, f, acc, year)
    unit = f.unit_level
    if unit is not None:
        if f.is_head:
            if ruleset.incoming_head_exception and f.head_not_connected:
                acc.flag("R-18", "link.incoming_head_exception", unit_level=unit, unconfirmed=True)
            elif unit < _EX:
                acc.cap("R-62", "cap.head_above_unit", unit, unit_level=unit)
        elif unit is _KO:
            acc.cap("R-66", "cap.unit_not_completed", _KO, unit_level=unit)
    if ruleset.scoring == "points":
        _score(acc, f, ruleset, ruleset.score_rule)
    if f.details is not None:
        _individual_details(ruleset, f, f.details, acc, year)


def _member_in_duties(acc: _Caps, f: RatingFacts, ruleset: Ruleset, year: int, rule_id: str) -> None:
    """R-105 (QĐ366): a member reprimanded or more for a violation within the collective's duties → KHTNV.

    Not when the violation was committed at a previous unit (``at_previous_unit``) or is unrelated to
    the collective's duties (``in_duties`` False); each violation once, as for the HTXS limb (R-58).
    """
    seen: set[str] = set()
    earlier = ruleset.earlier_violation_rule
    for d in f.members_disciplined:
        if d.violation_id in seen or d.violation_id in f.counted_violations:
            continue
        if not d.in_duties or d.at_previous_unit:
            continue
        counted_now = d.decided_on.year == year
        if (
            earlier is not None
            and ruleset.earlier_violation_counts_in == "violation"
            and d.violation_year is not None
            and d.violation_year < d.decided_on.year
        ):
            counted_now = d.violation_year == year
        if counted_now:
            seen.add(d.violation_id)
            acc.cap(
                rule_id,
                "cap.member_disciplined_in_duties",
                _KO,
                violation_id=d.violation_id,
                form=d.form,
                decided_on=d.decided_on,
            )


def _collective(ruleset: Ruleset, f: RatingFacts, acc: _Caps, year: int) -> None:
    """Check a leadership collective (R-40b, R-40c, R-40d, R-57, R-58, R-61; details: R-38..R-40a, R-64).

    R-40c, R-40d (HD21 II.B.3): "Tập thể lãnh đạo, quản lý bị xử lý kỷ luật" or a member
    "bị xử lý kỷ luật từ cảnh cáo trở lên" → KHTNV. R-61: "Cấp độ xếp loại chất lượng của tập
    thể lãnh đạo, quản lý không cao hơn cấp độ xếp loại chất lượng của tổ chức, cơ quan, đơn vị".
    """
    _own_disciplines(acc, f, ruleset, year, ruleset.collective_discipline_rule, False)
    if f.members_disciplined:
        _discipline(
            acc,
            f.members_disciplined,
            f.counted_violations,
            ruleset.collective_member_rule,
            False,
            year=year,
            cap=ruleset.collective_member_cap,
            code="cap.member_disciplined",
            min_form=ruleset.collective_member_min_form,
            earlier_rule=ruleset.earlier_violation_rule,
            previous_unit_rule=ruleset.previous_unit_rule,
            earlier_at_decision=ruleset.earlier_violation_counts_in == "decision",
        )
        duty_rule = ruleset.collective_member_duty_rule
        if duty_rule is not None:
            _member_in_duties(acc, f, ruleset, year, duty_rule)
    if f.targets_assigned or f.key_targets_missed:
        _targets(acc, f, ruleset.collective_targets_rule, ruleset.key_targets_rule)
    unit = f.unit_level
    if unit is not None and unit < _EX:
        acc.cap("R-61", "cap.collective_above_unit", unit, unit_level=unit)
    if ruleset.scoring == "points":
        _score(acc, f, ruleset, ruleset.score_rule)
    if f.details is not None:
        _collective_details(ruleset, f, f.details, acc)


def _organization(ruleset: Ruleset, f: RatingFacts, acc: _Caps, year: int) -> None:
    """Check a party organization (R-34, R-36, R-37, R-57, R-58, R-63; details: R-34..R-36 grades).

    R-34(3): "đảng bộ có 100% tổ chức đảng trực thuộc được xếp loại hoàn thành nhiệm vụ trở
    lên, trong đó có ít nhất 80% được xếp loại hoàn thành tốt nhiệm vụ trở lên; chi bộ có 100%
    đảng viên được xếp loại hoàn thành nhiệm vụ trở lên, trong đó có ít nhất 80% ... hoàn thành
    tốt nhiệm vụ trở lên". The denominator is those classified (regulations.md §3.2); with none
    classified the condition is not met. R-34(4) / R-63: government, Fatherland Front and mass
    organizations at the same level rated HTT or above.
    """
    _own_disciplines(acc, f, ruleset, year, ruleset.org_discipline_rule, ruleset.org_self_remedied_exception)
    if f.targets_assigned or f.key_targets_missed:
        _targets(acc, f, ruleset.org_targets_rule)
    if ruleset.org_member_thresholds:
        counts = f.member_counts
        if counts is not None:
            n = counts.total
            good = counts.good + counts.excellent
            num, den = ruleset.org_good_share
            needed = -(-num * n // den)
            if n == 0 or counts.not_completed > 0 or good * den < num * n:
                acc.cap(
                    "R-34",
                    "cap.org_members",
                    _GOOD,
                    classified=n,
                    not_completed=counts.not_completed,
                    at_least_good=good,
                    needed_good=needed,
                )
        low = [level for level in f.same_level_levels if level < _GOOD]
        if low:
            acc.cap("R-63", "cap.same_level_below_good", _GOOD, lowest=min(low))
    if ruleset.subordinate_discipline_rule is not None and f.subordinates_disciplined > 0:
        acc.cap(
            ruleset.subordinate_discipline_rule,
            "cap.subordinate_disciplined",
            _GOOD,
            count=f.subordinates_disciplined,
        )
    if ruleset.scoring == "points":
        _score(acc, f, ruleset, ruleset.score_rule)
    if f.details is not None:
        _collective_details(ruleset, f, f.details, acc)


_DISPATCH: dict[SubjectType, Callable[[Ruleset, RatingFacts, _Caps, int], None]] = {
    SubjectType.PARTY_MEMBER: _party_member,
    SubjectType.CIVIL_SERVANT: _civil_servant,
    SubjectType.LEADER: _leader,
    SubjectType.COLLECTIVE: _collective,
    SubjectType.ORGANIZATION: _organization,
}


def check(ruleset: Ruleset, facts: RatingFacts, *, year: int, reference: date | None = None) -> CapResult:
    """Return the highest level ``facts.subject`` may get in ``year`` and every finding.

    ``reference``: the campaign's reference date; an open leave is counted to it (else to 31/12).
    """
    acc = _Caps(facts.proposed, reference)
    _DISPATCH[facts.subject_type](ruleset, facts, acc, year)
    return CapResult(facts.subject_id, facts.subject_type, facts.proposed, acc.max_level, tuple(acc.findings))


@gc_paused()
def check_many(
    ruleset: Ruleset, facts: Iterable[RatingFacts], *, year: int, reference: date | None = None
) -> list[CapResult]:
    """Check every subject in ``facts`` (input order kept); ``reference`` as in ``check``."""
    dispatch = _DISPATCH
    out: list[CapResult] = []
    append = out.append
    # One accumulator reset per subject: building a fresh one costs more than the checks.
    acc = _Caps(Level.EXCELLENT, reference)
    findings = acc.findings
    for f in facts:
        acc.proposed = f.proposed
        acc.max_level = _EX
        dispatch[f.subject_type](ruleset, f, acc, year)
        if findings:
            append(CapResult(f.subject_id, f.subject_type, f.proposed, acc.max_level, tuple(findings)))
            findings.clear()
        else:
            append(CapResult(f.subject_id, f.subject_type, f.proposed, acc.max_level, ()))
    return out


def check_ballot(ruleset: Ruleset, level: Level, *, votes_for: int, full_members: int) -> tuple[Finding, ...]:
    """Check the chi bộ ballot for ``level`` when the ruleset has the ballot step (R-83).

    2011 regime: HTXS needs at least 2/3 of the chi bộ's full members in favour, HTT more than
    1/2, counted against all full members, not those present. Off by default (unverified for
    HD21/QĐ124); returns no finding when off.
    """
    if not ruleset.ballot_step:
        return ()
    for lvl, num, den, strict in ruleset.ballot_thresholds:
        if level is lvl:
            ok = votes_for * den > num * full_members if strict else votes_for * den >= num * full_members
            if not ok:
                params = MappingProxyType(
                    {
                        "level": level,
                        "votes_for": votes_for,
                        "full_members": full_members,
                        "unconfirmed": True,
                    }
                )
                return (Finding("R-83", "ballot.insufficient", params, True),)
    return ()
