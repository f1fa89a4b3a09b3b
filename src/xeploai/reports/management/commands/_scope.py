"""Shared argument handling of the report commands: --year and --org to a campaign and a root."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from xeploai.campaigns.models import Campaign
from xeploai.registry.models import Organization
from xeploai.reports.selectors import campaign_for_year


def resolve_scope(*, year: int, org_code: str) -> tuple[Campaign, Organization]:
    """The organization with code ``org_code`` and the campaign of ``year`` covering it, or a CommandError."""
    try:
        root = Organization.objects.select_related("parent").get(code=org_code)
    except Organization.DoesNotExist:
        message = _("Không tìm thấy tổ chức có mã «%(code)s» (tham số --org).") % {"code": org_code}
        raise CommandError(message) from None
    campaign = campaign_for_year(year=year, root=root)
    if campaign is None:
        raise CommandError(
            _("Không có đợt đánh giá năm %(year)s bao trùm tổ chức «%(name)s» (tham số --year).")
            % {"year": year, "name": root.name}
        )
    return campaign, root
