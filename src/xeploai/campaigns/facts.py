"""Translate registry and campaign rows into the rules core's frozen facts, in bulk.

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
- The levels linked into a check (a unit's level for R-61/R-62, the CBCCVC level for R-30/R-33c/R-60,
  members' levels for R-34/R-63) are each subject's most advanced stage with a rating.
"""

from __future__ import annotations

import dataclasses
import gc
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

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
    CivilServiceCategory,
    CollectiveFacts,
    CollectiveKind,
    DisciplineFact,
    DisciplineForm,
    Grade,
    LeaveFact,
    Level,
    LevelCounts,
    OrderFacts,
    OrganizationFacts,
    OrgKind,
    PersonFacts,
    RatingDetails,
    RatingFacts,
    Side,
    StatusKind,
    SubjectType,
    Tier,
)
from xeploai.rules import StatusPeriod as StatusFact

from .models import Campaign, Deadline, DeadlineKind, Rating, RatingStage, Review, Subject

__all__ = [
    "RegistrySnapshot",
    "SubjectRow",
    "campaign_deadlines_by_tier",
    "fast_constructor",
    "gc_paused",
    "latest_levels",
    "order_facts",
    "rating_facts",
    "registry_snapshot",
    "subject_rows",
]

_CELL_KINDS = frozenset({OrgKind.CELL.value, OrgKind.GRASSROOTS_CELL.value})
_GRASSROOTS_KINDS = frozenset({OrgKind.GRASSROOTS_COMMITTEE.value, OrgKind.GRASSROOTS_CELL.value})
_PARTY_KINDS = frozenset(k.value for k in OrgKind if k.is_party)
# Government, Fatherland Front and mass organizations "at the same level" as a party organization.
_STATE_SAME_LEVEL = frozenset(
    {OrgKind.PEOPLES_COMMITTEE.value, OrgKind.FATHERLAND_FRONT.value, OrgKind.MASS_ORGANIZATION.value}
)
_GRADE_VALUES = frozenset(g.value for g in Grade)
_LEAVES = frozenset({StatusKind.SICK_LEAVE.value, StatusKind.MATERNITY_LEAVE.value})
_STAGE_RANK = {s.value: i for i, s in enumerate(RatingStage)}
_LEVEL = tuple(Level)  # _LEVEL[int] is Level(int) without the Enum call
_SUBJECT_TYPE = {k.value: k for k in SubjectType}
_TYPE_VALUE = {k: k.value for k in SubjectType}
_NONE = CivilServiceCategory.NONE.value

# Enum lookups by stored value, built once (an Enum call per row is measurable at 100,000 rows).
_ORG_KIND = {k.value: k for k in OrgKind}
_TIER = {k.value: k for k in Tier}
_COLL_KIND = {k.value: k for k in CollectiveKind}
_CATEGORY = {k.value: k for k in CivilServiceCategory}
_STATUS = {k.value: k for k in StatusKind}
_FORM = {k.value: k for k in DisciplineForm}
_SIDE = {k.value: k for k in Side}


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a province's rows and facts are built (also a decorator).

    A province is millions of small tuples and facts; every burst of allocations makes the collector
    scan all of them again (measured: about a quarter of the bridge's CPU time, nearly all in full
    collections). Nothing built here forms a reference cycle, so reference counting frees everything;
    the collector is switched back on (if it was on) on exit.
    """
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def fast_constructor(cls: type) -> Callable[..., Any]:
    """Return a constructor for the frozen, slotted dataclass ``cls`` that is several times cheaper.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``; this one stores
    each field straight into its slot (the same values, defaults and field order; the same object:
    equality, hashing and ``dataclasses.replace`` are the dataclass's own). Defaults made by a
    ``default_factory`` are made once and shared, so they must be immutable (checked here).
    Generated like the dataclass's own ``__init__`` is.
    """
    params, body = [], []
    env: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    for i, f in enumerate(dataclasses.fields(cls)):
        env[f"_set{i}"] = cls.__dict__[f.name].__set__  # the slot's member descriptor
        if f.default is not dataclasses.MISSING:
            env[f"_d{i}"] = f.default
            params.append(f"{f.name}=_d{i}")
        elif f.default_factory is not dataclasses.MISSING:
            value = f.default_factory()
            if not isinstance(value, frozenset | tuple | int | str | type(None)):
                raise TypeError(f"{cls.__name__}.{f.name}: a shared default must be immutable")
            env[f"_d{i}"] = value
            params.append(f"{f.name}=_d{i}")
        else:
            params.append(f.name)
        body.append(f"    _set{i}(o, {f.name})\n")
    src = f"def new({', '.join(params)}):\n    o = _new(_cls)\n{''.join(body)}    return o\n"
    exec(src, env)  # noqa: S102 - generated from the dataclass's own field list, as dataclasses does
    new: Callable[..., Any] = env["new"]
    new.__qualname__ = new.__name__ = f"new_{cls.__name__}"
    return new


_new_rating_facts = fast_constructor(RatingFacts)


def _fetch(qs: QuerySet[Any], *fields: str, dates: tuple[int, ...] = ()) -> list[tuple[Any, ...]]:
    """Run ``qs.values_list(*fields)`` on the raw cursor: no per-value Django converters.

    At 100,000 rows Django's converters cost more than the query. Booleans come back as 0/1 on SQLite
    (callers use truthiness); the date columns at ``dates`` are parsed here if the driver left text.
    """
    sql, params = qs.values_list(*fields).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if dates and connection.vendor == "sqlite":
        # Django's SQLite connection parses declared dates itself; this catches the text it leaves.
        parse = date.fromisoformat
        out = []
        for row in rows:
            if any(isinstance(row[i], str) for i in dates):
                values = list(row)
                for i in dates:
                    if isinstance(values[i], str):
                        values[i] = parse(values[i][:10])
                row = tuple(values)
            out.append(row)
        return out
    return rows


def _in_subtree(prefix: str, path: str) -> Q:
    """The rows whose organization (reached through ``prefix``) is in the subtree of ``path``."""
    return in_subtree(f"{prefix}path", path)


@dataclass(slots=True)
class RegistrySnapshot:
    """The registry under a campaign's root, as plain tuples and core facts.

    ``orgs[pk] = (code, name, kind, tier, parent_id, path, founded_on)``;
    ``collectives[pk] = (code, name, kind, organization_id, founded_on)``;
    ``people[pk] = (code, full_name, cell_id, admitted_on, category, workplace_id, is_head,
    managing_committee_id, positions)``.
    """

    reference: date
    orgs: dict[int, tuple[Any, ...]]
    collectives: dict[int, tuple[Any, ...]]
    people: dict[int, tuple[Any, ...]]
    members: dict[int, list[int]] = field(default_factory=dict)  # collective → people (active)
    heads: dict[int, list[int]] = field(default_factory=dict)  # person → collectives headed (active)
    statuses: dict[int, list[StatusFact]] = field(default_factory=dict)
    leaves: dict[int, list[LeaveFact]] = field(default_factory=dict)
    person_disciplines: dict[int, list[DisciplineFact]] = field(default_factory=dict)
    collective_disciplines: dict[int, list[DisciplineFact]] = field(default_factory=dict)
    org_disciplines: dict[int, list[DisciplineFact]] = field(default_factory=dict)
    _grassroots: dict[int, int] = field(default_factory=dict)
    _committee: dict[int, int | None] = field(default_factory=dict)

    def is_leader(self, pk: int) -> bool:
        row = self.people[pk]
        return bool(row[6]) or row[7] is not None

    def grassroots_of(self, org_id: int) -> int:
        """Return the grassroots party organization (đảng bộ / chi bộ cơ sở) at or above ``org_id`` (R-50)."""
        found = self._grassroots.get(org_id)
        if found is None:
            found = self._grassroots[org_id] = self._find_grassroots(org_id)
        return found

    def _find_grassroots(self, org_id: int) -> int:
        node: int | None = org_id
        while node is not None and node in self.orgs:
            if self.orgs[node][2] in _GRASSROOTS_KINDS:
                return node
            node = self.orgs[node][4]
        return org_id

    def committee_of(self, org_id: int) -> int | None:
        """Return the nearest province or district organization at or above ``org_id`` (R-50c scope)."""
        if org_id not in self._committee:
            self._committee[org_id] = self._find_committee(org_id)
        return self._committee[org_id]

    def _find_committee(self, org_id: int) -> int | None:
        node: int | None = org_id
        while node is not None and node in self.orgs:
            if self.orgs[node][3] in (Tier.PROVINCE.value, Tier.DISTRICT.value) and self.orgs[node][2] in (
                _PARTY_KINDS
            ):
                return node
            node = self.orgs[node][4]
        return None


def _discipline_fact(
    pk: int, form: str, side: str, decided_on: date, ref: str, remedied: bool, violation_year: int | None
) -> DisciplineFact:
    # registry.Discipline has no "in duties" field: taken as True (see the module docstring). The year of
    # the violation lets a ruleset count a later decision against that year.
    return DisciplineFact(
        ref or f"D{pk}", _FORM[form], _SIDE[side], decided_on, True, bool(remedied), violation_year
    )


def disciplines_of_year(year: int) -> Q:
    """The disciplines a campaign of ``year`` reads: decided in the year, or decided later for a violation
    of the year (R-73: where the ruleset says so, those count against the year of the violation; the
    core skips them otherwise)."""
    return Q(decided_on__gte=date(year, 1, 1), decided_on__lte=date(year, 12, 31)) | Q(
        violation_year=year, decided_on__gt=date(year, 12, 31)
    )


@gc_paused()
def registry_snapshot(*, root: Organization, reference: date) -> RegistrySnapshot:
    """Read everything under ``root`` needed for eligibility and checks: seven queries in all.

    When the subtree is the whole registry (a province's own database) the other tables are read
    without the subtree joins.
    """
    path = root.path
    year = reference.year
    first, last = date(year, 1, 1), date(year, 12, 31)
    org_rows = _fetch(
        Organization.objects.filter(_in_subtree("", path)).order_by(),
        "pk", "code", "name", "kind", "tier", "parent_id", "path", "founded_on",
        dates=(7,),
    )  # fmt: skip
    orgs = {row[0]: row[1:] for row in org_rows}
    whole = not Organization.objects.exclude(_in_subtree("", path)).exists()  # no count of the nation

    # PostgreSQL gets the subtree as the list of its organization ids (``organization_id IN (…)`` on the
    # indexed foreign keys): its estimate of a path range is poor (127 rows for a province's 4,400), and on
    # the nation's 5.5 million people the joined range became a sequential scan per province. SQLite plans
    # the joined range well and limits the number of parameters, so it keeps the range.
    org_ids = list(orgs) if connection.vendor == "postgresql" else None

    def scope(*prefixes: str) -> Q:
        if whole:
            return Q()
        cond = Q()
        for prefix in prefixes:
            if org_ids is not None:
                cond |= Q(**{f"{prefix[:-2]}__in": org_ids})
            else:
                cond |= _in_subtree(prefix, path)
        return cond

    collectives = {
        row[0]: row[1:]
        for row in _fetch(
            Collective.objects.filter(scope("organization__")).order_by(),
            "pk", "code", "name", "kind", "organization_id", "founded_on",
            dates=(5,),
        )
    }  # fmt: skip
    people_qs = Person.objects.filter(scope("party_organization__", "workplace__")).order_by()
    if whole:
        people_qs = people_qs.filter(Q(party_organization__isnull=False) | Q(workplace__isnull=False))
    people = {
        row[0]: row[1:]
        for row in _fetch(
            people_qs,
            "pk", "code", "full_name", "party_organization_id", "admitted_on", "civil_service_category",
            "workplace_id", "is_head", "managing_committee_id", "positions",
            dates=(4,),
        )
    }  # fmt: skip
    snap = RegistrySnapshot(reference, orgs, collectives, people)

    active = (Q(start__isnull=True) | Q(start__lte=reference)) & (Q(end__isnull=True) | Q(end__gte=reference))
    members, heads = snap.members, snap.heads
    for coll_id, person_id, is_head in _fetch(
        Membership.objects.filter(active, scope("collective__organization__")).order_by(),
        "collective_id", "person_id", "is_head",
    ):  # fmt: skip
        members.setdefault(coll_id, []).append(person_id)
        if is_head:
            heads.setdefault(person_id, []).append(coll_id)

    person_scope = scope("person__party_organization__", "person__workplace__")
    statuses, leaves = snap.statuses, snap.leaves
    for person_id, kind, start, end in _fetch(
        StatusPeriod.objects.filter(person_scope, start__lte=last)
        .filter(Q(end__isnull=True) | Q(end__gte=first))
        .order_by(),
        "person_id", "kind", "start", "end",
        dates=(2, 3),
    ):  # fmt: skip
        if kind in _LEAVES:
            leaves.setdefault(person_id, []).append(LeaveFact(_STATUS[kind], start, end))
        else:
            statuses.setdefault(person_id, []).append(StatusFact(_STATUS[kind], start, end))

    # A year's disciplines are few (~0.4 % of the people: ~400 a province, ~22,000 in the nation), so all
    # of them are read without a join and kept when their person, collective or organization is in the
    # snapshot. The joined subtree filter made PostgreSQL probe the person of every discipline of the
    # nation for each province (0.2-0.8 s a province, docs/performance.md, Rules).
    people_in, collectives_in = snap.people, snap.collectives
    for pk, person_id, coll_id, org_id, form, side, decided_on, ref, remedied, happened in _fetch(
        Discipline.objects.filter(disciplines_of_year(year)).order_by(),
        "pk", "person_id", "collective_id", "organization_id", "form", "side", "decided_on", "violation_ref",
        "self_remedied", "violation_year",
        dates=(6,),
    ):  # fmt: skip
        if person_id is not None:
            if person_id in people_in:
                fact = _discipline_fact(pk, form, side, decided_on, ref, remedied, happened)
                snap.person_disciplines.setdefault(person_id, []).append(fact)
        elif coll_id is not None:
            if coll_id in collectives_in:
                fact = _discipline_fact(pk, form, side, decided_on, ref, remedied, happened)
                snap.collective_disciplines.setdefault(coll_id, []).append(fact)
        elif org_id in orgs:
            fact = _discipline_fact(pk, form, side, decided_on, ref, remedied, happened)
            snap.org_disciplines.setdefault(org_id, []).append(fact)
    return snap


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
    """Build the core's eligibility facts for every organization, collective and person (pure)."""
    orgs = snap.orgs
    out: list[PersonFacts | CollectiveFacts | OrganizationFacts] = []
    append = out.append
    org_facts, coll_facts, person_facts = _new_org_facts, _new_collective_facts, _new_person_facts
    for pk, (_code, _name, kind, tier, _parent, _path, founded_on) in orgs.items():
        append(org_facts(pk, _ORG_KIND[kind], _TIER[tier], founded_on, None, deadlines.get(tier)))
    members = snap.members
    for pk, (_code, _name, kind, org_id, founded_on) in snap.collectives.items():
        tier = orgs[org_id][3]
        append(
            coll_facts(
                pk,
                _COLL_KIND[kind],
                _TIER[tier],
                len(members.get(pk, ())),
                founded_on,
                None,
                deadlines.get(tier),
            )
        )
    statuses, leaves = snap.statuses.get, snap.leaves.get
    category_of, no_category = _CATEGORY, CivilServiceCategory.NONE
    empty: tuple[Any, ...] = ()
    for pk, (
        _code,
        _name,
        cell,
        admitted,
        category,
        workplace,
        is_head,
        managing,
        _pos,
    ) in snap.people.items():
        home = orgs.get(cell)
        if home is None:
            home = orgs.get(workplace)
        tier = home[3] if home is not None else None
        st = statuses(pk)
        lv = leaves(pk)
        append(
            person_facts(
                pk,
                admitted is not None and cell in orgs,
                admitted,
                tuple(st) if st else empty,
                tuple(lv) if lv else empty,
                category_of[category] if workplace in orgs else no_category,
                None,
                bool(is_head) or managing is not None,
                None,
                deadlines.get(tier) if tier else None,
            )
        )
    return out


_new_org_facts = fast_constructor(OrganizationFacts)
_new_collective_facts = fast_constructor(CollectiveFacts)
_new_person_facts = fast_constructor(PersonFacts)


@dataclass(frozen=True, slots=True)
class SubjectRow:
    """A subject as it is written: the core's decision plus where it belongs."""

    subject_type: str
    organization_id: int | None
    collective_id: int | None
    person_id: int | None
    unit_id: int
    org_path: str
    review: bool
    classify: bool
    reasons: str
    reason_details: list[dict[str, Any]]
    counted_to: date

    @property
    def key(self) -> tuple[str, int | None, int | None, int | None]:
        return (self.subject_type, self.organization_id, self.collective_id, self.person_id)


_new_subject_row = fast_constructor(SubjectRow)


def json_value(value: object) -> object:
    """Make a reason's param JSON-friendly: dates as ISO strings, enums as their stored value."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def subject_rows(snap: RegistrySnapshot, decisions: Iterable[Any]) -> Iterator[SubjectRow]:
    """Attach each ``SubjectDecision`` to its target and unit; drop roles whose unit is outside the root.

    A generator over the snapshot only (no query): ``campaign_open`` streams it into the subjects' writer,
    so the database stores one batch while the next rows are built.
    """
    orgs, people, collectives = snap.orgs, snap.people, snap.collectives
    new, type_value = _new_subject_row, _TYPE_VALUE
    PM, CS, LD = SubjectType.PARTY_MEMBER, SubjectType.CIVIL_SERVANT, SubjectType.LEADER  # noqa: N806
    for d in decisions:
        st = d.subject_type
        pk = d.subject_id
        org_id = coll_id = person_id = None
        if st is SubjectType.ORGANIZATION:
            unit = org_id = pk
        elif st is SubjectType.COLLECTIVE:
            coll_id = pk
            unit = collectives[pk][3]
        else:
            person_id = pk
            row = people[pk]
            cell, workplace, managing = row[2], row[5], row[7]
            if st is PM:
                unit = cell
            elif st is CS:
                unit = workplace
            else:
                unit = workplace if workplace in orgs else (managing if managing in orgs else cell)
            if st is LD and unit not in orgs:
                unit = cell
        if unit not in orgs:
            continue
        if d.reasons:
            codes = ",".join(r.code.value for r in d.reasons)
            details = [
                {
                    "code": r.code.value,
                    "rule_id": r.rule_id,
                    "params": {k: json_value(v) for k, v in r.params.items()},
                }
                for r in d.reasons
            ]
        else:
            codes, details = "", []
        yield new(
            type_value[st], org_id, coll_id, person_id, unit, orgs[unit][5], d.review, d.classify, codes,
            details, d.counted_to,
        )  # fmt: skip


# --- ratings → facts ----------------------------------------------------------------------------------


def ratings_in_block(subject_ids: Iterable[int]) -> QuerySet[Rating]:
    """The ratings whose subject id lies between the least and the greatest of ``subject_ids``.

    A superset: the caller keeps the rows of its own subjects. A campaign's subjects are written together,
    so their ids form one block, read through the ratings' (subject, stage, id) index. Joining the subjects
    instead (``subject__campaign=…``) made PostgreSQL hash-join every rating of every campaign: ~0.2 s a
    query on the nation database, even for a campaign without any (docs/performance.md, Rules).
    """
    ids = subject_ids if isinstance(subject_ids, (set, dict, list, tuple)) else list(subject_ids)
    if not ids:
        return Rating.objects.none()
    return Rating.objects.filter(subject_id__gte=min(ids), subject_id__lte=max(ids))


@gc_paused()
def latest_levels(
    campaign: Campaign, subjects: CampaignSubjects | None = None
) -> dict[int, dict[str, tuple[int, Any]]]:
    """Return ``{subject_pk: {stage: (level, score)}}``: the latest row of each stage (rows never change).

    With the campaign's ``subjects`` already read, the ratings are read by their subject id block.
    """
    out: dict[int, dict[str, tuple[int, Any]]] = defaultdict(dict)
    if subjects is None:
        ratings, keep = Rating.objects.filter(subject__campaign=campaign), None
    else:
        ratings, keep = ratings_in_block(subjects.rows), subjects.rows
    for subject_id, stage, level, score in _fetch(
        ratings.order_by("id"), "subject_id", "stage", "level", "score"
    ):  # fmt: skip
        if keep is None or subject_id in keep:
            out[subject_id][stage] = (level, score)
    return dict(out)


def best_level(stages: dict[str, tuple[int, Any]] | None) -> Level | None:
    """Return the level of the most advanced stage that has a rating."""
    if not stages:
        return None
    if len(stages) == 1:
        for level, _score in stages.values():
            return _LEVEL[level]
    stage = max(stages, key=_STAGE_RANK.__getitem__)
    return _LEVEL[stages[stage][0]]


@dataclass(slots=True)
class CampaignSubjects:
    """The campaign's subjects as tuples, indexed the ways the checks need them."""

    rows: dict[
        int, tuple[Any, ...]
    ]  # pk → (subject_type, organization_id, collective_id, person_id, unit_id)
    by_org: dict[int, int] = field(default_factory=dict)  # organization pk → ORGANIZATION subject pk
    by_collective: dict[int, int] = field(default_factory=dict)
    by_person: dict[tuple[str, int], int] = field(default_factory=dict)  # (type, person pk) → subject pk
    classified: set[int] = field(default_factory=set)


@gc_paused()
def campaign_subjects(campaign: Campaign) -> CampaignSubjects:
    """Read the campaign's subjects in one query."""
    cs = CampaignSubjects({})
    rows, by_org, by_coll, by_person, classified = (
        cs.rows,
        cs.by_org,
        cs.by_collective,
        cs.by_person,
        cs.classified,
    )
    for pk, st, org_id, coll_id, person_id, unit_id, classify, override in _fetch(
        Subject.objects.filter(campaign=campaign).order_by(),
        "pk", "subject_type", "organization_id", "collective_id", "person_id", "unit_id", "classify",
        "override",
    ):  # fmt: skip
        rows[pk] = (st, org_id, coll_id, person_id, unit_id)
        if org_id is not None:
            by_org[org_id] = pk
        elif coll_id is not None:
            by_coll[coll_id] = pk
        else:
            by_person[(st, person_id)] = pk
        if (classify and override != "EXCLUDED") or override == "INCLUDED":
            classified.add(pk)
    return cs


def rating_facts(
    snap: RegistrySnapshot,
    subjects: CampaignSubjects,
    levels: dict[int, dict[str, tuple[int, Any]]],
    *,
    stage: str,
    grades: dict[int, tuple[tuple[Grade, bool], ...]] | None = None,
) -> list[RatingFacts]:
    """Build ``RatingFacts`` for every subject with a rating at ``stage`` (``subject_id`` = Subject pk).

    ``grades`` (``self_grades``, for the SELF stage): the review's criterion grades (R-30(2) …).

    Linkage comes from the other subjects' most advanced levels: members' level counts per cell
    and subordinate counts per committee (R-34, R-63), the unit's level for a collective (R-61) and for
    a head (R-62), the CBCCVC level for a party member (R-30, R-33c, R-60).
    """
    orgs, people = snap.orgs, snap.people
    rows = subjects.rows
    classified = subjects.classified
    lv, rank = _LEVEL, _STAGE_RANK.__getitem__
    best: dict[int, Level | None] = {}
    for pk, stages_ in levels.items():  # best_level, inlined: 100,000 calls
        if len(stages_) == 1:
            for level, _score in stages_.values():
                best[pk] = lv[level]
        elif stages_:
            best[pk] = lv[stages_[max(stages_, key=rank)][0]]
        else:
            best[pk] = None
    best_get = best.get

    # Members' levels per cell and subordinate organizations' levels per committee.
    below: dict[int, list[Level]] = defaultdict(list)
    same_level: dict[int, list[Level]] = defaultdict(list)
    for pk, (st, org_id, _c, _p, unit_id) in rows.items():
        lvl = best_get(pk)
        if lvl is None:
            continue
        if st == "PARTY_MEMBER":
            if pk in classified:
                below[unit_id].append(lvl)
        elif st == "ORGANIZATION":
            org = orgs.get(org_id)
            if org is None or org[4] is None:
                continue
            if org[2] in _PARTY_KINDS and pk in classified:
                below[org[4]].append(lvl)
            elif org[2] in _STATE_SAME_LEVEL:
                same_level[org[4]].append(lvl)

    new = _new_rating_facts
    category_of = _CATEGORY
    person_disciplines = snap.person_disciplines.get
    person_leaves = snap.leaves.get
    heads = snap.heads.get
    by_person, by_collective, by_org = subjects.by_person.get, subjects.by_collective, subjects.by_org
    rows_get = rows.get
    pm, cs, ld = SubjectType.PARTY_MEMBER, SubjectType.CIVIL_SERVANT, SubjectType.LEADER
    out: list[RatingFacts] = []
    append = out.append
    for pk, stages_ in levels.items():
        entry = stages_.get(stage)
        if entry is None:
            continue
        row = rows_get(pk)
        if row is None:
            continue
        st, org_id, coll_id, person_id, _unit_id = row
        proposed = lv[entry[0]]
        score = float(entry[1]) if entry[1] is not None else None
        if person_id is not None:
            prow = people.get(person_id)
            if prow is None:
                continue
            disciplines = tuple(person_disciplines(person_id, ()))
            category = category_of[prow[4]]
            if st == "PARTY_MEMBER":
                csl = None
                if prow[4] != _NONE:
                    cs_pk = by_person(("CIVIL_SERVANT", person_id))
                    csl = best_get(cs_pk) if cs_pk is not None else None
                append(
                    new(
                        pk,
                        pm,
                        proposed,
                        category=category,
                        disciplines=disciplines,
                        leaves=tuple(person_leaves(person_id, ())),
                        civil_service_level=csl,
                        score=score,
                    )
                )
            elif st == "CIVIL_SERVANT":
                append(
                    new(
                        pk,
                        cs,
                        proposed,
                        category=category,
                        disciplines=disciplines,
                        leaves=tuple(person_leaves(person_id, ())),
                        score=score,
                    )
                )
            else:
                unit_levels = []
                headed = heads(person_id)
                for coll in headed or ():
                    c_pk = by_collective.get(coll)
                    if c_pk is not None and best_get(c_pk) is not None:
                        unit_levels.append(best[c_pk])
                is_head = bool(prow[6]) or bool(headed)
                if prow[6] and prow[5] in by_org:
                    wl = best_get(by_org[prow[5]])
                    if wl is not None:
                        unit_levels.append(wl)
                append(
                    new(
                        pk,
                        ld if st == "LEADER" else _SUBJECT_TYPE[st],
                        proposed,
                        category=category,
                        disciplines=disciplines,
                        is_head=is_head,
                        unit_level=min(unit_levels) if unit_levels else None,
                        score=score,
                    )
                )
        elif coll_id is not None:
            o_pk = by_org.get(snap.collectives[coll_id][3]) if coll_id in snap.collectives else None
            member_disciplines = tuple(
                d for m in snap.members.get(coll_id, ()) for d in person_disciplines(m, ())
            )
            append(
                new(
                    pk,
                    _SUBJECT_TYPE[st],
                    proposed,
                    disciplines=tuple(snap.collective_disciplines.get(coll_id, ())),
                    unit_level=best_get(o_pk) if o_pk is not None else None,
                    members_disciplined=member_disciplines,
                    score=score,
                )
            )
        else:
            counts = below.get(org_id)
            append(
                new(
                    pk,
                    _SUBJECT_TYPE[st],
                    proposed,
                    disciplines=tuple(snap.org_disciplines.get(org_id, ())),
                    member_counts=LevelCounts.of(counts) if counts else None,
                    same_level_levels=tuple(same_level.get(org_id, ())),
                    score=score,
                )
            )
    if grades:
        _with_self_grades(out, grades)
    return out


def self_grades(campaign: Campaign) -> dict[int, tuple[tuple[Grade, bool], ...]]:
    """Subject pk → the criterion grades of its written review, each (grade, is a result criterion).

    Read only when the SELF stage is checked (``rating_facts(…, grades=…)``): a province has a review
    per subject, and no other stage is judged on these grades.
    """
    from .reviews import RESULT_CRITERIA  # reviews imports the services, which import this module

    out: dict[int, tuple[tuple[Grade, bool], ...]] = {}
    for subject_id, criteria in Review.objects.filter(subject__campaign=campaign).values_list(
        "subject_id", "criteria"
    ):
        criteria = json.loads(criteria) if isinstance(criteria, str) else criteria
        graded = tuple(
            (Grade(g), code in RESULT_CRITERIA)
            for code, g in sorted((criteria or {}).items())
            if isinstance(g, int) and g in _GRADE_VALUES  # a draft may hold a criterion not graded yet
        )
        if graded:
            out[subject_id] = graded
    return out


def _with_self_grades(facts: list[RatingFacts], grades: dict[int, tuple[tuple[Grade, bool], ...]]) -> None:
    """Give the SELF ratings the criterion grades of the same review (R-30(2), R-34(2), R-36, R-38).

    The grades are the subject's own, so they are held against the level it proposes for itself: a
    self-proposed HTXS with a result criterion graded only "Tốt" gets the core's finding. The meeting's
    and the competent level's levels are not judged on the self-assessed grades.
    """
    for i, f in enumerate(facts):
        g = grades.get(f.subject_id)
        if g:
            details = f.details or RatingDetails()
            facts[i] = dataclasses.replace(f, details=dataclasses.replace(details, grades=g))


def order_facts(snap: RegistrySnapshot, subjects: CampaignSubjects) -> list[OrderFacts]:
    """Build ``OrderFacts`` for every classified subject (R-70, R-70b, R-62, S-13); keys use Subject pks."""
    orgs = snap.orgs
    rows = subjects.rows
    by_org, by_coll, by_person = subjects.by_org, subjects.by_collective, subjects.by_person
    classified = subjects.classified
    # A person in several classified collectives waits for the one with the lowest registry id, and a head of
    # several collectives for the lowest headed one: the same choice whatever order the rows were read in.
    collective_of: dict[int, tuple[int, int]] = {}  # person → (collective id, its subject pk)
    for coll, people_ids in snap.members.items():
        c_pk = by_coll.get(coll)
        if c_pk is not None and c_pk in classified:
            for p in people_ids:
                prev = collective_of.get(p)
                if prev is None or coll < prev[0]:
                    collective_of[p] = (coll, c_pk)
    state_children: dict[int, list[int]] = defaultdict(list)
    for org_id, s_pk in by_org.items():
        org = orgs.get(org_id)
        if org is not None and org[2] in _STATE_SAME_LEVEL and org[4] is not None:
            state_children[org[4]].append(s_pk)

    def key(pk: int | None) -> tuple[SubjectType, int] | None:
        if pk is None or pk not in classified:
            return None
        return (_SUBJECT_TYPE[rows[pk][0]], pk)

    out: list[OrderFacts] = []
    for pk in classified:
        st, org_id, coll_id, person_id, unit_id = rows[pk]
        me = (_SUBJECT_TYPE[st], pk)
        if st == "PARTY_MEMBER":
            out.append(
                OrderFacts(
                    me,
                    parent=key(by_org.get(unit_id)),
                    collective=key(collective_of[person_id][1]) if person_id in collective_of else None,
                    civil_service=key(by_person.get(("CIVIL_SERVANT", person_id))),
                )
            )
        elif st == "LEADER":
            headed = snap.heads.get(person_id, ())
            unit = by_coll.get(min(headed)) if headed else None
            if unit is None and people_row_is_head(snap, person_id):
                unit = by_org.get(snap.people[person_id][5])
            out.append(OrderFacts(me, head_of=key(unit)))
        elif st == "ORGANIZATION":
            parent = orgs[org_id][4] if org_id in orgs else None
            state = tuple(k for s in state_children.get(org_id, ()) if (k := key(s)) is not None)
            out.append(
                OrderFacts(me, parent=key(by_org.get(parent)) if parent else None, same_level_state=state)
            )
        else:
            out.append(OrderFacts(me))
    return out


def people_row_is_head(snap: RegistrySnapshot, person_id: int) -> bool:
    row = snap.people.get(person_id)
    return bool(row and row[6])
