"""The pages where officers record the facts the rules need (issue 13 item 6), reachable from the person's
and the organization's pages ("Thông tin phục vụ đánh giá, xếp loại").

A person's page: the start of work at the agency (R-25) and the unit a deputy leads (R-66), transfers
(R-16, R-28), temporary party activity (R-17), conclusions of degradation (R-33a), confidence votes (R-106)
and, on each disciplinary decision, whether its violation was already counted in an earlier year (R-33d,
R-76). An organization's page: its review meetings (S-04) and conclusions of disunity on it or on one of its
collectives (R-40a, R-37). Both need the registry's edit permission on the person or the organization (an
editing role covering it; outside the user's subtree: 404); every write is audited by the registry's
signals. Each form posts its name in ``form``; a fact recorded by mistake is removed with ``form=delete``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xeploai.accounts import personal_data as pd
from xeploai.accounts.access import (
    get_organization_for_user,
    get_person_for_user,
    organizations_visible_to,
    person_paths,
)
from xeploai.registry import fact_services
from xeploai.registry.models import (
    Collective,
    Conclusion,
    ConfidenceVote,
    Discipline,
    Organization,
    Person,
    ReviewMeeting,
    TemporaryActivity,
    Transfer,
)
from xeploai.web.views import recorded_facts_forms as f

SAVED = _("Đã ghi.")
PERSON_FORMS: dict[str, type[forms.ModelForm]] = {
    "transfer": f.TransferForm,
    "temporary": f.TemporaryActivityForm,
    "conclusion": f.ConclusionForm,
    "vote": f.ConfidenceVoteForm,
}
PERSON_ROWS: dict[str, type[models.Model]] = {
    "transfer": Transfer,
    "temporary": TemporaryActivity,
    "conclusion": Conclusion,
    "vote": ConfidenceVote,
}


def _save(request: HttpRequest, form: forms.ModelForm, row: models.Model) -> bool:
    """Copy the form's data onto ``row`` and save it; the model's errors go back onto the form."""
    for name, value in form.cleaned_data.items():
        setattr(row, name, value)
    try:
        fact_services.save_fact(row)
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return False
    messages.success(request, SAVED)
    return True


def _delete(request: HttpRequest, rows: dict[str, models.QuerySet[Any]]) -> None:
    """Remove the row ``kind`` / ``id`` posted, looked up among the page's own rows only."""
    qs = rows.get(request.POST.get("kind", ""))
    pk = request.POST.get("id", "")
    row = qs.filter(pk=int(pk)).first() if qs is not None and pk.isdigit() else None
    if row is None:
        raise Http404(_("Không tìm thấy dòng cần xóa."))
    fact_services.delete_fact(row)
    messages.success(request, _("Đã xóa."))


def _person_rows(person: Person) -> dict[str, models.QuerySet[Any]]:
    return {kind: model._default_manager.filter(person=person) for kind, model in PERSON_ROWS.items()}


def _person_post(request: HttpRequest, person: Person, start: forms.ModelForm, bound: dict[str, Any]) -> bool:
    """Handle one posted form of a person's page; True when something was written."""
    name = request.POST.get("form", "")
    if name == "delete":
        _delete(request, _person_rows(person))
        return True
    if name == "counted":  # R-33d, R-76
        decision = Discipline.objects.filter(person=person, pk=request.POST.get("id") or 0).first()
        if decision is None:
            raise Http404(_("Không tìm thấy quyết định kỷ luật."))
        fact_services.set_counted_before(decision, request.POST.get("counted") == "1")
        messages.success(request, SAVED)
        return True
    if name == "start":
        if start.is_valid():
            fact_services.save_fact(person, fields=["employed_from", "led_unit"])
            messages.success(request, SAVED)
            return True
        return False
    form_class = PERSON_FORMS.get(name)
    if form_class is None:
        raise Http404(_("Không rõ biểu mẫu."))
    form = bound[name] = form_class(request.POST, prefix=name)
    return form.is_valid() and _save(request, form, PERSON_ROWS[name](person=person))


@login_required
@require_http_methods(["GET", "POST"])
def person_facts(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the facts of a person the rules need (module docstring)."""
    person = get_person_for_user(request.user, pk, action="edit")
    is_start = request.method == "POST" and request.POST.get("form") == "start"
    start = f.PersonStartForm(request.POST if is_start else None, instance=person, prefix="start")
    start.fields["led_unit"].queryset = organizations_visible_to(request.user)  # type: ignore[attr-defined]
    bound: dict[str, Any] = {}
    if request.method == "POST" and _person_post(request, person, start, bound):
        return redirect("web:person_facts", pk=person.pk)
    levels = pd.reader_for(request.user).levels(person.pk, person_paths(person))
    context = {
        "person": person,
        "start": start,
        "forms": {n: bound.get(n) or cls(prefix=n) for n, cls in PERSON_FORMS.items()},
        "rows": {k: list(qs) for k, qs in _person_rows(person).items()},
        # The decisions and the conclusions' words as the personal-data policy lets this reader see them.
        "disciplines": [] if levels[pd.DISCIPLINE] == pd.HIDDEN else person.disciplines.order_by("-pk"),
        "notes_shown": levels[pd.DISCIPLINE] == pd.FULL,
    }
    return render(request, "web/person_facts.html", context)


def _org_rows(org: Organization) -> dict[str, models.QuerySet[Any]]:
    return {
        "meeting": ReviewMeeting.objects.filter(organization=org),
        "conclusion": Conclusion.objects.filter(
            models.Q(organization=org) | models.Q(collective__organization=org)
        ).select_related("collective", "organization"),
    }


class OrgConclusionForm(f.ConclusionForm):
    """A conclusion of disunity on the organization or one of its collectives (R-40a, R-37)."""

    about = forms.ChoiceField(label=_("Đối tượng"))

    class Meta(f.ConclusionForm.Meta):
        fields = ["about", "concluded_on", "note"]


def _org_post(request: HttpRequest, org: Organization, bound: dict[str, Any], about: list[Any]) -> bool:
    name = request.POST.get("form", "")
    if name == "delete":
        _delete(request, _org_rows(org))
        return True
    if name == "meeting":
        form = bound["meeting"] = f.ReviewMeetingForm(request.POST, prefix="meeting")
        return form.is_valid() and _save(request, form, ReviewMeeting(organization=org))
    if name != "conclusion":
        raise Http404(_("Không rõ biểu mẫu."))
    form = bound["conclusion"] = OrgConclusionForm(request.POST, prefix="conclusion")
    form.fields["about"].choices = about  # type: ignore[attr-defined]
    if not form.is_valid():
        return False
    target = form.cleaned_data.pop("about")
    row = Conclusion(organization=org) if target == "org" else Conclusion(collective_id=int(target))
    return _save(request, form, row)


@login_required
@require_http_methods(["GET", "POST"])
def organization_facts(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an organization's review meetings and conclusions (module docstring)."""
    org = get_organization_for_user(request.user, pk, action="edit")
    about = [("org", org.name), *((str(c.pk), c.name) for c in Collective.objects.filter(organization=org))]
    bound: dict[str, Any] = {}
    if request.method == "POST" and _org_post(request, org, bound, about):
        return redirect("web:organization_facts", pk=org.pk)
    conclusion = bound.get("conclusion") or OrgConclusionForm(prefix="conclusion")
    conclusion.fields["about"].choices = about
    context = {
        "org": org,
        "meeting_form": bound.get("meeting") or f.ReviewMeetingForm(prefix="meeting"),
        "conclusion_form": conclusion,
        "rows": {k: list(qs) for k, qs in _org_rows(org).items()},
    }
    return render(request, "web/organization_facts.html", context)
