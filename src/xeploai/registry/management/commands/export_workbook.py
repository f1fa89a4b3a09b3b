"""python manage.py export_workbook OUT.xlsx [--root CODE]: export the registry in the import format."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from xeploai.registry.models import Organization
from xeploai.registry.workbook import export_workbook


class Command(BaseCommand):
    help = _("Xuất dữ liệu ra tệp Excel theo đúng mẫu nhập (cả tỉnh, hoặc một tổ chức và cấp dưới).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help=_("tệp .xlsx sẽ ghi"))
        parser.add_argument("--root", help=_("mã tổ chức: chỉ xuất tổ chức này và các cấp dưới"))

    def handle(self, *args: Any, **options: Any) -> None:
        root = None
        if options["root"]:
            root = Organization.objects.filter(code=options["root"].strip()).first()
            if root is None:
                raise CommandError(_('Không tìm thấy tổ chức có mã "%(code)s".') % {"code": options["root"]})
        counts = export_workbook(path=options["out"], root=root)
        for sheet, n in counts.items():
            self.stdout.write(_("%(sheet)s: %(n)d dòng") % {"sheet": sheet, "n": n})
        self.stdout.write(self.style.SUCCESS(_("Đã ghi %(out)s.") % {"out": options["out"]}))
