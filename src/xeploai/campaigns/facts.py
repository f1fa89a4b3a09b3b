"""Translate a campaign's subjects and ratings into the rules core's facts, in bulk.

The levels linked into a check (a unit's level for R-61/R-62, the CBCCVC level for R-30/R-33c/R-60,
members' levels for R-34/R-63) are each subject's most advanced stage with a rating.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import QuerySet

from xeploai.rules import (
    CivilServiceCategory,
    Grade,
    Level,
    LevelCounts,
    OrderFacts,
    RatingDetails,
    RatingFacts,
    SubjectType,
)
from xeploai.rules.scoring import TaskScore

from .models import Campaign, Rating, RatingStage, Review, Subject
from .recorded import Recorded
from .review_forms import RESULT_CRITERIA
from .snapshot import PARTY_KINDS, STATE_SAME_LEVEL, RegistrySnapshot, fetch_rows

__all__ = [
    "SUBJECT_FIELDS",
    "CampaignSubjects",
    "Levels",
    "SubjectRef",
    "add_levels",
    "best_level",
    "campaign_subjects",
    "fast_constructor",
    "latest_levels",
    "order_facts",
    "previous_score",
    "rating_facts",
    "ratings_in_block",
    "self_grades",
]

STAGE_RANK = {s.value: i for i, s in enumerate(RatingStage)}
GRADE_VALUES = frozenset(g.value for g in Grade)
# The member of each stored subject type: a dict lookup, ten times cheaper than ``SubjectType(value)``
# on the ~125,000 subjects of a province.
SUBJECT_TYPE = {t.value: t for t in SubjectType}
SUBJECT_FIELDS = (
    "pk",
    "subject_type",
    "organization_id",
    "collective_id",
    "person_id",
    "unit_id",
    "classify",
    "override",
)

# {subject pk: {stage: (level, score)}}: the latest rating of each stage.
Levels = dict[int, dict[str, tuple[int, Any]]]
Grades = dict[int, tuple[tuple[Grade, bool], ...]]


def fast_constructor(cls: type) -> Callable[..., Any]:
    """Return a constructor for the frozen, slotted dataclass ``cls`` that skips ``object.__setattr__``.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``; this one stores
    each field straight into its slot (the same values, defaults and field order; the same object).
    Defaults made by a ``default_factory`` are made once and shared, so they must be immutable (checked
    here). Generated like the dataclass's own ``__init__`` is.
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


_new_rating_facts = fast_constructor(
    RatingFacts
)  # RatingFacts' frozen __init__: figures in docs/performance.md


class SubjectRef(NamedTuple):
    """A subject's type, target (one of organization, collective, person) and unit."""

    subject_type: str
    organization_id: int | None
    collective_id: int | None
    person_id: int | None
    unit_id: int


@dataclass(slots=True)
class CampaignSubjects:
    """The campaign's subjects, indexed the ways the checks need them."""

    rows: dict[int, SubjectRef] = field(default_factory=dict)
    by_org: dict[int, int] = field(default_factory=dict)  # organization pk → ORGANIZATION subject pk
    by_collective: dict[int, int] = field(default_factory=dict)
    by_person: dict[tuple[str, int], int] = field(default_factory=dict)  # (type, person pk) → subject pk
    classified: set[int] = field(default_factory=set)

    def add(self, row: tuple[Any, ...]) -> None:
        """Record one subject read with ``SUBJECT_FIELDS``."""
        pk, st, org_id, coll_id, person_id, unit_id, classify, override = row
        self.rows[pk] = SubjectRef(st, org_id, coll_id, person_id, unit_id)
        if org_id is not None:
            self.by_org[org_id] = pk
        elif coll_id is not None:
            self.by_collective[coll_id] = pk
        else:
            self.by_person[(st, person_id)] = pk
        if (classify and override != "EXCLUDED") or override == "INCLUDED":
            self.classified.add(pk)


def campaign_subjects(campaign: Campaign) -> CampaignSubjects:
    """Read the campaign's subjects in one query."""
    cs = CampaignSubjects()
    for row in fetch_rows(Subject.objects.filter(campaign=campaign).order_by(), SUBJECT_FIELDS):
        cs.add(row)
    return cs


def ratings_in_block(subject_ids: Iterable[int]) -> QuerySet[Rating]:
    """The ratings whose subject id lies between the least and the greatest of ``subject_ids``.

    A superset: the caller keeps the rows of its own subjects. A campaign's subjects are written together,
    so their ids form one block, read through the ratings' (subject, stage, id) index; joining the
    subjects instead made PostgreSQL hash-join every rating of every campaign (docs/performance.md, Rules).
    """
    ids = subject_ids if isinstance(subject_ids, (set, dict, list, tuple)) else list(subject_ids)
    if not ids:
        return Rating.objects.none()
    return Rating.objects.filter(subject_id__gte=min(ids), subject_id__lte=max(ids))


def add_levels(levels: Levels, rows: Iterable[tuple[int, str, int, Any]], keep: Any = None) -> None:
    """Record ``(subject, stage, level, score)`` rows read in id order: the last of a stage wins.

    ``keep``: the subjects to keep (a container), or None for all of them.
    """
    for subject_id, stage, level, score in rows:
        if keep is None or subject_id in keep:
            levels.setdefault(subject_id, {})[stage] = (level, score)


def latest_levels(campaign: Campaign, subjects: CampaignSubjects | None = None) -> Levels:
    """Return ``{subject_pk: {stage: (level, score)}}``: the latest row of each stage (rows never change).

    With the campaign's ``subjects`` already read, the ratings are read by their subject id block.
    """
    if subjects is None:
        ratings, keep = Rating.objects.filter(subject__campaign=campaign), None
    else:
        ratings, keep = ratings_in_block(subjects.rows), subjects.rows
    out: Levels = {}
    add_levels(out, fetch_rows(ratings.order_by("id"), ("subject_id", "stage", "level", "score")), keep)
    return out


def best_level(stages: dict[str, tuple[int, Any]] | None) -> Level | None:
    """Return the level of the most advanced stage that has a rating."""
    if not stages:
        return None
    stage = max(stages, key=STAGE_RANK.__getitem__)
    return Level(stages[stage][0])


@dataclass(slots=True)
class _Linkage:
    """What links one subject's facts to the others': their best levels, grouped by unit."""

    snap: RegistrySnapshot
    subjects: CampaignSubjects
    best: dict[int, Level | None]
    below: dict[int, list[Level]] = field(default_factory=lambda: defaultdict(list))
    same_level: dict[int, list[Level]] = field(default_factory=lambda: defaultdict(list))
    tasks: Mapping[int, TaskScore] = field(default_factory=dict)  # person → ND335 score

    @classmethod
    def of(cls, snap: RegistrySnapshot, subjects: CampaignSubjects, levels: Levels) -> _Linkage:
        """Members' levels per cell and subordinate organizations' levels per committee."""
        link = cls(snap, subjects, {pk: best_level(stages) for pk, stages in levels.items()})
        for pk, ref in subjects.rows.items():
            lvl = link.best.get(pk)
            if lvl is None:
                continue
            if ref.subject_type == "PARTY_MEMBER":
                if pk in subjects.classified:
                    link.below[ref.unit_id].append(lvl)
            elif ref.subject_type == "ORGANIZATION":
                org = snap.orgs.get(ref.organization_id)
                if org is None or org.parent_id is None:
                    continue
                if org.kind in PARTY_KINDS and pk in subjects.classified:
                    link.below[org.parent_id].append(lvl)
                elif org.kind in STATE_SAME_LEVEL:
                    link.same_level[org.parent_id].append(lvl)
        return link

    def level_of(self, pk: int | None) -> Level | None:
        return self.best.get(pk) if pk is not None else None

    def person(self, pk: int, ref: SubjectRef, proposed: Level, score: float | None) -> RatingFacts | None:
        """A party member's, civil servant's or leader's facts."""
        person_id = ref.person_id
        person = self.snap.people.get(person_id)
        if person is None:
            return None
        st = SUBJECT_TYPE[ref.subject_type]
        common: dict[str, Any] = {
            "category": CivilServiceCategory(person.category),
            "disciplines": tuple(self.snap.person_disciplines.get(person_id, ())),
            "score": score,
        }
        if st is SubjectType.PARTY_MEMBER or st is SubjectType.CIVIL_SERVANT:
            common["leaves"] = tuple(self.snap.leaves.get(person_id, ()))
        if st is SubjectType.CIVIL_SERVANT and person_id in self.tasks:
            common.update(task_counts(self.tasks[person_id]))
        if st is SubjectType.PARTY_MEMBER:
            if person.category != CivilServiceCategory.NONE.value:
                cs_pk = self.subjects.by_person.get(("CIVIL_SERVANT", person_id))
                common["civil_service_level"] = self.level_of(cs_pk)
        elif st is not SubjectType.CIVIL_SERVANT:
            headed = self.snap.heads.get(person_id)
            units = [self.level_of(self.subjects.by_collective.get(c)) for c in headed or ()]
            if person.is_head and person.workplace_id in self.subjects.by_org:
                units.append(self.level_of(self.subjects.by_org[person.workplace_id]))
            if person.led_unit_id is not None:  # a deputy's unit, the one they lead directly
                units.append(self.level_of(unit_subject(self.snap, self.subjects, person.led_unit_id)))
            known = [u for u in units if u is not None]
            common["is_head"] = bool(person.is_head) or bool(headed)
            common["unit_level"] = min(known) if known else None
        counted = self.snap.counted_violations("P", person_id)
        if counted:
            common["counted_violations"] = counted
        if st is SubjectType.LEADER or person_id in self.snap.recorded.people:  # the common person: neither
            details = person_details(self.snap, st, person_id)
            if details is not None:
                common["details"] = details
        return _new_rating_facts(pk, st, proposed, **common)

    def collective(self, pk: int, ref: SubjectRef, proposed: Level, score: float | None) -> RatingFacts:
        coll_id = ref.collective_id
        coll = self.snap.collectives.get(coll_id)
        unit_pk = self.subjects.by_org.get(coll.organization_id) if coll is not None else None
        person_disciplines = self.snap.person_disciplines
        members = self.snap.members.get(coll_id, ())
        recorded = self.snap.recorded
        org_id = coll.organization_id if coll is not None else None
        return _new_rating_facts(
            pk,
            SUBJECT_TYPE[ref.subject_type],
            proposed,
            disciplines=tuple(self.snap.collective_disciplines.get(coll_id, ())),
            counted_violations=self.snap.counted_violations("C", coll_id),
            unit_level=self.level_of(unit_pk),
            members_disciplined=tuple(d for m in members for d in person_disciplines.get(m, ())),
            score=score,
            details=unit_details(recorded, org_id, coll_id in recorded.concluded_collectives),
            **target_counts(recorded, org_id, key=True),
        )

    def organization(self, pk: int, ref: SubjectRef, proposed: Level, score: float | None) -> RatingFacts:
        org_id = ref.organization_id
        counts = self.below.get(org_id)
        recorded = self.snap.recorded
        return _new_rating_facts(
            pk,
            SUBJECT_TYPE[ref.subject_type],
            proposed,
            disciplines=tuple(self.snap.org_disciplines.get(org_id, ())),
            counted_violations=self.snap.counted_violations("O", org_id),
            member_counts=LevelCounts.of(counts) if counts else None,
            same_level_levels=tuple(self.same_level.get(org_id, ())),
            score=score,
            details=unit_details(recorded, None, org_id in recorded.concluded_orgs),
            **target_counts(recorded, org_id, key=False),
        )


def unit_subject(snap: RegistrySnapshot, subjects: CampaignSubjects, org_id: int) -> int | None:
    """The subject standing for a unit a leader leads (R-66): the organization's own subject if it is one
    (a party organization), else its classified leadership collective with the lowest registry id."""
    own = subjects.by_org.get(org_id)
    if own is not None and own in subjects.classified:
        return own
    found = sorted(
        c
        for c, row in snap.collectives.items()
        if row.organization_id == org_id and c in subjects.by_collective
    )
    for coll in found:
        pk = subjects.by_collective[coll]
        if pk in subjects.classified:
            return pk
    return own


def led_unit(snap: RegistrySnapshot, person_id: int) -> int | None:
    """The unit a leader leads (R-106): the one recorded for a deputy, else the workplace they head, else the
    organization of the lowest collective they head."""
    person = snap.people.get(person_id)
    if person is None:
        return None
    if person.led_unit_id is not None:
        return person.led_unit_id
    if person.is_head and person.workplace_id is not None:
        return person.workplace_id
    headed = snap.heads.get(person_id)
    coll = snap.collectives.get(min(headed)) if headed else None
    return coll.organization_id if coll is not None else None


def person_details(snap: RegistrySnapshot, st: SubjectType, person_id: int) -> RatingDetails | None:
    """The rarer facts of a person's role, None when none is recorded (the common case).

    Party member: the party transfer (R-16), temporary activity (R-17); CBCCVC: the state transfer (R-28);
    every role: a conclusion of degradation (R-33a, R-48, R-59); a leader: the R-106 facts of the unit
    they lead (its tasks, basic targets) and their confidence vote.
    """
    rec = snap.recorded
    values: dict[str, Any] = {}
    if person_id in rec.concluded_people:
        values["degradation_concluded"] = True
    if st is SubjectType.PARTY_MEMBER or st is SubjectType.CIVIL_SERVANT:
        side = "PARTY" if st is SubjectType.PARTY_MEMBER else "STATE"
        transfer = rec.transfers.get((person_id, side))
        if transfer is not None:
            values["transfer"] = transfer
        if st is SubjectType.PARTY_MEMBER and person_id in rec.temporary:
            values["temporary_comment"] = rec.temporary[person_id]
    elif st is SubjectType.LEADER:
        unit_values = unit_details(rec, led_unit(snap, person_id), False)
        if unit_values is not None:
            values.update(
                unit_tasks_total=unit_values.unit_tasks_total,
                unit_tasks_done=unit_values.unit_tasks_done,
                basic_targets_missed=unit_values.basic_targets_missed,
            )
        votes = rec.votes.get(person_id)
        if votes is not None:
            values["confidence_votes"], values["confidence_low"] = votes
    return RatingDetails(**values) if values else None


def unit_details(rec: Recorded, org_id: int | None, concluded: bool) -> RatingDetails | None:
    """A unit's rarer facts: disunity concluded (R-40a, R-37), its tasks and basic targets (R-106)."""
    tasks = rec.unit_tasks.get(org_id) if org_id is not None else None
    targets = rec.targets.get(org_id) if org_id is not None else None
    basic = targets is not None and targets.basic_missed
    if not concluded and tasks is None and not basic:
        return None
    total, done = tasks or (0, 0)
    return RatingDetails(
        degradation_concluded=concluded,
        unit_tasks_total=total,
        unit_tasks_done=done,
        basic_targets_missed=basic,
    )


def target_counts(rec: Recorded, org_id: int | None, *, key: bool) -> dict[str, Any]:
    """A unit's targets of the year as ``RatingFacts`` fields (R-37, R-40b): those assessed and met; ``key``:
    a basic target missed counts as a key target missed (R-40b)."""
    targets = rec.targets.get(org_id) if org_id is not None else None
    if targets is None or not targets.assessed:
        return {}
    out: dict[str, Any] = {"targets_assigned": targets.assessed, "targets_met": targets.met}
    if key and targets.basic_missed:
        out["key_targets_missed"] = True
    return out


def task_counts(score: TaskScore) -> dict[str, Any]:
    """The ``RatingFacts`` fields of a person's ND335 score (R-58, R-59, R-102)."""
    return {
        "tasks_total": score.tasks_total,
        "tasks_on_time": score.tasks_on_time,
        "tasks_exceeded": score.tasks_exceeded,
        "tasks_late": score.tasks_late,
        "task_score": score.points,
    }


def rating_facts(
    snap: RegistrySnapshot,
    subjects: CampaignSubjects,
    levels: Levels,
    *,
    stage: str,
    grades: Grades | None = None,
    only: set[int] | None = None,
    tasks: Mapping[int, TaskScore] | None = None,
) -> list[RatingFacts]:
    """Build ``RatingFacts`` for every subject with a rating at ``stage`` (``subject_id`` = Subject pk).

    ``grades`` (``self_grades``, for the SELF stage): the review's criterion grades (R-30(2) …).
    ``only``: build the facts of these subjects alone (the linkage still reads every level).

    A stage without a score carries the score of the most advanced earlier stage that has one
    (``previous_score``; ``RatingFacts.score_carried``), so the 100-point bands hold at every stage (R-58).

    ``tasks`` (``task_scores``): person → the ND335 score of the task register, given to the công chức.

    Linkage comes from the other subjects' most advanced levels: members' level counts per cell
    and subordinate counts per committee (R-34, R-63), the unit's level for a collective (R-61) and for
    a head (R-62), the CBCCVC level for a party member (R-30, R-33c, R-60).
    """
    link = _Linkage.of(snap, subjects, levels)
    if tasks:
        link.tasks = tasks
    out: list[RatingFacts] = []
    for pk, stages in levels.items():
        entry = stages.get(stage)
        ref = subjects.rows.get(pk)
        if entry is None or ref is None or (only is not None and pk not in only):
            continue
        proposed = Level(entry[0])
        raw, carried = entry[1], False
        if raw is None and len(stages) > 1:
            raw = previous_score(stages, stage)
            carried = raw is not None
        score = float(raw) if raw is not None else None
        if ref.person_id is not None:
            facts = link.person(pk, ref, proposed, score)
        elif ref.collective_id is not None:
            facts = link.collective(pk, ref, proposed, score)
        else:
            facts = link.organization(pk, ref, proposed, score)
        if facts is not None:
            out.append(dataclasses.replace(facts, score_carried=True) if carried else facts)
    if grades:
        _with_self_grades(out, grades)
    return out


def previous_score(stages: dict[str, tuple[int, Any]], stage: str) -> Any:
    """The score of the most advanced stage before ``stage`` that gave one, else None (R-58, R-59).

    A stage that records only a level (the decision, usually) is held to the score of the stage it
    follows: a subject self-scored 55 is not decided HTXS without the core's finding.
    """
    rank = STAGE_RANK[stage]
    earlier = [(STAGE_RANK[s], v[1]) for s, v in stages.items() if STAGE_RANK[s] < rank and v[1] is not None]
    return max(earlier, key=lambda x: x[0])[1] if earlier else None


def self_grades(campaign: Campaign) -> Grades:
    """Subject pk → the criterion grades of its written review, each (grade, is a result criterion).

    Read only when the SELF stage is checked (``rating_facts(…, grades=…)``): a province has a review
    per subject, and no other stage is judged on these grades.
    """
    out: Grades = {}
    for subject_id, criteria in Review.objects.filter(subject__campaign=campaign).values_list(
        "subject_id", "criteria"
    ):
        criteria = json.loads(criteria) if isinstance(criteria, str) else criteria
        graded = tuple(
            (Grade(g), code in RESULT_CRITERIA)
            for code, g in sorted((criteria or {}).items())
            if isinstance(g, int) and g in GRADE_VALUES  # a draft may hold a criterion not graded yet
        )
        if graded:
            out[subject_id] = graded
    return out


def _with_self_grades(facts: list[RatingFacts], grades: Grades) -> None:
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


def _first_collectives(snap: RegistrySnapshot, subjects: CampaignSubjects) -> dict[int, tuple[int, int]]:
    """Person → (collective id, its subject pk): the classified collective with the lowest registry id.

    The same choice whatever order the rows were read in.
    """
    out: dict[int, tuple[int, int]] = {}
    for coll, people_ids in snap.members.items():
        c_pk = subjects.by_collective.get(coll)
        if c_pk is not None and c_pk in subjects.classified:
            for p in people_ids:
                prev = out.get(p)
                if prev is None or coll < prev[0]:
                    out[p] = (coll, c_pk)
    return out


def order_facts(
    snap: RegistrySnapshot, subjects: CampaignSubjects, only: Collection[int] | None = None
) -> list[OrderFacts]:
    """Build ``OrderFacts`` for every classified subject (R-70, R-70b, R-62, S-13); keys use Subject pks.

    ``only``: the facts that give the prerequisites of those subjects and no others: their own, and those
    of the subjects whose parent (R-70, lower before higher) they are. A decision's check needs no more."""
    orgs, by_org, classified = snap.orgs, subjects.by_org, subjects.classified
    kept = classified if only is None else _with_children(snap, subjects, set(only))
    collective_of = _first_collectives(snap, subjects)
    state_children: dict[int, list[int]] = defaultdict(list)
    for org_id, s_pk in by_org.items():
        org = orgs.get(org_id)
        if org is not None and org.kind in STATE_SAME_LEVEL and org.parent_id is not None:
            state_children[org.parent_id].append(s_pk)

    def key(pk: int | None) -> tuple[SubjectType, int] | None:
        if pk is None or pk not in classified:
            return None
        return (SUBJECT_TYPE[subjects.rows[pk].subject_type], pk)

    out: list[OrderFacts] = []
    for pk in classified:  # in the same order whatever ``only`` keeps: the same prerequisites' order
        if pk not in kept:
            continue
        st, org_id, _coll_id, person_id, unit_id = subjects.rows[pk]
        me = (SUBJECT_TYPE[st], pk)
        if st == "PARTY_MEMBER":
            collective = collective_of.get(person_id)
            out.append(
                OrderFacts(
                    me,
                    parent=key(by_org.get(unit_id)),
                    collective=key(collective[1]) if collective else None,
                    civil_service=key(subjects.by_person.get(("CIVIL_SERVANT", person_id))),
                )
            )
        elif st == "LEADER":
            head_of = _headed_unit(snap, subjects, person_id)
            first = None
            if (
                head_of is None
            ):  # a deputy: the unit they lead, else their collective, is decided first
                person = snap.people.get(person_id)
                led = person.led_unit_id if person is not None else None
                collective = collective_of.get(person_id)
                first = unit_subject(snap, subjects, led) if led is not None else None
                first = first if first is not None else (collective[1] if collective else None)
            out.append(OrderFacts(me, collective=key(first), head_of=key(head_of)))
        elif st == "ORGANIZATION":
            parent = orgs[org_id].parent_id if org_id in orgs else None
            state = tuple(k for s in state_children.get(org_id, ()) if (k := key(s)) is not None)
            out.append(
                OrderFacts(me, parent=key(by_org.get(parent)) if parent else None, same_level_state=state)
            )
        else:
            out.append(OrderFacts(me))
    return out


def _with_children(snap: RegistrySnapshot, subjects: CampaignSubjects, wanted: set[int]) -> set[int]:
    """The classified subjects among ``wanted`` and those whose R-70 parent is one of ``wanted``."""
    out = set()
    for pk in subjects.classified:
        st, org_id, _coll_id, _person_id, unit_id = subjects.rows[pk]
        if pk in wanted:
            out.add(pk)
        elif st == "PARTY_MEMBER":
            if subjects.by_org.get(unit_id) in wanted:
                out.add(pk)
        elif st == "ORGANIZATION" and org_id in snap.orgs:
            parent = snap.orgs[org_id].parent_id
            if parent is not None and subjects.by_org.get(parent) in wanted:
                out.add(pk)
    return out


def _headed_unit(snap: RegistrySnapshot, subjects: CampaignSubjects, person_id: int) -> int | None:
    """The subject a leader heads: the lowest headed collective, else the workplace they head (R-62)."""
    headed = snap.heads.get(person_id, ())
    unit = subjects.by_collective.get(min(headed)) if headed else None
    person = snap.people.get(person_id)
    if unit is None and person is not None and person.is_head:
        unit = subjects.by_org.get(person.workplace_id)
    return unit
