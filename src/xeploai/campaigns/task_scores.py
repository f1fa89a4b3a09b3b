"""The ND335 scores of a campaign's công chức, from the task register (R-59, R-102).

Reads the tasks due in the campaign's period with one query and scores each person with the rules core's
``score_tasks``; the bridge (``facts.rating_facts``) feeds the counts and points to the checks, the subject
page shows the steps ("Cách tính điểm"). The general criteria (30 points) count in full: the register holds
no deduction on them, and a review that grades them is not part of this computation yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Container, Iterable
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from xeploai.registry.task_register import Task
from xeploai.rules.scoring import GENERAL_MAX, TaskFact, TaskQuality, TaskScore, score_many

from .models import Campaign

ND335_FROM = 2026  # ND335 scores công chức from 01/01/2026
TASK_FIELDS = ("person_id", "due_on", "done_on", "quality", "exceeded", "excused")
DATE_FIELDS = ("due_on", "done_on")


def campaign_period(campaign: Campaign) -> tuple[date, date]:
    """The first and last day whose due tasks the campaign scores: its quarter if any, else its year."""
    return campaign.period_start, campaign.period_end


_QUALITY = {q.value: q for q in TaskQuality}  # a dict lookup, not an Enum call per task


def _same(value: date) -> date:
    return value


def _columns() -> list[Any]:
    """The task columns to read; on SQLite the dates as their stored ISO text (``CAST``).

    SQLite's driver would otherwise run Django's converter on every date (a regular expression per value:
    a third of the read for a province's quarter); ``_day_reader`` reads the text with ``date.fromisoformat``.
    """
    if connection.vendor != "sqlite":
        return list(TASK_FIELDS)
    return [Cast(f, CharField()) if f in DATE_FIELDS else f for f in TASK_FIELDS]


def _day_reader() -> Callable[[Any], date]:
    """How a date column comes from the cursor: ISO text on SQLite (``_columns``), else a ``date``."""
    return date.fromisoformat if connection.vendor == "sqlite" else _same


def task_facts(start: date, end: date, person_ids: Iterable[int] | None = None) -> dict[int, list[TaskFact]]:
    """Person → the facts of their tasks due from ``start`` to ``end`` (one query).

    A province's quarter reads ~180,000 tasks: the rows come from the cursor, without the ORM's per-value
    converters.
    """
    tasks = Task.objects.filter(person__isnull=False, due_on__gte=start, due_on__lte=end).order_by()
    if person_ids is not None:
        tasks = tasks.filter(person_id__in=list(person_ids))
    sql, params = tasks.values_list(*_columns()).query.sql_with_params()
    day = _day_reader()
    out: dict[int, list[TaskFact]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(5000):
            for person_id, due, done, quality, exceeded, excused in rows:
                done_on = None if done is None else day(done)
                out[person_id].append(TaskFact(day(due), done_on, _QUALITY[quality], exceeded, excused))
    return out


def task_scores(
    campaign: Campaign, person_ids: Iterable[int] | None = None, *, keep: Container[int] | None = None
) -> dict[int, TaskScore]:
    """Person → their ND335 score for the campaign's period, for the people who have tasks in it.

    ``person_ids``: a few people, filtered in the query; ``keep``: many (a snapshot's), filtered here.
    """
    start, end = campaign_period(campaign)
    facts = task_facts(start, end, person_ids)
    if keep is not None:
        facts = {pid: tasks for pid, tasks in facts.items() if pid in keep}
    return score_many(facts, period_end=end, general_points=GENERAL_MAX)


def subject_task_score(subject: Any) -> TaskScore | None:
    """The score a công chức subject's page shows (None for other subjects, or with no task in the period)."""
    if subject.subject_type != "CIVIL_SERVANT" or subject.person_id is None:
        return None
    return task_scores(subject.campaign, [subject.person_id]).get(subject.person_id)


def points_text(value: float) -> str:
    """A number as a Vietnamese reader writes it: decimal comma, no trailing zeros (63,88; 100)."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def score_lines(score: TaskScore) -> list[tuple[str, str, str, str]]:
    """The steps of ``score`` for the page: (what, how, result, rule id), in plain Vietnamese."""
    parts = {s.code: dict(s.parts) for s in score.steps}
    value = {s.code: s.value for s in score.steps}
    rule = {s.code: s.rule for s in score.steps}
    n = {k: int(v) for k, v in parts["quantity"].items()}
    how = {
        "quantity": _("%(done)d trên %(total)d nhiệm vụ đến hạn đã hoàn thành") % n,
        "quality": _(
            "bình quân các nhiệm vụ đã hoàn thành: đạt yêu cầu 100 %, mỗi sai sót lớn trừ 25 %, không đạt 0 %"
        ),
        "timeliness": _("%(on_time)d trên %(done)d nhiệm vụ đúng hạn; mỗi nhiệm vụ chậm trừ 25 %%")
        % {k: int(v) for k, v in parts["timeliness"].items()},
        "task_points": _("(a + b + c) / 3 × 70 / 100"),
        "general_points": _("các tiêu chí chung (chính trị tư tưởng, đạo đức, tác phong, ý thức kỷ luật)"),
        "points": _("điểm tiêu chí chung + điểm kết quả thực hiện nhiệm vụ; xếp mức: %(level)s")
        % {"level": score.level.label},
    }
    what = {
        "quantity": _("a. Số lượng"),
        "quality": _("b. Chất lượng"),
        "timeliness": _("c. Tiến độ"),
        "task_points": _("Điểm kết quả thực hiện nhiệm vụ"),
        "general_points": _("Điểm tiêu chí chung"),
        "points": _("Tổng điểm"),
    }
    unit = {
        "quantity": " %",
        "quality": " %",
        "timeliness": " %",
        "task_points": " / 70",
        "general_points": " / 30",
        "points": " / 100",
    }
    return [(str(what[c]), str(how[c]), points_text(value[c]) + unit[c], rule[c]) for c in what]
