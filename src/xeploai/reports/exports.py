"""Statistics as CSV (one flat table) and the issuing committee of an organization's documents.

The CSV has one fixed header whatever the data, so scripts can rely on it: the table, whether the
row is by kind or by unit, TT, the label, the totals, one column per reason the tables know (a
reason a table does not show is left empty), the pending and rated counts, and SL / % per level.
Percentages use a dot ("12.5"): the file is for machines; the screen and the workbook show "12,5".
"""

from __future__ import annotations

from typing import TextIO

from xeploai.lib.spreadsheet import csv_writer
from xeploai.registry.models import Organization
from xeploai.reports.party_doc import Issuer, issuer_for
from xeploai.reports.stats import LEVELS_DESC, REASON_LABELS, Counts, Section, Statistics

CSV_REASONS = ("EXEMPT", "SUSPENDED", "NEW_MEMBER", "NEW_UNIT", "SMALL_COLLECTIVE", "WORKED_UNDER_6_MONTHS",
               "OTHER")
CSV_HEADER = [
    "Biểu", "Cách chia", "TT", "Nội dung", "Tổng số", "Không đánh giá, xếp loại",
    *[f"Không đánh giá: {REASON_LABELS[r]}" for r in CSV_REASONS],
    "Chưa có kết quả", "Số đã xếp loại",
    *[f"{lv.short} ({part})" for lv in LEVELS_DESC for part in ("SL", "%")],
]


# Who issues the central view's tables (``selectors.year_statistics``): the Central Organization
# Commission, under the Central Committee (conventions.md §1.1: a central body's header reads "BAN CHẤP
# HÀNH TRUNG ƯƠNG / <body> / *"; "BTCTW" is SOURCED there). Signed by its head (RECALLED).
NATIONAL_ISSUER = Issuer(
    name="Ban Tổ chức", abbreviation="BTCTW", superior="Ban Chấp hành Trung ương", place="Hà Nội",
    authority="", signer_title="TRƯỞNG BAN", archive="Văn phòng Ban Tổ chức Trung ương",
)


def organization_issuer(org: Organization) -> Issuer:
    """The committee that issues ``org``'s documents (see ``party_doc.issuer_for``)."""
    parent_name = org.parent.name if org.parent_id else ""  # type: ignore[union-attr]
    return issuer_for(org.name, org.kind, parent_name)


def _csv_row(table: str, split: str, tt: str, label: str, counts: Counts, section: Section) -> list[str]:
    values = [table, split, tt, label, str(counts.total), str(counts.not_classified_total)]
    for reason in CSV_REASONS:
        values.append(str(counts.not_classified.get(reason, 0)) if reason in section.reasons else "")
    values += [str(counts.pending), str(counts.rated)]
    for level in LEVELS_DESC:
        pct = counts.percent(level)
        values += [str(counts.levels[level]), "" if pct is None else f"{pct:.1f}"]
    return values


def write_csv(stats: Statistics, out: TextIO) -> None:
    """Write every table of ``stats`` (by kind, then by unit) to ``out`` as one CSV."""
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for split, sections in (("theo loại", stats.sections), ("theo đơn vị", stats.by_unit)):
        for section in sections:
            number = 0
            for row in section.rows:
                if not row.subtotal:
                    number += 1
                tt = "" if row.subtotal else str(number)
                writer.writerow(_csv_row(section.title, split, tt, row.label, row.counts, section))
            writer.writerow(_csv_row(section.title, split, "", "Cộng", section.total, section))
