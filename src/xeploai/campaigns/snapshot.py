"""The registry under a campaign's root, read in bulk as named rows and the core's facts.

A whole province (~1,500 organizations, ~100,000 people) is read with a handful of ``values_list``
queries — organizations, collectives, memberships, people, status periods, disciplines — never one
query per person (architecture.md, "Work in sets"). Everything is read as of the campaign's reference
date and year; the rules core never sees a Django object.

Choices made here (also in the report to the rules engineer):
- A person is a leader (cán bộ lãnh đạo, quản lý — S-03, S-08) when they head their workplace
  (``Person.is_head``) or are managed by a party committee (``Person.managing_committee``).
- ``registry.Discipline`` has no "in duties" field: every decision is taken as a violation committed in
  performing duties (``DisciplineFact.in_duties = True``), which only matters under ND90 (R-55) and
  ND335 (R-59). The violation id is ``violation_ref``, else the decision's own id, so one violation
  named alike by a party and a state decision counts once (R-33d, R-76).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Q, QuerySet

from xeploai.registry.models import (
    Collective,
    Discipline,
    Membership,
    Organization,
    Person,
    StatusPeriod,
    in_subtree,
)
from xeploai.rules import (
    DisciplineFact,
    DisciplineForm,
    LeaveFact,
    OrgKind,
    Side,
    StatusKind,
    Tier,
)
from xeploai.rules import StatusPeriod as StatusFact
from xeploai.rules.batch import gc_paused

from .recorded import Recorded, read_recorded

__all__ = [
    "COLLECTIVE_FIELDS",
    "DISCIPLINE_FIELDS",
    "ORG_FIELDS",
    "PARTY_KINDS",
    "PERSON_DATES",
    "PERSON_FIELDS",
    "STATE_SAME_LEVEL",
    "STATUS_FIELDS",
    "CollectiveRow",
    "OrgRow",
    "PersonRow",
    "RegistrySnapshot",
    "active_on",
    "disciplines_of_year",
    "fetch_rows",
    "json_value",
    "registry_snapshot",
    "statuses_of_year",
]

GRASSROOTS_KINDS = frozenset({OrgKind.GRASSROOTS_COMMITTEE.value, OrgKind.GRASSROOTS_CELL.value})
PARTY_KINDS = frozenset(k.value for k in OrgKind if k.is_party)
# Government, Fatherland Front and mass organizations "at the same level" as a party organization.
STATE_SAME_LEVEL = frozenset(
    {OrgKind.PEOPLES_COMMITTEE.value, OrgKind.FATHERLAND_FRONT.value, OrgKind.MASS_ORGANIZATION.value}
)
LEAVES = frozenset({StatusKind.SICK_LEAVE.value, StatusKind.MATERNITY_LEAVE.value})


class OrgRow(NamedTuple):
    code: str
    name: str
    kind: str
    tier: str
    parent_id: int | None
    path: str
    founded_on: date | None


class CollectiveRow(NamedTuple):
    code: str
    name: str
    kind: str
    organization_id: int
    founded_on: date | None


class PersonRow(NamedTuple):
    code: str
    full_name: str
    cell_id: int | None  # the party organization (chi bộ) the person belongs to
    admitted_on: date | None
    category: str
    workplace_id: int | None
    is_head: bool
    managing_committee_id: int | None
    positions: str
    employed_from: date | None = None
    led_unit_id: int | None = None  # the unit a deputy leads directly


# The columns read for each row (the primary key first), and which of them hold dates.
ORG_FIELDS = ("pk", "code", "name", "kind", "tier", "parent_id", "path", "founded_on")
COLLECTIVE_FIELDS = ("pk", "code", "name", "kind", "organization_id", "founded_on")
PERSON_FIELDS = (
    "pk",
    "code",
    "full_name",
    "party_organization_id",
    "admitted_on",
    "civil_service_category",
    "workplace_id",
    "is_head",
    "managing_committee_id",
    "positions",
    "employed_from",
    "led_unit_id",
)
PERSON_DATES = ("admitted_on", "employed_from")
STATUS_FIELDS = ("person_id", "kind", "start", "end")
DISCIPLINE_FIELDS = (
    "pk",
    "person_id",
    "collective_id",
    "organization_id",
    "form",
    "side",
    "decided_on",
    "violation_ref",
    "self_remedied",
    "violation_year",
    "counted_before",
)


def fetch_rows(
    qs: QuerySet[Any], fields: Iterable[str], *, dates: Iterable[str] = ()
) -> list[tuple[Any, ...]]:
    """Run ``qs.values_list(*fields)`` on the raw cursor, without Django's per-value converters.

    Booleans come back as 0/1 on SQLite (callers use truthiness); the ``dates`` columns are parsed here
    where the SQLite driver left them as text.
    """
    fields = tuple(fields)
    sql, params = qs.values_list(*fields).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    at = [fields.index(name) for name in dates]
    if not at or connection.vendor != "sqlite":
        return rows
    return [_with_dates(row, at) if any(isinstance(row[i], str) for i in at) else row for row in rows]


def _with_dates(row: tuple[Any, ...], at: list[int]) -> tuple[Any, ...]:
    values = list(row)
    for i in at:
        if isinstance(values[i], str):
            values[i] = date.fromisoformat(values[i][:10])
    return tuple(values)


def json_value(value: object) -> object:
    """Make a reason's or finding's param JSON-friendly: dates as ISO strings, enums as their value."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


@dataclass(slots=True)
class RegistrySnapshot:
    """The registry under a campaign's root: organizations, collectives and people by pk, and their facts."""

    reference: date
    orgs: dict[int, OrgRow]
    collectives: dict[int, CollectiveRow]
    people: dict[int, PersonRow]
    members: dict[int, list[int]] = field(default_factory=dict)  # collective → people (active)
    heads: dict[int, list[int]] = field(default_factory=dict)  # person → collectives headed (active)
    statuses: dict[int, list[StatusFact]] = field(default_factory=dict)
    leaves: dict[int, list[LeaveFact]] = field(default_factory=dict)
    person_disciplines: dict[int, list[DisciplineFact]] = field(default_factory=dict)
    collective_disciplines: dict[int, list[DisciplineFact]] = field(default_factory=dict)
    org_disciplines: dict[int, list[DisciplineFact]] = field(default_factory=dict)
    grassroots: dict[int, int] = field(default_factory=dict)  # memo of grassroots_of
    committees: dict[int, int | None] = field(default_factory=dict)  # memo of committee_of
    # R-33d, R-76: ("P" | "C" | "O", id) → the violations already the basis of a KHTNV in an earlier year
    counted: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    recorded: Recorded = field(default_factory=Recorded)  # meetings, transfers, conclusions, targets …

    def is_leader(self, pk: int) -> bool:
        row = self.people[pk]
        return bool(row.is_head) or row.managing_committee_id is not None

    def grassroots_of(self, org_id: int) -> int:
        """Return the grassroots party organization (đảng bộ / chi bộ cơ sở) at or above ``org_id`` (R-50)."""
        found = self.grassroots.get(org_id)
        if found is None:
            found = self.grassroots[org_id] = self.nearest(org_id, self.is_grassroots) or org_id
        return found

    def committee_of(self, org_id: int) -> int | None:
        """Return the nearest province or district organization at or above ``org_id`` (R-50c scope)."""
        if org_id not in self.committees:
            self.committees[org_id] = self.nearest(org_id, self.is_committee)
        return self.committees[org_id]

    def nearest(self, org_id: int, accept: Callable[[OrgRow], bool]) -> int | None:
        """The first organization at or above ``org_id`` that ``accept`` takes, None when there is none."""
        node: int | None = org_id
        while node is not None and node in self.orgs:
            if accept(self.orgs[node]):
                return node
            node = self.orgs[node].parent_id
        return None

    @staticmethod
    def is_grassroots(org: OrgRow) -> bool:
        return org.kind in GRASSROOTS_KINDS

    @staticmethod
    def is_committee(org: OrgRow) -> bool:
        return org.tier in (Tier.PROVINCE.value, Tier.DISTRICT.value) and org.kind in PARTY_KINDS

    def add_memberships(self, rows: Iterable[tuple[int, int, Any]]) -> None:
        """Record active memberships ``(collective, person, is head)``."""
        for coll_id, person_id, is_head in rows:
            self.members.setdefault(coll_id, []).append(person_id)
            if is_head:
                self.heads.setdefault(person_id, []).append(coll_id)

    def add_statuses(self, rows: Iterable[tuple[int, str, date, date | None]]) -> None:
        """Record status periods ``(person, kind, start, end)``: leaves apart from the other statuses."""
        for person_id, kind, start, end in rows:
            if kind in LEAVES:
                self.leaves.setdefault(person_id, []).append(LeaveFact(StatusKind(kind), start, end))
            else:
                self.statuses.setdefault(person_id, []).append(StatusFact(StatusKind(kind), start, end))

    def add_discipline(self, row: tuple[Any, ...]) -> None:
        """Record one discipline row (``DISCIPLINE_FIELDS``) against its person, collective or organization.

        ``registry.Discipline`` has no "in duties" field: taken as True (module docstring). The year of the
        violation lets a ruleset count a later decision against that year (R-73).
        """
        pk, person_id, coll_id, org_id, form, side, decided_on, ref, remedied, happened, counted = row
        fact = DisciplineFact(
            ref or f"D{pk}", DisciplineForm(form), Side(side), decided_on, True, bool(remedied), happened
        )
        if person_id is not None:
            self.person_disciplines.setdefault(person_id, []).append(fact)
            key = ("P", person_id)
        elif coll_id is not None:
            self.collective_disciplines.setdefault(coll_id, []).append(fact)
            key = ("C", coll_id)
        else:
            self.org_disciplines.setdefault(org_id, []).append(fact)
            key = ("O", org_id)
        if counted:  # R-33d, R-76: already the basis of a KHTNV in an earlier year, not counted again
            self.counted.setdefault(key, set()).add(fact.violation_id)

    def counted_violations(self, kind: str, pk: int | None) -> frozenset[str]:
        """The violations of ``kind`` ("P", "C", "O") ``pk`` not to count again (R-33d, R-76)."""
        found = self.counted.get((kind, pk)) if pk is not None and self.counted else None
        return frozenset(found) if found else frozenset()

    def holds_discipline(self, row: tuple[Any, ...]) -> bool:
        """Whether a discipline row's person, collective or organization is in the snapshot."""
        person_id, coll_id, org_id = row[1], row[2], row[3]
        if person_id is not None:
            return person_id in self.people
        if coll_id is not None:
            return coll_id in self.collectives
        return org_id in self.orgs


def disciplines_of_year(year: int) -> Q:
    """The disciplines a campaign of ``year`` reads: decided in the year, or decided later for a violation
    of the year (R-73: where the ruleset says so, those count against the year of the violation; the
    core skips them otherwise)."""
    return Q(decided_on__gte=date(year, 1, 1), decided_on__lte=date(year, 12, 31)) | Q(
        violation_year=year, decided_on__gt=date(year, 12, 31)
    )


def statuses_of_year(year: int) -> Q:
    """The status periods that overlap ``year``."""
    return Q(start__lte=date(year, 12, 31)) & (Q(end__isnull=True) | Q(end__gte=date(year, 1, 1)))


def active_on(day: date) -> Q:
    """The memberships in force on ``day``."""
    return (Q(start__isnull=True) | Q(start__lte=day)) & (Q(end__isnull=True) | Q(end__gte=day))


@gc_paused()
def registry_snapshot(
    *, root: Organization, reference: date, period: tuple[date, date] | None = None
) -> RegistrySnapshot:
    """Read everything under ``root`` needed for eligibility and checks: seven queries in all, and the
    recorded facts of ``period`` (by default the reference's year: ``recorded.read_recorded``).

    When the subtree is the whole registry (a province's own database) the other tables are read
    without the subtree joins.
    """
    org_rows = fetch_rows(
        Organization.objects.filter(in_subtree("path", root.path)).order_by(),
        ORG_FIELDS,
        dates=["founded_on"],
    )
    orgs = {row[0]: OrgRow._make(row[1:]) for row in org_rows}
    whole, scope = _scope(root, orgs)
    collectives = fetch_rows(
        Collective.objects.filter(scope("organization__")).order_by(), COLLECTIVE_FIELDS, dates=["founded_on"]
    )
    people_qs = Person.objects.filter(scope("party_organization__", "workplace__")).order_by()
    if whole:
        people_qs = people_qs.filter(Q(party_organization__isnull=False) | Q(workplace__isnull=False))
    people = fetch_rows(people_qs, PERSON_FIELDS, dates=PERSON_DATES)
    snap = RegistrySnapshot(
        reference,
        orgs,
        {row[0]: CollectiveRow._make(row[1:]) for row in collectives},
        {row[0]: PersonRow._make(row[1:]) for row in people},
    )
    memberships = Membership.objects.filter(active_on(reference), scope("collective__organization__"))
    snap.add_memberships(fetch_rows(memberships.order_by(), ("collective_id", "person_id", "is_head")))
    person_scope = scope("person__party_organization__", "person__workplace__")
    statuses = StatusPeriod.objects.filter(person_scope, statuses_of_year(reference.year)).order_by()
    snap.add_statuses(fetch_rows(statuses, STATUS_FIELDS, dates=["start", "end"]))
    # A year's disciplines are few (~0.4 % of the people), so all of them are read without a join and
    # kept when their person, collective or organization is in the snapshot (docs/performance.md, Rules).
    disciplines = Discipline.objects.filter(disciplines_of_year(reference.year)).order_by()
    for row in fetch_rows(disciplines, DISCIPLINE_FIELDS, dates=["decided_on"]):
        if snap.holds_discipline(row):
            snap.add_discipline(row)
    snap.recorded = read_recorded(reference.year, period)
    return snap


def _scope(root: Organization, orgs: dict[int, OrgRow]) -> tuple[bool, Callable[..., Q]]:
    """Whether ``root``'s subtree is the whole registry, and a condition builder: the rows whose
    organization (reached through each prefix) is under ``root`` (empty for the whole registry).

    PostgreSQL gets the subtree as the list of its organization ids (``organization_id IN (…)`` on the
    indexed foreign keys), as its estimate of a path range is poor; SQLite plans the joined range well and
    limits the number of parameters.
    """
    whole = not Organization.objects.exclude(in_subtree("path", root.path)).exists()
    org_ids = list(orgs) if connection.vendor == "postgresql" else None

    def scope(*prefixes: str) -> Q:
        cond = Q()
        if whole:
            return cond
        for prefix in prefixes:
            if org_ids is not None:
                cond |= Q(**{f"{prefix[:-2]}__in": org_ids})
            else:
                cond |= in_subtree(f"{prefix}path", root.path)
        return cond

    return whole, scope
