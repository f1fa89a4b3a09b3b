"""Word documents of a campaign in the party's format (conventions.md §1, §2.2, §2.3; regulations.md §9).

Built directly with python-docx through ``party_doc.PartyDocument`` (the layout is code, reviewable
and tested, rather than a binary template):

- ``collective_report``: the collective review report (F-01, Mẫu 01: A. I–VI, B. self-proposed level);
- ``self_review``: the individual self-review prefilled from the registry (F-02A: identity, I–VII; the
  leaders' items and the responsibility for the collectives' shortcomings for leaders), with the
  chi bộ's proposal and the committee's decision filled in when they exist;
- ``decided_list``: the decided levels of a subtree (TT | họ và tên / tên tập thể | chức vụ | mức);
- ``summary_report``: the report sent upward with the figures of the statistics (R-95, S-10);
- ``documents_zip``: all of them for an organization's subtree, as one zip.

Document numbers are never invented (conventions.md §1.3): they run per document type within a
committee term and belong to the office's register, so a number is a parameter and defaults to a
blank to fill by hand (``Số      -BC/ĐU``).
"""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import BinaryIO

from django.db.models import Exists, OuterRef, Prefetch
from docx.enum.text import WD_ALIGN_PARAGRAPH

from xeploai.accounts import personal_data as pd
from xeploai.accounts.access import person_paths
from xeploai.campaigns.models import Campaign, Rating, RatingStage, Subject
from xeploai.registry.models import CollectiveKind, Membership, Organization, Person
from xeploai.reports.exports import organization_issuer
from xeploai.reports.party_doc import Issuer, PartyDocument, number_line
from xeploai.reports.selectors import campaign_statistics, decided_rows
from xeploai.reports.stats import LEVELS_DESC, REASON_LABELS, Statistics, format_percent
from xeploai.rules.kinds import SubjectType
from xeploai.rules.levels import Level

# The self-review form each ruleset uses (regulations.md F-02A; the plan of 2023 follows HD21, so its
# form is "Mẫu 02A-HD KĐ.ĐG 2019"). Keyed on the ruleset, never on the letter alone (conventions.md §2.1).
SELF_REVIEW_FORMS = {"kh181-2023": "Mẫu 02A-HD KĐ.ĐG 2019"}
COLLECTIVE_REPORT_FORMS = {"kh181-2023": "Mẫu 01-HD KĐ.ĐG 2019"}
PARTY_COLLECTIVE_KINDS = frozenset({
    CollectiveKind.STANDING_COMMITTEE, CollectiveKind.EXECUTIVE_COMMITTEE,
    CollectiveKind.PARTY_AFFAIRS_COMMITTEE, CollectiveKind.PARTY_DELEGATION, CollectiveKind.CELL_COMMITTEE,
    CollectiveKind.SUB_COMMITTEE_EXECUTIVE,
})
MASS_COLLECTIVE_KINDS = frozenset({
    CollectiveKind.MASS_ORG_STANDING, CollectiveKind.MASS_ORG_EXECUTIVE, CollectiveKind.FRONT_STANDING,
})
# Who signs for a collective's report: a collective body signs T/M (conventions.md §1.1 item 7).
COLLECTIVE_AUTHORITY = {
    CollectiveKind.STANDING_COMMITTEE: ("T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
    CollectiveKind.EXECUTIVE_COMMITTEE: ("T/M ĐẢNG ỦY", "BÍ THƯ"),
    CollectiveKind.SUB_COMMITTEE_EXECUTIVE: ("T/M ĐẢNG ỦY", "BÍ THƯ"),
    CollectiveKind.CELL_COMMITTEE: ("T/M CHI ỦY", "BÍ THƯ"),
    CollectiveKind.PARTY_AFFAIRS_COMMITTEE: ("T/M BAN CÁN SỰ ĐẢNG", "BÍ THƯ"),
    CollectiveKind.PARTY_DELEGATION: ("T/M ĐẢNG ĐOÀN", "BÍ THƯ"),
}
SUMMARY_TITLE = ("kết quả kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên",
                 "và tập thể, cá nhân cán bộ lãnh đạo, quản lý năm {year}")
DECIDED_GROUPS = (
    (SubjectType.ORGANIZATION, "TỔ CHỨC ĐẢNG", "Tên tổ chức", "Loại tổ chức"),
    (SubjectType.COLLECTIVE, "TẬP THỂ LÃNH ĐẠO, QUẢN LÝ", "Tên tập thể", "Thuộc tổ chức"),
    (SubjectType.LEADER, "CÁ NHÂN CÁN BỘ LÃNH ĐẠO, QUẢN LÝ", "Họ và tên", "Chức vụ"),
    (SubjectType.PARTY_MEMBER, "ĐẢNG VIÊN", "Họ và tên", "Chức vụ"),
    (SubjectType.CIVIL_SERVANT, "CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC", "Họ và tên", "Chức vụ"),
)
NBSP = "\u00a0"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


def level_boxes(chosen: int | None) -> str:
    """The four levels as tick boxes, the chosen one ticked: "☒ Hoàn thành xuất sắc nhiệm vụ   ☐ …".

    Two levels a line (a line break after the second) so that no level's name splits across lines.
    """
    boxes = [f"{'☒' if chosen == lv else '☐'} {lv.label}" for lv in LEVELS_DESC]
    return "   ".join(boxes[:2]) + "\n" + "   ".join(boxes[2:])


def _level_text(level: int | None) -> str:
    return Level(level).label if level is not None else "." * 40


def _dotted_items(doc: PartyDocument, items: Iterable[str], lines: int = 2) -> None:
    for item in items:
        doc.paragraph(item)
        doc.dotted(lines)


def _count_cell(count: int, percent: Decimal | None) -> str:
    """"12 (50,0 %)" for a table cell: the percentage never splits ("(50,0" / "%)") when the cell wraps."""
    return f"{count} ({format_percent(percent).replace(' ', NBSP)})"


# --- (d) the summary report sent upward -------------------------------------------------------------

def _figures_sentence(section_total, section) -> str:  # noqa: ANN001 - stats.Counts, stats.Section
    c = section_total
    reasons = "; ".join(
        f"{REASON_LABELS.get(r, r).lower()}: {c.not_classified.get(r, 0)}"
        for r in section.reasons if c.not_classified.get(r, 0)
    )
    levels = "; ".join(f"{lv.label}: {c.levels[lv]} ({format_percent(c.percent(lv))})" for lv in LEVELS_DESC)
    text = f"Tổng số: {c.total}; không đánh giá, xếp loại: {c.not_classified_total}"
    if reasons:
        text += f" ({reasons})"
    if c.pending:
        text += f"; chưa có kết quả: {c.pending}"
    return text + f"; đã xếp loại: {c.rated}, trong đó: {levels}."


def summary_report(
    *, campaign: Campaign, root: Organization, stats: Statistics | None = None,
    number: int | str | None = None, on: date | None = None, issuer: Issuer | None = None,
    recipients: Sequence[str] | None = None,
) -> bytes:
    """The report sent upward (R-95, S-10): the figures of each table, then a table by kind."""
    stats = stats or campaign_statistics(campaign=campaign, root=root)
    issuer = issuer or organization_issuer(root)
    doc = PartyDocument()
    doc.header(issuer, number=number_line(number, "BC", issuer.abbreviation), on=on)
    doc.title("Báo cáo", [line.format(year=campaign.year) for line in SUMMARY_TITLE])
    doc.paragraph(
        f"Thực hiện {campaign.name}, {issuer.name} báo cáo kết quả kiểm điểm, đánh giá, xếp loại chất lượng "
        f"năm {campaign.year} của {root.name} như sau:"
    )
    for i, section in enumerate(stats.sections, start=1):
        if not section.total.total:
            continue
        doc.heading(f"{i}. {section.title}")
        doc.paragraph(_figures_sentence(section.total, section))
        rows = []
        for row in [*section.rows]:
            c = row.counts
            rows.append([row.label, c.total, c.not_classified_total,
                         *[_count_cell(c.levels[lv], c.percent(lv)) for lv in LEVELS_DESC]])
        doc.table(
            ["Nội dung", "Tổng số", "Không đánh giá", *[lv.short for lv in LEVELS_DESC]], rows,
            (37, 14, 18, 24, 24, 24, 24), size=11, center_cols=range(1, 7),
        )
    parent = root.parent if root.parent_id else None
    upward = [f"Ban Tổ chức {organization_issuer(parent).name}" if parent else "Ban Tổ chức Trung ương"]
    doc.signature(issuer, recipients=list(recipients) if recipients is not None else upward)
    return doc.to_bytes()


# --- (c) the decided list --------------------------------------------------------------------------

def decided_list(
    *, campaign: Campaign, root: Organization, on: date | None = None, issuer: Issuer | None = None,
    decision_number: int | str | None = None, stage: str = RatingStage.DECIDED,
) -> bytes:
    """The decided levels under ``root``: one table per kind of subject (TT, name, post, level)."""
    issuer = issuer or organization_issuer(root)
    rows = decided_rows(campaign=campaign, root=root, stage=stage)
    doc = PartyDocument()
    doc.header(issuer, number=None, on=on)
    decision = number_line(decision_number, "QĐ", issuer.abbreviation)
    doc.title(
        "Danh sách",
        [f"kết quả xếp loại chất lượng năm {campaign.year}",
         f"của tổ chức, tập thể, cá nhân thuộc {root.name}"],
        subtitle=f"(Kèm theo Quyết định {decision[0].lower()}{decision[1:]} của {issuer.name})",
    )
    numeral = 0
    for subject_type, heading, name_header, position_header in DECIDED_GROUPS:
        group = [r for r in rows if r.subject_type == subject_type]
        if not group:
            continue
        doc.heading(f"{ROMAN[numeral]}. {heading}")
        numeral += 1
        doc.table(
            ["TT", name_header, position_header, "Mức xếp loại"],
            [(i, r.name, r.position, r.level.label) for i, r in enumerate(group, start=1)],
            (10, 50, 42, 63), center_cols=(0,),
        )
    if not rows:
        doc.paragraph("Chưa có kết quả xếp loại.")
    doc.signature(issuer, recipients=None)
    return doc.to_bytes()


# --- (a) the collective review report --------------------------------------------------------------

def collective_report(*, subject: Subject, levels: dict[str, int] | None = None, on: date | None = None,
                      number: int | str | None = None) -> bytes:
    """The collective review report (F-01, Mẫu 01 sections; conventions.md §2.3), prefilled."""
    collective = subject.collective
    org = collective.organization
    base = organization_issuer(org)
    authority, title = COLLECTIVE_AUTHORITY.get(collective.kind, ("T/M TẬP THỂ", "NGƯỜI ĐỨNG ĐẦU"))
    issuer = Issuer(name=base.name, abbreviation=base.abbreviation, superior=base.superior, place=base.place,
                    authority=authority, signer_title=title, archive=base.archive)
    levels = levels or {}
    year = subject.campaign.year
    doc = PartyDocument()
    form = COLLECTIVE_REPORT_FORMS.get(subject.campaign.ruleset, "")
    if form:
        doc.paragraph(form, italic=True, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.header(issuer, number=number_line(number, "BC", issuer.abbreviation), on=on)
    doc.title("Báo cáo",
              [f"kiểm điểm, đánh giá, xếp loại chất lượng tập thể {collective.name}", f"năm {year}"])
    doc.heading("A. NỘI DUNG KIỂM ĐIỂM")
    doc.heading("I. Ưu điểm, kết quả đạt được")
    _dotted_items(doc, (
        "1. Việc chấp hành nguyên tắc tổ chức và hoạt động, nhất là nguyên tắc tập trung dân chủ; "
        "thực hiện quy chế làm việc:",
        "2. Kết quả thực hiện các chỉ tiêu nghị quyết đại hội và kế hoạch công tác năm:",
        "3. Công tác xây dựng, chỉnh đốn Đảng; tinh gọn tổ chức bộ máy:",
        "4. Trách nhiệm của tập thể lãnh đạo, quản lý trong tổ chức thực hiện các chủ trương của Đảng:",
    ))
    for heading in (
        "II. Hạn chế, khuyết điểm và nguyên nhân",
        "III. Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền kết luận "
        "hoặc được chỉ ra ở các kỳ kiểm điểm trước",
        "IV. Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)",
        "V. Làm rõ trách nhiệm của tập thể và cá nhân đối với những hạn chế, khuyết điểm",
        "VI. Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm",
    ):
        doc.heading(heading)
        doc.dotted(3)
    doc.heading("B. TỰ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG")
    doc.paragraph("Tập thể tự nhận mức xếp loại chất lượng năm " + str(year) + ":")
    doc.paragraph(level_boxes(levels.get(RatingStage.SELF)), indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
    doc.signature(issuer, recipients=["Cấp ủy cấp trên trực tiếp", "Các đồng chí trong tập thể"])
    return doc.to_bytes()


# --- (b) the individual self-review ----------------------------------------------------------------

def _positions(person: Person, memberships: Sequence[Membership]) -> tuple[str, str, str]:
    party = "; ".join(f"{m.role}, {m.collective.name}" if m.role else m.collective.name
                      for m in memberships if m.collective.kind in PARTY_COLLECTIVE_KINDS)
    mass = "; ".join(f"{m.role}, {m.collective.name}" if m.role else m.collective.name
                     for m in memberships if m.collective.kind in MASS_COLLECTIVE_KINDS)
    return party, person.positions, mass


def self_review(
    *, person: Person, subjects: Sequence[Subject], levels: dict[int, dict[str, int]],
    memberships: Sequence[Membership] = (), collectives: Sequence[tuple[str, int | None]] = (),
    on: date | None = None, birth_date: str | None = None,
) -> bytes:
    """The individual self-review of ``person`` (F-02A; conventions.md §2.2) for the campaign of ``subjects``.

    ``levels`` maps subject id → {stage: level}; ``collectives`` lists the (name, decided level) of the
    collectives a leader answers for (section V). ``birth_date`` replaces the person's birth date as
    the personal-data policy shows it to the reader (a year when masked, "" when hidden).
    """
    by_type = {s.subject_type: s for s in subjects}
    campaign = subjects[0].campaign
    is_leader = SubjectType.LEADER in by_type
    cell = person.party_organization
    if cell is not None:
        superior = cell.parent.name if cell.parent_id else ""
        header = Issuer(name=cell.name, abbreviation="CB", superior=superior,
                        place=organization_issuer(cell).place)
    else:
        unit = subjects[0].unit
        header = organization_issuer(unit)
    doc = PartyDocument()
    form = SELF_REVIEW_FORMS.get(campaign.ruleset, "")
    if form:
        doc.paragraph(form, italic=True, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.header(header, number=None, on=on)
    who = "giữ" if is_leader else "không giữ"
    doc.title("Bản kiểm điểm cá nhân", [f"Năm {campaign.year}"],
              subtitle=f"(Dùng cho cá nhân {who} chức vụ lãnh đạo, quản lý)")
    party, government, mass = _positions(person, memberships)
    doc.labelled("Họ và tên", person.full_name)
    if birth_date is None:
        birth_date = person.birth_date.strftime("%d/%m/%Y") if person.birth_date else ""
    doc.labelled("Ngày sinh", birth_date)
    doc.labelled("Chức vụ Đảng", party)
    doc.labelled("Chức vụ chính quyền", government)
    doc.labelled("Chức vụ đoàn thể", mass)
    doc.labelled("Đơn vị công tác", person.workplace.name if person.workplace_id else "")
    doc.labelled("Chi bộ", cell.name if cell is not None else "")
    doc.heading("I. Ưu điểm, kết quả đạt được")
    items = [
        "1. Về tư tưởng chính trị; phẩm chất đạo đức, lối sống; ý thức tổ chức kỷ luật; tác phong, lề lối "
        "làm việc:",
        "2. Về kết quả thực hiện chức trách, nhiệm vụ được giao:",
    ]
    if is_leader:
        items += [
            "3. Kết quả lãnh đạo, chỉ đạo, quản lý, điều hành; mức độ hoàn thành nhiệm vụ của cơ quan, "
            "đơn vị được giao phụ trách; khả năng quy tụ, đoàn kết:",
            "4. Tinh thần trách nhiệm, năng động, đổi mới, sáng tạo, dám nghĩ, dám làm, "
            "dám chịu trách nhiệm:",
            "5. Trách nhiệm nêu gương của bản thân và gia đình; đấu tranh phòng, chống tham nhũng, lãng phí, "
            "tiêu cực:",
            "6. Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm:",
        ]
    else:
        items.append("3. Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm:")
    _dotted_items(doc, items)
    for heading in (
        "II. Hạn chế, khuyết điểm và nguyên nhân",
        "III. Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền kết luận "
        "hoặc được chỉ ra ở các kỳ kiểm điểm trước",
        "IV. Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)",
    ):
        doc.heading(heading)
        doc.dotted(3)
    doc.heading("V. Làm rõ trách nhiệm của cá nhân đối với những hạn chế, khuyết điểm của tập thể (nếu có)")
    if is_leader and collectives:
        for name, level in collectives:
            rated = f" (tập thể được xếp loại: {Level(level).label})" if level is not None else ""
            doc.paragraph(f"- {name}{rated}:")
            doc.dotted(2)
    else:
        doc.dotted(2)
    doc.heading("VI. Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm")
    doc.dotted(3)
    doc.heading("VII. Tự nhận mức xếp loại chất lượng")
    staff = by_type.get(SubjectType.LEADER) or by_type.get(SubjectType.CIVIL_SERVANT)
    member = by_type.get(SubjectType.PARTY_MEMBER)
    doc.paragraph("1. Xếp loại chất lượng cán bộ, công chức, viên chức:")
    staff_self = levels.get(staff.pk, {}).get(RatingStage.SELF) if staff else None
    doc.paragraph(level_boxes(staff_self), indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
    doc.paragraph("2. Xếp loại chất lượng đảng viên:")
    member_self = levels.get(member.pk, {}).get(RatingStage.SELF) if member else None
    doc.paragraph(level_boxes(member_self), indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
    doc.sign_block("", "NGƯỜI TỰ KIỂM ĐIỂM", person.full_name, note="(Ký, ghi rõ họ tên)")
    if member is not None:
        member_levels = levels.get(member.pk, {})
        doc.paragraph()
        doc.heading("ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN", center=True)
        doc.paragraph("Nhận xét, đánh giá của chi ủy (chi bộ):")
        doc.dotted(2)
        proposed = _level_text(member_levels.get(RatingStage.PROPOSED))
        doc.paragraph(f"Chi bộ đề xuất xếp loại chất lượng: {proposed}")
        doc.sign_block("T/M CHI ỦY (CHI BỘ)", "BÍ THƯ")
        doc.paragraph("Đảng ủy (chi ủy) cơ sở quyết định xếp loại chất lượng: "
                      + _level_text(member_levels.get(RatingStage.DECIDED)))
        doc.sign_block("T/M ĐẢNG ỦY (CHI ỦY)", "BÍ THƯ")
    return doc.to_bytes()


# --- all documents of a subtree --------------------------------------------------------------------

def subject_levels(subject_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """Subject id → {stage: level of the latest row of that stage} (one query)."""
    latest = Rating.objects.filter(subject_id__in=subject_ids).filter(
        ~Exists(Rating.objects.filter(subject_id=OuterRef("subject_id"), stage=OuterRef("stage"),
                                      pk__gt=OuterRef("pk")))
    )
    result: dict[int, dict[str, int]] = defaultdict(dict)
    for subject_id, stage, level in latest.values_list("subject_id", "stage", "level"):
        result[subject_id][stage] = level
    return result


def documents_zip(*, campaign: Campaign, root: Organization, on: date | None = None) -> bytes:
    """Every document of ``campaign`` for ``root``'s subtree as one zip (see ``write_documents_zip``)."""
    buffer = io.BytesIO()
    write_documents_zip(buffer, campaign=campaign, root=root, on=on)
    return buffer.getvalue()


def _birth_date_for(reader: pd.Reader | None, person: Person) -> str | None:
    """The birth date as ``reader`` may see it (None: no reader, the form prints it in full)."""
    if reader is None:
        return None
    value = reader.mask_row(
        {pd.BIRTH_DATE: person.birth_date}, person_id=person.pk, paths=person_paths(person)
    )[pd.BIRTH_DATE]
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return value or ""


def write_documents_zip(
    out: BinaryIO, *, campaign: Campaign, root: Organization, on: date | None = None,
    reader: pd.Reader | None = None,
) -> int:
    """Write every document of ``campaign`` for ``root``'s subtree to ``out`` as one zip; return their count.

    ``00-bao-cao-tong-hop.docx`` (summary report), ``01-danh-sach-xep-loai.docx`` (decided list),
    ``tap-the/<collective code>.docx`` (one report per collective subject) and
    ``ca-nhan/<unit code>/<person code>.docx`` (one self-review per person, all their roles in one).
    A handful of queries whatever the size; about 3 ms a document. The documents are stored, not
    deflated again: a .docx is already a deflated zip. ``out`` need not be seekable (a response stream).
    With ``reader`` (the downloading user's personal-data policy) each birth date is shown as the policy
    lets that user see it; without it (the operator's command) in full.
    """
    subjects = list(
        Subject.objects.filter(campaign=campaign).subtree(root)
        .select_related("campaign", "unit__parent", "collective__organization__parent",
                        "person__party_organization__parent", "person__workplace")
        .prefetch_related(Prefetch(
            "person__memberships", queryset=Membership.objects.select_related("collective").order_by("pk")
        ))
        .order_by("org_path", "pk")
    )
    levels = subject_levels([s.pk for s in subjects])
    collective_level = {s.collective_id: levels.get(s.pk, {}).get(RatingStage.DECIDED)
                        for s in subjects if s.collective_id}
    by_person: dict[int, list[Subject]] = defaultdict(list)
    count = 2
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("00-bao-cao-tong-hop.docx", summary_report(campaign=campaign, root=root, on=on))
        zf.writestr("01-danh-sach-xep-loai.docx", decided_list(campaign=campaign, root=root, on=on))
        for s in subjects:
            if s.collective_id:
                zf.writestr(f"tap-the/{s.collective.code}.docx",
                            collective_report(subject=s, levels=levels.get(s.pk, {}), on=on))
                count += 1
            elif s.person_id:
                by_person[s.person_id].append(s)
        for person_subjects in by_person.values():
            person = person_subjects[0].person
            memberships = list(person.memberships.all())
            collectives = [(m.collective.name, collective_level.get(m.collective_id)) for m in memberships]
            unit = person_subjects[0].unit
            zf.writestr(
                f"ca-nhan/{unit.code}/{person.code}.docx",
                self_review(person=person, subjects=person_subjects, levels=levels, memberships=memberships,
                            collectives=collectives, on=on, birth_date=_birth_date_for(reader, person)),
            )
            count += 1
    return count
