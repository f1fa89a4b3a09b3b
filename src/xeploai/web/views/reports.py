"""Report pages: the statistical tables of a campaign over an organization's subtree, and their downloads.

Every view asks ``xeploai.accounts.access`` for the organization first (outside the user's subtree →
404); the tables are figures about people, so a MEMBER role (which sees only its own person) gets 403.
The figures come from ``xeploai.reports.selectors.campaign_statistics`` (R-95): a fixed number of
queries whatever the size of the subtree.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from xeploai.accounts.access import (
    organizations_visible_to,
    root_organizations_for,
)
from xeploai.accounts.personal_data import reader_for
from xeploai.campaigns.models import Campaign, RatingStage, Subject
from xeploai.registry.models import PARTY_ORGANIZATION_KINDS, Organization
from xeploai.reports import docx, selectors
from xeploai.reports.exports import organization_issuer
from xeploai.reports.xlsx import statistics_xlsx
from xeploai.web.disclosure import record_disclosure
from xeploai.web.views.report_scope import pick_stage, report_org

ZIP = "application/zip"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PICKER_DEPTH = 2  # the organization picker lists the user's roots and two levels below them
# All documents of a subtree in one request up to about a commune's size; larger subtrees go through
# ``manage.py export_documents``.
ZIP_MAX_DOCUMENTS = 2000


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
    }
    return render(request, "reports/statistics.html", context)


@login_required
def statistics_xlsx_download(request: HttpRequest) -> HttpResponse:
    """The same tables as an Excel workbook laid out like the paper tables."""
    org, _campaigns, campaign, stage = _scope(request)
    if campaign is None:
        raise Http404(_("Không có đợt đánh giá nào bao trùm tổ chức này."))
    stats = selectors.campaign_statistics(campaign=campaign, root=org, stage=stage)
    response = HttpResponse(statistics_xlsx(stats, issuer=organization_issuer(org)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="thong-ke-{campaign.year}-{org.code}.xlsx"'
    rows = sum(len(s.display_rows()) for s in [*stats.sections, *stats.by_unit])  # aggregate rows
    record_disclosure("report.downloaded", rows=rows, obj=org, org_path=org.path, file="thong-ke.xlsx",
                      campaign=campaign.pk)
    return response


@login_required
def document_download(request: HttpRequest, kind: str) -> HttpResponse:
    """The summary report ("bao-cao") or the decided list ("danh-sach") as a Word document."""
    org, _campaigns, campaign, stage = _scope(request)
    if campaign is None or kind not in ("bao-cao", "danh-sach"):
        raise Http404
    rows = 0
    if kind == "bao-cao":
        stats = selectors.campaign_statistics(campaign=campaign, root=org, stage=stage)
        data = docx.summary_report(campaign=campaign, root=org, stats=stats)
    else:
        data = docx.decided_list(campaign=campaign, root=org, stage=stage)
        rows = Subject.objects.filter(campaign=campaign).subtree(org).count()
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{kind}-{campaign.year}-{org.code}.docx"'
    record_disclosure("report.downloaded", rows=rows, obj=org, org_path=org.path, file=f"{kind}.docx",
                      campaign=campaign.pk)
    return response


@login_required
def documents_zip_download(request: HttpRequest) -> HttpResponse:
    """Every Word document of the organization's subtree as one zip (``reports.docx.write_documents_zip``).

    The summary report, the decided list, one report per leadership collective and one self-review per
    person; refused above ``ZIP_MAX_DOCUMENTS`` documents (one count query first).
    """
    org, _campaigns, campaign, _stage = _scope(request)
    if campaign is None:
        raise Http404(_("Không có đợt đánh giá nào bao trùm tổ chức này."))
    sizes = Subject.objects.filter(campaign=campaign).subtree(org).aggregate(
        people=Count("person", distinct=True), collectives=Count("collective", distinct=True))
    count = sizes["people"] + sizes["collectives"] + 2  # with the summary report and the decided list
    if count > ZIP_MAX_DOCUMENTS:
        message = _(
            "%(org)s có %(count)s văn bản, quá %(limit)s văn bản cho một lần tải: hãy chọn một tổ chức cấp "
            "dưới, hoặc nhờ quản trị viên xuất bằng lệnh export_documents."
        ) % {"org": org.name, "count": count, "limit": ZIP_MAX_DOCUMENTS}
        return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type=ZIP)
    response["Content-Disposition"] = f'attachment; filename="van-ban-{campaign.year}-{org.code}.zip"'
    written = docx.write_documents_zip(response, campaign=campaign, root=org, reader=reader_for(request.user))
    record_disclosure("report.downloaded", rows=written, obj=org, org_path=org.path, file="van-ban.zip",
                      campaign=campaign.pk)
    return response
