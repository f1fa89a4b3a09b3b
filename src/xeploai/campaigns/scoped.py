"""One subject's verdict read from only what it depends on (the preview and the decision of a page).

``checking.evaluate_stage`` checks a whole campaign: on a province that is ~100,000 people and ~125,000
subjects read for every click on a level. One subject's verdict depends on far less, and this module
reads exactly that, then runs the same ``evaluate_stage`` on it:

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

The organizations under the campaign's root are always read whole (a province has ~3,000, a cheap
read), so grassroots organizations and committees (R-50, R-50c) are found exactly as in the full
read. Everything else is read by id: the peers first, then what they reference, then the people, their
status periods, memberships and disciplines, then the ratings of every subject read. The rows are read as
``snapshot.registry_snapshot`` / ``facts.campaign_subjects`` / ``latest_levels`` read them (same filters,
same columns, rows in primary-key order), so ``evaluate_stage`` sees the subject and everything it depends
on exactly as in the full read; other subjects read along may be judged on partial data, and are dropped.
``tests/campaigns/test_scoped_preview.py`` holds the result equal to the full evaluation for every subject.

Subjects are found through their stored ``org_path`` (indexed) where a scope is a subtree: like every page
that lists subjects by subtree, this trusts the path written when the campaign was (re)opened.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.lookups import In

from xeploai.registry import models as registry
from xeploai.registry.models import in_subtree
from xeploai.rules import Level, QuotaKind, Ruleset
from xeploai.rules.batch import gc_paused

from .checking import Verdict, evaluate_stage
from .facts import SUBJECT_FIELDS, CampaignSubjects, Levels, add_levels, campaign_subjects, latest_levels
from .models import Campaign, Rating, Subject
from .recorded import read_recorded
from .snapshot import (
    COLLECTIVE_FIELDS,
    DISCIPLINE_FIELDS,
    ORG_FIELDS,
    PERSON_DATES,
    PERSON_FIELDS,
    STATUS_FIELDS,
    CollectiveRow,
    OrgRow,
    PersonRow,
    RegistrySnapshot,
    active_on,
    disciplines_of_year,
    fetch_rows,
    registry_snapshot,
    statuses_of_year,
)
from .task_scores import campaign_period

__all__ = ["ScopedInputs", "panel_inputs", "scoped_evaluate", "scoped_inputs", "unit_inputs"]

_CHUNK = 500  # ids per IN (...) list: far below SQLite's and PostgreSQL's parameter limits
_PERSON_TYPES = ("PARTY_MEMBER", "CIVIL_SERVANT", "LEADER")

ScopedInputs = tuple[RegistrySnapshot, CampaignSubjects, Levels]


def _chunks(ids: Iterable[Any]) -> Iterable[list[Any]]:
    items = sorted(set(ids))
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _in(column: str, ids: list[Any]) -> Q:
    """``column IN (ids)``: the plain ``In`` lookup, the same SQL as ``{column}__in`` without the foreign
    key's per-value normalisation (three times cheaper to build for a chunk of 500 ids)."""
    return Q(In(F(column), ids))


def _fetch_in(
    qs: QuerySet[Any], key: str, ids: Iterable[Any], fields: Iterable[str], dates: Iterable[str] = ()
) -> list[tuple[Any, ...]]:
    """``fetch_rows`` of ``qs``'s rows whose ``key`` is in ``ids`` (by chunks), sorted by the first column."""
    rows: list[tuple[Any, ...]] = []
    for chunk in _chunks(ids):
        rows.extend(fetch_rows(qs.filter(_in(key, chunk)).order_by(), fields, dates=dates))
    rows.sort(key=lambda r: r[0])
    return rows


def _leader_peers(snap: RegistrySnapshot, subject: Subject) -> list[Q]:
    """R-50d: the leaders of the same tier and equivalent title, anywhere in the campaign."""
    orgs = snap.orgs
    tier = orgs[subject.unit_id].tier
    positions = (
        registry.Person.objects.filter(pk=subject.person_id).values_list("positions", flat=True).first()
    )
    title = (positions or "").strip().casefold()
    # person not null: lets SQLite use the partial index on (campaign, type, person)
    leaders = Subject.objects.filter(
        campaign_id=subject.campaign_id, subject_type=subject.subject_type, person__isnull=False
    ).order_by()
    ids = [
        pk
        for pk, unit_id, positions in fetch_rows(leaders, ("pk", "unit_id", "person__positions"))
        if unit_id in orgs and orgs[unit_id].tier == tier and (positions or "").strip().casefold() == title
    ]
    return [Q(pk__in=chunk) for chunk in _chunks(ids)]


def _peer_filters(rs: Ruleset, snap: RegistrySnapshot, subject: Subject, root_path: str) -> list[Q]:
    """Conditions on ``Subject`` that cover every subject of ``subject``'s quota scope (R-50 …)."""
    orgs = snap.orgs
    st, unit = subject.subject_type, subject.unit_id
    if unit not in orgs:
        return []
    if st == "PARTY_MEMBER":  # the grassroots party organization; its subtree holds every peer
        top = orgs[snap.grassroots_of(unit)].path
        return [Q(subject_type=st) & in_subtree("org_path", top)]
    if st == "COLLECTIVE":  # R-50c: same kind, same tier, under the same province / district committee
        committee = snap.committee_of(unit)
        top = orgs[committee].path if committee is not None else root_path
        kind = (
            registry.Collective.objects.filter(pk=subject.collective_id)
            .values_list("kind", flat=True)
            .first()
        )
        return [Q(subject_type=st, collective__kind=kind) & in_subtree("org_path", top)]
    if st == "LEADER":
        return _leader_peers(snap, subject)
    if st == "CIVIL_SERVANT":  # R-50g: the agency and task group; R-50f: the party members working there
        workers = registry.Person.objects.filter(workplace_id=unit).values("pk")
        return [
            Q(subject_type=st, org_path=orgs[unit].path),
            Q(subject_type="PARTY_MEMBER", person_id__in=workers),
        ]
    if st == "ORGANIZATION" and rs.quota_rule(QuotaKind.ORGANIZATIONS) is not None:  # R-50b: tier and kind
        me = orgs.get(subject.organization_id)  # type: ignore[arg-type]
        if me is not None:
            same = [o for o, row in orgs.items() if row.kind == me.kind and row.tier == me.tier]
            return [Q(subject_type=st, organization_id__in=chunk) for chunk in _chunks(same)]
    return []


class _ScopedReader:
    """Reads, by id, the part of a campaign one subject's verdict depends on (module docstring)."""

    def __init__(self, campaign: Campaign, *, labels: bool = False) -> None:
        root_path = campaign.root.path
        self.campaign = campaign
        self.reference = campaign.reference_date
        # Organizations: all of them under the root, without the columns no check reads (code, name and
        # founding date) unless ``labels`` asks for them (the quota panel names its scopes).
        under = registry.Organization.objects.filter(in_subtree("path", root_path)).order_by()
        if labels:
            orgs = {r[0]: OrgRow._make(r[1:]) for r in fetch_rows(under, ORG_FIELDS, dates=["founded_on"])}
        else:
            rows = fetch_rows(under, ("pk", "kind", "tier", "parent_id", "path"))
            orgs = {r[0]: OrgRow("", "", *r[1:], None) for r in rows}
        self.whole = len(orgs) == registry.Organization.objects.count()
        self.snap = RegistrySnapshot(self.reference, orgs, {}, {})
        self.children: dict[int, list[int]] = {}
        for pk, row in orgs.items():
            if row.parent_id is not None:
                self.children.setdefault(row.parent_id, []).append(pk)
        self.subjects_qs = Subject.objects.filter(campaign=campaign).order_by()
        self.read_under: str | None = None  # the path under which every subject has been read
        self.found: dict[int, tuple[Any, ...]] = {}
        self.person_scope = Q(party_organization__isnull=False) | Q(workplace__isnull=False)
        if not self.whole:
            self.person_scope = in_subtree("party_organization__path", root_path) | in_subtree(
                "workplace__path", root_path
            )

    def read(self, org_id: int) -> bool:
        """Whether the subjects of the unit ``org_id`` are read already (it is under ``read_under``)."""
        done, orgs = self.read_under, self.snap.orgs
        return done is not None and org_id in orgs and orgs[org_id].path.startswith(done)

    def subjects(self, conditions: Iterable[Q]) -> list[tuple[Any, ...]]:
        """The subjects (``SUBJECT_FIELDS``) that match any of ``conditions`` and were not read yet."""
        new: list[tuple[Any, ...]] = []
        for cond in conditions:
            for row in fetch_rows(self.subjects_qs.filter(cond), SUBJECT_FIELDS):
                if row[0] not in self.found:
                    self.found[row[0]] = row
                    new.append(row)
        return new

    def people(self, ids: Iterable[int]) -> None:
        people = self.snap.people
        wanted = [i for i in ids if i not in people]
        persons = registry.Person.objects.filter(self.person_scope)
        for row in _fetch_in(persons, "pk", wanted, PERSON_FIELDS, dates=PERSON_DATES):
            people[row[0]] = PersonRow._make(row[1:])

    def collectives(self, persons: set[int], peer_collectives: set[int]) -> None:
        """The peers' collectives and every collective a peer person belongs to, with all their members."""
        active = active_on(self.reference)
        memberships = registry.Membership.objects.filter(active)
        joined = {row[1] for row in _fetch_in(memberships, "person_id", persons, ("pk", "collective_id"))}
        wanted = peer_collectives | joined
        led = {p.led_unit_id for i in persons if (p := self.snap.people.get(i)) and p.led_unit_id is not None}
        if led:  # a deputy's unit may stand for itself through its collective
            units = _fetch_in(registry.Collective.objects.all(), "organization_id", led, ("pk",))
            wanted |= {row[0] for row in units}
        rows = _fetch_in(
            registry.Collective.objects.all(), "pk", wanted, COLLECTIVE_FIELDS, dates=["founded_on"]
        )
        snap = self.snap
        snap.collectives = {row[0]: CollectiveRow._make(row[1:]) for row in rows if row[4] in snap.orgs}
        fields = ("pk", "collective_id", "person_id", "is_head")
        snap.add_memberships(
            row[1:] for row in _fetch_in(memberships, "collective_id", snap.collectives, fields)
        )

    def references(self, peers: list[tuple[Any, ...]], persons: set[int]) -> None:
        """What the peers reference: the people's other roles (R-70b), their collectives (S-13, R-62), the
        workplace a head runs (R-62), a collective's unit (R-61), an organization's members, subordinate and
        same-level organizations (R-34, R-63, R-70)."""
        snap = self.snap
        peer_orgs = {r[2] for r in peers if r[2] is not None}
        peer_collectives = {r[3] for r in peers if r[3] is not None}
        ref_orgs = set(peer_orgs)
        for org_id in peer_orgs:
            ref_orgs.update(self.children.get(org_id, ()))
        ref_orgs.update(
            snap.collectives[c].organization_id for c in peer_collectives if c in snap.collectives
        )
        ref_orgs.update(
            p.workplace_id for i in persons if (p := snap.people.get(i)) and p.workplace_id is not None
        )
        led = {p.led_unit_id for i in persons if (p := snap.people.get(i)) and p.led_unit_id is not None}
        ref_orgs.update(led)  # the unit a deputy leads, and its collectives
        # Every subject under ``read_under`` is read already (a subject's path is its unit's: the
        # organization itself, a collective's organization, a member's cell): no read again.
        ref_orgs = {o for o in ref_orgs if not self.read(o)}
        led = {o for o in led if not self.read(o)}
        collectives = [c for c, row in snap.collectives.items() if not self.read(row.organization_id)]
        paths = {snap.orgs[o].path for o in peer_orgs if o in snap.orgs and not self.read(o)}
        refs = [Q(subject_type__in=_PERSON_TYPES) & _in("person_id", c) for c in _chunks(persons)]
        refs += [Q(collective__organization_id__in=c) for c in _chunks(led)]
        refs += [_in("collective_id", c) for c in _chunks(collectives)]
        refs += [_in("organization_id", c) for c in _chunks(ref_orgs)]
        refs += [Q(subject_type="PARTY_MEMBER", org_path__in=c) for c in _chunks(paths)]
        self.subjects(refs)
        self.people(r[4] for r in self.found.values() if r[4] is not None)
        self.people(p for ids in snap.members.values() for p in ids)  # members' disciplines (R-33d)

    def statuses(self) -> None:
        periods = registry.StatusPeriod.objects.filter(statuses_of_year(self.reference.year))
        fields = ("pk", *STATUS_FIELDS)
        rows = _fetch_in(periods, "person_id", self.snap.people, fields, dates=["start", "end"])
        self.snap.add_statuses(row[1:] for row in rows)

    def disciplines(self) -> None:
        """The disciplines of everyone read, of the collectives and of the subjects' organizations."""
        snap = self.snap
        person_ids = set(snap.people)
        if self.whole:  # registry_snapshot reads every discipline then: a member outside any unit counts too
            person_ids.update(p for ids in snap.members.values() for p in ids)
        subject_orgs = {r[2] for r in self.found.values() if r[2] is not None}
        collectives, orgs = set(snap.collectives), subject_orgs & set(snap.orgs)
        # A year's disciplines are few (~0.4 % of the people): one read of them all, kept by target, costs
        # less than reading them by chunks of ids (each chunk scanned the year's rows again).
        in_year = registry.Discipline.objects.filter(disciplines_of_year(self.reference.year)).order_by()
        rows = [
            row
            for row in fetch_rows(in_year, DISCIPLINE_FIELDS, dates=["decided_on"])
            if row[1] in person_ids or row[2] in collectives or row[3] in orgs
        ]
        for row in sorted(rows):
            if self.whole or self.in_scope(row):
                snap.add_discipline(row)

    def in_scope(self, row: tuple[Any, ...]) -> bool:
        """``registry_snapshot``'s discipline filter on a partial campaign: its target is in the snapshot."""
        person_id, coll_id, org_id = row[1], row[2], row[3]
        snap = self.snap
        person = snap.people.get(person_id) if person_id is not None else None
        return (
            (person is not None and (person.cell_id in snap.orgs or person.workplace_id in snap.orgs))
            or (coll_id is not None and coll_id in snap.collectives)
            or (org_id is not None and org_id in snap.orgs)
        )

    def subjects_and_levels(self) -> tuple[CampaignSubjects, Levels]:
        """The subjects as ``campaign_subjects`` reads them, and their ratings as ``latest_levels`` does."""
        cs = CampaignSubjects()
        for row in sorted(self.found.values()):
            cs.add(row)
        levels: Levels = {}
        fields = ("id", "subject_id", "stage", "level", "score")
        rows = _fetch_in(Rating.objects.all(), "subject_id", self.found, fields)
        add_levels(levels, (row[1:] for row in rows))
        return cs, levels


def _read_around(reader: _ScopedReader, peers: list[tuple[Any, ...]]) -> ScopedInputs:
    """Steps 2–5 of a scoped read: what ``peers`` (the subjects whose caps must be exact) depend on."""
    persons = {r[4] for r in peers if r[4] is not None}
    reader.people(persons)
    # 2. Collectives: the peers' and those a peer person belongs to, with their members.
    reader.collectives(persons, {r[3] for r in peers if r[3] is not None})
    # 3. What the peers reference, and the people behind it.
    reader.references(peers, persons)
    # 4. Status periods and disciplines of everyone read, of the collectives and of the organizations.
    reader.statuses()
    reader.disciplines()
    campaign = reader.campaign
    reader.snap.recorded = read_recorded(campaign.year, campaign_period(campaign))
    # 5. The subjects and their ratings.
    subjects, levels = reader.subjects_and_levels()
    return reader.snap, subjects, levels


def scoped_inputs(*, campaign: Campaign, subject: Subject, rs: Ruleset) -> ScopedInputs:
    """Read what ``subject``'s verdict depends on (module docstring): snapshot, subjects and levels."""
    reader = _ScopedReader(campaign)
    # 1. The subject and its quota peers: the subjects whose caps must be exact.
    peers = reader.subjects([Q(pk=subject.pk), *_peer_filters(rs, reader.snap, subject, campaign.root.path)])
    return _read_around(reader, peers)


def _outer_scopes(
    rs: Ruleset, reader: _ScopedReader, own: list[tuple[Any, ...]], root_path: str, campaign_path: str
) -> list[Q]:
    """Conditions on ``Subject`` covering the quota scopes (R-50 …) of ``own`` (every subject under the
    organization at ``root_path``) that reach above that organization. A scope whose organization is under
    it (a grassroots organization, a committee, an agency) holds only subjects under it: read already."""
    snap, orgs = reader.snap, reader.snap.orgs

    def above(org_id: int | None) -> str | None:
        path = orgs[org_id].path if org_id in orgs else campaign_path
        return None if path.startswith(root_path) else path

    conditions: list[Q] = []
    units = {(r[1], r[5]) for r in own if r[5] in orgs}
    tops = {p for st, u in units if st == "PARTY_MEMBER" and (p := above(snap.grassroots_of(u)))}
    conditions += [Q(subject_type="PARTY_MEMBER") & in_subtree("org_path", p) for p in tops]
    collectives: dict[str, list[int]] = {}  # R-50c: committee above the organization → its collectives
    for r in own:
        if r[1] == "COLLECTIVE" and r[5] in orgs and (p := above(snap.committee_of(r[5]))):
            collectives.setdefault(p, []).append(r[3])
    for path, ids in collectives.items():
        kinds = registry.Collective.objects.filter(pk__in=ids).values("kind")
        same_kind = Q(subject_type="COLLECTIVE", collective__kind__in=kinds)
        conditions.append(same_kind & in_subtree("org_path", path))
    leaders = {r[0] for r in own if r[1] == "LEADER"}
    if leaders:
        conditions += _leaders_like(reader, leaders)
    # R-50f: the party members who work at an agency of ``own``, whose cell may lie outside the organization
    # (the agency's rate of HTXS civil servants is bounded by theirs: a list's verdicts depend on it).
    agencies = {r[5] for r in own if r[1] == "CIVIL_SERVANT"}
    for chunk in _chunks(agencies):
        workers = registry.Person.objects.filter(_in("workplace_id", chunk)).values("pk")
        conditions.append(Q(subject_type="PARTY_MEMBER", person_id__in=workers))
    seen: set[tuple[str, str]] = set()
    for r in own:  # R-50b (campaign-wide, when switched on): one condition per tier and kind
        key = (orgs[r[2]].tier, orgs[r[2]].kind) if r[2] in orgs else None
        if r[1] == "ORGANIZATION" and key is not None and key not in seen:
            seen.add(key)
            me = Subject(subject_type=r[1], organization_id=r[2], unit_id=r[5])
            conditions += _peer_filters(rs, snap, me, campaign_path)
    return conditions


def _leaders_like(reader: _ScopedReader, own: set[int]) -> list[Q]:
    """R-50d: the leaders of the campaign with the tier and equivalent title of one of ``own``."""
    orgs = reader.snap.orgs
    # person not null: lets SQLite use the partial index on (campaign, type, person)
    leaders = reader.subjects_qs.filter(subject_type="LEADER", person__isnull=False)
    rows = fetch_rows(leaders, ("pk", "unit_id", "person__positions"))
    keys = {pk: (orgs[unit].tier, (pos or "").strip().casefold()) for pk, unit, pos in rows if unit in orgs}
    wanted = {keys[pk] for pk in own if pk in keys}
    return [_in("pk", chunk) for chunk in _chunks(pk for pk, key in keys.items() if key in wanted)]


def panel_inputs(*, campaign: Campaign, root: registry.Organization, rs: Ruleset) -> ScopedInputs:
    """Read what the quota of every scope holding a subject under ``root`` depends on (the quota panel):
    the subjects under ``root``, the peers of their scopes that lie outside it (``_outer_scopes``), and
    what all of them depend on, as ``scoped_inputs`` reads it for one subject. Organizations carry labels.
    """
    reader = _ScopedReader(campaign, labels=True)
    own = reader.subjects([in_subtree("org_path", root.path)])
    reader.read_under = root.path
    peers = own + reader.subjects(_outer_scopes(rs, reader, own, root.path, campaign.root.path))
    return _read_around(reader, peers)


def unit_inputs(*, campaign: Campaign, root: registry.Organization, rs: Ruleset) -> ScopedInputs:
    """What the pages of one organization's scopes compute from (the quota page, the whole-list pages).

    Below the campaign's root (a commune, a cell, an agency): ``panel_inputs``, the subjects under ``root``
    and what the quota of their scopes and their verdicts depend on. The campaign's root and a district's
    committee hold so much of a province that the whole read (seven queries) is as fast as reading their
    part by ids (docs/performance.md, Pages): they read the whole campaign.
    """
    if root.pk == campaign.root_id or RegistrySnapshot.is_committee(root):  # type: ignore[arg-type]
        snap = registry_snapshot(
            root=campaign.root, reference=campaign.reference_date, period=campaign_period(campaign)
        )
        subjects = campaign_subjects(campaign)
        return snap, subjects, latest_levels(campaign, subjects)
    return panel_inputs(campaign=campaign, root=root, rs=rs)


@gc_paused()
def scoped_evaluate(
    *, campaign: Campaign, subject: Subject, rs: Ruleset, stage: str, level: Level | int, score: Any = None
) -> tuple[Verdict | None, RegistrySnapshot, CampaignSubjects]:
    """``evaluate_stage``'s verdict on ``subject`` with ``level`` at ``stage``, read from its scope.

    Returns ``(verdict or None, snapshot, subjects)``: the snapshot and subjects hold the subject's row
    and its quota scope (for ``decisions``' scope label). The snapshot's organizations carry kind, tier,
    parent and path only: not for labels.
    """
    snap, subjects, levels = scoped_inputs(campaign=campaign, subject=subject, rs=rs)
    levels.setdefault(subject.pk, {})[stage] = (int(level), score)
    result = evaluate_stage(rs, campaign, snap, subjects, levels, stage).get(subject.pk)
    return result, snap, subjects
