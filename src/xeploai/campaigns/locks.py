"""Row locks of the campaign workflow, always taken in one order (style example 6).

Order: campaign → organization → subject (by pk) → review / ballot / appeal of that subject. Ratings are
append-only rows and are never locked; the subject's ``state_version`` (its own version plus its ratings,
so every rating written moves it) is the guard against a decision made on stale data: a service locks the
subject, then compares the version the user saw with the current one.

``select_for_update`` does nothing on SQLite; there the IMMEDIATE transactions (settings.py) let one
writer in at a time, which gives the same guarantee.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from .models import Campaign, Review, Subject


def campaign_for_update(pk: int) -> Campaign:
    return Campaign.objects.select_for_update(of=("self",)).select_related("root").get(pk=pk)


def campaign_for_rating(*, campaign_pk: int | None = None, subject_pk: int | None = None) -> None:
    """Hold the campaign (given, or the subject's) against a reopening while ratings are written.

    Integrity is the foreign keys' (ADR 0006): a rating never points at a deleted subject. This lock is
    about order. ``campaign_open`` (which locks the campaign ``FOR UPDATE``) deletes the subjects that
    vanished from the registry unless they carry ratings; a writer that takes this lock before it reads
    the subjects it rates runs wholly before a reopening (which then sees its ratings and keeps those
    subjects) or wholly after it (and reads the subjects as reopened), instead of failing on the foreign
    key at COMMIT, or making the reopening fail. ``FOR KEY SHARE``: writers do not wait for one another,
    nor for an edit of the campaign's fields; only for ``FOR UPDATE``. SQLite lets one writer in at a time.
    """
    if connection.vendor != "postgresql":
        return
    campaign_table = connection.ops.quote_name(Campaign._meta.db_table)
    with connection.cursor() as cursor:
        if campaign_pk is not None:
            cursor.execute(f"SELECT 1 FROM {campaign_table} WHERE id = %s FOR KEY SHARE", [campaign_pk])
        else:
            subject_table = connection.ops.quote_name(Subject._meta.db_table)
            cursor.execute(
                f"SELECT 1 FROM {campaign_table} WHERE id = (SELECT campaign_id FROM {subject_table} "
                "WHERE id = %s) FOR KEY SHARE",
                [subject_pk],
            )


def subject_for_update(pk: int) -> Subject:
    """Lock one subject (its campaign is not locked: decisions on different subjects run side by side)."""
    return (
        Subject.objects.select_for_update(of=("self",))
        .select_related("campaign", "campaign__root", "person__workplace", "unit")
        .get(pk=pk)
    )


def subjects_for_update(qs: QuerySet[Subject]) -> list[Subject]:
    """Lock many subjects, by pk (the same order everywhere, so two publications cannot deadlock)."""
    return list(qs.order_by("pk").select_for_update(of=("self",)))


def review_for_update(subject: Subject) -> Review | None:
    return Review.objects.select_for_update(of=("self",)).filter(subject=subject).first()
