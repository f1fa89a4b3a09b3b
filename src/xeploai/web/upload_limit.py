"""Refuse a request body larger than XEPLOAI_UPLOAD_MAX_MB before anything reads it."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme


def upload_limit_bytes() -> int:
    return int(settings.XEPLOAI_UPLOAD_MAX_MB) * 1024 * 1024


def too_large(request: HttpRequest) -> HttpResponse:
    """The 413 page: the limit in Vietnamese and a way back to the form the file came from."""
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    context = {"limit_mb": settings.XEPLOAI_UPLOAD_MAX_MB, "back": back}
    response = TemplateResponse(request, "413.html", context, status=413)
    response.render()
    return response


class UploadLimitMiddleware:
    """Last in the chain, so sessions, users and headers are in place for the 413 page; it answers
    from the declared length, before CSRF or a view parses the body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > upload_limit_bytes():
            return too_large(request)
        return self.get_response(request)
