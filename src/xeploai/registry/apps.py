from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "xeploai.registry"
    verbose_name = _("Danh mục tổ chức, tập thể, cá nhân")
