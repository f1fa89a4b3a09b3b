"""The workbook's sheets and columns of the facts the rules need (issue 13 item 6, docs/workbook.md): review
meetings (S-04), transfers (R-16, R-28), temporary party activity (R-17), conclusions (R-33a, R-40a),
confidence votes (R-106), the start of work (R-25), a deputy's unit (R-66) and a violation already counted
(R-33d, R-76). Imported in the same validate-all, write-once pass; errors named by sheet, row and column."""

from __future__ import annotations

import datetime as dt

import pytest

from xeploai.registry.models import (
    Conclusion,
    ConfidenceVote,
    Discipline,
    Person,
    ReviewMeeting,
    TemporaryActivity,
    Transfer,
)
from xeploai.registry.workbook import export_workbook, import_workbook

pytestmark = pytest.mark.django_db

FACT_SHEETS = {
    "Hop_kiem_diem": [["Mã tổ chức", "Ngày họp", "Ghi chú"], ["CB_VP", "10/12/2025", ""]],
    "Chuyen_den": [
        [
            "Mã cá nhân", "Loại", "Ngày đến đơn vị mới", "Đơn vị cũ", "Ngày đến đơn vị cũ",
            "Đã có nhận xét của đơn vị cũ", "Đơn vị cũ còn tồn tại",
        ],
        ["CN002", "Chuyển sinh hoạt đảng", "01/07/2025", "Chi bộ Sở Tài chính", "", "", ""],
        ["CN001", "Chuyển công tác", dt.date(2025, 8, 1), "Sở Nội vụ", "01/01/2020", "x", "không"],
    ],
    "Sinh_hoat_tam_thoi": [
        ["Mã cá nhân", "Chi bộ sinh hoạt tạm thời", "Từ ngày", "Đến ngày", "Đã có nhận xét"],
        ["CN002", "Chi bộ Công ty X", "01/03/2025", "", ""],
    ],
    "Ket_luan": [
        ["Đối tượng", "Mã đối tượng", "Ngày kết luận", "Nội dung kết luận"],
        ["Cá nhân", "CN002", "20/06/2025", "suy thoái về tư tưởng chính trị"],
        ["Tập thể", "BTV_CL", "20/09/2025", "mất đoàn kết nội bộ"],
    ],
    "Tin_nhiem": [
        ["Mã cá nhân", "Năm", "Số phiếu", "Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp"],
        ["CN001", 2025, 25, 20, 4, 1],
    ],
}  # fmt: skip


@pytest.fixture
def book(make_workbook, headers, small_province):
    def build(**changed):
        sheets = {k: [headers[k], *v] for k, v in small_province.items()}
        people = sheets["Ca_nhan"]
        people[1] = [*people[1], "01/06/2025", ""]  # the headers end with the start of work, the unit led
        people[2] = [*people[2], "", "CB_VP"]
        sheets["Ky_luat"][1] = [*sheets["Ky_luat"][1], "x"]  # "Đã tính ở năm trước"
        for name, rows in FACT_SHEETS.items():
            sheets[name] = [list(r) for r in rows]
        for name, rows in changed.items():
            sheets[name] = [sheets[name][0], *rows]
        return make_workbook(sheets)

    return build


def test_the_fact_sheets_and_columns_import_and_reimport_changes_nothing(book):
    path = book()
    result = import_workbook(path_or_file=path)
    assert result.errors == []
    first, second = Person.objects.get(code="CN001"), Person.objects.get(code="CN002")
    assert first.employed_from == dt.date(2025, 6, 1)
    assert second.led_unit.code == "CB_VP"
    assert Discipline.objects.get(person=second).counted_before  # R-33d
    assert ReviewMeeting.objects.get().held_on == dt.date(2025, 12, 10)  # S-04
    party = Transfer.objects.get(person=second)
    assert (party.side, party.moved_on, party.old_unit_exists, party.comment_received) == (
        "PARTY", dt.date(2025, 7, 1), True, False,
    )  # fmt: skip
    state = Transfer.objects.get(person=first)
    assert (state.side, state.old_unit_from, state.comment_received, state.old_unit_exists) == (
        "STATE", dt.date(2020, 1, 1), True, False,
    )  # fmt: skip
    stay = TemporaryActivity.objects.get()
    assert (stay.cell, stay.end, stay.comment_received) == ("Chi bộ Công ty X", None, False)
    assert Conclusion.objects.get(person=second).concluded_on == dt.date(2025, 6, 20)
    assert Conclusion.objects.get(collective__code="BTV_CL").note == "mất đoàn kết nội bộ"
    vote = ConfidenceVote.objects.get()
    assert (vote.year, vote.voters, vote.low) == (2025, 25, 1)
    again = import_workbook(path_or_file=path)
    assert again.errors == []
    for sheet in FACT_SHEETS:
        assert (again.created[sheet], again.updated[sheet]) == (0, 0)
    changed = import_workbook(path_or_file=book(Tin_nhiem=[["CN001", 2025, 25, 10, 4, 11]]))
    assert changed.updated["Tin_nhiem"] == 1
    assert ConfidenceVote.objects.get().low == 11


@pytest.mark.parametrize(
    ("sheet", "rows", "column", "message"),
    [
        ("Hop_kiem_diem", [["XX", "10/12/2025", ""]], "Mã tổ chức", "XX"),
        ("Hop_kiem_diem", [["CB_VP", "31/02/2025", ""]], "Ngày họp", "không tồn tại"),
        (
            "Chuyen_den",
            [["CN002", "Chuyển sinh hoạt đảng", "01/07/2025", "Chi bộ cũ", "02/07/2025", "", ""]],
            "Ngày đến đơn vị cũ",
            "không thể sau",
        ),
        ("Chuyen_den", [["CN002", "Đi đâu đó", "01/07/2025", "Chi bộ cũ", "", "", ""]], "Loại", ""),
        ("Sinh_hoat_tam_thoi", [["CN002", "Chi bộ X", "01/03/2025", "01/02/2025", ""]], "Đến ngày", "trước"),
        ("Ket_luan", [["Tập thể", "CN002", "20/06/2025", ""]], "Mã đối tượng", "CN002"),
        ("Tin_nhiem", [["CN001", 2025, 10, 8, 2, 1]], "Số phiếu", "lớn hơn số phiếu"),
        ("Tin_nhiem", [["CN001", 2025, "mười", "", "", ""]], "Số phiếu", "số nguyên"),
    ],
)
def test_a_bad_fact_row_is_named_and_nothing_is_written(book, sheet, rows, column, message):
    result = import_workbook(path_or_file=book(**{sheet: rows}))
    errors = [e for e in result.errors if e.sheet == sheet]
    assert [(e.row, e.column) for e in errors] == [(2, column)]
    assert message in errors[0].message
    assert not Person.objects.exists()  # atomic: the good sheets are not written either
    assert not ReviewMeeting.objects.exists()


def test_a_deputys_unit_must_exist(book, headers, small_province, make_workbook):
    sheets = {k: [headers[k], *v] for k, v in small_province.items()}
    sheets["Ca_nhan"][1] = [*sheets["Ca_nhan"][1], "", "KHONG_CO"]
    result = import_workbook(path_or_file=make_workbook(sheets))
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [("Ca_nhan", 2, "Mã đơn vị phụ trách")]


def test_export_round_trip_of_the_fact_sheets(book, tmp_path):
    import_workbook(path_or_file=book())
    out = tmp_path / "out.xlsx"
    counts = export_workbook(path=out)
    assert [counts[s] for s in FACT_SHEETS] == [1, 2, 1, 2, 1]
    models = (ReviewMeeting, Transfer, TemporaryActivity, Conclusion, ConfidenceVote)

    def rows() -> list[list[tuple[object, ...]]]:  # without the ids, new after the re-import
        return [sorted((r[1:] for r in m.objects.values_list()), key=str) for m in models]

    before = rows()
    for m in models:
        m.objects.all().delete()
    result = import_workbook(path_or_file=out)
    assert result.errors == []
    assert rows() == before
    assert Person.objects.get(code="CN001").employed_from == dt.date(2025, 6, 1)
