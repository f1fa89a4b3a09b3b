"""The recorded facts of a campaign's period that the rules core needs beside the registry's rows.

Read with one query per table for the whole period (the rows are few: a meeting per organization, the
year's transfers, conclusions, targets, unit tasks and confidence votes) and kept in
``RegistrySnapshot.recorded``; the bridge (``opening.eligibility_facts``, ``facts.rating_facts``) gives
them to the core:

- the review meeting of an organization in the period (S-04: the six months are counted to it; the last
  one held in the period when there are several);
- the year's transfers (R-16 party, R-28 state: the latest move of each side), temporary party activity
  overlapping the year (R-17: every temporary cell's comment must be in), conclusions of degradation or
  disunity made in the year (R-33a, R-40a, R-37, R-48, R-57, R-59);
- a unit's targets of the year (R-37, R-40b: assessed and met; R-106 and R-40b's key targets: a basic
  target not met), the unit's tasks due in the period (R-106: done or not, those excused left out), and the
  leader's confidence vote of the year (R-106).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q

from xeploai.registry.facts_register import Conclusion, ReviewMeeting, TemporaryActivity, Transfer
from xeploai.registry.task_register import ConfidenceVote, Target, Task
from xeploai.rules import TransferFact

__all__ = ["Recorded", "TargetCounts", "read_recorded"]


@dataclass(frozen=True, slots=True)
class TargetCounts:
    """A unit's targets of the year: how many were assessed, how many met, whether a basic one was missed."""

    assessed: int = 0
    met: int = 0
    basic_missed: bool = False


@dataclass(slots=True)
class Recorded:
    """What ``read_recorded`` found, keyed by registry id."""

    meetings: dict[int, date] = field(default_factory=dict)  # organization → review meeting (S-04)
    transfers: dict[tuple[int, str], TransferFact] = field(default_factory=dict)  # (person, side)
    temporary: dict[int, bool] = field(default_factory=dict)  # person → every temporary comment received
    concluded_people: set[int] = field(default_factory=set)
    concluded_collectives: set[int] = field(default_factory=set)
    concluded_orgs: set[int] = field(default_factory=set)
    targets: dict[int, TargetCounts] = field(default_factory=dict)  # organization → its targets
    unit_tasks: dict[int, tuple[int, int]] = field(default_factory=dict)  # organization → (due, done)
    votes: dict[int, tuple[int, int]] = field(default_factory=dict)  # person → (ballots, low)
    people: set[int] = field(default_factory=set)  # anyone with a transfer, temporary activity, conclusion


def _in(field_name: str, start: date, end: date) -> Q:
    return Q(**{f"{field_name}__gte": start, f"{field_name}__lte": end})


def _meetings(out: Recorded, start: date, end: date) -> None:
    for org_id, held_on in ReviewMeeting.objects.filter(_in("held_on", start, end)).values_list(
        "organization_id", "held_on"
    ):
        if org_id not in out.meetings or held_on > out.meetings[org_id]:
            out.meetings[org_id] = held_on


def _people_facts(out: Recorded, year: int) -> None:
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows = Transfer.objects.filter(_in("moved_on", first, last)).order_by("moved_on", "pk")
    for person_id, side, moved_on, old_from, comment, exists in rows.values_list(
        "person_id", "side", "moved_on", "old_unit_from", "comment_received", "old_unit_exists"
    ):
        out.transfers[(person_id, side)] = TransferFact(moved_on, old_from, bool(comment), bool(exists))
    temporary = TemporaryActivity.objects.filter(
        Q(start__lte=last) & (Q(end__isnull=True) | Q(end__gte=first))
    )
    for person_id, comment in temporary.values_list("person_id", "comment_received"):
        out.temporary[person_id] = out.temporary.get(person_id, True) and bool(comment)
    for person_id, coll_id, org_id in Conclusion.objects.filter(_in("concluded_on", first, last)).values_list(
        "person_id", "collective_id", "organization_id"
    ):
        if person_id is not None:
            out.concluded_people.add(person_id)
        elif coll_id is not None:
            out.concluded_collectives.add(coll_id)
        else:
            out.concluded_orgs.add(org_id)
    for person_id, voters, low in ConfidenceVote.objects.filter(year=year).values_list(
        "person_id", "voters", "low"
    ):
        out.votes[person_id] = (voters, low)
    out.people = {p for p, _side in out.transfers} | set(out.temporary) | out.concluded_people


def _unit_facts(out: Recorded, year: int, start: date, end: date) -> None:
    counts: dict[int, list[Any]] = {}
    for org_id, met, basic in Target.objects.filter(year=year).values_list(
        "organization_id", "met", "is_basic"
    ):
        c = counts.setdefault(org_id, [0, 0, False])
        if met is not None:
            c[0] += 1
            c[1] += bool(met)
            c[2] = c[2] or (bool(basic) and not met)
    out.targets = {org_id: TargetCounts(*c) for org_id, c in counts.items()}
    tasks = Task.objects.filter(organization__isnull=False, excused=False).filter(_in("due_on", start, end))
    for org_id, done_on in tasks.values_list("organization_id", "done_on"):
        due, done = out.unit_tasks.get(org_id, (0, 0))
        out.unit_tasks[org_id] = (due + 1, done + (done_on is not None))


def read_recorded(year: int, period: tuple[date, date] | None = None) -> Recorded:
    """The recorded facts of ``year`` (meetings and unit tasks: of ``period``, by default the year)."""
    start, end = period or (date(year, 1, 1), date(year, 12, 31))
    out = Recorded()
    _meetings(out, start, end)
    _people_facts(out, year)
    _unit_facts(out, year, start, end)
    return out
