from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "xeploai.api"
    label = "api"
    verbose_name = _("Giao diện lập trình (API)")
    default_auto_field = "django.db.models.BigAutoField"
