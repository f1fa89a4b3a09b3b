"""Import proposed or decided levels from a workbook into the campaign of a year: all rows or none."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from xeploai.campaigns.rating_import import ratings_import

from ._common import add_quarter_argument, get_campaign


class Command(BaseCommand):
    help = _(
        "Nhập mức xếp loại đề xuất hoặc quyết định từ tệp Excel (cột Mã, Giai đoạn, Mức xếp loại; "
        "thêm Loại đối tượng khi một mã ứng với nhiều đối tượng)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("Tệp .xlsx."))
        parser.add_argument("--year", type=int, required=True, help=_("Năm đánh giá."))
        add_quarter_argument(parser)
        parser.add_argument("--root", help=_("Mã tổ chức chủ trì đợt, khi năm có nhiều đợt."))
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ kiểm tra, không ghi gì."))

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = get_campaign(year=options["year"], root=options["root"], quarter=options["quarter"])
        result = ratings_import(campaign=campaign, path_or_file=options["file"], dry_run=options["dry_run"])
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                _("Tệp có %(n)s lỗi; chưa ghi kết quả nào. Hãy sửa các lỗi trên rồi nhập lại.")
                % {"n": len(result.errors)}
            )
        if result.dry_run:
            self.stdout.write(
                _("Kiểm tra xong: %(n)s dòng hợp lệ, chưa ghi (chạy thử).") % {"n": result.rows}
            )
        else:
            self.stdout.write(_("Đã ghi %(n)s kết quả xếp loại.") % {"n": result.created})
