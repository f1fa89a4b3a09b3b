"""The empty workbook users fill in: the six sheets with their headers and dropdowns, and the
instructions sheet (Huong_dan) with the accepted values and one example row per sheet. The examples live
only in Huong_dan, which the import never reads, so an example can never be imported by accident.
"""

from __future__ import annotations

import os

from xeploai.registry.workbook import schema
from xeploai.registry.workbook.export import BookWriter


def write_template(path: str | os.PathLike[str]) -> None:
    """Write the empty import workbook to ``path``."""
    w = BookWriter(path)
    sheets = [w.data_sheet(sheet) for sheet in schema.SHEETS]
    w.instructions_sheet()
    w.lists_sheet()
    sheets[0].activate()
    w.close()
