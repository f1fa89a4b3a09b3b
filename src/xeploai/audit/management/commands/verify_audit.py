"""``manage.py verify_audit``: walk the audit hash chain; exit 1 at the first broken link, else 0."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.audit.chain import BrokenLink, verify_chain

REASONS = {
    "gap": gettext_lazy("thiếu sự kiện (số thứ tự mong đợi {expected}, gặp {found}): có sự kiện đã bị xóa"),
    "prev_hash": gettext_lazy("mã băm của sự kiện trước không khớp (mong đợi {expected}, ghi {found})"),
    "hash": gettext_lazy("nội dung đã bị sửa: mã băm tính lại {expected} khác mã băm đã ghi {found}"),
}


def describe(link: BrokenLink) -> str:
    reason = str(REASONS[link.code]).format(expected=link.expected, found=link.found)
    return _("Nhật ký bị phá vỡ tại dòng {position} (sự kiện số {seq}, id {pk}): {reason}").format(
        position=link.position, seq=link.seq, pk=link.pk, reason=reason
    )


class Command(BaseCommand):
    help = _("Kiểm tra tính toàn vẹn của nhật ký thay đổi (chuỗi mã băm).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--chunk-size", type=int, default=2000, help=_("Số sự kiện đọc mỗi lần."))

    def handle(self, *args: object, **options: object) -> None:
        report = verify_chain(chunk_size=int(options["chunk_size"]))  # type: ignore[call-overload]
        if report.broken is not None:
            self.stderr.write(describe(report.broken))
            raise SystemExit(1)
        self.stdout.write(_("Nhật ký toàn vẹn: {n} sự kiện").format(n=report.count))
