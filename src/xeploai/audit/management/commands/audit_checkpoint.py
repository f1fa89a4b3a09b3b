"""``manage.py audit_checkpoint FILE``: verify the audit chain, then write its head (``seq``, hash) and its
count to FILE, a checkpoint to keep outside the database; ``verify_audit --checkpoint FILE`` compares."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from xeploai.audit import checkpoint as checkpoints
from xeploai.audit.chain import verify_chain
from xeploai.audit.management.commands.verify_audit import describe


class Command(BaseCommand):
    help = _("Ghi mốc của nhật ký thay đổi (sự kiện cuối, mã băm, số sự kiện) ra tệp để lưu ở nơi khác.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help=_("Tệp mốc sẽ ghi (JSON)."))

    def handle(self, *args: object, **options: object) -> None:
        path: Path = options["file"]  # type: ignore[assignment]
        report = verify_chain()
        if report.broken is not None:  # a checkpoint of a broken chain would vouch for the damage
            self.stderr.write(describe(report.broken))
            raise SystemExit(1)
        anchor = checkpoints.from_report(report)
        try:
            checkpoints.write(anchor, path)
        except checkpoints.CheckpointError as exc:
            raise CommandError(str(exc)) from exc
        message = _("Đã ghi mốc «{path}»: {count} sự kiện, sự kiện cuối số {seq}, mã băm {hash}.")
        self.stdout.write(message.format(path=path, count=anchor.count, seq=anchor.seq, hash=anchor.hash))
