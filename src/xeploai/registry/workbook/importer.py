"""The import service: read → validate every row → write once, in one transaction."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from xeploai.registry.signals import workbook_imported
from xeploai.registry.workbook import schema
from xeploai.registry.workbook.errors import ImportResult, WorkbookError
from xeploai.registry.workbook.existing import load_existing
from xeploai.registry.workbook.read import (
    EXTRA_COLUMNS,
    PathOrFile,
    RawSheet,
    WorkbookFileError,
    read_workbook,
)
from xeploai.registry.workbook.validate import validate_workbook
from xeploai.registry.workbook.write import apply, prepare


def import_workbook(*, path_or_file: PathOrFile, dry_run: bool = False) -> ImportResult:
    """Import a workbook (docs/workbook.md) into the registry.

    Every row of every sheet is checked before anything is written; on any error nothing is written
    and ``result.errors`` lists them all, located by sheet, Excel row and column. ``dry_run`` checks and
    counts without writing. Never raises for bad input: a file that is not a workbook is an error too.
    """
    try:
        raw = read_workbook(path_or_file, columns_for=schema_columns)
    except WorkbookFileError as exc:
        return ImportResult(errors=[WorkbookError(exc.sheet, None, "", "", "", exc.message)], dry_run=dry_run)
    return import_sheets(raw, source=_file_name(path_or_file), dry_run=dry_run)


def import_sheets(raw: list[RawSheet], *, source: str, dry_run: bool = False) -> ImportResult:
    """Validate every row of ``raw`` (sheets as read from a workbook, or built by the API from JSON rows)
    and write them once, in one transaction; ``source`` names where they came from in the audit event."""
    with transaction.atomic():
        existing = load_existing()
        checked = validate_workbook(raw, existing)
        if checked.errors:
            return ImportResult(errors=checked.errors, warnings=checked.warnings, dry_run=dry_run)
        plan = prepare(checked.sheets, existing, dry_run=dry_run)
        if not dry_run:
            apply(plan)
            # The bulk write sends no signals: one summary event stands for the whole import.
            workbook_imported.send(
                sender=ImportResult, created=plan.created, updated=plan.updated, unchanged=plan.unchanged,
                file_name=source,
            )
    return ImportResult(
        created=plan.created, updated=plan.updated, unchanged=plan.unchanged, dry_run=dry_run,
        warnings=checked.warnings,
    )


def schema_columns(name: str) -> int | None:
    """How many columns of a sheet are read: its schema's and a few more; None for a sheet the
    schema does not know (instructions, the user's own sheets), which is never read."""
    key = schema.normalize_header(name)
    for sheet in schema.SHEETS:
        if key in (schema.normalize_header(sheet.name), schema.normalize_header(sheet.title)):
            return len(sheet.columns) + EXTRA_COLUMNS
    return None


def _file_name(path_or_file: PathOrFile) -> str:
    name = getattr(path_or_file, "name", None) or str(path_or_file)
    return Path(str(name)).name
