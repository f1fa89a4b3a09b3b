"""The pages of a background job: its progress (refreshed by htmx polling) and the download of its file.

A job is its owner's only: anyone else gets 404. The download checks again what starting it checked
(the organization still in the owner's subtree and the right to its figures, or the right to export the
registry), refuses an expired file, and records the disclosure in the audit trail as the direct
downloads did (``report.downloaded``, ``registry.exported``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from xeploai.accounts.access import organizations_visible_to, user_scope
from xeploai.jobs.models import Job, JobKind, JobStatus
from xeploai.web.disclosure import record_disclosure

# The file name the direct downloads recorded in their audit events.
AUDIT_FILES = {JobKind.DOCUMENTS_ZIP: "van-ban.zip", JobKind.STATISTICS_XLSX: "thong-ke.xlsx",
               JobKind.SUMMARY_DOCX: "bao-cao.docx", JobKind.DECIDED_LIST_DOCX: "danh-sach.docx"}


def _own_job(request: HttpRequest, pk: int) -> Job:
    job = Job.objects.select_related("organization", "campaign").filter(pk=pk, owner=request.user).first()
    if job is None:
        raise Http404(_("Không có tệp này trong danh sách tệp của bạn."))
    return job


def result_url(job: Job) -> str:
    """The page that shows what a job without a file did ("" for a job that makes a file)."""
    if job.kind == JobKind.REGISTRY_IMPORT:
        return reverse("workbook:import_result", args=[job.pk])
    if job.kind == JobKind.CAMPAIGN_OPEN and job.campaign_id:
        return reverse("campaigns:detail", args=[job.campaign_id])
    if job.kind == JobKind.YEAR_STATISTICS:
        query = {"year": job.params.get("year", ""), "stage": job.params.get("stage", "")}
        return f"{reverse('reports:year_statistics')}?{urlencode(query)}"
    return ""


@login_required
@require_GET
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar and, once finished, the download link or the reason it failed; a finished job
    without a file leads to the page that shows its result (htmx polling follows with HX-Redirect)."""
    job = _own_job(request, pk)
    target = result_url(job)
    if target and job.status == JobStatus.DONE and not request.htmx:
        return redirect(target)
    template = "jobs/_status.html" if request.htmx else "jobs/detail.html"
    response = render(request, template, {"job": job, "result_url": target})
    if target and job.status == JobStatus.DONE:
        response["HX-Redirect"] = target
    return response


def _check_still_allowed(request: HttpRequest, job: Job) -> None:
    if job.kind == JobKind.REGISTRY_EXPORT:
        allowed = request.user.has_perm("registry.export_workbook")
    else:
        org = job.organization
        allowed = org is not None and organizations_visible_to(request.user).filter(pk=org.pk).exists() \
            and request.user.has_perm("reports.see_figures", org)
    if not allowed:
        raise PermissionDenied(_("Bạn không còn quyền tải tệp này: quyền của bạn ở tổ chức đã thay đổi."))


def _record(request: HttpRequest, job: Job) -> None:
    if job.kind == JobKind.REGISTRY_EXPORT:
        paths = user_scope(request.user).people_root_paths
        everything = user_scope(request.user).everything
        record_disclosure("registry.exported", rows=job.rows, sheets=job.params.get("sheets", {}),
                          org_path="" if everything or not paths else paths[0], label=job.filename)
        return
    org = job.organization
    record_disclosure("report.downloaded", rows=job.rows, obj=org, org_path=org.path if org else "",
                      file=AUDIT_FILES[JobKind(job.kind)], campaign=job.campaign_id)


@login_required
@require_GET
def job_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The finished file, for its owner while they may still see what it holds."""
    job = _own_job(request, pk)
    if job.status != JobStatus.DONE or not job.file:
        raise Http404(_("Tệp này chưa tạo xong."))
    if job.expired():
        return render(request, "jobs/detail.html", {"job": job}, status=410)
    _check_still_allowed(request, job)
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)
    _record(request, job)
    return response
