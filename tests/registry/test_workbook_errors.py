"""A workbook full of mistakes is refused whole: every mistake is reported where it is, nothing is written."""

from __future__ import annotations

import pytest
from django.forms.models import model_to_dict

from xeploai.registry.models import Collective, Discipline, Membership, Organization, Person, StatusPeriod
from xeploai.registry.workbook import import_workbook

pytestmark = pytest.mark.django_db

MODELS = (Organization, Collective, Person, Membership, StatusPeriod, Discipline)


def person(code, name="Lê Văn Tám", birth="", gender="", cid="", cell="", admitted="", full="", head=""):
    return [code, name, birth, gender, cid, "", cell, admitted, full, "", "", "", head, ""]


def test_twenty_mistakes_are_all_reported_and_nothing_is_written(make_workbook, headers, small_province):
    assert import_workbook(
        path_or_file=make_workbook({k: [headers[k], *v] for k, v in small_province.items()})
    ).ok
    before_counts = [m.objects.count() for m in MODELS]
    before_an = model_to_dict(Person.objects.get(code="CN002"))
    before_cell = model_to_dict(Organization.objects.get(code="CB_VP"))

    book = {k: [headers[k], *v] for k, v in small_province.items()}
    # Valid changes that must not be written either, since the workbook has errors.
    book["Ca_nhan"][2][1] = "Trần Văn Đổi Tên"
    book["To_chuc"][3][1] = "Chi bộ đổi tên"
    book["To_chuc"] += [
        ["CB VP2", "Chi bộ 2", "Chi bộ trực thuộc", "Cấp cơ sở", "DB_CL", ""],  # 6: code with a space
        ["CB_X", "Chi bộ X", "Chi bộ xyz", "Cấp cơ sở", "DB_CL", ""],  # 7: unknown kind
        ["CB_Y", "Chi bộ Y", "Chi bộ trực thuộc", "Cấp cơ sở", "KHONG_CO", ""],  # 8: unknown parent
        ["DB_CL", "Trùng mã", "Đảng bộ cơ sở", "Cấp cơ sở", "DB_TINH", ""],  # 9: duplicate code
    ]
    book["Tap_the"] += [
        ["BTV_X", "Ban X", "Ban thường vụ cấp ủy", "KHONG_CO", ""],  # 3: unknown organization
        ["BTV_Y", "Ban Y", "Ban gì đó", "DB_CL", ""],  # 4: unknown kind
    ]
    book["Ca_nhan"] += [
        person("CN010", cid="0123"),  # 4: malformed CCCD
        person("CN011", cid="087175000123"),  # 5: same CCCD as row 2
        person("CN012", birth="31/02/1990"),  # 6: no such date
        person("CN013", cell="UBND_CL"),  # 7: not a cell
        person("CN014", gender="Khác"),  # 8: unknown gender
        person("CN015", admitted="01/01/2010", full="01/01/2009"),  # 9: official before admitted
        person("CN016", name=""),  # 10: no name
        person("CN017", head="có lẽ"),  # 11: not a yes/no
    ]
    book["Thanh_vien"] += [
        ["BTV_CL", "CN999", "", "", "", ""],  # 3: unknown person
        ["BTV_CL", "CN002", "", "", "01/01/2022", "01/01/2021"],  # 4: end before start
    ]
    book["Tinh_trang"] += [
        ["CN001", "Nghỉ phép", "01/01/2023", "", ""],  # 3: unknown status
        ["CN001", "Nghỉ ốm", "", "", ""],  # 4: no start
    ]
    book["Ky_luat"] += [
        [
            "Tập thể",
            "CN001",
            "Cảnh cáo",
            "Kỷ luật hành chính",
            "01/01/2023",
            2022,
            "",
            "",
            "",
        ],  # 3: no such collective
        ["Cá nhân", "CN001", "Cảnh cáo", "Đảng", "01/01/2023", "20x3", "", "", ""],  # 4: bad year
    ]

    result = import_workbook(path_or_file=make_workbook(book))

    found = [(e.sheet, e.row, e.column_letter, e.column) for e in result.errors]
    assert found == [
        ("To_chuc", 6, "A", "Mã tổ chức"),
        ("To_chuc", 7, "C", "Loại tổ chức"),
        ("To_chuc", 8, "E", "Mã tổ chức cấp trên"),
        ("To_chuc", 9, "A", "Mã tổ chức"),
        ("Tap_the", 3, "D", "Mã tổ chức"),
        ("Tap_the", 4, "C", "Loại tập thể"),
        ("Ca_nhan", 4, "E", "Số CCCD"),
        ("Ca_nhan", 5, "E", "Số CCCD"),
        ("Ca_nhan", 6, "C", "Ngày sinh"),
        ("Ca_nhan", 7, "G", "Mã chi bộ"),
        ("Ca_nhan", 8, "D", "Giới tính"),
        ("Ca_nhan", 9, "I", "Ngày chính thức"),
        ("Ca_nhan", 10, "B", "Họ và tên"),
        ("Ca_nhan", 11, "M", "Người đứng đầu"),
        ("Thanh_vien", 3, "B", "Mã cá nhân"),
        ("Thanh_vien", 4, "F", "Đến ngày"),
        ("Tinh_trang", 3, "B", "Tình trạng"),
        ("Tinh_trang", 4, "C", "Từ ngày"),
        ("Ky_luat", 3, "B", "Mã đối tượng"),
        ("Ky_luat", 4, "F", "Năm vi phạm"),
    ]
    messages = {(e.sheet, e.row): e.message for e in result.errors}
    assert messages[("To_chuc", 9)] == "Mã tổ chức bị trùng với dòng 3."
    assert messages[("To_chuc", 8)].startswith('Không tìm thấy tổ chức cấp trên có mã "KHONG_CO"')
    assert messages[("Ca_nhan", 4)] == "Số CCCD phải gồm đúng 12 chữ số."
    assert messages[("Ca_nhan", 5)] == "Số CCCD trùng với người ở dòng 2."
    assert messages[("Ca_nhan", 7)].startswith('"UBND_CL" không phải là chi bộ')
    assert messages[("Ca_nhan", 10)] == 'Thiếu "Họ và tên".'
    assert messages[("Ky_luat", 3)] == 'Không tìm thấy tập thể có mã "CN001" (trong tệp hoặc trong hệ thống).'
    assert (
        str(result.errors[6])
        == 'Ca_nhan!E4 (cột "Số CCCD", giá trị "0123"): Số CCCD phải gồm đúng 12 chữ số.'
    )
    # Nothing written: counts and sample rows are as before.
    assert [m.objects.count() for m in MODELS] == before_counts
    assert model_to_dict(Person.objects.get(code="CN002")) == before_an
    assert model_to_dict(Organization.objects.get(code="CB_VP")) == before_cell


def test_citizen_id_held_by_someone_in_the_database(make_workbook, headers, small_province):
    assert import_workbook(
        path_or_file=make_workbook({k: [headers[k], *v] for k, v in small_province.items()})
    ).ok
    book = {
        "To_chuc": [headers["To_chuc"]],
        "Ca_nhan": [headers["Ca_nhan"], person("CN020", cid="087080000456")],
    }
    result = import_workbook(path_or_file=make_workbook(book))
    assert [(e.row, e.message) for e in result.errors] == [
        (2, 'Số CCCD trùng với người đã có trong hệ thống (mã "CN002").')
    ]
    # Swapping two people's numbers in one workbook is fine.
    book = {
        "To_chuc": [headers["To_chuc"]],
        "Ca_nhan": [
            headers["Ca_nhan"],
            person("CN001", name="Nguyễn Thị Minh Khai", cid="087080000456"),
            person("CN002", name="Trần Văn Ân", cid="087175000123"),
        ],
    }
    assert import_workbook(path_or_file=make_workbook(book)).errors == []
    assert Person.objects.get(code="CN001").citizen_id == "087080000456"


def test_citizen_id_typed_as_a_number_lost_its_leading_zero(make_workbook, headers):
    book = {"To_chuc": [headers["To_chuc"]], "Ca_nhan": [headers["Ca_nhan"], person("CN1", cid=87175000123)]}
    result = import_workbook(path_or_file=make_workbook(book))
    assert len(result.errors) == 1
    assert "mất số 0 ở đầu" in result.errors[0].message
    assert result.errors[0].value == "87175000123"


def test_a_sheet_named_almost_like_a_template_sheet_stops_the_import(make_workbook, headers):
    """One word too many in an optional sheet's name would drop all its rows: it is an error, naming it."""
    book = {
        "To_chuc": [headers["To_chuc"]],
        "Ca_nhan": [headers["Ca_nhan"], person("CN1", name="Lê Văn Tám")],
        "Ky luat nam 2024": [headers["Ky_luat"]],
    }
    result = import_workbook(path_or_file=make_workbook(book))
    assert [(e.sheet, e.row) for e in result.errors] == [("Ky luat nam 2024", None)]
    assert '"Ky_luat"' in result.errors[0].message
    assert not Person.objects.exists()


def test_a_sheet_of_the_users_own_is_passed_over_with_a_warning(make_workbook, headers, small_province):
    book = {k: [headers[k], *v] for k, v in small_province.items()}
    book["Ghi chú của tôi"] = [["anything"]]
    book["Huong_dan"] = [["the template's own instructions"]]
    result = import_workbook(path_or_file=make_workbook(book))
    assert result.ok
    assert [(w.sheet, w.message) for w in result.warnings] == [
        ("Ghi chú của tôi", "Bỏ qua sheet này: tên không thuộc mẫu nhập dữ liệu.")
    ]
    assert Person.objects.exists()
