"""Every state change of a campaign: create, open (materialize subjects), import ratings; and the checks.

Services are keyword-only, typed and atomic; they validate everything, then write (style.md example 3).
Subjects are written with ``xeploai.registry.bulk`` (executemany on SQLite, COPY on PostgreSQL).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from operator import itemgetter
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xeploai.registry.bulk import insert_rows, update_rows
from xeploai.registry.models import Organization
from xeploai.registry.workbook.errors import WorkbookError
from xeploai.registry.workbook.read import (
    EXTRA_COLUMNS,
    PathOrFile,
    WorkbookFileError,
    first_sheet_only,
    read_workbook,
)
from xeploai.registry.workbook.schema import column_letter
from xeploai.rules import (
    Finding,
    Level,
    QuotaKind,
    ReasonCode,
    Ruleset,
    SubjectType,
    check_many,
    decide_subjects,
    explain,
    plan_order,
    solve_quota,
    solve_state_rate,
)

from . import facts as F
from . import locks
from .current import decided_written
from .models import Campaign, CampaignStatus, Deadline, Override, Rating, RatingStage, Subject
from .rulesets import default_reference_date, plan_deadlines, resolve_ruleset
from .workbook import COLUMN_TITLES, SheetRow, parse_sheet

UNKNOWN_RULESET = _("Không có bộ quy tắc “%(code)s”. Các bộ quy tắc hiện có: %(known)s.")
RULESET_YEAR = _("Bộ quy tắc %(code)s không áp dụng cho năm %(year)s (áp dụng từ năm %(start)s%(end)s).")
CAMPAIGN_EXISTS = _("Đã có đợt đánh giá năm %(year)s của %(root)s.")
CAMPAIGN_CLOSED = _("Đợt đánh giá “%(name)s” đã kết thúc, không mở lại được.")
REFERENCE_YEAR = _("Ngày tính mốc %(date)s không thuộc năm đánh giá %(year)s.")

# A new subject's row (the campaign, no hand decision and version 1 are added as constants).
SUBJECT_FIELDS = (
    "subject_type", "organization_id", "collective_id", "person_id", "unit_id", "org_path", "review",
    "classify", "reasons", "reason_details", "counted_to",
)  # fmt: skip
_REFRESHED = (
    "unit_id",
    "org_path",
    "review",
    "classify",
    "reasons",
    "reason_details",
    "counted_to",
    "version",
)


def ruleset_of(campaign: Campaign) -> Ruleset:
    rs = resolve_ruleset(campaign.ruleset)
    if rs is None:
        raise ValidationError(UNKNOWN_RULESET % {"code": campaign.ruleset, "known": _known()})
    return rs


def _known() -> str:
    from .rulesets import known_rulesets

    return ", ".join(r.code for r in known_rulesets())


# --- create & open --------------------------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *,
    year: int,
    ruleset: str,
    root: Organization,
    reference_date: date | None = None,
    name: str | None = None,
) -> Campaign:
    """Create a DRAFT campaign and prefill its deadlines from the plan (S-10, S-11, S-12)."""
    rs = resolve_ruleset(ruleset)
    if rs is None:
        raise ValidationError(UNKNOWN_RULESET % {"code": ruleset, "known": _known()})
    if not rs.covers(year):
        end = f" đến năm {rs.valid_to_year}" if rs.valid_to_year else ""
        raise ValidationError(
            RULESET_YEAR % {"code": rs.code, "year": year, "start": rs.valid_from_year, "end": end}
        )
    if reference_date is not None and reference_date.year != year:
        raise ValidationError(REFERENCE_YEAR % {"date": f"{reference_date:%d/%m/%Y}", "year": year})
    if Campaign.objects.filter(year=year, root=root).exists():
        raise ValidationError(CAMPAIGN_EXISTS % {"year": year, "root": root.name})
    campaign = Campaign.objects.create(
        year=year,
        ruleset=rs.code,
        root=root,
        reference_date=reference_date or default_reference_date(rs, year),
        name=name or f"Kiểm điểm, đánh giá, xếp loại chất lượng năm {year} — {root.name}",
    )
    Deadline.objects.bulk_create(
        Deadline(campaign=campaign, tier=d.tier.value, kind=d.kind, due_on=d.due_on, rule_id=d.rule_id)
        for d in plan_deadlines(rs, year)
    )
    return campaign


@dataclass
class OpenResult:
    """What ``campaign_open`` did, and the subjects by type / exclusion reason for the summary."""

    campaign: Campaign
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    kept_stale: int = 0  # no longer in the registry but has ratings or a manual decision: kept as is
    by_type: dict[str, dict[str, int]] = field(default_factory=dict)  # type → {"total", "review", "classify"}
    excluded: dict[str, int] = field(default_factory=dict)  # reason code → not classified for that reason


_dumps = json.JSONEncoder(ensure_ascii=False).encode  # = json.dumps(..., ensure_ascii=False), built once


def _load_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _dump_reasons(details: list[dict[str, Any]]) -> str:
    return _dumps(details) if details else "[]"


@transaction.atomic
@F.gc_paused()
def campaign_open(*, campaign: Campaign, snapshot: F.RegistrySnapshot | None = None) -> OpenResult:
    """Materialize the campaign's subjects with their reasons (S-01..S-08, R-10..R-12, R-25) and open it.

    Idempotent: a subject is matched by (type, organization / collective / person); changed subjects are
    updated (their version goes up), new ones inserted, vanished ones deleted unless they carry ratings or
    a manual decision. Manual overrides and ratings are never touched. ``snapshot``: the registry already
    read as of the campaign's reference date, by a caller that reads it once for several steps.
    """
    campaign = Campaign.objects.select_for_update().select_related("root").get(pk=campaign.pk)
    if campaign.status == CampaignStatus.CLOSED:
        raise ValidationError(CAMPAIGN_CLOSED % {"name": campaign.name})
    rs = ruleset_of(campaign)
    snap = snapshot or F.registry_snapshot(root=campaign.root, reference=campaign.reference_date)
    deadlines = F.campaign_deadlines_by_tier(campaign)
    decisions = decide_subjects(rs, F.eligibility_facts(snap, deadlines), reference=campaign.reference_date)

    # Raw rows (no per-row JSON decoding): reason_details is compared as the text this function writes,
    # and decoded only when the text differs (written by someone else, or by PostgreSQL's jsonb).
    existing: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for row in F._fetch(
        Subject.objects.filter(campaign=campaign).order_by(),
        "pk", "subject_type", "organization_id", "collective_id", "person_id", "unit_id", "org_path",
        "review", "classify", "reasons", "reason_details", "counted_to", "version", "override",
        dates=(11,),
    ):  # fmt: skip
        # key (type, organization, collective, person) → (pk, unit, path, review, classify, reasons, details,
        # counted_to, version, override)
        existing[row[1:5]] = (row[0], *row[5:])

    result = OpenResult(campaign)
    updates: list[tuple[Any, ...]] = []
    seen: set[tuple[Any, ...]] = set()
    counts = [0]  # unchanged

    rows: list[F.SubjectRow] = []  # every subject, kept for the counts below

    def new_rows() -> Iterator[tuple[Any, ...]]:
        """Build the subjects' rows from the decisions and yield those to insert while comparing the others
        (streamed into the writer: the database stores each batch while the next is being built)."""
        add_seen, find, keep = seen.add, existing.get, rows.append
        unchanged = 0
        for r in F.subject_rows(snap, decisions):
            keep(r)
            key = (r.subject_type, r.organization_id, r.collective_id, r.person_id)
            add_seen(key)
            details = _dump_reasons(r.reason_details)
            old = find(key)
            if old is None:
                yield (
                    r.subject_type, r.organization_id, r.collective_id, r.person_id, r.unit_id, r.org_path,
                    r.review, r.classify, r.reasons, details, r.counted_to,
                )  # fmt: skip
                continue
            if (
                (r.unit_id, r.org_path, r.review, r.classify, r.reasons) == old[1:6]
                and r.counted_to == old[7]
                and (old[6] == details or _load_json(old[6]) == r.reason_details)
            ):
                unchanged += 1
                continue
            updates.append(
                (
                    r.unit_id, r.org_path, r.review, r.classify, r.reasons, details, r.counted_to, old[8] + 1,
                    old[0],
                )
            )  # fmt: skip
        counts[0] = unchanged

    # New keys never collide with vanished ones (those are absent from ``rows``), so the inserts may go
    # first, streamed, and the deletions follow.
    # What every new row shares is given once (``insert_rows`` constants, bound once on SQLite).
    fresh = {"campaign_id": campaign.pk, "override": str(Override.NONE), "override_reason": "", "version": 1}
    result.created = insert_rows(Subject, SUBJECT_FIELDS, new_rows(), overlap=True, constants=fresh)
    result.unchanged = counts[0]
    vanished = [old[0] for key, old in existing.items() if key not in seen]
    if vanished:
        rated = set(
            Rating.objects.filter(subject__campaign=campaign).values_list("subject_id", flat=True).distinct()
        )
        kept = {old[0] for old in existing.values() if old[9]} | rated
        doomed = [pk for pk in vanished if pk not in kept]
        result.kept_stale = len(vanished) - len(doomed)
        for i in range(0, len(doomed), 500):
            Subject.objects.filter(pk__in=doomed[i : i + 500]).delete()
        result.removed = len(doomed)
    result.updated = update_rows(Subject, "id", _REFRESHED, updates)

    campaign.status = CampaignStatus.OPEN
    if campaign.opened_at is None:
        campaign.opened_at = timezone.now()
    campaign.save(update_fields=["status", "opened_at"])

    for r in rows:
        t = result.by_type.setdefault(r.subject_type, {"total": 0, "review": 0, "classify": 0})
        t["total"] += 1
        t["review"] += r.review
        t["classify"] += r.classify
        if not r.classify and r.reasons:
            code = r.reasons.split(",")[0]
            result.excluded[code] = result.excluded.get(code, 0) + 1
    return result


# --- checks ---------------------------------------------------------------------------------------------


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


def _target(snap: F.RegistrySnapshot, row: tuple[Any, ...]) -> tuple[str, str]:
    _st, org_id, coll_id, person_id, _unit = row
    if person_id is not None:
        p = snap.people.get(person_id)
        return (p[0], p[1]) if p else ("", "")
    if coll_id is not None:
        c = snap.collectives.get(coll_id)
        return (c[0], c[1]) if c else ("", "")
    o = snap.orgs.get(org_id)
    return (o[0], o[1]) if o else ("", "")


def _quota_scopes(snap: F.RegistrySnapshot, row: tuple[Any, ...]) -> tuple[QuotaKind, Hashable] | None:
    """Return the quota family and scope of a subject (regulations.md §4, note 4)."""
    st, org_id, coll_id, person_id, unit_id = row
    orgs = snap.orgs
    if st == "PARTY_MEMBER":  # within each grassroots party organization
        return QuotaKind.PARTY_MEMBERS, ("TCCSĐ", snap.grassroots_of(unit_id))
    if st == "COLLECTIVE" and coll_id in snap.collectives:  # R-50c: category under the province / district
        kind = snap.collectives[coll_id][2]
        return QuotaKind.COLLECTIVES, (orgs[unit_id][3], snap.committee_of(unit_id), kind)
    if st == "LEADER" and person_id in snap.people:  # R-50d: equivalent title at each level
        return QuotaKind.LEADERS, (orgs[unit_id][3], snap.people[person_id][8].strip().casefold())
    if st == "CIVIL_SERVANT" and person_id in snap.people:  # R-50g: agency and task group
        return QuotaKind.CIVIL_SERVANTS, (unit_id, snap.people[person_id][4])
    if st == "ORGANIZATION" and org_id in orgs:  # R-50b (RECALLED, off unless switched on): by type
        return QuotaKind.ORGANIZATIONS, (orgs[org_id][3], orgs[org_id][2])
    return None


def _quota_items(
    snap: F.RegistrySnapshot,
    rows: dict[int, tuple[Any, ...]],
    out: dict[int, tuple[Level, Level, list[Finding]]],
) -> dict[QuotaKind, list[tuple[int, Hashable, Level]]]:
    """``_quota_scopes`` for every subject in ``out``, grouped by quota family, with the level after caps.

    The same families, scopes and order as calling ``_quota_scopes`` on each subject (a test holds them
    equal); scopes are computed once per unit (and title) instead of once per subject.
    """
    orgs, people, collectives = snap.orgs, snap.people, snap.collectives
    pm_scope: dict[int, Hashable] = {}
    coll_scope: dict[tuple[int, str], Hashable] = {}
    titles: dict[str, str] = {}
    pm_items: list[tuple[int, Hashable, Level]] = []
    by_kind: dict[QuotaKind, list[tuple[int, Hashable, Level]]] = {}
    for pk, (proposed, max_level, _f) in out.items():
        st, org_id, coll_id, person_id, unit_id = rows[pk]
        lvl = max_level if max_level < proposed else proposed  # min(proposed, max_level)
        if st == "PARTY_MEMBER":  # within each grassroots party organization
            scope = pm_scope.get(unit_id)
            if scope is None:
                scope = pm_scope[unit_id] = ("TCCSĐ", snap.grassroots_of(unit_id))
            kind = QuotaKind.PARTY_MEMBERS
        elif st == "COLLECTIVE" and coll_id in collectives:  # R-50c
            ckind = collectives[coll_id][2]
            scope = coll_scope.get((unit_id, ckind))
            if scope is None:
                scope = coll_scope[(unit_id, ckind)] = (orgs[unit_id][3], snap.committee_of(unit_id), ckind)
            kind = QuotaKind.COLLECTIVES
        elif st == "LEADER" and person_id in people:  # R-50d: equivalent title at each level
            position = people[person_id][8]
            title = titles.get(position)
            if title is None:
                title = titles[position] = position.strip().casefold()
            scope, kind = (orgs[unit_id][3], title), QuotaKind.LEADERS
        elif st == "CIVIL_SERVANT" and person_id in people:  # R-50g: agency and task group
            scope, kind = (unit_id, people[person_id][4]), QuotaKind.CIVIL_SERVANTS
        elif st == "ORGANIZATION" and org_id in orgs:  # R-50b
            scope, kind = (orgs[org_id][3], orgs[org_id][2]), QuotaKind.ORGANIZATIONS
        else:
            continue
        if kind is QuotaKind.PARTY_MEMBERS:
            if not pm_items:
                by_kind[kind] = pm_items
            pm_items.append((pk, scope, lvl))
        else:
            items = by_kind.get(kind)
            if items is None:
                items = by_kind[kind] = []
            items.append((pk, scope, lvl))
    return by_kind


_SCOPE, _ITEM_LEVEL = itemgetter(1), itemgetter(2)
_new_check_row = F.fast_constructor(CheckRow)


def _evaluate(
    rs: Ruleset,
    campaign: Campaign,
    snap: F.RegistrySnapshot,
    subjects: F.CampaignSubjects,
    levels: dict[int, dict[str, tuple[int, Any]]],
    stage: str,
) -> dict[int, tuple[Level, Level, list[Finding]]]:
    """Run caps, linkage, quota and (for decisions) order on one stage.

    Returns ``{subject pk: (level, max_level, findings)}``.
    """
    with F.gc_paused():
        return _evaluate_paused(rs, campaign, snap, subjects, levels, stage)


def _evaluate_paused(
    rs: Ruleset,
    campaign: Campaign,
    snap: F.RegistrySnapshot,
    subjects: F.CampaignSubjects,
    levels: dict[int, dict[str, tuple[int, Any]]],
    stage: str,
) -> dict[int, tuple[Level, Level, list[Finding]]]:
    year = campaign.year
    out: dict[int, tuple[Level, Level, list[Finding]]] = {}
    grades = F.self_grades(campaign) if stage == RatingStage.SELF else None
    for cap in check_many(rs, F.rating_facts(snap, subjects, levels, stage=stage, grades=grades), year=year):
        out[cap.subject_id] = (cap.proposed, cap.max_level, list(cap.findings))

    # Quota on the levels after caps (R-50, R-50b..R-50g): the over-quota finding goes to every candidate.
    rows = subjects.rows
    by_kind = _quota_items(snap, rows, out)
    for kind, items in by_kind.items():
        results = solve_quota(rs, kind, items, key=_SCOPE, level=_ITEM_LEVEL)
        _attach(out, items, results)
    # R-50f: CBCCVC HTXS rate per agency not above the party members' rate in that agency.
    cs_items = [
        (pk, ("agency", rows[pk][4]), lvl) for pk, _s, lvl in by_kind.get(QuotaKind.CIVIL_SERVANTS, ())
    ]
    if cs_items:
        rates: dict[Hashable, list[int]] = {}
        excellent = Level.EXCELLENT
        for pk, _scope, lvl in by_kind.get(QuotaKind.PARTY_MEMBERS, ()):
            person = snap.people.get(rows[pk][3])
            if person is not None and person[5] is not None:
                r = rates.get(("agency", person[5]))
                if r is None:
                    r = rates[("agency", person[5])] = [0, 0]
                r[0] += lvl == excellent
                r[1] += 1
        party_rates = {k: (v[0], v[1]) for k, v in rates.items()}
        results = solve_state_rate(rs, cs_items, party_rates=party_rates, key=_SCOPE, level=_ITEM_LEVEL)
        _attach(out, cs_items, results, blocking_only=True)

    if stage == RatingStage.DECIDED:  # R-70, R-70b, R-62, S-13: prerequisites decided first
        plan = plan_order(rs, F.order_facts(snap, subjects))
        types = {t.value: t for t in SubjectType}
        keys = {pk: (types[rows[pk][0]], pk) for pk in out}
        decided = set(keys.values())
        for pk, key in keys.items():
            # One finding per code is enough to say why (a cell waits for each undecided member).
            first: dict[str, Finding] = {}
            for f in plan.check(key, decided):
                first.setdefault(f.code, f)
            out[pk][2].extend(first.values())
    return out


def _attach(
    out: dict[int, tuple[Level, Level, list[Finding]]],
    items: list[tuple[int, Hashable, Level]],
    results: dict[Hashable, Any],
    *,
    blocking_only: bool = False,
) -> None:
    for pk, scope, lvl in items:
        res = results.get(scope)
        if res is None or not res.findings or lvl != Level.EXCELLENT:
            continue
        out[pk][2].extend(f for f in res.findings if f.blocking or not blocking_only)


@F.gc_paused()
def ratings_check(*, campaign: Campaign, stage: str | None = None) -> list[CheckRow]:
    """Check every rating of the campaign (or of one ``stage``): caps and linkage, quota, order.

    Returns one row per subject and stage that has a rating, ordered by organization path and code.
    """
    rs = ruleset_of(campaign)
    snap = F.registry_snapshot(root=campaign.root, reference=campaign.reference_date)
    subjects = F.campaign_subjects(campaign)
    levels = F.latest_levels(campaign, subjects)
    present = {s for stages in levels.values() for s in stages}
    stages = [s for s in RatingStage.values if (stage is None or s == stage) and s in present]
    rows: list[CheckRow] = []
    append, new, subject_rows, orgs = rows.append, _new_check_row, subjects.rows, snap.orgs
    for st in stages:
        for pk, (level, max_level, findings) in _evaluate(rs, campaign, snap, subjects, levels, st).items():
            row = subject_rows[pk]
            code, name = _target(snap, row)
            unit = orgs.get(row[4])
            path = unit[5] if unit is not None else ""
            append(new(pk, code, name, row[0], path, st, level, max_level, tuple(findings)))
    order = {s: i for i, s in enumerate(RatingStage.values)}
    rows.sort(key=lambda r: (r.org_path, r.code, r.subject_type, order[r.stage]))
    return rows


def findings_json(findings: list[Finding] | tuple[Finding, ...]) -> list[dict[str, Any]]:
    """Snapshot findings for a Rating row: rule id, code, params (JSON-friendly), blocking."""
    return [
        {
            "rule_id": f.rule_id,
            "code": f.code,
            "params": {k: F.json_value(v) for k, v in f.params.items()},
            "blocking": f.blocking,
        }
        for f in findings
    ]


@F.gc_paused()
def _verdicts(
    *,
    campaign: Campaign,
    entries: list[tuple[int, str, Level, Any, str]],
    snapshot: F.RegistrySnapshot | None = None,
) -> dict[tuple[int, str], list[Finding]]:
    """Check the campaign as it will be once ``entries`` are written: ``{(subject pk, stage): findings}``."""
    rs = ruleset_of(campaign)
    snap = snapshot or F.registry_snapshot(root=campaign.root, reference=campaign.reference_date)
    subjects = F.campaign_subjects(campaign)
    levels = F.latest_levels(campaign, subjects)
    for pk, stage, level, score, _j in entries:
        levels.setdefault(pk, {})[stage] = (int(level), score)
    verdicts: dict[tuple[int, str], list[Finding]] = {}
    for stage in sorted({e[1] for e in entries}):
        for pk, (_l, _m, found) in _evaluate(rs, campaign, snap, subjects, levels, stage).items():
            verdicts[(pk, stage)] = found
    return verdicts


def _dump_findings(findings: list[Finding] | None) -> str:
    return _dumps(findings_json(findings)) if findings else "[]"


def _param_key(value: object) -> Hashable:
    """A key that is equal for two param values exactly when ``F.json_value`` gives them the same JSON."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None or isinstance(value, Enum):
        return (kind, value)
    if isinstance(value, date):
        return (kind, value.isoformat())
    return (kind, str(value))


def _findings_dumper() -> Callable[[list[Finding] | None], str]:
    """Return ``_dump_findings`` with each distinct finding encoded once (same text, byte for byte).

    A list's JSON is its items' JSON joined by ", " between brackets; a province's 100,000 rows share a
    few thousand distinct findings (a quota finding is the same for a whole scope, often the very same
    object: those are recognised by identity before their params are compared).
    """
    cache: dict[Hashable, str] = {}
    same: dict[int, tuple[Finding, str]] = {}  # id → (the finding, kept alive so its id is not reused; text)

    def text_of(f: Finding) -> str:
        hit = same.get(id(f))
        if hit is not None and hit[0] is f:
            return hit[1]
        key = (f.rule_id, f.code, f.blocking, tuple((k, _param_key(v)) for k, v in f.params.items()))
        text = cache.get(key)
        if text is None:
            text = cache[key] = _dumps(findings_json((f,))[0])
        same[id(f)] = (f, text)
        return text

    def dump(findings: list[Finding] | None) -> str:
        if not findings:
            return "[]"
        if len(findings) == 1:
            return "[" + text_of(findings[0]) + "]"
        return "[" + ", ".join([text_of(f) for f in findings]) + "]"

    return dump


def rating_counts(ratings: QuerySet[Rating]) -> dict[int, int]:
    """How many of ``ratings`` each subject has (absent: none); ``Subject.state_version`` for many at once."""
    grouped = ratings.order_by().values("subject_id").annotate(n=Count("pk")).values_list("subject_id", "n")
    return dict(grouped)


def ratings_write(
    *,
    entries: list[tuple[int, str, Level, Any, str]],
    by: AbstractBaseUser | None,
    versions: dict[int, int],
    verdicts: dict[tuple[int, str], list[Finding]],
) -> int:
    """Append rating rows ``(subject pk, stage, level, score, justification)`` with their findings snapshot.

    ``versions`` maps each subject to the ``state_version`` the author saw (``based_on_version``). Nothing
    else is written: the new rows are what moves each subject's ``state_version``. Callers validate first,
    hold the transaction and took ``locks.campaign_for_rating`` (or hold the campaign for update) before
    reading the subjects.
    """
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    constants: dict[str, Any] = {
        "author_id": by.pk if by is not None else None,
        "created_at": now if isinstance(now, str) else now.isoformat(),
    }
    dump, verdict = _findings_dumper(), verdicts.get
    # A generator: the rows are encoded while the writer stores the previous batch. What every row shares
    # is given once (``insert_rows`` constants): the author and the moment, and for a workbook of one stage
    # without scores or justifications (the usual bulk case) the stage, score and justification too.
    stage0 = entries[0][1] if entries else ""
    if all(e[1] == stage0 and e[3] is None and e[4] == "" for e in entries):
        constants.update(stage=str(stage0), score=None, justification="")
        fields: tuple[str, ...] = ("subject_id", "level", "findings", "based_on_version")
        rows: Iterator[tuple[Any, ...]] = (
            (pk, int(level), dump(verdict((pk, stage))), versions[pk]) for pk, stage, level, _s, _j in entries
        )
    else:
        fields = ("subject_id", "stage", "level", "score", "justification", "findings", "based_on_version")
        rows = (
            (pk, stage, int(level), score, justification, dump(verdict((pk, stage))), versions[pk])
            for pk, stage, level, score, justification in entries
        )
    with F.gc_paused():
        count = insert_rows(Rating, fields, rows, overlap=True, constants=constants)
    decided_written(entries)  # Subject.decided_level; no query unless DECIDED rows were written
    return count


# --- import ---------------------------------------------------------------------------------------------


@dataclass
class RatingsImportResult:
    """What ``ratings_import`` did; nothing was written when there is any error (or on a dry run)."""

    created: int = 0
    rows: int = 0
    errors: list[WorkbookError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


NO_SUBJECT = _("Không có đối tượng mã “%(code)s” trong đợt đánh giá này.")
NO_SUBJECT_OF_TYPE = _("Mã “%(code)s” không có đối tượng loại “%(type)s” trong đợt (có: %(have)s).")
AMBIGUOUS = _("Mã “%(code)s” ứng với nhiều đối tượng (%(have)s): ghi thêm cột “Loại đối tượng”.")
NOT_CLASSIFIED = _("Đối tượng “%(code)s” (%(type)s) không thuộc diện xếp loại trong đợt này%(why)s.")
DUPLICATE = _("Đối tượng “%(code)s” (%(type)s) đã có ở dòng %(first)s cho cùng giai đoạn.")
REFUSED = _("Không thể quyết định mức này: %(why)s")
NO_ROWS = _("Trang tính không có dòng dữ liệu nào.")
CAMPAIGN_NOT_OPEN = _("Đợt đánh giá “%(name)s” chưa mở hoặc đã kết thúc: không nhập kết quả được.")


@transaction.atomic
def ratings_import(
    *,
    campaign: Campaign,
    path_or_file: PathOrFile,
    by: AbstractBaseUser | None = None,
    dry_run: bool = False,
) -> RatingsImportResult:
    """Import proposed or decided levels from the first sheet of a workbook, all or nothing.

    Every row is validated first (columns, values, the subject exists in the campaign and is classified,
    no duplicate). A decided level must also pass the core's caps, linkage and order (R-13, R-30, R-33c,
    R-61, R-62, R-70 …): a blocking finding refuses it, located at its level cell. Over-quota (R-50 …) is
    not a refusal: the competent level decides who keeps HTXS, so it is recorded in the row's findings.
    """
    result = RatingsImportResult(dry_run=dry_run)
    if campaign.status != CampaignStatus.OPEN:
        result.errors.append(
            WorkbookError("", None, "", "", "", str(CAMPAIGN_NOT_OPEN % {"name": campaign.name}))
        )
        return result
    try:
        sheets = read_workbook(path_or_file, columns_for=first_sheet_only(len(COLUMN_TITLES) + EXTRA_COLUMNS))
    except WorkbookFileError as exc:
        result.errors.append(WorkbookError(exc.sheet, None, "", "", "", exc.message))
        return result
    if not sheets:
        result.errors.append(WorkbookError("", None, "", "", "", str(NO_ROWS)))
        return result
    sheet = sheets[0]
    rows, errors, columns = parse_sheet(sheet)
    result.errors.extend(errors)
    result.rows = len(rows)
    if not rows and not errors:
        result.errors.append(WorkbookError(sheet.name, None, "", "", "", str(NO_ROWS)))
    if result.errors and not rows:
        return result

    def locate(row: int, field_name: str, value: str, message: str) -> WorkbookError:
        i = columns[field_name]
        return WorkbookError(sheet.name, row, COLUMN_TITLES[field_name], column_letter(i), value, message)

    locks.campaign_for_rating(campaign_pk=campaign.pk)  # before the subjects are read

    by_code: dict[str, list[tuple[int, str, bool, str, int]]] = defaultdict(list)
    wanted = {r.code for r in rows}
    campaign_pks: list[int] = []
    for pk, st, p_code, c_code, o_code, classify, override, reasons, version in (
        Subject.objects.filter(campaign=campaign)
        .order_by()
        .values_list(
            "pk", "subject_type", "person__code", "collective__code", "organization__code", "classify",
            "override", "reasons", "version",
        )
    ):  # fmt: skip
        campaign_pks.append(pk)
        code = p_code or c_code or o_code
        if code in wanted:
            included = override == Override.INCLUDED or (classify and override != Override.EXCLUDED)
            by_code[code].append((pk, st, included, reasons, version))
    rated = rating_counts(F.ratings_in_block(campaign_pks))  # for each subject's state_version
    labels = {t.value: t.label for t in SubjectType}
    entries: list[tuple[int, str, Level, Any, str]] = []
    where: dict[tuple[int, str], SheetRow] = {}
    versions: dict[int, int] = {}
    for r in rows:
        found = by_code.get(r.code, [])
        have = ", ".join(labels[f[1]] for f in found)
        if r.subject_type is not None:
            found = [f for f in found if f[1] == r.subject_type.value]
        if not found:
            if r.subject_type is not None and have:
                msg = NO_SUBJECT_OF_TYPE % {"code": r.code, "type": r.subject_type.label, "have": have}
            else:
                msg = NO_SUBJECT % {"code": r.code}
            result.errors.append(locate(r.row, "code", r.code, str(msg)))
            continue
        if len(found) > 1:
            result.errors.append(
                locate(r.row, "code", r.code, str(AMBIGUOUS % {"code": r.code, "have": have}))
            )
            continue
        pk, st, included, reasons, version = found[0]
        if not included:
            why = f" ({', '.join(ReasonCode(c).label for c in reasons.split(',') if c)})" if reasons else ""
            msg = NOT_CLASSIFIED % {"code": r.code, "type": labels[st], "why": why}
            result.errors.append(locate(r.row, "code", r.code, str(msg)))
            continue
        first = where.get((pk, r.stage))
        if first is not None:
            msg = DUPLICATE % {"code": r.code, "type": labels[st], "first": first.row}
            result.errors.append(locate(r.row, "code", r.code, str(msg)))
            continue
        where[(pk, r.stage)] = r
        versions[pk] = version + rated.get(pk, 0)  # Subject.state_version
        entries.append((pk, r.stage, r.level, r.score, r.justification))
    if result.errors:
        result.errors.sort(key=lambda e: (e.row or 0, e.column_letter))
        return result

    verdicts = _verdicts(campaign=campaign, entries=entries)
    for (pk, stage), found in verdicts.items():
        sheet_row = where.get((pk, stage))
        if sheet_row is None or stage != RatingStage.DECIDED:
            continue
        refusing = [f for f in found if f.blocking and not f.code.startswith("quota.")]
        if refusing:
            why = " ".join(explain(f) for f in refusing)
            result.errors.append(
                locate(sheet_row.row, "level", sheet_row.level.short, str(REFUSED % {"why": why}))
            )
    result.errors.sort(key=lambda e: (e.row or 0, e.column_letter))
    if result.errors or dry_run:
        return result
    result.created = ratings_write(entries=entries, by=by, versions=versions, verdicts=verdicts)
    return result
