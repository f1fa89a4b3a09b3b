"""Object access for views: one helper per object kind, called first in every view (style example 1).

A user sees the subtrees of the organizations their roles are held at (``RoleAssignment``); a
superuser sees everything. The helpers fetch from the user's visible queryset, so an object outside
it answers ``Http404`` and its existence does not leak; then the action is checked (``PermissionDenied``
when the object is visible but the action is not allowed).

Who sees whom:

- An organization is visible when it lies in the subtree of any of the user's role assignments (the
  same set as ``xeploai.accounts.selectors.organizations_visible_to``; computed here from the user's
  assignments, read once per request and cached on the user object).
- A person is visible when their party organization (chi bộ sinh hoạt) or their workplace lies in the
  subtree of one of the user's roles other than MEMBER.
- The MEMBER role (đảng viên) is held at the member's own cell and names the member's ``person``: it
  makes the cell visible (its page, its collectives) and the member's own person page, but not the
  other people of the cell: their personal data is not the member's to browse (conventions.md §4.1).
  A MEMBER assignment without a person shows no person at all.

Actions: ``"view"`` (anything visible) and ``"edit"`` (the permissions ``registry.edit_organization`` and
``registry.edit_person``: a role other than MEMBER, CELL_SECRETARY or SUPERVISOR covering the object, or a
superuser). An unknown action is a programming error.

Which fields of a visible person a user reads in full, masked or not at all (citizen ID, party card,
birth date, statuses, discipline, ratings) is the personal-data policy: ``xeploai.accounts.personal_data``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from xeploai.accounts.models import Role, RoleAssignment
from xeploai.registry.models import PATH_SEGMENT, Organization, OrganizationQuerySet, Person, minimal_paths

User = AbstractBaseUser | AnonymousUser

# The permission (``xeploai.accounts.permissions``) each action of the registry pages needs; "view" is
# the visible queryset itself.
ORGANIZATION_PERMISSIONS = {"view": None, "edit": "registry.edit_organization"}
PERSON_PERMISSIONS = {"view": None, "edit": "registry.edit_person"}
_CACHE_ATTR = "_xeploai_scope"


@dataclass(frozen=True, slots=True)
class Grant:
    """One role assignment of the user, with what the pages need to show it."""

    role: str
    organization_id: int
    organization_name: str
    path: str
    person_id: int | None
    kind: str
    # The registry name of the person the role names, and the assignment's id (``names.person_name``
    # shows the first assignment's person without a query of its own).
    person_name: str | None = None
    assignment_id: int | None = None

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)

    def covers(self, path: str | None) -> bool:
        return bool(path) and path.startswith(self.path)  # type: ignore[union-attr]

    def levels_to(self, path: str) -> int:
        """Tree levels from this role's organization down to ``path`` (0 = the same organization)."""
        return (len(path) - len(self.path)) // PATH_SEGMENT


@dataclass(frozen=True, slots=True)
class Scope:
    """What a user may read: everything (superuser), or the subtrees of their grants."""

    everything: bool
    grants: tuple[Grant, ...]

    @property
    def root_paths(self) -> list[str]:
        return minimal_paths(g.path for g in self.grants)

    @property
    def people_root_paths(self) -> list[str]:
        return minimal_paths(g.path for g in self.grants if g.role != Role.MEMBER)

    @property
    def own_person_ids(self) -> frozenset[int]:
        return frozenset(g.person_id for g in self.grants if g.role == Role.MEMBER and g.person_id)

    def has_role(self, roles: frozenset[str], path: str | None) -> bool:
        return self.everything or any(g.role in roles and g.covers(path) for g in self.grants)


def user_scope(user: User) -> Scope:
    """The user's scope, read with one query and cached on the user object for the request."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if not user.is_authenticated:
        scope = Scope(everything=False, grants=())
    else:
        rows = (
            RoleAssignment.objects.filter(user=user)
            .order_by("organization__path", "role")
            .values_list(
                "role", "organization_id", "organization__name", "organization__path", "person_id",
                "organization__kind", "person__full_name", "pk",
            )
        )
        scope = Scope(everything=bool(user.is_superuser), grants=tuple(Grant(*row) for row in rows))
    setattr(user, _CACHE_ATTR, scope)
    return scope


def path_and_ancestors(path: str) -> list[str]:
    """The paths of a node and of its ancestors: "0000000100000002" → ["00000001", "0000000100000002"]."""
    return [path[:end] for end in range(PATH_SEGMENT, len(path) + 1, PATH_SEGMENT)]


def organizations_visible_to(user: User) -> OrganizationQuerySet:
    """The organizations ``user`` may read (same set as ``accounts.selectors.organizations_visible_to``)."""
    scope = user_scope(user)
    if scope.everything:
        return Organization.objects.all()
    return Organization.objects.within_any(scope.root_paths)


def people_visible_to(user: User) -> QuerySet[Person]:
    """The people ``user`` may read: see the module docstring (MEMBER sees only itself)."""
    scope = user_scope(user)
    if scope.everything:
        return Person.objects.all()
    return people_under(scope.own_person_ids, scope.people_root_paths)


def people_under(person_ids: Iterable[int], paths: list[str]) -> QuerySet[Person]:
    """The people ``person_ids`` and those whose cell or workplace lies in the subtree of one of ``paths``."""
    cond = Q(pk__in=list(person_ids))
    if paths:
        orgs = Organization.objects.within_any(paths).values("pk")
        cond |= Q(party_organization__in=orgs) | Q(workplace__in=orgs)
    return Person.objects.filter(cond)


def root_organizations_for(user: User) -> OrganizationQuerySet:
    """The tops of the user's visible subtrees (the roots of the tree for a superuser)."""
    scope = user_scope(user)
    if scope.everything:
        return Organization.objects.filter(parent__isnull=True)
    return Organization.objects.filter(path__in=scope.root_paths)


def check_permission(
    user: User, permissions: Mapping[str, str | None], action: str, obj: object, denied: str | None = None
) -> None:
    """Raise ``PermissionDenied`` (with ``denied``) unless ``user`` has the permission ``action`` needs on
    ``obj``; an action missing from ``permissions`` is a programming error."""
    if action not in permissions:
        raise ValueError(f"unknown action {action!r}")
    name = permissions[action]
    if name is not None and not user.has_perm(name, obj):
        raise PermissionDenied(denied or _("Bạn không có quyền sửa dữ liệu này."))


def get_organization_for_user(user: User, pk: int, *, action: str = "view") -> Organization:
    """The organization ``pk`` if ``user`` may see it and do ``action``; else 404 (or 403 for the action)."""
    try:
        org = organizations_visible_to(user).select_related("parent").get(pk=pk)
    except Organization.DoesNotExist:
        raise Http404(_("Không tìm thấy tổ chức.")) from None
    check_permission(user, ORGANIZATION_PERMISSIONS, action, org)
    return org


def get_person_for_user(user: User, pk: int, *, action: str = "view") -> Person:
    """The person ``pk`` if ``user`` may see them and do ``action``; else 404 (or 403 for the action)."""
    try:
        person = (
            people_visible_to(user)
            .select_related("party_organization", "workplace", "managing_committee")
            .get(pk=pk)
        )
    except Person.DoesNotExist:
        raise Http404(_("Không tìm thấy cá nhân.")) from None
    check_permission(user, PERSON_PERMISSIONS, action, person)
    return person


def person_paths(person: Person) -> list[str | None]:
    """Tree paths a person hangs from: their cell and their workplace."""
    return [
        person.party_organization.path if person.party_organization_id else None,
        person.workplace.path if person.workplace_id else None,
    ]
