"""Read a workbook with python-calamine: every sheet as rows of Python values (dates come back as dates)."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from typing import IO, Any

import python_calamine
from django.utils.translation import gettext as _

PathOrFile = str | os.PathLike[str] | IO[bytes]


class WorkbookFileError(Exception):
    """The file cannot be read as a workbook at all."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class RawSheet:
    name: str  # the sheet name as written in the file
    header: list[Any]  # row 1
    rows: list[list[Any]]  # rows 2..n: rows[i] is Excel row i + 2


def _open(path_or_file: PathOrFile) -> python_calamine.CalamineWorkbook:
    if isinstance(path_or_file, str | os.PathLike):
        return python_calamine.CalamineWorkbook.from_path(os.fspath(path_or_file))
    if hasattr(path_or_file, "seek"):
        path_or_file.seek(0)
    data = path_or_file.read()
    return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))


def read_workbook(path_or_file: PathOrFile) -> list[RawSheet]:
    """Return the sheets in file order; raise WorkbookFileError if the file is not a workbook."""
    try:
        book = _open(path_or_file)
    except FileNotFoundError as exc:
        raise WorkbookFileError(_("Không tìm thấy tệp %(name)s.") % {"name": path_or_file}) from exc
    except Exception as exc:  # calamine raises several types for "not a workbook"  # noqa: BLE001
        raise WorkbookFileError(
            _("Tệp không phải là sổ tính Excel (.xlsx) hoặc đã bị hỏng, không đọc được.")
        ) from exc
    sheets: list[RawSheet] = []
    try:
        for name in book.sheet_names:
            try:
                sheet = book.get_sheet_by_name(name)
            except Exception:  # chart sheets and the like carry no cells  # noqa: BLE001
                continue
            # skip_empty_area=False keeps the grid anchored at A1, so indexes map to Excel rows/columns.
            table = sheet.to_python(skip_empty_area=False)
            header = table[0] if table else []
            sheets.append(RawSheet(name=name, header=header, rows=table[1:]))
    except Exception as exc:  # noqa: BLE001
        raise WorkbookFileError(
            _("Tệp không phải là sổ tính Excel (.xlsx) hoặc đã bị hỏng, không đọc được.")
        ) from exc
    finally:
        book.close()
    return sheets
