"""``manage.py verify_audit [--checkpoint FILE]``: walk the audit chain, and compare it with a checkpoint
kept outside the database (``audit_checkpoint``); exit 1 at the first broken link or mismatch, else 0."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.audit import checkpoint as checkpoints
from xeploai.audit.chain import BrokenLink, verify_chain

REASONS = {
    "gap": gettext_lazy("thiếu sự kiện (số thứ tự mong đợi {expected}, gặp {found}): có sự kiện đã bị xóa"),
    "prev_hash": gettext_lazy("mã băm của sự kiện trước không khớp (mong đợi {expected}, ghi {found})"),
    "hash": gettext_lazy(
        "nội dung đã bị sửa hoặc mã băm được tính lại không có khóa: mã băm tính lại {expected} khác mã "
        "băm đã ghi {found}"
    ),
}
MISMATCHES = {
    "truncated": gettext_lazy(
        "Nhật ký bị cắt ngắn so với mốc «{path}»: mốc ghi {expected} sự kiện (đến sự kiện số {seq}), "
        "nhật ký chỉ còn {found} sự kiện; các sự kiện mới nhất đã bị xóa."
    ),
    "rewritten": gettext_lazy(
        "Nhật ký bị viết lại so với mốc «{path}»: sự kiện số {seq} có mã băm «{found}», mốc ghi «{expected}»."
    ),
}


def describe(link: BrokenLink) -> str:
    reason = str(REASONS[link.code]).format(expected=link.expected, found=link.found)
    return _("Nhật ký bị phá vỡ tại dòng {position} (sự kiện số {seq}, id {pk}): {reason}").format(
        position=link.position, seq=link.seq, pk=link.pk, reason=reason
    )


class Command(BaseCommand):
    help = _("Kiểm tra tính toàn vẹn của nhật ký thay đổi (chuỗi mã băm có khóa), có thể so với tệp mốc.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--chunk-size", type=int, default=2000, help=_("Số sự kiện đọc mỗi lần."))
        parser.add_argument(
            "--checkpoint", type=Path,
            help=_("Tệp mốc do audit_checkpoint ghi, lưu ở nơi khác cơ sở dữ liệu."),
        )

    def handle(self, *args: object, **options: object) -> None:
        anchor = None
        if options["checkpoint"] is not None:
            try:
                anchor = checkpoints.read(options["checkpoint"])  # type: ignore[arg-type]
            except checkpoints.CheckpointError as exc:
                raise CommandError(str(exc)) from exc
        report = verify_chain(chunk_size=int(options["chunk_size"]))  # type: ignore[call-overload]
        if report.broken is not None:
            self.stderr.write(describe(report.broken))
            raise SystemExit(1)
        if anchor is not None:
            mismatch = checkpoints.compare(anchor, report)
            if mismatch is not None:
                self.stderr.write(str(MISMATCHES[mismatch.code]).format(
                    path=options["checkpoint"], seq=mismatch.seq, expected=mismatch.expected,
                    found=mismatch.found,
                ))
                raise SystemExit(1)
        self.stdout.write(_("Nhật ký toàn vẹn: {n} sự kiện").format(n=report.count))
        if anchor is not None:
            self.stdout.write(_("Khớp mốc «{path}» (sự kiện số {seq}, lập lúc {taken_at}).").format(
                path=options["checkpoint"], seq=anchor.seq, taken_at=anchor.taken_at
            ))
