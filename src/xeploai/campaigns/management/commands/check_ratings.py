"""Check a campaign's ratings against the rules core: caps and linkage, quota, order (CSV or a table)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from xeploai.campaigns.checking import ratings_check
from xeploai.campaigns.models import RatingStage
from xeploai.rules import SubjectType, explain

from ._common import add_quarter_argument, error_text, get_campaign, write_csv

COLUMNS = ["code", "subject_type", "stage", "level", "max_level", "rule_ids", "message"]


class Command(BaseCommand):
    help = _("Kiểm tra các mức xếp loại đã đề xuất, quyết định theo quy định (mức tối đa, tỷ lệ, thứ tự).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help=_("Năm đánh giá."))
        add_quarter_argument(parser)
        parser.add_argument("--format", choices=["csv", "table"], default="table", help=_("csv hoặc table."))
        parser.add_argument("--stage", choices=RatingStage.values, help=_("Chỉ kiểm tra một giai đoạn."))
        parser.add_argument("--root", help=_("Mã tổ chức chủ trì đợt, khi năm có nhiều đợt."))
        parser.add_argument("--problems", action="store_true", help=_("Chỉ in các dòng có vấn đề."))

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = get_campaign(year=options["year"], root=options["root"], quarter=options["quarter"])
        try:
            rows = ratings_check(campaign=campaign, stage=options["stage"])
        except ValidationError as exc:
            raise CommandError(error_text(exc)) from exc
        if options["problems"]:
            rows = [r for r in rows if r.findings]
        out = [
            [
                r.code,
                r.subject_type,
                r.stage,
                r.level.short,
                r.max_level.short,
                ";".join(r.rule_ids),
                " ".join(map(explain, r.findings)),
            ]
            for r in rows
        ]
        if options["format"] == "csv":
            write_csv(self.stdout, COLUMNS, out)
            return
        labels = {st.value: st.label for st in SubjectType}
        stages = dict(RatingStage.choices)
        for r in rows:
            mark = "✗" if r.blocking else ("!" if r.findings else "✓")
            kind = labels.get(r.subject_type, r.subject_type)
            head = f"{mark} {r.code} {r.name} ({kind}), {stages[r.stage]}"
            level = _("%(level)s (tối đa %(max)s)") % {"level": r.level.short, "max": r.max_level.short}
            self.stdout.write(f"{head}: {level}")
            for finding in r.findings:
                self.stdout.write(f"    {explain(finding)}")
        blocking = sum(r.blocking for r in rows)
        self.stdout.write(
            _("Đã kiểm tra %(n)s kết quả; %(bad)s kết quả vi phạm quy định.")
            % {"n": len(rows), "bad": blocking}
        )
