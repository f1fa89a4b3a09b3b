"""The year reads its quarters (R-100, R-91): each subject of a yearly campaign with the results of the
same subject in the quarterly campaigns of that year and root, and the rules core's reading of them.

A quarter's result is the subject's decided level there and its points: the score of its latest decided
rating, else — for a công chức scored under ND335 — the points computed from the task register for the
quarter's dates (``task_scores``, R-102). A few queries per call, whatever the number of subjects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from xeploai.rules import Level, SubjectType
from xeploai.rules.quarters import QuarterResult, YearReading, check_year, read_quarters

from .models import YEAR_PERIOD, Campaign, Rating, RatingStage, Subject
from .ruleset_plan import ruleset_of
from .task_scores import ND335_FROM, task_scores

__all__ = ["QuarterLine", "quarter_campaigns", "quarter_findings", "subject_year_reading", "year_readings"]

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


def _decided_scores(subject_ids: list[int]) -> dict[int, float]:
    """Subject → the score of its latest decided rating that has one."""
    out: dict[int, float] = {}
    rows = (
        Rating.objects.filter(subject_id__in=subject_ids, stage=RatingStage.DECIDED, score__isnull=False)
        .order_by("subject_id", "pk")
        .values_list("subject_id", "score")
    )
    for sid, score in rows:
        out[sid] = float(score)  # the latest wins (ordered by pk)
    return out


def _quarter_lines(quarters: list[Campaign], subjects: Iterable[Any]) -> dict[Key, list[QuarterLine]]:
    """Key → the subject's quarter lines, for the given yearly subjects (one query per kind of read)."""
    keys = {_key(s) for s in subjects}
    people = {k[3] for k in keys if k[3] is not None}
    cond = Q(person_id__in=people) | Q(organization_id__in={k[1] for k in keys if k[1]})
    cond |= Q(collective_id__in={k[2] for k in keys if k[2]})
    found = list(
        Subject.objects.filter(cond, campaign__in=quarters).values_list(
            "pk",
            "campaign_id",
            "subject_type",
            "organization_id",
            "collective_id",
            "person_id",
            "decided_level",
        )
    )
    scores = _decided_scores([row[0] for row in found])
    by_pk = {c.pk: c for c in quarters}
    computed = {
        c.pk: task_scores(c, people) if c.year >= ND335_FROM and people else {} for c in quarters
    }  # the quarter's ND335 points from the register
    out: dict[Key, list[QuarterLine]] = {}
    for pk, campaign_id, st, org, coll, person, decided in found:
        key: Key = (st, org, coll, person)
        if key not in keys:
            continue
        score = scores.get(pk)
        if score is None and st == SubjectType.CIVIL_SERVANT and person in computed[campaign_id]:
            score = computed[campaign_id][person].points
        campaign = by_pk[campaign_id]
        level = None if decided is None else Level(decided)
        out.setdefault(key, []).append(QuarterLine(campaign.period, campaign, level, score))
    for lines in out.values():
        lines.sort(key=lambda line: line.quarter)
    return out


def _reading(campaign: Campaign, subject: Any, lines: list[QuarterLine]) -> YearReading:
    rs = ruleset_of(campaign)
    tasks = subject.subject_type == SubjectType.CIVIL_SERVANT and campaign.year >= ND335_FROM
    results = tuple(QuarterResult(line.quarter, line.level, line.score) for line in lines)
    return read_quarters(rs, results, scored_by_tasks=tasks)


def year_readings(
    campaign: Campaign, subjects: Iterable[Any]
) -> dict[int, tuple[list[QuarterLine], YearReading]]:
    """Subject pk → its quarter lines and the year's reading of them; subjects with no quarter left out."""
    subjects = list(subjects)
    quarters = quarter_campaigns(campaign)
    if not quarters or not subjects:
        return {}
    lines = _quarter_lines(quarters, subjects)
    return {
        s.pk: (lines[_key(s)], _reading(campaign, s, lines[_key(s)])) for s in subjects if _key(s) in lines
    }


def subject_year_reading(subject: Subject) -> tuple[list[QuarterLine], YearReading] | None:
    """The quarter lines of a yearly subject and the year's reading (None: a quarter, or no quarter found)."""
    return year_readings(subject.campaign, [subject]).get(subject.pk)


def quarter_findings(subject: Subject, level: Level) -> tuple[Any, ...]:
    """The findings of the year's reading of its quarters on ``level`` (R-100, R-91; empty when off)."""
    rs = ruleset_of(subject.campaign)
    if rs.quarters_in_year == "off" or subject.campaign.period != YEAR_PERIOD:
        return ()
    found = subject_year_reading(subject)
    return () if found is None else check_year(rs, level, found[1])
