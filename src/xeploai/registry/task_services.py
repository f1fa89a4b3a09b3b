"""Writes to the task register: a task entered or updated, tasks confirmed, a target saved.

Each write is atomic, checks the row (the model's constraints, with their Vietnamese messages) and refuses a
stale write: the page carries the version it showed, and a row changed since answers a clear message and
writes nothing. The audit trail records every change through the registry's model signals
(``audit.registry_signals``); the permissions are the caller's (the pages ask ``accounts`` first).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xeploai.registry.task_register import Target, Task, TaskQuality


def _refuse_stale(task: Task, seen_version: int | None) -> None:
    """Refuse a write made on a version of the task that is no longer the stored one."""
    if seen_version is None or task.pk is None:
        return
    current = Task.objects.filter(pk=task.pk).values_list("version", flat=True).first()
    if current != seen_version:
        raise ValidationError(
            _(
                'Nhiệm vụ "%(title)s" đã được người khác thay đổi (phiên bản %(current)s, bạn xem phiên bản '
                "%(seen)s): hãy tải lại trang."
            )
            % {"title": task.title, "current": current, "seen": seen_version},
            code="stale",
        )


@transaction.atomic
def save_task(task: Task, *, seen_version: int | None = None) -> Task:
    """Create or update ``task`` (fields already set by the caller); a new task starts at version 1."""
    _refuse_stale(task, seen_version)
    if task.pk is not None:
        task.version = (seen_version or task.version) + 1
    if task.done_on is None:
        task.quality, task.exceeded = TaskQuality.NONE, False  # a task not done has no verdict yet
    task.full_clean(exclude=["code"])
    task.save()
    return task


@transaction.atomic
def confirm_tasks(items: Iterable[tuple[Task, str, int]], *, by: Any) -> int:
    """Confirm each (task, quality verdict, version seen) as ``by``; all or none. Return how many."""
    now = timezone.now()
    count = 0
    for task, quality, seen in items:
        _refuse_stale(task, seen)
        if task.done_on is None:
            raise ValidationError(
                _('Nhiệm vụ "%(title)s" chưa hoàn thành: chưa thể xác nhận.') % {"title": task.title},
                code="not_done",
            )
        if quality not in TaskQuality.values or quality == TaskQuality.NONE:
            raise ValidationError(
                _('Hãy chọn mức chất lượng cho nhiệm vụ "%(title)s".') % {"title": task.title}
            )
        task.quality, task.confirmed_by, task.confirmed_at = quality, by, now
        task.version = seen + 1
        task.save()
        count += 1
    return count


@transaction.atomic
def save_target(target: Target) -> Target:
    """Create or update a unit's target for a year."""
    target.full_clean()
    target.save()
    return target
