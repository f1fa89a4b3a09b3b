"""Fast bulk writes for the registry: the driver's executemany on SQLite, COPY on PostgreSQL.

Django's ``bulk_create`` costs about 11× the driver floor for 100,000 rows (architecture.md); imports and
the demo loader write through here instead. Callers pass plain tuples in the order of ``fields``
(model field names; a foreign key is given by its ``*_id`` attname) and run inside their own
transaction: nothing here commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models

BATCH = 5000


def _columns(model: type[models.Model], fields: Sequence[str]) -> list[str]:
    meta = model._meta
    return [meta.get_field(f).column for f in fields]


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert ``rows`` (tuples in the order of ``fields``) into ``model``'s table; return the count."""
    table = connection.ops.quote_name(model._meta.db_table)
    cols = _columns(model, fields)
    quoted = ", ".join(connection.ops.quote_name(c) for c in cols)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join(['%s'] * len(cols))})"
        batch: list[Sequence[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def update_rows(
    model: type[models.Model], key: str, fields: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Update ``fields`` of the rows whose ``key`` matches; each row is (*values, key_value)."""
    table = connection.ops.quote_name(model._meta.db_table)
    cols = _columns(model, fields)
    key_col = connection.ops.quote_name(_columns(model, [key])[0])
    assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in cols)
    sql = f"UPDATE {table} SET {assignments} WHERE {key_col} = %s"
    count = 0
    with connection.cursor() as cursor:
        batch: list[Sequence[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def reset_sequences(*models_: type[models.Model]) -> None:
    """After inserting explicit primary keys on PostgreSQL, move the id sequences past them."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models_)):
            cursor.execute(sql)


def no_style():  # noqa: ANN201 - tiny indirection keeps the import local
    from django.core.management.color import no_style as _no_style

    return _no_style()
