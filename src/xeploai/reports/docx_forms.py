"""The party documents as templates (conventions.md §1, §2.1–§2.3): what each one holds, in order.

The 2023 forms (``collective_report``, ``self_review``: HD21 Mẫu 01, 02) and the HD43 forms of the QĐ366
rulesets (``hd43_mau_01``, ``hd43_mau_2a``, ``hd43_mau_2b``, ``hd43_mau_2c``; which subject writes which
is decided by ``campaigns.review_forms.form_for``).

Each builder returns a python-docx document carrying docxtpl tags; ``make_docx_templates`` saves them
into ``docx_templates/``. The names of the context each template reads are listed in its docstring and
filled by ``reports.docx``.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument

from xeploai.reports import docx_layout as lay
from xeploai.reports.stats import LEVELS_DESC

OPINION_HEADER = ("Người cho ý kiến", "Với tư cách", "Nội dung ý kiến", "Mức đề xuất")
STAGE_HEADER = ("Bước", "Xếp loại", "Mức xếp loại", "Lý do, căn cứ")


def assessment(doc: DocxDocument) -> None:
    """The opinions given and the level of each stage with its reason (``opinions``, ``stages``)."""
    lay.tag(doc, "if opinions")
    lay.heading(doc, "Ý kiến nhận xét, đánh giá")
    lay.data_table(doc, OPINION_HEADER, (35, 33, 62, 35), loop="opinions", size=12)
    lay.tag(doc, "endif")
    lay.tag(doc, "if stages")
    lay.heading(doc, "Mức xếp loại qua các bước")
    lay.data_table(doc, STAGE_HEADER, (28, 37, 40, 60), loop="stages", size=12)
    lay.tag(doc, "endif")


def summary_report() -> DocxDocument:
    """Context: ``h``, ``summary``, ``subtitle``, ``intro``, ``sections`` (heading, figures, rows),
    ``sign``."""
    doc = lay.new_document()
    lay.header(doc)
    lay.title(doc, "Báo cáo")
    lay.body(doc, "{{ intro }}")
    lay.tag(doc, "for section in sections")
    lay.heading(doc, "{{ section.heading }}")
    lay.body(doc, "{{ section.figures }}")
    lay.data_table(doc, ("Nội dung", "Tổng số", "Không đánh giá", *[lv.short for lv in LEVELS_DESC]),
                   (37, 14, 18, 24, 24, 24, 24), loop="section.rows", size=11, center_cols=range(1, 7))
    lay.tag(doc, "endfor")
    lay.signature(doc, "sign")
    return doc


def decided_list() -> DocxDocument:
    """Context: ``h``, ``summary``, ``subtitle``, ``groups`` (heading, headers, rows), ``sign``."""
    doc = lay.new_document()
    lay.header(doc)
    lay.title(doc, "Danh sách")
    lay.tag(doc, "for group in groups")
    lay.heading(doc, "{{ group.heading }}")
    lay.data_table(doc, ("TT", "{{ group.name_header }}", "{{ group.position_header }}", "Mức xếp loại"),
                   (10, 50, 42, 63), loop="group.rows", center_cols=(0,))
    lay.tag(doc, "endfor")
    lay.tag(doc, "if not groups")
    lay.body(doc, "Chưa có kết quả xếp loại.")
    lay.tag(doc, "endif")
    lay.signature(doc, "sign")
    return doc


COLLECTIVE_ITEMS = (
    "1. Việc chấp hành nguyên tắc tổ chức và hoạt động, nhất là nguyên tắc tập trung dân chủ; "
    "thực hiện quy chế làm việc:",
    "2. Kết quả thực hiện các chỉ tiêu nghị quyết đại hội và kế hoạch công tác năm:",
    "3. Công tác xây dựng, chỉnh đốn Đảng; tinh gọn tổ chức bộ máy:",
    "4. Trách nhiệm của tập thể lãnh đạo, quản lý trong tổ chức thực hiện các chủ trương của Đảng:",
)
LATER_SECTIONS = (
    ("II. Hạn chế, khuyết điểm và nguyên nhân", "limitations"),
    ("III. Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền kết luận "
     "hoặc được chỉ ra ở các kỳ kiểm điểm trước", "remedy_results"),
    ("IV. Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)", "explanations"),
)


def _items_or_text(doc: DocxDocument, name: str, items: tuple[str, ...]) -> None:
    """The written text of ``name``, or the form's numbered items with dotted lines under each."""
    lay.tag(doc, f"if {name}")
    lay.body(doc, f"{{{{ {name} }}}}")
    lay.tag(doc, "else")
    for item in items:
        lay.body(doc, item)
        lay.dotted(doc, 2)
    lay.tag(doc, "endif")


def collective_report() -> DocxDocument:
    """Context: ``form``, ``h``, ``summary``, the sections' texts, ``year``, ``self_boxes``, ``opinions``,
    ``stages``, ``sign``."""
    doc = lay.new_document()
    lay.form_line(doc)
    lay.header(doc)
    lay.title(doc, "Báo cáo")
    lay.heading(doc, "A. NỘI DUNG KIỂM ĐIỂM")
    lay.heading(doc, "I. Ưu điểm, kết quả đạt được")
    _items_or_text(doc, "strengths", COLLECTIVE_ITEMS)
    for text, name in (*LATER_SECTIONS,
                       ("V. Làm rõ trách nhiệm của tập thể và cá nhân đối với những hạn chế, khuyết điểm",
                        "responsibility"),
                       ("VI. Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm", "direction")):
        lay.heading(doc, text)
        lay.written(doc, name, 3)
    lay.heading(doc, "B. TỰ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG")
    lay.body(doc, "Tập thể tự nhận mức xếp loại chất lượng năm {{ year }}:")
    lay.level_boxes(doc, "self_boxes")
    assessment(doc)
    lay.signature(doc, "sign")
    return doc


MEMBER_ITEMS = (
    "1. Về tư tưởng chính trị; phẩm chất đạo đức, lối sống; ý thức tổ chức kỷ luật; tác phong, lề lối "
    "làm việc:",
    "2. Về kết quả thực hiện chức trách, nhiệm vụ được giao:",
)
LEADER_ITEMS = (
    "3. Kết quả lãnh đạo, chỉ đạo, quản lý, điều hành; mức độ hoàn thành nhiệm vụ của cơ quan, "
    "đơn vị được giao phụ trách; khả năng quy tụ, đoàn kết:",
    "4. Tinh thần trách nhiệm, năng động, đổi mới, sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm:",
    "5. Trách nhiệm nêu gương của bản thân và gia đình; đấu tranh phòng, chống tham nhũng, lãng phí, "
    "tiêu cực:",
    "6. Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm:",
)
COMMITMENT_ITEM = "3. Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm:"


def _self_review_strengths(doc: DocxDocument) -> None:
    lay.heading(doc, "I. Ưu điểm, kết quả đạt được")
    lay.tag(doc, "if is_leader")
    _items_or_text(doc, "strengths", MEMBER_ITEMS + LEADER_ITEMS)
    lay.tag(doc, "else")
    _items_or_text(doc, "strengths", (*MEMBER_ITEMS, COMMITMENT_ITEM))
    lay.tag(doc, "endif")


def _self_review_responsibility(doc: DocxDocument) -> None:
    lay.heading(doc, "V. Làm rõ trách nhiệm của cá nhân đối với những hạn chế, khuyết điểm của tập thể "
                "(nếu có)")
    lay.tag(doc, "if responsibility")
    lay.body(doc, "{{ responsibility }}")
    lay.tag(doc, "endif")
    lay.tag(doc, "for text in collectives")
    lay.body(doc, "{{ text }}")
    lay.dotted(doc, 2)
    lay.tag(doc, "endfor")
    lay.tag(doc, "if not responsibility and not collectives")
    lay.dotted(doc, 2)
    lay.tag(doc, "endif")


def _member_assessment(doc: DocxDocument) -> None:
    """The chi bộ's assessment and proposal, and the committee's decision, for a party member."""
    lay.tag(doc, "if member")
    doc.add_paragraph()
    lay.heading(doc, "ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN", center=True)
    lay.body(doc, "Nhận xét, đánh giá của chi ủy (chi bộ):")
    lay.written(doc, "cell_opinion", 2)
    for text, sign in (
        ("Chi bộ đề xuất xếp loại chất lượng: {{ proposed }}", "cell_sign"),
        ("Đảng ủy (chi ủy) cơ sở quyết định xếp loại chất lượng: {{ decided }}", "decision_sign"),
    ):
        lay.body(doc, text)
        lay.signature(doc, sign)
    lay.tag(doc, "endif")


def self_review() -> DocxDocument:
    """Context: ``form``, ``h``, ``summary``, ``subtitle``, ``identity`` (lines), ``is_leader``, the sections'
    texts, ``collectives``, ``staff_boxes``, ``member_boxes``, ``self_sign``, ``opinions``, ``stages``,
    ``member``, ``cell_opinion``, ``proposed``, ``decided``, ``cell_sign``, ``decision_sign``."""
    doc = lay.new_document()
    lay.form_line(doc)
    lay.header(doc)
    lay.title(doc, "Bản kiểm điểm cá nhân")
    lay.each(doc, "identity", align=None, style=lay.BODY_STYLE)
    _self_review_strengths(doc)
    for text, name in LATER_SECTIONS:
        lay.heading(doc, text)
        lay.written(doc, name, 3)
    _self_review_responsibility(doc)
    lay.heading(doc, "VI. Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm")
    lay.written(doc, "direction", 3)
    lay.heading(doc, "VII. Tự nhận mức xếp loại chất lượng")
    for text, boxes in (("1. Xếp loại chất lượng cán bộ, công chức, viên chức:", "staff_boxes"),
                        ("2. Xếp loại chất lượng đảng viên:", "member_boxes")):
        lay.body(doc, text)
        lay.level_boxes(doc, boxes)
    lay.signature(doc, "self_sign")
    assessment(doc)
    _member_assessment(doc)
    return doc


# --- HD43 (2025 →): Mẫu 01, 2A, 2B, 2C (campaigns.review_forms; conventions.md §2.1–§2.3) ----------------

HD43_MEMBER_ITEMS = (
    "1. Về phẩm chất chính trị, đạo đức, lối sống; tinh thần đoàn kết, thống nhất trong nội bộ; ý thức tổ "
    "chức kỷ luật, trách nhiệm nêu gương, việc thực hiện những điều đảng viên không được làm; tác phong, lề "
    "lối làm việc:",
    "2. Việc thực hiện chức trách, nhiệm vụ, quyền hạn và kết quả thực hiện các chỉ tiêu, nhiệm vụ được "
    "giao trong năm, gắn với hiệu quả, tiến độ, chất lượng công việc:",
)
HD43_PLEDGE = "Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu của cá nhân theo quy định:"
HD43_ITEMS = {
    "2A": (*HD43_MEMBER_ITEMS, *LEADER_ITEMS[:3], f"6. {HD43_PLEDGE}"),
    "2B": (*HD43_MEMBER_ITEMS, f"3. {HD43_PLEDGE}"),
    "2C": (
        "1. Về phẩm chất chính trị, đạo đức, lối sống và ý thức tổ chức kỷ luật; chấp hành quy định nơi lao "
        "động, học tập, sinh sống và nơi cư trú:",
        "2. Việc thực hiện quyền và nghĩa vụ của đảng viên; các nhiệm vụ được cấp ủy, chi bộ phân công:",
        "3. Tham gia học tập nghị quyết, sinh hoạt chi bộ; các nhiệm vụ đột xuất và hoạt động ở địa phương, "
        "phù hợp với điều kiện, sức khỏe, độ tuổi:",
        f"4. {HD43_PLEDGE}",
    ),
}
# The criteria framework of QĐ366 each form scores against (conventions.md §2.2, §2.3; the annex of the
# leaders' framework is not sourced, so it is named by what it covers).
HD43_ANNEX = {
    "01": "Phụ lục 1 Quy định 366-QĐ/TW",
    "2A": "khung tiêu chí đối với cá nhân giữ chức vụ lãnh đạo, quản lý, Quy định 366-QĐ/TW",
    "2B": "Phụ lục 4 Quy định 366-QĐ/TW", "2C": "Phụ lục 5 Quy định 366-QĐ/TW",
}


def _hd43_part_b(doc: DocxDocument, code: str) -> None:
    """Part B: the points of each group of criteria and the self-proposed level (``points``, ``self_boxes``,
    ``staff``, ``staff_boxes``)."""
    lay.heading(doc, "B. NỘI DUNG TỰ ĐÁNH GIÁ, XẾP LOẠI")
    lay.heading(doc, f"I. Tự đánh giá, chấm điểm theo các tiêu chí được cụ thể hóa từ {HD43_ANNEX[code]}")
    lay.body(doc, "1. Nhóm tiêu chí chung: {{ points.general }}/30")
    lay.body(doc, "2. Nhóm tiêu chí về kết quả thực hiện nhiệm vụ: {{ points.tasks }}/70")
    lay.body(doc, "Tổng điểm: {{ points.total }}/100", bold=True)
    lay.heading(doc, "II. Tự nhận mức xếp loại chất lượng")
    lay.level_boxes(doc, "self_boxes")
    if code != "01":
        lay.tag(doc, "if staff")
        lay.body(doc, "Xếp loại chất lượng cán bộ, công chức, viên chức:")
        lay.level_boxes(doc, "staff_boxes")
        lay.tag(doc, "endif")
        lay.body(doc, "(Gửi kèm Phụ lục về kết quả thực hiện nhiệm vụ, trong đó thể hiện sản phẩm, tiến độ, "
                 "chất lượng cụ thể)", italic=True)


def hd43_collective() -> DocxDocument:
    """Mẫu 01-HD KĐ.ĐG 2025. Context: ``form``, ``h``, ``summary``, the sections' texts, ``points``,
    ``self_boxes``, ``opinions``, ``stages``, ``sign``."""
    doc = lay.new_document()
    lay.form_line(doc)
    lay.header(doc)
    lay.title(doc, "Báo cáo")
    lay.heading(doc, "A. NỘI DUNG KIỂM ĐIỂM")
    lay.heading(doc, "I. Ưu điểm, kết quả đạt được")
    _items_or_text(doc, "strengths", COLLECTIVE_ITEMS)
    for text, name in (*LATER_SECTIONS,
                       ("V. Làm rõ trách nhiệm của tập thể và cá nhân đối với những hạn chế, khuyết điểm",
                        "responsibility"),
                       ("VI. Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm", "direction")):
        lay.heading(doc, text)
        lay.written(doc, name, 3)
    _hd43_part_b(doc, "01")
    assessment(doc)
    lay.signature(doc, "sign")
    return doc


def _hd43_individual(code: str) -> lay.Builder:
    """Mẫu 2A / 2B / 2C-HD KĐ.ĐG 2025 (2A has section V, the responsibility for the collectives)."""

    def build() -> DocxDocument:
        doc = lay.new_document()
        lay.form_line(doc)
        lay.header(doc)
        lay.title(doc, "Bản kiểm điểm, tự đánh giá, xếp loại")
        lay.each(doc, "identity", align=None, style=lay.BODY_STYLE)
        lay.heading(doc, "A. NỘI DUNG KIỂM ĐIỂM")
        lay.heading(doc, "I. Ưu điểm, kết quả đạt được")
        _items_or_text(doc, "strengths", HD43_ITEMS[code])
        for text, name in LATER_SECTIONS:
            lay.heading(doc, text)
            lay.written(doc, name, 3)
        if code == "2A":
            _self_review_responsibility(doc)
        lay.heading(doc, f"{'VI' if code == '2A' else 'V'}. Phương hướng, biện pháp khắc phục hạn chế, "
                    "khuyết điểm")
        lay.written(doc, "direction", 3)
        _hd43_part_b(doc, code)
        lay.signature(doc, "self_sign")
        assessment(doc)
        _member_assessment(doc)
        return doc

    build.__doc__ = (f"Mẫu {code}-HD KĐ.ĐG 2025. Context: as ``self_review`` plus ``points``, "
                     "``self_boxes``, ``staff``.")
    return build


BUILDERS: dict[str, lay.Builder] = {
    "summary_report": summary_report, "decided_list": decided_list,
    "collective_report": collective_report, "self_review": self_review,
    "hd43_mau_01": hd43_collective, "hd43_mau_2a": _hd43_individual("2A"),
    "hd43_mau_2b": _hd43_individual("2B"), "hd43_mau_2c": _hd43_individual("2C"),
}
