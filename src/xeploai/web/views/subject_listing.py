"""The subjects table of the campaign organization page as a list to work with (web/listing.py).

Filters: stage reached, current level, eligibility reason (S-01 … S-08), unit (its subtree), kind of
subject; sorts: name (Vietnamese order), unit, kind, stage, level; 50 a page; "export what I see" writes
the filtered, sorted rows of every page. The current level is the review record (``RATINGS`` of the
personal-data policy): a row shows it only to a reader the policy lets see that person's ratings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.accounts import personal_data as pd
from xeploai.campaigns import subject_list as sl
from xeploai.campaigns.models import Campaign, Subject
from xeploai.campaigns.page_data import reason_sentences, subject_name
from xeploai.campaigns.ruleset_plan import ruleset_of
from xeploai.registry.models import Organization
from xeploai.web.listing import Filter, Listing, listing_for, paginate, xlsx_response


def _filters(node: Organization) -> tuple[list[Filter], dict[str, str]]:
    units, unit_paths = sl.unit_choices(node)
    return [
        Filter("giai-doan", gettext_lazy("Giai đoạn"), sl.stage_choices()),
        Filter("muc", gettext_lazy("Mức xếp loại"), sl.level_filter_choices()),
        Filter("ly-do", gettext_lazy("Lý do"), sl.reason_choices()),
        Filter("don-vi", gettext_lazy("Đơn vị"), units),
        Filter("loai", gettext_lazy("Loại đối tượng"), sl.kind_choices()),
    ], unit_paths


def shown_level(reader: pd.Reader, s: Subject) -> int | None:
    """The current level as the reader may see it (policy field ``RATINGS``; the unit path stands for the
    person's cell or workplace, which it is)."""
    person_id = s.person_id
    level = reader.levels(person_id, [s.org_path])[pd.RATINGS] if person_id else pd.FULL
    return s.current_level if level == pd.FULL else None  # type: ignore[attr-defined]


def _yes(flag: bool) -> str:
    return _("Có") if flag else _("Không")


def _export_rows(subjects: Any, reader: pd.Reader, ruleset: str) -> Iterator[list[Any]]:
    for s in subjects.iterator(chunk_size=2000):
        level = shown_level(reader, s)
        yield [
            subject_name(s), _(s.get_subject_type_display()), s.unit.name, _yes(s.review), _yes(s.included),
            sl.stage_label(s.current_stage) if level is not None or not s.person_id else "",
            sl.level_label(level), "; ".join(str(r) for r in reason_sentences(s, ruleset)), s.override_reason,
        ]


def export_headers() -> list[str]:
    return [_("Đối tượng"), _("Loại"), _("Thuộc"), _("Kiểm điểm"), _("Xếp loại"), _("Giai đoạn"),
            _("Mức hiện tại"), _("Lý do"), _("Lý do thủ công")]  # fmt: skip


def subject_listing(
    request: HttpRequest, *, campaign: Campaign, node: Organization
) -> tuple[Listing, HttpResponse | None]:
    """The list of the page, or the export response when the user asked to export it."""
    filters, unit_paths = _filters(node)
    listing = listing_for(request, filters=filters, sorts=sl.SORTS)
    subjects = sl.subject_rows(campaign=campaign, root=node, filters=listing.filters, unit_paths=unit_paths)
    subjects = subjects.order_by(*listing.order_by(sl.DEFAULT_ORDER))
    reader = pd.reader_for(request.user)  # type: ignore[arg-type]
    ruleset = ruleset_of(campaign).code
    if listing.exporting:
        response = xlsx_response(
            listing, filename=f"doi-tuong-{campaign.year}-{node.code}", title=_("Đối tượng"),
            headers=export_headers(), rows=_export_rows(subjects, reader, ruleset), obj=node,
            org_path=node.path,
        )
        return listing, response
    page = paginate(listing, subjects)
    listing.extra["rows"] = [
        (s, reason_sentences(s, ruleset), shown_level(reader, s)) for s in page.object_list
    ]
    return listing, None
