"""Hostile workbooks, built in memory (no binary fixture): used by tests/security and bench/bench_hostile.py.

Each builder returns the bytes of an .xlsx whose one worksheet is called ``SHEET`` (the people sheet,
so the importer reads it). The package is the minimal one Excel and calamine accept.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable

SHEET = "Ca_nhan"
MB = 1024 * 1024

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b"</Types>"
)
ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    b'Target="worksheets/sheet1.xml"/>'
    b'<Relationship Id="rId2" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    b'Target="sharedStrings.xml"/></Relationships>'
)
HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
HEADER_ROW = b'<row r="1"><c r="A1" t="inlineStr"><is><t>M\xc3\xa3 c\xc3\xa1 nh\xc3\xa2n</t></is></c></row>'

Chunks = Callable[[], Iterable[bytes]]


def package(sheet: Chunks, *, shared: Chunks | None = None, name: str = SHEET) -> bytes:
    """A one-sheet .xlsx; ``sheet`` (and ``shared``) yield the part's bytes, streamed into the zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("_rels/.rels", ROOT_RELS)
        book.writestr("xl/workbook.xml", WORKBOOK.format(name=name).encode())
        book.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        parts = [("xl/worksheets/sheet1.xml", sheet)] + ([("xl/sharedStrings.xml", shared)] if shared else [])
        for part, chunks in parts:
            with book.open(part, "w", force_zip64=True) as stream:
                for chunk in chunks():
                    stream.write(chunk)
    return out.getvalue()


def _sheet(*pieces: bytes, dimension: str | None = None) -> Chunks:
    dim = b'<dimension ref="%s"/>' % dimension.encode() if dimension else b""
    return lambda: [HEAD, dim, b"<sheetData>", *pieces, b"</sheetData></worksheet>"]


def far_cell() -> bytes:
    """The 1.5 KB file whose only cell is at XFD1048576 (calamine pads it to 2^34 cells)."""
    cell = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return package(_sheet(cell, dimension="XFD1048576"))


def far_cell_undeclared() -> bytes:
    """A1 and XFD1048576 with no <dimension>: only the real extent shows the 2^34-cell grid."""
    return package(_sheet(HEADER_ROW, b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))


def cell_at_cv200000() -> bytes:
    """A header and one cell at CV200000 (column 100, row 200,000): 20 million cells once padded."""
    return package(_sheet(HEADER_ROW, b'<row r="200000"><c r="CV200000"><v>1</v></c></row>'))


def huge_string(mb: int = 300) -> bytes:
    """One inline string cell of ``mb`` MB, streamed into a zip of a few hundred KB."""

    def chunks() -> Iterable[bytes]:
        yield HEAD + b"<sheetData>" + HEADER_ROW
        yield b'<row r="2"><c r="A2" t="inlineStr"><is><t>'
        for _ in range(mb):
            yield b"x" * MB
        yield b"</t></is></c></row></sheetData></worksheet>"

    return package(chunks)


def zip_bomb(mb: int = 1024) -> bytes:
    """A sheet part that unzips to ``mb`` MB of blanks (valid XML) from about a thousandth of that."""

    def chunks() -> Iterable[bytes]:
        yield HEAD + b"<sheetData>" + HEADER_ROW
        for _ in range(mb):
            yield b" " * MB
        yield b"</sheetData></worksheet>"

    return package(chunks)


def long_inline_cell(chars: int = 40_000) -> bytes:
    """One inline text cell longer than Excel's 32,767 characters, in a small part."""
    text = "ệ".encode() * chars
    return package(
        _sheet(HEADER_ROW, b'<row r="2"><c r="B2" t="inlineStr"><is><t>' + text + b"</t></is></c></row>")
    )


def long_shared_cell(chars: int = 40_000) -> bytes:
    """The same through the shared strings: cell C3 points at a 40,000-character string."""
    shared = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
        b"<si><t>ok</t></si><si><t>" + b"y" * chars + b"</t></si></sst>"
    )
    cells = b'<row r="3"><c r="A3" t="s"><v>0</v></c><c r="C3" t="s"><v>1</v></c></row>'
    return package(_sheet(HEADER_ROW, cells), shared=lambda: [shared])


def cells_without_references(count: int = 40) -> bytes:
    """A row of ``count`` value cells with no ``r`` reference: each sits one column right of the last."""
    row = b'<row r="2">' + b"<c><v>1</v></c>" * count + b"</row>"
    return package(_sheet(HEADER_ROW, row))


HOSTILE: dict[str, Callable[[], bytes]] = {
    "far_cell": far_cell,
    "far_cell_undeclared": far_cell_undeclared,
    "cell_at_cv200000": cell_at_cv200000,
    "huge_string_300mb": huge_string,
    "zip_bomb_1gib": zip_bomb,
    "long_inline_cell": long_inline_cell,
    "long_shared_cell": long_shared_cell,
    "cells_without_references": cells_without_references,
}
