"""Equivalent positions side by side (S-15): the units compared, with the uniform and leniency flags.

The organization comes through ``report_scope.report_org``; the figures from ``xeploai.reports.comparison``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.campaigns.models import RatingStage
from xeploai.lib.vietnamese import sort_key
from xeploai.registry.models import CollectiveKind, Organization, OrganizationKind, Tier
from xeploai.reports import comparison
from xeploai.rules.kinds import SubjectType
from xeploai.web.listing import Filter, Listing, listing_for, paginate, xlsx_response
from xeploai.web.views.report_scope import pick_campaign, pick_stage, report_org

FLAGGED, UNIFORM, LENIENT = "co", "dong-loat", "ty-le-cao"
SORTS = {
    "ten": lambda r: sort_key(r.name),
    "da-xep-loai": lambda r: r.rated,
    "ty-le": lambda r: r.high_share,
    "z": lambda r: r.z,
}


def _flag_filter() -> Filter:
    return Filter("canh-bao", gettext_lazy("Cảnh báo"), [
        (FLAGGED, gettext_lazy("Có cảnh báo")), (UNIFORM, gettext_lazy("Xếp loại đồng loạt")),
        (LENIENT, gettext_lazy("Tỷ lệ cao bất thường")),
    ])  # fmt: skip


def _flag_text(row: comparison.ComparisonRow) -> str:
    words = {"uniform": _("Đồng loạt %(lv)s") % {"lv": row.uniform_level.short if row.uniform_level else ""},
             "lenient": _("Tỷ lệ cao bất thường")}  # fmt: skip
    return "; ".join(words[f] for f in row.flags)


def _export_rows(rows: list[comparison.ComparisonRow]) -> Iterator[list[Any]]:
    for i, r in enumerate(rows, start=1):
        counts = [n for n, _pct in r.level_cells()]
        yield [i, r.name, r.parent_path, r.rated, *counts, r.pending, r.high_percent, r.z_display,
               _flag_text(r)]  # fmt: skip


def _listing(
    request: HttpRequest, result: comparison.Comparison | None, org: Organization
) -> tuple[Listing, HttpResponse | None]:
    """The compared units filtered by their flags, sorted, one page; or the export of them all."""
    listing = listing_for(request, filters=[_flag_filter()], sorts=SORTS)
    rows = list(result.rows) if result is not None else []
    wanted = {UNIFORM: "uniform", LENIENT: "lenient"}.get(listing.filters.get("canh-bao", ""))
    if listing.filters.get("canh-bao"):
        rows = [r for r in rows if (wanted in r.flags if wanted else r.flags)]
    rows = listing.sorted(rows)
    if listing.exporting:
        headers = ["TT", _("Đơn vị"), _("Trực thuộc"), _("Số đã xếp loại"), "HTXS", "HTT", "HTNV", "KHTNV",
                   _("Chưa có kết quả"), _("Tỷ lệ HTT trở lên"), "z", _("Cảnh báo")]  # fmt: skip
        return listing, xlsx_response(listing, filename=f"so-sanh-{org.code}", title=_("So sánh"),
                                      headers=headers, rows=_export_rows(rows), obj=org, org_path=org.path)
    paginate(listing, rows)
    return listing, None


def _choice(request: HttpRequest, name: str, allowed: list[str], default: str) -> str:
    value = request.GET.get(name, "")
    return value if value in allowed else default


@login_required
def comparison_page(request: HttpRequest) -> HttpResponse:
    """Equivalent positions side by side (S-15) with the uniform and leniency flags and their statistic."""
    org = report_org(request)
    campaigns, campaign = pick_campaign(request, org)
    stage = pick_stage(request)
    mode = _choice(request, "mode", list(comparison.MODES), "organizations")
    context: dict[str, object] = {
        "org": org, "campaigns": campaigns, "campaign": campaign, "stage": stage, "mode": mode,
        "stages": RatingStage.choices, "subject_types": [(t.value, t.label) for t in SubjectType],
        "collective_kinds": CollectiveKind.choices, "result": None,
        "min_subjects": comparison.MIN_SUBJECTS, "z_threshold": comparison.Z_THRESHOLD,
    }
    if campaign is not None and mode == "organizations":
        groups = [
            (f"{k}:{t}", f"{OrganizationKind(k).label} — {Tier(t).label} ({n})")
            for k, t, n in comparison.organization_peer_kinds(org)
            if k in OrganizationKind.values and t in Tier.values
        ]
        group = _choice(request, "group", [g for g, _label in groups], groups[0][0] if groups else "")
        subject_type = _choice(request, "type", list(SubjectType), SubjectType.PARTY_MEMBER)
        context.update(groups=groups, group=group, subject_type=subject_type)
        if group:
            kind, tier = group.split(":")
            context["result"] = comparison.compare_organizations(
                campaign=campaign, root=org, kind=kind, tier=tier, subject_type=subject_type, stage=stage
            )
    elif campaign is not None and mode == "leaders":
        positions = comparison.leader_positions(campaign=campaign, root=org)
        names = [p for p, _n in positions]
        position = request.GET.get("position", "")
        position = position if position in names else (names[0] if names else "")
        context.update(positions=positions, position=position)
        if position:
            context["result"] = comparison.compare_leaders(
                campaign=campaign, root=org, position=position, stage=stage
            )
    elif campaign is not None:
        ckind = _choice(request, "ckind", list(CollectiveKind.values), CollectiveKind.CELL_COMMITTEE)
        context["ckind"] = ckind
        context["result"] = comparison.compare_collectives(
            campaign=campaign, root=org, collective_kind=ckind, stage=stage
        )
    listing, export = _listing(request, context["result"], org)  # type: ignore[arg-type]
    if export is not None:
        return export
    context["listing"] = listing
    return render(request, "reports/comparison.html", context)
