"""The demo's task register: about ten tasks of 2026 for each công chức, so a 2026 campaign shows scores.

Most tasks are done on time and met; some are done late, with a major error, exceeded, excused or not
done yet, drawn from a seeded generator, so the ND335 scores (R-102) spread over the bands (R-59).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from xeploai.registry import bulk
from xeploai.registry.models import CivilServiceCategory, Person
from xeploai.registry.task_register import Task, TaskGroup, TaskQuality

YEAR = 2026
PER_PERSON = 10
TASK_FIELDS = (
    "code", "person_id", "title", "group", "assigned_on", "due_on", "done_on", "quality", "exceeded",
    "excused", "note", "version",
)  # fmt: skip
TITLES = (
    "Báo cáo kết quả công tác tháng",
    "Tham mưu văn bản chỉ đạo",
    "Thẩm định hồ sơ",
    "Tổng hợp số liệu thống kê",
    "Giải quyết thủ tục hành chính",
    "Kiểm tra, đôn đốc cơ sở",
    "Xây dựng kế hoạch công tác quý",
    "Trả lời kiến nghị của công dân",
    "Chuẩn bị nội dung hội nghị",
    "Rà soát văn bản quy phạm",
)
GROUPS = (TaskGroup.A, TaskGroup.B, TaskGroup.B, TaskGroup.C, TaskGroup.D)


def _task(rng: random.Random, n: int, person_id: int, k: int) -> tuple[Any, ...]:
    assigned = date(YEAR, 1, 2) + timedelta(days=rng.randrange(0, 300))
    due = assigned + timedelta(days=rng.randrange(7, 45))
    roll = rng.random()
    done: date | None = due - timedelta(days=rng.randrange(0, 5))
    quality, exceeded, excused = TaskQuality.MET, rng.random() < 0.3, False
    if roll < 0.08:
        done, quality, exceeded = due + timedelta(days=rng.randrange(1, 10)), TaskQuality.MET, False  # late
    elif roll < 0.12:
        quality, exceeded = TaskQuality.MAJOR_ERROR, False
    elif roll < 0.14:
        done, excused = due + timedelta(days=3), True  # late for an objective cause
    elif roll < 0.17:
        done, quality, exceeded = None, TaskQuality.NONE, False  # not done yet
    title = f"{TITLES[k % len(TITLES)]} ({k + 1})"
    code = f"DEMO-NV{n:07d}"
    return (
        code,
        person_id,
        title,
        rng.choice(GROUPS),
        assigned,
        due,
        done,
        quality,
        exceeded,
        excused,
        "",
        1,
    )


def task_rows(rng: random.Random, person_ids: list[int]) -> Iterator[tuple[Any, ...]]:
    n = 0
    for person_id in person_ids:
        for k in range(PER_PERSON):
            n += 1
            yield _task(rng, n, person_id, k)


def write_demo_tasks(rng: random.Random) -> int:
    """Insert the tasks of every công chức of the registry; return how many."""
    ids = list(
        Person.objects.filter(civil_service_category=CivilServiceCategory.CIVIL_SERVANT)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return bulk.insert_rows(Task, TASK_FIELDS, task_rows(rng, ids))
