"""List a campaign's subjects: who is reviewed and classified, and why not (CSV or a table)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from xeploai.campaigns.selectors import subjects_in_scope
from xeploai.registry.models import Organization
from xeploai.rules import SubjectType

from ._common import add_quarter_argument, get_campaign, write_csv

COLUMNS = ["code", "subject_type", "name", "organization_code", "review", "classify", "reasons", "counted_to"]


class Command(BaseCommand):
    help = _("Danh sách đối tượng kiểm điểm, xếp loại của đợt đánh giá một năm.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help=_("Năm đánh giá."))
        add_quarter_argument(parser)
        parser.add_argument("--format", choices=["csv", "table"], default="table", help=_("csv hoặc table."))
        parser.add_argument("--org", help=_("Chỉ các đối tượng thuộc tổ chức mã này (cả cấp dưới)."))
        parser.add_argument("--root", help=_("Mã tổ chức chủ trì đợt, khi năm có nhiều đợt."))

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = get_campaign(year=options["year"], root=options["root"], quarter=options["quarter"])
        org = None
        if options["org"]:
            org = Organization.objects.filter(code=options["org"]).first()
            if org is None:
                raise CommandError(_("Không có tổ chức mã “%(code)s”.") % {"code": options["org"]})
        rows = self._rows(subjects_in_scope(campaign=campaign, root=org))
        if options["format"] == "csv":
            write_csv(self.stdout, COLUMNS, rows)
            return
        labels = {st.value: st.label for st in SubjectType}
        yes, no = _("có"), _("không")
        header = [
            _("Mã"),
            _("Loại"),
            _("Tên"),
            _("Tổ chức"),
            _("Kiểm điểm"),
            _("Xếp loại"),
            _("Lý do"),
            _("Tính đến"),
        ]
        table = [
            [r[0], labels.get(r[1], r[1]), r[2], r[3], yes if r[4] else no, yes if r[5] else no, r[6], r[7]]
            for r in rows
        ]
        widths = [max([len(h)] + [len(str(row[i])) for row in table]) for i, h in enumerate(header)]
        line = "  ".join("{:<%d}" % w for w in widths)  # noqa: UP031 - builds a format string
        self.stdout.write(line.format(*header).rstrip())
        self.stdout.write("  ".join("-" * w for w in widths))
        for row in table:
            self.stdout.write(line.format(*row).rstrip())
        self.stdout.write(_("Tổng cộng: %(n)s đối tượng.") % {"n": len(table)})

    @staticmethod
    def _rows(qs: Any) -> list[list[Any]]:
        fields = (
            "subject_type",
            "person__code",
            "collective__code",
            "organization__code",
            "person__full_name",
            "collective__name",
            "organization__name",
            "unit__code",
            "review",
            "classify",
            "reasons",
            "counted_to",
        )
        out = []
        for r in qs.values_list(*fields).order_by("org_path", "subject_type", "pk"):
            st, p_code, c_code, o_code, p_name, c_name, o_name, unit_code, review, classify, reasons, day = r
            out.append(
                [
                    p_code or c_code or o_code,
                    st,
                    p_name or c_name or o_name,
                    unit_code,
                    int(review),
                    int(classify),
                    reasons.replace(",", ";"),
                    f"{day:%d/%m/%Y}",
                ]
            )
        return out
