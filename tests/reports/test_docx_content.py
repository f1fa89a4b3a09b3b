"""The forms in the documents zip carry the content: the written review, the opinions given, the level of
each stage with its reason and the signers — and only for a reader the personal-data policy lets see them."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn

ON = date(2024, 2, 5)


def _text(data: bytes) -> list[str]:
    doc = Document(io.BytesIO(data))
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p"))]


def _tables(data: bytes) -> list[list[list[str]]]:
    return [[[c.text for c in r.cells] for r in t.rows] for t in Document(io.BytesIO(data)).tables]


@pytest.fixture
def written(province_campaign):
    """secretary_a1's written review, an opinion and the chi bộ's proposal with its reason."""
    from xeploai.campaigns.models import Opinion, Rating, Review, Subject

    p = province_campaign
    officer = p.district_a_officer
    officer.first_name, officer.last_name = "Võ Thị", "Hạnh"
    officer.save()
    leader = Subject.objects.get(campaign=p.campaign, person=p.secretary_a1, subject_type="LEADER")
    member = Subject.objects.get(campaign=p.campaign, person=p.secretary_a1, subject_type="PARTY_MEMBER")
    Review.objects.create(
        subject=leader, author=officer, strengths="Lãnh đạo chi bộ hoàn thành 12/12 chỉ tiêu.\nĐoàn kết tốt.",
        limitations="Chậm nộp báo cáo quý.", causes="Thiếu người giúp việc.",
        direction="Phân công lại việc báo cáo.", self_party_level=3,
    )
    Opinion.objects.create(subject=member, source="CELL_COMMITTEE", author=officer,
                           text="Gương mẫu, sâu sát cơ sở.", proposed_level=3)
    Rating.objects.create(subject=member, stage="PROPOSED", level=3, author=officer, based_on_version=1,
                          justification="Vượt chỉ tiêu phát triển đảng viên.")
    return p


def _secretary_form(zip_data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(zip_data)) as zf:
        return zf.read("ca-nhan/T.A.X1.C1/P-SEC-A1.docx")


@pytest.mark.django_db
def test_self_review_in_the_zip_carries_the_review_opinions_levels_and_signers(written):
    from xeploai.reports.docx import documents_zip

    form = _secretary_form(documents_zip(campaign=written.campaign, root=written.commune_a1, on=ON))
    text = _text(form)
    # The written review, section by section, in place of the dotted lines.
    assert "Lãnh đạo chi bộ hoàn thành 12/12 chỉ tiêu." in text
    assert "Đoàn kết tốt." in text
    assert "Chậm nộp báo cáo quý." in text
    assert "Nguyên nhân: Thiếu người giúp việc." in text
    assert "Phân công lại việc báo cáo." in text
    assert not any(t.startswith("3. Kết quả lãnh đạo") for t in text)  # the items give way to the text
    # The chi bộ's assessment is its opinion; its proposal is signed by the one who wrote it.
    assert text[text.index("Nhận xét, đánh giá của chi ủy (chi bộ):") + 1] == "Gương mẫu, sâu sát cơ sở."
    assert "Chi bộ đề xuất xếp loại chất lượng: Hoàn thành xuất sắc nhiệm vụ" in text
    assert "Võ Thị Hạnh" in text
    tables = _tables(form)
    opinions = next(t for t in tables if t[0][0] == "Người cho ý kiến")
    assert opinions[1][1:] == ["Chi ủy (bí thư chi bộ)", "Gương mẫu, sâu sát cơ sở.",
                               "Hoàn thành xuất sắc nhiệm vụ"]
    assert opinions[1][0] == "Võ Thị Hạnh"  # a name, never the username
    stages = next(t for t in tables if t[0][0] == "Bước")
    assert ["Đề xuất", "Đảng viên", "Hoàn thành xuất sắc nhiệm vụ",
            "Vượt chỉ tiêu phát triển đảng viên."] in stages
    assert any(row[0] == "Quyết định" for row in stages)


@pytest.mark.django_db
def test_a_form_without_a_written_review_keeps_the_lines_to_fill_by_hand(written):
    from xeploai.reports.docx import documents_zip

    with zipfile.ZipFile(io.BytesIO(documents_zip(campaign=written.campaign, root=written.commune_a1,
                                                  on=ON))) as zf:
        text = _text(zf.read("ca-nhan/T.A.X1.C2/P-MEM-A2.docx"))
    assert "3. Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm:" in text
    assert "Lãnh đạo chi bộ hoàn thành 12/12 chỉ tiêu." not in text
    assert not any(t.startswith("Người cho ý kiến") for t in text)  # no opinions: no opinions table


@pytest.mark.django_db
def test_collective_report_carries_its_written_report_and_opinions(written):
    from xeploai.campaigns.models import Opinion, Review, Subject
    from xeploai.reports.docx import documents_zip

    p = written
    subject = Subject.objects.get(campaign=p.campaign, collective=p.cell_committee)
    Review.objects.create(subject=subject, author=p.district_a_officer, strengths="Chi ủy họp đủ 12 kỳ.",
                          responsibility="Bí thư chịu trách nhiệm chính.")
    Opinion.objects.create(subject=subject, source="SUPERVISOR", author=p.district_a_officer,
                           text="Đồng ý với báo cáo.")
    with zipfile.ZipFile(io.BytesIO(documents_zip(campaign=p.campaign, root=p.commune_a1, on=ON))) as zf:
        data = zf.read(f"tap-the/{p.cell_committee.code}.docx")
    text = _text(data)
    assert "Chi ủy họp đủ 12 kỳ." in text
    assert "Bí thư chịu trách nhiệm chính." in text
    assert not any(t.startswith("1. Việc chấp hành nguyên tắc") for t in text)
    opinions = next(t for t in _tables(data) if t[0][0] == "Người cho ý kiến")
    assert opinions[1][1:3] == ["Ủy viên Ban Thường vụ phụ trách", "Đồng ý với báo cáo."]


@pytest.mark.django_db
def test_the_review_record_follows_the_readers_personal_data_policy(written):
    """A reader who may not see a person's review record gets the blank form for that person."""
    from xeploai.accounts import personal_data as pd
    from xeploai.reports.docx import write_documents_zip

    def form_for(user) -> list[str]:
        out = io.BytesIO()
        write_documents_zip(out, campaign=written.campaign, root=written.commune_a1, on=ON,
                            reader=pd.reader_for(user))
        return _text(_secretary_form(out.getvalue()))

    officer = form_for(written.district_a_officer)
    assert "Lãnh đạo chi bộ hoàn thành 12/12 chỉ tiêu." in officer
    assert "Gương mẫu, sâu sát cơ sở." in officer
    other_member = form_for(written.cell_a1_member)  # MEMBER: another person's record is hidden
    assert "Lãnh đạo chi bộ hoàn thành 12/12 chỉ tiêu." not in other_member
    assert "Gương mẫu, sâu sát cơ sở." not in other_member
    assert "Chi bộ đề xuất xếp loại chất lượng: Hoàn thành xuất sắc nhiệm vụ" not in other_member
    assert not any("☒" in t for t in other_member)
    assert "Họ và tên: Trần Văn Bình" in other_member  # the form itself stays
