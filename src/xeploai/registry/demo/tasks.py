"""The demo's task register: about ten tasks a period for each công chức, so a campaign shows scores.

The 2023 province gets ten tasks of 2026; the 2025 province ten of 2025 and ten of the first quarter of
2026 (``PERIODS_2025``). Most tasks are done on time and met; some are done late, with a major error,
exceeded, excused or not done yet, drawn from a seeded generator, so the ND335 scores (R-102) spread over
the bands (R-59).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any, NamedTuple

from django.db.models import Q

from xeploai.registry import bulk
from xeploai.registry.models import CivilServiceCategory, Person
from xeploai.registry.task_register import Task, TaskGroup, TaskQuality

YEAR = 2026
PER_PERSON = 10


class Period(NamedTuple):
    """Where a period's tasks fall: assigned from ``first`` within ``spread`` days, due ``due_days`` later
    (at least 7), so every task is assigned and due inside the period."""

    first: date
    spread: int
    due_days: int


YEAR_2026 = Period(date(YEAR, 1, 2), 300, 45)
PERIODS_2025 = (Period(date(2025, 1, 2), 300, 45), Period(date(2026, 1, 2), 45, 40))  # 2025, 2026 Q1
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


def _task(rng: random.Random, n: int, person_id: int, k: int, period: Period, prefix: str) -> tuple[Any, ...]:
    assigned = period.first + timedelta(days=rng.randrange(0, period.spread))
    due = assigned + timedelta(days=rng.randrange(7, period.due_days))
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
    code = f"{prefix}{n:07d}"
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


def task_rows(
    rng: random.Random,
    person_ids: list[int],
    periods: tuple[Period, ...] = (YEAR_2026,),
    prefix: str = "DEMO-NV",
) -> Iterator[tuple[Any, ...]]:
    n = 0
    for person_id in person_ids:
        for period in periods:
            for k in range(PER_PERSON):
                n += 1
                yield _task(rng, n, person_id, k, period, prefix)


def write_demo_tasks(
    rng: random.Random,
    *,
    root_path: str = "",
    periods: tuple[Period, ...] = (YEAR_2026,),
    prefix: str = "DEMO-NV",
) -> int:
    """Insert the tasks of every công chức working or in a cell under ``root_path`` (all when empty), ten
    a period each; task codes start with ``prefix``. Return how many."""
    people = Person.objects.filter(civil_service_category=CivilServiceCategory.CIVIL_SERVANT)
    if root_path:
        people = people.filter(
            Q(workplace__path__startswith=root_path) | Q(party_organization__path__startswith=root_path)
        )
    ids = list(people.order_by("pk").values_list("pk", flat=True))
    return bulk.insert_rows(Task, TASK_FIELDS, task_rows(rng, ids, periods, prefix))
