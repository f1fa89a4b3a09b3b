"""Who must pass a second factor (TOTP, django-otp), and the middleware that sends them to do it.

With ``settings.XEPLOAI_2FA_REQUIRED`` on, every user holding a role other than party member, every
staff member and every superuser must verify a TOTP device in the session before any page opens; so
must anyone else who chose to set one up.
A user without a device is sent to set one up, a user with one to enter a code; the login and logout,
the language switch, the password reset pages and the two-factor pages themselves stay reachable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django_otp import user_has_device

from xeploai.accounts.models import Role, RoleAssignment

SETUP_URL = "two_factor_setup"
VERIFY_URL = "two_factor_verify"
# URL names an unverified user may still open.
OPEN_URL_NAMES = frozenset({
    "login", "logout", "set_language", SETUP_URL, VERIFY_URL,
    "password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete",
})


def two_factor_required() -> bool:
    return bool(getattr(settings, "XEPLOAI_2FA_REQUIRED", True))


def needs_two_factor(user: Any) -> bool:
    """Staff, superusers and anyone holding a role above party member."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return RoleAssignment.objects.filter(user=user).exclude(role=Role.MEMBER).exists()


def must_verify(user: Any) -> bool:
    """True when the user needs a second factor now and has not given one in this session."""
    if not two_factor_required() or not getattr(user, "is_authenticated", False):
        return False
    if user.is_verified():
        return False
    return needs_two_factor(user) or user_has_device(user)  # a member who chose a device uses it too


class TwoFactorRequiredMiddleware:
    """Send an authenticated user who must verify to the set-up or verify page (after OTPMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_URL_NAMES:
            return None
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        user = getattr(request, "user", None)
        if not must_verify(user):
            return None
        target = VERIFY_URL if user_has_device(user) else SETUP_URL
        response = redirect_to_login(request.get_full_path(), target)
        if getattr(request, "htmx", False):  # a fragment request: have htmx load the whole page instead
            response = HttpResponse(status=204, headers={"HX-Redirect": response["Location"]})
        return response
