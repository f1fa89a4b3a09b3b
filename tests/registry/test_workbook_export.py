"""Export and template: what is written reads back as the same data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from xeploai.registry.models import Collective, Discipline, Membership, Organization, Person, StatusPeriod
from xeploai.registry.workbook import export_workbook, import_workbook, write_template

pytestmark = pytest.mark.django_db

DATA_SHEETS = ["To_chuc", "Tap_the", "Ca_nhan", "Thanh_vien", "Tinh_trang", "Ky_luat"]


def read(path):
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in DATA_SHEETS}


def wipe():
    for model in (Discipline, StatusPeriod, Membership, Person, Collective):
        model.objects.all().delete()
    while Organization.objects.exists():  # leaves first (parent is PROTECT)
        Organization.objects.filter(children__isnull=True).delete()


def test_round_trip(make_workbook, headers, small_province, tmp_path):
    small_province["Ca_nhan"][0][1] = "Đặng Thị Ánh"
    assert import_workbook(
        path_or_file=make_workbook({k: [headers[k], *v] for k, v in small_province.items()})
    ).ok
    first = tmp_path / "first.xlsx"
    counts = export_workbook(path=first)
    assert counts == {
        "To_chuc": 4,
        "Tap_the": 1,
        "Ca_nhan": 2,
        "Thanh_vien": 1,
        "Tinh_trang": 1,
        "Ky_luat": 1,
        "Nhiem_vu": 0,
        "Chi_tieu": 0,
        "Hop_kiem_diem": 0,
        "Chuyen_den": 0,
        "Sinh_hoat_tam_thoi": 0,
        "Ket_luan": 0,
        "Tin_nhiem": 0,
    }

    wipe()
    result = import_workbook(path_or_file=first)
    assert result.errors == []
    assert result.created == counts
    second = tmp_path / "second.xlsx"
    export_workbook(path=second)

    assert read(first) == read(second)
    data = read(first)
    assert data["To_chuc"][0] == headers["To_chuc"]
    khai = next(r for r in data["Ca_nhan"] if r[0] == "CN001")
    assert khai[1] == "Đặng Thị Ánh"
    assert khai[2] == dt.date(1975, 8, 15)  # a real Excel date
    assert khai[4] == "087175000123"  # text: the leading zero is kept
    assert khai[3] == "Nữ"
    assert khai[9] == "Công chức"
    assert khai[12] == "x"


def test_export_formats(make_workbook, headers, small_province, tmp_path):
    assert import_workbook(
        path_or_file=make_workbook({k: [headers[k], *v] for k, v in small_province.items()})
    ).ok
    path = tmp_path / "out.xlsx"
    call_command("export_workbook", str(path), "--root", "DB_CL")
    book = load_workbook(path)
    ws = book["Ca_nhan"]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.b
    assert ws["C2"].number_format == "dd/mm/yyyy"
    assert ws.column_dimensions["B"].width > 20
    orgs = [r[0].value for r in book["To_chuc"].iter_rows(min_row=2)]
    assert sorted(orgs) == ["CB_VP", "DB_CL", "UBND_CL"]
    # The subtree root keeps the code of its parent, so it re-imports where the parent exists.
    assert (
        next(r for r in book["To_chuc"].iter_rows(min_row=2) if r[0].value == "DB_CL")[4].value == "DB_TINH"
    )


def test_template_has_no_data_rows_and_dropdowns(tmp_path, headers):
    path = tmp_path / "mau.xlsx"
    write_template(path)
    data = read(path)
    for name in DATA_SHEETS:
        assert data[name] == [headers[name]]
    result = import_workbook(path_or_file=path)
    assert result.errors == []
    assert sum(result.created.values()) == 0  # the examples in Huong_dan are never imported
    book = load_workbook(path)
    assert "Nguyễn Thị Minh Khai" in [c.value for row in book["Huong_dan"].iter_rows() for c in row]
    kinds = [dv for dv in book["To_chuc"].data_validations.dataValidation if "C2" in str(dv.sqref)]
    assert kinds
    assert kinds[0].formula1.startswith("Danh_muc!")
    assert book["Danh_muc"].sheet_state == "hidden"


def test_template_command(tmp_path, capsys):
    path = tmp_path / "mau.xlsx"
    call_command("workbook_template", str(path))
    assert path.exists()
    assert "Đã ghi tệp mẫu" in capsys.readouterr().out
