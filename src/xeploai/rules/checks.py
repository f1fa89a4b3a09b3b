"""Cap a proposed level and report every violated rule (discipline, leave, linkage, thresholds).

``check(ruleset, facts, year=...)`` returns a ``CapResult``: the highest level allowed and the
findings behind it. A finding is emitted for every cap below HTXS; it is ``blocking`` when the
proposal exceeds that cap. Flags (maternity leave, a violation already counted, a pending
CBCCVC result) are non-blocking. RECALLED rules run only when the ruleset switches them on;
their findings carry ``params["unconfirmed"] = True``.

Batch entry point: ``check_many(ruleset, facts, year=...)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import MappingProxyType

from ._batch import gc_paused
from .dates import days_in_year
from .findings import CapResult, Finding
from .kinds import CivilServiceCategory, DisciplineForm, StatusKind, SubjectType
from .levels import Level
from .model import DisciplineFact, LeaveFact, RatingFacts
from .rulesets.base import Ruleset

__all__ = ["check", "check_ballot", "check_many"]

_EX, _GOOD, _DONE, _KO = Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED
_SICK, _MATERNITY = StatusKind.SICK_LEAVE, StatusKind.MATERNITY_LEAVE
_NONE = CivilServiceCategory.NONE
_UNCONFIRMED = MappingProxyType({"unconfirmed": True})


class _Caps:
    """Collect caps for one subject: the running maximum and the findings."""

    __slots__ = ("findings", "max_level", "proposed")

    def __init__(self, proposed: Level) -> None:
        self.proposed = proposed
        self.max_level = _EX
        self.findings: list[Finding] = []

    def cap(self, rule_id: str, code: str, cap: Level, **params: object) -> None:
        """Lower the maximum to ``cap`` and record why (blocking when the proposal is above it)."""
        if cap < self.max_level:
            self.max_level = cap
        params["cap"] = cap
        self.findings.append(Finding(rule_id, code, MappingProxyType(params), self.proposed > cap))

    def flag(self, rule_id: str, code: str, **params: object) -> None:
        """Record a non-blocking finding."""
        self.findings.append(Finding(rule_id, code, MappingProxyType(params), False))


# --- discipline -------------------------------------------------------------------------------


def _discipline(
    acc: _Caps,
    disciplines: tuple[DisciplineFact, ...],
    *,
    year: int,
    counted: frozenset[str],
    rule_id: str,
    exception: bool,
    cap: Level = _KO,
    code: str = "cap.discipline",
    min_form: DisciplineForm = DisciplineForm.REPRIMAND,
    in_duties_only: bool = False,
) -> None:
    """Cap for disciplines decided in ``year``, each violation counted once.

    A violation id in ``counted`` was already the basis of a KHTNV in an earlier year and is
    not counted again (R-33d "một vi phạm bị kỷ luật chỉ tính một lần khi xếp loại"; R-76).
    Several decisions on one violation in the year (party and state) give one finding.
    With ``exception``, a self-detected and remedied violation is not counted (R-36, R-57, R-72:
    "trừ trường hợp tự phát hiện và khắc phục xong hậu quả").
    """
    seen: set[str] = set()
    for d in disciplines:
        if d.decided_on.year != year or d.violation_id in seen:
            continue
        seen.add(d.violation_id)
        if d.violation_id in counted:
            acc.flag(rule_id, "discipline.already_counted", violation_id=d.violation_id, form=d.form)
        elif exception and d.self_remedied:
            acc.flag(rule_id, "discipline.self_remedied", violation_id=d.violation_id, form=d.form)
        elif in_duties_only and not d.in_duties:
            acc.flag(rule_id, "discipline.not_in_duties", violation_id=d.violation_id, form=d.form)
        elif d.form.severity >= min_form.severity:
            acc.cap(rule_id, code, cap, violation_id=d.violation_id, form=d.form, decided_on=d.decided_on)


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


def _individual_discipline_and_targets(ruleset: Ruleset, f: RatingFacts, acc: _Caps, year: int) -> None:
    """Apply the individual's discipline (R-33d, R-72) and targets (R-33b) caps: party members, leaders."""
    if f.disciplines:
        _discipline(
            acc,
            f.disciplines,
            year=year,
            counted=f.counted_violations,
            rule_id=ruleset.party_discipline_rule,
            exception=ruleset.party_self_remedied_exception,
        )
    if f.targets_assigned or f.key_targets_missed:
        _targets(acc, f, ruleset.individual_targets_rule)


def _score(acc: _Caps, score: float | None, ruleset: Ruleset, rule_id: str) -> None:
    """Cap at the band a 100-point score reaches: ≥90 HTXS, 70–<90 HTT, 50–<70 HTNV (R-58, R-59)."""
    if score is None:
        acc.flag(rule_id, "score.missing")
        return
    level = ruleset.score_level(score)
    if level < _EX:
        acc.cap(rule_id, "cap.score_band", level, score=score)


def _leave_days(leaves: tuple[LeaveFact, ...], year: int, maternity: bool) -> int:
    return days_in_year(((lv.start, lv.end) for lv in leaves if (lv.kind is _MATERNITY) == maternity), year)


# --- one function per subject type ------------------------------------------------------------


def _party_member(ruleset: Ruleset, f: RatingFacts, acc: _Caps, year: int) -> None:
    """Check a party member (R-13, R-14, R-30, R-33b, R-33c, R-33d, R-60, R-72).

    R-13: "nghỉ ốm tổng thời gian trong năm từ 03 tháng trở lên" → not HTT or above.
    R-30(3): a party member who is CBCCVC needs CBCCVC HTXS to be HTXS.
    R-33c: CBCCVC classified KHTNV → party KHTNV.
    """
    _individual_discipline_and_targets(ruleset, f, acc, year)
    if f.leaves:
        sick = _leave_days(f.leaves, year, maternity=False)
        if sick >= ruleset.long_leave_days:
            acc.cap("R-13", "cap.sick_leave", _DONE, days=sick, threshold=ruleset.long_leave_days)
        maternity = _leave_days(f.leaves, year, maternity=True)
        if maternity:
            acc.flag("R-14", "flag.maternity_leave", days=maternity)
    if f.category is not _NONE:
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
        _score(acc, f.score, ruleset, ruleset.score_rule)


def _civil_servant(ruleset: Ruleset, f: RatingFacts, acc: _Caps, year: int) -> None:
    """Check a CBCCVC (R-26, R-27, R-55, R-59, R-76).

    R-76 (ND48): disciplined by the party or administratively in the year → KHTNV; a violation
    already used as the basis of a KHTNV is not counted again. R-55 (ND90 before ND48): only a
    violation in performing duties. R-59 (ND335, công chức): "bị xử lý kỷ luật từ khiển trách
    trở lên" for a violation in public duties → KHTNV; 100-point bands.
    R-26: absent lawfully 3 to under 6 months → not HTT or above.
    """
    regime = ruleset.state_regime(year, f.category)
    if regime == "nd48":
        rule, in_duties = "R-76", False
    elif regime == "nd90":
        rule, in_duties = "R-55", True
    else:
        rule, in_duties = ruleset.state_score_rule, True
    if f.disciplines:
        _discipline(
            acc,
            f.disciplines,
            year=year,
            counted=f.counted_violations,
            rule_id=rule,
            exception=False,
            in_duties_only=in_duties,
        )
    if f.leaves:
        absent = _leave_days(f.leaves, year, maternity=False)
        if absent >= ruleset.long_leave_days:
            acc.cap("R-26", "cap.absence", _DONE, days=absent, threshold=ruleset.long_leave_days)
        maternity = _leave_days(f.leaves, year, maternity=True)
        if maternity:
            acc.flag("R-27", "flag.maternity_leave", days=maternity)
    if regime == "nd335":
        _score(acc, f.score, ruleset, ruleset.state_score_rule)


def _leader(ruleset: Ruleset, f: RatingFacts, acc: _Caps, year: int) -> None:
    """Check an individual leader (R-62, R-18, R-66; discipline and targets as a party member).

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
        _score(acc, f.score, ruleset, ruleset.score_rule)


def _collective(ruleset: Ruleset, f: RatingFacts, acc: _Caps, year: int) -> None:
    """Check a leadership collective (R-40b, R-40c, R-40d, R-57, R-58, R-61).

    R-40c, R-40d (HD21 II.B.3): "Tập thể lãnh đạo, quản lý bị xử lý kỷ luật" or a member
    "bị xử lý kỷ luật từ cảnh cáo trở lên" → KHTNV. R-61: "Cấp độ xếp loại chất lượng của tập
    thể lãnh đạo, quản lý không cao hơn cấp độ xếp loại chất lượng của tổ chức, cơ quan, đơn vị".
    """
    if f.disciplines:
        _discipline(
            acc,
            f.disciplines,
            year=year,
            counted=f.counted_violations,
            rule_id=ruleset.collective_discipline_rule,
            exception=False,
        )
    if f.members_disciplined:
        _discipline(
            acc,
            f.members_disciplined,
            year=year,
            counted=f.counted_violations,
            rule_id=ruleset.collective_member_rule,
            exception=False,
            cap=ruleset.collective_member_cap,
            code="cap.member_disciplined",
            min_form=ruleset.collective_member_min_form,
        )
    if f.targets_assigned or f.key_targets_missed:
        _targets(acc, f, ruleset.collective_targets_rule, ruleset.key_targets_rule)
    unit = f.unit_level
    if unit is not None and unit < _EX:
        acc.cap("R-61", "cap.collective_above_unit", unit, unit_level=unit)
    if ruleset.scoring == "points":
        _score(acc, f.score, ruleset, ruleset.score_rule)


def _organization(ruleset: Ruleset, f: RatingFacts, acc: _Caps, year: int) -> None:
    """Check a party organization (R-34, R-36, R-37, R-57, R-58, R-63).

    R-34(3): "đảng bộ có 100% tổ chức đảng trực thuộc được xếp loại hoàn thành nhiệm vụ trở
    lên, trong đó có ít nhất 80% được xếp loại hoàn thành tốt nhiệm vụ trở lên; chi bộ có 100%
    đảng viên được xếp loại hoàn thành nhiệm vụ trở lên, trong đó có ít nhất 80% ... hoàn thành
    tốt nhiệm vụ trở lên". The denominator is those classified (regulations.md §3.2); with none
    classified the condition is not met. R-34(4) / R-63: government, Fatherland Front and mass
    organizations at the same level rated HTT or above.
    """
    if f.disciplines:
        _discipline(
            acc,
            f.disciplines,
            year=year,
            counted=f.counted_violations,
            rule_id=ruleset.org_discipline_rule,
            exception=ruleset.org_self_remedied_exception,
        )
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
        _score(acc, f.score, ruleset, ruleset.score_rule)


_DISPATCH: dict[SubjectType, Callable[[Ruleset, RatingFacts, _Caps, int], None]] = {
    SubjectType.PARTY_MEMBER: _party_member,
    SubjectType.CIVIL_SERVANT: _civil_servant,
    SubjectType.LEADER: _leader,
    SubjectType.COLLECTIVE: _collective,
    SubjectType.ORGANIZATION: _organization,
}


def check(ruleset: Ruleset, facts: RatingFacts, *, year: int) -> CapResult:
    """Return the highest level ``facts.subject`` may get in ``year`` and every finding."""
    acc = _Caps(facts.proposed)
    _DISPATCH[facts.subject_type](ruleset, facts, acc, year)
    return CapResult(facts.subject_id, facts.subject_type, facts.proposed, acc.max_level, tuple(acc.findings))


def check_many(ruleset: Ruleset, facts: Iterable[RatingFacts], *, year: int) -> list[CapResult]:
    """Check every subject in ``facts`` (input order kept)."""
    dispatch = _DISPATCH
    out: list[CapResult] = []
    append = out.append
    # One accumulator reset per subject: building a fresh one costs more than the checks.
    acc = _Caps(Level.EXCELLENT)
    findings = acc.findings
    with gc_paused():
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
