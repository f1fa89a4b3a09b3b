from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "xeploai.audit"
    verbose_name = _("Nhật ký thay đổi")

    def ready(self) -> None:
        from xeploai.audit import account_signals, registry_signals

        registry_signals.connect()
        account_signals.connect()
