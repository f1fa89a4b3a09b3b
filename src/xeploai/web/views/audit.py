"""Audit pages: the events of an organization's subtree and of one subject (who, when, from where, what).

In words (issue 12 item 7): the event's name, the person's name of the actor, local time dd/mm/yyyy HH:MM,
what changed as users read it; the event's code only in small print.

Readable by a superuser and by ORG_COMMISSION / STANDING_COMMITTEE / ADMIN roles covering the place
(``xeploai.audit.selectors``); an organization or subject outside the user's subtree answers 404, one
inside it without such a role 403.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from xeploai.accounts.access import get_organization_for_user, user_scope
from xeploai.accounts.personal_data import reader_for
from xeploai.audit import selectors
from xeploai.audit.models import AuditEvent
from xeploai.campaigns.models import Subject

EVENTS_PER_PAGE = 50


def _render(request: HttpRequest, events: QuerySet[AuditEvent], context: dict) -> HttpResponse:
    page = Paginator(events.order_by("-seq"), EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    reader = reader_for(request.user)  # personal fields shown as the policy lets this user see them
    rows = selectors.event_rows(page.object_list, reader)  # in words: names, people, values
    context |= {"page": page, "rows": rows}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "audit/_event_rows.html", context)
    return render(request, "audit/events.html", context)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Every event the user may read."""
    if selectors.audit_root_paths(request.user) == []:
        raise PermissionDenied(_("Bạn không có quyền xem nhật ký thay đổi."))
    return _render(request, selectors.events_visible_to(request.user), {"heading": _("Nhật ký thay đổi")})


@login_required
def organization(request: HttpRequest, pk: int) -> HttpResponse:
    """The events of an organization and everything below it."""
    org = get_organization_for_user(request.user, pk)
    if not request.user.has_perm("audit.read_events", org):
        raise PermissionDenied(_("Bạn không có quyền xem nhật ký thay đổi của tổ chức này."))
    events = selectors.events_in_subtree(path=org.path).select_related("subject")
    heading = _("Nhật ký thay đổi: %(name)s") % {"name": org.name}
    return _render(request, events, {"heading": heading, "org": org})


@login_required
def subject(request: HttpRequest, pk: int) -> HttpResponse:
    """The events of one subject of a campaign."""
    target = Subject.objects.filter(pk=pk).select_related("person", "collective", "organization").first()
    scope = user_scope(request.user)
    if target is None or not (scope.everything or any(g.covers(target.org_path) for g in scope.grants)):
        raise Http404(_("Không tìm thấy đối tượng."))
    if not request.user.has_perm("audit.read_events", target):
        raise PermissionDenied(_("Bạn không có quyền xem nhật ký thay đổi của đối tượng này."))
    events = AuditEvent.objects.filter(subject_id=target.pk).select_related("subject")
    heading = _("Nhật ký thay đổi: %(name)s") % {"name": target}
    return _render(request, events, {"heading": heading, "subject": target})
