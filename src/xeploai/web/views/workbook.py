"""Workbook pages: import a workbook (admins and the Organization Commission), download the template,
export the organizations the user may see."""

from __future__ import annotations

import os
import tempfile

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xeploai.jobs.models import Job, JobKind, JobStatus
from xeploai.jobs.services import import_start, job_start
from xeploai.jobs.work import import_result_of
from xeploai.registry.workbook import import_workbook, write_template
from xeploai.registry.workbook.errors import ImportResult
from xeploai.registry.workbook.schema import SHEETS
from xeploai.web.upload_limit import upload_limit_bytes

MAX_ERRORS_SHOWN = 1000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_response(write: object, filename: str) -> FileResponse:
    """Write a workbook to a temporary file and stream it; the file is gone once the response closes."""
    fd, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(fd)
    try:
        write(path)  # type: ignore[operator]
        handle = open(path, "rb")  # noqa: SIM115 - FileResponse closes it
    finally:
        os.unlink(path)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)


def _result_context(result: ImportResult, filename: str, more_errors: int = 0) -> dict[str, object]:
    """What the page shows of an import: the errors by sheet, row and column, or the counts per sheet."""
    return {
        "result": result,
        "filename": filename,
        "errors": result.errors[:MAX_ERRORS_SHOWN],
        "more_errors": more_errors + max(0, len(result.errors) - MAX_ERRORS_SHOWN),
        "counts": [
            (s, result.created.get(s.name), result.updated.get(s.name), result.unchanged.get(s.name))
            for s in SHEETS
            if s.name in result.created
        ],
    }


def _check_importer(request: HttpRequest) -> None:
    # ADMIN or ORG_COMMISSION held at a root organization: a workbook can touch any organization of the
    # tree, so a role held lower down (a district's officer) is not enough.
    if not request.user.has_perm("registry.import_workbook"):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Import a workbook. A file over ``XEPLOAI_IMPORT_INLINE_MAX_KB`` is imported in the background
    (``jobs.work.registry_import``): the answer is the job's progress page, then the same result page."""
    _check_importer(request)
    context: dict[str, object] = {"sheets": SHEETS, "limit_mb": settings.XEPLOAI_UPLOAD_MAX_MB}
    if request.method == "POST":
        upload = request.FILES.get("file")
        dry_run = bool(request.POST.get("dry_run"))
        if upload is None:
            context["form_error"] = _("Hãy chọn tệp Excel (.xlsx) để nhập.")
        elif (upload.size or 0) > upload_limit_bytes():
            context["form_error"] = _("Tệp “%(name)s” lớn hơn giới hạn %(limit)s MB: chưa ghi gì.") % {
                "name": upload.name, "limit": settings.XEPLOAI_UPLOAD_MAX_MB,
            }
        elif (upload.size or 0) > settings.XEPLOAI_IMPORT_INLINE_MAX_KB * 1024:
            job = import_start(owner=request.user, upload=upload, dry_run=dry_run)
            return redirect("jobs:detail", job.pk)
        else:
            result = import_workbook(path_or_file=upload, dry_run=dry_run)
            context.update(_result_context(result, upload.name or ""))
    return render(request, "web/workbook_upload.html", context)


@login_required
@require_GET
def import_result(request: HttpRequest, pk: int) -> HttpResponse:
    """The result of an import made in the background: the same page as an inline import, the owner's only."""
    _check_importer(request)
    job = Job.objects.filter(pk=pk, owner=request.user, kind=JobKind.REGISTRY_IMPORT,
                             status=JobStatus.DONE).first()
    if job is None:
        raise Http404(_("Không có kết quả nhập dữ liệu này trong danh sách việc của bạn."))
    result, more = import_result_of(job)
    context: dict[str, object] = {"sheets": SHEETS, "limit_mb": settings.XEPLOAI_UPLOAD_MAX_MB, "job": job}
    context.update(_result_context(result, job.params.get("filename", ""), more))
    return render(request, "web/workbook_upload.html", context)


@login_required
@require_GET
def template(request: HttpRequest) -> FileResponse:
    return _xlsx_response(write_template, "mau_nhap_du_lieu.xlsx")


@login_required
@require_POST
def export(request: HttpRequest) -> HttpResponse:
    """Export what the user may see: everything for a superuser, else the subtrees of their officer roles.

    Made in the background (``jobs.runners.registry_export``): the answer is the job's progress page.
    Personal fields pass through the personal-data policy; a party member (MEMBER only) never exports
    the registry. The download is recorded in the audit trail (``registry.exported``, rows per sheet).
    """
    if not request.user.has_perm("registry.export_workbook"):
        message = _("Bạn không có quyền xuất dữ liệu: đảng viên chỉ được xem thông tin của chính mình.")
        return HttpResponseForbidden(message, content_type="text/plain; charset=utf-8")
    job = job_start(owner=request.user, kind=JobKind.REGISTRY_EXPORT)
    return redirect("jobs:detail", job.pk)
