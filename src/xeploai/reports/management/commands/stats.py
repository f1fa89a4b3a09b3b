"""``manage.py stats --year Y (--org CODE | --all) --format csv|xlsx [--output FILE]``: the tables (R-95).

``--org`` gives the tables of that organization's subtree in the campaign covering it; ``--all`` those of
the whole country: every outermost campaign of the year added up, one row per campaign in the tables by
unit (``selectors.year_statistics``), issued by the Central Organization Commission.

CSV goes to standard output unless --output names a file (then it is written with a BOM so Excel reads
the Vietnamese letters); xlsx needs --output. Figures are those of the chosen stage (default: decided).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.campaigns.models import RatingStage
from xeploai.reports.exports import NATIONAL_ISSUER, organization_issuer, write_csv
from xeploai.reports.management.commands._scope import resolve_scope
from xeploai.reports.selectors import campaign_statistics, year_statistics
from xeploai.reports.xlsx import write_statistics


class Command(BaseCommand):
    help = _(
        "Bảng thống kê kết quả đánh giá, xếp loại chất lượng của một tổ chức và cấp dưới (csv hoặc xlsx)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help=gettext_lazy("Năm đánh giá, ví dụ 2023."))
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--org", help=gettext_lazy("Mã tổ chức gốc của phạm vi thống kê."))
        scope.add_argument(
            "--all", action="store_true",
            help=gettext_lazy(
                "Toàn quốc: cộng các đợt đánh giá của năm, mỗi đợt một dòng trong biểu theo đơn vị."
            ),
        )
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument(
            "--output", help=gettext_lazy("Tệp kết quả (bắt buộc với xlsx; csv mặc định ra màn hình).")
        )
        parser.add_argument(
            "--stage", choices=[s.value for s in RatingStage], default=RatingStage.DECIDED.value,
            help=gettext_lazy("Giai đoạn xếp loại được thống kê (mặc định: quyết định)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["format"] == "xlsx" and not options["output"]:
            raise CommandError(_("Định dạng xlsx cần tham số --output (tên tệp .xlsx)."))
        if options["all"]:
            stats = year_statistics(year=options["year"], stage=options["stage"])
            if stats is None:
                raise CommandError(_("Không có đợt đánh giá nào của năm %(year)s (tham số --year).")
                                   % {"year": options["year"]})
            issuer = NATIONAL_ISSUER
        else:
            campaign, root = resolve_scope(year=options["year"], org_code=options["org"])
            stats = campaign_statistics(campaign=campaign, root=root, stage=options["stage"])
            issuer = organization_issuer(root)
        output = options["output"]
        try:
            if options["format"] == "xlsx":
                write_statistics(stats, issuer=issuer, output=output)
            elif output:
                with open(output, "w", encoding="utf-8-sig", newline="") as fh:
                    write_csv(stats, fh)
            else:
                write_csv(stats, self.stdout)
        except OSError as exc:
            message = _("Không ghi được tệp «%(path)s»: %(error)s") % {"path": output, "error": exc}
            raise CommandError(message) from exc
        if output:
            self.stderr.write(_("Đã ghi %(path)s.") % {"path": output})
