"""Template helpers shared by every page: the user's role scope, query strings for pagination."""

from __future__ import annotations

from django import template
from django.http import HttpRequest

from xeploai.accounts.access import Grant, user_scope

register = template.Library()


@register.simple_tag
def scope_grants(user: object) -> tuple[Grant, ...]:
    """The user's role assignments (read once per request, shared with the access checks)."""
    return user_scope(user).grants  # type: ignore[arg-type]


@register.simple_tag
def query_with(request: HttpRequest, **changes: object) -> str:
    """The current query string with ``changes`` applied (e.g. another page number)."""
    params = request.GET.copy()
    for key, value in changes.items():
        params[key] = str(value)
    return "?" + params.urlencode()
