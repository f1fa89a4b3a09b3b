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

import functools
import io
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
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
        # A chi bộ dates its documents where its parent sits ("Chi bộ ấp 1" of "Đảng bộ xã Phú Đức" →
        # "Phú Đức, ngày …"), when the parent is named after a place.
        parent_place = re.sub(r"^Đảng bộ\s+", "", parent_name)
        if parent_place == _place_of(parent_place):
            parent_place = ""
        return Issuer(
            name=org_name, abbreviation="CB", superior=superior,
            place=place or _place_of(parent_place) or _place_of(org_name),
            authority="T/M CHI BỘ", archive="Chi bộ",
        )
    return Issuer(name=org_name, abbreviation="", superior=superior, place=place or org_name)


def _place_of(name: str) -> str:
    """"xã Tân Công Sính" → "Tân Công Sính"; "Chi bộ ấp 1" → "Chi bộ ấp 1" (override when it matters)."""
    return re.sub(r"^(xã|phường|thị trấn|thành phố|thị xã|huyện|tỉnh)\s+", "", name, flags=re.IGNORECASE)


# --- the skeleton: everything but the body, built once with python-docx -----------------------------

_PARAGRAPH_ALIGN = {
    WD_ALIGN_PARAGRAPH.LEFT: "left", WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.RIGHT: "right", WD_ALIGN_PARAGRAPH.JUSTIFY: "both",
}
_DOCUMENT_PART = "word/document.xml"
_DEFLATE_LEVEL = 6  # zipfile's default


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


def _skeleton_document(landscape: bool) -> tuple[DocxDocument, str, str]:
    """An empty party document: page, margins, page numbers, fonts and the body styles."""
    doc = Document()
    # python-docx's template carries a Word 2010 copy of the styles (stylesWithEffects.xml, 430 kB) and a
    # thumbnail of an empty page: a third of every file, read by no current viewer.
    for rels, kind in ((doc.part.rels, "/stylesWithEffects"), (doc.part.package.rels, "/thumbnail")):
        for r_id, rel in list(rels.items()):
            if rel.reltype.endswith(kind):
                rels.pop(r_id)
    # The file's properties (File > Properties in Word and LibreOffice) name the system, not python-docx's
    # template, whose author, comment and 2013 dates every document would otherwise carry.
    props = doc.core_properties
    props.author = props.last_modified_by = "xeploai"
    props.comments = ""
    props.created = props.modified = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.revision = 1
    section = doc.sections[0]
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
    for style_name in ("Normal", "Table Grid"):
        style = doc.styles[style_name]
        style.font.name = FONT
        r_pr = style.element.get_or_add_rPr()
        fonts = r_pr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            r_pr.append(fonts)
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(slot), FONT)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    # Body paragraphs share a style instead of carrying their own formatting (smaller files).
    body = doc.styles.add_style(BODY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    fmt = body.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Mm(10)
    fmt.space_after = Pt(6)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(18)
    flush = doc.styles.add_style(FLUSH_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    flush.base_style = body
    flush.paragraph_format.first_line_indent = Mm(0)
    return doc, body.style_id, flush.style_id


@dataclass(frozen=True, slots=True)
class _ZipEntry:
    name: bytes
    crc: int
    size: int
    data: bytes  # raw deflate stream


def _deflate(name: str, raw: bytes) -> _ZipEntry:
    packer = zlib.compressobj(_DEFLATE_LEVEL, zlib.DEFLATED, -15)
    return _ZipEntry(name.encode("ascii"), zlib.crc32(raw), len(raw), packer.compress(raw) + packer.flush())


@dataclass(frozen=True, slots=True)
class _Skeleton:
    """The package of an empty party document: every part but the body, deflated once."""

    before: tuple[_ZipEntry, ...]  # the parts written before word/document.xml, in python-docx's order
    after: tuple[_ZipEntry, ...]
    document_head: bytes  # word/document.xml up to and including <w:body>
    document_tail: bytes  # the section properties, </w:body></w:document>
    body_style: str
    flush_style: str
    leader_tab: str  # pPr tabs: a right tab with a dot leader at the right margin
    dos_time: int
    dos_date: int


@functools.cache
def _skeleton(landscape: bool) -> _Skeleton:
    """Build the skeleton once per orientation and process (about 60 ms); documents reuse its parts."""
    doc, body_style, flush_style = _skeleton_document(landscape)
    section = doc.sections[0]
    text_width = round((section.page_width - section.left_margin - section.right_margin) / 635)
    leader_tab = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{text_width}"/></w:tabs>'
    buffer = io.BytesIO()
    doc.save(buffer)
    before: list[_ZipEntry] = []
    after: list[_ZipEntry] = []
    head = tail = b""
    with zipfile.ZipFile(buffer) as zf:
        for name in zf.namelist():
            raw = zf.read(name)
            if name == _DOCUMENT_PART:
                start = raw.index(b"<w:body>") + len(b"<w:body>")
                end = raw.index(b"<w:sectPr")
                if raw[start:end].strip():
                    raise RuntimeError("the skeleton's body is not empty")
                head, tail = raw[:start], raw[end:]
                continue
            (after if head else before).append(_deflate(name, raw))
    now = time.localtime()
    return _Skeleton(
        before=tuple(before), after=tuple(after), document_head=head, document_tail=tail,
        body_style=body_style, flush_style=flush_style, leader_tab=leader_tab,
        dos_time=(now.tm_hour << 11) | (now.tm_min << 5) | (now.tm_sec // 2),
        dos_date=((now.tm_year - 1980) << 9) | (now.tm_mon << 5) | now.tm_mday,
    )


def _write_package(skeleton: _Skeleton, document_xml: bytes) -> bytes:
    """The .docx zip: the skeleton's parts as they are, word/document.xml deflated now.

    Written by hand (local headers, central directory, end record; no zip64: a document is far below
    4 GB) because ``zipfile`` would deflate the 350 kB of styles again for every document.
    """
    entries = (*skeleton.before, _deflate(_DOCUMENT_PART, document_xml), *skeleton.after)
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for e in entries:
        local = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, skeleton.dos_time, skeleton.dos_date,
            e.crc, len(e.data), e.size, len(e.name), 0,
        )
        central.append(struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, skeleton.dos_time, skeleton.dos_date,
            e.crc, len(e.data), e.size, len(e.name), 0, 0, 0, 0, 0o600 << 16, offset,
        ) + e.name)
        out += (local, e.name, e.data)
        offset += len(local) + len(e.name) + len(e.data)
    directory = b"".join(central)
    out.append(directory)
    count = len(entries)
    out.append(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), offset, 0))
    return b"".join(out)


# --- the body, written as WordprocessingML text ------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SPECIAL = re.compile(r"(\t|\r\n|\n|\r)")


def _escape(text: str) -> str:
    """Text for XML: ``& < >`` escaped, characters XML cannot hold dropped (python-docx would refuse them)."""
    if _NOT_XML.search(text):
        text = _NOT_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text(text: str) -> str:
    """A run's content as python-docx writes it: ``w:t`` (spaces kept), ``w:tab``, ``w:br``."""
    if not text:
        return ""
    if "\t" not in text and "\n" not in text and "\r" not in text:
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f"<w:t{space}>{_escape(text)}</w:t>"
    parts = []
    for piece in _SPECIAL.split(text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\n", "\r", "\r\n"):
            parts.append("<w:br/>")
        elif piece:
            parts.append(_text(piece))
    return "".join(parts)


def _run(text: str, *, size: float = BODY_PT, bold: bool = False, italic: bool = False,
         underline: bool = False) -> str:
    props = ""
    if bold:
        props += "<w:b/>"
    if italic:
        props += "<w:i/>"
    if size != BODY_PT:
        props += f'<w:sz w:val="{round(size * 2)}"/>'
    if underline:
        props += '<w:u w:val="single"/>'
    if props:
        return f"<w:r><w:rPr>{props}</w:rPr>{_text(text)}</w:r>"
    return f"<w:r>{_text(text)}</w:r>"


def _paragraph(content: str = "", *, style: str = "", align: str = "", properties: str = "") -> str:
    """``properties``: pPr children between the style and the alignment, in schema order."""
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + properties
    if align:
        props += f'<w:jc w:val="{align}"/>'
    if props:
        return f"<w:p><w:pPr>{props}</w:pPr>{content}</w:p>"
    return f"<w:p>{content}</w:p>" if content else "<w:p/>"


def _line(text: str, *, size: float = BODY_PT, bold: bool = False, italic: bool = False,
          underline: bool = False, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
          properties: str = "") -> str:
    """A short line of a header, a title, a table cell or a signature block (alignment always written)."""
    run = _run(text, size=size, bold=bold, italic=italic, underline=underline)
    return _paragraph(run, align=_PARAGRAPH_ALIGN[align], properties=properties)


def _twips(mm: float) -> int:
    return round(mm * 36000 / 635)  # EMU per mm / EMU per twip, rounded as python-docx does


def _table(rows: Iterable[tuple[str, Sequence[str]]], widths_mm: Sequence[float], *, style: str = "",
           borderless: bool = False) -> str:
    """A fixed-layout centred table; ``rows`` are (row properties, cell contents as paragraph XML).

    The grid columns carry the cell widths: LibreOffice lays fixed tables out by the grid.
    """
    widths = [_twips(w) for w in widths_mm]
    props = f'<w:tblStyle w:val="{style}"/>' if style else ""
    props += '<w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/>'
    if borderless:
        props += "<w:tblBorders>" + "".join(
            f'<w:{edge} w:val="nil"/>' for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
        ) + "</w:tblBorders>"
    props += ('<w:tblLayout w:type="fixed"/><w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" '
              'w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>')
    parts = [f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>",
             *(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>"]
    for row_props, cells in rows:
        parts.append(f"<w:tr><w:trPr>{row_props}</w:trPr>" if row_props else "<w:tr>")
        for i, width in enumerate(widths):
            content = (cells[i] if i < len(cells) else "") or "<w:p/>"  # a cell holds at least one paragraph
            parts.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>{content}</w:tc>')
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


_RULE_PROPERTIES = (  # the short rule under "ĐẢNG CỘNG SẢN VIỆT NAM": a bottom border, 8 mm in from each side
    '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
    f'<w:spacing w:after="80"/><w:ind w:left="{_twips(8)}" w:right="{_twips(8)}"/>'
)


class PartyDocument:
    """One Word document in the party format; add parts in reading order, then ``to_bytes()``.

    The body is written as WordprocessingML text into the package of a skeleton built once per
    process with python-docx (styles, page, page numbers): a self-review takes about 2 ms instead of
    about 100 ms through python-docx's object model.
    """

    def __init__(self, *, landscape: bool = False) -> None:
        self._skeleton = _skeleton(landscape)
        self._body: list[str] = []

    # --- the parts ---------------------------------------------------------------------------
    def header(self, issuer: Issuer, *, number: str | None, on: date | None, place: str = "") -> None:
        """The two-column header; ``number`` is the full "Số …" line, or None for forms without one."""
        left = []
        if issuer.superior:
            left.append(_line(issuer.superior.upper()))
        left.append(_line(issuer.name.upper(), bold=True))
        left.append(_line("*"))
        if number:
            left.append(_line(number))
        right = [
            _line(PARTY_TITLE, size=15, bold=True),
            _paragraph(properties=_RULE_PROPERTIES),
            _line(date_line(place or issuer.place, on), italic=True),
        ]
        self._body.append(_table([("", ("".join(left), "".join(right)))], (75, 90), borderless=True))
        self._body.append("<w:p/>")

    def title(self, type_name: str, summary_lines: Iterable[str], *, subtitle: str = "") -> None:
        """The type name (bold capitals) and the summary (bold) with "-----" under it."""
        body = self._body
        body.append(_line(type_name.upper(), size=16, bold=True, properties='<w:spacing w:before="120"/>'))
        for line in summary_lines:
            body.append(_line(line, bold=True))
        if subtitle:
            body.append(_line(subtitle, italic=True))
        body.append(_line("-----"))
        body.append("<w:p/>")

    def heading(self, text: str, *, center: bool = False) -> None:
        """A section heading ("I. Ưu điểm, kết quả đạt được"): bold, kept on the page of what follows."""
        style = self._skeleton.flush_style if center else self._skeleton.body_style
        self._body.append(_paragraph(_run(text, bold=True), style=style, align="center" if center else "",
                                     properties="<w:keepNext/>"))

    def paragraph(self, text: str = "", *, bold: bool = False, italic: bool = False, indent: bool = True,
                  align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY) -> None:
        """A body paragraph: justified, first-line indent 10 mm, 6 pt after, exact 18 pt lines."""
        style = self._skeleton.body_style if indent else self._skeleton.flush_style
        run = _run(text, bold=bold, italic=italic) if text else ""
        align_value = _PARAGRAPH_ALIGN[align] if align != WD_ALIGN_PARAGRAPH.JUSTIFY else ""
        self._body.append(_paragraph(run, style=style, align=align_value))

    def labelled(self, label: str, value: str) -> None:
        """"Họ và tên: Nguyễn Văn An" with the label plain and the value as given (dots when empty)."""
        content = _run(f"{label}: ") + _run(value or "." * 60)
        self._body.append(_paragraph(content, style=self._skeleton.body_style))

    def dotted(self, lines: int = 2) -> None:
        """Lines of dots to write on by hand, to the right margin whatever the font: a dot-leader tab."""
        line = _paragraph("<w:r><w:tab/></w:r>", style=self._skeleton.flush_style,
                          properties=self._skeleton.leader_tab)
        self._body.extend([line] * lines)

    def table(self, header: Sequence[str], rows: Iterable[Sequence[object]], widths_mm: Sequence[float],
              *, size: float = 13, center_cols: Sequence[int] = ()) -> None:
        """A bordered table with a bold header row repeated on each page."""
        centred = frozenset(center_cols)
        xml_rows = [("<w:tblHeader/>", [_line(text, size=size, bold=True) for text in header])]
        for values in rows:
            xml_rows.append(("", [
                _line("" if value is None else str(value), size=size,
                      align=WD_ALIGN_PARAGRAPH.CENTER if i in centred else WD_ALIGN_PARAGRAPH.LEFT)
                for i, value in enumerate(values[:len(widths_mm)])
            ]))
        self._body.append(_table(xml_rows, widths_mm, style="TableGrid"))
        self._body.append("<w:p/>")

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
        left = []
        if recipients is not None:
            left.append(_line("Nơi nhận:", underline=True, align=WD_ALIGN_PARAGRAPH.LEFT))
            for i, line in enumerate(recipients):
                end = "." if i == len(recipients) - 1 else ","
                left.append(_line(f"- {line}{end}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT))
        right = []
        if authority:
            right.append(_line(authority, bold=True))
        right.append(_line(title, bold=True))
        if note:
            right.append(_line(note, italic=True))
        right += ["<w:p/>"] * 4
        right.append(_line(name, bold=True))
        self._body.append(_table([("<w:cantSplit/>", ("".join(left), "".join(right)))], (80, 85),
                                 borderless=True))

    def body_xml(self) -> str:
        """The body's WordprocessingML so far (without the section properties)."""
        return "".join(self._body)

    def to_bytes(self) -> bytes:
        skeleton = self._skeleton
        document = skeleton.document_head + self.body_xml().encode("utf-8") + skeleton.document_tail
        return _write_package(skeleton, document)


def with_overrides(issuer: Issuer, **changes: str) -> Issuer:
    """``issuer`` with the non-empty ``changes`` applied (signer name, place…)."""
    return replace(issuer, **{k: v for k, v in changes.items() if v})
