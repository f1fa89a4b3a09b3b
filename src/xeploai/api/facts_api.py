"""Registry endpoints for the facts the rules need (issue 13 item 6; ``registry.facts_register``): review
meetings (S-04), transfers (R-16, R-28), temporary party activity (R-17) and conclusions of degradation or
disunity (R-33a, R-40a, R-37).

Reads follow the registry's reads (``registry_api``): the organizations and the people of the user's
subtree (an object outside it: 404); a person's conclusion is discipline data of the personal-data policy,
listed where the policy shows the person's discipline and its words only in full. Writes are the
workbook's sheets (``registry_writes``: POST on the same paths, all-or-nothing per request).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja.pagination import paginate

from xeploai.accounts.access import (
    get_organization_for_user,
    get_person_for_user,
    organizations_visible_to,
    people_visible_to,
)
from xeploai.accounts.personal_data import DISCIPLINE
from xeploai.api.errors import responses
from xeploai.api.pagination import Pages
from xeploai.api.registry_api import PERSON_RELATED, router, shown_people
from xeploai.api.schemas import ConclusionOut, ReviewMeetingOut, TemporaryActivityOut, TransferOut
from xeploai.registry.models import Conclusion, Person, ReviewMeeting, TemporaryActivity, Transfer

PERSON_ROW_RELATED = tuple(f"person__{name}" for name in PERSON_RELATED)


@router.get("/meetings", response=responses(list[ReviewMeetingOut]), summary="Hội nghị kiểm điểm")
@paginate(Pages)
def meetings(request: HttpRequest, organization: int | None = None) -> QuerySet[ReviewMeeting]:
    """The review meetings of the organizations the user sees (of ``organization`` only), S-04."""
    orgs = organizations_visible_to(request.user)
    if organization is not None:
        orgs = orgs.filter(pk=get_organization_for_user(request.user, organization).pk)
    return ReviewMeeting.objects.filter(organization__in=orgs.values("pk")).order_by(
        "organization__path", "held_on", "pk"
    )


def _people(request: HttpRequest, person: int | None) -> QuerySet[Person]:
    visible = people_visible_to(request.user)
    if person is not None:
        visible = visible.filter(pk=get_person_for_user(request.user, person).pk)
    return visible


@router.get(
    "/transfers", response=responses(list[TransferOut]), summary="Chuyển công tác, chuyển sinh hoạt đảng"
)
@paginate(Pages)
def transfers(request: HttpRequest, person: int | None = None) -> QuerySet[Transfer]:
    """The transfers of the people the user sees (of ``person`` only), R-16, R-28."""
    people = _people(request, person).values("pk")
    return Transfer.objects.filter(person__in=people).order_by("person_id", "moved_on", "pk")


@router.get("/temporary", response=responses(list[TemporaryActivityOut]), summary="Sinh hoạt đảng tạm thời")
@paginate(Pages)
def temporary(request: HttpRequest, person: int | None = None) -> QuerySet[TemporaryActivity]:
    """The temporary party activity of the people the user sees (of ``person`` only), R-17."""
    people = _people(request, person).values("pk")
    return TemporaryActivity.objects.filter(person__in=people).order_by("person_id", "start", "pk")


@router.get(
    "/conclusions", response=responses(list[ConclusionOut]), summary="Kết luận suy thoái, mất đoàn kết"
)
@paginate(Pages)
def conclusions(
    request: HttpRequest, person: int | None = None, organization: int | None = None
) -> QuerySet[Conclusion]:
    """Conclusions on the people the user sees (where the policy shows their discipline), and on the
    organizations and collectives of the user's subtree; of ``person``, or on ``organization`` and its
    collectives, only (R-33a, R-40a, R-37)."""
    if person is not None:
        cond = Q(person__in=_people(request, person).values("pk"))
    elif organization is not None:
        org = get_organization_for_user(request.user, organization)
        cond = Q(organization=org) | Q(collective__organization=org)
    else:
        orgs = organizations_visible_to(request.user).values("pk")
        cond = (
            Q(person__in=_people(request, None).values("pk"))
            | Q(organization__in=orgs)
            | Q(collective__organization__in=orgs)
        )
    shown = shown_people(request, DISCIPLINE).values("pk")
    rows = Conclusion.objects.filter(cond).select_related(*PERSON_ROW_RELATED)
    return rows.filter(Q(person__isnull=True) | Q(person__in=shown)).order_by("concluded_on", "pk")
