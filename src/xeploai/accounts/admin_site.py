"""The admin site behind a second factor: django-otp's ``OTPAdminSite`` when two-factor is required.

Installed as ``django.contrib.admin``'s default site (``xeploai.accounts.admin_apps``), so every
``admin.register`` goes to it. Its login page is the site's own (password, then the two-factor pages),
not a second form.
"""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite

from xeploai.accounts.twofactor import two_factor_required


class XeploaiAdminSite(OTPAdminSite):
    site_header = _("Quản trị hệ thống xếp loại chất lượng")
    site_title = _("Quản trị")

    def __init__(self, name: str = "admin") -> None:
        super().__init__(name)

    def has_permission(self, request: HttpRequest) -> bool:
        # Superusers only: the admin lists whole tables, so only those who see every field of every
        # person under the personal-data policy (accounts/personal_data.py) may open it.
        if not request.user.is_superuser:
            return False
        if two_factor_required():
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)

    def login(self, request: HttpRequest, extra_context: dict[str, object] | None = None) -> HttpResponse:
        if self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        return redirect_to_login(request.GET.get("next") or reverse("admin:index", current_app=self.name))
