from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "xeploai.accounts"
    verbose_name = _("Người dùng và phân quyền")

    def ready(self) -> None:
        from xeploai.accounts import first_login, permissions

        permissions.register()
        first_login.connect()
