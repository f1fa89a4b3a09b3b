"""Importing proposed or decided levels from a workbook, all or nothing (docs/workbook.md)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from xeploai.registry.workbook.errors import WorkbookError
from xeploai.registry.workbook.read import (
    EXTRA_COLUMNS,
    PathOrFile,
    RawSheet,
    WorkbookFileError,
    first_sheet_only,
    read_workbook,
)
from xeploai.registry.workbook.schema import column_letter
from xeploai.rules import Finding, ReasonCode, SubjectType, explain

from . import locks
from .checking import Entry, stage_verdicts
from .facts import ratings_in_block
from .models import Campaign, CampaignStatus, Override, RatingStage, Subject
from .rating_writes import rating_counts, ratings_write
from .workbook import COLUMN_TITLES, SheetRow, parse_sheet

__all__ = ["RatingsImportResult", "ratings_import"]

NO_SUBJECT = _("Không có đối tượng mã “%(code)s” trong đợt đánh giá này.")
NO_SUBJECT_OF_TYPE = _("Mã “%(code)s” không có đối tượng loại “%(type)s” trong đợt (có: %(have)s).")
AMBIGUOUS = _("Mã “%(code)s” ứng với nhiều đối tượng (%(have)s): ghi thêm cột “Loại đối tượng”.")
NOT_CLASSIFIED = _("Đối tượng “%(code)s” (%(type)s) không thuộc diện xếp loại trong đợt này%(why)s.")
DUPLICATE = _("Đối tượng “%(code)s” (%(type)s) đã có ở dòng %(first)s cho cùng giai đoạn.")
REFUSED = _("Không thể quyết định mức này: %(why)s")
NO_ROWS = _("Trang tính không có dòng dữ liệu nào.")
CAMPAIGN_NOT_OPEN = _("Đợt đánh giá “%(name)s” chưa mở hoặc đã kết thúc: không nhập kết quả được.")


@dataclass
class RatingsImportResult:
    """What ``ratings_import`` did; nothing was written when there is any error (or on a dry run)."""

    created: int = 0
    rows: int = 0
    errors: list[WorkbookError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def fail(self, message: Any, sheet: str = "") -> RatingsImportResult:
        """Record a whole-file or whole-sheet error and return the result."""
        self.errors.append(WorkbookError(sheet, None, "", "", "", str(message)))
        return self


class Candidate(NamedTuple):
    """A subject of the campaign a sheet's code may mean."""

    pk: int
    subject_type: str
    included: bool
    reasons: str
    version: int


@dataclass
class _Matcher:
    """Matches a sheet's rows to the campaign's subjects and turns them into entries, noting each mistake."""

    sheet: RawSheet
    columns: dict[str, int]
    by_code: dict[str, list[Candidate]]
    rated: dict[int, int]
    errors: list[WorkbookError]
    entries: list[Entry] = field(default_factory=list)
    where: dict[tuple[int, str], SheetRow] = field(default_factory=dict)
    versions: dict[int, int] = field(default_factory=dict)

    def error(self, row: int, field_name: str, value: str, message: Any) -> None:
        i = self.columns[field_name]
        title = COLUMN_TITLES[field_name]
        self.errors.append(WorkbookError(self.sheet.name, row, title, column_letter(i), value, str(message)))

    def candidate(self, r: SheetRow) -> Candidate | None:
        """The one subject ``r`` means, or None (and an error) when there is none or several."""
        labels = {t.value: t.label for t in SubjectType}
        found = self.by_code.get(r.code, [])
        have = ", ".join(labels[f.subject_type] for f in found)
        if r.subject_type is not None:
            found = [f for f in found if f.subject_type == r.subject_type.value]
        if not found and r.subject_type is not None and have:
            self.error(
                r.row,
                "code",
                r.code,
                NO_SUBJECT_OF_TYPE % {"code": r.code, "type": r.subject_type.label, "have": have},
            )
        elif not found:
            self.error(r.row, "code", r.code, NO_SUBJECT % {"code": r.code})
        elif len(found) > 1:
            self.error(r.row, "code", r.code, AMBIGUOUS % {"code": r.code, "have": have})
        return found[0] if len(found) == 1 else None

    def add(self, r: SheetRow) -> None:
        """Make ``r`` an entry unless its subject is not classified or the sheet already has it."""
        c = self.candidate(r)
        if c is None:
            return
        label = SubjectType(c.subject_type).label
        if not c.included:
            why = (
                f" ({', '.join(ReasonCode(x).label for x in c.reasons.split(',') if x)})" if c.reasons else ""
            )
            self.error(r.row, "code", r.code, NOT_CLASSIFIED % {"code": r.code, "type": label, "why": why})
            return
        first = self.where.get((c.pk, r.stage))
        if first is not None:
            self.error(r.row, "code", r.code, DUPLICATE % {"code": r.code, "type": label, "first": first.row})
            return
        self.where[(c.pk, r.stage)] = r
        self.versions[c.pk] = c.version + self.rated.get(c.pk, 0)  # Subject.state_version
        self.entries.append(Entry(c.pk, r.stage, r.level, r.score, r.justification))

    def refuse(self, verdicts: dict[tuple[int, str], list[Finding]]) -> None:
        """A decided level with a blocking finding other than quota is refused, at its level cell."""
        for (pk, stage), found in verdicts.items():
            sheet_row = self.where.get((pk, stage))
            if sheet_row is None or stage != RatingStage.DECIDED:
                continue
            refusing = [f for f in found if f.blocking and not f.code.startswith("quota.")]
            if refusing:
                why = " ".join(explain(f) for f in refusing)
                self.error(sheet_row.row, "level", sheet_row.level.short, REFUSED % {"why": why})


def _candidates(campaign: Campaign, wanted: set[str]) -> tuple[dict[str, list[Candidate]], dict[int, int]]:
    """The campaign's subjects by code (those the sheet names), and how many ratings each subject has."""
    by_code: dict[str, list[Candidate]] = defaultdict(list)
    pks: list[int] = []
    rows = (
        Subject.objects.filter(campaign=campaign)
        .order_by()
        .values_list(
            "pk",
            "subject_type",
            "person__code",
            "collective__code",
            "organization__code",
            "classify",
            "override",
            "reasons",
            "version",
        )
    )
    for pk, st, p_code, c_code, o_code, classify, override, reasons, version in rows:
        pks.append(pk)
        code = p_code or c_code or o_code
        if code in wanted:
            included = override == Override.INCLUDED or (classify and override != Override.EXCLUDED)
            by_code[code].append(Candidate(pk, st, included, reasons, version))
    return by_code, rating_counts(ratings_in_block(pks))


@transaction.atomic
def ratings_import(
    *,
    campaign: Campaign,
    path_or_file: PathOrFile,
    by: AbstractBaseUser | None = None,
    dry_run: bool = False,
) -> RatingsImportResult:
    """Import proposed or decided levels from the first sheet of a workbook, all or nothing.

    Every row is validated first (columns, values, the subject exists in the campaign and is classified,
    no duplicate). A decided level must also pass the core's caps, linkage and order (R-13, R-30, R-33c,
    R-61, R-62, R-70 …): a blocking finding refuses it, located at its level cell. Over-quota (R-50 …) is
    not a refusal: the competent level decides who keeps HTXS, so it is recorded in the row's findings.
    """
    result = RatingsImportResult(dry_run=dry_run)
    if campaign.status != CampaignStatus.OPEN:
        return result.fail(CAMPAIGN_NOT_OPEN % {"name": campaign.name})
    try:
        sheets = read_workbook(path_or_file, columns_for=first_sheet_only(len(COLUMN_TITLES) + EXTRA_COLUMNS))
    except WorkbookFileError as exc:
        return result.fail(exc.message, exc.sheet)
    if not sheets:
        return result.fail(NO_ROWS)
    rows, errors, columns = parse_sheet(sheets[0])
    result.errors.extend(errors)
    result.rows = len(rows)
    if not rows:
        return result if errors else result.fail(NO_ROWS, sheets[0].name)
    locks.campaign_for_rating(campaign_pk=campaign.pk)  # before the subjects are read
    matcher = _Matcher(sheets[0], columns, *_candidates(campaign, {r.code for r in rows}), result.errors)
    for r in rows:
        matcher.add(r)
    if not result.errors:
        verdicts = stage_verdicts(campaign=campaign, entries=matcher.entries)
        matcher.refuse(verdicts)
    result.errors.sort(key=lambda e: (e.row or 0, e.column_letter))
    if result.errors or dry_run:
        return result
    result.created = ratings_write(
        entries=matcher.entries, by=by, versions=matcher.versions, verdicts=verdicts
    )
    return result
