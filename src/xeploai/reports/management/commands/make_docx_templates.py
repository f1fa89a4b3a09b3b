"""``manage.py make_docx_templates [--output DIR]``: write the party documents' Word templates again.

The templates in ``reports/docx_templates/`` are kept in the repository and may be edited in Word; this
command remakes them from ``reports.docx_forms`` (overwriting such edits) when the layout changes in code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.reports.docx_forms import BUILDERS
from xeploai.reports.docx_layout import TEMPLATES_DIR, save


class Command(BaseCommand):
    help = _("Tạo lại các mẫu văn bản Word (.docx) của báo cáo, danh sách và bản kiểm điểm.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default=str(TEMPLATES_DIR), help=gettext_lazy("Thư mục ghi các mẫu."))

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["output"])
        directory.mkdir(parents=True, exist_ok=True)
        for name, build in BUILDERS.items():
            path = save(build(), name, directory)
            self.stderr.write(_("Đã ghi %(path)s.") % {"path": path})
