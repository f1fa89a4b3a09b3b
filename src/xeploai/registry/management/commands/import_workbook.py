"""python manage.py import_workbook FILE.xlsx [--dry-run]: import the registry workbook (docs/workbook.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from xeploai.registry.workbook import ImportResult, import_workbook
from xeploai.registry.workbook.schema import SHEETS


def summary_lines(result: ImportResult) -> list[str]:
    """The per-sheet counts, in Vietnamese."""
    lines = []
    for sheet in SHEETS:
        if sheet.name not in result.created:
            continue
        lines.append(
            _("%(sheet)s (%(title)s): %(c)d thêm mới, %(u)d cập nhật, %(s)d không đổi")
            % {
                "sheet": sheet.name,
                "title": sheet.title,
                "c": result.created[sheet.name],
                "u": result.updated[sheet.name],
                "s": result.unchanged[sheet.name],
            }
        )
    return lines


class Command(BaseCommand):
    help = _("Nhập dữ liệu tổ chức, tập thể, cá nhân từ tệp Excel theo mẫu (xem docs/workbook.md).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("tệp .xlsx"))
        parser.add_argument("--dry-run", action="store_true", help=_("chỉ kiểm tra, không ghi"))

    def handle(self, *args: Any, **options: Any) -> None:
        result = import_workbook(path_or_file=options["file"], dry_run=options["dry_run"])
        for warning in result.warnings:
            self.stderr.write(str(warning))
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            self.stderr.write(
                _("Có %(n)d lỗi: chưa ghi gì vào cơ sở dữ liệu. Sửa tệp rồi nhập lại.")
                % {"n": len(result.errors)}
            )
            raise SystemExit(1)
        for line in summary_lines(result):
            self.stdout.write(line)
        if result.dry_run:
            self.stdout.write(_("Kiểm tra xong, không có lỗi (chế độ chỉ kiểm tra: chưa ghi gì)."))
        else:
            self.stdout.write(self.style.SUCCESS(_("Đã nhập xong.")))
