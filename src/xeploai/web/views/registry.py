"""Registry pages: the tree, an organization, a person, search.

Every view asks ``xeploai.accounts.access`` for the object first (outside the user's subtree → 404)
and reads through ``xeploai.registry.selectors``; an htmx request gets only the fragment.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from xeploai.accounts import personal_data as pd
from xeploai.accounts.access import (
    get_organization_for_user,
    get_person_for_user,
    organizations_visible_to,
    people_visible_to,
    person_paths,
    root_organizations_for,
    user_scope,
)
from xeploai.registry import selectors
from xeploai.web.disclosure import record_disclosure
from xeploai.web.views.search_listing import search_listing

PEOPLE_PER_PAGE = 50


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    """The organizations the user may see, from their root(s); ``?parent=<pk>`` lists one node's children."""
    parent_pk = request.GET.get("parent", "")
    parent = None
    if parent_pk:
        if not parent_pk.isdigit():
            raise Http404
        parent = get_organization_for_user(request.user, int(parent_pk))
        rows = selectors.tree_rows(parent.children.all())
    else:
        rows = selectors.tree_rows(root_organizations_for(request.user))
    if request.htmx and parent is not None:  # type: ignore[attr-defined]
        return render(request, "web/_org_rows.html", {"rows": rows})
    return render(request, "web/tree.html", {"rows": rows, "parent": parent})


@login_required
def organization(request: HttpRequest, pk: int) -> HttpResponse:
    """An organization: where it sits, its details, children, collectives and people."""
    org = get_organization_for_user(request.user, pk)
    visible_people = people_visible_to(request.user)
    people = Paginator(selectors.organization_people(org, visible_people), PEOPLE_PER_PAGE)
    collectives = selectors.organization_collectives(org)
    member_ids = {m.person_id for c in collectives for m in c.memberships.all()}
    context = {
        "org": org,
        "crumbs": selectors.breadcrumbs(org, organizations_visible_to(request.user)),
        "children": selectors.tree_rows(org.children.all()),
        "collectives": collectives,
        "linkable_people": set(visible_people.filter(pk__in=member_ids).values_list("pk", flat=True)),
        "people": people.get_page(request.GET.get("page")),
    }
    return render(request, "web/organization.html", context)


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """A person: identity, cell, workplace, roles, statuses, discipline, each field as the personal-data
    policy lets the reader see it; a reader other than the person is recorded (``person.viewed``)."""
    p = get_person_for_user(request.user, pk)
    org_ids = {p.party_organization_id, p.workplace_id, p.managing_committee_id} - {None}
    visible_orgs = organizations_visible_to(request.user)
    paths = person_paths(p)
    levels = pd.reader_for(request.user).levels(p.pk, paths)
    context = {
        "person": p,
        "fields": levels,
        "citizen_id": pd.shown(pd.CITIZEN_ID, p.citizen_id, levels[pd.CITIZEN_ID]),
        "party_card_number": pd.shown(pd.PARTY_CARD, p.party_card_number, levels[pd.PARTY_CARD]),
        "birth_date": pd.shown(pd.BIRTH_DATE, p.birth_date, levels[pd.BIRTH_DATE]),
        "linkable_orgs": set(visible_orgs.filter(pk__in=org_ids).values_list("pk", flat=True)),
        "memberships": p.memberships.select_related("collective__organization").order_by("-start"),
        "status_periods": p.status_periods.order_by("-start"),
        "disciplines": p.disciplines.order_by("-decided_on"),
    }
    if p.pk not in user_scope(request.user).own_person_ids:
        record_disclosure("person.viewed", rows=1, obj=p, org_path=next((x for x in paths if x), ""))
    return render(request, "web/person.html", context)


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Search people and organizations the user may see; live (htmx) or as a plain form. One kind at a
    time, filtered by unit, sorted, 50 a page, exported as shown (``?xuat=xlsx``).

    A full citizen ID finds a person only for a reader the policy lets see it in full.
    """
    listing, export = search_listing(request)
    if export is not None:
        return export
    template = "web/_search_results.html" if request.htmx else "web/search.html"  # type: ignore[attr-defined]
    return render(request, template, {"listing": listing, "query": listing.extra["query"]})
