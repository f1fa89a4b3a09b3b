"""``manage.py backup_sqlite OUT``: a consistent copy of the SQLite database while the site runs.

SQLite's online backup (Python's ``sqlite3.Connection.backup``, the same as the ``sqlite3`` tool's
``.backup``) copies the pages under a read lock in steps, so writers are held only briefly and the copy is
a database of one moment. Restoring is copying OUT back in place with the site stopped (docs/operations.md).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils.translation import gettext as _

PAGES_PER_STEP = 1024


class Command(BaseCommand):
    help = _("Sao lưu cơ sở dữ liệu SQLite đang chạy ra một tệp (sao lưu trực tuyến của SQLite).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", type=Path, help=_("Tệp sao lưu sẽ ghi; không được trùng một tệp đã có."))

    def handle(self, *args: object, **options: object) -> None:
        out: Path = options["out"]  # type: ignore[assignment]
        if connection.vendor != "sqlite":
            raise CommandError(
                _("backup_sqlite chỉ dùng cho SQLite; với PostgreSQL hãy dùng pg_dump (docs/operations.md).")
            )
        if out.exists():
            message = _("Tệp «{path}» đã có: chọn tên khác, bản sao lưu không ghi đè.").format(path=out)
            raise CommandError(message)
        connection.ensure_connection()
        try:
            with closing(sqlite3.connect(out)) as target:
                connection.connection.backup(target, pages=PAGES_PER_STEP)
        except (OSError, sqlite3.Error) as exc:
            out.unlink(missing_ok=True)
            message = _("Không ghi được bản sao lưu «{path}»: {error}").format(path=out, error=exc)
            raise CommandError(message) from exc
        self.stdout.write(_("Đã sao lưu cơ sở dữ liệu vào «{path}».").format(path=out))
