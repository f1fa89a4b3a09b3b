"""Reads for campaigns: find a campaign, its subjects in a subtree, the current level of each stage."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xeploai.registry.models import Organization

from .models import YEAR_PERIOD, Campaign, Rating, RatingStage, Subject

NO_CAMPAIGN = _("Không có đợt đánh giá nào của năm %(year)s.")
MANY_CAMPAIGNS = _("Năm %(year)s có nhiều đợt đánh giá (%(roots)s): hãy chọn tổ chức bằng --root.")
NO_CAMPAIGN_AT = _("Không có đợt đánh giá năm %(year)s của tổ chức %(root)s.")


def campaign_for_year(*, year: int, root_code: str | None = None, quarter: int | None = None) -> Campaign:
    """Return the campaign of ``year`` (of the organization ``root_code`` if given), else a clear error.

    The year's own campaign, or with ``quarter`` (1 to 4) that quarter's (R-100).
    """
    qs = Campaign.objects.filter(year=year, period=quarter or YEAR_PERIOD).select_related("root")
    if root_code:
        campaign = qs.filter(root__code=root_code).first()
        if campaign is None:
            raise ValidationError(NO_CAMPAIGN_AT % {"year": year, "root": root_code})
        return campaign
    found = list(qs[:10])
    if not found:
        raise ValidationError(NO_CAMPAIGN % {"year": year})
    if len(found) > 1:
        raise ValidationError(MANY_CAMPAIGNS % {"year": year, "roots": ", ".join(c.root.code for c in found)})
    return found[0]


def subjects_in_scope(*, campaign: Campaign, root: Organization | None = None) -> QuerySet[Subject]:
    """The campaign's subjects, restricted to ``root``'s subtree when given (a range on ``org_path``)."""
    qs = Subject.objects.filter(campaign=campaign)
    return qs.subtree(root) if root is not None else qs


def current_levels(*, subject: Subject) -> dict[str, Rating]:
    """Return the current rating of each stage of ``subject``: the latest row of that stage.

    Rows are never updated (docs/adr/0002-rating-stages-are-rows.md), so "current" is "latest by id".
    """
    out: dict[str, Rating] = {}
    for rating in Rating.objects.filter(subject=subject).order_by("id"):
        out[rating.stage] = rating
    return {stage: out[stage] for stage in RatingStage.values if stage in out}
