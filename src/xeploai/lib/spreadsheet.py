"""Spreadsheet output that stays data: no cell we write may become a formula, a link or a number.

A name such as ``=HYPERLINK("http://x","y")`` typed into the registry must come out as that text in
every workbook and CSV we produce (OWASP "CSV injection"). Every writer opens its workbooks with
``workbook_options`` and writes CSV through ``csv_writer``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

# xlsxwriter's ``write()`` turns strings starting with "=" into formulas and "http://…" into links
# unless told not to; with these options every string goes out as a string cell.
WORKBOOK_OPTIONS: dict[str, bool] = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}

# A spreadsheet program reads a cell starting with one of these as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def workbook_options(**options: Any) -> dict[str, Any]:
    """The options for ``xlsxwriter.Workbook``: ``options`` plus the ones that keep text as text."""
    return {**options, **WORKBOOK_OPTIONS}


def csv_cell(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCsvWriter:
    """``csv.writer`` whose every text cell goes through ``csv_cell``."""

    def __init__(self, out: TextIO, **kwargs: Any) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([csv_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: TextIO, **kwargs: Any) -> SafeCsvWriter:
    """A CSV writer for ``out`` (same arguments as ``csv.writer``) that neutralizes formulas."""
    return SafeCsvWriter(out, **kwargs)
