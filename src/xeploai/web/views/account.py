"""Account pages: set up a TOTP device (QR code made by segno, and the secret as text), verify it at
login, and remove it. Password change and reset are Django's own views with our templates (urls.py).

A device is created unconfirmed when the set-up page is first opened and is confirmed by the first
code the user's application shows; only a confirmed device counts (``TwoFactorRequiredMiddleware``).
"""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import DEVICE_ID_SESSION_KEY, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from xeploai.accounts.twofactor import needs_two_factor, two_factor_required

DEVICE_NAME = "xeploai"


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("Mã xác thực (6 chữ số)"), regex=r"^\d{6,8}$", strip=True, max_length=8,
        error_messages={"invalid": gettext_lazy("Mã xác thực gồm 6 chữ số, xin nhập lại.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next_url(request: HttpRequest) -> str:
    """Where to go after the second factor: the page asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("web:home")


def _redirect_keeping_query(request: HttpRequest, name: str) -> HttpResponse:
    query = request.GET.urlencode()
    return redirect(reverse(name) + ("?" + query if query else ""))


def _pending_device(user: Any) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def _setup_context(device: TOTPDevice, form: TokenForm, next_url: str) -> dict[str, Any]:
    secret = b32encode(device.bin_key).decode()
    return {
        "form": form, "next": next_url,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=5, title=_("Mã QR cài đặt")),
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
    }


@never_cache  # the page shows the device's secret
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Show a new device's QR code and secret; the first code from it confirms it and verifies the session."""
    user = request.user
    if user_has_device(user):
        if not user.is_verified():  # type: ignore[union-attr]
            return _redirect_keeping_query(request, "two_factor_verify")
        return _manage(request)
    device = _pending_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            messages.success(request, _("Đã cài đặt xác thực hai lớp cho tài khoản."))
            return redirect(_next_url(request))
        form.add_error("token", _("Mã xác thực không đúng hoặc đã hết hạn. Xin nhập mã mới."))
    context = _setup_context(device, form, _next_url(request))
    return render(request, "registration/two_factor_setup.html", context)


def _manage(request: HttpRequest) -> HttpResponse:
    """A verified user with a device: list it, and remove it on request (a new one is then set up)."""
    devices = TOTPDevice.objects.filter(user=request.user, confirmed=True).order_by("pk")
    if request.method == "POST" and request.POST.get("action") == "remove":
        for device in devices:
            device.delete()
        request.session.pop(DEVICE_ID_SESSION_KEY, None)
        messages.success(request, _("Đã gỡ thiết bị xác thực hai lớp."))
        return redirect("two_factor_setup")
    context = {"devices": devices, "required": two_factor_required() and needs_two_factor(request.user)}
    return render(request, "registration/two_factor_manage.html", context)


@never_cache
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Ask for the code of the user's device; a right code verifies the session."""
    user = request.user
    if not user_has_device(user):
        return _redirect_keeping_query(request, "two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("Mã xác thực không đúng hoặc đã hết hạn. Xin nhập mã mới."))
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _next_url(request)})


def locked_out(request: HttpRequest, original_response: HttpResponse | None = None,
               credentials: dict[str, Any] | None = None) -> HttpResponse:
    """django-axes' lockout response: the Vietnamese page, status 429 (Too Many Requests)."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)
