"""``manage.py send_reminders [--days N …] [--today DD/MM/YYYY]``: e-mail deadline reminders (S-10)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.questions.reminders import DEFAULT_DAYS, reminders_send


def parse_day(value: str) -> dt.date:
    try:
        return dt.datetime.strptime(value, "%d/%m/%Y").date()  # noqa: DTZ007 - a calendar date, no time
    except ValueError:
        message = _("--today phải là ngày dạng DD/MM/YYYY, không phải «%(v)s».") % {"v": value}
        raise CommandError(message) from None


class Command(BaseCommand):
    help = _("Gửi thư nhắc hạn cho bí thư chi bộ và cán bộ cấp ủy.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, action="append",
            help=gettext_lazy("Nhắc các hạn còn đúng N ngày (lặp lại được; mặc định 7 và 1)."),
        )
        parser.add_argument("--today", help=gettext_lazy("Ngày chạy, dạng DD/MM/YYYY (mặc định hôm nay)."))

    def handle(self, *args: object, **options: object) -> None:
        today = parse_day(str(options["today"])) if options["today"] else timezone.localdate()
        days = tuple(options["days"] or DEFAULT_DAYS)  # type: ignore[arg-type]
        if any(n < 0 for n in days):
            raise CommandError(_("--days phải là số ngày không âm."))
        report = reminders_send(today=today, days=days)
        for email, deadline in report.sent:
            self.stdout.write(_("Đã gửi: %(email)s — %(deadline)s") % {"email": email, "deadline": deadline})
        for username, orgs in report.skipped:
            self.stdout.write(
                _("Bỏ qua (không có e-mail): %(user)s — %(orgs)s") % {"user": username, "orgs": orgs}
            )
        summary = _(
            "Ngày %(today)s: đã gửi %(sent)s thư, %(already)s thư đã gửi trước đó, bỏ qua %(skipped)s người."
        )
        self.stdout.write(summary % {
            "today": today.strftime("%d/%m/%Y"), "sent": len(report.sent), "already": report.already_sent,
            "skipped": len(report.skipped),
        })
