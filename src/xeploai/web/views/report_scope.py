"""The organization and campaign a report page is about, read from the query string.

``report_org`` gives the organization of ``?org=`` (404 outside the user's subtree, 403 for a MEMBER role),
``pick_campaign`` the campaign of ``?campaign=`` among those covering it, ``pick_stage`` the stage shown.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from xeploai.accounts.access import (
    get_organization_for_user,
    root_organizations_for,
)
from xeploai.campaigns.models import Campaign, RatingStage
from xeploai.registry.models import Organization
from xeploai.reports import selectors


def pick_campaign(request: HttpRequest, org: Organization) -> tuple[list[Campaign], Campaign | None]:
    """The campaigns covering ``org`` and the one chosen by ``?campaign=`` (or the newest)."""
    campaigns = list(selectors.campaigns_covering(org).select_related("root"))
    chosen = request.GET.get("campaign", "")
    if chosen and not chosen.isdigit():
        raise Http404
    campaign = next((c for c in campaigns if str(c.pk) == chosen), campaigns[0] if campaigns else None)
    return campaigns, campaign


def report_org(request: HttpRequest, refusal: str | None = None) -> Organization:
    """The organization of ``?org=`` (else the user's first root) for figures about people.

    Outside the user's subtree → 404; a user whose only role there is MEMBER → 403 (figures about other
    people are not theirs to read, as on the statistics page), with ``refusal`` as the message when given.
    """
    pk = request.GET.get("org", "")
    if pk:
        if not pk.isdigit():
            raise Http404
        org = get_organization_for_user(request.user, int(pk))
    else:
        org = root_organizations_for(request.user).select_related("parent").first()
        if org is None:
            raise PermissionDenied(_("Bạn chưa được phân quyền ở tổ chức nào."))
    if not request.user.has_perm("reports.see_figures", org):
        raise PermissionDenied(refusal or _("Bạn không có quyền xem số liệu của tổ chức này."))
    return org


def pick_stage(request: HttpRequest) -> str:
    stage = request.GET.get("stage", RatingStage.DECIDED)
    return stage if stage in RatingStage.values else RatingStage.DECIDED
