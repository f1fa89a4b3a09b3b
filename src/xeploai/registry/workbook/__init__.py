"""Workbook import and export of the registry (docs/workbook.md).

Public API: ``import_workbook``, ``export_workbook``, ``write_template``, ``ImportResult``,
``WorkbookError``.
"""

from xeploai.registry.workbook.errors import ImportResult, WorkbookError
from xeploai.registry.workbook.importer import import_workbook

__all__ = ["ImportResult", "WorkbookError", "import_workbook"]
