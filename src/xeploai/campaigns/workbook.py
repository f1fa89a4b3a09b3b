"""Read a ratings sheet: Mã, Giai đoạn, Mức xếp loại (+ Loại đối tượng, Điểm, Lý do), every row checked.

Headers and values are matched without diacritics or case ("Mức xếp loại", "muc xep loai"). Levels are
accepted as HTXS/HTT/HTNV/KHTNV, as their full Vietnamese names, or as 0–3 (R-00a). Stages: "Đề xuất"
(PROPOSED) or "Quyết định" (DECIDED). Every mistake is reported with its sheet, row, column and value.
"""

from __future__ import annotations

from dataclasses import dataclass
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


def parse_sheet(sheet: RawSheet) -> tuple[list[SheetRow], list[WorkbookError], dict[str, int]]:
    """Return the rows, every error, and the column index of each known header."""
    errors: list[WorkbookError] = []
    columns: dict[str, int] = {}
    for i, title in enumerate(sheet.header):
        key = fold(_text(title))
        for field, aliases in HEADERS.items():
            if key in aliases and field not in columns:
                columns[field] = i
    missing = [COLUMN_TITLES[f] for f in REQUIRED if f not in columns]
    if missing:
        errors.append(
            WorkbookError(
                sheet.name, 1, "", "", "",
                _("Thiếu cột %(columns)s ở dòng tiêu đề (cần các cột Mã, Giai đoạn, Mức xếp loại).")
                % {"columns": ", ".join(missing)},
            )
        )  # fmt: skip
        return [], errors, columns

    def error(row: int, field: str, value: Any, message: str) -> None:
        i = columns[field]
        header = _text(sheet.header[i]) if i < len(sheet.header) else COLUMN_TITLES[field]
        errors.append(WorkbookError(sheet.name, row, header, column_letter(i), _text(value), message))

    def cell(values: list[Any], field: str) -> Any:
        i = columns.get(field)
        return values[i] if i is not None and i < len(values) else None

    rows: list[SheetRow] = []
    for offset, values in enumerate(sheet.rows):
        excel_row = offset + 2
        if all(_text(v) == "" for v in values):
            continue
        code = _text(cell(values, "code"))
        if not code:
            error(excel_row, "code", "", _("Thiếu mã đối tượng."))
        raw_stage = cell(values, "stage")
        stage = STAGES.get(fold(_text(raw_stage)))
        if stage is None:
            error(excel_row, "stage", raw_stage, _("Giai đoạn phải là “Đề xuất” hoặc “Quyết định”."))
        raw_level = cell(values, "level")
        level = LEVELS.get(fold(_text(raw_level)))
        if level is None:
            error(
                excel_row, "level", raw_level,
                _("Mức xếp loại phải là HTXS, HTT, HTNV, KHTNV, tên đầy đủ của mức hoặc số từ 0 đến 3."),
            )  # fmt: skip
        raw_type = cell(values, "subject_type")
        subject_type = None
        if _text(raw_type):
            subject_type = SUBJECT_TYPES.get(fold(_text(raw_type)))
            if subject_type is None:
                error(
                    excel_row, "subject_type", raw_type,
                    _("Loại đối tượng không hợp lệ; dùng: %(kinds)s.")
                    % {"kinds": ", ".join(t.label for t in SubjectType)},
                )  # fmt: skip
        raw_score = cell(values, "score")
        score = None
        if _text(raw_score):
            try:
                score = Decimal(_text(raw_score).replace(",", "."))
            except InvalidOperation:
                score = None
            if score is None or not (0 <= score <= 100):
                error(excel_row, "score", raw_score, _("Điểm phải là số từ 0 đến 100."))
                score = None
        if code and stage and level is not None and (subject_type is not None or not _text(raw_type)):
            rows.append(
                SheetRow(
                    excel_row, code, stage, level, subject_type, score, _text(cell(values, "justification"))
                )
            )
    return rows, errors, columns
