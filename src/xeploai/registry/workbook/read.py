"""Read a workbook with python-calamine: every sheet as rows of Python values (dates come back as dates).

Nothing is materialized before ``guard`` has checked the file: a sheet is only read if its extent fits
the bounds the caller gives (rows from the ``XEPLOAI_WORKBOOK_MAX_ROWS`` setting, columns from the
workbook's schema), so no file can make the process run out of memory.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

import python_calamine
from django.conf import settings
from django.utils.translation import gettext as _

from xeploai.registry.workbook import guard

PathOrFile = str | os.PathLike[str] | IO[bytes]
# The last column a sheet may use, given its name; None: the sheet is not read at all.
ColumnsFor = Callable[[str], int | None]
DEFAULT_COLUMNS = 64
# Columns a sheet may carry beyond its schema (notes, formulas: docs/workbook.md says they are ignored).
EXTRA_COLUMNS = 20


class WorkbookFileError(Exception):
    """The file cannot be read as a workbook at all; ``sheet`` names the sheet at fault, if one is."""

    def __init__(self, message: str, sheet: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.sheet = sheet


@dataclass
class RawSheet:
    name: str  # the sheet name as written in the file
    header: list[Any]  # row 1
    rows: list[list[Any]]  # rows 2..n: rows[i] is Excel row i + 2
    read: bool = True  # False: a sheet the caller did not ask for, named so it can be reported, never read


def _all_sheets(_name: str) -> int | None:
    return DEFAULT_COLUMNS


def first_sheet_only(columns: int) -> ColumnsFor:
    """Read the first sheet (up to ``columns`` columns) and no other."""
    seen: list[str] = []

    def columns_for(name: str) -> int | None:
        seen.append(name)
        return columns if len(seen) == 1 else None

    return columns_for


def _load(path_or_file: PathOrFile) -> str | bytes:
    """A path (read where it lies) or the bytes of an uploaded file (bounded by the upload limit)."""
    if isinstance(path_or_file, str | os.PathLike):
        if not os.path.isfile(path_or_file):
            raise WorkbookFileError(_("Không tìm thấy tệp %(name)s.") % {"name": path_or_file})
        return os.fspath(path_or_file)
    if hasattr(path_or_file, "seek"):
        path_or_file.seek(0)
    return path_or_file.read()


def _source(data: str | bytes) -> str | io.BytesIO:
    return data if isinstance(data, str) else io.BytesIO(data)


def _check(data: str | bytes, columns_for: ColumnsFor, max_rows: int) -> list[tuple[str, int | None]]:
    """Run every check of ``guard``; return each sheet with the last column to read (None: not read)."""
    try:
        with zipfile.ZipFile(_source(data)) as book:
            sheets, shared = guard.sheet_parts(book)
            guard.check_sizes(book, {part: name for name, part in sheets})
            long_strings = guard.long_shared_strings(book, shared)
            wanted: list[tuple[str, int | None]] = []
            scanned = {shared}
            for name, part in sheets:
                columns = columns_for(name)
                if columns is None:
                    wanted.append((name, None))
                    continue
                bounds = guard.Bounds(rows=max_rows + 1, columns=columns)
                guard.scan_sheet(book, part, name, bounds, long_strings)
                scanned.add(part)
                wanted.append((name, columns))
            guard.drain(book, (n for n in book.namelist() if n not in scanned))
    except guard.HostileWorkbookError as exc:
        raise WorkbookFileError(exc.message, exc.sheet) from exc
    except Exception as exc:  # not a zip, a broken part, bad XML  # noqa: BLE001
        raise WorkbookFileError(str(guard.NOT_WORKBOOK)) from exc
    return wanted


def read_workbook(
    path_or_file: PathOrFile, *, columns_for: ColumnsFor = _all_sheets, max_rows: int | None = None
) -> list[RawSheet]:
    """Return every sheet in file order, those ``columns_for`` does not want empty and marked unread; raise
    WorkbookFileError if the file is not a workbook or a sheet exceeds its bounds (``max_rows`` data rows,
    default XEPLOAI_WORKBOOK_MAX_ROWS)."""
    data = _load(path_or_file)
    wanted = _check(data, columns_for, settings.XEPLOAI_WORKBOOK_MAX_ROWS if max_rows is None else max_rows)
    sheets: list[RawSheet] = []
    try:
        book = python_calamine.CalamineWorkbook.from_object(_source(data))
    except Exception as exc:  # noqa: BLE001
        raise WorkbookFileError(str(guard.NOT_WORKBOOK)) from exc
    try:
        for name, columns in wanted:
            if columns is None:
                sheets.append(RawSheet(name=name, header=[], rows=[], read=False))
                continue
            # The guard has bounded the extent, so the grid anchored at A1 (indexes = Excel rows and
            # columns) is small; columns beyond the bound are cut off all the same.
            table = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            table = [row[:columns] for row in table]
            header = table[0] if table else []
            sheets.append(RawSheet(name=name, header=header, rows=table[1:]))
    except Exception as exc:  # noqa: BLE001
        raise WorkbookFileError(str(guard.NOT_WORKBOOK)) from exc
    finally:
        book.close()
    return sheets
