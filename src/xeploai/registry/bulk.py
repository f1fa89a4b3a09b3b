"""Fast bulk writes for the registry: multi-row INSERT statements on SQLite, COPY on PostgreSQL.

Imports, the demo loader and the campaign services write through here instead of ``bulk_create``,
which costs several times the driver's floor (docs/performance.md). Callers pass plain tuples in the
order of ``fields`` (model field names; a foreign key is given by its ``*_id`` attname) and run inside
their own transaction: nothing here commits.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models

BATCH = 5000
SQLITE_ROWS = 500  # rows per INSERT statement on SQLite (docs/performance.md)


def _columns(model: type[models.Model], fields: Sequence[str]) -> list[str]:
    meta = model._meta
    return [meta.get_field(f).column for f in fields]


def insert_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    overlap: bool = False,
    constants: Mapping[str, Any] | None = None,
) -> int:
    """Insert ``rows`` (tuples in the order of ``fields``) into ``model``'s table; return the count.

    ``overlap``: on SQLite, run the statements in a second thread while this one goes on producing
    ``rows`` (SQLite releases the GIL while it inserts). Only for a ``rows`` generator that touches
    no database: the connection is the writer thread's while it runs. On PostgreSQL the server already
    stores one batch of a COPY while the next is produced.

    ``constants``: more fields, with the same value in every row (None, bool, int or str), given once
    instead of in each row. SQLite gets them as literals in the statement, so the writer binds only the
    varying values; PostgreSQL's COPY gets them added to each row.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    constants = dict(constants or {})
    literals = [_sqlite_literal(v) for v in constants.values()]  # the same types on both databases
    cols = _columns(model, [*fields, *constants])
    quoted = ", ".join(connection.ops.quote_name(c) for c in cols)
    if connection.vendor != "postgresql":
        connection.ensure_connection()
        return _sqlite_insert(table, quoted, len(fields), rows, overlap=overlap, literals=literals)
    count = 0
    tail = tuple(constants.values())
    with connection.cursor() as cursor, connection.wrap_database_errors:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            write = copy.write_row
            if tail:
                for row in rows:
                    write((*row, *tail))
                    count += 1
            else:
                for row in rows:
                    write(row)
                    count += 1
    return count


def _sqlite_literal(value: Any) -> str:
    """``value`` as an SQLite literal: only the plain types a constant column holds."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, str):
        return "'" + str(value).replace("'", "''") + "'"
    raise TypeError(f"not a constant SQLite literal: {value!r}")


@dataclass(frozen=True)
class _SqliteStatement:
    """A multi-row ``INSERT … VALUES (…), (…)`` on the driver's own cursor (``?`` placeholders, which
    Django's wrapper would rewrite), ``per`` rows a statement and fewer for the last."""

    raw: sqlite3.Connection
    head: str
    one: str
    width: int
    per: int

    def chunks(self, rows: Iterable[Sequence[Any]]) -> Iterator[list[Any]]:
        """The parameters of each statement: ``per`` rows flattened."""
        it = iter(rows)
        while chunk := list(islice(it, self.per)):
            yield list(chain.from_iterable(chunk))

    def write(self, chunks: Iterable[list[Any]]) -> int:
        full = self.head + ", ".join([self.one] * self.per)
        count = 0
        cursor = self.raw.cursor()
        try:
            with connection.wrap_database_errors:  # the driver's errors as Django's (IntegrityError …)
                for params in chunks:
                    n = len(params) // self.width
                    cursor.execute(full if n == self.per else self.head + ", ".join([self.one] * n), params)
                    count += n
        finally:
            cursor.close()
        return count


def _sqlite_insert(
    table: str,
    quoted: str,
    width: int,
    rows: Iterable[Sequence[Any]],
    *,
    overlap: bool = False,
    literals: Sequence[str] = (),
) -> int:
    """Insert on SQLite with multi-row statements of up to ``SQLITE_ROWS`` rows.

    One statement per row (``executemany``) would cost a statement reset, a sequence-table update
    (AUTOINCREMENT) and a foreign-key pass per row. With ``overlap`` the statements run in a writer
    thread fed through a short queue.
    """
    raw = connection.connection  # the sqlite3 connection under Django's wrapper, in its transaction
    limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    statement = _SqliteStatement(
        raw=raw,
        head=f"INSERT INTO {table} ({quoted}) VALUES ",
        one="(" + ", ".join(["?"] * width + list(literals)) + ")",
        width=width,
        per=max(1, min(SQLITE_ROWS, limit // width)),
    )
    if not overlap:
        return statement.write(statement.chunks(rows))
    return _overlapped(statement, rows)


def _overlapped(statement: _SqliteStatement, rows: Iterable[Sequence[Any]]) -> int:
    """Produce the statements' parameters here and run them in a writer thread; an error in either
    thread stops both and is raised here."""
    batches: queue.Queue[list[Any] | None] = queue.Queue(maxsize=4)
    failure: list[BaseException] = []
    written = [0]

    def writer() -> None:
        try:
            written[0] = statement.write(iter(batches.get, None))
        except BaseException as exc:  # noqa: BLE001 - handed over to the producing thread below
            failure.append(exc)
            while batches.get() is not None:  # drain, so that the producer never blocks on a full queue
                pass

    thread = threading.Thread(target=writer, name="sqlite-insert", daemon=True)
    thread.start()
    try:
        for params in statement.chunks(rows):
            if failure:
                break
            batches.put(params)
    finally:
        batches.put(None)
        thread.join()
    if failure:
        raise failure[0]
    return written[0]


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


def analyze(*models_: type[models.Model]) -> None:
    """After a bulk load on PostgreSQL, refresh the planner's statistics now, not whenever autovacuum does.

    Without them the planner may scan a whole table where an index serves (docs/performance.md).
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
