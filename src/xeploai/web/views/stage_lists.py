"""The list of a unit at one stage ("Đề xuất mức xếp loại", "Thẩm định", "Quyết định"): one form, one save.

GET shows every subject the user may rate at that stage under the unit, with the caps of each row and the
quota of the list; ``?lay-ket-qua=1`` fills the levels with the previous stage's ("take the proposals").
The quota block posts the whole form to ``stage_list_check`` (htmx) once the user pauses after changing
levels (one debounced check for the list, not one per row: a commune's list has hundreds of rows), or on
"Tính lại tỷ lệ": the server recomputes the quota and marks the rows that need a justification
(out-of-band swaps, no script). POST saves through ``list_ratings.list_save``
(one transaction, one audit event) and redirects; a refusal re-renders what was typed with the messages.

Access: the campaign and the unit must be visible (else 404), and the user must hold the stage's right
on the unit (else 403), as on every campaign page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from xeploai.accounts.access import get_organization_for_user
from xeploai.campaigns import list_ratings as L
from xeploai.campaigns.access import get_campaign_for_user
from xeploai.campaigns.models import Campaign, RatingStage
from xeploai.campaigns.page_data import LEVELS
from xeploai.registry.models import Organization
from xeploai.rules import Level

# URL slug → stage, and the page's title.
STAGES = {
    "de-xuat": (RatingStage.PROPOSED.value, gettext_lazy("Đề xuất mức xếp loại")),
    "tham-dinh": (RatingStage.APPRAISED.value, gettext_lazy("Thẩm định mức xếp loại")),
    "quyet-dinh": (RatingStage.DECIDED.value, gettext_lazy("Quyết định mức xếp loại")),
}
TAKE_LABELS = {
    RatingStage.APPRAISED.value: gettext_lazy("Lấy kết quả đề xuất làm kết quả thẩm định"),
    RatingStage.DECIDED.value: gettext_lazy("Lấy kết quả đề xuất (thẩm định) làm kết quả quyết định"),
}


def stage_links(user: Any, campaign: Campaign, org: Organization) -> list[tuple[str, str]]:
    """(slug, title) of every stage list ``user`` may work on for ``org``: the organization page's links."""
    return [(slug, str(title)) for slug, (stage, title) in STAGES.items() if L.may_act_at(user, stage, org)]


def _scope(request: HttpRequest, pk: int, org_pk: int, slug: str) -> tuple[Campaign, Organization, str]:
    if slug not in STAGES:
        raise Http404(_("Không có bước này."))
    campaign = get_campaign_for_user(request.user, pk)
    org = get_organization_for_user(request.user, org_pk)
    if not org.path.startswith(campaign.root.path):
        raise Http404(_("Tổ chức không thuộc đợt đánh giá này."))
    stage = STAGES[slug][0]
    if not L.may_act_at(request.user, stage, org):
        raise PermissionDenied(_("Bạn không có quyền ghi mức xếp loại ở bước này cho tổ chức này."))
    return campaign, org, stage


def _inputs(post: Any, rows: list[L.ListRow]) -> tuple[dict[int, L.RowInput], list[str]]:
    """The rows posted: level (empty: not chosen), justification, the version the page was loaded with."""
    inputs: dict[int, L.RowInput] = {}
    errors: list[str] = []
    for r in rows:
        pk = r.subject.pk
        raw_version, raw_level = post.get(f"version-{pk}"), post.get(f"level-{pk}", "")
        if raw_version is None:
            continue  # the row was not on the page the user saw
        if not raw_version.isdigit() or raw_level not in ("", "0", "1", "2", "3"):
            errors.append(_("Dòng “%(name)s”: dữ liệu gửi lên không hợp lệ.") % {"name": r.name})
            continue
        level = Level(int(raw_level)) if raw_level else None
        inputs[pk] = L.RowInput(level, post.get(f"justification-{pk}", ""), int(raw_version))
    return inputs, errors


def _context(
    request: HttpRequest, campaign: Campaign, org: Organization, slug: str, **extra: Any
) -> dict[str, Any]:
    """The rows with their caps, the chosen levels (posted, taken from the previous stage, or none), and
    the quota of the list for those levels."""
    stage, title = STAGES[slug]
    rows, truncated = L.list_rows(user=request.user, campaign=campaign, root=org, stage=stage)
    chosen: dict[int, Level] = {}
    texts: dict[int, str] = {}
    if request.method == "POST":
        inputs, _errors = _inputs(request.POST, rows)
        chosen = {pk: i.level for pk, i in inputs.items() if i.level is not None}
        texts = {pk: i.justification for pk, i in inputs.items()}
    elif request.GET.get("lay-ket-qua") and stage != RatingStage.PROPOSED:
        chosen = L.take_previous(rows)
    check = L.list_check(campaign=campaign, root=org, stage=stage, rows=rows, chosen=chosen)
    L.row_caps(check, rows)
    row_errors = extra.pop("row_errors", {})
    lines = [
        {
            "row": r,
            "chosen": chosen.get(r.subject.pk),
            "text": texts.get(r.subject.pk, ""),
            "required": L.needs_justification(check, r.subject.pk, chosen.get(r.subject.pk)),
            "over_cap": (lvl := chosen.get(r.subject.pk)) is not None and lvl > r.max_level,
            "errors": row_errors.get(r.subject.pk, []),
        }  # fmt: skip
        for r in rows
    ]
    return {
        "campaign": campaign, "org": org, "slug": slug, "stage": stage, "title": title, "lines": lines,
        "truncated": truncated, "quota": check.quota, "levels": LEVELS, "take_label": TAKE_LABELS.get(stage),
        "chosen_count": len(chosen), **extra,
    }  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def stage_list(request: HttpRequest, pk: int, org: int, slug: str) -> HttpResponse:
    """The list page (GET) and its one save (POST)."""
    campaign, node, stage = _scope(request, pk, org, slug)
    if request.method == "GET":
        return render(request, "campaigns/stage_list.html", _context(request, campaign, node, slug))
    rows, _truncated = L.list_rows(user=request.user, campaign=campaign, root=node, stage=stage)
    inputs, errors = _inputs(request.POST, rows)
    if not errors:
        try:
            n = L.list_save(campaign=campaign, root=node, stage=stage, by=request.user, inputs=inputs)
        except ValidationError as exc:
            errors, row_errors = _split(exc)
            context = _context(request, campaign, node, slug, errors=errors, row_errors=row_errors)
            return render(request, "campaigns/stage_list.html", context)
        messages.success(request, _("Đã ghi mức xếp loại của %(n)s đối tượng.") % {"n": n})
        return redirect("campaigns:stage_list", pk, org, slug)
    return render(
        request, "campaigns/stage_list.html", _context(request, campaign, node, slug, errors=errors)
    )


def _split(exc: ValidationError) -> tuple[list[str], dict[int, list[str]]]:
    """A refusal's messages for the whole list, and each row's (``row-<pk>`` keys)."""
    if not hasattr(exc, "error_dict"):
        return list(exc.messages), {}
    rows = {int(k[4:]): v for k, v in exc.message_dict.items() if k.startswith("row-")}
    return list(exc.message_dict.get("__all__", [])), rows


@login_required
@require_POST
def stage_list_check(request: HttpRequest, pk: int, org: int, slug: str) -> HttpResponse:
    """htmx: the quota of the list and each row's state for the levels being chosen; nothing is saved."""
    campaign, node, _stage = _scope(request, pk, org, slug)
    context = _context(request, campaign, node, slug)
    return render(request, "campaigns/stage_list_check.html", context)
