"""Registry endpoints: organizations (tree, subtree), collectives, people, statuses and disciplines.

Reads are the user's subtree (``accounts.access``: an object outside it answers 404), people and their
policy fields as ``accounts.personal_data`` shows them; writes go through the workbook import's services
(``registry_writes``), all-or-nothing per request.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from xeploai.accounts.access import (
    get_organization_for_user,
    get_person_for_user,
    organizations_visible_to,
    people_under,
    people_visible_to,
    root_organizations_for,
)
from xeploai.accounts.personal_data import DISCIPLINE, HIDDEN, STATUSES
from xeploai.api.errors import responses
from xeploai.api.pagination import Pages
from xeploai.api.schemas import (
    CollectiveOut,
    DisciplineOut,
    OrganizationOut,
    PersonOut,
    StatusOut,
    reader,
)
from xeploai.lib.vietnamese import fold
from xeploai.registry.models import Collective, Discipline, Organization, Person, StatusPeriod

router = Router(tags=["registry"])
PERSON_RELATED = ("party_organization", "workplace")


@router.get("/organizations", response=responses(list[OrganizationOut]), summary="Tổ chức (cây)")
@paginate(Pages)
def organizations(request: HttpRequest, parent: int | None = None) -> Any:
    """The tops of the user's subtrees, or the children of ``parent`` (one level of the tree)."""
    if parent is None:
        return root_organizations_for(request.user).order_by("path")
    node = get_organization_for_user(request.user, parent)
    return organizations_visible_to(request.user).filter(parent=node).order_by("path")


@router.get("/organizations/{org_id}", response=responses(OrganizationOut), summary="Một tổ chức")
def organization(request: HttpRequest, org_id: int) -> Organization:
    return get_organization_for_user(request.user, org_id)


@router.get(
    "/organizations/{org_id}/subtree",
    response=responses(list[OrganizationOut]),
    summary="Cây con của tổ chức",
)
@paginate(Pages)
def subtree(request: HttpRequest, org_id: int) -> QuerySet[Organization]:
    """The organization and everything below it, in tree order."""
    node = get_organization_for_user(request.user, org_id)
    return Organization.objects.subtree(node).order_by("path")


@router.get("/collectives", response=responses(list[CollectiveOut]), summary="Tập thể lãnh đạo, quản lý")
@paginate(Pages)
def collectives(request: HttpRequest, organization: int | None = None) -> QuerySet[Collective]:
    orgs = organizations_visible_to(request.user)
    if organization is not None:
        orgs = orgs.filter(pk=get_organization_for_user(request.user, organization).pk)
    return Collective.objects.filter(organization__in=orgs.values("pk")).order_by(
        "organization__path", "code"
    )


@router.get("/collectives/{collective_id}", response=responses(CollectiveOut), summary="Một tập thể")
def collective(request: HttpRequest, collective_id: int) -> Collective:
    found = Collective.objects.filter(
        pk=collective_id, organization__in=organizations_visible_to(request.user).values("pk")
    ).first()
    if found is None:
        raise Http404(_("Không tìm thấy tập thể."))
    return found


def _people(request: HttpRequest, organization: int | None, q: str) -> QuerySet[Person]:
    people = people_visible_to(request.user).select_related(*PERSON_RELATED)
    if organization is not None:
        org = get_organization_for_user(request.user, organization)
        people = people.filter(party_organization=org) | people.filter(workplace=org)
    if q.strip():
        people = people.filter(name_folded__contains=fold(q.strip()))
    return people.order_by("name_sort", "pk")


@router.get("/people", response=responses(list[PersonOut]), summary="Cá nhân")
@paginate(Pages)
def people(request: HttpRequest, organization: int | None = None, q: str = "") -> QuerySet[Person]:
    """The people the user sees (of ``organization``'s cell or workplace; whose name contains ``q``)."""
    return _people(request, organization, q[:120])


@router.get("/people/{person_id}", response=responses(PersonOut), summary="Một cá nhân")
def person(request: HttpRequest, person_id: int) -> Person:
    return get_person_for_user(request.user, person_id)


def shown_people(request: HttpRequest, field_name: str) -> QuerySet[Person]:
    """The people whose ``field_name`` the policy shows the user at all (masked or in full)."""
    read = reader(request)
    if read.everything:
        return Person.objects.all()
    paths = [path for path, levels in read.grants if levels[field_name] != HIDDEN]
    return people_under(read.own_person_ids, paths)


@router.get("/statuses", response=responses(list[StatusOut]), summary="Tình trạng (miễn, đình chỉ, nghỉ)")
@paginate(Pages)
def statuses(request: HttpRequest, person: int | None = None) -> QuerySet[StatusPeriod]:
    """Status periods of the people the user sees, where the policy shows statuses to the user."""
    visible = people_visible_to(request.user)
    if person is not None:
        visible = visible.filter(pk=get_person_for_user(request.user, person).pk)
    rows = (
        StatusPeriod.objects.filter(person__in=visible.values("pk"))
        .select_related("person__party_organization", "person__workplace")
        .order_by("person_id", "start", "pk")
    )
    return rows.filter(person__in=shown_people(request, STATUSES).values("pk"))


@router.get("/disciplines", response=responses(list[DisciplineOut]), summary="Kỷ luật")
@paginate(Pages)
def disciplines(request: HttpRequest, person: int | None = None) -> QuerySet[Discipline]:
    """Disciplines of the people the user sees (where the policy shows them) and of the collectives and
    organizations of the user's subtree."""
    visible = people_visible_to(request.user)
    if person is not None:
        visible = visible.filter(pk=get_person_for_user(request.user, person).pk)
        cond = Q(person__in=visible.values("pk"))
    else:
        orgs = organizations_visible_to(request.user).values("pk")
        cond = (
            Q(person__in=visible.values("pk"))
            | Q(organization__in=orgs)
            | Q(collective__organization__in=orgs)
        )
    rows = (
        Discipline.objects.filter(cond)
        .select_related("person__party_organization", "person__workplace")
        .order_by("decided_on", "pk")
    )
    shown = shown_people(request, DISCIPLINE).values("pk")
    return rows.filter(Q(person__isnull=True) | Q(person__in=shown))
