"""Writing ratings: append-only rows with the core's findings, in bulk.

Every stage (self, proposed, appraised, decided, published) is written here, by the pages, the import,
appeals and publication alike (ADR 0002: rating stages are rows).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterator, Sequence
from datetime import date
from enum import Enum
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import Count, QuerySet
from django.utils import timezone

from xeploai.registry.bulk import insert_rows
from xeploai.rules import Finding
from xeploai.rules.batch import gc_paused

from .checking import Entry
from .models import Rating, decided_written
from .snapshot import json_value

__all__ = ["findings_dumper", "findings_json", "rating_counts", "ratings_write"]

_dumps = json.JSONEncoder(ensure_ascii=False).encode  # = json.dumps(..., ensure_ascii=False), built once


def findings_json(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """Snapshot findings for a Rating row: rule id, code, params (JSON-friendly), blocking."""
    return [
        {
            "rule_id": f.rule_id,
            "code": f.code,
            "params": {k: json_value(v) for k, v in f.params.items()},
            "blocking": f.blocking,
        }
        for f in findings
    ]


def _param_key(value: object) -> Hashable:
    """A key that is equal for two param values exactly when ``json_value`` gives them the same JSON."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None or isinstance(value, Enum):
        return (kind, value)
    if isinstance(value, date):
        return (kind, value.isoformat())
    return (kind, str(value))


def findings_dumper() -> Callable[[list[Finding] | None], str]:
    """Return a JSON encoder of findings lists that encodes each distinct finding once (the same text).

    A list's JSON is its items' JSON joined by ", " between brackets; a province's rows share a few
    thousand distinct findings (a quota finding is the same for a whole scope, often the very same
    object: those are recognised by identity before their params are compared).
    """
    cache: dict[Hashable, str] = {}
    same: dict[int, tuple[Finding, str]] = {}  # id → (the finding, kept alive so its id is not reused; text)

    def text_of(f: Finding) -> str:
        hit = same.get(id(f))
        if hit is not None and hit[0] is f:
            return hit[1]
        key = (f.rule_id, f.code, f.blocking, tuple((k, _param_key(v)) for k, v in f.params.items()))
        text = cache.get(key)
        if text is None:
            text = cache[key] = _dumps(findings_json((f,))[0])
        same[id(f)] = (f, text)
        return text

    def dump(findings: list[Finding] | None) -> str:
        if not findings:
            return "[]"
        return "[" + ", ".join([text_of(f) for f in findings]) + "]"

    return dump


def rating_counts(ratings: QuerySet[Rating]) -> dict[int, int]:
    """How many of ``ratings`` each subject has (absent: none); ``Subject.state_version`` for many at once."""
    grouped = ratings.order_by().values("subject_id").annotate(n=Count("pk")).values_list("subject_id", "n")
    return dict(grouped)


@gc_paused()
def ratings_write(
    *,
    entries: list[Entry],
    by: AbstractBaseUser | None,
    versions: dict[int, int],
    verdicts: dict[tuple[int, str], list[Finding]],
) -> int:
    """Append rating rows (``Entry``: subject pk, stage, level, score, justification) with their findings.

    ``versions`` maps each subject to the ``state_version`` the author saw (``based_on_version``). Nothing
    else is written: the new rows are what moves each subject's ``state_version``. Callers validate first,
    hold the transaction and took ``locks.campaign_for_rating`` (or hold the campaign for update) before
    reading the subjects.
    """
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    constants: dict[str, Any] = {
        "author_id": by.pk if by is not None else None,
        "created_at": now if isinstance(now, str) else now.isoformat(),
    }
    dump = findings_dumper()
    # A generator: the rows are encoded while the writer stores the previous batch. What every row shares
    # is given once (``insert_rows`` constants): the author and the moment, and for a workbook of one stage
    # without scores or justifications (the usual bulk case) the stage, score and justification too.
    stage0 = entries[0].stage if entries else ""
    if all(e.stage == stage0 and e.score is None and e.justification == "" for e in entries):
        constants.update(stage=str(stage0), score=None, justification="")
        fields: tuple[str, ...] = ("subject_id", "level", "findings", "based_on_version")
        rows: Iterator[tuple[Any, ...]] = (
            (e.subject_id, int(e.level), dump(verdicts.get((e.subject_id, e.stage))), versions[e.subject_id])
            for e in entries
        )
    else:
        fields = ("subject_id", "stage", "level", "score", "justification", "findings", "based_on_version")
        rows = (
            (
                e.subject_id,
                e.stage,
                int(e.level),
                e.score,
                e.justification,
                dump(verdicts.get((e.subject_id, e.stage))),
                versions[e.subject_id],
            )
            for e in entries
        )
    count = insert_rows(Rating, fields, rows, overlap=True, constants=constants)
    decided_written(entries)  # Subject.decided_level; no query unless DECIDED rows were written
    return count
