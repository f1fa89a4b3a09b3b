"""Checking a campaign's ratings with the rules core: caps and linkage, quota, and the order of decisions.

``evaluate_stage`` is the one check: the checks command, the import, the pages' preview and decision
(through ``scoped``) all run it, on the whole campaign or on the part a subject depends on.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, NamedTuple

from xeploai.rules import (
    Finding,
    Level,
    QuotaKind,
    Ruleset,
    check_many,
    check_prerequisites,
    order_prerequisites,
    solve_quota,
    solve_state_rate,
)
from xeploai.rules.batch import gc_paused

from .facts import (
    SUBJECT_TYPE,
    CampaignSubjects,
    Levels,
    SubjectRef,
    campaign_subjects,
    latest_levels,
    order_facts,
    rating_facts,
    self_grades,
)
from .models import Campaign, RatingStage
from .quarters import quarter_flags
from .quota_exceptions import raised_scopes, scope_exceptions
from .ruleset_plan import ruleset_of
from .snapshot import RegistrySnapshot, registry_snapshot
from .task_scores import ND335_FROM, campaign_period, task_scores

__all__ = [
    "CheckRow",
    "Entry",
    "QUOTA_STAGES",
    "QuotaGroup",
    "QuotaItem",
    "Verdict",
    "evaluate_stage",
    "quota_scope",
    "ratings_check",
    "stage_caps",
    "stage_quota",
    "stage_verdicts",
    "subject_target",
]


class Verdict(NamedTuple):
    """The core's verdict on one subject at one stage: the level given, the cap, and what was found."""

    level: Level
    max_level: Level
    findings: list[Finding]


class Entry(NamedTuple):
    """A rating about to be written: subject pk, stage, level, score and justification."""

    subject_id: int
    stage: str
    level: Level
    score: Any
    justification: str


class QuotaItem(NamedTuple):
    """A candidate in a quota scope, with its level after caps."""

    subject_id: int
    scope: Hashable
    level: Level


@dataclass(frozen=True, slots=True)
class CheckRow:
    """One subject's rating at one stage, with the core's verdict."""

    subject_id: int
    code: str
    name: str
    subject_type: str
    org_path: str
    stage: str
    level: Level
    max_level: Level
    findings: tuple[Finding, ...]

    @property
    def rule_ids(self) -> list[str]:
        return list(dict.fromkeys(f.rule_id for f in self.findings))

    @property
    def blocking(self) -> bool:
        return any(f.blocking for f in self.findings)


def subject_target(snap: RegistrySnapshot, ref: SubjectRef) -> tuple[str, str]:
    """The code and name of the person, collective or organization a subject is about."""
    if ref.person_id is not None:
        target: Any = snap.people.get(ref.person_id)
    elif ref.collective_id is not None:
        target = snap.collectives.get(ref.collective_id)
    else:
        target = snap.orgs.get(ref.organization_id)  # type: ignore[arg-type]
    return (target[0], target[1]) if target else ("", "")


def quota_scope(snap: RegistrySnapshot, ref: SubjectRef) -> tuple[QuotaKind, Hashable] | None:
    """Return the quota family and scope of a subject (regulations.md §4, note 4)."""
    st, org_id, coll_id, person_id, unit_id = ref
    orgs = snap.orgs
    if st == "PARTY_MEMBER":  # within each grassroots party organization
        return QuotaKind.PARTY_MEMBERS, ("TCCSĐ", snap.grassroots_of(unit_id))
    if st == "COLLECTIVE" and coll_id in snap.collectives:  # R-50c: category under the province / district
        kind = snap.collectives[coll_id].kind
        return QuotaKind.COLLECTIVES, (orgs[unit_id].tier, snap.committee_of(unit_id), kind)
    if st == "LEADER" and person_id in snap.people:  # R-50d: equivalent title at each level
        title = snap.people[person_id].positions.strip().casefold()
        return QuotaKind.LEADERS, (orgs[unit_id].tier, title)
    if st == "CIVIL_SERVANT" and person_id in snap.people:  # R-50g: agency and task group
        return QuotaKind.CIVIL_SERVANTS, (unit_id, snap.people[person_id].category)
    if st == "ORGANIZATION" and org_id in orgs:  # R-50b (RECALLED, off unless switched on): by type
        return QuotaKind.ORGANIZATIONS, (orgs[org_id].tier, orgs[org_id].kind)
    return None


def _scope_category(item: QuotaItem) -> Any:
    """The category of a CBCCVC quota item: its scope is (agency, category) (``quota_scope``)."""
    return item.scope[1]  # type: ignore[index]


def _quota_items(
    snap: RegistrySnapshot, rows: dict[int, SubjectRef], out: dict[int, Verdict]
) -> dict[QuotaKind, list[QuotaItem]]:
    """``quota_scope`` for every subject in ``out``, grouped by quota family, with the level after caps."""
    by_kind: dict[QuotaKind, list[QuotaItem]] = {}
    for pk, verdict in out.items():
        found = quota_scope(snap, rows[pk])
        if found is not None:
            kind, scope = found
            by_kind.setdefault(kind, []).append(QuotaItem(pk, scope, min(verdict.level, verdict.max_level)))
    return by_kind


def _attach(
    out: dict[int, Verdict],
    items: list[QuotaItem],
    results: dict[Hashable, Any],
    *,
    blocking_only: bool = False,
) -> None:
    """Give a scope's findings to each of its HTXS candidates."""
    for item in items:
        res = results.get(item.scope)
        if item.subject_id not in out or res is None or not res.findings or item.level != Level.EXCELLENT:
            continue
        out[item.subject_id].findings.extend(f for f in res.findings if f.blocking or not blocking_only)


def _state_rate(
    rs: Ruleset,
    snap: RegistrySnapshot,
    rows: dict[int, SubjectRef],
    by_kind: dict[QuotaKind, list[QuotaItem]],
) -> tuple[list[QuotaItem], dict[Hashable, Any]]:
    """R-50f: the CBCCVC HTXS rate per agency not above the party members' rate in that agency."""
    cs_items = [
        QuotaItem(i.subject_id, ("agency", rows[i.subject_id].unit_id), i.level)
        for i in by_kind.get(QuotaKind.CIVIL_SERVANTS, ())
    ]
    if not cs_items:
        return [], {}
    rates: dict[Hashable, tuple[int, int]] = {}
    for item in by_kind.get(QuotaKind.PARTY_MEMBERS, ()):
        person = snap.people.get(rows[item.subject_id].person_id)  # type: ignore[arg-type]
        if person is not None and person.workplace_id is not None:
            excellent, total = rates.get(("agency", person.workplace_id), (0, 0))
            rates[("agency", person.workplace_id)] = (excellent + (item.level == Level.EXCELLENT), total + 1)
    results = solve_state_rate(
        rs, cs_items, party_rates=rates, key=lambda i: i.scope, level=lambda i: i.level
    )
    return cs_items, results


def _check_order(
    rs: Ruleset, snap: RegistrySnapshot, subjects: CampaignSubjects, out: dict[int, Verdict]
) -> None:
    """R-70, R-70b, R-62, S-13: a decision waits for its prerequisites; one finding per code says why.

    Only the prerequisites of the subjects decided are needed, not the campaign's stages (``plan_order``
    sorts every subject): their facts and their children's (``order_facts(only=…)``)."""
    prerequisites = order_prerequisites(rs, order_facts(snap, subjects, only=out))
    keys = {pk: (SUBJECT_TYPE[subjects.rows[pk].subject_type], pk) for pk in out}
    decided = set(keys.values())
    for pk, key in keys.items():
        first: dict[str, Finding] = {}
        for f in check_prerequisites(prerequisites, key, decided):
            first.setdefault(f.code, f)
        out[pk].findings.extend(first.values())


QUOTA_STAGES = ("PROPOSED", "APPRAISED", "DECIDED")


def stage_caps(
    rs: Ruleset,
    campaign: Campaign,
    snap: RegistrySnapshot,
    subjects: CampaignSubjects,
    levels: Levels,
    stage: str,
    only: set[int] | None = None,
) -> dict[int, Verdict]:
    """Caps and linkage (``check_many``) of the subjects rated at ``stage`` (or of ``only`` of them)."""
    grades = self_grades(campaign) if stage == RatingStage.SELF else None
    tasks = task_scores(campaign, keep=snap.people) if campaign.year >= ND335_FROM else None
    facts = rating_facts(snap, subjects, levels, stage=stage, grades=grades, only=only, tasks=tasks)
    out = {
        cap.subject_id: Verdict(cap.proposed, cap.max_level, list(cap.findings))
        for cap in check_many(rs, facts, year=campaign.year, reference=campaign.reference_date)
    }
    # the year reads its quarters (a level above the band of their mean; behind a switch)
    flags = quarter_flags(campaign, rs, subjects.rows, {pk: v.level for pk, v in out.items()})
    for pk, found in flags.items():
        v = out[pk]
        v.findings.extend(found)
        bands = [Level(f.params["band"]) for f in found if f.blocking]  # type: ignore[call-overload]
        if bands:
            out[pk] = v._replace(max_level=min(v.max_level, *bands))
    return out


def _gap_levels(levels: Levels, classified: set[int], stage: str) -> tuple[Levels, set[int]]:
    """For a quota at PROPOSED, APPRAISED or DECIDED: every classified subject without a rating at
    ``stage`` counts with its most advanced level among those three stages (issue 12: the preview and the
    quota page gave two limits for one scope because the preview counted only the stage's own ratings).

    Returns the levels with those subjects given that level at ``stage`` (their most advanced level, so
    the linkage of the others is unchanged) and the set of those subjects."""
    if stage not in QUOTA_STAGES:
        return levels, set()
    rank = {s: i for i, s in enumerate(QUOTA_STAGES)}
    gaps: set[int] = set()
    filled: Levels = {}
    for pk, stages in levels.items():
        if stage in stages or pk not in classified:
            continue
        usable = [s for s in stages if s in rank]
        if usable:
            filled[pk] = {**stages, stage: stages[max(usable, key=rank.__getitem__)]}
            gaps.add(pk)
    if not gaps:
        return levels, gaps
    return {**levels, **filled}, gaps


QuotaGroup = tuple[QuotaKind, list[QuotaItem], dict[Hashable, Any]]


def _solve(
    rs: Ruleset, campaign: Campaign, kind: QuotaKind, items: list[QuotaItem], raised: dict[Any, Any]
) -> dict[Hashable, Any]:
    """One quota family's results for the campaign's year (R-50g binds công chức under ND335 only), the
    scopes the competent level raised to 25 % held to that (R-50h, ``quota_exceptions``)."""
    return solve_quota(
        rs, kind, items, key=lambda i: i.scope, level=lambda i: i.level, year=campaign.year,
        category=_scope_category, exceptions=raised_scopes(kind, [i.scope for i in items], raised),
    )


def stage_quota(
    rs: Ruleset,
    campaign: Campaign,
    snap: RegistrySnapshot,
    subjects: CampaignSubjects,
    levels: Levels,
    stage: str,
) -> tuple[dict[int, Verdict], list[QuotaGroup], QuotaGroup | None]:
    """The caps of the subjects rated at ``stage`` and the quotas (R-50 …, R-50f) of their scopes.

    The one quota computation: the preview, the decision, the list pages, the import and the quota page
    all count a scope the same way: the level after caps of each subject rated at ``stage``, and for a
    classified subject not rated at it (PROPOSED … DECIDED) its most advanced level (``_gap_levels``).
    Returns (verdicts of the subjects rated at ``stage``, one group per quota family, the R-50f group).
    """
    out = stage_caps(rs, campaign, snap, subjects, levels, stage)
    filled, gaps = _gap_levels(levels, subjects.classified, stage)
    counted = dict(out)
    if gaps:
        counted.update(stage_caps(rs, campaign, snap, subjects, filled, stage, only=gaps))
    by_kind = _quota_items(snap, subjects.rows, counted)
    raised = scope_exceptions(campaign) if rs.quota_exception_share and by_kind else {}  # R-50h: one query
    groups: list[QuotaGroup] = [
        (kind, items, _solve(rs, campaign, kind, items, raised)) for kind, items in by_kind.items()
    ]
    cs_items, results = _state_rate(rs, snap, subjects.rows, by_kind)
    state = (QuotaKind.CIVIL_SERVANTS, cs_items, results) if cs_items else None
    return out, groups, state


def evaluate_stage(
    rs: Ruleset,
    campaign: Campaign,
    snap: RegistrySnapshot,
    subjects: CampaignSubjects,
    levels: Levels,
    stage: str,
) -> dict[int, Verdict]:
    """Run caps, linkage, quota and (for decisions) order on one stage: ``{subject pk: verdict}``."""
    out, groups, state = stage_quota(rs, campaign, snap, subjects, levels, stage)
    # Quota on the levels after caps (R-50, R-50b..R-50g): the over-quota finding goes to every candidate.
    for _kind, items, results in groups:
        _attach(out, items, results)
    if state is not None:
        _attach(out, state[1], state[2], blocking_only=True)
    if stage == RatingStage.DECIDED:
        _check_order(rs, snap, subjects, out)
    return out


@gc_paused()
def ratings_check(*, campaign: Campaign, stage: str | None = None) -> list[CheckRow]:
    """Check every rating of the campaign (or of one ``stage``): caps and linkage, quota, order.

    Returns one row per subject and stage that has a rating, ordered by organization path and code.
    """
    rs = ruleset_of(campaign)
    snap = registry_snapshot(
        root=campaign.root, reference=campaign.reference_date, period=campaign_period(campaign)
    )
    subjects = campaign_subjects(campaign)
    levels = latest_levels(campaign, subjects)
    present = {s for stages in levels.values() for s in stages}
    rows: list[CheckRow] = []
    for st in [s for s in RatingStage.values if (stage is None or s == stage) and s in present]:
        for pk, verdict in evaluate_stage(rs, campaign, snap, subjects, levels, st).items():
            ref = subjects.rows[pk]
            unit = snap.orgs.get(ref.unit_id)
            rows.append(
                CheckRow(
                    pk,
                    *subject_target(snap, ref),
                    ref.subject_type,
                    unit.path if unit is not None else "",
                    st,
                    verdict.level,
                    verdict.max_level,
                    tuple(verdict.findings),
                )
            )
    order = {s: i for i, s in enumerate(RatingStage.values)}
    rows.sort(key=lambda r: (r.org_path, r.code, r.subject_type, order[r.stage]))
    return rows


@gc_paused()
def stage_verdicts(
    *, campaign: Campaign, entries: list[Entry], snapshot: RegistrySnapshot | None = None
) -> dict[tuple[int, str], list[Finding]]:
    """Check the campaign as it will be once ``entries`` are written: ``{(subject pk, stage): findings}``."""
    rs = ruleset_of(campaign)
    snap = snapshot or registry_snapshot(
        root=campaign.root, reference=campaign.reference_date, period=campaign_period(campaign)
    )
    subjects = campaign_subjects(campaign)
    levels = latest_levels(campaign, subjects)
    for e in entries:
        levels.setdefault(e.subject_id, {})[e.stage] = (int(e.level), e.score)
    verdicts: dict[tuple[int, str], list[Finding]] = {}
    for stage in sorted({e.stage for e in entries}):
        for pk, verdict in evaluate_stage(rs, campaign, snap, subjects, levels, stage).items():
            verdicts[(pk, stage)] = verdict.findings
    return verdicts
