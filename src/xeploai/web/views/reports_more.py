"""More report pages (issue 5, items 3–7): publication, comparison of equivalent positions, charts.

Each view fetches its organization through an access helper first (outside the user's reach → 404),
then reads through a selector of ``xeploai.reports``; the views only pick the campaign and render.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from xeploai.accounts.access import get_organization_for_user, get_person_for_user, person_paths
from xeploai.campaigns.models import Campaign
from xeploai.registry.models import Organization
from xeploai.reports import history, publication, selectors
from xeploai.reports.history import History


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


def _history_response(request: HttpRequest, history: History, name: str, back_url: str) -> HttpResponse:
    """The fragment for htmx (the registry page loads it into its slot), the full page otherwise."""
    context = {"history": history, "name": name, "back_url": back_url}
    template = "reports_more/_history.html" if request.htmx else "reports_more/history.html"
    return render(request, template, context)


@login_required
def person_history_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's levels by year with the R-77 / R-78 / R-79 / R-79b flags (published only for a MEMBER)."""
    person = get_person_for_user(request.user, pk)
    published_only = not history.sees_unpublished(request.user, person_paths(person))
    data = history.person_history(person=person, published_only=published_only)
    return _history_response(request, data, person.full_name, reverse("web:person", args=[pk]))


@login_required
def organization_history_page(request: HttpRequest, pk: int) -> HttpResponse:
    """An organization's own levels by year (R-79b) and its collectives' levels."""
    org = get_organization_for_user(request.user, pk)
    published_only = not history.sees_unpublished(request.user, [org.path])
    data = history.organization_history(organization=org, published_only=published_only)
    return _history_response(request, data, org.name, reverse("web:organization", args=[pk]))
