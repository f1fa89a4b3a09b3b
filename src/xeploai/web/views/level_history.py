"""The levels of a person or an organization year by year (R-77 … R-79b), as a page or an htmx fragment."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from xeploai.accounts.access import (
    get_organization_for_user,
    get_person_for_user,
    person_paths,
)
from xeploai.reports import history
from xeploai.reports.history import History


def _history_response(request: HttpRequest, history: History, name: str, back_url: str) -> HttpResponse:
    """The fragment for htmx (the registry page loads it into its slot), the full page otherwise."""
    context = {"history": history, "name": name, "back_url": back_url}
    template = "reports/_history.html" if request.htmx else "reports/history.html"
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
