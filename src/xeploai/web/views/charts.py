"""The dashboard of a campaign: levels by tier, ratings per stage per day, late units (charts over tables)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from xeploai.campaigns.models import RatingStage
from xeploai.reports import charts
from xeploai.reports.stats import LEVELS_DESC
from xeploai.web.views.report_scope import pick_campaign, report_org


@login_required
def charts_page(request: HttpRequest) -> HttpResponse:
    """The dashboard: levels by tier, ratings per stage per day, late units; each chart over its table."""
    org = report_org(request)
    campaigns, campaign = pick_campaign(request, org)
    context: dict[str, object] = {"org": org, "campaigns": campaigns, "campaign": campaign}
    if campaign is not None:
        tiers, tier_chart = charts.levels_by_tier(campaign=campaign, root=org)
        days, day_chart = charts.progress_by_day(campaign=campaign, root=org)
        late, late_chart = charts.late_units(campaign=campaign, root=org, on=timezone.localdate())
        context.update(tiers=tiers, tier_chart=tier_chart, days=days, day_chart=day_chart, late=late,
                       late_chart=late_chart, stages=RatingStage.choices, levels=LEVELS_DESC)
    return render(request, "reports/charts.html", context)
