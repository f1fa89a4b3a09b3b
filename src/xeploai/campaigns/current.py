"""The current decided level of each subject, copied onto ``Subject.decided_level`` (R-81, R-95).

Ratings are append-only rows and remain the record (docs/adr/0002-rating-stages-are-rows.md): a
subject's current decided level is the level of its latest DECIDED row (highest id). That level is
also kept on the subject so the statistics (``reports.selectors``) count a province's subjects in
one grouped scan, with no "latest row" anti-join over the ratings.

Every write that appends ratings calls ``decided_written`` in its transaction:
``services.ratings_write`` (decisions, appeals, imports, publication, self-reviews),
``Rating.save`` and ``RatingQuerySet.bulk_create``. It does nothing, and sends no query, unless
DECIDED rows are among those written. Code that appends rows some other way (a benchmark's
``registry.bulk.insert_rows``) calls ``decided_refresh`` afterwards. Both recompute the copy from the
rating rows rather than from the levels just written, so the copy always equals the latest row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

from .models import Rating, RatingStage, Subject

_DECIDED = RatingStage.DECIDED.value
_CHUNK = 500  # ids per statement on SQLite (well under its bound-variable limit)


def decided_written(entries: Iterable[Sequence[Any]]) -> None:
    """After rating rows ``(subject pk, stage, …)`` were appended, refresh their subjects' decided level.

    Only subjects that got a DECIDED row are touched; without one this returns without a query.
    """
    ids = {entry[0] for entry in entries if entry[1] == _DECIDED}
    if ids:
        decided_refresh(subject_ids=sorted(ids))


def decided_refresh(*, subject_ids: Sequence[int] | None = None, campaign_id: int | None = None) -> None:
    """Set ``decided_level`` to the level of the latest DECIDED row for the given subjects.

    ``subject_ids`` or ``campaign_id`` (all of that campaign's subjects) chooses the subjects; a
    subject without a DECIDED row gets None. One correlated UPDATE, each subject's latest row found
    through the (subject, stage, id) index.
    """
    subject = connection.ops.quote_name(Subject._meta.db_table)
    rating = connection.ops.quote_name(Rating._meta.db_table)
    update = (
        f"UPDATE {subject} SET decided_level = ("
        f"SELECT r.level FROM {rating} r WHERE r.subject_id = {subject}.id AND r.stage = %s "
        f"ORDER BY r.id DESC LIMIT 1)"
    )
    with connection.cursor() as cursor:
        if campaign_id is not None:
            cursor.execute(update + " WHERE campaign_id = %s", [_DECIDED, campaign_id])
        if not subject_ids:
            return
        if connection.vendor == "postgresql":
            cursor.execute(update + " WHERE id = ANY(%s)", [_DECIDED, list(subject_ids)])
            return
        for i in range(0, len(subject_ids), _CHUNK):
            chunk = list(subject_ids[i : i + _CHUNK])
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(update + f" WHERE id IN ({marks})", [_DECIDED, *chunk])
