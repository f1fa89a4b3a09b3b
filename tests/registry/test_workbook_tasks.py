"""The workbook sheets of the task register, "Nhiem_vu" (tasks) and "Chi_tieu" (targets): imported in the
same read → validate all → write once pass as the registry, errors named by sheet, row and column, and
exported back the same (docs/workbook.md)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from xeploai.audit.models import AuditEvent
from xeploai.registry.task_register import Target, Task, TaskQuality
from xeploai.registry.workbook import export_workbook, import_workbook

pytestmark = pytest.mark.django_db

TASK_HEADERS = [
    "Mã nhiệm vụ",
    "Mã cá nhân",
    "Mã đơn vị",
    "Nội dung nhiệm vụ",
    "Nhóm nhiệm vụ",
    "Ngày giao",
    "Hạn hoàn thành",
    "Ngày hoàn thành",
    "Chất lượng",
    "Vượt tiến độ, chất lượng",
    "Nguyên nhân khách quan",
    "Ghi chú",
]
TARGET_HEADERS = [
    "Mã đơn vị",
    "Năm",
    "Tên chỉ tiêu",
    "Đơn vị tính",
    "Kế hoạch",
    "Thực hiện",
    "Đạt",
    "Chỉ tiêu cơ bản",
]
TASKS = [
    [
        "NV1",
        "CN001",
        "",
        "Báo cáo quý I",
        "A",
        "05/01/2026",
        "31/03/2026",
        "28/03/2026",
        "Đạt yêu cầu",
        "x",
        "",
        "",
    ],
    ["NV2", "CN001", "", "Kế hoạch năm", "B", dt.date(2026, 1, 5), dt.date(2026, 2, 15), "", "", "", "", ""],
    ["NV3", "", "UBND_CL", "Cải cách hành chính", "C", "05/01/2026", "30/06/2026", "", "", "", "", ""],
]
TARGETS = [
    ["UBND_CL", 2026, "Tăng trưởng GRDP", "%", "7,5", 8, "x", "x"],
    ["UBND_CL", 2026, "Thu ngân sách", "tỷ đồng", 1200, "", "", ""],
]


@pytest.fixture
def book(make_workbook, headers, small_province):
    def build(tasks=TASKS, targets=TARGETS):
        sheets = {k: [headers[k], *v] for k, v in small_province.items()}
        sheets["Nhiem_vu"] = [TASK_HEADERS, *tasks]
        sheets["Chi_tieu"] = [TARGET_HEADERS, *targets]
        return make_workbook(sheets)

    return build


def test_good_sheets_import_and_reimport_changes_nothing(book):
    path = book()
    result = import_workbook(path_or_file=path)
    assert result.errors == []
    assert (result.created["Nhiem_vu"], result.created["Chi_tieu"]) == (3, 2)
    first = Task.objects.get(code="NV1")
    assert first.person.code == "CN001"
    assert (first.group, first.done_on, first.quality, first.exceeded) == (
        "A",
        dt.date(2026, 3, 28),
        "MET",
        True,
    )
    assert Task.objects.get(code="NV3").organization.code == "UBND_CL"
    growth = Target.objects.get(name="Tăng trưởng GRDP")
    assert (growth.year, growth.planned, growth.achieved, growth.met, growth.is_basic) == (
        2026,
        Decimal("7.50"),
        Decimal("8.00"),
        True,
        True,
    )
    assert Target.objects.get(name="Thu ngân sách").met is None  # blank: not assessed yet
    event = AuditEvent.objects.get(action="registry.workbook.imported")
    assert event.after["created"]["Nhiem_vu"] == 3
    again = import_workbook(path_or_file=path)
    assert (again.created["Nhiem_vu"], again.updated["Nhiem_vu"], again.unchanged["Nhiem_vu"]) == (0, 0, 3)
    assert again.unchanged["Chi_tieu"] == 2


def test_a_changed_task_is_updated_and_its_confirmation_cleared(book, personas):
    import_workbook(path_or_file=book())
    task = Task.objects.get(code="NV1")
    Task.objects.filter(pk=task.pk).update(
        confirmed_by=personas.district_a_officer, confirmed_at=dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
    )
    changed = [list(r) for r in TASKS]
    changed[0][8] = "Có sai sót lớn"
    result = import_workbook(path_or_file=book(tasks=changed))
    assert result.updated["Nhiem_vu"] == 1
    task.refresh_from_db()
    assert (task.quality, task.confirmed_at, task.version) == (TaskQuality.MAJOR_ERROR, None, 2)


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (
            ["NV9", "CN001", "UBND_CL", "x", "", "05/01/2026", "31/03/2026", "", "", "", "", ""],
            "Mã cá nhân",
            "đúng một trong hai cột",
        ),
        (
            ["NV9", "", "", "x", "", "05/01/2026", "31/03/2026", "", "", "", "", ""],
            "Mã cá nhân",
            "đúng một trong hai cột",
        ),
        (
            ["NV9", "CN404", "", "x", "", "05/01/2026", "31/03/2026", "", "", "", "", ""],
            "Mã cá nhân",
            'Không tìm thấy cá nhân có mã "CN404"',
        ),
        (
            ["NV9", "CN001", "", "x", "", "05/03/2026", "01/03/2026", "", "", "", "", ""],
            "Hạn hoàn thành",
            "không thể trước",
        ),
        (
            ["NV9", "CN001", "", "x", "E", "05/01/2026", "31/03/2026", "", "", "", "", ""],
            "Nhóm nhiệm vụ",
            "Giá trị không hợp lệ",
        ),
        (
            ["NV9", "CN001", "", "x", "", "05/01/2026", "31/03/2026", "", "Đạt yêu cầu", "", "", ""],
            "Chất lượng",
            "đã hoàn thành",
        ),
        (
            ["NV1", "CN001", "", "x", "", "05/01/2026", "31/03/2026", "", "", "", "", ""],
            "Mã nhiệm vụ",
            "bị trùng với dòng 2",
        ),
        (
            ["NV9", "CN001", "", "", "", "05/01/2026", "31/03/2026", "", "", "", "", ""],
            "Nội dung nhiệm vụ",
            "Thiếu",
        ),
    ],
)
def test_bad_task_row_is_named_and_nothing_is_written(book, row, column, message):
    result = import_workbook(path_or_file=book(tasks=[TASKS[0], row]))
    assert not result.ok
    errors = [e for e in result.errors if e.sheet == "Nhiem_vu"]
    assert len(errors) == 1
    assert (errors[0].row, errors[0].column) == (3, column)
    assert message in errors[0].message
    assert not Task.objects.exists()
    assert not Target.objects.exists()


def test_bad_target_rows_are_named(book):
    targets = [
        TARGETS[0],
        ["UBND_CL", 2026, "Tăng trưởng GRDP", "", "", "", "", ""],
        ["UBND_CL", 2026, "Khác", "", "bảy", "", "", ""],
        ["XX", 2026, "Khác nữa", "", "", "", "", ""],
    ]
    result = import_workbook(path_or_file=book(targets=targets))
    found = {(e.row, e.column) for e in result.errors if e.sheet == "Chi_tieu"}
    assert found == {(3, "Tên chỉ tiêu"), (4, "Kế hoạch"), (5, "Mã đơn vị")}
    assert not Target.objects.exists()


def test_export_round_trip_of_the_task_sheets(book, tmp_path):
    import_workbook(path_or_file=book())
    out = tmp_path / "out.xlsx"
    counts = export_workbook(path=out)
    assert (counts["Nhiem_vu"], counts["Chi_tieu"]) == (3, 2)
    before = sorted(Task.objects.values_list("code", "title", "due_on", "done_on", "quality", "exceeded"))
    targets = sorted(Target.objects.values_list("name", "planned", "achieved", "met", "is_basic"))
    Task.objects.all().delete()
    Target.objects.all().delete()
    result = import_workbook(path_or_file=out)
    assert result.errors == []
    assert (
        sorted(Task.objects.values_list("code", "title", "due_on", "done_on", "quality", "exceeded"))
        == before
    )
    assert sorted(Target.objects.values_list("name", "planned", "achieved", "met", "is_basic")) == targets
