"""The account page "Mã truy cập API": the user lists, creates and revokes their own API tokens.

A new token's text is shown once, on the page answering the creation (never stored, never shown again);
the list shows each token's name, prefix, creation and last use. An administrator manages anyone's tokens
on the admin site (``xeploai.api.admin``).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from xeploai.api.models import ApiToken
from xeploai.api.tokens import token_create, token_revoke


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Tên gợi nhớ (dùng cho hệ thống nào)"),
        max_length=80,
        strip=True,
        error_messages={"required": gettext_lazy("Hãy đặt tên gợi nhớ cho mã truy cập.")},
    )


@never_cache  # the answer to a creation shows the token's text
@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    """List the user's tokens; a POST creates one and shows its text once."""
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        token, text = token_create(user=request.user, by=request.user, name=form.cleaned_data["name"])
        created = {"token": token, "text": text}
        form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at", "-pk")
    return render(request, "api/tokens.html", {"form": form, "tokens": tokens, "created": created})


@require_POST
@login_required
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's own tokens (another user's answers 404)."""
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token_revoke(token=token, by=request.user)
    messages.success(request, _("Đã thu hồi mã truy cập “%(name)s”.") % {"name": token.name})
    return redirect("api_tokens")
