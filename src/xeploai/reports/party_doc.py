"""Build Word documents in the party's document format (conventions.md §1.1, §1.3; Hướng dẫn 36-HD/VPTW).

``PartyDocument`` lays out what every party document shares, in the order §1.1 lists them:

- the header: a borderless two-column table; left the directly superior body (capitals), the issuing
  body (capitals, bold), ``*`` and the number ``Số 12-BC/HU`` (no colon after "Số", a hyphen before the
  type; left blank for the office to fill: ``Số      -BC/HU``, conventions.md §1.3); right the title
  "ĐẢNG CỘNG SẢN VIỆT NAM" (15 pt bold) with a rule under it drawn as the bottom border of an empty
  paragraph, then the italic place-and-date line ``Cao Lãnh, ngày 05 tháng 02 năm 2024``;
- the type name (capitals, bold, 16 pt) and the summary (bold) with ``-----`` under it;
- the body (14 pt, justified, first-line indent 10 mm, 6 pt after, exact 18 pt lines);
- the recipients ("Nơi nhận:" underlined, lines 12 pt, last "- Lưu Văn phòng …." with no colon and no
  "VT") and the signature ("T/M BAN THƯỜNG VỤ" / "BÍ THƯ": a cấp ủy signs T/M, never K/T) in one
  borderless table whose row cannot split across pages.

Page: A4 portrait, margins top 20, bottom 20, left 30, right 15 mm (the party profile of §1.1, inside
the ranges of §1.2); Times New Roman everywhere, the East Asian font slot included so no viewer falls
back to another font; page numbers centred in the top margin, not on page 1.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
BODY_PT = 14
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
BLANK_NUMBER = "      "  # the văn thư writes the registered number here by hand
BODY_STYLE, FLUSH_STYLE = "Body Text Party", "Body Text Party Flush"

# TU, HU and ĐU are SOURCED (conventions.md §1.1 item 3); ThU (thành ủy) and the thị ủy's TU are RECALLED.
_UPPER_PREFIXES = (
    ("Đảng bộ tỉnh ", "Tỉnh ủy ", "TU"),
    ("Đảng bộ thành phố ", "Thành ủy ", "ThU"),
    ("Đảng bộ thị xã ", "Thị ủy ", "TU"),
    ("Đảng bộ huyện ", "Huyện ủy ", "HU"),
)


def date_line(place: str, on: date | None) -> str:
    """Return the party date line: ``Cao Lãnh, ngày 05 tháng 02 năm 2024`` (conventions.md §1.1 item 4).

    Days under 10 and the months 1–2 take a leading zero; months 3–12 do not. Without a date the
    line keeps blanks to fill by hand: ``Cao Lãnh, ngày     tháng     năm 2024``.
    """
    if on is None:
        return f"{place}, ngày      tháng      năm      "
    month = f"{on.month:02d}" if on.month <= 2 else str(on.month)
    return f"{place}, ngày {on.day:02d} tháng {month} năm {on.year}"


def number_line(number: int | str | None, doc_type: str, issuer_abbreviation: str) -> str:
    """Return the party number and symbol: ``Số 45-BC/HU``; ``Số 07-BC/ĐU`` (numbers under 10 get a 0).

    No colon after "Số", a hyphen before the type (conventions.md §1.1 item 3). Numbers run per
    document type within a committee term and belong to the office's register, so the system stores
    none: without a number the line keeps a blank to fill by hand (``Số       -BC/ĐU``).
    """
    if number is None or number == "":
        text = BLANK_NUMBER
    elif isinstance(number, int) or str(number).isdigit():
        text = f"{int(number):02d}"
    else:
        text = str(number)
    return f"Số {text}-{doc_type}/{issuer_abbreviation}"


@dataclass(frozen=True, slots=True)
class Issuer:
    """Who issues and signs a document: the header's left column and the signature block."""

    name: str  # "Huyện ủy Tam Nông" (the header writes it in capitals)
    abbreviation: str  # "HU": the part after the slash of the number
    superior: str = ""  # "Đảng bộ tỉnh Đồng Tháp"; empty for a body with no line above it
    place: str = ""  # "Tam Nông"
    authority: str = "T/M BAN THƯỜNG VỤ"  # collective bodies sign T/M (§1.1 item 7)
    signer_title: str = "BÍ THƯ"
    signer_name: str = ""
    archive: str = "Văn phòng"  # "- Lưu Văn phòng Huyện ủy."


def issuer_for(org_name: str, kind: str, parent_name: str = "", *, place: str = "") -> Issuer:
    """Derive the issuing committee of a party organization from its name and kind (conventions.md §1.3).

    "Đảng bộ huyện Tam Nông" under "Đảng bộ tỉnh Đồng Tháp" → "Huyện ủy Tam Nông" (HU) under
    "Đảng bộ tỉnh Đồng Tháp", signed "T/M BAN THƯỜNG VỤ"; a đảng bộ cơ sở → "Đảng ủy …" (ĐU), signed
    "T/M ĐẢNG ỦY"; a chi bộ → "Chi bộ …" (CB), signed "T/M CHI BỘ". The header writes names in
    capitals. Names that follow no known pattern are used as they are; every field can be overridden
    with ``with_overrides`` / ``dataclasses.replace`` (the spelling "ủy"/"uỷ" is a client choice,
    conventions.md §3.5).
    """
    superior = parent_name
    for prefix, committee, abbreviation in _UPPER_PREFIXES:
        if org_name.startswith(prefix):
            rest = org_name[len(prefix):]
            if kind == "PROVINCIAL_COMMITTEE":
                superior = ""
            return Issuer(
                name=committee + rest, abbreviation=abbreviation, superior=superior,
                place=place or rest, archive=f"Văn phòng {committee.strip()}",
            )
    if kind in ("GRASSROOTS_COMMITTEE", "SUB_COMMITTEE"):
        rest = re.sub(r"^Đảng bộ\s+", "", org_name)
        committee = "Đảng ủy " + rest  # "Đảng bộ xã A1" → "Đảng ủy xã A1"
        return Issuer(
            name=committee, abbreviation="ĐU", superior=superior, place=place or _place_of(rest),
            authority="T/M ĐẢNG ỦY", archive="Văn phòng Đảng ủy",
        )
    if kind in ("GRASSROOTS_CELL", "CELL"):
        return Issuer(
            name=org_name, abbreviation="CB", superior=superior, place=place or _place_of(org_name),
            authority="T/M CHI BỘ", archive="Chi bộ",
        )
    return Issuer(name=org_name, abbreviation="", superior=superior, place=place or org_name)


def _place_of(name: str) -> str:
    """"xã Tân Công Sính" → "Tân Công Sính"; "Chi bộ ấp 1" → "Chi bộ ấp 1" (override when it matters)."""
    return re.sub(r"^(xã|phường|thị trấn|thành phố|thị xã|huyện|tỉnh)\s+", "", name, flags=re.IGNORECASE)


def _set_cell_borders_none(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _bottom_rule(paragraph: Paragraph) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)


def _cant_split(table: Table) -> None:
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        el = OxmlElement("w:cantSplit")
        tr_pr.append(el)


def _repeat_header(row_el: object) -> None:
    tr_pr = row_el._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement("w:tblHeader")
    tr_pr.append(el)


def _page_field(paragraph: Paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


class PartyDocument:
    """One Word document in the party format; add parts in reading order, then ``to_bytes()``."""

    def __init__(self, *, landscape: bool = False) -> None:
        self.doc = Document()
        section = self.doc.sections[0]
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(PAGE_HEIGHT_MM), Mm(PAGE_WIDTH_MM)
        else:
            section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.top_margin = Mm(MARGINS_MM["top"])
        section.bottom_margin = Mm(MARGINS_MM["bottom"])
        section.left_margin = Mm(MARGINS_MM["left"])
        section.right_margin = Mm(MARGINS_MM["right"])
        section.header_distance = Mm(10)
        section.different_first_page_header_footer = True
        header_p = section.header.paragraphs[0]
        header_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(header_p)
        self.text_width = section.page_width - section.left_margin - section.right_margin
        for style_name in ("Normal", "Table Grid"):
            style = self.doc.styles[style_name]
            style.font.name = FONT
            r_pr = style.element.get_or_add_rPr()
            fonts = r_pr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = OxmlElement("w:rFonts")
                r_pr.append(fonts)
            for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(slot), FONT)
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(BODY_PT)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)
        # Body paragraphs share a style instead of carrying their own formatting: smaller files, and
        # building a document is several times faster than setting each paragraph's properties.
        body = self.doc.styles.add_style(BODY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        body.base_style = normal
        fmt = body.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Mm(10)
        fmt.space_after = Pt(6)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(18)
        flush = self.doc.styles.add_style(FLUSH_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        flush.base_style = body
        flush.paragraph_format.first_line_indent = Mm(0)
        # Style ids set on the XML directly: python-docx's style lookup scans every style each time.
        self._body_id, self._flush_id = body.style_id, flush.style_id

    # --- small helpers -------------------------------------------------------------------------
    @staticmethod
    def _line(
        container: _Cell | object, text: str, *, size: float = BODY_PT, bold: bool = False,
        italic: bool = False, underline: bool = False, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
        first: bool = False,
    ) -> Paragraph:
        if first and isinstance(container, _Cell):
            p = container.paragraphs[0]
        else:
            p = container.add_paragraph()  # type: ignore[attr-defined]
        p.alignment = align
        run = p.add_run(text)
        if size != BODY_PT:
            run.font.size = Pt(size)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if underline:
            run.underline = True
        return p

    def _borderless(self, widths_mm: Sequence[float], rows: int = 1) -> Table:
        table = self.doc.add_table(rows=rows, cols=len(widths_mm))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _set_cell_borders_none(table)
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm):
                cell.width = Mm(width)
        return table

    # --- the parts ---------------------------------------------------------------------------
    def header(self, issuer: Issuer, *, number: str | None, on: date | None, place: str = "") -> None:
        """The two-column header; ``number`` is the full "Số …" line, or None for forms without one."""
        table = self._borderless((75, 90))
        left, right = table.rows[0].cells
        first = True
        if issuer.superior:
            self._line(left, issuer.superior.upper(), first=first)
            first = False
        self._line(left, issuer.name.upper(), bold=True, first=first)
        self._line(left, "*")
        if number:
            self._line(left, number)
        self._line(right, PARTY_TITLE, size=15, bold=True, first=True)
        rule = right.add_paragraph()
        rule.paragraph_format.left_indent = Mm(8)
        rule.paragraph_format.right_indent = Mm(8)
        rule.paragraph_format.space_after = Pt(4)
        _bottom_rule(rule)
        self._line(right, date_line(place or issuer.place, on), italic=True)
        self.doc.add_paragraph()

    def title(self, type_name: str, summary_lines: Iterable[str], *, subtitle: str = "") -> None:
        """The type name (bold capitals) and the summary (bold) with "-----" under it."""
        p = self._line(self.doc, type_name.upper(), size=16, bold=True)
        p.paragraph_format.space_before = Pt(6)
        for line in summary_lines:
            self._line(self.doc, line, bold=True)
        if subtitle:
            self._line(self.doc, subtitle, italic=True)
        self._line(self.doc, "-----")
        self.doc.add_paragraph()

    def heading(self, text: str, *, center: bool = False) -> Paragraph:
        """A section heading ("I. Ưu điểm, kết quả đạt được"): bold."""
        p = self.paragraph(text, bold=True, indent=not center)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    def paragraph(self, text: str = "", *, bold: bool = False, italic: bool = False, indent: bool = True,
                  align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY) -> Paragraph:
        """A body paragraph: justified, first-line indent 10 mm, 6 pt after, exact 18 pt lines."""
        p = self.doc.add_paragraph()
        p._p.style = self._body_id if indent else self._flush_id
        if align != WD_ALIGN_PARAGRAPH.JUSTIFY:
            p.alignment = align
        if text:
            run = p.add_run(text)
            if bold:
                run.bold = True
            if italic:
                run.italic = True
        return p

    def labelled(self, label: str, value: str) -> Paragraph:
        """"Họ và tên: Nguyễn Văn An" with the label plain and the value as given (dots when empty)."""
        p = self.paragraph(indent=True)
        p.add_run(f"{label}: ")
        p.add_run(value or "." * 60)
        return p

    def dotted(self, lines: int = 2) -> None:
        """Lines of dots to write on by hand."""
        for _ in range(lines):
            self.paragraph("." * 95, indent=False)

    def table(self, header: Sequence[str], rows: Iterable[Sequence[object]], widths_mm: Sequence[float],
              *, size: float = 13, center_cols: Sequence[int] = ()) -> Table:
        """A bordered table with a bold header row repeated on each page."""
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for cell, text, width in zip(table.rows[0].cells, header, widths_mm):
            cell.width = Mm(width)
            self._line(cell, text, size=size, bold=True, first=True)
        _repeat_header(table.rows[0])
        for values in rows:
            cells = table.add_row().cells
            for i, (cell, value, width) in enumerate(zip(cells, values, widths_mm)):
                cell.width = Mm(width)
                align = WD_ALIGN_PARAGRAPH.CENTER if i in center_cols else WD_ALIGN_PARAGRAPH.LEFT
                self._line(cell, "" if value is None else str(value), size=size, first=True, align=align)
        self.doc.add_paragraph()
        return table

    def signature(self, issuer: Issuer, *, recipients: Sequence[str] | None = None) -> None:
        """Nơi nhận (left, when given; the archive line last) and the issuer's signature (right)."""
        left_lines = None
        if recipients is not None:
            left_lines = [*recipients, f"Lưu {issuer.archive}"]
        self.sign_block(issuer.authority, issuer.signer_title, issuer.signer_name, recipients=left_lines)

    def sign_block(self, authority: str, title: str, name: str = "", *, note: str = "",
                   recipients: Sequence[str] | None = None) -> None:
        """A signature block on the right ("T/M …" / title / name), "Nơi nhận:" on the left, on one page.

        Recipient lines end with a comma, the last with a full stop (party style, conventions.md §1.1).
        """
        table = self._borderless((80, 85))
        left, right = table.rows[0].cells
        if recipients is not None:
            self._line(left, "Nơi nhận:", underline=True, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
            for i, line in enumerate(recipients):
                end = "." if i == len(recipients) - 1 else ","
                self._line(left, f"- {line}{end}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
        first = True
        if authority:
            self._line(right, authority, bold=True, first=True)
            first = False
        self._line(right, title, bold=True, first=first)
        if note:
            self._line(right, note, italic=True)
        for _ in range(4):
            right.add_paragraph()
        self._line(right, name, bold=True)
        _cant_split(table)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def with_overrides(issuer: Issuer, **changes: str) -> Issuer:
    """``issuer`` with the non-empty ``changes`` applied (signer name, place…)."""
    return replace(issuer, **{k: v for k, v in changes.items() if v})
