"""ND335 scoring of a công chức from the task register: 100 points = 30 general + 70 task results.

Pure: facts in, a ``TaskScore`` out, with every step of the computation (for the page "Cách tính điểm")
and the task counts the level rules read (R-58: 100 % on time, ≥ 30 % exceeded, ≤ 20 % late).

The computation (R-102, ND335 Art. 14, and the provinces' methods in regulations.md §3.7):

- the tasks counted are those due in the period; a task not done for an objective cause (excused) is
  left out, one done late for an objective cause counts as on time;
- quantity a = tasks done / tasks counted × 100;
- quality b = the mean over the tasks done of 100 (met), 75 (a major error: −25 %) or 0 (not met);
  a task done with no verdict yet counts as met (the manager has not objected);
- timeliness c = the mean over the tasks done of 100 (on time) or 75 (late: −25 % for the delay);
- task points = (a + b + c) / 3 × 0.7 — out of 70 (the staff formula, RECALLED: see R-102);
- points = general points (out of 30, from the general criteria) + task points;
- the band (R-59): ≥ 90 HTXS, 70 to < 90 HTT, 50 to < 70 HTNV, < 50 KHTNV.

A task not done by the end of the period is late (it counts against "on time" and for "late").
With no task counted the task points are 0: nothing was shown done.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import NamedTuple, TypeVar

from .batch import gc_paused
from .levels import Level

K = TypeVar("K")

__all__ = [
    "GENERAL_MAX",
    "TASKS_MAX",
    "ScoreStep",
    "TaskFact",
    "TaskQuality",
    "TaskScore",
    "level_for_points",
    "score_many",
    "score_tasks",
]

GENERAL_MAX = 30.0  # the general criteria
TASKS_MAX = 70.0  # the task results
CENT = Decimal("0.01")
PENALTY = 25.0  # −25 % for each major error, for each delay
BANDS = ((90.0, Level.EXCELLENT), (70.0, Level.GOOD), (50.0, Level.COMPLETED))


class TaskQuality(StrEnum):
    """The quality verdict on a task done (the register's values)."""

    NONE = ""
    MET = "MET"
    MAJOR_ERROR = "MAJOR_ERROR"
    NOT_MET = "NOT_MET"


QUALITY_PERCENT = {
    TaskQuality.NONE: 100.0,
    TaskQuality.MET: 100.0,
    TaskQuality.MAJOR_ERROR: 100.0 - PENALTY,
    TaskQuality.NOT_MET: 0.0,
}


class TaskFact(NamedTuple):
    """One task of the register: due, done (None: not done), verdict, exceeded, excused.

    A named tuple, not a frozen dataclass: a province's quarter builds 180,000 of them, and a tuple is
    built in C (docs/performance.md, "A quarter").
    """

    due_on: date
    done_on: date | None = None
    quality: TaskQuality = TaskQuality.NONE
    exceeded: bool = False
    excused: bool = False


@dataclass(frozen=True, slots=True)
class ScoreStep:
    """One line of the computation: ``code`` names it (the page words it), ``value`` its result.

    ``parts`` are the numbers it was computed from (name, value), ``rule`` the rule id it applies.
    """

    code: str
    value: float
    parts: tuple[tuple[str, float], ...]
    rule: str


@dataclass(frozen=True, slots=True)
class TaskScore:
    """The points with their steps, and the counts the level rules need (R-58)."""

    points: float
    general_points: float
    task_points: float
    level: Level
    steps: tuple[ScoreStep, ...]
    tasks_total: int
    tasks_done: int
    tasks_on_time: int
    tasks_exceeded: int
    tasks_late: int

    def share(self, count: int) -> float:
        """``count`` as a percentage of the tasks counted (0 with none)."""
        return round(100.0 * count / self.tasks_total, 1) if self.tasks_total else 0.0

    @property
    def on_time_percent(self) -> float:
        return self.share(self.tasks_on_time)

    @property
    def exceeded_percent(self) -> float:
        return self.share(self.tasks_exceeded)

    @property
    def late_percent(self) -> float:
        return self.share(self.tasks_late)


def level_for_points(points: float) -> Level:
    """The band of a score on 100 points (R-59): ≥ 90 HTXS, ≥ 70 HTT, ≥ 50 HTNV, else KHTNV."""
    for floor, level in BANDS:
        if points >= floor:
            return level
    return Level.NOT_COMPLETED


class _Counts(NamedTuple):
    total: int  # tasks counted
    done: int  # done by the end of the period
    on_time: int  # of those, done by the due date or late for an objective cause
    exceeded: int  # of those done, exceeded
    quality_sum: float  # the sum of QUALITY_PERCENT over the tasks done


def _count(tasks: Iterable[TaskFact], period_end: date) -> _Counts:
    """One pass over the tasks (R-102): what is counted, done, on time, exceeded, and the quality sum.

    Not counted: a task not done by the end of the period for an objective cause (excused). On time: done
    by the due date, or late for an objective cause. A task not done by the end of the period is late.
    """
    total = done = on_time = exceeded = 0
    quality_sum = 0.0
    for due_on, done_on, quality, was_exceeded, excused in tasks:
        if done_on is None or done_on > period_end:
            if not excused:
                total += 1
            continue
        total += 1
        done += 1
        if done_on <= due_on or excused:
            on_time += 1
        if was_exceeded:
            exceeded += 1
        quality_sum += QUALITY_PERCENT[quality]
    return _Counts(total, done, on_time, exceeded, quality_sum)


def _round(value: float) -> float:
    """Two decimals, halves up (as a person rounds on paper; ``round`` would give 63.87 for 63.875)."""
    return float(Decimal(repr(value)).quantize(CENT, rounding=ROUND_HALF_UP))


def score_tasks(
    tasks: Iterable[TaskFact], *, period_end: date, general_points: float = GENERAL_MAX
) -> TaskScore:
    """Score ``tasks`` (those due in the period) as of ``period_end`` (R-59, R-102).

    ``general_points``: the general criteria's points (0 to 30), clamped into that range.
    """
    total, done, on_time, exceeded, quality_sum = _count(tasks, period_end)
    quantity = 100.0 * done / total if total else 0.0
    quality = quality_sum / done if done else 0.0
    timeliness = (100.0 * on_time + (100.0 - PENALTY) * (done - on_time)) / done if done else 0.0
    task_points = _round((quantity + quality + timeliness) / 3 * TASKS_MAX / 100)
    general = _round(min(max(general_points, 0.0), GENERAL_MAX))
    points = _round(general + task_points)
    steps = (
        ScoreStep("quantity", _round(quantity), (("done", done), ("total", total)), "R-102"),
        ScoreStep("quality", _round(quality), (("done", done),), "R-102"),
        ScoreStep("timeliness", _round(timeliness), (("on_time", on_time), ("done", done)), "R-102"),
        ScoreStep("task_points", task_points, (("a", quantity), ("b", quality), ("c", timeliness)), "R-102"),
        ScoreStep("general_points", general, (("max", GENERAL_MAX),), "R-102"),
        ScoreStep("points", points, (("general", general), ("tasks", task_points)), "R-59"),
    )
    return TaskScore(
        points=points,
        general_points=general,
        task_points=task_points,
        level=level_for_points(points),
        steps=steps,
        tasks_total=total,
        tasks_done=done,
        tasks_on_time=on_time,
        tasks_exceeded=exceeded,
        tasks_late=total - on_time,
    )


@gc_paused()
def score_many(
    tasks: Mapping[K, Iterable[TaskFact]], *, period_end: date, general_points: float = GENERAL_MAX
) -> dict[K, TaskScore]:
    """``score_tasks`` for each key (a person) of ``tasks``: the batch entry point of a campaign (R-102)."""
    return {
        key: score_tasks(facts, period_end=period_end, general_points=general_points)
        for key, facts in tasks.items()
    }
