"""``django.contrib.admin`` with our admin site as the default one (``admin_site.XeploaiAdminSite``).

A module of its own because INSTALLED_APPS imports it before the models are ready.
"""

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    default_site = "xeploai.accounts.admin_site.XeploaiAdminSite"
