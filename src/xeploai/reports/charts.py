"""Data of the dashboard charts: levels by tier, ratings per stage per day, late units (S-10, R-95).

Each function returns table rows first (the page's primary content, readable without JavaScript) and a
``chart`` dict for Chart.js (labels and datasets, passed to the page with ``json_script``). All of them
are grouped queries over the root's subtree:

- ``levels_by_tier``: ``reports.selectors.campaign_groups`` (the statistics' single grouped query),
  summed by the tier of the subject's unit;
- ``progress_by_day``: ratings under the root grouped by stage and calendar day (local time);
- ``late_units``: ``reports.submissions.submission_dates`` (the report sent upward against the tier's
  deadline).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from xeploai.campaigns.models import Campaign, Rating, RatingStage, Subject
from xeploai.registry.models import Organization
from xeploai.reports.selectors import campaign_groups
from xeploai.reports.stats import LEVELS_DESC, format_percent, percent
from xeploai.reports.submissions import SubmissionDate, submission_dates
from xeploai.rules.kinds import Tier
from xeploai.rules.levels import Level

LEVEL_COLOURS = {Level.EXCELLENT: "#1f7a3d", Level.GOOD: "#0b5cad", Level.COMPLETED: "#8a5a00",
                 Level.NOT_COMPLETED: "#a3161a"}
STAGE_COLOURS = {"SELF": "#5d6778", "PROPOSED": "#8a5a00", "APPRAISED": "#6a3d9a", "DECIDED": "#0b5cad",
                 "PUBLISHED": "#1f7a3d"}
LATE_CHART_MAX = 25


@dataclass(slots=True)
class TierRow:
    tier: str
    label: str
    levels: dict[Level, int] = field(default_factory=lambda: dict.fromkeys(LEVELS_DESC, 0))

    @property
    def rated(self) -> int:
        return sum(self.levels.values())

    def cells(self) -> list[tuple[int, str]]:
        return [(self.levels[lv], format_percent(percent(self.levels[lv], self.rated))) for lv in LEVELS_DESC]


def levels_by_tier(
    *, campaign: Campaign, root: Organization, stage: str = RatingStage.DECIDED
) -> tuple[list[TierRow], dict[str, Any]]:
    """Classified subjects with a level at ``stage``, counted per level for each tier (one query)."""
    rows: dict[str, TierRow] = {}
    for g in campaign_groups(campaign=campaign, root=root, stage=stage):
        if not g.classified or g.level is None:
            continue
        tier = g.tier or ""
        if tier not in rows:
            label = Tier(tier).label if tier in set(Tier) else tier
            rows[tier] = TierRow(tier, label)
        rows[tier].levels[Level(g.level)] += g.n
    order = list(Tier)
    ordered = sorted(rows.values(), key=lambda r: order.index(Tier(r.tier)) if r.tier in order else 99)
    chart = {
        "type": "bar",
        "labels": [r.label for r in ordered],
        "datasets": [
            {"label": lv.short, "data": [r.levels[lv] for r in ordered], "backgroundColor": LEVEL_COLOURS[lv]}
            for lv in LEVELS_DESC
        ],
        "stacked": True,
    }
    return ordered, chart


@dataclass(frozen=True, slots=True)
class DayRow:
    day: date
    counts: tuple[int, ...]  # in RatingStage order


def progress_by_day(*, campaign: Campaign, root: Organization) -> tuple[list[DayRow], dict[str, Any]]:
    """Rating rows written under ``root`` per stage and day (one grouped query), oldest day first."""
    subjects = Subject.objects.filter(campaign=campaign).subtree(root).values("pk")
    grouped = (
        Rating.objects.filter(subject__in=subjects)
        .annotate(day=TruncDate("created_at")).order_by()
        .values_list("day", "stage").annotate(n=Count("pk"))
    )
    stages = list(RatingStage.values)
    by_day: dict[date, list[int]] = {}
    for day, stage, n in grouped:
        if stage in stages:
            by_day.setdefault(day, [0] * len(stages))[stages.index(stage)] += n
    rows = [DayRow(day, tuple(counts)) for day, counts in sorted(by_day.items())]
    chart = {
        "type": "line",
        "labels": [r.day.strftime("%d/%m/%Y") for r in rows],
        "datasets": [
            {"label": str(label), "data": [r.counts[i] for r in rows], "borderColor": STAGE_COLOURS[value],
             "backgroundColor": STAGE_COLOURS[value]}
            for i, (value, label) in enumerate(RatingStage.choices)
        ],
    }
    return rows, chart


def late_units(
    *, campaign: Campaign, root: Organization, on: date
) -> tuple[list[SubmissionDate], dict[str, Any]]:
    """The committees below ``root`` that are late with their report upward (days late, most first)."""
    rows = [r for r in submission_dates(campaign, root, on=on) if r.late]
    shown = rows[:LATE_CHART_MAX]
    chart = {
        "type": "bar",
        "labels": [r.name for r in shown],
        "datasets": [{"label": str(_("Số ngày trễ")), "data": [r.days_late for r in shown],
                      "backgroundColor": "#a3161a"}],
        "horizontal": True,
    }
    return rows, chart
