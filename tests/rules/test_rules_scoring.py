"""ND335 scoring from the task register (R-59 bands, R-102 computation), both sides of each boundary."""

from __future__ import annotations

from datetime import date

import pytest

from xeploai.rules.levels import Level
from xeploai.rules.scoring import TaskFact, TaskQuality, level_for_points, score_many, score_tasks

END = date(2026, 3, 31)
DUE = date(2026, 3, 15)


def on_time(n: int, **kw: object) -> tuple[TaskFact, ...]:
    return tuple(TaskFact(due_on=DUE, done_on=date(2026, 3, 10), **kw) for _ in range(n))  # type: ignore[arg-type]


def late(n: int, **kw: object) -> tuple[TaskFact, ...]:
    return tuple(TaskFact(due_on=DUE, done_on=date(2026, 3, 20), **kw) for _ in range(n))  # type: ignore[arg-type]


def not_done(n: int, **kw: object) -> tuple[TaskFact, ...]:
    return tuple(TaskFact(due_on=DUE, **kw) for _ in range(n))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("points", "level"),
    [
        (100, Level.EXCELLENT),
        (90, Level.EXCELLENT),
        (89.99, Level.GOOD),
        (70, Level.GOOD),
        (69.99, Level.COMPLETED),
        (50, Level.COMPLETED),
        (49.99, Level.NOT_COMPLETED),
        (0, Level.NOT_COMPLETED),
    ],
)
def test_r59_bands_on_both_sides_of_90_70_50(points: float, level: Level) -> None:
    assert level_for_points(points) is level


def test_r_102_every_task_done_on_time_and_met_scores_100() -> None:
    score = score_tasks(on_time(10, quality=TaskQuality.MET), period_end=END)
    assert score.points == 100
    assert score.task_points == 70
    assert score.level is Level.EXCELLENT
    assert (score.tasks_total, score.tasks_on_time, score.tasks_late) == (10, 10, 0)
    assert score.on_time_percent == 100.0


def test_r_102_steps_show_quantity_quality_timeliness_and_sum() -> None:
    score = score_tasks(on_time(3) + late(1) + not_done(1), period_end=END, general_points=30)
    steps = {s.code: s for s in score.steps}
    assert steps["quantity"].value == 80.0  # 4 of 5 done
    assert steps["quality"].value == 100.0  # no verdict yet counts as met
    assert steps["timeliness"].value == 93.75  # (3 × 100 + 75) / 4
    assert steps["task_points"].value == 63.88  # (80 + 100 + 93.75) / 3 × 0.7 = 63.875, halves up
    assert steps["points"].value == score.points == 93.88
    assert {s.rule for s in score.steps} == {"R-102", "R-59"}
    assert (score.tasks_late, score.late_percent) == (2, 40.0)  # one late and one not done


def test_r_102_major_error_costs_25_percent_of_that_task_quality() -> None:
    score = score_tasks(
        on_time(3, quality=TaskQuality.MET) + on_time(1, quality=TaskQuality.MAJOR_ERROR), period_end=END
    )
    assert {s.code: s.value for s in score.steps}["quality"] == 93.75


def test_r_102_objective_cause_excuses_lateness_and_undone_work() -> None:
    excused = late(2, excused=True) + not_done(1, excused=True) + on_time(2)
    score = score_tasks(excused, period_end=END)
    assert score.tasks_total == 4  # the undone excused task is left out
    assert score.tasks_late == 0
    assert score.points == 100


def test_r_102_done_after_the_period_counts_as_not_done() -> None:
    tasks = (TaskFact(due_on=DUE, done_on=date(2026, 4, 2)),) + on_time(1)
    score = score_tasks(tasks, period_end=END)
    assert (score.tasks_done, score.tasks_late) == (1, 1)


def test_exceeded_share_for_r58() -> None:
    score = score_tasks(on_time(3, exceeded=True) + on_time(7), period_end=END)
    assert score.exceeded_percent == 30.0
    score = score_tasks(on_time(2, exceeded=True) + on_time(8), period_end=END)
    assert score.exceeded_percent == 20.0


def test_no_task_gives_no_task_points() -> None:
    score = score_tasks((), period_end=END)
    assert (score.task_points, score.points, score.tasks_total) == (0, 30, 0)
    assert score.on_time_percent == 0.0


def test_general_points_clamped_to_30() -> None:
    assert score_tasks(on_time(1), period_end=END, general_points=45).general_points == 30
    assert score_tasks(on_time(1), period_end=END, general_points=-3).general_points == 0


@pytest.mark.parametrize(
    ("done", "total", "level"),
    [
        # 30 general + (q + 100 + 100) / 3 × 0.7: 90 points need q ≥ 4/7 of the tasks done
        (4, 7, Level.EXCELLENT),  # q 57.14 → 60.0 task points → 90.0
        (5, 9, Level.GOOD),  # q 55.56 → 59.63 → 89.63
    ],
)
def test_90_band_from_the_register(done: int, total: int, level: Level) -> None:
    score = score_tasks(on_time(done) + not_done(total - done), period_end=END)
    assert score.level is level


def test_90_band_from_the_general_points() -> None:
    assert score_tasks(on_time(4), period_end=END, general_points=20).level is Level.EXCELLENT
    assert score_tasks(on_time(4), period_end=END, general_points=19.99).level is Level.GOOD


def test_70_and_50_boundaries_with_general_points() -> None:
    # a task mean of 0 (nothing done): only the general points count
    nothing = not_done(3)
    assert score_tasks(nothing, period_end=END, general_points=30).level is Level.NOT_COMPLETED  # 30 < 50
    # half done, on time, met: (50 + 100 + 100) / 3 × 0.7 = 58.33; + 11.67 general = 70.0
    half = on_time(1) + not_done(1)
    assert score_tasks(half, period_end=END, general_points=11.67).level is Level.GOOD
    assert score_tasks(half, period_end=END, general_points=11.66).level is Level.COMPLETED
    # + 0 general = 58.33 (HTNV); quality NOT_MET: (50 + 0 + 100) / 3 × 0.7 = 35.0 → 50 needs 15 general
    failed = on_time(1, quality=TaskQuality.NOT_MET) + not_done(1)
    assert score_tasks(failed, period_end=END, general_points=15).level is Level.COMPLETED
    assert score_tasks(failed, period_end=END, general_points=14.99).level is Level.NOT_COMPLETED


def _by_the_text(tasks: tuple[TaskFact, ...], end: date) -> tuple[int, int, int, int, float, float]:
    """R-102 restated list by list, as regulations.md §3.7 words it (the computation before the one pass)."""
    counted = [t for t in tasks if not (t.excused and (t.done_on is None or t.done_on > end))]
    done = [t for t in counted if t.done_on is not None and t.done_on <= end]
    on_time = [t for t in done if t.done_on is not None and (t.done_on <= t.due_on or t.excused)]
    percent = {TaskQuality.NONE: 100.0, TaskQuality.MET: 100.0, TaskQuality.MAJOR_ERROR: 75.0}
    quality = [percent.get(t.quality, 0.0) for t in done]
    timeliness = [100.0 if t in on_time else 75.0 for t in done]
    mean = lambda xs: sum(xs) / len(xs) if xs else 0.0  # noqa: E731
    exceeded = sum(1 for t in done if t.exceeded)
    return len(counted), len(done), len(on_time), exceeded, mean(quality), mean(timeliness)


def test_r_102_one_pass_gives_what_the_text_gives_on_random_registers() -> None:
    """The scoring counts each task once; on 400 seeded registers (dates on both sides of the due date and
    of the period's end, every verdict, excused or not) it gives the counts and means of the definitions."""
    import random

    rng = random.Random(7)
    days = [date(2026, 3, d) for d in (14, 15, 16, 30, 31)] + [date(2026, 4, 1), None]
    verdicts = list(TaskQuality)
    for _ in range(400):
        tasks = tuple(
            TaskFact(DUE, rng.choice(days), rng.choice(verdicts), rng.random() < 0.3, rng.random() < 0.2)
            for _ in range(rng.randrange(0, 12))
        )
        total, done, on_time, exceeded, quality, timeliness = _by_the_text(tasks, END)
        score = score_tasks(tasks, period_end=END)
        assert (score.tasks_total, score.tasks_done, score.tasks_on_time) == (total, done, on_time)
        assert (score.tasks_exceeded, score.tasks_late) == (exceeded, total - on_time)
        parts = {s.code: dict(s.parts) for s in score.steps}
        assert (parts["task_points"]["b"], parts["task_points"]["c"]) == (quality, timeliness)


def test_r_102_score_many_scores_each_person_as_score_tasks() -> None:
    registers = {1: on_time(3) + late(1), 2: not_done(2), 3: ()}
    scores = score_many(registers, period_end=END, general_points=25)
    assert scores == {p: score_tasks(t, period_end=END, general_points=25) for p, t in registers.items()}
    assert scores[1].tasks_late == 1
    assert scores[2].tasks_done == 0
