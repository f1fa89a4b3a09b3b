"""A one-time password given by an officer is changed at the next login (``Account.must_change_password``).

At login the flag is copied into the session (one query, at login only); while it is there every page but
the password change, the second factor and logout redirects to the password change page. Saving a new
password (the user's own change) clears the flag; an officer's reset sets it again after saving
(``account_services.password_reset``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from xeploai.accounts.models import Account
from xeploai.accounts.twofactor import OPEN_URL_NAMES

SESSION_KEY = "xeploai_must_change_password"
ALLOWED = OPEN_URL_NAMES | {"password_change", "password_change_done"}


def _logged_in(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    if request is not None and Account.objects.filter(user=user, must_change_password=True).exists():
        request.session[SESSION_KEY] = True


def _password_saved(sender: Any, instance: Any, created: bool, raw: bool = False, **_: Any) -> None:
    """A new password was saved (Django keeps the raw one on ``_password`` until after the save)."""
    if raw or created or getattr(instance, "_password", None) is None:
        return
    Account.objects.filter(user=instance, must_change_password=True).update(must_change_password=False)


def connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="accounts.first_login.logged_in")
    post_save.connect(_password_saved, sender=get_user_model(), dispatch_uid="accounts.first_login.saved")


class PasswordChangeRequiredMiddleware:
    """Send a user whose session carries the flag to the password change page (after the second factor)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        session = getattr(request, "session", None)
        if session is None or not session.get(SESSION_KEY):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in ALLOWED:
            return None
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        user = getattr(request, "user", None)
        if user is None or not Account.objects.filter(user_id=user.pk, must_change_password=True).exists():
            session.pop(SESSION_KEY, None)  # changed already (or another user): nothing to ask
            return None
        messages.info(request, _("Mật khẩu của bạn do cán bộ cấp: xin đổi mật khẩu trước khi làm việc."))
        if getattr(request, "htmx", False):
            return HttpResponse(status=204, headers={"HX-Redirect": reverse("password_change")})
        return redirect("password_change")
