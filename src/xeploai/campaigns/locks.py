"""Row locks of the campaign workflow, always taken in one order (style example 6).

Order: campaign → organization → subject (by pk) → review / ballot / appeal of that subject. Ratings are
append-only rows and are never locked; the subject's ``version`` (bumped by every rating written) is the
guard against a decision made on stale data: a service locks the subject, then compares the version the
user saw with the current one.

``select_for_update`` does nothing on SQLite; there the IMMEDIATE transactions (settings.py) let one
writer in at a time, which gives the same guarantee.
"""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Campaign, Review, Subject


def campaign_for_update(pk: int) -> Campaign:
    return Campaign.objects.select_for_update(of=("self",)).select_related("root").get(pk=pk)


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
