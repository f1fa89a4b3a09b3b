"""What an import reports: located errors and per-sheet counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class WorkbookError:
    """One mistake, located the way a user finds it in Excel.

    ``row`` is the Excel row number (1-based; the header is row 1), None for a whole-sheet or
    whole-file problem. ``column`` is the header text, ``column_letter`` its letter ("" if unknown).
    """

    sheet: str
    row: int | None
    column: str
    column_letter: str
    value: str
    message: str

    @property
    def location(self) -> str:
        if not self.sheet:
            return ""
        cell = f"{self.column_letter}{self.row or ''}"
        return f"{self.sheet}!{cell}" if cell else self.sheet

    def __str__(self) -> str:
        where = self.location
        details = []
        if self.column:
            details.append(_('cột "%(column)s"') % {"column": self.column})
        if self.value:
            details.append(_('giá trị "%(value)s"') % {"value": self.value})
        if details:
            where = f"{where} ({', '.join(details)})" if where else ", ".join(details)
        return f"{where}: {self.message}" if where else self.message


@dataclass
class ImportResult:
    """Counts per sheet name (To_chuc, Tap_the, ...) and the errors; nothing was written if any error."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    errors: list[WorkbookError] = field(default_factory=list)
    dry_run: bool = False
    # What was passed over without stopping the import (a sheet whose name no sheet of the template has).
    warnings: list[WorkbookError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        """True if the database was changed (no error, not a dry run)."""
        return self.ok and not self.dry_run
