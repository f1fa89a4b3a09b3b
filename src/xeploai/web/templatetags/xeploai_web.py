"""Template helpers shared by every page: the user's role scope, query strings for pagination."""

from __future__ import annotations

from django import template
from django.http import HttpRequest

from xeploai.accounts.access import Grant, user_scope
from xeploai.accounts.models import Role
from xeploai.accounts.predicates import OFFICER_ROLES, holds, imports_workbook, manages_some_accounts
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
    """Which top-bar entries the user may open, each decided as its target view decides.

    Read from the user's cached scope, without a query: the menu is on every page.
    """
    scope = user_scope(user)  # type: ignore[arg-type]
    officer = scope.everything or any(g.role != Role.MEMBER for g in scope.grants)
    roots = scope.root_paths  # the report pages open at the user's first root organization
    return {
        "progress": officer,
        # The predicate behind "registry.import_workbook", asked directly: has_perm would also query
        # Django's model permissions on every page.
        "upload": scope.everything or imports_workbook(user),
        "figures": scope.everything or bool(roots) and holds(user, OFFICER_ROLES, min(roots)),  # type: ignore[arg-type]
        "inbox": officer,
        "audit": audit_root_paths(user) != [],  # type: ignore[arg-type]
        "accounts": scope.everything or manages_some_accounts(user),
    }
