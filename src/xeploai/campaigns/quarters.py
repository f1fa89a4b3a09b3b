"""The year reads its quarters (R-100, R-91): each subject of a yearly campaign with the results of the
same subject in the quarterly campaigns of that year and root, and the rules core's reading of them.

A quarter's result is the subject's decided level there and its points: the score of its latest decided
rating, else — for a công chức scored under ND335 — the points computed from the task register for the
quarter's dates (``task_scores``, R-102). A few queries per call, whatever the number of subjects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from xeploai.rules import Finding, Level, Ruleset, SubjectType
from xeploai.rules.quarters import QuarterResult, YearReading, check_year, read_quarters

from .models import YEAR_PERIOD, Campaign, Rating, RatingStage, Subject
from .ruleset_plan import ruleset_of
from .task_scores import ND335_FROM, task_scores

__all__ = ["QuarterLine", "quarter_campaigns", "quarter_flags", "subject_year_reading", "year_readings"]

Key = tuple[str, int | None, int | None, int | None]  # subject type, organization, collective, person


@dataclass(frozen=True, slots=True)
class QuarterLine:
    """A quarter as the subject page shows it: the quarter, its campaign, level and points."""

    quarter: int
    campaign: Campaign
    level: Level | None
    score: float | None


def _key(subject: Any) -> Key:
    return (subject.subject_type, subject.organization_id, subject.collective_id, subject.person_id)


def quarter_campaigns(campaign: Campaign) -> list[Campaign]:
    """The quarterly campaigns of a yearly campaign's year and root, by quarter (none for a quarter)."""
    if campaign.period != YEAR_PERIOD:
        return []
    return list(
        Campaign.objects.filter(
            year=campaign.year, root_id=campaign.root_id, period__gt=YEAR_PERIOD
        ).order_by("period")
    )


SMALL = 500  # up to this many subjects, their quarters are read by their targets; beyond, whole campaigns


def _decided_scores(quarters: list[Campaign], subject_ids: list[int] | None) -> dict[int, float]:
    """Subject → the score of its latest decided rating that has one (of ``subject_ids``, else of every
    subject of ``quarters``)."""
    rows = Rating.objects.filter(stage=RatingStage.DECIDED, score__isnull=False)
    if subject_ids is None:
        rows = rows.filter(subject__campaign__in=quarters)
    else:
        rows = rows.filter(subject_id__in=subject_ids)
    out: dict[int, float] = {}
    for sid, score in rows.order_by("subject_id", "pk").values_list("subject_id", "score").iterator(5000):
        out[sid] = float(score)  # the latest wins (ordered by pk)
    return out


def _quarter_lines(quarters: list[Campaign], keys: set[Key]) -> dict[Key, list[QuarterLine]]:
    """Key → the subject's quarter lines (a few queries: by target for a few keys, else by campaign)."""
    people = {k[3] for k in keys if k[3] is not None}
    found = Subject.objects.filter(campaign__in=quarters)
    small = len(keys) <= SMALL
    if small:
        cond = Q(person_id__in=people) | Q(organization_id__in={k[1] for k in keys if k[1]})
        found = found.filter(cond | Q(collective_id__in={k[2] for k in keys if k[2]}))
    fields = ("pk", "campaign_id", "subject_type", "organization_id", "collective_id", "person_id")
    rows = [r for r in found.values_list(*fields, "decided_level").iterator(5000) if tuple(r[2:6]) in keys]
    scores = _decided_scores(quarters, [r[0] for r in rows] if small else None)
    by_pk = {c.pk: c for c in quarters}
    staff = {k[3] for k in keys if k[0] == SubjectType.CIVIL_SERVANT and k[3] is not None}
    computed = {  # the quarter's ND335 points of its công chức from the register
        c.pk: (task_scores(c, staff) if small else task_scores(c, keep=staff))
        if staff and c.year >= ND335_FROM
        else {}
        for c in quarters
    }
    out: dict[Key, list[QuarterLine]] = {}
    for pk, campaign_id, st, org, coll, person, decided in rows:
        score = scores.get(pk)
        if score is None and st == SubjectType.CIVIL_SERVANT and person in computed[campaign_id]:
            score = computed[campaign_id][person].points
        campaign = by_pk[campaign_id]
        level = None if decided is None else Level(decided)
        out.setdefault((st, org, coll, person), []).append(
            QuarterLine(campaign.period, campaign, level, score)
        )
    for lines in out.values():
        lines.sort(key=lambda line: line.quarter)
    return out


def _reading(rs: Ruleset, campaign: Campaign, subject: Any, lines: list[QuarterLine]) -> YearReading:
    tasks = subject.subject_type == SubjectType.CIVIL_SERVANT and campaign.year >= ND335_FROM
    results = tuple(QuarterResult(line.quarter, line.level, line.score) for line in lines)
    return read_quarters(rs, results, scored_by_tasks=tasks)


def year_readings(
    campaign: Campaign, subjects: Mapping[int, Any]
) -> dict[int, tuple[list[QuarterLine], YearReading]]:
    """Subject pk → its quarter lines and the year's reading of them, for ``subjects`` (pk → a subject or a
    ``facts.SubjectRef``); subjects with no quarter are left out, and all of them for a quarter's campaign."""
    quarters = quarter_campaigns(campaign) if subjects else []
    if not quarters:
        return {}
    keys = {pk: _key(s) for pk, s in subjects.items()}
    lines = _quarter_lines(quarters, set(keys.values()))
    rs = ruleset_of(campaign)
    return {
        pk: (lines[key], _reading(rs, campaign, subjects[pk], lines[key]))
        for pk, key in keys.items()
        if key in lines
    }


def subject_year_reading(subject: Subject) -> tuple[list[QuarterLine], YearReading] | None:
    """The quarter lines of a yearly subject and the year's reading (None: a quarter, or no quarter found)."""
    return year_readings(subject.campaign, {subject.pk: subject}).get(subject.pk)


def quarter_flags(
    campaign: Campaign, rs: Ruleset, subjects: Mapping[int, Any], levels: Mapping[int, Level]
) -> dict[int, tuple[Finding, ...]]:
    """Subject pk → the findings of the year's reading of its quarters on its level (R-100, R-91).

    Nothing with the ruleset's switch ``quarters_in_year`` off, for a quarter, or without quarters.
    """
    if rs.quarters_in_year == "off" or campaign.period != YEAR_PERIOD or not levels:
        return {}
    readings = year_readings(campaign, {pk: subjects[pk] for pk in levels})
    found = {pk: check_year(rs, levels[pk], reading) for pk, (_lines, reading) in readings.items()}
    return {pk: f for pk, f in found.items() if f}
