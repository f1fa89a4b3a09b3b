"""Django's SQLite backend, flushing tables in an order the delete guards accept.

Migration ``campaigns`` 0008 guards the references that have no foreign key (ADR 0003) with triggers
that refuse deleting a subject that has ratings, and a person, collective, organization or user that
subjects or ratings refer to. PostgreSQL flushes with TRUNCATE, which fires no trigger; SQLite flushes
with one ``DELETE FROM`` per table in no particular order (Django collects the tables in a set), so a
flush (``manage.py flush``, the test runner between transactional tests) could delete the subjects
before their ratings and be refused. Here the referring tables go first; everything else is Django's.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

from django.db.backends.sqlite3 import base, operations

# Emptied first, in this order: the rows the delete guards look for.
FLUSH_FIRST = ("campaigns_rating", "campaigns_subject")


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(
        self, style: Any, tables: Any, *, reset_sequences: bool = False, allow_cascade: bool = False
    ) -> Any:
        if tables and allow_cascade:  # Django's own expansion (a set), done here so the order holds
            tables = set(chain.from_iterable(self._references_graph(table) for table in tables))
        ordered = [t for t in FLUSH_FIRST if t in tables] + [t for t in tables if t not in FLUSH_FIRST]
        return super().sql_flush(style, ordered, reset_sequences=reset_sequences, allow_cascade=False)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
