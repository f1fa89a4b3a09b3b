"""One subject's verdict read from only what it depends on (the preview and the decision of a page).

``services._evaluate`` checks a whole campaign: on a province that is ~100,000 people and ~125,000
subjects read for every click on a level. One subject's verdict depends on far less, and this module
reads exactly that, then runs the same ``services._evaluate`` on it:

- its own facts, and its caps' inputs: the CBCCVC level of a party member (R-30, R-33c, R-60), the
  unit's level of a collective (R-61) or a head (R-62), the members' and subordinate organizations'
  levels of an organization and its same-level government / front / mass organizations (R-34, R-63);
- every subject of its quota scope, each with its own caps' inputs (a peer's level counts after its cap):
  R-50 the grassroots party organization for a party member; R-50c the collectives of the same kind and
  tier under the same province / district committee; R-50d the leaders of the same tier and title;
  R-50g / R-50f the agency's civil servants and the party members who work there; R-50b (when switched
  on) the organizations of the same tier and kind;
- for a decision, its prerequisites (R-70, R-70b, R-62, S-13): its collective, its CBCCVC rating, the
  collective or unit it heads, an organization's members, subordinate and same-level state organizations.

The organizations under the campaign's root are always read whole (a province has ~3,000: a few
milliseconds), so grassroots organizations and committees (R-50, R-50c) are found exactly as in the full
read. Everything else is read by id: the peers first, then what they reference, then the people, their
status periods, memberships and disciplines, then the ratings of every subject read. The rows are read as
``facts.registry_snapshot`` / ``campaign_subjects`` / ``latest_levels`` read them (same filters, same
columns, rows in primary-key order), so ``_evaluate`` sees the subject and everything it depends on exactly
as in the full read; other subjects read along may be judged on partial data, and are dropped.
``tests/campaigns/test_scoped_preview.py`` holds the result equal to the full evaluation for every subject.

Subjects are found through their stored ``org_path`` (indexed) where a scope is a subtree: like every page
that lists subjects by subtree, this trusts the path written when the campaign was (re)opened.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

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
from xeploai.rules import Finding, LeaveFact, Level, QuotaKind, Ruleset, StatusKind
from xeploai.rules import StatusPeriod as StatusFact

from . import facts as F
from .models import Campaign, Rating, Subject
from .services import _evaluate

__all__ = ["ScopedInputs", "scoped_evaluate", "scoped_inputs"]

_CHUNK = 500  # ids per IN (...) list: far below SQLite's and PostgreSQL's parameter limits
_PERSON_TYPES = ("PARTY_MEMBER", "CIVIL_SERVANT", "LEADER")
_LEAVES = frozenset({StatusKind.SICK_LEAVE.value, StatusKind.MATERNITY_LEAVE.value})
_STATUS = {k.value: k for k in StatusKind}
_SUBJECT_FIELDS = (
    "pk", "subject_type", "organization_id", "collective_id", "person_id", "unit_id", "classify", "override",
)  # fmt: skip

ScopedInputs = tuple[F.RegistrySnapshot, F.CampaignSubjects, dict[int, dict[str, tuple[int, Any]]]]


def _chunks(ids: Iterable[Any]) -> Iterable[list[Any]]:
    items = sorted(set(ids))
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _fetch_in(
    make: Callable[[list[Any]], QuerySet[Any]], ids: Iterable[Any], *fields: str, dates: tuple[int, ...] = ()
) -> list[tuple[Any, ...]]:
    """``F._fetch`` of ``make(chunk)`` for each chunk of ``ids``; rows sorted by their first column."""
    rows: list[tuple[Any, ...]] = []
    for chunk in _chunks(ids):
        rows.extend(F._fetch(make(chunk), *fields, dates=dates))
    rows.sort(key=lambda r: r[0])
    return rows


def _path_range(path: str) -> Q:
    return in_subtree("org_path", path)


def _peer_filters(rs: Ruleset, snap: F.RegistrySnapshot, subject: Subject, root_path: str) -> list[Q]:
    """Conditions on ``Subject`` that cover every subject of ``subject``'s quota scope (R-50 …)."""
    orgs = snap.orgs
    st, unit = subject.subject_type, subject.unit_id
    if unit not in orgs:
        return []
    if st == "PARTY_MEMBER":  # the grassroots party organization; its subtree holds every peer
        top = orgs[snap.grassroots_of(unit)][5]
        return [Q(subject_type=st) & _path_range(top)]
    if st == "COLLECTIVE":  # R-50c: same kind, same tier, under the same province / district committee
        committee = snap.committee_of(unit)
        top = orgs[committee][5] if committee is not None else root_path
        kind = Collective.objects.filter(pk=subject.collective_id).values_list("kind", flat=True).first()
        return [Q(subject_type=st, collective__kind=kind) & _path_range(top)]
    if st == "LEADER":  # R-50d: same tier and equivalent title, anywhere in the campaign
        tier = orgs[unit][3]
        title = (
            (Person.objects.filter(pk=subject.person_id).values_list("positions", flat=True).first() or "")
            .strip()
            .casefold()
        )
        ids = [
            pk
            for pk, unit_id, positions in F._fetch(
                # person not null: lets SQLite use the partial index on (campaign, type, person)
                Subject.objects.filter(
                    campaign_id=subject.campaign_id, subject_type=st, person__isnull=False
                ).order_by(),
                "pk",
                "unit_id",
                "person__positions",
            )
            if unit_id in orgs and orgs[unit_id][3] == tier and (positions or "").strip().casefold() == title
        ]
        return [Q(pk__in=chunk) for chunk in _chunks(ids)]
    if st == "CIVIL_SERVANT":  # R-50g: the agency and task group; R-50f: the party members working there
        workers = Person.objects.filter(workplace_id=unit).values("pk")
        return [
            Q(subject_type=st, org_path=orgs[unit][5]),
            Q(subject_type="PARTY_MEMBER", person_id__in=workers),
        ]
    if st == "ORGANIZATION" and rs.quota_rule(QuotaKind.ORGANIZATIONS) is not None:  # R-50b: tier and kind
        me = orgs.get(subject.organization_id)
        if me is not None:
            same = [o for o, row in orgs.items() if row[2] == me[2] and row[3] == me[3]]
            return [Q(subject_type=st, organization_id__in=chunk) for chunk in _chunks(same)]
    return []


def scoped_inputs(*, campaign: Campaign, subject: Subject, rs: Ruleset) -> ScopedInputs:
    """Read what ``subject``'s verdict depends on (module docstring): snapshot, subjects and levels."""
    reference = campaign.reference_date
    year = reference.year
    first, last = date(year, 1, 1), date(year, 12, 31)
    root_path = campaign.root.path

    # Organizations: all of them under the root, without the columns no check reads (code, name and
    # founding date: "", "", None) — 4 ms instead of 10 on a province's ~3,000.
    orgs = {
        pk: ("", "", kind, tier, parent, path, None)
        for pk, kind, tier, parent, path in F._fetch(
            Organization.objects.filter(F._in_subtree("", root_path)).order_by(),
            "pk", "kind", "tier", "parent_id", "path",
        )
    }  # fmt: skip
    whole = len(orgs) == Organization.objects.count()
    snap = F.RegistrySnapshot(reference, orgs, {}, {})
    children: dict[int, list[int]] = {}
    for pk, row in orgs.items():
        if row[4] is not None:
            children.setdefault(row[4], []).append(pk)

    subjects_qs = Subject.objects.filter(campaign=campaign).order_by()
    found: dict[int, tuple[Any, ...]] = {}

    def read_subjects(conditions: Iterable[Q]) -> list[tuple[Any, ...]]:
        new: list[tuple[Any, ...]] = []
        for cond in conditions:
            for row in F._fetch(subjects_qs.filter(cond), *_SUBJECT_FIELDS):
                if row[0] not in found:
                    found[row[0]] = row
                    new.append(row)
        return new

    # 1. The subject and its quota peers: the subjects whose caps must be exact.
    peers = read_subjects([Q(pk=subject.pk), *_peer_filters(rs, snap, subject, root_path)])
    persons = {r[4] for r in peers if r[4] is not None}
    peer_orgs = {r[2] for r in peers if r[2] is not None}
    peer_collectives = {r[3] for r in peers if r[3] is not None}

    people: dict[int, tuple[Any, ...]] = {}
    person_scope = Q(party_organization__isnull=False) | Q(workplace__isnull=False)
    if not whole:
        person_scope = F._in_subtree("party_organization__", root_path) | F._in_subtree(
            "workplace__", root_path
        )

    def read_people(ids: Iterable[int]) -> None:
        wanted = [i for i in ids if i not in people]
        for row in _fetch_in(
            lambda c: Person.objects.filter(person_scope, pk__in=c).order_by(),
            wanted,
            "pk", "code", "full_name", "party_organization_id", "admitted_on", "civil_service_category",
            "workplace_id", "is_head", "managing_committee_id", "positions",
            dates=(4,),
        ):  # fmt: skip
            people[row[0]] = row[1:]

    read_people(persons)

    # 2. Collectives: the peers' and every collective a peer person belongs to, with all their members.
    active = (Q(start__isnull=True) | Q(start__lte=reference)) & (Q(end__isnull=True) | Q(end__gte=reference))
    joined = {
        row[1]
        for row in _fetch_in(
            lambda c: Membership.objects.filter(active, person_id__in=c).order_by(),
            persons,
            "pk",
            "collective_id",
        )
    }
    snap.collectives = {
        row[0]: row[1:]
        for row in _fetch_in(
            lambda c: Collective.objects.filter(pk__in=c).order_by(),
            peer_collectives | joined,
            "pk", "code", "name", "kind", "organization_id", "founded_on",
            dates=(5,),
        )
        if row[4] in orgs
    }  # fmt: skip
    members, heads = snap.members, snap.heads
    for _pk, coll_id, person_id, is_head in _fetch_in(
        lambda c: Membership.objects.filter(active, collective_id__in=c).order_by(),
        snap.collectives,
        "pk", "collective_id", "person_id", "is_head",
    ):  # fmt: skip
        members.setdefault(coll_id, []).append(person_id)
        if is_head:
            heads.setdefault(person_id, []).append(coll_id)

    # 3. What the peers reference: the people's other roles (CBCCVC level, R-70b), their collectives
    # (S-13, R-62), the workplace a head runs, a collective's unit, an organization's members,
    # subordinate and same-level organizations.
    ref_orgs = set(peer_orgs)
    for org_id in peer_orgs:
        ref_orgs.update(children.get(org_id, ()))
    ref_orgs.update(snap.collectives[c][3] for c in peer_collectives if c in snap.collectives)
    ref_orgs.update(people[p][5] for p in persons if p in people and people[p][5] is not None)
    refs: list[Q] = [Q(subject_type__in=_PERSON_TYPES, person_id__in=c) for c in _chunks(persons)]
    refs += [Q(collective_id__in=c) for c in _chunks(snap.collectives)]
    refs += [Q(organization_id__in=c) for c in _chunks(ref_orgs)]
    refs += [Q(subject_type="PARTY_MEMBER", org_path=orgs[o][5]) for o in peer_orgs if o in orgs]
    read_subjects(refs)
    read_people(r[4] for r in found.values() if r[4] is not None)
    read_people(p for ids in members.values() for p in ids)  # members' disciplines (R-33d on a collective)
    snap.people = people

    # 4. Status periods and disciplines of everyone read, of the collectives and of the organizations.
    statuses, leaves = snap.statuses, snap.leaves
    for _pk, person_id, kind, start, end in _fetch_in(
        lambda c: StatusPeriod.objects.filter(person_id__in=c, start__lte=last)
        .filter(Q(end__isnull=True) | Q(end__gte=first))
        .order_by(),
        people,
        "pk", "person_id", "kind", "start", "end",
        dates=(3, 4),
    ):  # fmt: skip
        if kind in _LEAVES:
            leaves.setdefault(person_id, []).append(LeaveFact(_STATUS[kind], start, end))
        else:
            statuses.setdefault(person_id, []).append(StatusFact(_STATUS[kind], start, end))
    discipline_ids = set(people)
    if whole:  # registry_snapshot reads every discipline then: a member outside any unit counts too
        discipline_ids.update(p for ids in members.values() for p in ids)
    subject_orgs = {r[2] for r in found.values() if r[2] is not None}
    in_year = F.disciplines_of_year(first.year)
    disciplines: list[tuple[Any, ...]] = []
    for field, ids in (
        ("person_id", discipline_ids),
        ("collective_id", set(snap.collectives)),
        ("organization_id", subject_orgs & set(orgs)),
    ):
        disciplines += _fetch_in(
            lambda c, field=field: Discipline.objects.filter(in_year, **{f"{field}__in": c}).order_by(),
            ids,
            "pk", "person_id", "collective_id", "organization_id", "form", "side", "decided_on",
            "violation_ref", "self_remedied", "violation_year",
            dates=(6,),
        )  # fmt: skip
    seen: set[int] = set()
    for row in sorted(disciplines):
        pk, person_id, coll_id, org_id, form, side, decided_on, ref, remedied, happened = row
        if pk in seen:
            continue
        seen.add(pk)
        if not whole and not _discipline_in_scope(person_id, coll_id, org_id, people, snap.collectives, orgs):
            continue
        fact = F._discipline_fact(pk, form, side, decided_on, ref, remedied, happened)
        if person_id is not None:
            snap.person_disciplines.setdefault(person_id, []).append(fact)
        elif coll_id is not None:
            snap.collective_disciplines.setdefault(coll_id, []).append(fact)
        else:
            snap.org_disciplines.setdefault(org_id, []).append(fact)

    # 5. The subjects as campaign_subjects reads them, and their ratings as latest_levels reads them.
    cs = F.CampaignSubjects({})
    for pk, st, org_id, coll_id, person_id, unit_id, classify, override in sorted(found.values()):
        cs.rows[pk] = (st, org_id, coll_id, person_id, unit_id)
        if org_id is not None:
            cs.by_org[org_id] = pk
        elif coll_id is not None:
            cs.by_collective[coll_id] = pk
        else:
            cs.by_person[(st, person_id)] = pk
        if (classify and override != "EXCLUDED") or override == "INCLUDED":
            cs.classified.add(pk)
    levels: dict[int, dict[str, tuple[int, Any]]] = {}
    for subject_id, stage, level, score in [
        row[1:]
        for row in _fetch_in(
            lambda c: Rating.objects.filter(subject_id__in=c).order_by(),
            found,
            "id", "subject_id", "stage", "level", "score",
        )
    ]:  # fmt: skip
        levels.setdefault(subject_id, {})[stage] = (level, score)
    return snap, cs, levels


def _discipline_in_scope(
    person_id: int | None,
    coll_id: int | None,
    org_id: int | None,
    people: dict[int, tuple[Any, ...]],
    collectives: dict[int, tuple[Any, ...]],
    orgs: dict[int, tuple[Any, ...]],
) -> bool:
    """registry_snapshot's discipline filter on a partial campaign: the person, collective or org is in."""
    person = people.get(person_id) if person_id is not None else None
    return (
        (person is not None and (person[2] in orgs or person[5] in orgs))
        or (coll_id is not None and coll_id in collectives)
        or (org_id is not None and org_id in orgs)
    )


def scoped_evaluate(
    *, campaign: Campaign, subject: Subject, rs: Ruleset, stage: str, level: Level | int, score: Any = None
) -> tuple[tuple[Level, Level, list[Finding]] | None, F.RegistrySnapshot, F.CampaignSubjects]:
    """``services._evaluate``'s verdict on ``subject`` with ``level`` at ``stage``, read from its scope.

    Returns ``((level, max_level, findings) or None, snapshot, subjects)``: the snapshot and subjects
    hold the subject's row and its quota scope (for ``decisions._scope_path``). The snapshot's
    organizations carry kind, tier, parent and path only: not for labels.
    """
    with F.gc_paused():
        snap, subjects, levels = scoped_inputs(campaign=campaign, subject=subject, rs=rs)
        levels.setdefault(subject.pk, {})[stage] = (int(level), score)
        result = _evaluate(rs, campaign, snap, subjects, levels, stage).get(subject.pk)
    return result, snap, subjects
