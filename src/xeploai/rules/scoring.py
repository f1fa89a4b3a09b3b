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

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from .levels import Level

__all__ = [
    "GENERAL_MAX",
    "TASKS_MAX",
    "ScoreStep",
    "TaskFact",
    "TaskQuality",
    "TaskScore",
    "level_for_points",
    "score_tasks",
]

GENERAL_MAX = 30.0  # the general criteria
TASKS_MAX = 70.0  # the task results
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


@dataclass(frozen=True, slots=True)
class TaskFact:
    """One task of the register: due, done (None: not done), verdict, exceeded, excused."""

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


def _on_time(task: TaskFact, period_end: date) -> bool:
    """Done by the due date, or late for an objective cause (R-102: objective causes are excused)."""
    if task.done_on is None or task.done_on > period_end:
        return False
    return task.done_on <= task.due_on or task.excused


def _round(value: float) -> float:
    """Two decimals, halves up (as a person rounds on paper; ``round`` would give 63.87 for 63.875)."""
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def score_tasks(
    tasks: tuple[TaskFact, ...], *, period_end: date, general_points: float = GENERAL_MAX
) -> TaskScore:
    """Score ``tasks`` (those due in the period) as of ``period_end`` (R-59, R-102).

    ``general_points``: the general criteria's points (0 to 30), clamped into that range.
    """
    counted = [t for t in tasks if not (t.excused and (t.done_on is None or t.done_on > period_end))]
    done = [t for t in counted if t.done_on is not None and t.done_on <= period_end]
    on_time = [t for t in done if _on_time(t, period_end)]
    total = len(counted)
    quantity = 100.0 * len(done) / total if total else 0.0
    quality = _mean([QUALITY_PERCENT[TaskQuality(t.quality)] for t in done])
    timeliness = _mean([100.0 if _on_time(t, period_end) else 100.0 - PENALTY for t in done])
    task_points = _round((quantity + quality + timeliness) / 3 * TASKS_MAX / 100)
    general = _round(min(max(general_points, 0.0), GENERAL_MAX))
    points = _round(general + task_points)
    steps = (
        ScoreStep("quantity", _round(quantity), (("done", len(done)), ("total", total)), "R-102"),
        ScoreStep("quality", _round(quality), (("done", len(done)),), "R-102"),
        ScoreStep(
            "timeliness", _round(timeliness), (("on_time", len(on_time)), ("done", len(done))), "R-102"
        ),
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
        tasks_done=len(done),
        tasks_on_time=len(on_time),
        tasks_exceeded=sum(1 for t in done if t.exceeded),
        tasks_late=total - len(on_time),
    )
