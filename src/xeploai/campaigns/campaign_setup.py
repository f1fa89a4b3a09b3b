"""Campaign set-up from the pages: create (deadlines prefilled from the plan), edit deadlines, open.

Thin audited wrappers over ``opening.campaign_create`` and ``opening.campaign_open`` (S-10, S-11, S-12),
plus the one thing those do not do: change a deadline.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from xeploai.accounts import predicates as P
from xeploai.audit.services import snapshot
from xeploai.registry.models import Organization

from . import events, locks
from .models import Campaign, CampaignStatus, Deadline
from .opening import OpenResult, campaign_create, campaign_open

NOT_ALLOWED = _("Bạn không có quyền quản lý đợt đánh giá của tổ chức này.")
CLOSED = _("Đợt đánh giá đã kết thúc: không sửa được thời hạn.")
OUT_OF_RANGE = _("Hạn “%(kind)s” (%(date)s) phải trong năm %(year)s hoặc năm sau.")
WINDOW_RANGE = _("Thời hạn kiến nghị phải từ 1 đến 90 ngày.")


@transaction.atomic
def campaign_setup(
    *,
    year: int,
    ruleset: str,
    root: Organization,
    by: AbstractBaseUser,
    reference_date: date | None = None,
    name: str | None = None,
    appeal_window_days: int | None = None,
    quarter: int | None = None,
) -> Campaign:
    """Create a DRAFT campaign with the plan's deadlines prefilled (S-10, S-11, S-12), audited.

    ``quarter`` (1 to 4; 0 or None for the year): a quarter's campaign, its deadlines KL198's (R-100, R-101).
    """
    if not P.can_manage_campaign(by, root.path):
        raise ValidationError(NOT_ALLOWED)
    if appeal_window_days is not None and not 1 <= appeal_window_days <= 90:
        raise ValidationError({"appeal_window_days": [str(WINDOW_RANGE)]})
    campaign = campaign_create(
        year=year,
        ruleset=ruleset,
        root=root,
        reference_date=reference_date,
        name=name,
        quarter=quarter or None,
    )
    if appeal_window_days is not None:
        campaign.appeal_window_days = appeal_window_days
        campaign.save(update_fields=["appeal_window_days"])
    events.campaign_created_event(campaign=campaign, by=by)
    return campaign


@transaction.atomic
def deadlines_update(*, campaign: Campaign, by: AbstractBaseUser, due: dict[int, date]) -> int:
    """Change deadlines (``{deadline pk: new date}``); each change is audited. Returns how many changed."""
    campaign = locks.campaign_for_update(campaign.pk)
    if not P.can_manage_campaign(by, campaign.root.path):
        raise ValidationError(NOT_ALLOWED)
    if campaign.status == CampaignStatus.CLOSED:
        raise ValidationError(CLOSED)
    deadlines = {d.pk: d for d in Deadline.objects.filter(campaign=campaign).select_for_update()}
    errors: dict[str, list[str]] = {}
    for pk, day in due.items():
        d = deadlines.get(pk)
        if d is None:
            continue
        if day.year not in (campaign.year, campaign.year + 1):
            msg = OUT_OF_RANGE % {
                "kind": d.get_kind_display(),
                "date": f"{day:%d/%m/%Y}",
                "year": campaign.year,
            }
            errors[f"deadline_{pk}"] = [str(msg)]
    if errors:
        raise ValidationError(errors)
    changed = 0
    for pk, day in due.items():
        d = deadlines.get(pk)
        if d is None or d.due_on == day:
            continue
        before = snapshot(d)
        d.due_on = day
        d.save(update_fields=["due_on"])
        d.campaign = campaign
        events.deadline_changed_event(deadline=d, by=by, before=before)
        changed += 1
    return changed


@transaction.atomic
def campaign_open_by(*, campaign: Campaign, by: AbstractBaseUser) -> OpenResult:
    """Open the campaign: materialize its subjects with reasons (``opening.campaign_open``), audited."""
    if not P.can_manage_campaign(by, campaign.root.path):
        raise ValidationError(NOT_ALLOWED)
    result = campaign_open(campaign=campaign)
    summary = {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "removed": result.removed,
        "by_type": result.by_type,
    }
    events.campaign_opened_event(campaign=result.campaign, by=by, summary=summary)
    return result
