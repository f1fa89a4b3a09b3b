"""Build the Word templates of the party's documents (conventions.md §1.1, §1.3; Hướng dẫn 36-HD/VPTW).

The templates in ``docx_templates/`` are what ``party_doc.render`` fills with docxtpl; office staff may
edit them in Word. This module made them and remakes them (``manage.py make_docx_templates``) when the
layout changes in code rather than in Word. Every template shares, in the order §1.1 lists them:

- the header: a borderless two-column table; left the directly superior body (capitals), the issuing
  body (capitals, bold), ``*`` and the number ``Số 12-BC/HU``; right "ĐẢNG CỘNG SẢN VIỆT NAM" (15 pt
  bold) with a rule under it (the bottom border of an empty paragraph), then the italic date line;
- the type name (capitals, bold, 16 pt) and the summary (bold) with ``-----`` under it;
- the body (14 pt, justified, first-line indent 10 mm, 6 pt after, exact 18 pt lines);
- the recipients ("Nơi nhận:" underlined, lines 12 pt) and the signature in one borderless table whose
  row cannot split across pages.

Page: A4 portrait, margins top 20, bottom 20, left 30, right 15 mm; Times New Roman everywhere, the
East Asian font slot included; page numbers centred in the top margin, not on page 1.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.blkcntnr import BlockItemContainer
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]
BODY_PT = 14
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
BODY_STYLE, FLUSH_STYLE = "Body Text Party", "Body Text Party Flush"
TEMPLATES_DIR = Path(__file__).resolve().parent / "docx_templates"
CENTER, LEFT, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT

Container = DocxDocument | BlockItemContainer  # the document's body or a table cell


def _element(tag: str, **attrs: str) -> OxmlElement:
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    return el


def _fonts(style_element: OxmlElement) -> None:
    fonts = style_element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _styles(doc: DocxDocument) -> None:
    """Times New Roman 14 pt, and the body styles the paragraphs share instead of their own formatting."""
    for name in ("Normal", "Table Grid"):
        doc.styles[name].font.name = FONT
        _fonts(doc.styles[name].element)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = normal.paragraph_format.space_before = Pt(0)
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


def _prune_styles(doc: DocxDocument) -> None:
    """Keep the styles the documents use: python-docx's template defines some 160 more (350 kB that every
    saved document would deflate again)."""
    styles = doc.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    used = {"Normal", "TableGrid", "Header", "BodyTextParty", "BodyTextPartyFlush"}
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:default")) != "1" and style.get(qn("w:styleId")) not in used:
            styles.remove(style)
        for link in style.findall(qn("w:link")):  # the character styles linked to are gone
            style.remove(link)


def _page_number(paragraph: Paragraph) -> None:
    run = paragraph.add_run()._r
    run.append(_element("w:fldChar", fldCharType="begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = "PAGE"
    run.append(instr)
    run.append(_element("w:fldChar", fldCharType="end"))


def new_document() -> DocxDocument:
    """An empty party document: page, margins, page numbers, fonts, styles and the file's properties."""
    doc = Document()
    # python-docx's own template carries parts no document here uses (a Word 2010 copy of the styles, a
    # thumbnail, list numbering, web settings, custom XML): every saved document would write them again.
    unused = ("/stylesWithEffects", "/thumbnail", "/numbering", "/webSettings", "/customXml")
    for rels in (doc.part.rels, doc.part.package.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype.endswith(unused):
                rels.pop(r_id)
    props = doc.core_properties
    props.author = props.last_modified_by = "xeploai"
    props.comments = props.title = props.subject = props.keywords = ""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = CENTER
    _page_number(header)
    _styles(doc)
    _prune_styles(doc)
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    return doc


def line(where: Container, text: str = "", *, size: float = BODY_PT, bold: bool = False,
         italic: bool = False, underline: bool = False, align: WD_ALIGN_PARAGRAPH | None = CENTER,
         style: str | None = None, first: bool = False) -> Paragraph:
    """A paragraph of one run (a jinja ``{{ … }}`` stays whole in one run, as docxtpl needs it).

    ``first``: fill the empty paragraph a new table cell starts with instead of adding one.
    """
    paragraph = where.paragraphs[0] if first else where.add_paragraph(style=style)
    if style and first:
        paragraph.style = style
    if align is not None:
        paragraph.alignment = align
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        run.underline = underline or None
        if size != BODY_PT:
            run.font.size = Pt(size)
    return paragraph


def tag(where: Container, statement: str) -> None:
    """A docxtpl paragraph tag (``{%p for … %}``): the paragraph itself disappears when rendered."""
    where.add_paragraph(f"{{%p {statement} %}}")


def optional(where: Container, name: str, *, first: bool = False, **fmt: Any) -> None:
    """The value of ``name`` on a line of its own, the line left out when the value is empty."""
    line(where, f"{{%p if {name} %}}", first=first)
    line(where, f"{{{{ {name} }}}}", **fmt)
    tag(where, "endif")


def each(where: Container, name: str, **fmt: Any) -> None:
    """One line per item of the list ``name``."""
    tag(where, f"for text in {name}")
    line(where, "{{ text }}", **fmt)
    tag(where, "endfor")


def body(where: Container, text: str, *, bold: bool = False, italic: bool = False, indent: bool = True,
         align: WD_ALIGN_PARAGRAPH | None = None) -> Paragraph:
    style = BODY_STYLE if indent else FLUSH_STYLE
    return line(where, text, bold=bold, italic=italic, align=align, style=style)


def heading(where: Container, text: str, *, center: bool = False) -> None:
    """A section heading: bold, kept on the page of what follows."""
    paragraph = line(where, text, bold=True, align=CENTER if center else None,
                     style=FLUSH_STYLE if center else BODY_STYLE)
    paragraph.paragraph_format.keep_with_next = True


def dotted(where: Container, lines: int) -> None:
    """Lines of dots to write on by hand, to the right margin whatever the font: a dot-leader tab."""
    for _ in range(lines):
        paragraph = where.add_paragraph(style=FLUSH_STYLE)
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        paragraph.add_run().add_tab()


def written(where: Container, name: str, lines: int) -> None:
    """The text of ``name`` (its paragraphs), or dotted lines to fill by hand when it is empty."""
    tag(where, f"if {name}")
    body(where, f"{{{{ {name} }}}}")
    tag(where, "else")
    dotted(where, lines)
    tag(where, "endif")


def table(where: DocxDocument, widths_mm: Sequence[float], *, borderless: bool = False) -> Table:
    """A fixed-layout centred table of one row; the grid carries the cell widths (LibreOffice reads it)."""
    tbl = where.add_table(rows=1, cols=len(widths_mm))
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl.autofit = False
    if not borderless:
        tbl.style = where.styles["Table Grid"]
    else:
        borders = _element("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            borders.append(_element(f"w:{edge}", val="nil"))
        tbl._tbl.tblPr.find(qn("w:tblLayout")).addprevious(borders)
    for column, width in zip(tbl.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    return tbl


def add_row(tbl: Table) -> list[BlockItemContainer]:
    return list(tbl.add_row().cells)


def row_property(tbl: Table, index: int, name: str) -> None:
    """``w:tblHeader`` (repeat on each page) or ``w:cantSplit`` on a row."""
    tbl.rows[index]._tr.get_or_add_trPr().append(_element(f"w:{name}"))


def data_table(doc: DocxDocument, header: Sequence[str], widths_mm: Sequence[float],
               *, loop: str, size: float = 13, center_cols: Sequence[int] = ()) -> None:
    """A bordered table: a bold header row repeated on each page, one row per item of ``loop``."""
    tbl = table(doc, widths_mm)
    row_property(tbl, 0, "tblHeader")
    for cell, text in zip(tbl.rows[0].cells, header, strict=True):
        line(cell, text, size=size, bold=True, first=True)
    for row_cells, text in ((add_row(tbl), f"{{%tr for row in {loop} %}}"), (add_row(tbl), ""),
                            (add_row(tbl), "{%tr endfor %}")):
        line(row_cells[0], text, size=size, align=LEFT, first=True)
    for i, cell in enumerate(tbl.rows[2].cells):
        line(cell, f"{{{{ row[{i}] }}}}", size=size, align=CENTER if i in center_cols else LEFT, first=True)
    doc.add_paragraph()


def header(doc: DocxDocument) -> None:
    """The two-column header of every party document (context: ``h.superior``, ``h.issuer``, …)."""
    left, right = table(doc, (75, 90), borderless=True).rows[0].cells
    optional(left, "h.superior", first=True)
    line(left, "{{ h.issuer }}", bold=True)
    line(left, "*")
    optional(left, "h.number")
    line(right, PARTY_TITLE, size=15, bold=True, first=True)
    rule = right.add_paragraph()
    p_pr = rule._p.get_or_add_pPr()
    borders = _element("w:pBdr")
    borders.append(_element("w:bottom", val="single", sz="6", space="1", color="000000"))
    p_pr.append(borders)
    rule.paragraph_format.space_after = Pt(4)
    rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Mm(8)
    line(right, "{{ h.date_line }}", italic=True)
    doc.add_paragraph()


def title(doc: DocxDocument, type_name: str) -> None:
    """The type name, the summary lines (``summary``), the subtitle when given, and "-----"."""
    paragraph = line(doc, type_name.upper(), size=16, bold=True)
    paragraph.paragraph_format.space_before = Pt(6)
    each(doc, "summary", bold=True)
    optional(doc, "subtitle", italic=True)
    line(doc, "-----")
    doc.add_paragraph()


def signature(doc: DocxDocument, name: str) -> None:
    """Nơi nhận (left, when given) and a signature block (right) on one page; context ``name``: a dict."""
    tbl = table(doc, (80, 85), borderless=True)
    row_property(tbl, 0, "cantSplit")
    left, right = tbl.rows[0].cells
    line(left, f"{{%p if {name}.recipients %}}", first=True)
    line(left, "Nơi nhận:", underline=True, align=LEFT)
    each(left, f"{name}.recipients", size=12, align=LEFT)
    tag(left, "endif")
    left.add_paragraph()  # a cell holds at least one paragraph when the tags are gone
    optional(right, f"{name}.authority", first=True, bold=True)
    line(right, f"{{{{ {name}.title }}}}", bold=True)
    optional(right, f"{name}.note", italic=True)
    for _ in range(4):
        right.add_paragraph()
    line(right, f"{{{{ {name}.name }}}}", bold=True)


def form_line(doc: DocxDocument) -> None:
    """The form's name above the header ("Mẫu 02A-HD KĐ.ĐG 2019"), when the ruleset has one."""
    optional(doc, "form", italic=True, align=RIGHT, style=FLUSH_STYLE)


def level_boxes(doc: DocxDocument, name: str) -> None:
    body(doc, f"{{{{ {name} }}}}", indent=False, align=LEFT)


def save(doc: DocxDocument, name: str, directory: Path = TEMPLATES_DIR) -> Path:
    path = directory / f"{name}.docx"
    doc.save(str(path))
    return path


Builder = Callable[[], DocxDocument]
