"""Template helpers shared by every page: the user's role scope, query strings for pagination."""

from __future__ import annotations

from django import template
from django.http import HttpRequest

from xeploai.accounts.access import Grant, root_organizations_for, user_scope
from xeploai.accounts.models import Role
from xeploai.audit.selectors import audit_root_paths

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


@register.simple_tag
def menu_access(user: object) -> dict[str, bool]:
    """Which top-bar entries the user may open, each decided as its target view decides."""
    scope = user_scope(user)  # type: ignore[arg-type]
    officer = scope.everything or any(g.role != Role.MEMBER for g in scope.grants)
    root = root_organizations_for(user).first()  # type: ignore[arg-type]
    return {
        "progress": officer,
        "upload": user.has_perm("registry.import_workbook"),  # type: ignore[attr-defined]
        "figures": root is not None and user.has_perm("reports.see_figures", root),  # type: ignore[attr-defined]
        "inbox": officer,
        "audit": audit_root_paths(user) != [],  # type: ignore[arg-type]
    }
