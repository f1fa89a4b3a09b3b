"""Template helpers shared by every page: the user's role scope, query strings for pagination, names."""

from __future__ import annotations

from django import template
from django.http import HttpRequest
from django.utils.html import format_html

from xeploai.accounts.access import Grant, user_scope
from xeploai.accounts.models import Role
from xeploai.accounts.names import person_name as _person_name
from xeploai.accounts.predicates import OFFICER_ROLES, holds, imports_workbook, manages_some_accounts
from xeploai.audit.selectors import audit_root_paths
from xeploai.campaigns.models import RatingStage
from xeploai.campaigns.page_data import page_lang
from xeploai.campaigns.ruleset_plan import ruleset_of
from xeploai.rules import Level, cite
from xeploai.web.listing import Listing

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


@register.filter
def person_name(user: object) -> str:
    """The person's name for a user (registry name, else full name, else username): never a bare login."""
    return _person_name(user)


@register.simple_tag
def rule_citation(rule_id: str, campaign: object) -> str:
    """The document and article of ``rule_id`` under the campaign's ruleset ("theo …"); "" if unknown."""
    if not rule_id or campaign is None:
        return ""
    return cite(rule_id, ruleset_of(campaign).code, page_lang())  # type: ignore[arg-type]


@register.simple_tag
def listing_url(listing: Listing, **changes: object) -> str:
    """The list's query string with ``changes`` (``page=…``, ``sort=…``, a filter), export flag dropped."""
    return listing.query(**changes)


@register.simple_tag
def sort_header(listing: Listing, key: str, label: object) -> str:
    """A column header that sorts the list by ``key`` (a second click reverses), marked with its direction.

    Changing the sort goes back to the first page; the filters stay.
    """
    current = listing.sort_key == key
    target = f"-{key}" if current and not listing.descending else key
    mark = (" ▼" if listing.descending else " ▲") if current else ""
    state = ("descending" if listing.descending else "ascending") if current else "none"
    return format_html(
        '<a href="{}" class="sort" data-sort="{}" aria-sort="{}">{}{}</a>',
        listing.query(sort=target, page=None), key, state, label, mark,
    )


@register.filter
def level_short(level: int | None) -> str:
    """3 → "HTXS"; nothing for no level (or one the reader may not see)."""
    return "" if level is None or level == "" else Level(int(level)).short


@register.filter
def stage_label(stage: str | None) -> str:
    """"DECIDED" → "Quyết định" (in the reader's language); nothing for no stage."""
    return "" if not stage else str(RatingStage(stage).label)
