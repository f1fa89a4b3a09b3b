"""Workbook import: what a user who fills the template sees happen (docs/workbook.md)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from django.core.management import call_command

from xeploai.registry.models import (
    Collective,
    Discipline,
    DisciplineForm,
    DisciplineSide,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    StatusKind,
    StatusPeriod,
)
from xeploai.registry.workbook import import_workbook

pytestmark = pytest.mark.django_db


def sheets_of(headers, rows):
    return {name: [headers[name], *data] for name, data in rows.items()}


def counts():
    return tuple(
        m.objects.count() for m in (Organization, Collective, Person, Membership, StatusPeriod, Discipline)
    )


def test_imports_every_sheet(make_workbook, headers, small_province):
    result = import_workbook(path_or_file=make_workbook(sheets_of(headers, small_province)))

    assert result.errors == []
    assert result.created == {
        "To_chuc": 4,
        "Tap_the": 1,
        "Ca_nhan": 2,
        "Thanh_vien": 1,
        "Tinh_trang": 1,
        "Ky_luat": 1,
    }
    cell = Organization.objects.get(code="CB_VP")
    district = Organization.objects.get(code="DB_CL")
    province = Organization.objects.get(code="DB_TINH")
    assert cell.kind == OrganizationKind.CELL
    assert cell.parent == district
    assert district.parent == province
    # Derived columns are set on the bulk path, and the tree queries work on them.
    assert cell.path == province.path + district.path[-8:] + f"{cell.pk:08d}"
    assert cell.depth == 2
    assert set(Organization.objects.subtree(district).values_list("code", flat=True)) == {
        "DB_CL",
        "CB_VP",
        "UBND_CL",
    }
    assert cell.name_folded == "chi bo van phong"
    khai = Person.objects.get(code="CN001")
    assert khai.name_folded == "nguyen thi minh khai"
    assert khai.party_organization == cell
    assert khai.workplace.code == "UBND_CL"
    assert khai.is_head
    assert khai.citizen_id == "087175000123"
    assert khai.party_card_number == "01234567"
    assert khai.civil_service_category == "CIVIL_SERVANT"
    assert khai.managing_committee == district
    an = Person.objects.get(code="CN002")
    assert an.civil_service_category == "NONE"
    assert an.workplace is None
    assert not an.is_head
    # name_sort orders by given name first: Ân before Khai.
    assert list(Person.objects.order_by("name_sort").values_list("code", flat=True)) == ["CN002", "CN001"]
    membership = Membership.objects.get()
    assert (membership.collective.code, membership.person, membership.is_head, membership.start) == (
        "BTV_CL",
        khai,
        True,
        dt.date(2020, 10, 1),
    )
    status = StatusPeriod.objects.get()
    assert (status.kind, status.start, status.end) == (
        StatusKind.MATERNITY_LEAVE,
        dt.date(2023, 3, 1),
        dt.date(2023, 8, 31),
    )
    discipline = Discipline.objects.get()
    assert (discipline.person, discipline.form, discipline.side, discipline.violation_year) == (
        an,
        DisciplineForm.REPRIMAND,
        DisciplineSide.PARTY,
        2023,
    )


def test_reimport_updates_by_key_without_duplicates(make_workbook, headers, small_province):
    assert import_workbook(path_or_file=make_workbook(sheets_of(headers, small_province))).ok
    before = counts()
    pk = Person.objects.get(code="CN002").pk
    small_province["Ca_nhan"][1][1] = "Trần Văn Bình"  # renamed
    small_province["To_chuc"][2][1] = "Chi bộ Văn phòng Thành ủy"
    small_province["Thanh_vien"][0][2] = "Phó Bí thư"  # same collective + person + start: updated
    small_province["Tinh_trang"][0][4] = "đã đi làm lại"
    small_province["Ky_luat"][0][7] = "x"

    result = import_workbook(path_or_file=make_workbook(sheets_of(headers, small_province)))

    assert result.errors == []
    assert counts() == before
    assert result.created == dict.fromkeys(result.created, 0)
    assert result.updated == {
        "To_chuc": 1,
        "Tap_the": 0,
        "Ca_nhan": 1,
        "Thanh_vien": 1,
        "Tinh_trang": 1,
        "Ky_luat": 1,
    }
    assert result.unchanged["To_chuc"] == 3
    assert result.unchanged["Ca_nhan"] == 1
    binh = Person.objects.get(code="CN002")
    assert binh.pk == pk
    assert binh.full_name == "Trần Văn Bình"
    assert binh.name_folded == "tran van binh"
    assert Organization.objects.get(code="CB_VP").name_folded == "chi bo van phong thanh uy"
    assert Membership.objects.get().role == "Phó Bí thư"
    assert StatusPeriod.objects.get().note == "đã đi làm lại"
    assert Discipline.objects.get().self_remedied is True


def test_missing_optional_column_leaves_field_unchanged(make_workbook, headers, small_province):
    assert import_workbook(path_or_file=make_workbook(sheets_of(headers, small_province))).ok
    # Only code + name: the citizen ID and the cell of CN001 must stay as they are.
    book = {
        "To_chuc": [headers["To_chuc"]],
        "Ca_nhan": [["Mã cá nhân", "Họ và tên"], ["CN001", "Nguyễn Thị Minh Khai"], ["CN003", "Lê Văn Cư"]],
    }
    result = import_workbook(path_or_file=make_workbook(book))
    assert result.errors == []
    assert result.created["Ca_nhan"] == 1
    assert result.unchanged["Ca_nhan"] == 1
    khai = Person.objects.get(code="CN001")
    assert khai.citizen_id == "087175000123"
    assert khai.party_organization.code == "CB_VP"


def test_unicode_nfd_and_stray_spaces_are_stored_nfc(make_workbook, headers, small_province):
    nfd = unicodedata.normalize("NFD", "  Nguyễn   Thị Minh  Khai ")
    small_province["Ca_nhan"][0][1] = nfd
    small_province["To_chuc"][2][2] = unicodedata.normalize(
        "NFD", "chi bộ TRỰC THUỘC"
    )  # enum label, any form
    small_province["Ca_nhan"][0][0] = " CN001 "
    small_province["Thanh_vien"][0][1] = "CN001  "
    headers["Ca_nhan"][1] = unicodedata.normalize("NFD", " HỌ VÀ  TÊN ")  # headers match loosely too

    result = import_workbook(path_or_file=make_workbook(sheets_of(headers, small_province)))

    assert result.errors == []
    khai = Person.objects.get(code="CN001")
    assert khai.full_name == "Nguyễn Thị Minh Khai"
    assert unicodedata.is_normalized("NFC", khai.full_name)
    assert Organization.objects.get(code="CB_VP").kind == OrganizationKind.CELL
    assert Person.objects.filter(name_folded="nguyen thi minh khai").count() == 1


def test_excel_dates_and_text_dates(make_workbook, headers, small_province):
    people = small_province["Ca_nhan"]
    people[0][2] = dt.date(1975, 8, 15)  # a real Excel date
    people[1][2] = "2/9/1980"  # text d/m/yyyy
    people[1][7] = "2010-02-03"  # ISO text
    result = import_workbook(path_or_file=make_workbook(sheets_of(headers, small_province)))
    assert result.errors == []
    assert Person.objects.get(code="CN001").birth_date == dt.date(1975, 8, 15)
    an = Person.objects.get(code="CN002")
    assert (an.birth_date, an.admitted_on) == (dt.date(1980, 9, 2), dt.date(2010, 2, 3))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2023", "Ngày 31/02/2023 không tồn tại."),
        ("2023-13-01", "Tháng 13 không tồn tại (tháng từ 1 đến 12); ngày ghi theo dạng dd/mm/yyyy."),
        ("29/02/2023", "Ngày 29/02/2023 không tồn tại."),
        ("hôm qua", "Ngày phải có dạng dd/mm/yyyy, ví dụ 05/02/2024."),
    ],
)
def test_impossible_dates_are_refused(make_workbook, headers, small_province, text, message):
    small_province["Ca_nhan"][1][2] = text
    result = import_workbook(path_or_file=make_workbook(sheets_of(headers, small_province)))
    assert [(e.sheet, e.row, e.column, e.column_letter, e.value, e.message) for e in result.errors] == [
        ("Ca_nhan", 3, "Ngày sinh", "C", text, message)
    ]
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_parent_listed_after_child(make_workbook, headers, small_province):
    small_province["To_chuc"].reverse()  # every child before its parent
    result = import_workbook(path_or_file=make_workbook(sheets_of(headers, small_province)))
    assert result.errors == []
    cell = Organization.objects.get(code="CB_VP")
    assert cell.path.startswith(Organization.objects.get(code="DB_CL").path)
    assert cell.depth == 2


def test_cycle_in_the_tree_is_refused_naming_the_rows(make_workbook, headers):
    rows = [
        ["A", "Đảng bộ A", "Đảng bộ cơ sở", "Cấp cơ sở", "C", ""],
        ["B", "Đảng bộ B", "Đảng bộ cơ sở", "Cấp cơ sở", "A", ""],
        ["C", "Đảng bộ C", "Đảng bộ cơ sở", "Cấp cơ sở", "B", ""],
        ["D", "Đảng bộ D", "Đảng bộ cơ sở", "Cấp cơ sở", "", ""],
    ]
    result = import_workbook(
        path_or_file=make_workbook({"To_chuc": [headers["To_chuc"], *rows], "Ca_nhan": [headers["Ca_nhan"]]})
    )
    assert [(e.row, e.column_letter) for e in result.errors] == [(2, "E"), (3, "E"), (4, "E")]
    assert all("vòng lặp" in e.message and "các dòng 2, 3, 4" in e.message for e in result.errors)
    assert Organization.objects.count() == 0


def test_cycle_through_the_database_is_refused(make_workbook, headers, small_province):
    assert import_workbook(path_or_file=make_workbook(sheets_of(headers, small_province))).ok
    # Moving the province under the cell (which is below it in the database) closes a loop.
    book = {
        "To_chuc": [headers["To_chuc"], ["DB_TINH", "Đảng bộ tỉnh", "Đảng bộ tỉnh", "Cấp tỉnh", "CB_VP", ""]],
        "Ca_nhan": [headers["Ca_nhan"]],
    }
    result = import_workbook(path_or_file=make_workbook(book))
    assert len(result.errors) == 1
    assert "vòng lặp" in result.errors[0].message
    assert Organization.objects.get(code="DB_TINH").parent is None


def test_references_to_rows_already_in_the_database(make_workbook, headers, small_province):
    assert import_workbook(path_or_file=make_workbook(sheets_of(headers, small_province))).ok
    book = {
        "To_chuc": [
            headers["To_chuc"],
            ["CB_MOI", "Chi bộ mới", "Chi bộ trực thuộc", "Cấp cơ sở", "DB_CL", ""],
        ],
        "Ca_nhan": [headers["Ca_nhan"][:7], ["CN009", "Võ Thị Sáu", "", "", "", "", "CB_MOI"]],
        "Thanh_vien": [headers["Thanh_vien"], ["BTV_CL", "CN002", "", "", "", ""]],
    }
    result = import_workbook(path_or_file=make_workbook(book))
    assert result.errors == []
    new = Organization.objects.get(code="CB_MOI")
    assert new.path.startswith(Organization.objects.get(code="DB_CL").path)
    assert new.depth == 2
    assert Person.objects.get(code="CN009").party_organization == new
    assert Membership.objects.filter(collective__code="BTV_CL").count() == 2


def test_not_a_workbook(tmp_path):
    path = tmp_path / "danh_sach.xlsx"
    path.write_text("Họ và tên;Ngày sinh\nNguyễn Văn A;01/01/1980\n", encoding="utf-8")
    result = import_workbook(path_or_file=path)
    assert len(result.errors) == 1
    assert "không phải là sổ tính Excel" in result.errors[0].message


def test_missing_sheet_and_columns(make_workbook, headers):
    book = {"To_chuc": [["Mã tổ chức", "Tên tổ chức", "Cấp"]], "Tap_the": [headers["Tap_the"]]}
    result = import_workbook(path_or_file=make_workbook(book))
    assert [(e.sheet, e.message) for e in result.errors] == [
        ("To_chuc", 'Thiếu cột bắt buộc "Loại tổ chức" ở dòng 1.'),
        ("Ca_nhan", 'Thiếu sheet bắt buộc "Ca_nhan" (Cá nhân).'),
    ]


def test_dry_run_writes_nothing_but_counts(make_workbook, headers, small_province):
    result = import_workbook(path_or_file=make_workbook(sheets_of(headers, small_province)), dry_run=True)
    assert result.errors == []
    assert result.dry_run
    assert not result.written
    assert result.created["Ca_nhan"] == 2
    assert result.created["To_chuc"] == 4
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_command_exits_0_on_success_and_1_on_error(make_workbook, headers, small_province, capsys):
    good = make_workbook(sheets_of(headers, small_province))
    call_command("import_workbook", str(good), "--dry-run")
    assert "Ca_nhan (Cá nhân): 2 thêm mới" in capsys.readouterr().out
    assert Person.objects.count() == 0

    call_command("import_workbook", str(good))
    assert "Đã nhập xong" in capsys.readouterr().out
    assert Person.objects.count() == 2

    small_province["Ca_nhan"][1][4] = "0123"
    bad = make_workbook(sheets_of(headers, small_province))
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_workbook", str(bad))
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert 'Ca_nhan!E3 (cột "Số CCCD", giá trị "0123"): Số CCCD phải gồm đúng 12 chữ số.' in err


def test_command_not_a_workbook_exits_1(tmp_path, capsys):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_workbook", str(path))
    assert exit_info.value.code == 1
    assert "không phải là sổ tính Excel" in capsys.readouterr().err


def test_an_import_is_one_audit_event_with_its_counts(make_workbook, headers, small_province):
    from xeploai.audit.models import AuditEvent

    book = make_workbook({k: [headers[k], *v] for k, v in small_province.items()})
    assert import_workbook(path_or_file=book, dry_run=True).ok
    assert not AuditEvent.objects.filter(action="registry.workbook.imported").exists()

    result = import_workbook(path_or_file=book)

    events = list(AuditEvent.objects.filter(action="registry.workbook.imported"))
    assert len(events) == 1
    assert events[0].after["created"] == result.created
    assert events[0].after["file"] == str(book).rsplit("/", 1)[-1]
