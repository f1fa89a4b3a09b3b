"""The progress table (S-10) as a list to work with (web/listing.py).

Filters: a unit of the subtree (its direct units are listed instead of the page's), late or on time;
sorts: name (Vietnamese collation), subjects, reviewed and decided shares, days overdue (the default
order: late first). The rows are the grouped counts of ``campaigns.progress`` (two queries whatever the
number of units), sorted and cut into pages in memory; "export what I see" writes them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.campaigns import progress
from xeploai.campaigns.models import Campaign
from xeploai.campaigns.subject_list import unit_choices
from xeploai.lib.vietnamese import sort_key
from xeploai.registry.models import Organization
from xeploai.web.listing import Filter, Listing, listing_for, paginate, xlsx_response

LATE, ON_TIME = "qua-han", "dung-han"


def _share(done: int, total: int) -> float | None:
    return done / total if total else None


SORTS = {
    "ten": lambda r: sort_key(r.name),
    "doi-tuong": lambda r: r.total,
    "kiem-diem": lambda r: _share(r.reviewed, r.to_review),
    "quyet-dinh": lambda r: _share(r.decided, r.to_classify),
    "qua-han": lambda r: r.overdue_days,
}


def _export_rows(rows: list[progress.ProgressRow]) -> Iterator[list[Any]]:
    for r in rows:
        yield [r.name, r.total, r.reviewed, r.to_review, r.decided, r.to_classify, r.published,
               r.due_on.strftime("%d/%m/%Y") if r.due_on else "", r.overdue_days or ""]  # fmt: skip


def _headers() -> list[str]:
    return [_("Tổ chức"), _("Đối tượng"), _("Đã kiểm điểm"), _("Phải kiểm điểm"), _("Đã quyết định"),
            _("Phải xếp loại"), _("Đã công bố"), _("Hạn"), _("Số ngày quá hạn")]  # fmt: skip


def progress_listing(
    request: HttpRequest, *, campaign: Campaign, node: Organization, on: date
) -> tuple[Listing, HttpResponse | None]:
    """The progress rows of ``node`` (or of the unit chosen in the filter), filtered, sorted, one page."""
    units, _paths = unit_choices(node)
    filters = [
        Filter("don-vi", gettext_lazy("Đơn vị"), units[1:]),
        Filter("tinh-trang", gettext_lazy("Tình trạng"), [(LATE, gettext_lazy("Quá hạn")),
                                                          (ON_TIME, gettext_lazy("Chưa quá hạn"))]),
    ]  # fmt: skip
    listing = listing_for(request, filters=filters, sorts=SORTS)
    root = node
    if unit := listing.filters.get("don-vi"):
        root = Organization.objects.get(pk=int(unit))
    own, rows = progress.progress_rows(campaign=campaign, root=root, on=on)
    if state := listing.filters.get("tinh-trang"):
        rows = [r for r in rows if r.late == (state == LATE)]
        own = own if own is not None and own.late == (state == LATE) else None
    rows = listing.sorted(rows)
    listing.extra.update(own=own, root=root)
    if listing.exporting:
        every = ([own] if own else []) + rows
        response = xlsx_response(
            listing, filename=f"tien-do-{campaign.year}-{root.code}", title=_("Tiến độ"), headers=_headers(),
            rows=_export_rows(every), obj=root, org_path=root.path,
        )
        return listing, response
    paginate(listing, rows)
    return listing, None
