"""Statistics (R-95): the tables of the statistics page for a campaign over an organization's subtree, at a
rating stage. Figures about people: a MEMBER-only user gets 403, an organization outside the user's
subtree 404 (``reports.see_figures``, as the page)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from xeploai.accounts.access import get_organization_for_user
from xeploai.api.errors import responses
from xeploai.campaigns.access import get_campaign_for_user
from xeploai.campaigns.models import RatingStage
from xeploai.reports import selectors
from xeploai.reports.stats import LEVELS_DESC, Counts, Section

router = Router(tags=["statistics"])


class CountsOut(Schema):
    total: int
    not_classified: dict[str, int]
    pending: int
    levels: dict[str, int]  # level value ("3" … "0") → count
    rated: int


class RowOut(Schema):
    key: str
    label: str
    subtotal: bool
    counts: CountsOut


class SectionOut(Schema):
    key: str
    title: str
    rows: list[RowOut]
    total: CountsOut


class StatisticsOut(Schema):
    campaign_id: int
    organization_id: int
    year: int
    period: int  # 0: the year; 1 to 4: the quarter
    period_label: str
    stage: str
    sections: list[SectionOut]
    by_unit: list[SectionOut]


def _counts(c: Counts) -> dict[str, Any]:
    return {
        "total": c.total,
        "not_classified": dict(c.not_classified),
        "pending": c.pending,
        "rated": c.rated,
        "levels": {str(int(lv)): c.levels[lv] for lv in LEVELS_DESC},
    }


def _section(s: Section) -> dict[str, Any]:
    rows = [
        {"key": r.key, "label": str(r.label), "subtotal": r.subtotal, "counts": _counts(r.counts)}
        for r in s.rows
    ]
    return {"key": s.key, "title": str(s.title), "rows": rows, "total": _counts(s.total)}


@router.get(
    "/campaigns/{campaign_id}/statistics", response=responses(StatisticsOut), summary="Số liệu thống kê"
)
def statistics(request: HttpRequest, campaign_id: int, organization: int, stage: str = "DECIDED") -> Any:
    """The statistical tables of the campaign over ``organization``'s subtree at ``stage`` (R-95)."""
    campaign = get_campaign_for_user(request.user, campaign_id)
    org = get_organization_for_user(request.user, organization)
    if not request.user.has_perm("reports.see_figures", org):
        raise PermissionDenied(_("Bạn không có quyền xem số liệu thống kê của tổ chức này."))
    if stage not in RatingStage.values:
        raise ValidationError({"stage": [_("Không có giai đoạn xếp loại này.")]})
    if not selectors.campaigns_covering(org).filter(pk=campaign.pk).exists():
        raise Http404(_("Đợt đánh giá này không bao trùm tổ chức đã chọn."))
    stats = selectors.campaign_statistics(campaign=campaign, root=org, stage=stage)
    return {
        "campaign_id": campaign.pk,
        "organization_id": org.pk,
        "year": stats.year,
        "period": campaign.period,
        "period_label": campaign.period_label,
        "stage": stats.stage,
        "sections": [_section(s) for s in stats.sections],
        "by_unit": [_section(s) for s in stats.by_unit],
    }
