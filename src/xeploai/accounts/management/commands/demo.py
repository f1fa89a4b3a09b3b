"""Create deterministic demo data: ``manage.py demo --seed N [--scale province|nation] [--if-empty]``.

``--structure 2025`` loads the merged two-tier province of 2025 (no district tier, units formed on
01/07/2025) beside the registry's other roots, with its own demo accounts
(docs/adr/0015-the-2025-structure.md).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.accounts.demo import (
    DEMO_2025_ACCOUNT_HOOKS,
    DEMO_ACCOUNT_HOOKS,
    demo_account_lines,
    ensure_demo_accounts,
    ensure_demo_accounts_2025,
)
from xeploai.lib.development import require_debug
from xeploai.registry.demo.load import (
    PASSWORD,
    STRUCTURES,
    DemoError,
    load_demo,
    province_2025_loaded,
    registry_is_empty,
)


class Command(BaseCommand):
    help = _(
        "Tạo dữ liệu thử nghiệm tất định (cùng seed → cùng dữ liệu): một tỉnh kiểu Đồng Tháp (~1.500 tổ chức "
        "đảng, ~100.000 người) hoặc toàn quốc (~5,5 triệu người, chỉ PostgreSQL), kèm các tài khoản thử; "
        "--structure 2025: thêm một tỉnh sau sáp nhập 01/7/2025 (hai cấp, không có cấp huyện)."
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
            "--structure",
            choices=STRUCTURES,
            default="2023",
            help=gettext_lazy(
                "2023 (mặc định): tỉnh ba cấp trước 01/7/2025; 2025: thêm tỉnh hai cấp sau sáp nhập "
                "01/7/2025 (đảng bộ xã, phường trực thuộc tỉnh), bên cạnh dữ liệu đã có."
            ),
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=gettext_lazy(
                "Không làm gì nếu cơ sở dữ liệu đã có tổ chức (với --structure 2025: đã có tỉnh năm 2025); "
                "make run dùng tùy chọn này."
            ),
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help=gettext_lazy("Xóa toàn bộ danh mục (tổ chức, cá nhân, tập thể, phân quyền) rồi tạo lại."),
        )

    def handle(self, *args: object, **options: object) -> None:
        require_debug("demo")
        structure = str(options["structure"])
        if options["if_empty"] and self.already_loaded(structure):
            return
        try:
            result = load_demo(
                seed=int(options["seed"]),
                scale=str(options["scale"]),
                replace=bool(options["replace"]),
                hooks=DEMO_2025_ACCOUNT_HOOKS if structure == "2025" else DEMO_ACCOUNT_HOOKS,
                progress=self.stdout.write,
                structure=structure,
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
        self.print_accounts(structure)

    def already_loaded(self, structure: str) -> bool:
        """``--if-empty``: when the data is there, reset its demo accounts, print them and say so."""
        if structure == "2025":
            if not province_2025_loaded():
                return False
            self.stdout.write(_("Cơ sở dữ liệu đã có tỉnh thử nghiệm năm 2025: bỏ qua việc tạo lại."))
            with transaction.atomic():
                ensure_demo_accounts_2025()
        else:
            if registry_is_empty():
                return False
            self.stdout.write(_("Cơ sở dữ liệu đã có dữ liệu tổ chức: bỏ qua việc tạo dữ liệu thử nghiệm."))
            with transaction.atomic():
                ensure_demo_accounts()
        self.print_accounts(structure)
        return True

    def print_accounts(self, structure: str) -> None:
        """The demo accounts of ``structure``'s province by unit: unit, then role — person's name —
        username / password."""
        lines = demo_account_lines(structure)
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
