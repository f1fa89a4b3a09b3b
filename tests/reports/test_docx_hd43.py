"""The Word documents of the HD43 forms (Hướng dẫn 43-HD/BTCTW mục 2.1 b; regulations.md F-HD43;
conventions.md §2.1–§2.3) for a QĐ366 campaign, read back with python-docx: Mẫu 01 for collectives, 2A
for leaders, 2B for the others, 2C for party members not working in the political system, each with the
written review, part B's points (R-58: …/30, …/70, …/100), the self-proposed level, the opinions, the
level of each stage with its reason and the signature blocks — and only as the reader's personal-data
policy lets them see it."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from docx import Document
from docx.oxml.ns import qn

ON = date(2026, 1, 10)


def _text(data: bytes) -> list[str]:
    doc = Document(io.BytesIO(data))
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p"))]


def _tables(data: bytes) -> list[list[list[str]]]:
    return [[[c.text for c in r.cells] for r in t.rows] for t in Document(io.BytesIO(data)).tables]


@pytest.fixture
def hd43(province_campaign):
    """The province's campaign under QĐ366 (2025), secretary_a1's review scored 27 + 63.5, an opinion and
    the chi bộ's proposal with its reason, the cell committee's report scored 25 + 60."""
    from xeploai.campaigns.models import Campaign, Opinion, Rating, Review, Subject

    p = province_campaign
    Campaign.objects.filter(pk=p.campaign.pk).update(ruleset="qd366-2025", year=2025)
    p.campaign.refresh_from_db()
    officer = p.district_a_officer
    officer.first_name, officer.last_name = "Võ Thị", "Hạnh"
    officer.save()
    leader = Subject.objects.get(campaign=p.campaign, person=p.secretary_a1, subject_type="LEADER")
    member = Subject.objects.get(campaign=p.campaign, person=p.secretary_a1, subject_type="PARTY_MEMBER")
    Review.objects.create(
        subject=leader,
        author=officer,
        strengths="Lãnh đạo chi bộ hoàn thành 12/12 chỉ tiêu.",
        limitations="Chậm nộp báo cáo quý.",
        causes="Thiếu người giúp việc.",
        responsibility="Chịu trách nhiệm về việc chậm báo cáo của chi ủy.",
        direction="Phân công lại.",
        general_points=Decimal(27),
        task_points=Decimal("63.5"),
        score=Decimal("90.5"),
        self_party_level=3,
    )
    Opinion.objects.create(
        subject=member,
        source="CELL_COMMITTEE",
        author=officer,
        text="Gương mẫu, sâu sát cơ sở.",
        proposed_level=3,
    )
    Rating.objects.create(
        subject=member,
        stage="PROPOSED",
        level=3,
        author=officer,
        based_on_version=1,
        justification="Đủ 90,5 điểm, 100 % nhiệm vụ đúng hạn.",
    )
    committee = Subject.objects.get(campaign=p.campaign, collective=p.cell_committee)
    Review.objects.create(
        subject=committee,
        author=officer,
        strengths="Chi ủy họp đủ 12 kỳ.",
        general_points=Decimal(25),
        task_points=Decimal(60),
        score=Decimal(85),
        self_party_level=2,
    )
    return p


def _zip(p, reader=None) -> zipfile.ZipFile:
    from xeploai.reports.docx import write_documents_zip

    out = io.BytesIO()
    write_documents_zip(out, campaign=p.campaign, root=p.commune_a1, on=ON, reader=reader)
    return zipfile.ZipFile(io.BytesIO(out.getvalue()))


@pytest.mark.django_db
def test_hd43_mau_2a_of_a_leader_carries_the_review_points_opinions_stages_and_signers(hd43):
    data = _zip(hd43).read("ca-nhan/T.A.X1.C1/P-SEC-A1.docx")
    text = _text(data)
    assert text[0] == "Mẫu 2A-HD KĐ.ĐG 2025"
    assert "BẢN KIỂM ĐIỂM, TỰ ĐÁNH GIÁ, XẾP LOẠI" in text
    at = text.index("BẢN KIỂM ĐIỂM, TỰ ĐÁNH GIÁ, XẾP LOẠI")
    assert text[at + 1 : at + 4] == ["của cá nhân", "Năm 2025", "(Cá nhân giữ chức vụ lãnh đạo, quản lý)"]
    assert "Họ và tên: Trần Văn Bình" in text
    for line in (
        "A. NỘI DUNG KIỂM ĐIỂM",
        "Lãnh đạo chi bộ hoàn thành 12/12 chỉ tiêu.",
        "Chậm nộp báo cáo quý.",
        "Nguyên nhân: Thiếu người giúp việc.",
        "Chịu trách nhiệm về việc chậm báo cáo của chi ủy.",
        "B. NỘI DUNG TỰ ĐÁNH GIÁ, XẾP LOẠI",
        "1. Nhóm tiêu chí chung: 27/30",
        "2. Nhóm tiêu chí về kết quả thực hiện nhiệm vụ: 63,5/70",
        "Tổng điểm: 90,5/100",
        "Chi bộ đề xuất xếp loại chất lượng: Hoàn thành xuất sắc nhiệm vụ",
        "NGƯỜI TỰ KIỂM ĐIỂM",
    ):
        assert line in text, line
    assert any(t.startswith("V. Làm rõ trách nhiệm của cá nhân") for t in text)
    assert any(t.startswith("VI. Phương hướng") for t in text)
    level = text[text.index("II. Tự nhận mức xếp loại chất lượng") + 1]
    assert level.startswith("☒ Hoàn thành xuất sắc nhiệm vụ")
    tables = _tables(data)
    opinions = next(t for t in tables if t[0][0] == "Người cho ý kiến")
    assert opinions[1] == [
        "Võ Thị Hạnh",
        "Chi ủy (bí thư chi bộ)",
        "Gương mẫu, sâu sát cơ sở.",
        "Hoàn thành xuất sắc nhiệm vụ",
    ]
    stages = next(t for t in tables if t[0][0] == "Bước")
    reason = "Đủ 90,5 điểm, 100 % nhiệm vụ đúng hạn."
    assert ["Đề xuất", "Đảng viên", "Hoàn thành xuất sắc nhiệm vụ", reason] in stages
    assert "Võ Thị Hạnh" in text  # the chi bộ's proposal is signed by the one who made it


@pytest.mark.django_db
def test_hd43_mau_2b_has_no_section_on_the_collective_and_blank_points_to_fill(hd43):
    text = _text(_zip(hd43).read("ca-nhan/T.A.X1.C2/P-MEM-A2.docx"))
    assert text[0] == "Mẫu 2B-HD KĐ.ĐG 2025"
    assert "(Cá nhân không giữ chức vụ lãnh đạo, quản lý)" in text
    assert "3. Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu của cá nhân theo quy định:" in text
    assert not any(t.startswith("V. Làm rõ trách nhiệm") for t in text)
    assert "V. Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm" in text
    assert "1. Nhóm tiêu chí chung: ......../30" in text
    assert any(t.startswith("(Gửi kèm Phụ lục về kết quả thực hiện nhiệm vụ") for t in text)


@pytest.mark.django_db
def test_hd43_mau_2c_for_a_member_outside_the_political_system(hd43):
    text = _text(_zip(hd43).read("ca-nhan/T.A.X1.C1/P-A1-PEN.docx"))
    assert text[0] == "Mẫu 2C-HD KĐ.ĐG 2025"
    assert "của đảng viên không làm việc trong hệ thống chính trị" in text
    assert any(t.startswith("2. Việc thực hiện quyền và nghĩa vụ của đảng viên") for t in text)
    scoring = next(t for t in text if t.startswith("I. Tự đánh giá, chấm điểm"))
    assert scoring.endswith("Phụ lục 5 Quy định 366-QĐ/TW")
    assert "Xếp loại chất lượng cán bộ, công chức, viên chức:" not in text


@pytest.mark.django_db
def test_hd43_mau_01_of_a_collective_carries_its_report_points_and_level(hd43):
    data = _zip(hd43).read(f"tap-the/{hd43.cell_committee.code}.docx")
    text = _text(data)
    assert text[0] == "Mẫu 01-HD KĐ.ĐG 2025"
    assert "kiểm điểm, tự đánh giá, xếp loại chất lượng tập thể Chi ủy Chi bộ ấp 1" in text
    assert "Chi ủy họp đủ 12 kỳ." in text
    assert "Tổng điểm: 85/100" in text
    assert text[text.index("II. Tự nhận mức xếp loại chất lượng") + 1].startswith(
        "☐ Hoàn thành xuất sắc nhiệm vụ   ☒ Hoàn thành tốt nhiệm vụ"
    )
    assert [line for line in _tables(data)[-1][0][1].split("\n") if line][:2] == ["T/M CHI ỦY", "BÍ THƯ"]


@pytest.mark.django_db
def test_hd43_forms_follow_the_readers_personal_data_policy(hd43):
    """A member who may not see the secretary's review record gets the blank 2A: no text, no points."""
    from xeploai.accounts import personal_data as pd

    def secretary_form(user) -> list[str]:
        return _text(_zip(hd43, reader=pd.reader_for(user)).read("ca-nhan/T.A.X1.C1/P-SEC-A1.docx"))

    officer = secretary_form(hd43.district_a_officer)
    assert "Tổng điểm: 90,5/100" in officer
    other = secretary_form(hd43.cell_a1_member)
    assert other[0] == "Mẫu 2A-HD KĐ.ĐG 2025"
    assert "Lãnh đạo chi bộ hoàn thành 12/12 chỉ tiêu." not in other
    assert "Tổng điểm: ......../100" in other
    assert "Gương mẫu, sâu sát cơ sở." not in other
    assert not any("☒" in t for t in other)


@pytest.mark.django_db
def test_r_100_hd43_forms_of_a_quarter_say_quy_and_year(hd43):
    """A quarter's campaign prints HD43's quarterly self-evaluation period, "Quý I năm 2026", on the
    individual's form and the collective's report, where the year's forms print "Năm 2025"."""
    from xeploai.campaigns.models import Campaign

    Campaign.objects.filter(pk=hd43.campaign.pk).update(year=2026, period=1)
    hd43.campaign.refresh_from_db()
    archive = _zip(hd43)
    text = _text(archive.read("ca-nhan/T.A.X1.C1/P-SEC-A1.docx"))
    at = text.index("BẢN KIỂM ĐIỂM, TỰ ĐÁNH GIÁ, XẾP LOẠI")
    assert text[at + 1 : at + 3] == ["của cá nhân", "Quý I năm 2026"]
    assert not any(t.startswith("Năm ") for t in text)
    collective = _text(archive.read(f"tap-the/{hd43.cell_committee.code}.docx"))
    assert "quý I năm 2026" in collective
    assert "năm 2025" not in " ".join(collective)
