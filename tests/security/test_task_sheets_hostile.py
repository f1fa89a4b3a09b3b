"""The task register's sheets go through the same hostile-file guard as the registry's (docs/adr/0007)."""

from __future__ import annotations

import pytest

from xeploai.registry.task_register import Task
from xeploai.registry.workbook import import_workbook

pytestmark = pytest.mark.django_db


def test_a_far_cell_on_the_tasks_sheet_is_refused_before_it_is_read(hostile, tmp_path):
    far = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    data = hostile.package(
        lambda: [hostile.HEAD, b"<sheetData>", hostile.HEADER_ROW, far, b"</sheetData></worksheet>"],
        name="Nhiem_vu",
    )
    path = tmp_path / "far.xlsx"
    path.write_bytes(data)
    result = import_workbook(path_or_file=path)
    assert not result.ok
    assert "Nhiem_vu" in result.errors[0].sheet
    assert not Task.objects.exists()
