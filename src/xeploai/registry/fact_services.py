"""Writes of the facts the rules need, from the pages: a person's start of work and unit led, a transfer,
temporary party activity, a conclusion, a confidence vote, a review meeting, a violation already counted.

Each write checks the row (the model's constraints, with their Vietnamese messages) and is atomic; the audit
trail records every change through the registry's model signals (``audit.registry_signals``). The
permissions are the caller's (the pages ask ``accounts`` first).
"""

from __future__ import annotations

from django.db import models, transaction

from xeploai.registry.models import Discipline

__all__ = ["delete_fact", "save_fact", "set_counted_before"]


@transaction.atomic
def save_fact(row: models.Model, *, fields: list[str] | None = None) -> models.Model:
    """Check and save ``row`` (a new one, or ``fields`` of an existing one)."""
    row.full_clean(exclude=[f.name for f in row._meta.fields if fields is not None and f.name not in fields])
    row.save(update_fields=fields if fields is not None and row.pk is not None else None)
    return row


@transaction.atomic
def delete_fact(row: models.Model) -> None:
    """Remove a fact recorded by mistake."""
    row.delete()


@transaction.atomic
def set_counted_before(discipline: Discipline, counted: bool) -> Discipline:
    """Mark a decision's violation as already the basis of a KHTNV in an earlier year (R-33d, R-76)."""
    discipline.counted_before = counted
    discipline.save(update_fields=["counted_before"])
    return discipline
