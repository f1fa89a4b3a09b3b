"""Create (or reset) the demo administrator and print its login."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from xeploai.lib.development import require_debug

USERNAME = "admin"
PASSWORD = "xeploai-demo"


class Command(BaseCommand):
    help = _("Tạo tài khoản quản trị thử nghiệm (admin / xeploai-demo) và in thông tin đăng nhập.")

    def handle(self, *args: object, **options: object) -> None:
        require_debug("demo_admin")
        user, created = get_user_model().objects.get_or_create(username=USERNAME)
        user.is_staff = user.is_superuser = True
        user.set_password(PASSWORD)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Tài khoản quản trị thử nghiệm / demo administrator: {USERNAME} / {PASSWORD}  "
                "→ http://127.0.0.1:8000/"
            )
        )
