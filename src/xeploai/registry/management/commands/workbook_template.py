"""python manage.py workbook_template OUT.xlsx: write the empty import workbook with instructions."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from xeploai.registry.workbook import write_template


class Command(BaseCommand):
    help = _("Ghi tệp Excel mẫu (trống) để nhập dữ liệu, kèm sheet hướng dẫn.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help=_("tệp .xlsx sẽ ghi"))

    def handle(self, *args: Any, **options: Any) -> None:
        write_template(options["out"])
        self.stdout.write(self.style.SUCCESS(_("Đã ghi tệp mẫu %(out)s.") % {"out": options["out"]}))
