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


# The headers as users write them (docs/workbook.md); literal on purpose, so a renamed header fails a test.
HEADERS = {
    "To_chuc": ["Mã tổ chức", "Tên tổ chức", "Loại tổ chức", "Cấp", "Mã tổ chức cấp trên", "Ngày thành lập"],
    "Tap_the": ["Mã tập thể", "Tên tập thể", "Loại tập thể", "Mã tổ chức", "Ngày thành lập"],
    "Ca_nhan": [
        "Mã cá nhân",
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Số CCCD",
        "Số thẻ đảng viên",
        "Mã chi bộ",
        "Ngày vào Đảng",
        "Ngày chính thức",
        "Đối tượng CBCCVC",
        "Mã cơ quan công tác",
        "Chức vụ",
        "Người đứng đầu",
        "Mã cấp ủy quản lý",
        "Ngày bắt đầu công tác",
        "Mã đơn vị phụ trách",
    ],
    "Thanh_vien": ["Mã tập thể", "Mã cá nhân", "Chức danh", "Người đứng đầu", "Từ ngày", "Đến ngày"],
    "Tinh_trang": ["Mã cá nhân", "Tình trạng", "Từ ngày", "Đến ngày", "Ghi chú"],
    "Ky_luat": [
        "Đối tượng",
        "Mã đối tượng",
        "Hình thức",
        "Loại kỷ luật",
        "Ngày quyết định",
        "Năm vi phạm",
        "Mã vi phạm",
        "Tự phát hiện và khắc phục",
        "Ghi chú",
        "Đã tính ở năm trước",
    ],
}


@pytest.fixture
def headers() -> dict[str, list[str]]:
    return {k: list(v) for k, v in HEADERS.items()}


@pytest.fixture
def small_province() -> dict[str, list[list[Any]]]:
    """A valid small province, every sheet filled: rows without the header."""
    return {
        "To_chuc": [
            ["DB_TINH", "Đảng bộ tỉnh Đồng Tháp", "Đảng bộ tỉnh", "Cấp tỉnh", "", dt.date(1930, 2, 3)],
            ["DB_CL", "Đảng bộ thành phố Cao Lãnh", "DISTRICT_COMMITTEE", "Cấp huyện", "DB_TINH", ""],
            ["CB_VP", "Chi bộ Văn phòng", "Chi bộ trực thuộc", "Cấp cơ sở", "DB_CL", "15/05/1990"],
            ["UBND_CL", "Ủy ban nhân dân thành phố Cao Lãnh", "Ủy ban nhân dân", "Cấp huyện", "DB_CL", ""],
        ],
        "Tap_the": [
            ["BTV_CL", "Ban Thường vụ Thành ủy Cao Lãnh", "Ban thường vụ cấp ủy", "DB_CL", ""],
        ],
        "Ca_nhan": [
            [
                "CN001",
                "Nguyễn Thị Minh Khai",
                dt.date(1975, 8, 15),
                "Nữ",
                "087175000123",
                "01234567",
                "CB_VP",
                dt.date(2000, 5, 19),
                dt.date(2001, 5, 19),
                "Công chức",
                "UBND_CL",
                "Chủ tịch",
                "x",
                "DB_CL",
            ],
            [
                "CN002",
                "Trần Văn Ân",
                "02/09/1980",
                "Nam",
                "087080000456",
                "",
                "CB_VP",
                "03/02/2010",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
        ],
        "Thanh_vien": [["BTV_CL", "CN001", "Bí thư", "có", dt.date(2020, 10, 1), ""]],
        "Tinh_trang": [["CN002", "Nghỉ thai sản", "01/03/2023", "31/08/2023", "sinh con"]],
        "Ky_luat": [["Cá nhân", "CN002", "Khiển trách", "Đảng", "20/06/2023", 2023, "VP-1", "", ""]],
    }
