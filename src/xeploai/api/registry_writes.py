"""Registry writes: JSON rows go through the workbook import's own services (read → validate all → write
once, ``registry.workbook.importer.import_sheets``), all-or-nothing per request.

Each endpoint takes the rows of one sheet of the workbook (docs/workbook.md), keyed by the sheet's column
keys (``code``, ``name``, ``parent`` …), values as in the workbook (dates dd/mm/yyyy or ISO, choices by
code or Vietnamese label); a row whose code exists updates it. The same permission as the workbook upload
(``registry.import_workbook``: an administrator or an Organization Commission officer at a root). Errors
name the sheet, the row (its index in ``rows``, from 0) and the field.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import ConfigDict, create_model

from xeploai.api.errors import ErrorItem, Invalid, responses
from xeploai.api.registry_api import router
from xeploai.api.writes import api_write
from xeploai.registry.workbook import schema
from xeploai.registry.workbook.errors import ImportResult
from xeploai.registry.workbook.importer import import_sheets
from xeploai.registry.workbook.read import RawSheet

MAX_ROWS = 5000
Cell = str | int | float | bool | None


def row_model(sheet: schema.Sheet) -> type[Schema]:
    """A JSON row of ``sheet``: one optional field per column (required cells are checked by the import)."""
    fields: dict[str, Any] = {c.key: (Cell, Field(None, description=c.header)) for c in sheet.columns}
    name = "".join(part.title() for part in sheet.key.split("_")) + "Row"
    return create_model(name, __config__=ConfigDict(extra="forbid"), **fields)


ROW_MODELS = {sheet.key: row_model(sheet) for sheet in schema.SHEETS}


class ImportOut(Schema):
    """Rows created, updated and unchanged per sheet (``To_chuc``, ``Ca_nhan`` …); nothing is written when
    ``dry_run``."""

    created: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    dry_run: bool


def _raw(sheet: schema.Sheet, rows: list[dict[str, Any]]) -> RawSheet:
    return RawSheet(
        name=sheet.name,
        header=[c.header for c in sheet.columns],
        rows=[[row.get(c.key) for c in sheet.columns] for row in rows],
    )


def _located(result: ImportResult) -> list[ErrorItem]:
    by_name = {s.name: s for s in schema.SHEETS}
    items = []
    for e in result.errors:
        sheet = by_name.get(e.sheet)
        keys = {c.header: c.key for c in sheet.columns} if sheet else {}
        items.append(
            ErrorItem(
                message=str(e.message),
                sheet=sheet.key if sheet else e.sheet,
                row=e.row - 2 if e.row and e.row >= 2 else None,
                field=keys.get(e.column, e.column),
            )
        )
    return items


def import_rows(request: HttpRequest, sheets: dict[str, list[dict[str, Any]]], *, dry_run: bool) -> ImportOut:
    """Import the rows of ``sheets`` (sheet key → rows) through the workbook services, or refuse them all."""
    if not request.user.has_perm("registry.import_workbook"):
        raise PermissionDenied(_("Bạn không có quyền nhập dữ liệu danh mục (cần quyền nhập sổ dữ liệu)."))
    raw = [_raw(s, sheets.get(s.key, [])) for s in schema.SHEETS if s.key in sheets or s.required]
    with api_write(request, "registry.import"):
        result = import_sheets(raw, source="API", dry_run=dry_run)
        if result.errors:
            raise Invalid(_("Dữ liệu không hợp lệ: không ghi dòng nào."), _located(result))
    return ImportOut(
        created=result.created, updated=result.updated, unchanged=result.unchanged, dry_run=dry_run
    )


def _endpoint(sheet: schema.Sheet) -> None:
    body = create_model(
        f"{ROW_MODELS[sheet.key].__name__}s",
        __config__=ConfigDict(extra="forbid"),
        rows=(list[ROW_MODELS[sheet.key]], Field(..., max_length=MAX_ROWS)),  # type: ignore[valid-type]
        dry_run=(bool, False),
    )

    def write(request: HttpRequest, payload: body) -> ImportOut:  # type: ignore[valid-type]
        rows = [r.model_dump() for r in payload.rows]  # type: ignore[attr-defined]
        return import_rows(request, {sheet.key: rows}, dry_run=payload.dry_run)  # type: ignore[attr-defined]

    write.__annotations__ = {"request": HttpRequest, "payload": body, "return": ImportOut}  # a local type
    write.__name__ = f"import_{sheet.key}"
    write.__doc__ = f"Ghi các dòng của sheet {sheet.name} ({sheet.title}) qua dịch vụ nhập sổ dữ liệu."
    path = "/" + sheet.key
    router.post(path, response=responses(ImportOut), summary=sheet.title, operation_id=f"import_{sheet.key}")(
        write
    )


for _sheet in schema.SHEETS:
    _endpoint(_sheet)
