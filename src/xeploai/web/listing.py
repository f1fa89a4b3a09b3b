"""Lists people can work with: filters, sorting, pages, counts and "export what I see", once for every page.

A page declares its filters (query parameter → allowed values) and its sort keys (key → ``order_by``
terms, or a Python key for lists built in memory); ``listing_for`` reads the query string against those
whitelists (a value not listed is ignored, never an error), and the page applies ``listing.filters`` to
its rows itself. ``paginate`` cuts the filtered, sorted rows into pages of ``PER_PAGE`` (Django's
``Paginator``; page 0, junk or beyond the end land on the first or last page). The template include
``web/_listing_bar.html`` shows the filter bar, the count ("Hiển thị 1–50 trên 1.234"), the pager and
the export link; ``{% sort_header %}`` (``xeploai_web``) makes a column header a sort link.

``xlsx_response`` writes the same rows, every page, through the formula-safe writer options
(``lib.spreadsheet``) and records one ``list.exported`` audit event, as the other exports do
(``web.disclosure``). Personal data in the rows is the page's business (``accounts.personal_data``).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import xlsxwriter
from django.core.paginator import Page, Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from xeploai.lib.spreadsheet import workbook_options
from xeploai.web.disclosure import record_disclosure

PER_PAGE = 50
PAGE = "page"
SORT = "sap-xep"
EXPORT = "xuat"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_ACTION = "list.exported"


@dataclass(frozen=True, slots=True)
class Filter:
    """One filter of a list: the query parameter, its label and its allowed (value, label) choices."""

    name: str
    label: Any
    choices: Sequence[tuple[str, Any]]

    def allows(self, value: str) -> bool:
        return any(value == str(v) for v, _label in self.choices)


@dataclass(slots=True)
class Listing:
    """What a list shows: the filters with their chosen values, the sort, the page of rows."""

    request: HttpRequest
    filter_defs: Sequence[Filter]
    filters: dict[str, str]
    sort: str  # a key of ``sorts``, "-" in front when descending; "" for the page's own order
    sorts: Mapping[str, Any]
    page: Page | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def sort_key(self) -> str:
        return self.sort[1:] if self.sort.startswith("-") else self.sort

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")

    def order_by(self, default: Sequence[Any]) -> list[Any]:
        """The ``order_by`` terms of the chosen sort (then ``default`` to break ties), or ``default``."""
        if not self.sort:
            return list(default)
        terms = self.sorts[self.sort_key]
        terms = [terms] if isinstance(terms, str | models.Expression) else list(terms)
        out: list[Any] = []
        for term in terms:
            expr = models.F(term) if isinstance(term, str) else term
            out.append(expr.desc(nulls_last=True) if self.descending else expr.asc(nulls_last=True))
        return out + list(default)

    def sorted(self, rows: Iterable[Any]) -> list[Any]:
        """Rows built in memory, sorted by the chosen sort's key function (``sorts`` holds functions)."""
        rows = list(rows)
        if not self.sort:
            return rows
        key = self.sorts[self.sort_key]
        present = [r for r in rows if key(r) is not None]
        missing = [r for r in rows if key(r) is None]  # no value: last, whichever the direction
        return sorted(present, key=key, reverse=self.descending) + missing

    def choices_for(self, name: str) -> Sequence[tuple[str, Any]]:
        return next((f.choices for f in self.filter_defs if f.name == name), ())

    @property
    def exporting(self) -> bool:
        return self.request.GET.get(EXPORT) == "xlsx"

    def query(self, **changes: object) -> str:
        """The list's query string with ``changes`` (None removes a parameter), without the export flag."""
        params: QueryDict = self.request.GET.copy()
        params.pop(EXPORT, None)
        for key, value in changes.items():
            key = {"sort": SORT, "page": PAGE}.get(key, key)
            if value is None or value == "":
                params.pop(key, None)
            else:
                params[key] = str(value)
        return "?" + params.urlencode() if params else "?"

    def kept_params(self) -> list[tuple[str, str]]:
        """The query parameters the filter form does not set (the page's own: organization, campaign …)."""
        own = {f.name for f in self.filter_defs} | {PAGE, EXPORT}
        return [(k, v) for k, values in self.request.GET.lists() if k not in own for v in values]

    def filter_rows(self) -> list[tuple[Filter, str]]:
        """Each filter with the value chosen for it ("" when none), for the filter bar."""
        return [(f, self.filters.get(f.name, "")) for f in self.filter_defs]

    def unfiltered_query(self) -> str:
        return self.query(**{f.name: None for f in self.filter_defs}, page=None)

    def export_url(self) -> str:
        params: QueryDict = self.request.GET.copy()
        params.pop(PAGE, None)
        params[EXPORT] = "xlsx"
        return "?" + params.urlencode()

    def summary(self) -> str:
        """"Hiển thị 1–50 trên 1.234" (numbers grouped the reader's way)."""
        if self.page is None or not self.page.paginator.count:
            return _("Không có dòng nào.")
        return _("Hiển thị %(start)s–%(end)s trên %(total)s") % {
            "start": grouped(self.page.start_index()), "end": grouped(self.page.end_index()),
            "total": grouped(self.page.paginator.count),
        }


def grouped(n: int) -> str:
    """1234 → "1.234" in Vietnamese, "1,234" in English."""
    text = f"{n:,}"
    return text.replace(",", ".") if (get_language() or "vi").startswith("vi") else text


def listing_for(
    request: HttpRequest, *, filters: Sequence[Filter] = (), sorts: Mapping[str, Any] | None = None,
) -> Listing:
    """Read the list's filters and sort from the query string; values outside the whitelists are ignored."""
    sorts = sorts or {}
    chosen = {}
    for f in filters:
        value = request.GET.get(f.name, "")
        if value and f.allows(value):
            chosen[f.name] = value
    sort = request.GET.get(SORT, "")
    if (sort[1:] if sort.startswith("-") else sort) not in sorts:
        sort = ""
    return Listing(request=request, filter_defs=filters, filters=chosen, sort=sort, sorts=sorts)


def paginate(listing: Listing, rows: Any, *, per_page: int | None = None, count: int | None = None) -> Page:
    """Cut ``rows`` (a queryset or a list) into pages; the page asked for is clamped to the pages there are.

    ``count``, when the page already counted the rows, saves the paginator its own COUNT query.
    """
    paginator = Paginator(rows, per_page or PER_PAGE, allow_empty_first_page=True)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached_property
    raw = listing.request.GET.get(PAGE, "1")
    number = int(raw) if raw.isdigit() and len(raw) < 10 else 1
    listing.page = paginator.page(min(max(number, 1), paginator.num_pages))
    return listing.page


def xlsx_bytes(*, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> tuple[bytes, int]:
    """A one-sheet workbook: a bold header row then ``rows`` as text and numbers, never formulas."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, workbook_options(in_memory=True))
    sheet = book.add_worksheet(title[:31])
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, list(headers), bold)
    n = 0
    for n, row in enumerate(rows, start=1):
        sheet.write_row(n, 0, ["" if v is None else v for v in row])
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, max(len(headers) - 1, 0), 22)
    book.close()
    return out.getvalue(), n


def xlsx_response(
    listing: Listing, *, filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]],
    obj: models.Model | None = None, org_path: str = "",
) -> HttpResponse:
    """The export of what the list shows (all pages), audited as one ``list.exported`` event."""
    data, n = xlsx_bytes(title=title, headers=headers, rows=rows)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    record_disclosure(
        EXPORT_ACTION, rows=n, obj=obj, org_path=org_path, file=f"{filename}.xlsx",
        filters=listing.filters, sort=listing.sort,
    )
    return response
