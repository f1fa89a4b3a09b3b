"""``manage.py export_documents --year Y --org CODE --output FILE.zip``: every Word document of a subtree.

The zip holds the summary report, the decided list, one report per leadership collective and one
self-review per person (see ``xeploai.reports.docx.documents_zip``).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.reports.docx import documents_zip
from xeploai.reports.management.commands._scope import resolve_scope


class Command(BaseCommand):
    help = _(
        "Xuất các văn bản Word (báo cáo, danh sách, bản kiểm điểm) của một tổ chức và cấp dưới (tệp zip)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help=gettext_lazy("Năm đánh giá, ví dụ 2023."))
        parser.add_argument("--org", required=True, help=gettext_lazy("Mã tổ chức gốc."))
        parser.add_argument("--output", required=True, help=gettext_lazy("Tệp .zip kết quả."))

    def handle(self, *args: Any, **options: Any) -> None:
        campaign, root = resolve_scope(year=options["year"], org_code=options["org"])
        data = documents_zip(campaign=campaign, root=root)
        try:
            with open(options["output"], "wb") as fh:
                fh.write(data)
        except OSError as exc:
            params = {"path": options["output"], "error": exc}
            message = _("Không ghi được tệp «%(path)s»: %(error)s") % params
            raise CommandError(message) from exc
        self.stderr.write(_("Đã ghi %(path)s.") % {"path": options["output"]})
