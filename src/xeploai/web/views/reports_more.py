"""More report pages (issue 5, items 3–7): publication, comparison of equivalent positions, charts.

Each view fetches its organization through an access helper first (outside the user's reach → 404),
then reads through a selector of ``xeploai.reports``; the views only pick the campaign and render.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from xeploai.campaigns.models import Campaign
from xeploai.registry.models import Organization
from xeploai.reports import publication, selectors


def pick_campaign(request: HttpRequest, org: Organization) -> tuple[list[Campaign], Campaign | None]:
    """The campaigns covering ``org`` and the one chosen by ``?campaign=`` (or the newest)."""
    campaigns = list(selectors.campaigns_covering(org).select_related("root"))
    chosen = request.GET.get("campaign", "")
    if chosen and not chosen.isdigit():
        raise Http404
    campaign = next((c for c in campaigns if str(c.pk) == chosen), campaigns[0] if campaigns else None)
    return campaigns, campaign


@login_required
def publication_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The published results of a unit (S-15, R-88): nothing before publication, never any ballot."""
    unit = publication.publication_unit_for_user(request.user, pk)
    campaigns, campaign = pick_campaign(request, unit)
    result = publication.unit_publication(campaign=campaign, unit=unit)
    context = {"unit": unit, "campaigns": campaigns, "campaign": campaign, "result": result}
    return render(request, "reports_more/publication.html", context)
