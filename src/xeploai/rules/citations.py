"""Name, in plain Vietnamese, the document and the article each rule id comes from, per ruleset.

Every rule id of ``catalog.RULES`` and of ``shared/domain`` (regulations.md, plan-2023.md, R-100…R-108
included) has a citation in each ruleset: "theo Điều 4 Nghị định 90/2020/NĐ-CP ngày 13/8/2020". The
places and documents are those regulations.md and plan-2023.md give (conventions.md §2.4 for QĐ366
Điều 5 and Điều 15); none is invented. A rule the source marks RECALLED, partial or "to be
confirmed" says so in the text. A ruleset may cite a rule differently (``kh181-2023`` cites HD21 for
the order of classification, ``qd366-2025`` QĐ124/QĐ366); old party texts applied under
``qd366-2025`` pending the HD43 text are marked as carried over.

>>> cite("R-13", "kh181-2023")
'theo mục 6 phần II.B Hướng dẫn 21-HD/BTCTW ngày 18/10/2019'
>>> cite("R-58", "qd366-2025")
'theo Điều 11 Quy định 366-QĐ/TW ngày 30/8/2025'
>>> cite("R-45", "kh181-2023", lang="en")
'under Article 4 of Nghị định 90/2020/NĐ-CP ngày 13/8/2020'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, NamedTuple

__all__ = ["CITATIONS", "DOCUMENTS", "Citation", "citation", "cite"]

Lang = Literal["vi", "en"]
Note = Literal["", "recalled", "confirm", "partial", "carried", "plan"]

DOCUMENTS: Mapping[str, str] = MappingProxyType(
    {
        "KH181": "Kế hoạch 181-KH/TU ngày 02/8/2023 của Ban Thường vụ Tỉnh ủy Đồng Tháp",
        "QD132": "Quy định 132-QĐ/TW ngày 08/3/2018",
        "HD16": "Hướng dẫn 16-HD/BTCTW ngày 24/9/2018",
        "HD21": "Hướng dẫn 21-HD/BTCTW ngày 18/10/2019",
        "QD124": "Quy định 124-QĐ/TW ngày 04/10/2023",
        "QD366": "Quy định 366-QĐ/TW ngày 30/8/2025",
        "HD43": "Hướng dẫn 43-HD/BTCTW ngày 31/10/2025",
        "KL198": "Kết luận 198-KL/TW ngày 08/10/2025",
        "QD89": "Quy định 89-QĐ/TW ngày 04/8/2017",
        "ND90": "Nghị định 90/2020/NĐ-CP ngày 13/8/2020",
        "ND48": "Nghị định 48/2023/NĐ-CP ngày 17/7/2023",
        "ND335": "Nghị định 335/2025/NĐ-CP (hiệu lực từ 01/01/2026)",
        "HD02": "Hướng dẫn 02-HD/BTCTW năm 2021",
        "HD07": "Hướng dẫn 07-HD/BTCTW năm 2011",
        "QD41": "Quy định 41-QĐ/TW năm 2021",
        "LAWS": "Luật Cán bộ, công chức năm 2008 và Luật Viên chức năm 2010 (sửa đổi năm 2019)",
        "PRACTICE": "hướng dẫn thực hiện ở cơ sở (không phải văn bản của Trung ương)",
        "PROVINCES": "thực tiễn của Khánh Hòa, Hà Nội (Quyết định 3814) và TP. Hồ Chí Minh (tham khảo,"
        " không bắt buộc)",
    }
)

# Party texts that ``qd366-2025`` still applies pending the QĐ366/HD43 text (qd366_2025.py).
_OLD_PARTY = frozenset({"QD132", "HD16", "HD21", "QD124", "QD89", "HD07"})

_NOTES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "": ("", ""),
        "recalled": (" (chưa được xác nhận)", " (unconfirmed)"),
        "confirm": (" (cần đối chiếu văn bản gốc)", " (to be checked against the official text)"),
        "partial": (
            " (văn bản nguồn bị cắt, phần còn lại chưa được xác nhận)",
            " (the source is cut off; the rest is unconfirmed)",
        ),
        "carried": (
            " (áp dụng tiếp trong khi chờ văn bản của Quy định 366-QĐ/TW, Hướng dẫn 43-HD/BTCTW)",
            " (applied pending the text of QĐ366 and HD43)",
        ),
        "plan": (
            " (kế hoạch năm 2023, áp dụng đến khi có kế hoạch mới của tỉnh)",
            " (the 2023 plan, applied until the province issues a new one)",
        ),
    }
)

_EN_WORDS = (
    ("tiểu mục", "subsection"),
    ("Phụ lục", "Annex"),
    ("Điều", "Article"),
    ("khoản", "clause"),
    ("điểm", "point"),
    ("mục", "section"),
    ("phần", "part"),
    ("các", ""),
    ("đến", "to"),
    ("và", "and"),
)


class Citation(NamedTuple):
    """Where one rule comes from: a place in a document (may be empty), the document, a note."""

    rule_id: str
    place: str
    document: str
    note: Note = ""

    def text(self, lang: Lang = "vi") -> str:
        """Return "theo <place> <document><note>" (or the English form, the document's name kept)."""
        doc = DOCUMENTS[self.document]
        note = _NOTES[self.note][0 if lang == "vi" else 1]
        if lang == "vi":
            return f"theo {self.place + ' ' if self.place else ''}{doc}{note}"
        place = self.place
        for vi, en in _EN_WORDS:
            place = re.sub(rf"\b{vi}\b", en, place)
        place = " ".join(place.split())
        return f"under {place + ' of ' if place else ''}{doc}{note}"


_P23 = "tiểu mục 2.3 mục 2 phần II.B"
_P13 = "tiểu mục 1.3 mục 1 phần II.B"
_P6, _P3, _P4 = "mục 6 phần II.B", "mục 3 phần II.B", "mục 4 phần II.B"
_Row = tuple[str, str, Note]

# Rule id → (place, document key, note): the first citation regulations.md / plan-2023.md gives.
_BASE: dict[str, _Row] = {
    "R-00a": (_P23, "HD21", ""),
    "R-00b": ("Mẫu 04", "HD21", ""),
    "R-01": ("", "KH181", "confirm"),
    "R-02": ("quy định chuyển tiếp của", "ND48", ""),
    "R-10": ("mục 2 phần II.B", "HD21", ""),
    "R-11": (_P6, "HD21", ""),
    "R-12": (_P6, "HD21", ""),
    "R-13": (_P6, "HD21", ""),
    "R-14": (_P6, "HD21", ""),
    "R-15": (_P6, "HD21", ""),
    "R-16": (_P6, "HD21", ""),
    "R-17": (_P6, "HD21", ""),
    "R-18": ("", "HD21", "recalled"),
    "R-19": ("", "QD132", ""),
    "R-20": ("khoản 2 Điều 5", "QD124", ""),
    "R-21": ("khoản 1 Điều 5", "QD124", ""),
    "R-22": ("mục II.1.1", "KH181", ""),
    "R-25": ("khoản 3 Điều 2", "ND90", ""),
    "R-26": ("khoản 3 Điều 2", "ND90", ""),
    "R-27": ("khoản 3 Điều 2", "ND90", ""),
    "R-28": ("khoản 1 Điều 20", "ND90", ""),
    "R-30": (f"điểm a {_P23}", "HD21", ""),
    "R-31": (_P23, "HD21", "recalled"),
    "R-32": (_P23, "HD21", "recalled"),
    "R-33": (f"điểm d {_P23}", "HD21", ""),
    "R-33a": (f"điểm d {_P23}", "HD21", ""),
    "R-33b": (f"điểm d {_P23}", "HD21", ""),
    "R-33c": (f"điểm d {_P23}", "HD21", ""),
    "R-33d": (f"điểm d {_P23}", "HD21", ""),
    "R-34": (_P13, "HD21", ""),
    "R-35": (_P13, "HD21", "recalled"),
    "R-36": (_P13, "HD21", ""),
    "R-37": (_P13, "HD21", "partial"),
    "R-38": (_P3, "HD21", ""),
    "R-39": (_P3, "HD21", "recalled"),
    "R-40": (_P3, "HD21", ""),
    "R-40a": (_P3, "HD21", ""),
    "R-40b": (_P3, "HD21", ""),
    "R-40c": (_P3, "HD21", ""),
    "R-40d": (_P3, "HD21", ""),
    "R-41": (_P4, "HD21", ""),
    "R-42": ("tiểu mục 1.2 mục 1 phần III", "QD89", ""),
    "R-43": ("", "QD89", "recalled"),
    "R-44": ("", "QD89", ""),
    "R-45": ("Điều 4", "ND90", ""),
    "R-46": ("Điều 5", "ND90", "recalled"),
    "R-47": ("Điều 6", "ND90", "recalled"),
    "R-48": ("Điều 7", "ND90", "recalled"),
    "R-49": ("các Điều 8 đến 11", "ND90", "recalled"),
    "R-50": (_P23, "HD21", ""),
    "R-50b": ("", "HD21", "recalled"),
    "R-50c": (_P3, "HD21", ""),
    "R-50d": (_P4, "HD21", ""),
    "R-50e": ("", "QD124", ""),
    "R-50f": ("Điều 1", "ND48", ""),
    "R-50g": ("", "ND335", ""),
    "R-50h": ("Điều 11", "QD366", ""),
    "R-51": ("khoản 1 Điều 12", "ND90", ""),
    "R-52": ("khoản 2 Điều 12", "ND90", ""),
    "R-53": ("Điều 13", "ND90", ""),
    "R-54": ("Điều 14", "ND90", ""),
    "R-55": ("điểm c khoản 1 Điều 15", "ND90", ""),
    "R-56": ("Điều 12", "QD124", ""),
    "R-57": ("khoản 4 Điều 12", "QD124", ""),
    "R-58": ("Điều 11", "QD366", ""),
    "R-59": ("", "ND335", ""),
    "R-60": (_P23, "HD21", "recalled"),
    "R-61": (_P3, "HD21", ""),
    "R-62": (_P4, "HD21", ""),
    "R-63": (_P13, "HD21", ""),
    "R-64": (_P3, "HD21", ""),
    "R-65": ("các Điều 4 đến 7 và 12 đến 14", "ND90", ""),
    "R-66": ("điểm c khoản 4 Điều 12", "QD132", ""),
    "R-67": (_P6, "HD21", ""),
    "R-70": (_P6, "HD21", ""),
    "R-70b": ("khoản 2 Điều 20", "ND90", ""),
    "R-70c": ("", "PRACTICE", "confirm"),
    "R-71": (f"điểm d {_P23}", "HD21", ""),
    "R-72": ("điểm d mục 4.3 khoản 4 Điều 12", "QD124", ""),
    "R-73": ("mục 4.5 khoản 4 Điều 12", "QD124", ""),
    "R-74": ("mục 4.6 khoản 4 Điều 12", "QD124", ""),
    "R-75": ("mục 4.7 khoản 4 Điều 12", "QD124", "partial"),
    "R-76": ("", "ND48", ""),
    "R-77": ("mục 1 phần II", "HD02", ""),
    "R-78": ("", "QD41", "recalled"),
    "R-79": ("", "LAWS", "recalled"),
    "R-79b": ("", "HD21", ""),
    "R-80": ("", "QD132", ""),
    "R-81": ("Điều 11", "QD124", ""),
    "R-82": ("", "HD16", ""),
    "R-83": ("", "HD07", ""),
    "R-84": ("khoản 1 Điều 19", "ND90", ""),
    "R-85": ("Điều 17 và Điều 18", "ND90", "recalled"),
    "R-86": ("", "QD132", ""),
    "R-87": (_P6, "HD21", ""),
    "R-88": (_P6, "HD21", ""),
    "R-89": ("", "ND90", "confirm"),
    "R-89b": ("", "ND90", ""),
    "R-90": ("Điều 20", "ND90", ""),
    "R-91": ("Điều 21", "ND335", ""),
    "R-92": ("", "KH181", "recalled"),
    "R-93": ("", "HD43", ""),
    "R-95": ("", "HD21", "recalled"),
    "R-99": ("", "KH181", ""),
    "R-100": ("", "QD366", ""),
    "R-101": ("", "KL198", ""),
    "R-102": ("Điều 14", "ND335", "confirm"),
    "R-103": ("", "ND335", ""),
    "R-104": ("ghi chú (1) Điều 11", "QD366", ""),
    "R-105": ("", "QD366", "confirm"),
    "R-106": ("Điều 11", "QD366", "confirm"),
    "R-107": ("tiểu mục 7.5", "HD43", ""),
    "R-108": ("", "PROVINCES", ""),
    "S-01": ("mục II.1.1", "KH181", ""),
    "S-02": ("mục II.1.1", "KH181", ""),
    "S-03": ("mục II.1.1", "KH181", ""),
    "S-04": ("mục II.1.1", "KH181", ""),
    "S-05": ("mục II.2.1", "KH181", ""),
    "S-06": ("mục II.2.1", "KH181", ""),
    "S-07": ("mục II.2.1", "KH181", ""),
    "S-08": ("mục II.2.1", "KH181", ""),
    "S-09": ("mục II.2.1", "KH181", ""),
    "S-10": ("mục II.3 và phần III", "KH181", ""),
    "S-11": ("mục II.3 và phần III", "KH181", ""),
    "S-12": ("mục II.3 và phần III", "KH181", ""),
    "S-13": ("mục I.2 và phần III", "KH181", ""),
    "S-14": ("mục I.2 và phần III", "KH181", ""),
    "S-15": ("mục I.2 và phần III", "KH181", ""),
    "S-16": ("mục I.2 và phần III", "KH181", ""),
    "S-17": ("mục I.2 và phần III", "KH181", ""),
}

# Where ``qd366-2025`` cites a rule from its own texts (regulations.md, conventions.md §2.4, §4.4).
_QD366: dict[str, _Row] = {
    "R-00a": ("Điều 11", "QD366", ""),
    "R-01": ("", "QD366", ""),
    "R-20": ("khoản 2 Điều 5", "QD366", ""),
    "R-50e": ("Điều 11", "QD366", ""),
    "R-62": ("Điều 11", "QD124", "carried"),
    "R-70": ("Điều 11", "QD124", "carried"),
    "R-86": ("", "HD43", ""),
    "R-88": ("Điều 15", "QD366", ""),
    "R-92": ("", "HD43", "recalled"),
    "S-03": ("khoản 2 Điều 5", "QD366", ""),
    "S-07": ("khoản 2 Điều 5", "QD366", ""),
}


def _qd366(rule_id: str, row: _Row) -> Citation:
    """Cite ``rule_id`` for ``qd366-2025``: its own texts first, old party texts marked as carried."""
    if rule_id in _QD366:
        return Citation(rule_id, *_QD366[rule_id])
    place, doc, note = row
    if doc == "KH181":
        return Citation(rule_id, place, doc, "plan")
    if doc in _OLD_PARTY and note == "":
        return Citation(rule_id, place, doc, "carried")
    return Citation(rule_id, place, doc, note)


CITATIONS: Mapping[str, Mapping[str, Citation]] = MappingProxyType(
    {
        "kh181-2023": MappingProxyType({rid: Citation(rid, *row) for rid, row in _BASE.items()}),
        "qd366-2025": MappingProxyType({rid: _qd366(rid, row) for rid, row in _BASE.items()}),
    }
)


def citation(rule_id: str, ruleset: str) -> Citation | None:
    """Return the citation of ``rule_id`` under ruleset ``ruleset`` (a code), or None if unknown."""
    return CITATIONS.get(ruleset, {}).get(rule_id)


def cite(rule_id: str, ruleset: str, lang: Lang = "vi") -> str:
    """Return "theo <place> <document>" for ``rule_id`` under ``ruleset``; "" when none is known."""
    found = citation(rule_id, ruleset)
    return found.text(lang) if found is not None else ""
