"""Create the campaign of a year (or of one quarter, ``--quarter N``) if needed, then open it.

Opening materializes its subjects with their reasons. A quarter (R-100, QĐ366) needs a ruleset that
evaluates by quarter; its deadlines are KL198's (R-101). Example, a 2026 first quarter:
``manage.py open_campaign --year 2026 --quarter 1 --ruleset qd366-2025``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from xeploai.campaigns.models import YEAR_PERIOD, Campaign
from xeploai.campaigns.opening import campaign_create, campaign_open
from xeploai.campaigns.ruleset_plan import known_rulesets, resolve_ruleset
from xeploai.registry.models import Organization
from xeploai.rules import ReasonCode, SubjectType, Tier
from xeploai.rules.citations import cite

from ._common import add_quarter_argument, error_text, parse_date


class Command(BaseCommand):
    help = _(
        "Tạo (nếu chưa có) và mở đợt kiểm điểm, đánh giá, xếp loại của một năm hoặc một quý; "
        "lập danh sách đối tượng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help=_("Năm đánh giá, ví dụ 2023."))
        add_quarter_argument(parser)
        parser.add_argument("--ruleset", required=True, help=_("Bộ quy tắc, ví dụ kh181-2023."))
        parser.add_argument(
            "--reference-date", help=_("Ngày tính mốc (ngày/tháng/năm); mặc định theo kế hoạch.")
        )
        parser.add_argument("--root", help=_("Mã tổ chức chủ trì; mặc định là tổ chức gốc duy nhất của cây."))

    def handle(self, *args: Any, **options: Any) -> None:
        year: int = options["year"]
        quarter: int | None = options["quarter"]
        code: str = options["ruleset"]
        if resolve_ruleset(code) is None:
            known = ", ".join(r.code for r in known_rulesets())
            raise CommandError(
                _("Không có bộ quy tắc “%(code)s”. Các bộ quy tắc hiện có: %(known)s.")
                % {"code": code, "known": known}
            )
        reference = (
            parse_date(options["reference_date"], option="--reference-date")
            if options["reference_date"]
            else None
        )
        root = self._root(options["root"])
        campaign = Campaign.objects.filter(year=year, period=quarter or YEAR_PERIOD, root=root).first()
        try:
            if campaign is None:
                campaign = campaign_create(
                    year=year, ruleset=code, root=root, reference_date=reference, quarter=quarter
                )
                self.stdout.write(_("Đã tạo đợt “%(name)s”.") % {"name": campaign.name})
            elif campaign.ruleset != code:
                raise CommandError(
                    _("Đợt đánh giá %(period)s của %(root)s dùng bộ quy tắc %(used)s, không phải %(code)s.")
                    % {
                        "period": campaign.period_label,
                        "root": root.name,
                        "used": campaign.ruleset,
                        "code": code,
                    }
                )
            result = campaign_open(campaign=campaign)
        except ValidationError as exc:
            raise CommandError(error_text(exc)) from exc
        self._summary(result)

    def _root(self, code: str | None) -> Organization:
        if code:
            root = Organization.objects.filter(code=code).first()
            if root is None:
                raise CommandError(_("Không có tổ chức mã “%(code)s”.") % {"code": code})
            return root
        roots = list(Organization.objects.filter(parent__isnull=True)[:2])
        if not roots:
            raise CommandError(_("Chưa có tổ chức nào: hãy nhập danh sách tổ chức trước."))
        if len(roots) > 1:
            raise CommandError(_("Có nhiều tổ chức gốc: hãy chọn bằng --root MÃ."))
        return roots[0]

    def _summary(self, result: Any) -> None:
        c = result.campaign
        w = self.stdout.write
        w(
            _("Đợt “%(name)s” (bộ quy tắc %(rs)s, tính mốc đến %(ref)s): đã mở.")
            % {"name": c.name, "rs": c.ruleset, "ref": f"{c.reference_date:%d/%m/%Y}"}
        )
        for d in c.deadlines.all():
            w(
                _("Hạn %(tier)s — %(kind)s: trước ngày %(due)s (%(cited)s).")
                % {
                    "tier": Tier(d.tier).label,
                    "kind": d.get_kind_display(),
                    "due": f"{d.due_on:%d/%m/%Y}",
                    "cited": cite(d.rule_id, c.ruleset) if d.rule_id else "",
                }
            )
        w(
            _("Đối tượng: thêm %(created)s, cập nhật %(updated)s, giữ nguyên %(unchanged)s, bỏ %(removed)s.")
            % {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "removed": result.removed,
            }
        )
        if result.kept_stale:
            w(
                _("Giữ lại %(n)s đối tượng không còn trong danh sách vì đã có kết quả hoặc quyết định tay.")
                % {"n": result.kept_stale}
            )
        w(_("Theo loại đối tượng (tổng / kiểm điểm / xếp loại):"))
        for st in SubjectType:
            t = result.by_type.get(st.value)
            if t:
                w(f"  {st.label}: {t['total']} / {t['review']} / {t['classify']}")
        if result.excluded:
            w(_("Không xếp loại, theo lý do:"))
            for code, n in sorted(result.excluded.items(), key=lambda kv: -kv[1]):
                label = ReasonCode(code).label if code in ReasonCode.__members__ else code
                w(f"  {label} ({code}): {n}")
