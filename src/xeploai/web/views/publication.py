"""The published results of a unit (S-15, R-88), read by its members and officers.

The unit comes through an access helper first (outside the user's reach → 404), the results through
``xeploai.reports.publication``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from xeploai.reports import publication
from xeploai.web.views.report_scope import pick_campaign


@login_required
def publication_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The published results of a unit (S-15, R-88): nothing before publication, never any ballot."""
    unit = publication.publication_unit_for_user(request.user, pk)
    campaigns, campaign = pick_campaign(request, unit)
    result = publication.unit_publication(campaign=campaign, unit=unit)
    context = {"unit": unit, "campaigns": campaigns, "campaign": campaign, "result": result}
    return render(request, "reports/publication.html", context)
