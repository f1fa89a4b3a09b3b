"""Errors as JSON: a Vietnamese ``detail`` and, where there is one, the place of each error.

Status codes: 400 a request that cannot be read (malformed JSON), 401 no or a bad token, 403 an action the
user may not do on an object they see, 404 an object outside what the user sees (its existence does not
leak), 409 a write made on a stale version, 422 input that breaks the schema or a rule of the service.
Every error body is ``ErrorOut``; nothing a client sends gives a 5xx.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError


class ErrorItem(Schema):
    """One error and where it is: a field (``field``, dotted for nested ones) and, for rows sent in a list,
    the row's index (``row``, from 0) and the sheet of the workbook schema it belongs to (``sheet``)."""

    message: str
    field: str = ""
    row: int | None = None
    sheet: str = ""


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem] = []


class Conflict(Exception):
    """A write made on a stale version of the data (answered 409)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Invalid(Exception):
    """Input refused with located errors (answered 422)."""

    def __init__(self, detail: str, errors: list[ErrorItem]) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors


ERROR_CODES = (400, 401, 403, 404, 409, 422)


def responses(ok: Any, *, status: int = 200) -> dict[int, Any]:
    """The response schemas of an operation: ``ok`` and the error body for every error status."""
    return {status: ok, **{code: ErrorOut for code in ERROR_CODES}}


# Vietnamese wording of pydantic's error types (the rest fall back to a general message).
PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("Thiếu giá trị bắt buộc."),
    "int_parsing": gettext_lazy("Phải là một số nguyên."),
    "int_type": gettext_lazy("Phải là một số nguyên."),
    "int_from_float": gettext_lazy("Phải là một số nguyên."),
    "bool_parsing": gettext_lazy("Phải là true hoặc false."),
    "bool_type": gettext_lazy("Phải là true hoặc false."),
    "string_type": gettext_lazy("Phải là một chuỗi ký tự."),
    "string_too_long": gettext_lazy("Chuỗi ký tự quá dài."),
    "string_too_short": gettext_lazy("Chuỗi ký tự quá ngắn."),
    "too_long": gettext_lazy("Danh sách quá dài."),
    "too_short": gettext_lazy("Danh sách quá ngắn."),
    "less_than_equal": gettext_lazy("Giá trị quá lớn."),
    "greater_than_equal": gettext_lazy("Giá trị quá nhỏ."),
    "greater_than": gettext_lazy("Giá trị quá nhỏ."),
    "less_than": gettext_lazy("Giá trị quá lớn."),
    "literal_error": gettext_lazy("Giá trị không thuộc các giá trị được nhận."),
    "enum": gettext_lazy("Giá trị không thuộc các giá trị được nhận."),
    "dict_type": gettext_lazy("Phải là một đối tượng JSON."),
    "list_type": gettext_lazy("Phải là một danh sách."),
    "model_attributes_type": gettext_lazy("Phải là một đối tượng JSON."),
    "decimal_parsing": gettext_lazy("Phải là một số."),
    "float_parsing": gettext_lazy("Phải là một số."),
    "json_invalid": gettext_lazy("Nội dung không phải JSON hợp lệ."),
    "extra_forbidden": gettext_lazy("Trường không được nhận."),
}


def _schema_items(errors: list[dict[str, Any]]) -> list[ErrorItem]:
    items = []
    for e in errors:
        loc = [str(p) for p in e.get("loc", ()) if p not in ("body", "payload", "query", "path")]
        message = PYDANTIC_MESSAGES.get(str(e.get("type", "")))
        items.append(ErrorItem(message=str(message or _("Giá trị không hợp lệ.")), field=".".join(loc)))
    return items


def validation_items(exc: ValidationError) -> list[ErrorItem]:
    """A service's ``ValidationError`` as located items (its field names where it has them)."""
    if hasattr(exc, "error_dict"):
        return [
            ErrorItem(message=str(m), field="" if name == "__all__" else name)
            for name, messages in exc.message_dict.items()
            for m in messages
        ]
    return [ErrorItem(message=str(m)) for m in exc.messages]


def _json(
    api: NinjaAPI, request: HttpRequest, status: int, detail: str, errors: list[ErrorItem]
) -> HttpResponse:
    body = ErrorOut(detail=detail, errors=errors).model_dump()
    return api.create_response(request, body, status=status)


def install(api: NinjaAPI) -> None:
    """Register the handlers that turn every error into ``ErrorOut`` with its status."""

    @api.exception_handler(SchemaError)
    def schema_error(request: HttpRequest, exc: SchemaError) -> HttpResponse:
        items = _schema_items(list(exc.errors))
        return _json(api, request, 422, _("Dữ liệu gửi lên không hợp lệ."), items)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail = _("Thiếu mã truy cập API hoặc mã không hợp lệ, đã thu hồi, hay của tài khoản đã khóa.")
        response = _json(api, request, 401, detail, [])
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return _json(api, request, 403, str(exc) or _("Bạn không có quyền thực hiện thao tác này."), [])

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _json(api, request, 404, str(exc) or _("Không tìm thấy."), [])

    @api.exception_handler(Conflict)
    def conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
        return _json(api, request, 409, exc.message, [])

    @api.exception_handler(Invalid)
    def invalid(request: HttpRequest, exc: Invalid) -> HttpResponse:
        return _json(api, request, 422, exc.detail, exc.errors)

    @api.exception_handler(ValidationError)
    def refused(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        items = validation_items(exc)
        return _json(api, request, 422, items[0].message if items else _("Dữ liệu không hợp lệ."), items)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        """ninja's own errors: an unreadable body (400) gets a Vietnamese message."""
        status = exc.status_code if exc.status_code in ERROR_CODES else 400
        detail = (
            _("Không đọc được nội dung yêu cầu: JSON không hợp lệ.") if status == 400 else str(exc.message)
        )
        return _json(api, request, status, detail, [])
