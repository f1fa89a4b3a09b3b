"""Excel statistical tables laid out like the paper tables sent upward (R-95; conventions.md §2.6).

One worksheet per table: first the tables by kind / tier / category, then the same tables by directly
subordinate unit ("TT | Đơn vị | …"). Each sheet has

- a title block: the superior body and the issuing committee top left (``*`` under it), "Biểu số …"
  top right, the title in capitals with the campaign year, and what the figures cover;
- a header over two rows with merged cells: TT | Nội dung | Tổng số | Không đánh giá, xếp loại (Cộng,
  one column per reason) | Chưa có kết quả | Số đã xếp loại | HTXS (SL, %) | HTT (SL, %) | HTNV (SL, %)
  | KHTNV (SL, %), then a row of column numbers (1), (2), … as on paper;
- the rows, then "Cộng" in bold;
- the signature line: "…, ngày … tháng … năm …", "NGƯỜI LẬP BIỂU" left and the committee's
  "T/M BAN THƯỜNG VỤ" right.

Times New Roman throughout, thin borders, landscape A4 fitted to one page wide with the header rows
repeated on every printed page. Percentages are stored as numbers (12.5) with one decimal, so Excel
shows them with the reader's decimal separator ("12,5" in Vietnamese).
"""

from __future__ import annotations

import io
from typing import IO, Any

import xlsxwriter

from xeploai.lib.spreadsheet import workbook_options
from xeploai.reports.party_doc import Issuer
from xeploai.reports.stats import LEVELS_DESC, Counts, Section, Statistics

FONT = "Times New Roman"
STAGE_LABELS = {
    "SELF": "tự đánh giá, xếp loại",
    "PROPOSED": "đề xuất",
    "APPRAISED": "thẩm định",
    "DECIDED": "quyết định",
    "PUBLISHED": "công bố",
}
_KIND_SHEETS = {
    "organizations": "Tổ chức đảng",
    "party_members": "Đảng viên",
    "collectives": "Tập thể lãnh đạo",
    "leaders": "Cán bộ lãnh đạo",
    "civil_servants": "CBCCVC",
}


def _columns(section: Section) -> list[str]:
    return ["TT", "", "Tổng số", "Cộng", *section.reason_labels(), "Chưa có kết quả", "Số đã xếp loại"]


def row_values(counts: Counts, section: Section) -> list[Any]:
    """The figures of a row in column order (after TT and the label); percentages as numbers or None."""
    values: list[Any] = [counts.total, counts.not_classified_total]
    values += [counts.not_classified.get(r, 0) for r in section.reasons]
    values += [counts.pending, counts.rated]
    for level in LEVELS_DESC:
        pct = counts.percent(level)
        values += [counts.levels[level], float(pct) if pct is not None else None]
    return values


def header_labels(section: Section) -> list[str]:
    """Flat column names (for CSV): Tổng số, Không đánh giá – Cộng, each reason, …, HTXS SL, HTXS %, …"""
    names = ["Tổng số", "Không đánh giá, xếp loại"]
    names += [f"Không đánh giá: {label}" for label in section.reason_labels()]
    names += ["Chưa có kết quả", "Số đã xếp loại"]
    for level in LEVELS_DESC:
        names += [f"{level.short} (SL)", f"{level.short} (%)"]
    return names


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base = {"font_name": FONT, "font_size": 12}
        border = {**base, "border": 1, "valign": "vcenter"}

        def fmt(**kw: Any) -> Any:
            return book.add_format({**base, **kw})

        self.left = fmt(align="center", valign="vcenter")
        self.left_bold = fmt(bold=True, align="center", valign="vcenter")
        self.right_bold = fmt(bold=True, align="center")
        self.title = fmt(bold=True, font_size=14, align="center", valign="vcenter", text_wrap=True)
        self.subtitle = fmt(italic=True, align="center")
        self.italic = fmt(italic=True, align="center")
        self.head = book.add_format({**border, "bold": True, "align": "center", "text_wrap": True})
        self.colno = book.add_format({**border, "italic": True, "align": "center", "font_size": 10})
        self.text = book.add_format({**border, "text_wrap": True})
        self.text_bold = book.add_format({**border, "text_wrap": True, "bold": True})
        self.num = book.add_format({**border, "align": "center", "num_format": "#,##0"})
        self.num_bold = book.add_format({**border, "align": "center", "num_format": "#,##0", "bold": True})
        self.pct = book.add_format({**border, "align": "center", "num_format": "0.0"})
        self.pct_bold = book.add_format({**border, "align": "center", "num_format": "0.0", "bold": True})
        self.tt = book.add_format({**border, "align": "center"})


def _write_sheet(
    book: xlsxwriter.Workbook, f: _Formats, *, name: str, form: str, title: str, section: Section,
    stats: Statistics, issuer: Issuer, label_header: str,
) -> None:
    ws = book.add_worksheet(name[:31])
    reasons = section.reason_labels()
    last = 2 + 1 + 1 + len(reasons) + 2 + 2 * len(LEVELS_DESC) - 1
    ws.set_column(0, 0, 5)
    ws.set_column(1, 1, 34)
    ws.set_column(2, last, 9)
    _write_title(ws, f, last, form=form, title=title, stats=stats, issuer=issuer)
    _write_header(ws, f, HEADER_ROW, label_header, reasons)
    r = _write_rows(ws, f, HEADER_ROW + 3, section)
    _write_signature(ws, f, r + 2, last, issuer)
    # Printing: landscape A4, one page wide, header rows on every page.
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW, HEADER_ROW + 2)
    ws.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.6)
    ws.center_horizontally()


HEADER_ROW = 7  # the two header rows and the column numbers start here, under the title block


def _write_title(ws: Any, f: _Formats, last: int, *, form: str, title: str, stats: Statistics,
                 issuer: Issuer) -> None:
    """The issuer (left), the form number (right), the title and the scope line."""
    block = [(issuer.superior.upper(), f.left)] if issuer.superior else []
    block += [(issuer.name.upper(), f.left_bold), ("*", f.left)]
    for r, (text, fmt) in enumerate(block):
        ws.merge_range(r, 0, r, 3, text, fmt)
    ws.merge_range(0, last - 3, 0, last, f"Biểu số {form}", f.right_bold)
    ws.merge_range(4, 0, 4, last, title.upper(), f.title)
    ws.set_row(4, 36)
    stage = STAGE_LABELS.get(stats.stage, stats.stage)
    ws.merge_range(5, 0, 5, last, f"(Số liệu của {stats.root_name}, theo kết quả {stage} năm {stats.year})",
                   f.subtitle)


def _write_header(ws: Any, f: _Formats, h1: int, label_header: str, reasons: list[str]) -> None:
    """Two header rows with merged cells, then the column numbers."""
    h2 = h1 + 1
    col = 0
    for text in ("TT", label_header, "Tổng số"):
        ws.merge_range(h1, col, h2, col, text, f.head)
        col += 1
    ws.merge_range(h1, col, h1, col + len(reasons), "Không đánh giá, xếp loại", f.head)
    for text in ("Cộng", *reasons):
        ws.write(h2, col, text, f.head)
        col += 1
    for text in ("Chưa có kết quả", "Số đã xếp loại"):
        ws.merge_range(h1, col, h2, col, text, f.head)
        col += 1
    for level in LEVELS_DESC:
        ws.merge_range(h1, col, h1, col + 1, level.short, f.head)
        ws.write(h2, col, "SL", f.head)
        ws.write(h2, col + 1, "%", f.head)
        col += 2
    ws.set_row(h2, 48)
    for c in range(col):
        ws.write(h2 + 1, c, f"({c + 1})", f.colno)


def _write_rows(ws: Any, f: _Formats, r: int, section: Section) -> int:
    """The section's rows from row ``r``, then its total; returns the total's row."""
    number = 0
    for row in section.rows:
        bold = row.subtotal
        if not bold:
            number += 1
        ws.write(r, 0, "" if bold else number, f.tt)
        ws.write_string(r, 1, row.label, f.text_bold if bold else f.text)
        _write_figures(ws, f, r, row_values(row.counts, section), bold=bold)
        r += 1
    ws.write(r, 0, "", f.tt)
    ws.write(r, 1, "Cộng", f.text_bold)
    _write_figures(ws, f, r, row_values(section.total, section), bold=True)
    return r


def _write_signature(ws: Any, f: _Formats, r: int, last: int, issuer: Issuer) -> None:
    ws.merge_range(r, last - 6, r, last, f"{issuer.place or '…'}, ngày … tháng … năm …", f.italic)
    ws.merge_range(r + 1, 0, r + 1, 3, "NGƯỜI LẬP BIỂU", f.left_bold)
    ws.merge_range(r + 1, last - 6, r + 1, last, issuer.authority, f.right_bold)
    ws.merge_range(r + 2, 0, r + 2, 3, "(Ký, ghi rõ họ tên)", f.italic)
    ws.merge_range(r + 2, last - 6, r + 2, last, issuer.signer_title, f.right_bold)


def _write_figures(ws: Any, f: _Formats, r: int, values: list[Any], *, bold: bool) -> None:
    n_counts = len(values) - 2 * len(LEVELS_DESC)
    for i, value in enumerate(values):
        c = 2 + i
        is_pct = i >= n_counts and (i - n_counts) % 2 == 1
        if is_pct:
            if value is None:
                ws.write_string(r, c, "–", f.num_bold if bold else f.num)
            else:
                ws.write_number(r, c, value, f.pct_bold if bold else f.pct)
        else:
            ws.write_number(r, c, value, f.num_bold if bold else f.num)


def write_statistics(stats: Statistics, *, issuer: Issuer, output: str | IO[bytes]) -> None:
    """Write the statistical tables of ``stats`` to ``output`` (a path or a binary file)."""
    book = xlsxwriter.Workbook(output, workbook_options(in_memory=True))
    f = _Formats(book)
    for i, section in enumerate(stats.sections, start=1):
        _write_sheet(
            book, f, name=f"{i:02d} {_KIND_SHEETS.get(section.key, section.title)}", form=f"{i:02d}",
            title=f"Kết quả đánh giá, xếp loại chất lượng {section.title.lower()} năm {stats.year}",
            section=section, stats=stats, issuer=issuer, label_header="Nội dung",
        )
    for i, section in enumerate(stats.by_unit, start=1):
        _write_sheet(
            book, f, name=f"{i:02d}b {_KIND_SHEETS.get(section.key, section.title)} (đơn vị)",
            form=f"{i:02d}b",
            title=(f"Kết quả đánh giá, xếp loại chất lượng {section.title.lower()} năm {stats.year}"
                   " theo đơn vị"),
            section=section, stats=stats, issuer=issuer, label_header="Đơn vị",
        )
    book.close()


def statistics_xlsx(stats: Statistics, *, issuer: Issuer) -> bytes:
    """The workbook as bytes (for a download)."""
    buffer = io.BytesIO()
    write_statistics(stats, issuer=issuer, output=buffer)
    return buffer.getvalue()
