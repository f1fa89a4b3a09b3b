"""Subject pages of a campaign: review, evidence, opinions, ballot, ratings by stage, appeals.

Each view asks ``campaigns.access.get_subject_for_user`` first (outside the user's subtree → 404, action
not allowed → 403), parses its form, calls one service and redirects (POST/redirect/GET). A refusal from
the service (a ``ValidationError`` with the rule id) re-renders the page with the messages and what was
typed (200), so nothing typed is lost. The allowed-level fragment (htmx) shows the core's ``max_level``
and findings for the level being chosen, before anything is saved.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from xeploai.campaigns import appeals, decisions, reviews
from xeploai.campaigns.access import get_subject_for_user
from xeploai.campaigns.models import Appeal, Evidence, RatingStage, Subject
from xeploai.campaigns.page_data import subject_page_data
from xeploai.web.disclosure import record_disclosure
from xeploai.web.views.campaigns_forms import (
    AppealForm,
    AppealResolveForm,
    BallotForm,
    EvidenceForm,
    OpinionForm,
    RatingForm,
)


def _render(request: HttpRequest, subject: Subject, errors: Any = None, form: str = "") -> HttpResponse:
    """The subject page; with ``errors`` (a ValidationError or a form's errors) next to ``form``."""
    context = subject_page_data(subject=subject, user=request.user)
    if isinstance(errors, ValidationError):
        errors = errors.messages
    elif errors is not None:
        errors = [f"{e}" for errs in errors.values() for e in errs]
    context.update(errors=errors or [], error_form=form, posted=request.POST)
    return render(request, "campaigns/subject.html", context)


@login_required
@require_GET
def subject(request: HttpRequest, pk: int) -> HttpResponse:
    """A subject: reasons, review, evidence, opinions, ballot, ratings by stage, appeals."""
    return _render(request, get_subject_for_user(request.user, pk))


@login_required
@require_POST
def review_save(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_subject_for_user(request.user, pk, action="write_review")
    try:
        reviews.review_save(subject=s, by=request.user, data=request.POST.dict())
    except ValidationError as exc:
        return _render(request, s, exc, "review")
    messages.success(request, _("Đã lưu bản kiểm điểm."))
    return redirect("campaigns:subject", pk)


@login_required
@require_POST
def review_submit(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_subject_for_user(request.user, pk, action="write_review")
    try:
        reviews.review_submit(subject=s, by=request.user, data=request.POST.dict())
    except ValidationError as exc:
        return _render(request, s, exc, "review")
    messages.success(request, _("Đã nộp bản kiểm điểm."))
    return redirect("campaigns:subject", pk)


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_subject_for_user(request.user, pk, action="write_review")
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, s, form.errors, "evidence")
    try:
        reviews.evidence_add(subject=s, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _render(request, s, exc, "evidence")
    return redirect("campaigns:subject", pk)


@login_required
@require_GET
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """Serve an evidence file to those who may see its subject (never straight from MEDIA_URL)."""
    subject_pk = Evidence.objects.filter(pk=pk).values_list("review__subject_id", flat=True).first() or 0
    subject = get_subject_for_user(request.user, subject_pk)
    ev = Evidence.objects.get(pk=pk)
    response = FileResponse(ev.file.open("rb"), as_attachment=True, content_type=ev.content_type)
    record_disclosure("evidence.downloaded", rows=1, obj=ev, subject=subject)
    return response


@login_required
@require_POST
def opinion_add(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_subject_for_user(request.user, pk, action="write_opinion")
    form = OpinionForm(request.POST)
    if not form.is_valid():
        return _render(request, s, form.errors, "opinion")
    try:
        decisions.opinion_add(subject=s, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _render(request, s, exc, "opinion")
    return redirect("campaigns:subject", pk)


@login_required
@require_POST
def ballot_record(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_subject_for_user(request.user, pk, action="record_ballot")
    form = BallotForm(request.POST)
    if not form.is_valid():
        return _render(request, s, form.errors, "ballot")
    d = form.cleaned_data
    try:
        votes = {lvl: d[f"votes_{lvl}"] for lvl in (3, 2, 1, 0)}
        decisions.ballot_record(
            subject=s, by=request.user, votes=votes, present=d["present"], eligible=d["eligible"]
        )
    except ValidationError as exc:
        return _render(request, s, exc, "ballot")
    return redirect("campaigns:subject", pk)


def _rate(request: HttpRequest, pk: int, stage: str, action: str) -> HttpResponse:
    s = get_subject_for_user(request.user, pk, action=action)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _render(request, s, form.errors, stage)
    d = form.cleaned_data
    try:
        decisions.rating_record(subject=s, stage=stage, level=d["level"], by=request.user,
                                based_on_version=d["version"], justification=d["justification"])  # fmt: skip
    except ValidationError as exc:
        return _render(request, s, exc, stage)
    messages.success(request, _("Đã ghi mức xếp loại."))
    return redirect("campaigns:subject", pk)


@login_required
@require_POST
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    return _rate(request, pk, RatingStage.PROPOSED, "propose")


@login_required
@require_POST
def appraise(request: HttpRequest, pk: int) -> HttpResponse:
    return _rate(request, pk, RatingStage.APPRAISED, "appraise")


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _rate(request, pk, RatingStage.DECIDED, "decide")


PREVIEW_ACTIONS = {"PROPOSED": "propose", "APPRAISED": "appraise", "DECIDED": "decide"}


@login_required
@require_GET
def allowed_level(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx fragment: the highest allowed level and the findings for ``?stage=&level=`` (R-13, R-50 …)."""
    stage, level = request.GET.get("stage", ""), request.GET.get("level", "")
    if stage in PREVIEW_ACTIONS and level == "":
        return HttpResponse("")  # the empty choice: no level chosen yet, nothing to show
    if stage not in PREVIEW_ACTIONS or level not in ("0", "1", "2", "3"):
        return HttpResponseBadRequest(_("Thiếu giai đoạn hoặc mức xếp loại."))
    s = get_subject_for_user(request.user, pk, action=PREVIEW_ACTIONS[stage])
    preview = decisions.rating_preview(subject=s, stage=stage, level=int(level))
    return render(request, "campaigns/_fragments.html", {"preview": preview, "subject": s})


@login_required
@require_POST
def appeal_lodge(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_subject_for_user(request.user, pk, action="lodge_appeal")
    form = AppealForm(request.POST)
    if not form.is_valid():
        return _render(request, s, form.errors, "appeal")
    try:
        appeals.appeal_lodge(subject=s, by=request.user, text=form.cleaned_data["text"])
    except ValidationError as exc:
        return _render(request, s, exc, "appeal")
    return redirect("campaigns:subject", pk)


@login_required
@require_POST
def appeal_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    subject_pk = Appeal.objects.filter(pk=pk).values_list("subject_id", flat=True).first() or 0
    s = get_subject_for_user(request.user, subject_pk, action="resolve_appeal")
    form = AppealResolveForm(request.POST)
    if not form.is_valid():
        return _render(request, s, form.errors, "appeal")
    d = form.cleaned_data
    try:
        appeals.appeal_resolve(appeal=Appeal.objects.get(pk=pk), by=request.user, resolution=d["resolution"],
                               new_level=d["new_level"], based_on_version=d["version"])  # fmt: skip
    except ValidationError as exc:
        return _render(request, s, exc, "appeal")
    return redirect("campaigns:subject", s.pk)
