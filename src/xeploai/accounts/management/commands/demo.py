"""Create deterministic demo data: ``manage.py demo --seed N [--scale province|nation] [--if-empty]``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.accounts.demo import DEMO_ACCOUNT_HOOKS, demo_account_lines, ensure_demo_accounts
from xeploai.lib.development import require_debug
from xeploai.registry.demo.load import PASSWORD, DemoError, load_demo, registry_is_empty


class Command(BaseCommand):
    help = _(
        "Tạo dữ liệu thử nghiệm tất định (cùng seed → cùng dữ liệu): một tỉnh kiểu Đồng Tháp (~1.500 tổ chức "
        "đảng, ~100.000 người) hoặc toàn quốc (~5,5 triệu người, chỉ PostgreSQL), kèm các tài khoản thử."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=1, help=gettext_lazy("Hạt giống ngẫu nhiên (mặc định 1).")
        )
        parser.add_argument(
            # "tiny" (a few thousand people) is for the tests: the metavar keeps it out of the help text.
            "--scale",
            choices=("province", "nation", "tiny"),
            default="province",
            metavar="{province,nation}",
            help=gettext_lazy("province (mặc định) hoặc nation (toàn quốc, chỉ PostgreSQL)."),
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=gettext_lazy("Không làm gì nếu cơ sở dữ liệu đã có tổ chức (make run dùng tùy chọn này)."),
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help=gettext_lazy("Xóa toàn bộ danh mục (tổ chức, cá nhân, tập thể, phân quyền) rồi tạo lại."),
        )

    def handle(self, *args: object, **options: object) -> None:
        require_debug("demo")
        if options["if_empty"] and not registry_is_empty():
            self.stdout.write(_("Cơ sở dữ liệu đã có dữ liệu tổ chức: bỏ qua việc tạo dữ liệu thử nghiệm."))
            with transaction.atomic():
                ensure_demo_accounts()
            self.print_accounts()
            return
        try:
            result = load_demo(
                seed=int(options["seed"]),
                scale=str(options["scale"]),
                replace=bool(options["replace"]),
                hooks=DEMO_ACCOUNT_HOOKS,
                progress=self.stdout.write,
            )
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Đã tạo dữ liệu thử nghiệm (seed %(seed)s) trong %(seconds).1f giây: %(orgs)s tổ chức "
                    "(%(party)s tổ chức đảng), %(collectives)s tập thể, %(people)s cá nhân, "
                    "%(memberships)s lượt thành viên tập thể, %(statuses)s tình trạng, "
                    "%(disciplines)s kỷ luật."
                )
                % {
                    "seed": options["seed"],
                    "seconds": result.seconds,
                    "orgs": result.organizations,
                    "party": result.party_organizations,
                    "collectives": result.collectives,
                    "people": result.people,
                    "memberships": result.memberships,
                    "statuses": result.statuses,
                    "disciplines": result.disciplines,
                }
            )
        )
        self.print_accounts()

    def print_accounts(self) -> None:
        """The demo accounts by unit: unit, then role — person's name — username / password."""
        lines = demo_account_lines()
        if not lines:
            return
        self.stdout.write(
            _("Tài khoản thử nghiệm, theo đơn vị (vai trò — họ tên — tên đăng nhập / mật khẩu):")
        )
        unit = None
        for line in lines:
            if line.unit != unit:
                unit = line.unit
                self.stdout.write(f"  {unit}")
            name = line.name or _("(chưa gắn với cá nhân)")
            self.stdout.write(f"    {line.role} — {name} — {line.username} / {PASSWORD}")
