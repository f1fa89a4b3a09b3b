"""Fixtures for the registry tests: build small workbooks in tmp_path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

Sheets = dict[str, Sequence[Sequence[Any]]]


@pytest.fixture
def make_workbook(tmp_path: Path) -> Callable[..., Path]:
    """Write ``{"Sheet": [header, row, ...]}`` to an .xlsx (dates as real Excel dates); return its path."""
    import xlsxwriter

    counter = iter(range(1000))

    def make(sheets: Sheets, name: str | None = None) -> Path:
        path = tmp_path / (name or f"book{next(counter)}.xlsx")
        book = xlsxwriter.Workbook(str(path))
        date_format = book.add_format({"num_format": "dd/mm/yyyy"})
        for sheet_name, rows in sheets.items():
            ws = book.add_worksheet(sheet_name)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if isinstance(value, dt.date):
                        ws.write_datetime(r, c, value, date_format)
                    elif value is not None:
                        ws.write(r, c, value) if not isinstance(value, str) else ws.write_string(r, c, value)
        book.close()
        return path

    return make
