"""The statistical tables as xlsx (laid out like the paper tables) and CSV, and the stats command (R-95)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command


@pytest.fixture
def workbook(province_campaign, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "bieu.xlsx"
    call_command("stats", year=2023, org="T", format="xlsx", output=str(path), stderr=io.StringIO())
    return load_workbook(path)


def _merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


@pytest.mark.django_db
def test_r95_xlsx_has_one_sheet_per_table_by_kind_and_by_unit(workbook):
    assert workbook.sheetnames == [
        "01 Tổ chức đảng", "02 Đảng viên", "03 Tập thể lãnh đạo", "04 Cán bộ lãnh đạo", "05 CBCCVC",
        "01b Tổ chức đảng (đơn vị)", "02b Đảng viên (đơn vị)", "03b Tập thể lãnh đạo (đơn vị)",
        "04b Cán bộ lãnh đạo (đơn vị)", "05b CBCCVC (đơn vị)",
    ]


@pytest.mark.django_db
def test_r95_xlsx_party_members_sheet_layout(workbook):
    ws = workbook["02 Đảng viên"]
    # Title block: the issuing committee, "Biểu số", the year in the title.
    assert ws["A1"].value == "TỈNH ỦY THỬ NGHIỆM"  # a provincial committee has no superior line
    assert ws["A2"].value == "*"
    assert any(c.value == "Biểu số 02" for c in ws[1])
    assert ws["A5"].value == "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2023"
    # Two header rows with merged cells: TT, Nội dung, Tổng số span both rows; the reasons and each
    # level sit under a merged group title.
    merged = _merged(ws)
    expected = {"A8:A9", "B8:B9", "C8:C9", "D8:H8", "I8:I9", "J8:J9", "K8:L8", "M8:N8", "O8:P8", "Q8:R8"}
    assert expected <= merged
    assert [ws.cell(8, c).value for c in (1, 2, 3, 4, 9, 10, 11, 13, 15, 17)] == [
        "TT", "Nội dung", "Tổng số", "Không đánh giá, xếp loại", "Chưa có kết quả", "Số đã xếp loại",
        "HTXS", "HTT", "HTNV", "KHTNV",
    ]
    assert [ws.cell(9, c).value for c in range(4, 9)] == [
        "Cộng", "Miễn công tác và sinh hoạt đảng", "Đình chỉ sinh hoạt đảng", "Mới kết nạp chưa đủ 6 tháng",
        "Lý do khác",
    ]
    assert [ws.cell(9, c).value for c in range(11, 19)] == ["SL", "%"] * 4
    # The total row: 11 members, 4 not classified, 1 pending, 6 rated, HTT 3 = 50.0 %.
    total = next(r for r in ws.iter_rows(min_row=11) if r[1].value == "Cộng")
    assert [c.value for c in total[2:10]] == [11, 4, 1, 1, 1, 1, 1, 6]
    assert total[12].value == 3
    assert total[13].value == 50.0
    assert total[13].number_format == "0.0"
    # Times New Roman, borders, signature line.
    assert ws["D8"].font.name == "Times New Roman"
    assert ws["D8"].border.top.style == "thin"
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "NGƯỜI LẬP BIỂU" in texts
    assert "T/M BAN THƯỜNG VỤ" in texts
    assert any(t.endswith("ngày … tháng … năm …") for t in texts)


@pytest.mark.django_db
def test_r95_xlsx_prints_landscape_a4_one_page_wide_with_repeated_headers(workbook):
    ws = workbook["02 Đảng viên"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert (ws.page_setup.fitToWidth or 1) == 1  # 1 is the OOXML default, which xlsxwriter leaves out
    assert ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$8:$10"


@pytest.mark.django_db
def test_r95_xlsx_by_unit_sheet_lists_direct_subordinates(workbook):
    ws = workbook["02b Đảng viên (đơn vị)"]
    assert ws["B8"].value == "Đơn vị"
    labels = [ws.cell(r, 2).value for r in range(11, 14)]
    assert labels == ["Đảng bộ huyện A", "Đảng bộ huyện B", "Cộng"]
    assert [ws.cell(r, 3).value for r in range(11, 14)] == [8, 3, 11]


@pytest.mark.django_db
def test_r95_stats_command_csv_to_stdout(province_campaign):
    from xeploai.reports.exports import CSV_HEADER

    out = io.StringIO()
    call_command("stats", year=2023, org="T.A", format="csv", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == CSV_HEADER
    assert rows[0][:6] == ["Biểu", "Cách chia", "TT", "Nội dung", "Tổng số", "Không đánh giá, xếp loại"]
    total = next(r for r in rows if r[0] == "Đảng viên" and r[1] == "theo loại" and r[3] == "Cộng")
    record = dict(zip(CSV_HEADER, total))
    assert record["Tổng số"] == "8"
    assert record["Không đánh giá: Miễn công tác và sinh hoạt đảng"] == "1"
    assert record["Không đánh giá: Mới thành lập chưa đủ 6 tháng"] == ""  # not a column for members
    assert record["HTT (SL)"] == "2"
    assert record["HTT (%)"] == "50.0"


@pytest.mark.django_db
def test_r95_stats_command_csv_file_has_bom(province_campaign, tmp_path):
    path = tmp_path / "bieu.csv"
    call_command("stats", year=2023, org="T", output=str(path), stderr=io.StringIO())
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"year": 2023, "org": "KHONG-CO"}, "Không tìm thấy tổ chức có mã «KHONG-CO»"),
        ({"year": 2019, "org": "T"}, "Không có đợt đánh giá năm 2019"),
        ({"year": 2023, "org": "T", "format": "xlsx"}, "Định dạng xlsx cần tham số --output"),
    ],
)
def test_r95_stats_command_refuses_bad_input_in_vietnamese(province_campaign, kwargs, message):
    with pytest.raises(CommandError, match=message):
        call_command("stats", **kwargs)


@pytest.mark.django_db
def test_r95_stats_command_exit_code_is_1_on_error(province_campaign, capsys):
    from django.core.management import execute_from_command_line

    with pytest.raises(SystemExit) as exc:
        execute_from_command_line(["manage.py", "stats", "--year", "2023", "--org", "KHONG-CO"])
    assert exc.value.code == 1
    assert "Không tìm thấy tổ chức" in capsys.readouterr().err
