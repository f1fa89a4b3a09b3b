"""Read a ratings sheet: Mã, Giai đoạn, Mức xếp loại (+ Loại đối tượng, Điểm, Lý do), every row checked.

Headers and values are matched without diacritics or case ("Mức xếp loại", "muc xep loai"). Levels are
accepted as HTXS/HTT/HTNV/KHTNV, as their full Vietnamese names, or as 0–3 (R-00a). Stages: "Đề xuất"
(PROPOSED) or "Quyết định" (DECIDED). Every mistake is reported with its sheet, row, column and value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from xeploai.lib.vietnamese import clean, fold
from xeploai.registry.workbook.errors import WorkbookError
from xeploai.registry.workbook.read import RawSheet
from xeploai.registry.workbook.schema import column_letter
from xeploai.rules import Level, SubjectType

HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("ma", "ma doi tuong", "ma so", "code"),
    "stage": ("giai doan", "stage"),
    "level": ("muc xep loai", "muc xep loai chat luong", "xep loai", "muc", "level"),
    "subject_type": ("loai doi tuong", "doi tuong", "subject type", "subject_type"),
    "score": ("diem", "tong diem", "score"),
    "justification": ("ly do", "can cu", "ghi chu", "justification"),
}
REQUIRED = ("code", "stage", "level")
COLUMN_TITLES = {
    "code": "Mã",
    "stage": "Giai đoạn",
    "level": "Mức xếp loại",
    "subject_type": "Loại đối tượng",
    "score": "Điểm",
    "justification": "Lý do",
}

LEVELS: dict[str, Level] = {}
for _level in Level:
    for _alias in (_level.short, _level.label, str(int(_level)), _level.name, _level.english):
        LEVELS[fold(_alias)] = _level
STAGES = {"de xuat": "PROPOSED", "proposed": "PROPOSED", "quyet dinh": "DECIDED", "decided": "DECIDED"}
SUBJECT_TYPES: dict[str, SubjectType] = {fold(t.value): t for t in SubjectType} | {
    fold(t.label): t for t in SubjectType
}
SUBJECT_TYPES |= {
    "dang vien": SubjectType.PARTY_MEMBER,
    "to chuc": SubjectType.ORGANIZATION,
    "to chuc dang": SubjectType.ORGANIZATION,
    "tap the": SubjectType.COLLECTIVE,
    "lanh dao": SubjectType.LEADER,
    "ca nhan lanh dao, quan ly": SubjectType.LEADER,
    "cbccvc": SubjectType.CIVIL_SERVANT,
    "cong chuc": SubjectType.CIVIL_SERVANT,
    "vien chuc": SubjectType.CIVIL_SERVANT,
}


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One valid-looking row: Excel row number, code, stage, level, subject type (or None), score, text."""

    row: int
    code: str
    stage: str
    level: Level
    subject_type: SubjectType | None
    score: Decimal | None
    justification: str


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(value)


@dataclass
class _SheetReader:
    """Reads a ratings sheet's rows, noting every mistake with its place."""

    sheet: RawSheet
    columns: dict[str, int] = field(default_factory=dict)
    errors: list[WorkbookError] = field(default_factory=list)

    def read_header(self) -> bool:
        """Find each known column; False (and an error) when a required one is missing."""
        for i, title in enumerate(self.sheet.header):
            key = fold(_text(title))
            for name, aliases in HEADERS.items():
                if key in aliases and name not in self.columns:
                    self.columns[name] = i
        missing = [COLUMN_TITLES[f] for f in REQUIRED if f not in self.columns]
        if missing:
            message = _("Thiếu cột %(columns)s ở dòng tiêu đề (cần các cột Mã, Giai đoạn, Mức xếp loại).") % {
                "columns": ", ".join(missing)
            }
            self.errors.append(WorkbookError(self.sheet.name, 1, "", "", "", message))
        return not missing

    def error(self, row: int, name: str, value: Any, message: str) -> None:
        i = self.columns[name]
        header = _text(self.sheet.header[i]) if i < len(self.sheet.header) else COLUMN_TITLES[name]
        self.errors.append(
            WorkbookError(self.sheet.name, row, header, column_letter(i), _text(value), message)
        )

    def cell(self, values: list[Any], name: str) -> Any:
        i = self.columns.get(name)
        return values[i] if i is not None and i < len(values) else None

    def choice(self, row: int, values: list[Any], name: str, known: dict[str, Any], message: str) -> Any:
        """The value a cell names in ``known`` (matched folded), or None and an error."""
        raw = self.cell(values, name)
        found = known.get(fold(_text(raw)))
        if found is None:
            self.error(row, name, raw, message)
        return found

    def score(self, row: int, values: list[Any]) -> Decimal | None:
        raw = self.cell(values, "score")
        if not _text(raw):
            return None
        try:
            score: Decimal | None = Decimal(_text(raw).replace(",", "."))
        except InvalidOperation:
            score = None
        if score is None or not (0 <= score <= 100):
            self.error(row, "score", raw, _("Điểm phải là số từ 0 đến 100."))
            return None
        return score

    def read_row(self, row: int, values: list[Any]) -> SheetRow | None:
        """One row as a ``SheetRow``, or None when any of its cells is wrong (each one noted)."""
        code = _text(self.cell(values, "code"))
        if not code:
            self.error(row, "code", "", _("Thiếu mã đối tượng."))
        stage = self.choice(row, values, "stage", STAGES, _("Giai đoạn phải là “Đề xuất” hoặc “Quyết định”."))
        level = self.choice(
            row,
            values,
            "level",
            LEVELS,
            _("Mức xếp loại phải là HTXS, HTT, HTNV, KHTNV, tên đầy đủ của mức hoặc số từ 0 đến 3."),
        )
        typed = bool(_text(self.cell(values, "subject_type")))
        subject_type = None
        if typed:
            kinds = ", ".join(t.label for t in SubjectType)
            message = _("Loại đối tượng không hợp lệ; dùng: %(kinds)s.") % {"kinds": kinds}
            subject_type = self.choice(row, values, "subject_type", SUBJECT_TYPES, message)
        score = self.score(row, values)
        if not code or stage is None or level is None or (typed and subject_type is None):
            return None
        return SheetRow(
            row, code, stage, level, subject_type, score, _text(self.cell(values, "justification"))
        )


def parse_sheet(sheet: RawSheet) -> tuple[list[SheetRow], list[WorkbookError], dict[str, int]]:
    """Return the rows, every error, and the column index of each known header."""
    reader = _SheetReader(sheet)
    if not reader.read_header():
        return [], reader.errors, reader.columns
    rows: list[SheetRow] = []
    for offset, values in enumerate(sheet.rows):
        if all(_text(v) == "" for v in values):
            continue
        found = reader.read_row(offset + 2, values)  # the Excel row: 1-based, after the header
        if found is not None:
            rows.append(found)
    return rows, reader.errors, reader.columns
