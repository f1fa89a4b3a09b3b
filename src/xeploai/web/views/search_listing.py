"""The search results as lists to work with (web/listing.py): people or organizations, 50 a page.

Filters: the kind of result (people or organizations; by default people when any matched) and a unit
among the tops of the user's tree and the units right under them (people whose cell or workplace lies in
its subtree, organizations in its subtree); sorts: relevance (the default), name (Vietnamese order for
people, folded names for organizations), unit. "Export what I see" writes the filtered, sorted matches of
every page: name, code and units, none of the personal-data policy's fields (search shows none).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.accounts import personal_data as pd
from xeploai.accounts.access import organizations_visible_to, people_visible_to, user_scope
from xeploai.registry import selectors
from xeploai.registry.models import PATH_SEGMENT, Organization, in_subtree
from xeploai.web.listing import Filter, Listing, listing_for, paginate, xlsx_response

PEOPLE, ORGANIZATIONS = "ca-nhan", "to-chuc"
SORTS: dict[str, tuple[str, ...]] = {"ten": (), "don-vi": ()}  # the keys; the terms depend on the kind
PEOPLE_SORTS = {
    "ten": ("name_sort",), "don-vi": ("party_organization__name_folded", "workplace__name_folded"),
}  # fmt: skip
ORG_SORTS = {"ten": ("name_folded",), "don-vi": ("parent__name_folded",)}


def _units(request: HttpRequest) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The tops of the user's tree and the units right under them (one query; the tops come from the
    cached scope)."""
    scope = user_scope(request.user)  # type: ignore[arg-type]
    if scope.everything:
        cond = Q(depth__lte=1)
    else:
        cond = Q(pk__in=[])
        for path in scope.root_paths:
            cond |= in_subtree("path", path) & Q(depth__lte=len(path) // PATH_SEGMENT)
    units = list(
        Organization.objects.filter(cond).order_by("path").values_list("pk", "name", "path", "depth")
    )
    top = min((d for _pk, _n, _p, d in units), default=0)
    choices = [(str(pk), "\u00a0\u00a0" * (depth - top) + name) for pk, name, _path, depth in units]
    return choices, {str(pk): path for pk, _n, path, _d in units}


def _people_rows(people: QuerySet[Any]) -> Iterator[list[str]]:
    for p in people.iterator(chunk_size=2000):
        cell, work = p.party_organization, p.workplace
        yield [p.full_name, p.code, cell.name if cell else "", work.name if work else ""]


def _org_rows(orgs: QuerySet[Any]) -> Iterator[list[str]]:
    for o in orgs.iterator(chunk_size=2000):
        yield [o.name, o.code, str(o.get_kind_display()), o.parent.name if o.parent else ""]


def _people_headers() -> list[str]:
    return [_("Họ và tên"), _("Mã"), _("Chi bộ sinh hoạt"), _("Cơ quan, đơn vị công tác")]


def _org_headers() -> list[str]:
    return [_("Tên"), _("Mã"), _("Loại"), _("Trực thuộc")]


def _matches(request: HttpRequest, listing: Listing, unit_paths: dict[str, str]) -> selectors.SearchQuerysets:
    found = selectors.search_querysets(
        request.GET.get("q", ""), people=people_visible_to(request.user),  # type: ignore[arg-type]
        citizen_id_people=pd.people_with_full(request.user, pd.CITIZEN_ID),  # type: ignore[arg-type]
        organizations=organizations_visible_to(request.user),  # type: ignore[arg-type]
    )
    if unit := listing.filters.get("don-vi"):
        path = unit_paths[unit]
        found.people = found.people.filter(
            in_subtree("party_organization__path", path) | in_subtree("workplace__path", path)
        )
        found.organizations = found.organizations.filter(in_subtree("path", path))
    return found


def search_listing(request: HttpRequest) -> tuple[Listing, HttpResponse | None]:
    """The matches of the kind chosen, filtered, sorted, one page; or the export of them all."""
    units, unit_paths = _units(request)
    kinds = [(PEOPLE, gettext_lazy("Cá nhân")), (ORGANIZATIONS, gettext_lazy("Tổ chức"))]
    filters = [Filter("loai", gettext_lazy("Loại kết quả"), kinds),
               Filter("don-vi", gettext_lazy("Đơn vị"), units)]  # fmt: skip
    listing = listing_for(request, filters=filters, sorts=SORTS)
    found = _matches(request, listing, unit_paths)
    counts = {"ca_nhan": found.people.count(), "to_chuc": found.organizations.count()}
    only_orgs = counts["to_chuc"] and not counts["ca_nhan"]
    kind = listing.filters.get("loai") or (ORGANIZATIONS if only_orgs else PEOPLE)
    sorts = PEOPLE_SORTS if kind == PEOPLE else ORG_SORTS
    rows = found.people if kind == PEOPLE else found.organizations
    if listing.sort:
        terms = sorts[listing.sort_key]
        listing.sorts = {listing.sort_key: terms}
        rows = rows.order_by(*listing.order_by(["pk"]))
    listing.extra.update(query=found.query, kind=kind, counts=counts)
    if listing.exporting and found.query:
        headers = _people_headers() if kind == PEOPLE else _org_headers()
        export_rows = _people_rows(rows) if kind == PEOPLE else _org_rows(rows)
        path = unit_paths.get(listing.filters.get("don-vi", ""), "")
        return listing, xlsx_response(listing, filename=f"tim-kiem-{kind}", title=_("Tìm kiếm"),
                                      headers=headers, rows=export_rows, org_path=path)  # fmt: skip
    count = counts["ca_nhan" if kind == PEOPLE else "to_chuc"]
    paginate(listing, rows, per_page=selectors.SEARCH_LIMIT, count=count)
    return listing, None
