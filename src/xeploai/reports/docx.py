"""Word documents of a campaign in the party's format (conventions.md §1, §2.2, §2.3; regulations.md §9).

Rendered with docxtpl from the templates in ``docx_templates/`` (``party_doc.render``); this module
gathers what each one carries:

- ``collective_report``: the collective review report (F-01, Mẫu 01: A. I–VI, B. self-proposed level),
  with the written report, the opinions and the levels of each stage;
- ``self_review``: the individual self-review prefilled from the registry (F-02A: identity, I–VII; the
  leaders' items and the responsibility for the collectives' shortcomings for leaders) with the written
  review, the opinions given, the level of each stage with its reason, the chi bộ's proposal and the
  committee's decision when they exist;
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
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, BinaryIO

from django.db.models import Prefetch

from xeploai.accounts import personal_data as pd
from xeploai.accounts.access import person_paths
from xeploai.campaigns.models import ROMAN as QUARTERS
from xeploai.campaigns.models import Campaign, RatingStage, Review, Subject
from xeploai.campaigns.review_forms import ReviewForm, form_for, person_form
from xeploai.registry.models import CollectiveKind, Membership, Organization, Person
from xeploai.reports.doc_content import (
    SubjectContent,
    level_label,
    opinion_rows,
    person_name,
    review_texts,
    stage_rows,
    subject_contents,
)
from xeploai.reports.exports import organization_issuer
from xeploai.reports.party_doc import (
    Issuer,
    clean,
    header_context,
    issuer_sign,
    number_line,
    render,
    sign_context,
)
from xeploai.reports.selectors import campaign_statistics, decided_rows
from xeploai.reports.stats import LEVELS_DESC, REASON_LABELS, Statistics, format_percent
from xeploai.rules.kinds import SubjectType
from xeploai.rules.levels import Level

# The form each subject writes (its printed name and its Word template) is decided in one place,
# ``campaigns.review_forms.form_for``: HD21 Mẫu 01 / 02A for 2023, HD43 Mẫu 01, 2A, 2B, 2C for the QĐ366
# rulesets (Hướng dẫn 43-HD/BTCTW, mục 2.1 b).
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
STAFF_TYPES = (SubjectType.LEADER, SubjectType.CIVIL_SERVANT)


def level_boxes(chosen: int | None) -> str:
    """The four levels as tick boxes, the chosen one ticked: "☒ Hoàn thành xuất sắc nhiệm vụ   ☐ …".

    Two levels a line (a line break after the second) so that no level's name splits across lines.
    """
    boxes = [f"{'☒' if chosen == lv else '☐'} {lv.label}" for lv in LEVELS_DESC]
    return "   ".join(boxes[:2]) + "\n" + "   ".join(boxes[2:])


def _points_text(value: Decimal | None) -> str:
    """25.50 → "25,5"; dots to fill by hand when not scored."""
    if value is None:
        return "." * 8
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def hd43_points(review: Review | None) -> dict[str, str]:
    """Part B of the HD43 forms: the points of each group and the total (R-58), as written on the form."""
    general, tasks, total = ((review.general_points, review.task_points, review.score) if review is not None
                             else (None, None, None))
    return {"general": _points_text(general), "tasks": _points_text(tasks), "total": _points_text(total)}


def _level_text(level: int | None) -> str:
    return level_label(level) or "." * 40


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


def _summary_sections(stats: Statistics) -> list[dict[str, Any]]:
    sections = []
    for i, section in enumerate(stats.sections, start=1):
        if not section.total.total:
            continue
        rows = [[row.label, row.counts.total, row.counts.not_classified_total,
                 *[_count_cell(row.counts.levels[lv], row.counts.percent(lv)) for lv in LEVELS_DESC]]
                for row in section.rows]
        sections.append({"heading": f"{i}. {section.title}",
                         "figures": _figures_sentence(section.total, section), "rows": rows})
    return sections


def summary_report(
    *, campaign: Campaign, root: Organization, stats: Statistics | None = None,
    number: int | str | None = None, on: date | None = None, issuer: Issuer | None = None,
    recipients: Sequence[str] | None = None,
) -> bytes:
    """The report sent upward (R-95, S-10): the figures of each table, then a table by kind."""
    stats = stats or campaign_statistics(campaign=campaign, root=root)
    issuer = issuer or organization_issuer(root)
    parent = root.parent if root.parent_id else None
    upward = [f"Ban Tổ chức {organization_issuer(parent).name}" if parent else "Ban Tổ chức Trung ương"]
    return render("summary_report", {
        "h": header_context(issuer, number=number_line(number, "BC", issuer.abbreviation), on=on),
        "summary": [line.format(year=campaign.year) for line in SUMMARY_TITLE], "subtitle": "",
        "intro": clean(f"Thực hiện {campaign.name}, {issuer.name} báo cáo kết quả kiểm điểm, đánh giá, "
                       f"xếp loại chất lượng năm {campaign.year} của {root.name} như sau:"),
        "sections": _summary_sections(stats),
        "sign": issuer_sign(issuer, recipients=list(recipients) if recipients is not None else upward),
    })


# --- (c) the decided list --------------------------------------------------------------------------

def decided_list(
    *, campaign: Campaign, root: Organization, on: date | None = None, issuer: Issuer | None = None,
    decision_number: int | str | None = None, stage: str = RatingStage.DECIDED,
) -> bytes:
    """The decided levels under ``root``: one table per kind of subject (TT, name, post, level)."""
    issuer = issuer or organization_issuer(root)
    rows = decided_rows(campaign=campaign, root=root, stage=stage)
    decision = number_line(decision_number, "QĐ", issuer.abbreviation)
    groups = []
    for subject_type, heading, name_header, position_header in DECIDED_GROUPS:
        group = [r for r in rows if r.subject_type == subject_type]
        if group:
            groups.append({
                "heading": f"{ROMAN[len(groups)]}. {heading}", "name_header": name_header,
                "position_header": position_header,
                "rows": [(i, r.name, r.position, r.level.label) for i, r in enumerate(group, start=1)],
            })
    return render("decided_list", {
        "h": header_context(issuer, number=None, on=on),
        "summary": [f"kết quả xếp loại chất lượng năm {campaign.year}",
                    f"của tổ chức, tập thể, cá nhân thuộc {root.name}"],
        "subtitle": f"(Kèm theo Quyết định {decision[0].lower()}{decision[1:]} của {issuer.name})",
        "groups": groups, "sign": issuer_sign(issuer),
    })


# --- (a) the collective review report --------------------------------------------------------------

def collective_report(*, subject: Subject, levels: dict[str, int] | None = None, on: date | None = None,
                      number: int | str | None = None, content: SubjectContent | None = None) -> bytes:
    """The collective review report (F-01, Mẫu 01 sections; conventions.md §2.3), prefilled.

    ``content``: the written report, the opinions and the ratings of each stage (``doc_content``);
    without it the sections are dotted lines to fill by hand.
    """
    collective = subject.collective
    content = content or SubjectContent()
    base = organization_issuer(collective.organization)
    authority, title = COLLECTIVE_AUTHORITY.get(collective.kind, ("T/M TẬP THỂ", "NGƯỜI ĐỨNG ĐẦU"))
    issuer = Issuer(name=base.name, abbreviation=base.abbreviation, superior=base.superior, place=base.place,
                    authority=authority, signer_title=title, archive=base.archive,
                    signer_name=person_name(content.review.author) if content.review else "")
    self_level = (levels or {}).get(RatingStage.SELF)
    if self_level is None and content.review is not None:
        self_level = content.review.self_party_level
    form = form_for(subject)
    what = f"kiểm điểm, {'tự ' if form.hd43 else ''}đánh giá, xếp loại chất lượng"
    return render(form.template, {
        "form": form.name, "points": hd43_points(content.review),
        "h": header_context(issuer, number=number_line(number, "BC", issuer.abbreviation), on=on),
        "summary": [clean(f"{what} tập thể {collective.name}"), period_line(subject.campaign, capital=False)],
        "subtitle": "", "year": subject.campaign.year, "self_boxes": level_boxes(self_level),
        **review_texts(content.review), "opinions": opinion_rows(content.opinions),
        "stages": stage_rows([subject], {subject.pk: content}),
        "sign": issuer_sign(issuer, recipients=["Cấp ủy cấp trên trực tiếp", "Các đồng chí trong tập thể"]),
    })


# --- (b) the individual self-review ----------------------------------------------------------------

def _positions(person: Person, memberships: Sequence[Membership]) -> tuple[str, str, str]:
    def held(kinds: frozenset[str]) -> str:
        return "; ".join(f"{m.role}, {m.collective.name}" if m.role else m.collective.name
                         for m in memberships if m.collective.kind in kinds)

    return held(PARTY_COLLECTIVE_KINDS), person.positions, held(MASS_COLLECTIVE_KINDS)


def _identity(person: Person, memberships: Sequence[Membership], birth_date: str | None) -> list[str]:
    """"Họ và tên: …" and the other identity lines (dots to fill by hand when a value is empty)."""
    party, government, mass = _positions(person, memberships)
    if birth_date is None:
        birth_date = person.birth_date.strftime("%d/%m/%Y") if person.birth_date else ""
    cell = person.party_organization
    values = (
        ("Họ và tên", person.full_name), ("Ngày sinh", birth_date), ("Chức vụ Đảng", party),
        ("Chức vụ chính quyền", government), ("Chức vụ đoàn thể", mass),
        ("Đơn vị công tác", person.workplace.name if person.workplace_id else ""),
        ("Chi bộ", cell.name if cell is not None else ""),
    )
    return [clean(f"{label}: {value or '.' * 60}") for label, value in values]


def _self_review_issuer(person: Person, subjects: Sequence[Subject]) -> Issuer:
    cell = person.party_organization
    if cell is None:
        return organization_issuer(subjects[0].unit)
    superior = cell.parent.name if cell.parent_id else ""
    return Issuer(name=cell.name, abbreviation="CB", superior=superior, place=organization_issuer(cell).place)


def _written_review(subjects: Sequence[Subject], contents: Mapping[int, SubjectContent]) -> Any:
    """The person's written review: the leader's, else the party member's, else the civil servant's."""
    order = {SubjectType.LEADER: 0, SubjectType.PARTY_MEMBER: 1, SubjectType.CIVIL_SERVANT: 2}
    for subject in sorted(subjects, key=lambda s: order.get(s.subject_type, 3)):
        content = contents.get(subject.pk)
        if content is not None and content.review is not None:
            return content.review
    return None


def _member_part(member: Subject | None, levels: Mapping[str, int],
                 content: SubjectContent) -> dict[str, Any]:
    """The chi bộ's assessment and proposal and the committee's decision on the party member's form."""
    cell_opinions = [o.text for o in content.opinions if o.source == "CELL_COMMITTEE"]
    proposed, decided = content.ratings.get(RatingStage.PROPOSED), content.ratings.get(RatingStage.DECIDED)
    return {
        "member": member is not None,
        "cell_opinion": "\a".join(clean(t) for t in cell_opinions),
        "proposed": _level_text(levels.get(RatingStage.PROPOSED)),
        "decided": _level_text(levels.get(RatingStage.DECIDED)),
        "cell_sign": sign_context("T/M CHI ỦY (CHI BỘ)", "BÍ THƯ",
                                  person_name(proposed.author if proposed else None)),
        "decision_sign": sign_context("T/M ĐẢNG ỦY (CHI ỦY)", "BÍ THƯ",
                                      person_name(decided.author if decided else None)),
    }


def period_line(campaign: Campaign, *, capital: bool = True) -> str:
    """The period a form is written for: "Năm 2026", or "Quý I năm 2026" on a quarter's HD43
    self-evaluation (Bản tự đánh giá, xếp loại của cá nhân Quý …, năm …; R-100)."""
    words = f"năm {campaign.year}"
    if campaign.period:
        words = f"quý {QUARTERS[campaign.period]} {words}"
    return words[0].upper() + words[1:] if capital else words


def _title_lines(form: ReviewForm, campaign: Campaign, is_leader: bool) -> dict[str, str | list[str]]:
    """The form's name, the lines under the title and the subtitle of an individual's form."""
    if not form.hd43:
        return {"form": form.name, "summary": [f"Năm {campaign.year}"],
                "subtitle": f"(Dùng cho cá nhân {'giữ' if is_leader else 'không giữ'} chức vụ lãnh đạo, "
                            "quản lý)"}
    whose = "của đảng viên không làm việc trong hệ thống chính trị" if form.code == "2C" else "của cá nhân"
    return {"form": form.name, "summary": [whose, period_line(campaign)], "subtitle": str(form.subtitle)}


def self_review(
    *, person: Person, subjects: Sequence[Subject], levels: dict[int, dict[str, int]],
    memberships: Sequence[Membership] = (), collectives: Sequence[tuple[str, int | None]] = (),
    on: date | None = None, birth_date: str | None = None,
    contents: Mapping[int, SubjectContent] | None = None,
) -> bytes:
    """The individual self-review of ``person`` (F-02A; conventions.md §2.2) for the campaign of ``subjects``.

    ``levels`` maps subject id → {stage: level}; ``collectives`` lists the (name, decided level) of the
    collectives a leader answers for (section V); ``contents`` (subject id → ``SubjectContent``) brings
    the written review, the opinions and the reasons of each stage. ``birth_date`` replaces the person's
    birth date as the personal-data policy shows it to the reader (a year when masked, "" when hidden).
    """
    contents = contents or {}
    by_type = {s.subject_type: s for s in subjects}
    campaign = subjects[0].campaign
    is_leader = SubjectType.LEADER in by_type
    staff = next((by_type[t] for t in STAFF_TYPES if t in by_type), None)
    member = by_type.get(SubjectType.PARTY_MEMBER)
    review = _written_review(subjects, contents)

    def self_level(subject: Subject | None, review_field: str) -> int | None:
        """The SELF rating, else the level the written review proposes."""
        if subject is None:
            return None
        level = levels.get(subject.pk, {}).get(RatingStage.SELF)
        return level if level is not None or review is None else getattr(review, review_field)

    member_content = contents.get(member.pk, SubjectContent()) if member else SubjectContent()
    form = person_form(subjects)
    staff_level, member_level = self_level(staff, "self_state_level"), self_level(member, "self_party_level")
    return render(form.template, {
        **_title_lines(form, campaign, is_leader),
        "h": header_context(_self_review_issuer(person, subjects), number=None, on=on),
        "points": hd43_points(review), "staff": staff is not None and member is not None,
        "self_boxes": level_boxes(member_level if member is not None else staff_level),
        "identity": _identity(person, memberships, birth_date), "is_leader": is_leader,
        **review_texts(review),
        "collectives": [clean(f"- {name}" + (f" (tập thể được xếp loại: {Level(level).label})"
                                             if level is not None else "") + ":")
                        for name, level in (collectives if is_leader else ())],
        "staff_boxes": level_boxes(staff_level), "member_boxes": level_boxes(member_level),
        "self_sign": sign_context("", "NGƯỜI TỰ KIỂM ĐIỂM", person.full_name, note="(Ký, ghi rõ họ tên)"),
        "opinions": opinion_rows(o for s in subjects for o in contents.get(s.pk, SubjectContent()).opinions),
        "stages": stage_rows(subjects, dict(contents)),
        **_member_part(member, levels.get(member.pk, {}) if member else {}, member_content),
    })


# --- all documents of a subtree --------------------------------------------------------------------

def subject_levels(subject_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """Subject id → {stage: level of the latest row of that stage} (one query)."""
    return levels_of(subject_contents(subject_ids))


def levels_of(contents: Mapping[int, SubjectContent]) -> dict[int, dict[str, int]]:
    """Subject id → {stage: level} from the contents' latest ratings."""
    return {pk: {stage: r.level for stage, r in c.ratings.items()} for pk, c in contents.items()}


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


def _sees_record(reader: pd.Reader | None, person: Person) -> bool:
    """Whether ``reader`` sees the person's review record (reviews, opinions, levels) in full."""
    if reader is None:
        return True
    return reader.levels(person.pk, person_paths(person))[pd.RATINGS] == pd.FULL


def _zip_subjects(campaign: Campaign, root: Organization) -> list[Subject]:
    return list(
        Subject.objects.filter(campaign=campaign).subtree(root)
        .select_related("campaign", "unit__parent", "collective__organization__parent",
                        "person__party_organization__parent", "person__workplace")
        .prefetch_related(Prefetch(
            "person__memberships", queryset=Membership.objects.select_related("collective").order_by("pk")
        ))
        .order_by("org_path", "pk")
    )


def _person_document(person_subjects: list[Subject], contents: dict[int, SubjectContent],
                     collective_level: Mapping[int, int | None], on: date | None,
                     reader: pd.Reader | None) -> bytes:
    """One person's self-review; their review record left out when the reader may not see it."""
    person = person_subjects[0].person
    memberships = list(person.memberships.all())
    collectives = [(m.collective.name, collective_level.get(m.collective_id)) for m in memberships]
    shown = contents if _sees_record(reader, person) else {}
    return self_review(person=person, subjects=person_subjects, levels=levels_of(shown),
                       memberships=memberships, collectives=collectives, on=on,
                       birth_date=_birth_date_for(reader, person), contents=shown)


def write_documents_zip(
    out: BinaryIO, *, campaign: Campaign, root: Organization, on: date | None = None,
    reader: pd.Reader | None = None, on_progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write every document of ``campaign`` for ``root``'s subtree to ``out`` as one zip; return their count.

    ``00-bao-cao-tong-hop.docx`` (summary report), ``01-danh-sach-xep-loai.docx`` (decided list),
    ``tap-the/<collective code>.docx`` (one report per collective subject) and
    ``ca-nhan/<unit code>/<person code>.docx`` (one self-review per person, all their roles in one).
    A handful of queries whatever the size. The documents are stored, not deflated again: a .docx is
    already a deflated zip. ``out`` need not be seekable (a response stream). With ``reader`` (the
    downloading user's personal-data policy) each birth date and review record is shown as the policy
    lets that user see it; without it (the operator's command) in full. ``on_progress(done, total)`` is
    called after each document (a background job's progress bar).
    """
    subjects = _zip_subjects(campaign, root)
    progress = on_progress or (lambda _done, _total: None)
    contents = subject_contents([s.pk for s in subjects])
    levels = levels_of(contents)
    collective_level = {s.collective_id: levels.get(s.pk, {}).get(RatingStage.DECIDED)
                        for s in subjects if s.collective_id}
    by_person: dict[int, list[Subject]] = defaultdict(list)
    count = 2
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("00-bao-cao-tong-hop.docx", summary_report(campaign=campaign, root=root, on=on))
        zf.writestr("01-danh-sach-xep-loai.docx", decided_list(campaign=campaign, root=root, on=on))
        for s in subjects:
            if s.collective_id:
                zf.writestr(f"tap-the/{s.collective.code}.docx", collective_report(
                    subject=s, levels=levels.get(s.pk, {}), on=on, content=contents.get(s.pk)))
                count += 1
            elif s.person_id:
                by_person[s.person_id].append(s)
        total = count + len(by_person)
        progress(count, total)
        for person_subjects in by_person.values():
            zf.writestr(f"ca-nhan/{person_subjects[0].unit.code}/{person_subjects[0].person.code}.docx",
                        _person_document(person_subjects, contents, collective_level, on, reader))
            count += 1
            progress(count, total)
    return count
