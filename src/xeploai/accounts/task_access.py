"""Who reads and writes which tasks of the register (ND335, R-102), as querysets for the pages.

A user's own tasks are those of the people their role assignments name. The tasks a manager confirms are
the unconfirmed tasks of other people whose workplace or cell lies in the subtree of one of the manager's
editing roles (``predicates.EDIT_ROLES``), and the tasks of the units in it. A task outside these sets
answers 404, so its existence does not leak; the action is then checked with the permission names of
``accounts.permissions`` (403).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from xeploai.accounts.access import User, check_permission, people_under, user_scope
from xeploai.accounts.predicates import EDIT_ROLES, own_person_ids
from xeploai.registry.models import Organization, Person, minimal_paths
from xeploai.registry.task_register import Task

TASK_PERMISSIONS = {"view": None, "edit": "registry.edit_task", "confirm": "registry.confirm_task"}


def own_people(user: User) -> QuerySet[Person]:
    """The people whose tasks the user enters: the ones their role assignments name."""
    return Person.objects.filter(pk__in=own_person_ids(user)).select_related(
        "workplace", "party_organization"
    )


def managed_paths(user: User) -> list[str]:
    """The tops of the subtrees whose tasks the user confirms."""
    return minimal_paths(g.path for g in user_scope(user).grants if g.role in EDIT_ROLES)


def tasks_managed_by(user: User) -> QuerySet[Task]:
    """Tasks the user may confirm (confirmed or not): in their editing subtrees, never their own."""
    tasks = Task.objects.select_related("person__workplace", "person__party_organization", "organization")
    if user_scope(user).everything:
        return tasks.exclude(person__in=own_person_ids(user))
    paths = managed_paths(user)
    if not paths:
        return tasks.none()
    people = people_under((), paths).values("pk")
    units = Organization.objects.within_any(paths).values("pk")
    return tasks.filter(Q(person__in=people) | Q(organization__in=units)).exclude(
        person__in=own_person_ids(user)
    )


def tasks_to_confirm(user: User) -> QuerySet[Task]:
    """The unconfirmed tasks the user may confirm, due first."""
    return tasks_managed_by(user).filter(confirmed_at__isnull=True).order_by("due_on", "pk")


def tasks_visible_to(user: User) -> QuerySet[Task]:
    """The user's own tasks and those they manage."""
    own = Task.objects.filter(person__in=own_person_ids(user)).values("pk")
    return Task.objects.select_related(
        "person__workplace", "person__party_organization", "organization"
    ).filter(Q(pk__in=own) | Q(pk__in=tasks_managed_by(user).values("pk")))


def get_task_for_user(user: User, pk: int, *, action: str = "view") -> Task:
    """The task ``pk`` if ``user`` may see it and do ``action``; else 404 (or 403 for the action)."""
    try:
        task = tasks_visible_to(user).get(pk=pk)
    except Task.DoesNotExist:
        raise Http404(_("Không tìm thấy nhiệm vụ.")) from None
    check_permission(user, TASK_PERMISSIONS, action, task, _("Bạn không có quyền sửa nhiệm vụ này."))
    return task
