"""Word documents in the party format (conventions.md §1.1, §1.3, §2.2, §2.3; regulations.md §9 F-01, F-02A).

Each test opens the generated file with python-docx and reads what a clerk would check.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from datetime import date

import pytest
from docx import Document
from docx.enum.text import WD_TAB_LEADER
from docx.oxml.ns import qn

from xeploai.reports.party_doc import date_line, issuer_for, number_line

ON = date(2024, 2, 5)


def _open(data: bytes):
    return Document(io.BytesIO(data))


def _cell_lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text]


def _all_text(doc) -> list[str]:
    texts = []
    for p in doc.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if text:
            texts.append(text)
    return texts


def _paragraph(doc_or_cell, text: str):
    for p in doc_or_cell.paragraphs:
        if p.text == text:
            return p
    raise AssertionError(f"no paragraph {text!r}")


def test_date_line_leading_zeros_for_days_under_10_and_months_1_2():
    assert date_line("Cao Lãnh", date(2024, 2, 5)) == "Cao Lãnh, ngày 05 tháng 02 năm 2024"
    assert date_line("Tam Nông", date(2023, 12, 15)) == "Tam Nông, ngày 15 tháng 12 năm 2023"
    assert date_line("Đồng Tháp", date(2023, 8, 2)) == "Đồng Tháp, ngày 02 tháng 8 năm 2023"
    assert date_line("Hạ Long", date(2018, 1, 20)) == "Hạ Long, ngày 20 tháng 01 năm 2018"


def test_number_party_style_no_colon_hyphen_before_type_blank_by_default():
    assert number_line(45, "BC", "HU") == "Số 45-BC/HU"
    assert number_line(7, "BC", "ĐU") == "Số 07-BC/ĐU"
    assert re.fullmatch(r"Số {3,}-BC/ĐU", number_line(None, "BC", "ĐU"))
    assert ":" not in number_line(None, "BC", "ĐU")


def test_issuer_of_a_district_committee():
    issuer = issuer_for("Đảng bộ huyện Tam Nông", "DISTRICT_COMMITTEE", "Đảng bộ tỉnh Đồng Tháp")
    assert (issuer.superior, issuer.name, issuer.abbreviation, issuer.place) == (
        "Đảng bộ tỉnh Đồng Tháp", "Huyện ủy Tam Nông", "HU", "Tam Nông",
    )
    assert (issuer.authority, issuer.signer_title) == ("T/M BAN THƯỜNG VỤ", "BÍ THƯ")
    commune = issuer_for("Đảng bộ xã Phú Đức", "GRASSROOTS_COMMITTEE", "Đảng bộ huyện Tam Nông")
    assert (commune.name, commune.abbreviation, commune.authority) == (
        "Đảng ủy xã Phú Đức", "ĐU", "T/M ĐẢNG ỦY",
    )


def _check_page_and_font(doc) -> None:
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4 portrait
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "Times New Roman"
    assert 13 <= normal.font.size.pt <= 14


@pytest.mark.django_db
def test_summary_report_header_title_signature_and_page(province_campaign):
    from xeploai.reports.docx import summary_report

    p = province_campaign
    doc = _open(summary_report(campaign=p.campaign, root=p.district_a, on=ON))
    _check_page_and_font(doc)
    left, right = doc.tables[0].rows[0].cells
    assert _cell_lines(left) == ["ĐẢNG BỘ TỈNH THỬ NGHIỆM", "HUYỆN ỦY A", "*", "Số       -BC/HU"]
    assert left.paragraphs[1].runs[0].bold
    assert _cell_lines(right) == ["ĐẢNG CỘNG SẢN VIỆT NAM", "A, ngày 05 tháng 02 năm 2024"]
    assert right.paragraphs[0].runs[0].bold
    assert right.paragraphs[1]._p.pPr.find(qn("w:pBdr")) is not None  # the rule under the title
    assert _paragraph(right, "A, ngày 05 tháng 02 năm 2024").runs[0].italic
    title = _paragraph(doc, "BÁO CÁO")
    assert title.runs[0].bold
    summary = _paragraph(doc, "kết quả kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên")
    assert summary.runs[0].bold
    assert "-----" in [p.text for p in doc.paragraphs]
    # The figures come from the statistics of Huyện A.
    text = _all_text(doc)
    assert any(t.startswith("Tổng số: 8; không đánh giá, xếp loại: 3 (miễn công tác và sinh hoạt đảng: 1;")
               for t in text)
    assert any("Hoàn thành tốt nhiệm vụ: 2 (50,0 %)" in t for t in text)
    # Signature and recipients: T/M, no K/T; "Nơi nhận:" underlined; archive line without colon or VT.
    sign_left, sign_right = doc.tables[-1].rows[0].cells
    assert _cell_lines(sign_right)[:2] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]
    assert "K/T" not in " ".join(text)
    recipients = _cell_lines(sign_left)
    assert recipients[0] == "Nơi nhận:"
    assert sign_left.paragraphs[0].runs[0].underline
    assert recipients[1] == "- Ban Tổ chức Tỉnh ủy Thử Nghiệm,"
    assert recipients[-1] == "- Lưu Văn phòng Huyện ủy."
    assert "VT" not in recipients[-1]
    assert doc.tables[-1].rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    # File > Properties names the system, not the library's template.
    props = doc.core_properties
    assert (props.author, props.last_modified_by, props.comments) == ("xeploai", "xeploai", "")
    assert props.created.year >= 2026


@pytest.mark.django_db
def test_summary_report_takes_a_number(province_campaign):
    from xeploai.reports.docx import summary_report

    p = province_campaign
    doc = _open(summary_report(campaign=p.campaign, root=p.province, number=12, on=ON))
    left = doc.tables[0].rows[0].cells[0]
    assert _cell_lines(left) == ["TỈNH ỦY THỬ NGHIỆM", "*", "Số 12-BC/TU"]


@pytest.mark.django_db
def test_decided_list_rows(province_campaign):
    from xeploai.reports.docx import decided_list

    p = province_campaign
    doc = _open(decided_list(campaign=p.campaign, root=p.province, on=ON))
    _check_page_and_font(doc)
    headings = [t for t in _all_text(doc) if re.match(r"^[IVX]+\. ", t)]
    assert headings == [
        "I. TỔ CHỨC ĐẢNG", "II. TẬP THỂ LÃNH ĐẠO, QUẢN LÝ", "III. CÁ NHÂN CÁN BỘ LÃNH ĐẠO, QUẢN LÝ",
        "IV. ĐẢNG VIÊN", "V. CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC",
    ]
    members = doc.tables[4]  # header table, then one table per group
    rows = [[c.text for c in r.cells] for r in members.rows]
    assert rows[0] == ["TT", "Họ và tên", "Chức vụ", "Mức xếp loại"]
    # Vietnamese name order (given name first); the hand-excluded member and those without a decision
    # are not listed; the latest decision counts.
    assert [(r[0], r[1], r[3]) for r in rows[1:]] == [
        ("1", "Nguyễn Văn An", "Hoàn thành tốt nhiệm vụ"),
        ("2", "Đặng Văn Ân", "Hoàn thành tốt nhiệm vụ"),
        ("3", "Trần Văn Bình", "Hoàn thành xuất sắc nhiệm vụ"),
        ("4", "Lê Thị Cúc", "Hoàn thành tốt nhiệm vụ"),
        ("5", "Phan Thị Hoàn", "Hoàn thành nhiệm vụ"),
        ("6", "Đỗ Văn Yếu", "Không hoàn thành nhiệm vụ"),
    ]
    assert rows[3][2] == "Bí thư chi bộ"
    orgs = [[c.text for c in r.cells] for r in doc.tables[1].rows]
    assert orgs[1:] == [
        ["1", "Đảng bộ xã A1", "Đảng bộ cơ sở", "Hoàn thành tốt nhiệm vụ"],
        ["2", "Chi bộ ấp 1", "Chi bộ trực thuộc", "Hoàn thành xuất sắc nhiệm vụ"],
        ["3", "Chi bộ ấp 2", "Chi bộ trực thuộc", "Hoàn thành tốt nhiệm vụ"],
        ["4", "Chi bộ Trường Tiểu học B", "Chi bộ cơ sở", "Không hoàn thành nhiệm vụ"],
    ]
    assert any(t.startswith("(Kèm theo Quyết định số ") and "-QĐ/TU" in t for t in _all_text(doc))


@pytest.mark.django_db
def test_collective_report_sections_and_signature(province_campaign):
    from xeploai.campaigns.models import Rating, Subject
    from xeploai.reports.docx import collective_report, subject_levels

    p = province_campaign
    subject = Subject.objects.get(campaign=p.campaign, collective=p.cell_committee)
    Rating.objects.create(subject=subject, stage="SELF", level=3, based_on_version=1)
    doc = _open(collective_report(subject=subject, levels=subject_levels([subject.pk])[subject.pk], on=ON))
    _check_page_and_font(doc)
    left = doc.tables[0].rows[0].cells[0]
    assert _cell_lines(left) == ["ĐẢNG BỘ XÃ A1", "CHI BỘ ẤP 1", "*", "Số       -BC/CB"]
    text = _all_text(doc)
    assert "kiểm điểm, đánh giá, xếp loại chất lượng tập thể Chi ủy Chi bộ ấp 1" in text
    for heading in (
        "A. NỘI DUNG KIỂM ĐIỂM", "I. Ưu điểm, kết quả đạt được", "II. Hạn chế, khuyết điểm và nguyên nhân",
        "VI. Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm", "B. TỰ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG",
    ):
        assert heading in text
    assert any(t.startswith("☒ Hoàn thành xuất sắc nhiệm vụ   ☐ Hoàn thành tốt nhiệm vụ") for t in text)
    assert _cell_lines(doc.tables[-1].rows[0].cells[1])[:2] == ["T/M CHI ỦY", "BÍ THƯ"]


@pytest.mark.django_db
def test_self_review_of_a_leader_is_prefilled(province_campaign):
    from xeploai.campaigns.models import Subject
    from xeploai.reports.docx import self_review, subject_levels

    p = province_campaign
    subjects = list(Subject.objects.filter(campaign=p.campaign, person=p.secretary_a1).select_related("unit"))
    levels = subject_levels([s.pk for s in subjects])
    memberships = list(p.secretary_a1.memberships.select_related("collective"))
    doc = _open(self_review(person=p.secretary_a1, subjects=subjects, levels=levels, memberships=memberships,
                            collectives=[("Chi ủy Chi bộ ấp 1", 2)], on=ON))
    _check_page_and_font(doc)
    text = _all_text(doc)
    assert text[0] == "Mẫu 02A-HD KĐ.ĐG 2019"
    assert _cell_lines(doc.tables[0].rows[0].cells[0]) == ["ĐẢNG BỘ XÃ A1", "CHI BỘ ẤP 1", "*"]
    assert "BẢN KIỂM ĐIỂM CÁ NHÂN" in text
    assert "Năm 2023" in text
    assert "(Dùng cho cá nhân giữ chức vụ lãnh đạo, quản lý)" in text
    assert "Họ và tên: Trần Văn Bình" in text
    assert "Chức vụ Đảng: Bí thư, Chi ủy Chi bộ ấp 1" in text
    assert "Chức vụ chính quyền: Bí thư chi bộ" in text
    assert "Chi bộ: Chi bộ ấp 1" in text
    assert any(t.startswith("3. Kết quả lãnh đạo, chỉ đạo") for t in text)
    assert "- Chi ủy Chi bộ ấp 1 (tập thể được xếp loại: Hoàn thành tốt nhiệm vụ):" in text
    assert "VII. Tự nhận mức xếp loại chất lượng" in text
    assert "Đảng ủy (chi ủy) cơ sở quyết định xếp loại chất lượng: Hoàn thành xuất sắc nhiệm vụ" in text
    assert "NGƯỜI TỰ KIỂM ĐIỂM" in text


@pytest.mark.django_db
def test_self_review_of_a_member_without_post(province_campaign):
    from xeploai.campaigns.models import Subject
    from xeploai.reports.docx import self_review, subject_levels

    p = province_campaign
    subjects = list(Subject.objects.filter(campaign=p.campaign, person=p.member_a2).select_related("unit"))
    levels = subject_levels([s.pk for s in subjects])
    text = _all_text(_open(self_review(person=p.member_a2, subjects=subjects, levels=levels, on=ON)))
    assert "(Dùng cho cá nhân không giữ chức vụ lãnh đạo, quản lý)" in text
    assert "Ngày sinh: 02/03/1990" in text
    assert "Đơn vị công tác: Ủy ban nhân dân huyện A" in text
    assert not any(t.startswith("3. Kết quả lãnh đạo") for t in text)
    assert "3. Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm:" in text


@pytest.mark.django_db
def test_documents_zip_for_a_subtree(province_campaign, django_assert_max_num_queries):
    from xeploai.reports.docx import documents_zip

    p = province_campaign
    with django_assert_max_num_queries(12):
        data = documents_zip(campaign=p.campaign, root=p.commune_a1, on=ON)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = sorted(zf.namelist())
        assert names == sorted([
            "00-bao-cao-tong-hop.docx", "01-danh-sach-xep-loai.docx",
            "tap-the/COL-A1.docx", "tap-the/COL-X1.docx",
            "ca-nhan/T.A.X1.C1/P-SEC-A1.docx", "ca-nhan/T.A.X1.C1/P-MEM-A1.docx",
            "ca-nhan/T.A.X1.C1/P-A1-NEW.docx", "ca-nhan/T.A.X1.C1/P-A1-EX.docx",
            "ca-nhan/T.A.X1.C1/P-A1-PEN.docx",
            "ca-nhan/T.A.X1.C2/P-MEM-A2.docx", "ca-nhan/T.A.X1.C2/P-A2-SUS.docx",
            "ca-nhan/T.A.X1.C2/P-A2-HTNV.docx",
        ])
        report = Document(io.BytesIO(zf.read("00-bao-cao-tong-hop.docx")))
        assert _cell_lines(report.tables[0].rows[0].cells[0])[:2] == ["ĐẢNG BỘ HUYỆN A", "ĐẢNG ỦY XÃ A1"]


@pytest.mark.django_db
def test_export_documents_command(province_campaign, tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "van-ban.zip"
    call_command("export_documents", year=2023, org="T.B", output=str(path), stderr=io.StringIO())
    with zipfile.ZipFile(path) as zf:
        assert "tap-the/COL-B-BTV.docx" in zf.namelist()
    with pytest.raises(CommandError, match="Không có đợt đánh giá năm 2022"):
        call_command("export_documents", year=2022, org="T.B", output=str(path))


@pytest.mark.django_db
def test_rendered_package_is_valid_and_escapes_text(province_campaign):
    """A filled template is a valid package: text escaped, characters XML cannot hold dropped."""
    from xeploai.campaigns.models import Review, Subject
    from xeploai.reports.doc_content import subject_contents
    from xeploai.reports.docx import self_review, subject_levels

    p = province_campaign
    subjects = list(Subject.objects.filter(campaign=p.campaign, person=p.member_a2).select_related("unit"))
    ids = [s.pk for s in subjects]
    Review.objects.create(subject=subjects[0], strengths="Trần <Văn> & Bình\x07\n\n{{ không phải mẫu }}")
    data = self_review(person=p.member_a2, subjects=subjects, levels=subject_levels(ids), on=ON,
                       contents=subject_contents(ids))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None  # every CRC checks
        names = zf.namelist()
        assert names[0] == "[Content_Types].xml"
        # Every relationship points at a part of the package.
        targets = set()
        for rels in (n for n in names if n.endswith(".rels")):
            base = rels.replace("_rels/", "").removesuffix(".rels").rpartition("/")[0]
            for target in re.findall(r'Target="([^"]+)"', zf.read(rels).decode()):
                targets.add(posixpath.normpath(posixpath.join(base, target)))
        assert targets <= set(names)
        assert len(data) < 30_000  # no Word 2010 copy of the styles, no thumbnail, no unused styles
    opened = _open(data)
    _check_page_and_font(opened)
    text = _all_text(opened)
    assert "Trần <Văn> & Bình" in text
    assert "{{ không phải mẫu }}" in text  # written text is data, never a template
    # Two documents in a row share nothing but the template.
    again = self_review(person=p.member_a2, subjects=subjects, levels=subject_levels(ids), on=ON)
    assert "Trần <Văn> & Bình" not in _all_text(_open(again))


@pytest.mark.django_db
def test_tables_grid_matches_cell_widths_and_properties_in_schema_order(province_campaign):
    """LibreOffice lays fixed tables out by the grid: it must carry the cell widths (75 | 90 mm header)."""
    from xeploai.reports.docx import summary_report

    p = province_campaign
    doc = _open(summary_report(campaign=p.campaign, root=p.district_a, on=ON))
    for table in doc.tables:
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        cells = [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in table._tbl.tr_lst[0].tc_lst]
        assert grid == cells
    header = doc.tables[0]
    assert [round(w / 56.7) for w in (int(c.get(qn("w:w"))) for c in header._tbl.tblGrid)] == [75, 90]
    # CT_PPr and CT_TblPr are sequences: a border after the spacing is invalid OOXML (Word may repair it).
    rule = header.rows[0].cells[1].paragraphs[1]._p.pPr
    assert [c.tag.split("}")[1] for c in rule] == ["pBdr", "spacing", "ind"]
    tbl_pr = [c.tag.split("}")[1] for c in header._tbl.tblPr]
    assert tbl_pr.index("tblBorders") < tbl_pr.index("tblLayout") < tbl_pr.index("tblLook")


def test_a_cell_dates_its_documents_where_its_parent_sits():
    cell = issuer_for("Chi bộ ấp 1", "CELL", "Đảng bộ xã Phú Đức")
    assert (cell.name, cell.abbreviation, cell.place) == ("Chi bộ ấp 1", "CB", "Phú Đức")
    school = issuer_for("Chi bộ Trường Tiểu học B", "GRASSROOTS_CELL", "Đảng bộ huyện Tam Nông")
    assert school.place == "Tam Nông"
    # A parent not named after a place gives nothing better than the cell's own name.
    assert issuer_for("Chi bộ Phòng Tư pháp", "CELL", "Đảng bộ Khối cơ quan").place == "Chi bộ Phòng Tư pháp"


@pytest.mark.django_db
def test_headings_stay_with_their_table_and_dotted_lines_reach_the_margin(province_campaign):
    from xeploai.reports.docx import decided_list

    p = province_campaign
    doc = _open(decided_list(campaign=p.campaign, root=p.province, on=ON))
    heading = _paragraph(doc, "V. CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC")
    assert heading.paragraph_format.keep_with_next
    assert heading.runs[0].bold
    doc = _open(_collective_report_of(province_campaign))
    dotted = [p for p in doc.paragraphs if p.text == "\t"]
    assert len(dotted) >= 20
    tab = dotted[0].paragraph_format.tab_stops[0]
    assert (round(tab.position.mm), tab.leader) == (165, WD_TAB_LEADER.DOTS)  # 210 - 30 - 15 mm


def _collective_report_of(p) -> bytes:
    from xeploai.campaigns.models import Subject
    from xeploai.reports.docx import collective_report

    subject = Subject.objects.get(campaign=p.campaign, collective=p.cell_committee)
    return collective_report(subject=subject, on=ON)


def test_level_boxes_two_a_line_chosen_one_ticked():
    from xeploai.reports.docx import level_boxes
    from xeploai.rules.levels import Level

    assert level_boxes(Level.GOOD).split("\n") == [
        "☐ Hoàn thành xuất sắc nhiệm vụ   ☒ Hoàn thành tốt nhiệm vụ",
        "☐ Hoàn thành nhiệm vụ   ☐ Không hoàn thành nhiệm vụ",
    ]
    assert "☒" not in level_boxes(None)


def test_make_docx_templates_writes_the_templates_with_their_tags(tmp_path):
    from django.core.management import call_command

    call_command("make_docx_templates", output=str(tmp_path), stderr=io.StringIO())
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["collective_report.docx", "decided_list.docx", "hd43_mau_01.docx", "hd43_mau_2a.docx",
                     "hd43_mau_2b.docx", "hd43_mau_2c.docx", "self_review.docx", "summary_report.docx"]
    for path in tmp_path.iterdir():
        with zipfile.ZipFile(path) as zf:
            xml = zf.read("word/document.xml").decode()
        assert "{{ h.issuer }}" in xml  # the header every party document shares
        assert "{%p if h.superior %}" in xml
