"""Validate every row of every sheet before anything is written; collect all errors, never stop at one.

Plain Python over precompiled lookups: the existing codes come from one ``values_list`` query per table
(``load_existing``), cells are parsed column by column with small memoized parsers, and references are
checked against the codes of the workbook and of the database together.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.lib.vietnamese import clean
from xeploai.registry.models import CELL_KINDS, PARTY_ORGANIZATION_KINDS
from xeploai.registry.workbook import schema
from xeploai.registry.workbook.errors import WorkbookError
from xeploai.registry.workbook.existing import Existing
from xeploai.registry.workbook.read import RawSheet
from xeploai.registry.workbook.schema import Column, Sheet, SubjectKind, column_letter, normalize_header

CODE_RE = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")
DMY_RE = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")
ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
DIGITS_RE = re.compile(r"^\d{12}$")
MAX_NUMBER = Decimal("1e12")  # the targets' columns hold 14 digits, 2 of them decimals
MIN_YEAR, MAX_YEAR = 1900, 2100


# What a code names, for "not found" messages (translated only when a message is made).
ORGANIZATION_LABEL = gettext_lazy("tổ chức")
COLLECTIVE_LABEL = gettext_lazy("tập thể")
PERSON_LABEL = gettext_lazy("cá nhân")
CELL_LABEL = gettext_lazy("chi bộ")
COMMITTEE_LABEL = gettext_lazy("cấp ủy")


class CellError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --------------------------------------------------------------------------------------------- cells


def show(value: Any) -> str:
    """A cell value as the user typed it, for error messages."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number_text(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None


def parse_code(value: Any) -> str:
    if isinstance(value, str):
        text = value.strip()
        if " " in text or "\u00a0" in text or not text.isascii():
            text = clean(text)
    else:
        text = _number_text(value) if value is not None else ""
        if text is None:
            raise CellError(_("Mã phải là văn bản."))
    if text and not CODE_RE.match(text):
        raise CellError(_("Mã chỉ gồm chữ cái không dấu, chữ số và các dấu . _ - (tối đa 40 ký tự)."))
    return text


def make_text_parser(max_length: int) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if isinstance(value, str):
            text = clean(value)
        elif value is None:
            text = ""
        else:
            text = show(value)
        if len(text) > max_length:
            raise CellError(_("Dài quá %(n)d ký tự.") % {"n": max_length})
        return text

    return parse


def _checked_date(year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12:
        raise CellError(
            _("Tháng %(m)d không tồn tại (tháng từ 1 đến 12); ngày ghi theo dạng dd/mm/yyyy.") % {"m": month}
        )
    try:
        result = dt.date(year, month, day)
    except ValueError:
        raise CellError(
            _("Ngày %(d)02d/%(m)02d/%(y)04d không tồn tại.") % {"d": day, "m": month, "y": year}
        ) from None
    return _in_range(result)


def _in_range(value: dt.date) -> dt.date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise CellError(_("Năm phải trong khoảng %(a)d–%(b)d.") % {"a": MIN_YEAR, "b": MAX_YEAR})
    return value


def parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return _in_range(value.date())
    if isinstance(value, dt.date):
        return _in_range(value)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        m = DMY_RE.match(text)
        if m:
            return _checked_date(int(m[3]), int(m[2]), int(m[1]))
        m = ISO_RE.match(text)
        if m:
            return _checked_date(int(m[1]), int(m[2]), int(m[3]))
    raise CellError(_("Ngày phải có dạng dd/mm/yyyy, ví dụ 05/02/2024."))


def make_enum_parser(column: Column) -> Callable[[Any], str]:
    assert column.choices is not None
    lookup = schema.choice_lookup(column.choices)
    labels = ", ".join(str(label) for label in column.choices.labels)
    cache: dict[Any, str] = {"": "", None: ""}

    def parse(value: Any) -> str:
        try:
            return cache[value]
        except (KeyError, TypeError):
            pass
        found = lookup.get(normalize_header(value))
        if found is None:
            raise CellError(_("Giá trị không hợp lệ; chọn một trong: %(labels)s.") % {"labels": labels})
        if isinstance(value, str):
            cache[value] = found
        return found

    return parse


_BOOL_CACHE: dict[Any, bool] = {}


def parse_bool(value: Any) -> bool:
    try:
        return _BOOL_CACHE[value]
    except (KeyError, TypeError):
        pass
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    key = normalize_header(show(value))
    if key in schema.TRUE_WORDS:
        result = True
    elif key in schema.FALSE_WORDS:
        result = False
    else:
        raise CellError(
            _('Chỉ nhận "x", "có", "1", "TRUE" (có) hoặc để trống, "không", "0", "FALSE" (không).')
        )
    _BOOL_CACHE[value] = result
    return result


def parse_year(value: Any) -> int | None:
    if value is None or value == "":
        return None
    text = _number_text(value)
    if text is None and isinstance(value, str) and value.strip().isdigit():
        text = value.strip()
    if text is None or not MIN_YEAR <= int(text) <= MAX_YEAR:
        raise CellError(
            _("Năm phải là số có 4 chữ số trong khoảng %(a)d–%(b)d.") % {"a": MIN_YEAR, "b": MAX_YEAR}
        )
    return int(text)


def parse_citizen_id(value: Any) -> str:
    if isinstance(value, str):
        text = "".join(value.split())
    elif value is None:
        return ""
    else:
        text = _number_text(value) or show(value)
        if text.isdigit() and len(text) < 12:
            raise CellError(
                _(
                    "Số CCCD phải gồm đúng 12 chữ số (ô đang ở dạng số nên đã mất số 0 ở đầu: "
                    "hãy định dạng cột là Văn bản)."
                )
            )
    if text and not DIGITS_RE.match(text):
        raise CellError(_("Số CCCD phải gồm đúng 12 chữ số."))
    return text


def parse_card(value: Any) -> str:
    text = "".join(value.split()) if isinstance(value, str) else (_number_text(value) or show(value))
    if len(text) > 20:
        raise CellError(_("Số thẻ đảng viên dài quá 20 ký tự."))
    return text


def parse_number(value: Any) -> Decimal | None:
    """A number of a target: an Excel number, or text with "." or "," as the decimal mark."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(_("Phải là một số."))
    text = str(value).strip().replace(" ", "")
    if isinstance(value, str) and text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("Phải là một số.")) from None
    if not number.is_finite() or abs(number) >= MAX_NUMBER:
        raise CellError(_("Số quá lớn."))
    return number.quantize(Decimal("0.01"))


def parse_maybe_bool(value: Any) -> bool | None:
    """Like ``parse_bool``, but a blank cell means "not assessed yet"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_bool(value)


def parse_count(value: Any) -> int | None:
    """A whole number, 0 or more (ballots); blank is None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = _number_text(value) if not isinstance(value, str) else value.strip()
    if text is None or not text.isdigit() or len(text) > 9:
        raise CellError(_("Phải là một số nguyên không âm."))
    return int(text)


def parser_for(column: Column) -> Callable[[Any], Any]:
    kind = column.kind
    if kind == schema.CODE:
        return parse_code
    if kind in (schema.TEXT, schema.NAME):
        return make_text_parser(column.max_length)
    if kind == schema.DATE:
        return parse_date
    if kind == schema.ENUM:
        return make_enum_parser(column)
    if kind == schema.BOOL:
        return parse_bool
    if kind == schema.YEAR:
        return parse_year
    if kind == schema.CITIZEN_ID:
        return parse_citizen_id
    if kind == schema.CARD:
        return parse_card
    if kind == schema.NUMBER:
        return parse_number
    if kind == schema.MAYBE_BOOL:
        return parse_maybe_bool
    if kind == schema.COUNT:
        return parse_count
    raise ValueError(kind)


# ---------------------------------------------------------------------------------------- structure


@dataclass
class SheetData:
    """The parsed rows of one sheet. Each row is a dict of column key → value, plus "_row" (Excel row)."""

    sheet: Sheet
    name: str  # as written in the file
    present: dict[str, int] = field(default_factory=dict)  # column key → 0-based column index
    headers: dict[str, str] = field(default_factory=dict)  # column key → header text as written
    rows: list[dict[str, Any]] = field(default_factory=list)
    raw: RawSheet | None = field(default=None, repr=False)  # the sheet as read


class Collector:
    """Collects errors with their location."""

    def __init__(self) -> None:
        self.errors: list[WorkbookError] = []
        self.warnings: list[WorkbookError] = []

    def add(self, data: SheetData, row: int | None, key: str | None, value: Any, message: str) -> None:
        if key is None:
            header, letter = "", ""
        else:
            header = data.headers.get(key) or data.sheet.column(key).header
            index = data.present.get(key)
            letter = column_letter(index) if index is not None else ""
        self.errors.append(WorkbookError(data.name, row, header, letter, show(value), message))

    def add_sheet(self, sheet: str, message: str) -> None:
        self.errors.append(WorkbookError(sheet, None, "", "", "", message))


OWN_SHEETS = frozenset(normalize_header(n) for n in (schema.INSTRUCTIONS_SHEET, schema.LISTS_SHEET))
CLOSE_NAME = 0.75  # similarity from which a sheet name is taken for a misspelt sheet of the template


def _unknown_sheet(name: str, by_norm: dict[str, Sheet], out: Collector) -> None:
    """Say what happens to a sheet no sheet of the template matches: never skip it without a word.

    A name close to a template sheet's ("Ca_nhan_2024", "Ca nhan moi") is an error, since its rows would
    be lost; any other sheet (the user's notes) is passed over with a warning. The template's own
    instructions and lists sheets are passed over silently.
    """
    norm = normalize_header(name)
    if norm in OWN_SHEETS:
        return
    close = [s for n, s in by_norm.items() if n and (n in norm or norm in n)]
    if not close:
        close = [by_norm[n] for n in difflib.get_close_matches(norm, list(by_norm), n=1, cutoff=CLOSE_NAME)]
    if close:
        message = _(
            'Tên sheet "%(name)s" gần giống sheet "%(sheet)s" (%(title)s) nhưng không đúng tên: hãy đổi tên '
            'sheet thành "%(sheet)s" để các dòng của nó được nhập, hoặc đổi tên khác nếu không phải dữ liệu.'
        ) % {"name": name, "sheet": close[0].name, "title": close[0].title}
        out.add_sheet(name, message)
        return
    out.warnings.append(
        WorkbookError(name, None, "", "", "", _("Bỏ qua sheet này: tên không thuộc mẫu nhập dữ liệu."))
    )


def _match_columns(data: SheetData, rs: RawSheet, out: Collector) -> None:
    """Find the template's columns in the sheet's header row; report doubled and missing ones."""
    sheet = data.sheet
    by_header = {normalize_header(c.header): c for c in sheet.columns}
    for index, text in enumerate(rs.header):
        norm = normalize_header(text) if text is not None else ""
        column = by_header.get(norm)
        if column is None:
            continue  # extra columns (notes, formulas) are ignored; docs/workbook.md says so
        if column.key in data.present:
            out.add(
                data,
                1,
                column.key,
                text,
                _('Cột "%(h)s" xuất hiện hai lần (cột %(a)s và %(b)s).')
                % {
                    "h": column.header,
                    "a": column_letter(data.present[column.key]),
                    "b": column_letter(index),
                },
            )
            continue
        data.present[column.key] = index
        data.headers[column.key] = clean(text)
    for column in sheet.columns:
        if column.required and column.key not in data.present:
            out.add_sheet(rs.name, _('Thiếu cột bắt buộc "%(h)s" ở dòng 1.') % {"h": column.header})


def _check_sheet_set(found: dict[str, SheetData], out: Collector) -> None:
    """Report a workbook with none of the template's sheets, or without a required one."""
    if not found:
        out.add_sheet(
            "",
            _(
                "Không có sheet nào đúng mẫu (To_chuc, Tap_the, Ca_nhan, Thanh_vien, Tinh_trang, "
                "Ky_luat, Nhiem_vu, Chi_tieu). Hãy dùng tệp mẫu."
            ),
        )
        return
    for sheet in schema.SHEETS:
        if sheet.required and sheet.key not in found:
            out.add_sheet(
                sheet.name,
                _('Thiếu sheet bắt buộc "%(name)s" (%(title)s).')
                % {"name": sheet.name, "title": sheet.title},
            )


def _match_sheets(raw: list[RawSheet], out: Collector) -> dict[str, SheetData]:
    by_norm = {normalize_header(s.name): s for s in schema.SHEETS}
    by_norm.update({normalize_header(s.title): s for s in schema.SHEETS})
    found: dict[str, SheetData] = {}
    for rs in raw:
        sheet = by_norm.get(normalize_header(rs.name))
        if sheet is None:
            _unknown_sheet(rs.name, by_norm, out)
            continue
        if sheet.key in found:
            out.add_sheet(
                rs.name,
                _('Trùng sheet: "%(a)s" và "%(b)s" cùng là sheet %(title)s.')
                % {"a": found[sheet.key].name, "b": rs.name, "title": sheet.name},
            )
            continue
        data = SheetData(sheet=sheet, name=rs.name, raw=rs)
        found[sheet.key] = data
        _match_columns(data, rs, out)
    _check_sheet_set(found, out)
    return found


def _blank(cells: list[Any]) -> bool:
    """True for a row with nothing but blanks (skipped). Cheap for the usual row, whose first cell is set."""
    if not any(cells):
        return True
    first = cells[0]
    if first and not (isinstance(first, str) and not first.strip()):
        return False
    return all(not c or (isinstance(c, str) and not c.strip()) for c in cells)


def _parse_rows(data: SheetData, out: Collector) -> None:
    """Parse column by column: one list comprehension per column, cell by cell only where one fails."""
    raw = data.raw
    assert raw is not None  # set by _match_sheets
    kept = [(offset + 2, cells) for offset, cells in enumerate(raw.rows) if not _blank(cells)]
    numbers = [n for n, _cells in kept]
    keys: list[str] = []
    values: list[list[Any]] = []
    bad: set[int] = set()  # positions in ``kept`` of rows with an error
    for column in data.sheet.columns:
        if column.key not in data.present:
            continue
        index, parse, key = data.present[column.key], parser_for(column), column.key
        cells = [row[index] if index < len(row) else "" for _n, row in kept]
        try:
            parsed = [parse(v) for v in cells]
        except CellError:
            parsed = []
            for i, v in enumerate(cells):
                try:
                    parsed.append(parse(v))
                except CellError as exc:
                    out.add(data, numbers[i], key, v, exc.message)
                    parsed.append(None)
                    bad.add(i)
        if column.required:
            missing = _('Thiếu "%(h)s".') % {"h": column.header}
            for i, v in enumerate(parsed):
                if (v is None or v == "") and i not in bad:
                    out.add(data, numbers[i], key, cells[i], missing)
                    bad.add(i)
        keys.append(key)
        values.append(parsed)
    keys.append("_row")
    values.append(numbers)
    data.rows = (
        [dict(zip(keys, row)) for row in zip(*values)] if values[0] else [{"_row": n} for n in numbers]
    )
    for i in bad:
        data.rows[i]["_bad"] = True


# ------------------------------------------------------------------------------------------- checks


def _duplicates(
    data: SheetData, out: Collector, key_of: Callable[[dict[str, Any]], Any], column: str, message: str
) -> None:
    first: dict[Any, int] = {}
    for row in data.rows:
        key = key_of(row)
        if key is None:
            continue
        if key in first:
            out.add(data, row["_row"], column, row.get(column), message % {"row": first[key]})
            row["_bad"] = True
        else:
            first[key] = row["_row"]


def _code_key(row: dict[str, Any]) -> str | None:
    return row.get("code") or None


def _report_cycles(
    data: SheetData, parent_of: dict[str, str | None], sheet_codes: dict[str, dict[str, Any]], out: Collector
) -> None:
    """Report each cycle of the organization tree once, on the workbook rows that close it."""
    # Walk up from every code; a walk that comes back to a node still on the walk is a cycle.
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
    reported: set[str] = set()
    for start in parent_of:
        if start in state:
            continue
        walk: list[str] = []
        node: str | None = start
        while node is not None and node not in state and node in parent_of:
            state[node] = 1
            walk.append(node)
            node = parent_of[node]
        if node is not None and state.get(node) == 1:
            cycle = walk[walk.index(node) :]
            if not reported.intersection(cycle):
                reported.update(cycle)
                rows = sorted(sheet_codes[c]["_row"] for c in cycle if c in sheet_codes)
                chain = " → ".join([*cycle, cycle[0]]) if len(cycle) > 1 else cycle[0]
                message = _("Cây tổ chức có vòng lặp: %(chain)s (các dòng %(rows)s).") % {
                    "chain": chain,
                    "rows": ", ".join(str(r) for r in rows),
                }
                for code in cycle:
                    if code in sheet_codes and code != parent_of.get(code):
                        row = sheet_codes[code]
                        out.add(data, row["_row"], "parent", row.get("parent"), message)
        for n in walk:
            state[n] = 2


def _check_organizations(data: SheetData, ex: Existing, out: Collector) -> dict[str, str]:
    """Return the final kind of every organization code (workbook over database)."""
    _duplicates(data, out, _code_key, "code", _("Mã tổ chức bị trùng với dòng %(row)d."))
    sheet_codes = {row["code"]: row for row in data.rows if row.get("code")}
    kinds = {code: v.kind for code, v in ex.orgs.items()}
    kinds.update({code: row["kind"] for code, row in sheet_codes.items() if row.get("kind")})
    # The parent of each code once the workbook is applied: for the cycle check.
    parent_of: dict[str, str | None] = {code: ex.org_code.get(v.parent_id) for code, v in ex.orgs.items()}
    has_parent_column = "parent" in data.present
    for code, row in sheet_codes.items():
        if has_parent_column:
            parent_of[code] = row.get("parent") or None
        else:
            parent_of.setdefault(code, None)
    for row in data.rows:
        parent = row.get("parent")
        if not parent:
            continue
        if parent == row.get("code"):
            out.add(data, row["_row"], "parent", parent, _("Tổ chức không thể trực thuộc chính nó."))
        elif parent not in sheet_codes and parent not in ex.orgs:
            out.add(
                data,
                row["_row"],
                "parent",
                parent,
                _(
                    'Không tìm thấy tổ chức cấp trên có mã "%(code)s" (trong sheet %(sheet)s hoặc trong '
                    "hệ thống)."
                )
                % {"code": parent, "sheet": data.name},
            )
    _report_cycles(data, parent_of, sheet_codes, out)
    return kinds


def _ref(data: SheetData, out: Collector, row: dict[str, Any], key: str, known: Any, what: object) -> bool:
    """Check that row[key] (a code) is known; report it otherwise. True if the code is usable."""
    code = row.get(key)
    if not code:
        return False
    if code in known[0] or code in known[1]:
        return True
    out.add(
        data,
        row["_row"],
        key,
        code,
        _('Không tìm thấy %(what)s có mã "%(code)s" (trong tệp hoặc trong hệ thống).')
        % {"what": what, "code": code},
    )
    row["_bad"] = True
    return False


def _check_collectives(data: SheetData, ex: Existing, org_codes: Any, out: Collector) -> None:
    _duplicates(data, out, _code_key, "code", _("Mã tập thể bị trùng với dòng %(row)d."))
    for row in data.rows:
        _ref(data, out, row, "organization", org_codes, ORGANIZATION_LABEL)


NOT_A_CELL = gettext_lazy('"%(code)s" không phải là chi bộ (Chi bộ cơ sở hoặc Chi bộ trực thuộc).')
NOT_A_PARTY_ORGANIZATION = gettext_lazy('"%(code)s" không phải là tổ chức đảng.')


def _kind_ref(
    data: SheetData,
    out: Collector,
    row: dict[str, Any],
    key: str,
    known: Any,
    what: object,
    kinds: dict[str, str],
    allowed: Any,
    message: Any,
) -> None:
    """Check that row[key] is a known organization of one of the ``allowed`` kinds."""
    if _ref(data, out, row, key, known, what):
        code = row[key]
        if kinds.get(code) not in allowed:
            out.add(data, row["_row"], key, code, str(message) % {"code": code})
            row["_bad"] = True


def _check_people(
    data: SheetData, ex: Existing, org_codes: Any, kinds: dict[str, str], out: Collector
) -> None:
    _duplicates(data, out, _code_key, "code", _("Mã cá nhân bị trùng với dòng %(row)d."))
    present = data.present
    org_label, cell_label, committee_label = ORGANIZATION_LABEL, CELL_LABEL, COMMITTEE_LABEL
    for row in data.rows:
        _kind_ref(data, out, row, "party_organization", org_codes, cell_label, kinds, CELL_KINDS, NOT_A_CELL)
        _ref(data, out, row, "workplace", org_codes, org_label)
        _ref(data, out, row, "led_unit", org_codes, org_label)
        _kind_ref(
            data,
            out,
            row,
            "managing_committee",
            org_codes,
            committee_label,
            kinds,
            PARTY_ORGANIZATION_KINDS,
            NOT_A_PARTY_ORGANIZATION,
        )
        admitted, full = row.get("admitted_on"), row.get("full_member_on")
        if full and admitted and full < admitted:
            out.add(
                data, row["_row"], "full_member_on", full, _("Ngày chính thức không thể trước ngày vào Đảng.")
            )
        elif full and not admitted and "admitted_on" in present and not row.get("_bad"):
            out.add(data, row["_row"], "admitted_on", "", _("Có ngày chính thức thì phải có ngày vào Đảng."))
        birth = row.get("birth_date")
        if birth and admitted and admitted <= birth:
            out.add(data, row["_row"], "admitted_on", admitted, _("Ngày vào Đảng phải sau ngày sinh."))
    if "citizen_id" in present:
        _check_citizen_ids(data, ex, out)


def _check_citizen_ids(data: SheetData, ex: Existing, out: Collector) -> None:
    """Two people may not share a citizen ID: inside the sheet, or with someone already in the database
    who keeps that number after this import."""
    in_sheet = {row["code"] for row in data.rows if row.get("code")}
    holder: dict[str, str] = {}
    for code, v in ex.people.items():
        if v.citizen_id and code not in in_sheet:
            holder[v.citizen_id] = code
    first_row: dict[str, int] = {}
    for row in data.rows:
        cid = row.get("citizen_id")
        if not cid:
            continue
        if cid in first_row:
            out.add(
                data,
                row["_row"],
                "citizen_id",
                cid,
                _("Số CCCD trùng với người ở dòng %(row)d.") % {"row": first_row[cid]},
            )
        elif cid in holder:
            out.add(
                data,
                row["_row"],
                "citizen_id",
                cid,
                _('Số CCCD trùng với người đã có trong hệ thống (mã "%(code)s").') % {"code": holder[cid]},
            )
        else:
            first_row[cid] = row["_row"]


def _check_end(data: SheetData, out: Collector) -> None:
    for row in data.rows:
        start, end = row.get("start"), row.get("end")
        if start and end and end < start:
            out.add(data, row["_row"], "end", end, _('"Đến ngày" không thể trước "Từ ngày".'))


def _check_periods(
    data: SheetData, out: Collector, refs: Any, key: tuple[str, ...], column: str, message: str
) -> None:
    """Rows of periods (memberships, statuses): references ``refs`` as (column, known codes, label),
    end not before start, no two rows with the same ``key``."""
    for row in data.rows:
        for ref, known, what in refs:
            _ref(data, out, row, ref, known, what)
    _check_end(data, out)
    _duplicates(data, out, lambda r: None if r.get("_bad") else tuple(r.get(f) for f in key), column, message)


def _check_memberships(data: SheetData, collective_codes: Any, person_codes: Any, out: Collector) -> None:
    _check_periods(
        data,
        out,
        (("collective", collective_codes, COLLECTIVE_LABEL), ("person", person_codes, PERSON_LABEL)),
        ("collective", "person", "start"),
        "person",
        _("Trùng với dòng %(row)d (cùng tập thể, cá nhân và Từ ngày)."),
    )


def _check_statuses(data: SheetData, person_codes: Any, out: Collector) -> None:
    _check_periods(
        data,
        out,
        (("person", person_codes, PERSON_LABEL),),
        ("person", "kind", "start"),
        "start",
        _("Trùng với dòng %(row)d (cùng cá nhân, tình trạng và Từ ngày)."),
    )


def _check_disciplines(data: SheetData, codes: dict[str, Any], out: Collector) -> None:
    labels = {
        SubjectKind.PERSON: PERSON_LABEL,
        SubjectKind.COLLECTIVE: COLLECTIVE_LABEL,
        SubjectKind.ORGANIZATION: ORGANIZATION_LABEL,
    }
    for row in data.rows:
        kind = row.get("subject_kind")
        if kind:
            _ref(data, out, row, "subject", codes[kind], labels[SubjectKind(kind)])
        year, decided = row.get("violation_year"), row.get("decided_on")
        if year and decided and year > decided.year:
            out.add(data, row["_row"], "violation_year", year, _("Năm vi phạm không thể sau năm quyết định."))
    _duplicates(
        data,
        out,
        lambda r: (
            None
            if r.get("_bad")
            else (r.get("subject_kind"), r.get("subject"), r.get("form"), r.get("decided_on"))
        ),
        "decided_on",
        _("Trùng với dòng %(row)d (cùng đối tượng, hình thức và ngày quyết định)."),
    )


def _check_tasks(data: SheetData, org_codes: Any, person_codes: Any, out: Collector) -> None:
    """Each task names exactly one person or one unit; due and done not before it was assigned."""
    _duplicates(data, out, _code_key, "code", _("Mã nhiệm vụ bị trùng với dòng %(row)d."))
    for row in data.rows:
        n = row["_row"]
        has_person, has_unit = bool(row.get("person")), bool(row.get("organization"))
        if has_person == has_unit:
            out.add(
                data, n, "person", row.get("person"),
                _("Điền đúng một trong hai cột: Mã cá nhân (nhiệm vụ của cá nhân) hoặc Mã đơn vị."),
            )
            row["_bad"] = True
        _ref(data, out, row, "person", person_codes, PERSON_LABEL)
        _ref(data, out, row, "organization", org_codes, ORGANIZATION_LABEL)
        assigned = row.get("assigned_on")
        for key, message in (
            ("due_on", _('"Hạn hoàn thành" không thể trước "Ngày giao".')),
            ("done_on", _('"Ngày hoàn thành" không thể trước "Ngày giao".')),
        ):
            value = row.get(key)
            if assigned and value and value < assigned:
                out.add(data, n, key, value, message)
        if row.get("quality") and not row.get("done_on"):
            message = _("Chỉ đánh giá chất lượng nhiệm vụ đã hoàn thành.")
            out.add(data, n, "quality", row.get("quality"), message)


def _check_targets(data: SheetData, org_codes: Any, out: Collector) -> None:
    for row in data.rows:
        _ref(data, out, row, "organization", org_codes, ORGANIZATION_LABEL)
    _duplicates(
        data, out,
        lambda r: None if r.get("_bad") else (r.get("organization"), r.get("year"), r.get("name")),
        "name", _("Trùng với dòng %(row)d (cùng đơn vị, năm và tên chỉ tiêu)."),
    )


def check_task_sheets(
    sheets: dict[str, SheetData], org_codes: Any, person_codes: Any, out: Collector
) -> None:
    """The task register's sheets (Nhiệm vụ, Chỉ tiêu): references and dates."""
    if "tasks" in sheets:
        _check_tasks(sheets["tasks"], org_codes, person_codes, out)
    if "targets" in sheets:
        _check_targets(sheets["targets"], org_codes, out)


def _check_person_dated(
    data: SheetData, person_codes: Any, out: Collector, key: tuple[str, ...], column: str
) -> None:
    """Rows of a person on a day (transfers, temporary activity): the person exists, no two rows alike."""
    for row in data.rows:
        _ref(data, out, row, "person", person_codes, PERSON_LABEL)
    _duplicates(
        data, out, lambda r: None if r.get("_bad") else tuple(r.get(f) for f in key), column,
        _("Trùng với dòng %(row)d.") if len(key) < 2 else _("Trùng với dòng %(row)d (cùng cá nhân và ngày)."),
    )  # fmt: skip


def _check_transfers(data: SheetData, person_codes: Any, out: Collector) -> None:
    """R-16, R-28: the old unit's start not after the move."""
    _check_person_dated(data, person_codes, out, ("person", "side", "moved_on"), "moved_on")
    for row in data.rows:
        start, moved = row.get("old_unit_from"), row.get("moved_on")
        if start and moved and start > moved:
            message = _('"Ngày đến đơn vị cũ" không thể sau "Ngày đến đơn vị mới".')
            out.add(data, row["_row"], "old_unit_from", start, message)


def _check_votes(data: SheetData, person_codes: Any, out: Collector) -> None:
    """R-106: the ballots of each level add up to at most the ballots cast."""
    _check_person_dated(data, person_codes, out, ("person", "year"), "year")
    for row in data.rows:
        parts = sum(row.get(k) or 0 for k in ("high", "medium", "low"))
        voters = row.get("voters")
        if voters is not None and parts > voters:
            message = _("Tổng số phiếu các mức (%(parts)d) lớn hơn số phiếu (%(voters)d).")
            out.add(data, row["_row"], "voters", voters, message % {"parts": parts, "voters": voters})


def check_fact_sheets(sheets: dict[str, SheetData], codes: dict[str, Any], out: Collector) -> None:
    """The sheets of recorded facts: review meetings (S-04), transfers (R-16, R-28), temporary activity
    (R-17), conclusions (R-33a, R-40a) and confidence votes (R-106)."""
    if "meetings" in sheets:
        data = sheets["meetings"]
        for row in data.rows:
            _ref(data, out, row, "organization", codes["organizations"], ORGANIZATION_LABEL)
        message = _("Trùng với dòng %(row)d (cùng tổ chức và ngày họp).")
        same = lambda r: None if r.get("_bad") else (r.get("organization"), r.get("held_on"))  # noqa: E731
        _duplicates(data, out, same, "held_on", message)
    if "transfers" in sheets:
        _check_transfers(sheets["transfers"], codes["people"], out)
    if "temporary" in sheets:
        _check_person_dated(sheets["temporary"], codes["people"], out, ("person", "start"), "start")
        _check_end(sheets["temporary"], out)
    if "conclusions" in sheets:
        data = sheets["conclusions"]
        by_kind = {
            SubjectKind.PERSON: (codes["people"], PERSON_LABEL),
            SubjectKind.COLLECTIVE: (codes["collectives"], COLLECTIVE_LABEL),
            SubjectKind.ORGANIZATION: (codes["organizations"], ORGANIZATION_LABEL),
        }
        for row in data.rows:
            kind = row.get("subject_kind")
            if kind:
                _ref(data, out, row, "subject", *by_kind[SubjectKind(kind)])
    if "votes" in sheets:
        _check_votes(sheets["votes"], codes["people"], out)


@dataclass
class Validation:
    """The parsed sheets, every error found, and the warnings (sheets passed over)."""

    sheets: dict[str, SheetData]
    errors: list[WorkbookError]
    warnings: list[WorkbookError]


def validate_workbook(raw: list[RawSheet], ex: Existing) -> Validation:
    """Parse and check every sheet; return the parsed sheets, every error found and the warnings."""
    out = Collector()
    sheets = _match_sheets(raw, out)
    if out.errors:  # a wrong structure would make every row wrong: report the structure first
        return Validation(sheets, out.errors, out.warnings)
    for data in sheets.values():
        _parse_rows(data, out)
    empty = SheetData(sheet=schema.ORGANIZATIONS, name="")

    def codes(key: str) -> set[str]:
        return {row["code"] for row in sheets.get(key, empty).rows if row.get("code")}

    org_codes = (codes("organizations"), ex.orgs)
    collective_codes = (codes("collectives"), ex.collectives)
    person_codes = (codes("people"), ex.people)
    kinds = {code: v.kind for code, v in ex.orgs.items()}
    if "organizations" in sheets:
        kinds = _check_organizations(sheets["organizations"], ex, out)
    if "collectives" in sheets:
        _check_collectives(sheets["collectives"], ex, org_codes, out)
    if "people" in sheets:
        _check_people(sheets["people"], ex, org_codes, kinds, out)
    if "memberships" in sheets:
        _check_memberships(sheets["memberships"], collective_codes, person_codes, out)
    if "statuses" in sheets:
        _check_statuses(sheets["statuses"], person_codes, out)
    if "disciplines" in sheets:
        _check_disciplines(
            sheets["disciplines"],
            {
                SubjectKind.PERSON.value: person_codes,
                SubjectKind.COLLECTIVE.value: collective_codes,
                SubjectKind.ORGANIZATION.value: org_codes,
            },
            out,
        )
    check_task_sheets(sheets, org_codes, person_codes, out)
    fact_codes = {"organizations": org_codes, "collectives": collective_codes, "people": person_codes}
    check_fact_sheets(sheets, fact_codes, out)
    order = {s.name: i for i, s in enumerate(schema.SHEETS)}
    key_of_sheet = {d.name: order[d.sheet.name] for d in sheets.values()}
    out.errors.sort(key=lambda e: (key_of_sheet.get(e.sheet, -1), e.row or 0))
    return Validation(sheets, out.errors, out.warnings)
