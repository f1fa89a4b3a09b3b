"""Workbook pages: import a workbook (admins and the Organization Commission), download the template,
export the organizations the user may see."""

from __future__ import annotations

import os
import tempfile

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xeploai.accounts.models import Role
from xeploai.accounts.selectors import user_root_paths
from xeploai.registry.models import Organization
from xeploai.registry.workbook import export_workbook, import_workbook, write_template
from xeploai.registry.workbook.schema import SHEETS
from xeploai.web.upload_limit import upload_limit_bytes

IMPORT_ROLES = (Role.ADMIN, Role.ORG_COMMISSION)
MAX_ERRORS_SHOWN = 1000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def can_import(user: object) -> bool:
    """Superusers and the ADMIN or ORG_COMMISSION role held at a root organization may import.

    A workbook can touch any organization of the tree, so a role held lower down (a district's
    officer) is not enough: it would let that user rewrite organizations outside their subtree.
    """
    if getattr(user, "is_superuser", False):
        return True
    return user.role_assignments.filter(  # type: ignore[attr-defined]
        role__in=IMPORT_ROLES, organization__parent__isnull=True
    ).exists()


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


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    if not can_import(request.user):
        raise PermissionDenied
    context: dict[str, object] = {"sheets": SHEETS, "limit_mb": settings.XEPLOAI_UPLOAD_MAX_MB}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["form_error"] = _("Hãy chọn tệp Excel (.xlsx) để nhập.")
        elif (upload.size or 0) > upload_limit_bytes():
            context["form_error"] = _("Tệp “%(name)s” lớn hơn giới hạn %(limit)s MB: chưa ghi gì.") % {
                "name": upload.name, "limit": settings.XEPLOAI_UPLOAD_MAX_MB,
            }
        else:
            result = import_workbook(path_or_file=upload, dry_run=bool(request.POST.get("dry_run")))
            context.update(
                result=result,
                filename=upload.name,
                errors=result.errors[:MAX_ERRORS_SHOWN],
                more_errors=max(0, len(result.errors) - MAX_ERRORS_SHOWN),
                counts=[
                    (s, result.created.get(s.name), result.updated.get(s.name), result.unchanged.get(s.name))
                    for s in SHEETS
                    if s.name in result.created
                ],
            )
    return render(request, "web/workbook_upload.html", context)


@login_required
@require_GET
def template(request: HttpRequest) -> FileResponse:
    return _xlsx_response(write_template, "mau_nhap_du_lieu.xlsx")


@login_required
@require_POST
def export(request: HttpRequest) -> FileResponse:
    """Export what the user may see: everything for a superuser, else the subtrees of their roles."""
    paths = user_root_paths(request.user)
    if paths is None:
        return _xlsx_response(lambda p: export_workbook(path=p), "du_lieu.xlsx")
    roots = list(Organization.objects.filter(path__in=paths))
    if not roots:
        raise PermissionDenied
    return _xlsx_response(lambda p: export_workbook(path=p, roots=roots), "du_lieu.xlsx")
