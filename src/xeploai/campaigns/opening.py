"""Creating a campaign and opening it: the core decides the subjects, and they are written.

Services are keyword-only, typed and atomic; they validate everything, then write (style.md example 3).
Subjects are written with ``xeploai.registry.bulk`` (executemany on SQLite, COPY on PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xeploai.registry.bulk import insert_rows, update_rows
from xeploai.registry.models import Organization
from xeploai.rules import (
    CivilServiceCategory,
    CollectiveFacts,
    CollectiveKind,
    OrganizationFacts,
    OrgKind,
    PersonFacts,
    SubjectDecision,
    SubjectType,
    Tier,
    decide_subjects,
)
from xeploai.rules.batch import gc_paused

from .models import YEAR_PERIOD, Campaign, CampaignStatus, Deadline, DeadlineKind, Override, Rating, Subject
from .ruleset_plan import (
    default_reference_date,
    plan_deadlines,
    quarter_deadlines,
    ruleset_named,
    ruleset_of,
)
from .snapshot import RegistrySnapshot, fetch_rows, json_value, registry_snapshot
from .task_scores import campaign_period

__all__ = [
    "OpenResult",
    "SubjectRow",
    "campaign_create",
    "campaign_deadlines_by_tier",
    "campaign_open",
    "eligibility_facts",
    "subject_rows",
]

RULESET_YEAR = _("Bộ quy tắc %(code)s không áp dụng cho năm %(year)s (áp dụng từ năm %(start)s%(end)s).")
CAMPAIGN_EXISTS = _("Đã có đợt đánh giá %(period)s của %(root)s.")
NO_QUARTERS = _(
    "Bộ quy tắc %(code)s không đánh giá theo quý (chỉ Quy định 366-QĐ/TW đánh giá theo quý): hãy chọn cả năm."
)
BAD_QUARTER = _("Quý phải từ 1 đến 4, không phải %(quarter)s.")
REFERENCE_PERIOD = _("Ngày tính mốc %(date)s không thuộc %(period)s (từ %(start)s đến %(end)s).")
CAMPAIGN_CLOSED = _("Đợt đánh giá “%(name)s” đã kết thúc, không mở lại được.")
REFERENCE_YEAR = _("Ngày tính mốc %(date)s không thuộc năm đánh giá %(year)s.")

# A new subject's row (the campaign, no hand decision and version 1 are added as constants).
SUBJECT_FIELDS = (
    "subject_type",
    "organization_id",
    "collective_id",
    "person_id",
    "unit_id",
    "org_path",
    "review",
    "classify",
    "reasons",
    "reason_details",
    "counted_to",
)
# What reopening may change on an existing subject, in ``update_rows`` order (then the pk).
REFRESHED_FIELDS = SUBJECT_FIELDS[4:] + ("version",)
# An existing subject as reopening reads it: what it keeps, then its row as written.
EXISTING_FIELDS = ("pk", "version", "override", *SUBJECT_FIELDS)

_dumps = json.JSONEncoder(ensure_ascii=False).encode  # = json.dumps(..., ensure_ascii=False), built once


@transaction.atomic
def campaign_create(
    *,
    year: int,
    ruleset: str,
    root: Organization,
    reference_date: date | None = None,
    name: str | None = None,
    quarter: int | None = None,
) -> Campaign:
    """Create a DRAFT campaign and prefill its deadlines.

    A year's deadlines come from the plan (S-10, S-11, S-12); a quarter's (``quarter`` 1 to 4, only under
    a ruleset that evaluates by quarter, R-100) are KL198's: each level reports before the 15th of the
    quarter's last month (R-101). A quarter's counting date defaults to its last day.
    """
    rs = ruleset_named(ruleset)
    if not rs.covers(year):
        end = f" đến năm {rs.valid_to_year}" if rs.valid_to_year else ""
        raise ValidationError(
            RULESET_YEAR % {"code": rs.code, "year": year, "start": rs.valid_from_year, "end": end}
        )
    if quarter is not None and not 1 <= quarter <= 4:
        raise ValidationError({"quarter": [str(BAD_QUARTER % {"quarter": quarter})]})
    if quarter and not rs.evaluates("QUARTER"):
        raise ValidationError({"quarter": [str(NO_QUARTERS % {"code": rs.code})]})
    campaign = Campaign(year=year, period=quarter or YEAR_PERIOD, ruleset=rs.code, root=root)
    _check_reference(campaign, reference_date)
    if Campaign.objects.filter(year=year, period=campaign.period, root=root).exists():
        raise ValidationError(CAMPAIGN_EXISTS % {"period": campaign.period_label, "root": root.name})
    campaign.reference_date = reference_date or (
        campaign.period_end if quarter else default_reference_date(rs, year)
    )
    campaign.name = name or f"Kiểm điểm, đánh giá, xếp loại chất lượng {campaign.period_label} — {root.name}"
    campaign.save()
    deadlines = quarter_deadlines(rs, root, year, quarter) if quarter else plan_deadlines(rs, year)
    Deadline.objects.bulk_create(
        Deadline(campaign=campaign, tier=d.tier.value, kind=d.kind, due_on=d.due_on, rule_id=d.rule_id)
        for d in deadlines
    )
    return campaign


def _check_reference(campaign: Campaign, reference_date: date | None) -> None:
    """Refuse a counting date outside the campaign's year, or outside its quarter."""
    if reference_date is None:
        return
    if reference_date.year != campaign.year:
        raise ValidationError(REFERENCE_YEAR % {"date": f"{reference_date:%d/%m/%Y}", "year": campaign.year})
    if campaign.period and not campaign.period_start <= reference_date <= campaign.period_end:
        raise ValidationError(
            REFERENCE_PERIOD
            % {
                "date": f"{reference_date:%d/%m/%Y}",
                "period": campaign.period_label,
                "start": f"{campaign.period_start:%d/%m/%Y}",
                "end": f"{campaign.period_end:%d/%m/%Y}",
            }
        )


def campaign_deadlines_by_tier(campaign: Campaign) -> dict[str, date]:
    """Return the review deadline of each tier from the campaign's (editable) deadlines (S-04, S-10)."""
    out: dict[str, date] = {}
    for tier, due in Deadline.objects.filter(
        campaign=campaign, kind__in=[DeadlineKind.REVIEW_AND_REPORT, DeadlineKind.DECISION]
    ).values_list("tier", "due_on"):
        if tier not in out or due < out[tier]:
            out[tier] = due
    return out


def eligibility_facts(
    snap: RegistrySnapshot, deadlines: dict[str, date]
) -> list[PersonFacts | CollectiveFacts | OrganizationFacts]:
    """Build the core's eligibility facts for every organization, collective and person (pure).

    The six months are counted to the review meeting of the subject's organization when one is recorded
    (S-04, ``ReviewMeeting``), else to the deadline of its tier; a CBCCVC's worked time starts on the day
    they started at the agency (R-25, ``Person.employed_from``).
    """
    orgs, meetings = snap.orgs, snap.recorded.meetings
    out: list[PersonFacts | CollectiveFacts | OrganizationFacts] = [
        OrganizationFacts(
            pk, OrgKind(o.kind), Tier(o.tier), o.founded_on, meetings.get(pk), deadlines.get(o.tier)
        )
        for pk, o in orgs.items()
    ]
    for pk, c in snap.collectives.items():
        tier = orgs[c.organization_id].tier
        members = len(snap.members.get(pk, ()))
        meeting = meetings.get(c.organization_id)
        out.append(
            CollectiveFacts(
                pk, CollectiveKind(c.kind), Tier(tier), members, c.founded_on, meeting, deadlines.get(tier)
            )
        )
    for pk, p in snap.people.items():
        home_id = p.cell_id if p.cell_id in orgs else p.workplace_id
        home = orgs.get(home_id)  # type: ignore[arg-type]
        works_here = p.workplace_id in orgs
        out.append(
            PersonFacts(
                pk,
                is_party_member=p.admitted_on is not None and p.cell_id in orgs,
                admitted_on=p.admitted_on,
                statuses=tuple(snap.statuses.get(pk, ())),
                leaves=tuple(snap.leaves.get(pk, ())),
                category=CivilServiceCategory(p.category) if works_here else CivilServiceCategory.NONE,
                employed_from=p.employed_from if works_here else None,
                is_leader=bool(p.is_head) or p.managing_committee_id is not None,
                meeting_on=meetings.get(home_id) if home is not None else None,  # type: ignore[arg-type]
                deadline=deadlines.get(home.tier) if home is not None else None,
            )
        )
    return out


class SubjectRow(NamedTuple):
    """A subject as it is written (``SUBJECT_FIELDS``): the core's decision plus where it belongs."""

    subject_type: str
    organization_id: int | None
    collective_id: int | None
    person_id: int | None
    unit_id: int
    org_path: str
    review: bool
    classify: bool
    reasons: str
    reason_details: Any  # JSON text as written; read back, the text or (PostgreSQL's jsonb) decoded
    counted_to: date

    @property
    def key(self) -> tuple[str, int | None, int | None, int | None]:
        return (self.subject_type, self.organization_id, self.collective_id, self.person_id)


def _unit_of(snap: RegistrySnapshot, decision: SubjectDecision) -> int | None:
    """The organization a subject belongs to; a leader's workplace, else managing committee, else cell."""
    st, pk = decision.subject_type, decision.subject_id
    if st is SubjectType.ORGANIZATION:
        return pk
    if st is SubjectType.COLLECTIVE:
        return snap.collectives[pk].organization_id
    person = snap.people[pk]
    if st is SubjectType.PARTY_MEMBER:
        return person.cell_id
    if st is SubjectType.CIVIL_SERVANT:
        return person.workplace_id
    for unit in (person.workplace_id, person.managing_committee_id):
        if unit in snap.orgs:
            return unit
    return person.cell_id


def _reasons(decision: SubjectDecision) -> tuple[str, str]:
    """The reason codes (comma-separated) and their details as JSON text."""
    if not decision.reasons:
        return "", "[]"
    codes = ",".join(r.code.value for r in decision.reasons)
    details = [
        {
            "code": r.code.value,
            "rule_id": r.rule_id,
            "params": {k: json_value(v) for k, v in r.params.items()},
        }
        for r in decision.reasons
    ]
    return codes, _dumps(details)


def subject_rows(snap: RegistrySnapshot, decisions: Iterable[SubjectDecision]) -> Iterator[SubjectRow]:
    """Attach each ``SubjectDecision`` to its target and unit; drop roles whose unit is outside the root.

    A generator over the snapshot only (no query): ``campaign_open`` streams it into the subjects' writer,
    so the database stores one batch while the next rows are built.
    """
    for d in decisions:
        unit = _unit_of(snap, d)
        if unit is None or unit not in snap.orgs:
            continue
        st, pk = d.subject_type, d.subject_id
        codes, details = _reasons(d)
        yield SubjectRow(
            st.value,
            pk if st is SubjectType.ORGANIZATION else None,
            pk if st is SubjectType.COLLECTIVE else None,
            pk if st not in (SubjectType.ORGANIZATION, SubjectType.COLLECTIVE) else None,
            unit,
            snap.orgs[unit].path,
            d.review,
            d.classify,
            codes,
            details,
            d.counted_to,
        )


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

    def count(self, row: SubjectRow) -> None:
        """Count one subject in the summary."""
        t = self.by_type.setdefault(row.subject_type, {"total": 0, "review": 0, "classify": 0})
        t["total"] += 1
        t["review"] += row.review
        t["classify"] += row.classify
        if not row.classify and row.reasons:
            code = row.reasons.split(",")[0]
            self.excluded[code] = self.excluded.get(code, 0) + 1


class ExistingSubject(NamedTuple):
    """A subject already in the campaign, as reopening reads it (``EXISTING_FIELDS``)."""

    pk: int
    version: int
    override: str
    row: SubjectRow  # its reason details as stored: JSON text, or already decoded (PostgreSQL's jsonb)

    @classmethod
    def of(cls, values: tuple[Any, ...]) -> ExistingSubject:
        return cls(values[0], values[1], values[2], SubjectRow._make(values[3:]))

    def same_as(self, row: SubjectRow) -> bool:
        """Whether reopening would write the same values (the details compared as text, else decoded)."""
        old = self.row
        return (
            (old.unit_id, old.org_path, bool(old.review), bool(old.classify), old.reasons, old.counted_to)
            == (row.unit_id, row.org_path, row.review, row.classify, row.reasons, row.counted_to)
        ) and (
            old.reason_details == row.reason_details
            or _decoded(old.reason_details) == _decoded(row.reason_details)
        )


def _decoded(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


class _SubjectSync:
    """Compares the subjects the core decided with those already written, while the new ones stream out."""

    def __init__(self, existing: Iterable[ExistingSubject], result: OpenResult) -> None:
        self.existing = {s.row.key: s for s in existing}
        self.result = result
        self.seen: set[tuple[Any, ...]] = set()
        self.updates: list[tuple[Any, ...]] = []

    def new_rows(self, rows: Iterable[SubjectRow]) -> Iterator[SubjectRow]:
        """Yield the rows to insert; note the changed ones (their version goes up) and count the rest."""
        for row in rows:
            self.result.count(row)
            self.seen.add(row.key)
            old = self.existing.get(row.key)
            if old is None:
                yield row
            elif old.same_as(row):
                self.result.unchanged += 1
            else:
                self.updates.append((*row[4:], old.version + 1, old.pk))

    def vanished(self) -> list[ExistingSubject]:
        return [old for key, old in self.existing.items() if key not in self.seen]


def _remove_vanished(campaign: Campaign, vanished: list[ExistingSubject], result: OpenResult) -> None:
    """Delete the subjects no longer decided, except those with ratings or a hand decision."""
    if not vanished:
        return
    rated = set(
        Rating.objects.filter(subject__campaign=campaign).values_list("subject_id", flat=True).distinct()
    )
    doomed = [s.pk for s in vanished if not s.override and s.pk not in rated]
    result.kept_stale = len(vanished) - len(doomed)
    for i in range(0, len(doomed), 500):
        Subject.objects.filter(pk__in=doomed[i : i + 500]).delete()
    result.removed = len(doomed)


@transaction.atomic
@gc_paused()
def campaign_open(*, campaign: Campaign, snapshot: RegistrySnapshot | None = None) -> OpenResult:
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
    snap = snapshot or registry_snapshot(
        root=campaign.root, reference=campaign.reference_date, period=campaign_period(campaign)
    )
    facts = eligibility_facts(snap, campaign_deadlines_by_tier(campaign))
    # R-25's six months within the year for a year; from the start of work for a quarter (R-100)
    decisions = decide_subjects(rs, facts, reference=campaign.reference_date, in_year=not campaign.period)
    existing = fetch_rows(
        Subject.objects.filter(campaign=campaign).order_by(), EXISTING_FIELDS, dates=["counted_to"]
    )
    result = OpenResult(campaign)
    sync = _SubjectSync(map(ExistingSubject.of, existing), result)
    # New keys never collide with vanished ones, so the inserts go first, streamed (the database stores
    # one batch while the next is built), and the deletions follow. What every new row shares is given once.
    fresh = {"campaign_id": campaign.pk, "override": str(Override.NONE), "override_reason": "", "version": 1}
    rows = sync.new_rows(subject_rows(snap, decisions))
    result.created = insert_rows(Subject, SUBJECT_FIELDS, rows, overlap=True, constants=fresh)
    _remove_vanished(campaign, sync.vanished(), result)
    result.updated = update_rows(Subject, "id", REFRESHED_FIELDS, sync.updates)
    campaign.status = CampaignStatus.OPEN
    if campaign.opened_at is None:
        campaign.opened_at = timezone.now()
    campaign.save(update_fields=["status", "opened_at"])
    return result
