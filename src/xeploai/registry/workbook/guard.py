"""Check an xlsx before anything is materialized, so no file can exhaust memory (docs/adr/0007).

python-calamine builds a dense grid from a sheet's first to its last cell holding a value: one cell at
XFD1048576 next to A1 asks for 512 GiB and the process aborts. So, before calamine sees the file, the
zip is opened with the standard library and every part is streamed once through expat (constant
memory): parts too large once unzipped or compressed suspiciously well are refused, each sheet's
declared ``<dimension>`` and its real extent (the last row and column holding a value) must fit the
bounds the caller gives, and no cell's text may exceed Excel's own limit of 32,767 characters.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

from django.utils.translation import gettext_lazy as _

MAX_CELL_CHARS = 32_767  # Excel's limit for the text of one cell
MAX_PART_BYTES = 512 * 1024 * 1024  # one part of the zip, unzipped
MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # all parts, unzipped
MAX_RATIO = 100  # unzipped / zipped; real sheets stay far below (docs/adr/0007)
RATIO_FLOOR_BYTES = 1024 * 1024  # small parts (styles, themes) may compress better
CHUNK = 1024 * 1024
# Excel declares formatted empty cells in <dimension> too, and calamine allocates by the values only, so
# the declared width may pass the sheet's columns (a border drawn out to column BI) up to this.
DECLARED_COLUMNS = 1024

NOT_WORKBOOK = _("Tệp không phải là sổ tính Excel (.xlsx) hoặc đã bị hỏng, không đọc được.")
PART_TOO_BIG = _(
    "%(part)s quá lớn khi giải nén (hơn %(limit)s MB): tệp có thể là tệp độc hại, không đọc tệp này."
)
TOTAL_TOO_BIG = _("Tệp quá lớn khi giải nén (hơn %(limit)s MB): không đọc tệp này.")
RATIO_TOO_HIGH = _(
    "%(part)s nén bất thường (giải nén lớn gấp %(ratio)s lần, tối đa %(limit)s lần): "
    "tệp có thể là tệp độc hại, không đọc tệp này."
)
DIMENSION_TOO_BIG = _(
    'Sheet "%(sheet)s" khai báo vùng dữ liệu %(ref)s, vượt giới hạn %(rows)s dòng và %(cols)s cột '
    "của sheet này: không đọc tệp này."
)
ROWS_TOO_MANY = _(
    'Sheet "%(sheet)s" có dữ liệu đến dòng %(row)s, vượt giới hạn %(rows)s dòng (kể cả dòng tiêu đề): '
    "không đọc tệp này."
)
COLUMNS_TOO_MANY = _(
    'Sheet "%(sheet)s" có dữ liệu đến cột %(column)s, vượt giới hạn %(cols)s cột của sheet này: '
    "không đọc tệp này."
)
CELL_TOO_LONG = _(
    'Sheet "%(sheet)s", ô %(cell)s: nội dung dài hơn %(limit)s ký tự (giới hạn của Excel): không đọc tệp này.'
)
SHARED_PART = _("Phần chữ dùng chung của tệp (sharedStrings)")
SHEET_PART = _('Sheet "%(sheet)s"')
OTHER_PART = _('Phần "%(part)s" của tệp')

_REF = re.compile(r"([A-Za-z]{0,3})(\d{0,7})")
_OFFICE_DOCUMENT = "/officeDocument"


class HostileWorkbookError(Exception):
    """The file is refused; ``sheet`` names the sheet at fault ("" for the whole file)."""

    def __init__(self, message: str, sheet: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.sheet = sheet


@dataclass(frozen=True)
class Bounds:
    rows: int  # the last row a sheet may use, header included
    columns: int  # the last column a sheet may use (1 = A)


def _local(tag: str) -> str:
    return tag.rsplit(":", 1)[-1]


def _refuse_dtd(*_args: Any) -> None:
    raise HostileWorkbookError(str(NOT_WORKBOOK))  # an xlsx part never has a DTD (entity bombs)


def _parse(book: zipfile.ZipFile, part: str, handlers: dict[str, Callable[..., Any]]) -> None:
    """Stream one part through expat; zipfile checks its CRC, so a lying size ends in BadZipFile."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse_dtd
    for name, handler in handlers.items():
        setattr(parser, name, handler)
    with book.open(part) as stream:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _position(ref: str) -> tuple[int, int]:
    """(row, column), 1-based, of a cell reference such as "XFD1048576"; 0 where a part is missing."""
    m = _REF.fullmatch(ref.strip())
    if m is None:
        raise HostileWorkbookError(str(NOT_WORKBOOK))
    letters, digits = m.groups()
    column = 0
    for ch in letters.upper():
        column = column * 26 + ord(ch) - 64
    return int(digits or 0), column


def column_name(column: int) -> str:
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _part_label(part: str, sheets: dict[str, str]) -> str:
    if part in sheets:
        return str(SHEET_PART % {"sheet": sheets[part]})
    if part.endswith("sharedStrings.xml"):
        return str(SHARED_PART)
    return str(OTHER_PART % {"part": part})


def check_sizes(book: zipfile.ZipFile, sheets: dict[str, str]) -> None:
    """Refuse on the sizes the zip declares, before any part is unzipped."""
    total = 0
    mb = 1024 * 1024
    for info in book.infolist():
        total += info.file_size
        sheet = sheets.get(info.filename, "")
        if info.file_size > MAX_PART_BYTES:
            label = _part_label(info.filename, sheets)
            message = PART_TOO_BIG % {"part": label, "limit": MAX_PART_BYTES // mb}
            raise HostileWorkbookError(str(message), sheet)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            label = _part_label(info.filename, sheets)
            message = RATIO_TOO_HIGH % {"part": label, "ratio": int(ratio), "limit": MAX_RATIO}
            raise HostileWorkbookError(str(message), sheet)
    if total > MAX_TOTAL_BYTES:
        raise HostileWorkbookError(str(TOTAL_TOO_BIG % {"limit": MAX_TOTAL_BYTES // mb}))


def _relationships(book: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Id → (type, target resolved to a part name) of the relationships of ``part``."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    found: dict[str, tuple[str, str]] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found[attrs.get("Id", "")] = (attrs.get("Type", ""), posixpath.normpath(path))

    if rels in book.NameToInfo:
        _parse(book, rels, {"StartElementHandler": start})
    return found


def sheet_parts(book: zipfile.ZipFile) -> tuple[list[tuple[str, str]], str | None]:
    """The (sheet name, part) of each worksheet in workbook order, and the shared strings part."""
    main = [t for kind, t in _relationships(book, "").values() if kind.endswith(_OFFICE_DOCUMENT)]
    if not main or main[0] not in book.NameToInfo:
        raise HostileWorkbookError(str(NOT_WORKBOOK))
    rels = _relationships(book, main[0])
    sheets: list[tuple[str, str]] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) != "sheet":
            return
        rid = next((v for k, v in attrs.items() if ":" in k and _local(k) == "id"), "")
        kind, part = rels.get(rid, ("", ""))
        if kind.endswith("/worksheet") and part in book.NameToInfo:
            sheets.append((attrs.get("name", ""), part))

    _parse(book, main[0], {"StartElementHandler": start})
    shared = next((t for kind, t in rels.values() if kind.endswith("/sharedStrings")), None)
    return sheets, shared if shared in book.NameToInfo else None


def long_shared_strings(book: zipfile.ZipFile, part: str | None) -> set[int]:
    """The indexes of the shared strings longer than MAX_CELL_CHARS (counted as they stream by)."""
    long: set[int] = set()
    state = {"index": -1, "length": 0}

    def start(tag: str, _attrs: dict[str, str]) -> None:
        if _local(tag) == "si":
            state["index"] += 1
            state["length"] = 0

    def text(data: str) -> None:
        state["length"] += len(data)
        if state["length"] > MAX_CELL_CHARS:
            long.add(state["index"])

    if part is not None:
        _parse(book, part, {"StartElementHandler": start, "CharacterDataHandler": text})
    return long


@dataclass
class _SheetScan:
    """The state of one sheet's scan: where we are, and how far the values reach."""

    name: str
    bounds: Bounds
    long_strings: set[int]
    row: int = 0
    column: int = 0
    cell_type: str = ""
    in_value: bool = False
    text_length: int = 0
    text: list[str] = field(default_factory=list)

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local == "row":
            self.row = int(attrs["r"]) if attrs.get("r", "").isdigit() else self.row + 1
            self.column = 0
        elif local == "c":
            ref = attrs.get("r")
            self.row, self.column = _position(ref) if ref else (self.row, self.column + 1)
            self.cell_type = attrs.get("t", "")
        elif local in ("v", "is", "f"):
            self.reach()
            self.in_value = local != "f"
            self.text_length = 0
            self.text = []
        elif local == "dimension":
            self.check_dimension(attrs.get("ref", ""))

    def end(self, tag: str) -> None:
        if _local(tag) in ("v", "is"):
            self.in_value = False
            if self.cell_type == "s" and self.long_strings and "".join(self.text).strip().isdigit():
                if int("".join(self.text)) in self.long_strings:
                    self._too_long()

    def data(self, text: str) -> None:
        if not self.in_value:
            return
        self.text_length += len(text)
        if self.text_length > MAX_CELL_CHARS:
            self._too_long()
        if self.cell_type == "s":
            self.text.append(text)

    def reach(self) -> None:
        if self.row > self.bounds.rows:
            message = ROWS_TOO_MANY % {"sheet": self.name, "row": self.row, "rows": self.bounds.rows}
            raise HostileWorkbookError(str(message), self.name)
        if self.column > self.bounds.columns:
            message = COLUMNS_TOO_MANY % {
                "sheet": self.name, "column": column_name(self.column), "cols": self.bounds.columns,
            }
            raise HostileWorkbookError(str(message), self.name)

    def _too_long(self) -> None:
        cell = f"{column_name(self.column)}{self.row}"
        message = CELL_TOO_LONG % {"sheet": self.name, "cell": cell, "limit": MAX_CELL_CHARS}
        raise HostileWorkbookError(str(message), self.name)

    def check_dimension(self, ref: str) -> None:
        last = ref.split(":")[-1]
        rows, columns = _position(last) if last else (0, 0)
        most = max(self.bounds.columns, DECLARED_COLUMNS)
        if rows > self.bounds.rows or columns > most:
            limits = {"rows": self.bounds.rows, "cols": most}
            message = DIMENSION_TOO_BIG % {"sheet": self.name, "ref": ref, **limits}
            raise HostileWorkbookError(str(message), self.name)


# The fast scan: byte counts and regular expressions with a literal prefix over the unzipped part, no
# Python call per cell. It handles what Excel, LibreOffice, openpyxl and xlsxwriter write: tags without
# a namespace prefix and every cell with its reference; anything else goes to the exact expat scan.
_DIMENSION = re.compile(rb'<dimension ref="([^"]*)"')
# A text longer than MAX_CELL_CHARS bytes holds a whole block of this size with no "<" in it.
_BLOCK = (MAX_CELL_CHARS + 1) // 2


def _number_above(n: int) -> str:
    """A regular expression for the decimal numbers greater than ``n`` (leading zeros allowed)."""
    digits = str(n)
    options = [f"[1-9]\\d{{{len(digits)},}}"]
    for i, d in enumerate(digits):
        if d != "9":
            options.append(f"{digits[:i]}[{int(d) + 1}-9]\\d{{{len(digits) - i - 1}}}")
    return "0*(?:" + "|".join(options) + ")"


def _letters_above(column: int) -> str:
    """A regular expression for the column letters after column number ``column``, in either case."""
    letters = column_name(column)
    options = [f"[A-Za-z]{{{len(letters) + 1},}}"]
    for i, ch in enumerate(letters):
        if ch != "Z":
            nxt = chr(ord(ch) + 1)
            fixed = "".join(f"[{c}{c.lower()}]" for c in letters[:i])
            rest = len(letters) - i - 1
            options.append(f"{fixed}[{nxt}-Z{nxt.lower()}-z][A-Za-z]{{{rest}}}")
    return "(?:" + "|".join(options) + ")"


def _beyond(bounds: Bounds) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """Cells past the bounds, by their reference: past the last column, and past the last row."""
    columns = f'<c r="({_letters_above(bounds.columns)}\\d+)'
    rows = f'<c r="([A-Za-z]{{1,4}}{_number_above(bounds.rows)})"'
    return re.compile(columns.encode()), re.compile(rows.encode())


# A cell without a reference, or with a namespace prefix: the expat scan places it exactly.
_CELL_WITHOUT_REF = re.compile(rb'<c(?:[>/]|\s(?!r="))')
_PREFIXED_CELL = re.compile(rb":c[\s>/]")
# A value cell is "<c …>…</c>"; "<c …/>" is formatting only, which calamine does not place in its grid.
_VALUE_CELL_END = re.compile(rb'"[^>/]*>')


@dataclass
class _Extent:
    beyond: tuple[re.Pattern[bytes], re.Pattern[bytes]]
    over: str | None = None  # the reference of a cell past the bounds
    dimension: str | None = None
    plain: bool = True  # the fast scan could decide: no prefix, every cell with its reference, no long text

    def scan(self, text: bytes, run: int) -> int:
        """Scan ``text`` (whole tags only); ``run`` is the length of the text before it with no tag.
        Return the length of the text at its end with no tag."""
        if self.dimension is None and (m := _DIMENSION.search(text)):
            self.dimension = m.group(1).decode("ascii", "replace")
        if _CELL_WITHOUT_REF.search(text) or _PREFIXED_CELL.search(text):
            self.plain = False
        for pattern in self.beyond:
            for m in pattern.finditer(text):
                if self.over is None and _VALUE_CELL_END.match(text, m.end(1)):
                    self.over = m.group(1).decode("ascii")
        first = text.find(b"<")
        if run + (len(text) if first < 0 else first) > MAX_CELL_CHARS:
            self.plain = False
        elif any(text.find(b"<", at, at + _BLOCK) < 0 for at in range(0, len(text) - _BLOCK + 1, _BLOCK)):
            self.plain = False  # a long text (or a long run of bytes): the expat scan measures it
        last = text.rfind(b"<")
        return run + len(text) if last < 0 else len(text) - last - 1


def _fast_extent(book: zipfile.ZipFile, part: str, bounds: Bounds) -> _Extent:
    """Scan a sheet by its tags; ``plain`` is False if the expat scan must decide."""
    extent = _Extent(beyond=_beyond(bounds))
    carry, run = b"", 0
    with book.open(part) as stream:
        while chunk := stream.read(CHUNK):
            buffer = carry + chunk
            cut = buffer.rfind(b"<")
            if cut <= 0 or len(buffer) - cut > CHUNK:  # no tag ends here: scan it all
                cut = len(buffer)
            run = extent.scan(buffer[:cut], run)
            carry = buffer[cut:]
            if not extent.plain or extent.over:
                return extent
    extent.scan(carry, run)
    return extent


def scan_sheet(book: zipfile.ZipFile, part: str, name: str, bounds: Bounds, long_strings: set[int]) -> None:
    """Stream one worksheet; raise if its dimension, its extent or a cell's text exceeds ``bounds``."""
    scan = _SheetScan(name=name, bounds=bounds, long_strings=long_strings)
    extent = _fast_extent(book, part, bounds)
    if extent.plain and not long_strings:
        if extent.dimension:
            scan.check_dimension(extent.dimension)
        if extent.over:
            scan.row, scan.column = _position(extent.over)
            scan.reach()
        return
    _parse(
        book,
        part,
        {"StartElementHandler": scan.start, "EndElementHandler": scan.end, "CharacterDataHandler": scan.data},
    )


def drain(book: zipfile.ZipFile, parts: Iterator[str]) -> None:
    """Unzip the other parts once (CRC checked, a lying size refused) without keeping them."""
    for part in parts:
        with book.open(part) as stream:
            while stream.read(CHUNK):
                pass
