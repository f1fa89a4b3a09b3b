"""Report pages: the statistical tables of a campaign over an organization's subtree, and their files.

The files (workbook, Word documents, the documents zip) are made in the background: a POST queues a
job (``xeploai.jobs``) and answers at once with its progress page, which offers the file when ready.

Every view asks ``xeploai.accounts.access`` for the organization first (outside the user's subtree →
404); the tables are figures about people, so a MEMBER role (which sees only its own person) gets 403.
The figures come from ``xeploai.reports.selectors.campaign_statistics`` (R-95): a fixed number of
queries whatever the size of the subtree.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xeploai.accounts.access import (
    organizations_visible_to,
    root_organizations_for,
)
from xeploai.campaigns.models import Campaign, RatingStage
from xeploai.jobs.models import JobKind
from xeploai.jobs.services import job_start
from xeploai.registry.models import PARTY_ORGANIZATION_KINDS, Organization
from xeploai.reports import selectors
from xeploai.web.views.report_scope import pick_stage, report_org

PICKER_DEPTH = 2  # the organization picker lists the user's roots and two levels below them


def _scope(request: HttpRequest) -> tuple[Organization, list[Campaign], Campaign | None, str]:
    """The organization, the campaigns covering it, the chosen campaign and stage from the query string."""
    org = report_org(request, _("Bạn không có quyền xem số liệu thống kê của tổ chức này."))
    campaigns = list(selectors.campaigns_covering(org).select_related("root"))
    # A campaign that does not cover the organization (after picking another one) gives way to the newest.
    chosen = request.GET.get("campaign", "")
    campaign = next((c for c in campaigns if str(c.pk) == chosen), campaigns[0] if campaigns else None)
    return org, campaigns, campaign, pick_stage(request)


def _picker(request: HttpRequest, org: Organization) -> list[tuple[int, str]]:
    """(id, indented name) of the party organizations near the top of the user's subtrees, in tree order.

    Two queries; the chosen organization is added when it lies deeper (reached through a unit link).
    """
    visible = organizations_visible_to(request.user).filter(kind__in=PARTY_ORGANIZATION_KINDS)
    top = min(root_organizations_for(request.user).values_list("depth", flat=True), default=0)
    rows = visible.filter(depth__lte=top + PICKER_DEPTH).order_by("path").values_list("pk", "name", "depth")
    options = [(pk, "· " * (depth - top) + name) for pk, name, depth in rows]
    if org.pk not in {pk for pk, _label in options}:
        options.append((org.pk, org.name))
    return options


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    """The statistical tables by kind and by unit, with the campaign, organization and stage pickers."""
    org, campaigns, campaign, stage = _scope(request)
    stats = selectors.campaign_statistics(campaign=campaign, root=org, stage=stage) if campaign else None
    context = {
        "org": org, "campaigns": campaigns, "campaign": campaign, "stage": stage, "stats": stats,
        "stages": RatingStage.choices, "organizations": _picker(request, org),
        "file_query": urlencode({"campaign": campaign.pk, "org": org.pk, "stage": stage}) if campaign else "",
    }
    return render(request, "reports/statistics.html", context)


def _start(request: HttpRequest, kind: str) -> HttpResponse:
    """Queue the file as a background job for the user and send them to its progress page."""
    org, _campaigns, campaign, stage = _scope(request)
    if campaign is None:
        raise Http404(_("Không có đợt đánh giá nào bao trùm tổ chức này."))
    job = job_start(owner=request.user, kind=kind, organization=org, campaign=campaign,
                    params={"stage": stage})
    return redirect("jobs:detail", job.pk)


@login_required
@require_POST
def statistics_xlsx_start(request: HttpRequest) -> HttpResponse:
    """The tables as an Excel workbook laid out like the paper tables, made in the background."""
    return _start(request, JobKind.STATISTICS_XLSX)


@login_required
@require_POST
def document_start(request: HttpRequest, kind: str) -> HttpResponse:
    """The summary report ("bao-cao") or the decided list ("danh-sach") as a Word document."""
    kinds = {"bao-cao": JobKind.SUMMARY_DOCX, "danh-sach": JobKind.DECIDED_LIST_DOCX}
    if kind not in kinds:
        raise Http404
    return _start(request, kinds[kind])


@login_required
@require_POST
def documents_zip_start(request: HttpRequest) -> HttpResponse:
    """Every Word document of the organization's subtree as one zip: the summary report, the decided
    list, one report per leadership collective and one self-review per person. Made in the background,
    so a district's or the province's zip has no request-size or time limit."""
    return _start(request, JobKind.DOCUMENTS_ZIP)
