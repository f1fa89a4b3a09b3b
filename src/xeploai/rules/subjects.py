"""Decide who is reviewed (kiểm điểm) and who is classified (xếp loại), with reasons.

Rules: S-01..S-08 (the plan), R-10, R-11, R-12, R-19, R-20, R-21, R-25 (central texts). The six months are
counted to the review meeting of the subject's organization, else to the deadline of its level,
else to the reference date (S-04, S-10); see ``rules.dates`` for the exact-six-months boundary.

Batch entry point: ``decide_subjects(ruleset, facts, reference=...)`` takes persons,
collectives and organizations mixed and returns one ``SubjectDecision`` per subject role.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from types import MappingProxyType

from .batch import gc_paused
from .dates import add_months, counting_date, days_in_year, latest_start_for
from .findings import Reason, SubjectDecision
from .kinds import CivilServiceCategory, CollectiveKind, OrgKind, ReasonCode, StatusKind, SubjectType
from .model import CollectiveFacts, OrganizationFacts, PersonFacts
from .rulesets.base import Ruleset

__all__ = ["decide_collective", "decide_organization", "decide_person", "decide_subjects"]

_NONE = CivilServiceCategory.NONE
_MATERNITY = StatusKind.MATERNITY_LEAVE
_PM = SubjectType.PARTY_MEMBER
_CS = SubjectType.CIVIL_SERVANT
_LD = SubjectType.LEADER
_DAY = timedelta(days=1)


def _active_statuses(p: PersonFacts, counted_to: date) -> set[StatusKind]:
    return {s.kind for s in p.statuses if s.start <= counted_to and (s.end is None or s.end >= counted_to)}


def _party_member(ruleset: Ruleset, p: PersonFacts, counted_to: date) -> SubjectDecision:
    """Decide a party member (S-03, S-07; R-10, R-12, R-19, R-20).

    S-03: "trừ đảng viên được miễn công tác và sinh hoạt đảng, đảng viên bị đình chỉ sinh hoạt
    đảng, đảng viên mới kết nạp chưa đủ 6 tháng. Đối với cấp uỷ viên bị đình chỉ sinh hoạt cấp
    uỷ thì vẫn phải kiểm điểm." R-12 (HD21): new members are not classified but still review;
    the ruleset's ``new_members_reviewed`` holds the choice. R-19 (QĐ132, campaigns 2019–2022): only the
    exempt were left out of the review, so with ``suspended_reviewed`` a suspended member is reviewed
    but still not classified (R-10); no registered ruleset sets it (the 2023 plan excludes them, S-03).
    """
    rule = ruleset.exclusion_rule
    active = _active_statuses(p, counted_to) if p.statuses else None
    if active:
        if StatusKind.EXEMPT in active:
            reason = Reason(ReasonCode.EXEMPT, rule)
            return SubjectDecision(p.id, _PM, False, False, (reason,), counted_to)
        if StatusKind.SUSPENDED in active and ruleset.suspended_excluded:
            if ruleset.suspended_reviewed:  # QĐ132 excluded only the exempt from the review
                reason = Reason(ReasonCode.SUSPENDED, "R-19")
                return SubjectDecision(p.id, _PM, True, False, (reason,), counted_to)
            reason = Reason(ReasonCode.SUSPENDED, rule)
            return SubjectDecision(p.id, _PM, False, False, (reason,), counted_to)
    reasons: tuple[Reason, ...] = ()
    review = classify = True
    admitted = p.admitted_on
    if admitted is not None and admitted > latest_start_for(counted_to, ruleset.six_months):
        params = MappingProxyType(
            {
                "admitted_on": admitted,
                "counted_to": counted_to,
                "full_on": add_months(admitted, ruleset.six_months),
            }
        )
        reasons = (Reason(ReasonCode.NEW_MEMBER, ruleset.new_member_rule, params),)
        review, classify = ruleset.new_members_reviewed, False
    if active and StatusKind.COMMITTEE_SUSPENDED in active:
        reasons += (Reason(ReasonCode.COMMITTEE_SUSPENDED_STILL_REVIEWED, rule),)
    return SubjectDecision(p.id, _PM, review, classify, reasons, counted_to)


def _civil_servant(
    ruleset: Ruleset, p: PersonFacts, counted_to: date, year: int, *, in_year: bool = True
) -> SubjectDecision:
    """Decide a CBCCVC (S-08; R-25).

    R-25 (ND90 Art. 2(3)): CBCCVC who worked less than 6 months in the year are not classified
    but still review their working time, except maternity leave. Worked time starts on
    ``employed_from`` (or 1 January) and runs to ``counted_to``, less the lawful absences other than
    maternity in that span: start and absences are tested together, so starting on 01/03 with 120
    days of sick leave, counted to 14/12, is under six months. Người hoạt động không chuyên trách and
    người lao động are not CBCCVC: R-25 does not apply to them.

    ``in_year`` False (a quarter's campaign, R-100): worked time is not clipped to 1 January — a quarter
    never holds six months, so the six months run from the start of work (``employed_from``; none: long
    before), the year's absences to ``counted_to`` deducted as above.
    """
    start = date(year, 1, 1) if in_year else date.min
    if p.employed_from is not None and p.employed_from > start:
        start = p.employed_from
    absent = 0
    if p.leaves and p.category.is_cbccvc:
        absences = ((lv.start, lv.end) for lv in p.leaves if lv.kind is not _MATERNITY)
        absent = days_in_year(((max(a, start), b) for a, b in absences), year, until=counted_to)
    worked_from = start + timedelta(days=absent)
    if p.category.is_cbccvc and worked_from > latest_start_for(counted_to, ruleset.six_months):
        params = MappingProxyType({"start": start, "counted_to": counted_to, "absent_days": absent})
        reason = Reason(ReasonCode.WORKED_UNDER_6_MONTHS, "R-25", params)
        return SubjectDecision(p.id, _CS, True, False, (reason,), counted_to)
    return SubjectDecision(p.id, _CS, True, True, (), counted_to)


def decide_person(
    ruleset: Ruleset, p: PersonFacts, *, reference: date, in_year: bool = True
) -> tuple[SubjectDecision, ...]:
    """Decide each role of a person: party member, CBCCVC, leader (S-03, S-07, S-08).

    ``in_year``: R-25 counts worked time within the year; False for a quarter (``_civil_servant``).

    Leaders and managers at all levels are reviewed and classified (S-03 "Cán bộ lãnh đạo,
    quản lý các cấp").
    """
    counted_to = counting_date(p.meeting_on, p.deadline, reference)
    out: list[SubjectDecision] = []
    if p.is_party_member:
        out.append(_party_member(ruleset, p, counted_to))
    if p.category is not _NONE:
        out.append(_civil_servant(ruleset, p, counted_to, reference.year, in_year=in_year))
    if p.is_leader:
        out.append(SubjectDecision(p.id, _LD, True, True, (), counted_to))
    return tuple(out)


def _new_unit(ruleset: Ruleset, established_on: date | None, reorganized: bool, counted_to: date) -> bool:
    """R-11: established under six months before ``counted_to``, unless the merger switch classifies it.

    The 01/7/2025 reorganization formed the new communes, their party committees and collectives: none
    reaches six months in 2025, so with ``reorganized_units_classified`` (qd366, default on) they are
    classified in 2025 rather than leaving the whole new structure unclassified.
    """
    if established_on is None or established_on <= latest_start_for(counted_to, ruleset.six_months):
        return False
    return not ruleset.is_reorganized(established_on, reorganized)


def decide_collective(ruleset: Ruleset, c: CollectiveFacts, *, reference: date) -> SubjectDecision:
    """Decide a leadership collective (S-01, S-02, S-06, R-11).

    S-02: "Chỉ tiến hành kiểm điểm đối với những tập thể có từ 03 thành viên trở lên." A
    collective that is not reviewed is not classified either (R-15: review comes first).
    R-11: "mới thành lập chưa đủ 06 tháng" → not classified, still reviewed.
    """
    counted_to = counting_date(c.meeting_on, c.deadline, reference)
    key = (c.tier, c.kind)
    if c.kind is CollectiveKind.OTHER:
        review, classify = c.named_by_district and ruleset.other_collectives_reviewed, False
    else:
        review = key in ruleset.reviewed_collectives
        classify = key in ruleset.classified_collectives or (
            c.youth_union
            and c.kind is CollectiveKind.MASS_ORG_STANDING
            and c.tier in ruleset.youth_union_classified_tiers
        )
    kind_params = MappingProxyType({"kind": c.kind, "tier": c.tier})
    if not review and not classify:
        reason = Reason(ReasonCode.NOT_A_SUBJECT_KIND, "S-01", kind_params)
        return SubjectDecision(c.id, SubjectType.COLLECTIVE, False, False, (reason,), counted_to)
    size = ruleset.min_collective_size
    if size is not None and c.member_count < size:
        params = MappingProxyType({"member_count": c.member_count, "min_size": size})
        reason = Reason(ReasonCode.SMALL_COLLECTIVE, "S-02", params)
        return SubjectDecision(c.id, SubjectType.COLLECTIVE, False, False, (reason,), counted_to)
    reasons: tuple[Reason, ...] = ()
    if not classify:
        reasons = (Reason(ReasonCode.NOT_A_SUBJECT_KIND, "S-06", kind_params),)
    elif _new_unit(ruleset, c.established_on, c.reorganized, counted_to):
        new_unit: MappingProxyType[str, object] = MappingProxyType(
            {"established_on": c.established_on, "counted_to": counted_to}
        )
        reasons = (Reason(ReasonCode.NEW_UNIT, "R-11", new_unit),)
        classify = False
    return SubjectDecision(c.id, SubjectType.COLLECTIVE, True, classify, reasons, counted_to)


def decide_organization(ruleset: Ruleset, o: OrganizationFacts, *, reference: date) -> SubjectDecision:
    """Decide an organization (S-05, R-11).

    Party organizations of the kinds in S-05 are reviewed and classified (their review is the
    review of their executive committee or, for a cell without a chi ủy, of the cell). Other
    organizations (UBND, Front, mass organizations, agencies) are not party subjects: their
    levels come from the state side as facts (R-34). New for under 6 months: not classified (R-11).
    """
    counted_to = counting_date(o.meeting_on, o.deadline, reference)
    if o.kind not in ruleset.classified_org_kinds:
        review = o.kind is OrgKind.PROVINCIAL_COMMITTEE
        reason = Reason(ReasonCode.NOT_A_SUBJECT_KIND, "S-05", MappingProxyType({"kind": o.kind}))
        return SubjectDecision(o.id, SubjectType.ORGANIZATION, review, False, (reason,), counted_to)
    if _new_unit(ruleset, o.established_on, o.reorganized, counted_to):
        params = MappingProxyType({"established_on": o.established_on, "counted_to": counted_to})
        reason = Reason(ReasonCode.NEW_UNIT, "R-11", params)
        return SubjectDecision(o.id, SubjectType.ORGANIZATION, True, False, (reason,), counted_to)
    return SubjectDecision(o.id, SubjectType.ORGANIZATION, True, True, (), counted_to)


@gc_paused()
def decide_subjects(
    ruleset: Ruleset,
    facts: Iterable[PersonFacts | CollectiveFacts | OrganizationFacts],
    *,
    reference: date,
    in_year: bool = True,
) -> list[SubjectDecision]:
    """Decide every subject in ``facts``, in input order (a person yields one decision per role).

    ``in_year`` False for a quarter's campaign (R-100): R-25's six months are not clipped to the year.

    ``reference`` is the campaign's reference date: its year is the evaluation year and it is
    the counting date of last resort (S-04). The common person (no status, no leave, admitted and
    employed long enough) takes a fast path with one date comparison per role; the result is
    the same as ``decide_person``.
    """
    out: list[SubjectDecision] = []
    year = reference.year
    year_start = date(year, 1, 1)
    six = ruleset.six_months
    thresholds: dict[date, tuple[date, bool]] = {}
    append, extend = out.append, out.extend
    for f in facts:
        if type(f) is PersonFacts:
            counted_to = f.meeting_on or (f.deadline - _DAY if f.deadline is not None else reference)
            cached = thresholds.get(counted_to)
            if cached is None:
                latest = latest_start_for(counted_to, six)
                cached = thresholds[counted_to] = (latest, in_year and year_start > latest)
            latest, year_too_short = cached
            if f.is_party_member:
                admitted = f.admitted_on
                if not f.statuses and (admitted is None or admitted <= latest):
                    append(SubjectDecision(f.id, _PM, True, True, (), counted_to))
                else:
                    append(_party_member(ruleset, f, counted_to))
            if f.category is not _NONE:
                employed = f.employed_from
                if not year_too_short and not f.leaves and (employed is None or employed <= latest):
                    append(SubjectDecision(f.id, _CS, True, True, (), counted_to))
                else:
                    append(_civil_servant(ruleset, f, counted_to, year, in_year=in_year))
            if f.is_leader:
                append(SubjectDecision(f.id, _LD, True, True, (), counted_to))
        elif isinstance(f, CollectiveFacts):
            append(decide_collective(ruleset, f, reference=reference))
        elif isinstance(f, OrganizationFacts):
            append(decide_organization(ruleset, f, reference=reference))
        else:
            extend(decide_person(ruleset, f, reference=reference, in_year=in_year))
    return out
