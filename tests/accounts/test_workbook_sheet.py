"""The "Tài khoản" sheet (docs/workbook.md): accounts and roles imported at once, or nothing (errors located),
through the registry's hostile-file guard. Personas of tests/conftest.py; district_a_officer imports."""

from __future__ import annotations

import io
import zipfile

import pytest
import xlsxwriter
from django.contrib.auth import get_user_model
from django.urls import reverse

from xeploai.accounts.models import Account, Role, RoleAssignment
from xeploai.accounts.workbook_sheet import import_accounts

pytestmark = pytest.mark.django_db
HEADER = ["Mã cá nhân", "Tên đăng nhập", "Vai trò", "Mã tổ chức"]


def book(rows, sheet="Tài khoản", header=HEADER) -> io.BytesIO:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = wb.add_worksheet(sheet)
    for r, row in enumerate([header, *rows]):
        for c, value in enumerate(row):
            ws.write_string(r, c, value)
    wb.close()
    out.seek(0)
    return out


def test_good_rows_create_accounts_with_one_time_passwords_and_grant_roles(personas):
    result = import_accounts(
        by=personas.district_a_officer,
        file=book(
            [
                ["P-SEC-A1", "binh.tv", "Bí thư chi bộ", "T.A.X1.C1"],
                ["P-SEC-A1", "", "MEMBER", "T.A.X1.C1"],  # the same person: one account, a second role
                ["P-MEM-A2", "", "Đảng viên", "T.A.X1.C2"],
            ]
        ),
    )
    assert result.ok, result.errors
    assert [(name, username) for name, username, _ in result.created] == [
        ("Trần Văn Bình", "binh.tv"),
        ("Đặng Văn Ân", "an.dangvan"),
    ]
    binh = get_user_model().objects.get(username="binh.tv")
    assert binh.check_password(result.created[0][2])
    assert set(RoleAssignment.objects.filter(user=binh).values_list("role", flat=True)) == {
        Role.CELL_SECRETARY,
        Role.MEMBER,
    }
    assert result.granted == 3
    again = import_accounts(
        by=personas.district_a_officer, file=book([["P-SEC-A1", "", "Bí thư chi bộ", "T.A.X1.C1"]])
    )
    assert again.ok
    assert (again.created, again.granted, again.unchanged) == ([], 0, 1)


def test_bad_rows_are_all_located_and_nothing_is_written(personas):
    result = import_accounts(
        by=personas.district_a_officer,
        file=book(
            [
                ["P-SEC-A1", "", "Bí thư chi bộ", "T.A.X1.C1"],  # good, but the sheet has errors
                ["P-NONE", "", "Đảng viên", "T.A.X1.C1"],
                ["P-MEM-A2", "", "Thủ quỹ", "T.A.X1.C2"],
                ["P-MEM-A2", "", "Đảng viên", ""],
                ["P-TEA-B1", "", "Đảng viên", "T.B.C1"],  # a person of district B
                ["P-MEM-A2", "", "Đảng viên", "T.B.C1"],  # an organization of district B
            ]
        ),
    )
    assert [str(e).split(":")[0] for e in result.errors] == [
        'Tài khoản!A3 (cột "Mã cá nhân", giá trị "P-NONE")',
        'Tài khoản!C4 (cột "Vai trò", giá trị "Thủ quỹ")',
        'Tài khoản!D5 (cột "Mã tổ chức")',
        'Tài khoản!A6 (cột "Mã cá nhân", giá trị "P-TEA-B1")',
        'Tài khoản!D7 (cột "Mã tổ chức", giá trị "T.B.C1")',
    ]
    assert "Ngoài phạm vi" in str(result.errors[3])
    assert not Account.objects.exists()
    assert result.created == []


def test_a_missing_column_or_sheet_is_named(personas):
    result = import_accounts(by=personas.district_a_officer, file=book([], header=["Mã cá nhân", "Vai trò"]))
    assert [str(e) for e in result.errors] == ['Tài khoản!1 (cột "Mã tổ chức"): Thiếu cột “Mã tổ chức”.']
    result = import_accounts(by=personas.district_a_officer, file=book([["x"]], sheet="To_chuc"))
    assert "không có sheet “Tài khoản”" in str(result.errors[0])


def test_a_hostile_file_is_refused_by_the_guard_before_it_is_read(personas):
    """A sheet declaring a cell at XFD1048576 (calamine would allocate 512 GiB): refused, nothing read."""
    source = book([["P-SEC-A1", "", "Đảng viên", "T.A.X1.C1"]])
    out = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
                )
            dst.writestr(item, data)
    out.seek(0)
    result = import_accounts(by=personas.district_a_officer, file=out)
    assert not result.ok
    assert "không đọc tệp này" in str(result.errors[0])
    not_a_book = import_accounts(by=personas.district_a_officer, file=io.BytesIO(b"PK\x03\x04 not a zip"))
    assert "không phải là sổ tính" in str(not_a_book.errors[0])
    assert not Account.objects.exists()


def test_the_import_page_shows_the_passwords_once(personas, client):
    client.force_login(personas.district_a_officer)
    file = book([["P-MEM-A2", "", "Đảng viên", "T.A.X1.C2"]])
    file.name = "tai-khoan.xlsx"
    response = client.post(reverse("accounts_admin:import"), {"file": file})
    body = response.content.decode()
    assert "an.dangvan" in body
    assert "Đã tạo 1 tài khoản, giao 1 vai trò" in body
