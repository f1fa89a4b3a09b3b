"""Workbook import and export of the registry (docs/workbook.md).

Public API: ``import_workbook``, ``export_workbook``, ``write_template``, ``ImportResult``,
``WorkbookError``.
"""

from xeploai.registry.workbook.errors import ImportResult, WorkbookError
from xeploai.registry.workbook.export import export_workbook
from xeploai.registry.workbook.importer import import_workbook
from xeploai.registry.workbook.template import write_template

__all__ = ["ImportResult", "WorkbookError", "export_workbook", "import_workbook", "write_template"]
