"""What the database already holds, for an import: one ``values_list`` query per table, rows as named
tuples (the primary key, then the fields an import compares and may update)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import models

from xeploai.registry.facts_register import Conclusion, ReviewMeeting, TemporaryActivity, Transfer
from xeploai.registry.models import Collective, Discipline, Membership, Organization, Person, StatusPeriod
from xeploai.registry.task_register import ConfidenceVote, Target, Task
from xeploai.registry.workbook.schema import SubjectKind


# Foreign keys by their attname.
class ExistingOrganization(NamedTuple):
    id: int
    name: str
    kind: str
    tier: str
    parent_id: int | None
    founded_on: dt.date | None
    path: str
    depth: int


class ExistingCollective(NamedTuple):
    id: int
    name: str
    kind: str
    organization_id: int
    founded_on: dt.date | None


class ExistingPerson(NamedTuple):
    id: int
    full_name: str
    birth_date: dt.date | None
    gender: str
    citizen_id: str
    party_card_number: str
    party_organization_id: int | None
    admitted_on: dt.date | None
    full_member_on: dt.date | None
    civil_service_category: str
    workplace_id: int | None
    positions: str
    is_head: bool
    managing_committee_id: int | None
    employed_from: dt.date | None
    led_unit_id: int | None


class ExistingMembership(NamedTuple):
    id: int
    role: str
    is_head: bool
    end: dt.date | None


class ExistingStatus(NamedTuple):
    id: int
    end: dt.date | None
    note: str


class ExistingDiscipline(NamedTuple):
    id: int
    side: str
    violation_year: int | None
    violation_ref: str
    self_remedied: bool
    note: str
    counted_before: bool


class ExistingTask(NamedTuple):
    id: int
    person_id: int | None
    organization_id: int | None
    title: str
    group: str
    assigned_on: dt.date
    due_on: dt.date
    done_on: dt.date | None
    quality: str
    exceeded: bool
    excused: bool
    note: str
    version: int


class ExistingTarget(NamedTuple):
    id: int
    unit: str
    planned: Decimal | None
    achieved: Decimal | None
    met: bool | None
    is_basic: bool


ORG_FIELDS = ExistingOrganization._fields[1:]
TASK_FIELDS = ExistingTask._fields[1:-1]  # the version is bumped by a change, never compared
TARGET_FIELDS = ExistingTarget._fields[1:]
COLLECTIVE_FIELDS = ExistingCollective._fields[1:]
PERSON_FIELDS = ExistingPerson._fields[1:]
MEMBERSHIP_FIELDS = ExistingMembership._fields[1:]
STATUS_FIELDS = ExistingStatus._fields[1:]
DISCIPLINE_FIELDS = ExistingDiscipline._fields[1:]


@dataclass
class Existing:
    """What the database already holds, loaded with one query per table."""

    orgs: dict[str, ExistingOrganization]  # by code
    org_code: dict[int, str]
    collectives: dict[str, ExistingCollective]  # by code
    collective_code: dict[int, str]
    people: dict[str, ExistingPerson]  # by code
    person_code: dict[int, str]
    memberships: dict[tuple[Any, ...], ExistingMembership]  # by (collective_id, person_id, start)
    statuses: dict[tuple[Any, ...], ExistingStatus]  # by (person_id, kind, start)
    disciplines: dict[tuple[Any, ...], ExistingDiscipline]  # by (subject kind, id, form, decided_on)
    tasks: dict[str, ExistingTask] = field(default_factory=dict)  # by code
    targets: dict[tuple[Any, ...], ExistingTarget] = field(default_factory=dict)  # by (org id, year, name)
    # The recorded facts' rows by their natural key (``FACT_KEYS``): sheet key → key → (id, *other fields).
    facts: dict[str, dict[tuple[Any, ...], tuple[Any, ...]]] = field(default_factory=dict)


def _disciplines() -> dict[tuple[Any, ...], ExistingDiscipline]:
    out = {}
    for r in Discipline.objects.values_list(
        "id", "person_id", "collective_id", "organization_id", "form", "decided_on", *DISCIPLINE_FIELDS
    ):
        if r[1] is not None:
            subject = (SubjectKind.PERSON.value, r[1])
        elif r[2] is not None:
            subject = (SubjectKind.COLLECTIVE.value, r[2])
        else:
            subject = (SubjectKind.ORGANIZATION.value, r[3])
        out[(*subject, r[4], r[5])] = ExistingDiscipline(r[0], *r[6:])
    return out


# The recorded facts' tables (``registry.facts_register``, confidence votes): sheet key → (model, the
# fields of the natural key, the other fields a re-import compares and updates).
FACT_TABLES: dict[str, tuple[type[models.Model], tuple[str, ...], tuple[str, ...]]] = {
    "meetings": (ReviewMeeting, ("organization_id", "held_on"), ("note",)),
    "transfers": (
        Transfer,
        ("person_id", "side", "moved_on"),
        ("old_unit", "old_unit_from", "comment_received", "old_unit_exists"),
    ),
    "temporary": (TemporaryActivity, ("person_id", "start"), ("cell", "end", "comment_received")),
    "conclusions": (Conclusion, ("person_id", "collective_id", "organization_id", "concluded_on"), ("note",)),
    "votes": (ConfidenceVote, ("person_id", "year"), ("voters", "high", "medium", "low")),
}


def _facts() -> dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]:
    out: dict[str, dict[tuple[Any, ...], tuple[Any, ...]]] = {}
    for key, (model, natural, other) in FACT_TABLES.items():
        n = len(natural)
        rows = model._default_manager.values_list(*natural, "id", *other)
        out[key] = {tuple(r[:n]): tuple(r[n:]) for r in rows}
    return out


def load_existing() -> Existing:
    orgs = {
        r[1]: ExistingOrganization(r[0], *r[2:])
        for r in Organization.objects.values_list("id", "code", *ORG_FIELDS)
    }
    collectives = {
        r[1]: ExistingCollective(r[0], *r[2:])
        for r in Collective.objects.values_list("id", "code", *COLLECTIVE_FIELDS)
    }
    people = {
        r[1]: ExistingPerson(r[0], *r[2:]) for r in Person.objects.values_list("id", "code", *PERSON_FIELDS)
    }
    memberships = {
        (r[1], r[2], r[3]): ExistingMembership(r[0], *r[4:])
        for r in Membership.objects.values_list(
            "id", "collective_id", "person_id", "start", *MEMBERSHIP_FIELDS
        )
    }
    statuses = {
        (r[1], r[2], r[3]): ExistingStatus(r[0], *r[4:])
        for r in StatusPeriod.objects.values_list("id", "person_id", "kind", "start", *STATUS_FIELDS)
    }
    return Existing(
        orgs=orgs,
        org_code={v.id: k for k, v in orgs.items()},
        collectives=collectives,
        collective_code={v.id: k for k, v in collectives.items()},
        people=people,
        person_code={v.id: k for k, v in people.items()},
        memberships=memberships,
        statuses=statuses,
        disciplines=_disciplines(),
        tasks={r[1]: ExistingTask(r[0], *r[2:]) for r in Task.objects.exclude(code="").values_list(
            "id", "code", *TASK_FIELDS, "version")},
        targets={
            (r[1], r[2], r[3]): ExistingTarget(r[0], *r[4:])
            for r in Target.objects.values_list("id", "organization_id", "year", "name", *TARGET_FIELDS)
        },
        facts=_facts(),
    )
