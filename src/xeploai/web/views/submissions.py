"""Pages of the reports sent upward (S-10): a committee's submissions, the superior's inbox, the deadlines.

Thin views: the organization comes through ``report_scope.report_org`` (404 outside the subtree, 403 for a
MEMBER role), a submission through ``submissions.get_submission_for_user`` (404 unless the user reviews it
or sits on the sender's side); every write goes through a service of ``xeploai.reports.submissions``,
which checks the permission again.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xeploai.accounts.access import get_organization_for_user
from xeploai.campaigns.models import Campaign
from xeploai.reports import submissions as S
from xeploai.reports.models import SubmissionStatus
from xeploai.web.disclosure import record_disclosure
from xeploai.web.views.report_scope import pick_campaign, report_org

FILES = {"bao-cao": "summary_document", "thong-ke": "statistics_workbook"}


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def submission_home(request: HttpRequest) -> HttpResponse:
    """A committee's submissions for a campaign (every revision, with the superior's comments)."""
    org = report_org(request)
    campaigns, campaign = pick_campaign(request, org)
    history = S.submissions_of(campaign=campaign, organization=org) if campaign else []
    context = {
        "org": org, "campaigns": campaigns, "campaign": campaign, "history": history,
        "can_submit": S.can_submit(request.user, org) and org.parent_id is not None and campaign is not None,
        "open": any(s.status in S.COUNTED for s in history),
    }
    return render(request, "submissions/home.html", context)


@require_POST
@login_required
def submission_create(request: HttpRequest) -> HttpResponse:
    """Generate and send the report of ``org`` for ``campaign`` (S-10)."""
    org_pk, campaign_pk = request.POST.get("org", ""), request.POST.get("campaign", "")
    if not org_pk.isdigit() or not campaign_pk.isdigit():
        raise Http404
    org = get_organization_for_user(request.user, int(org_pk))
    campaign = Campaign.objects.filter(pk=int(campaign_pk)).first()
    if campaign is None:
        raise Http404
    try:
        sub = S.report_submit(campaign=campaign, organization=org, by=request.user,
                              note=request.POST.get("note", ""), on=timezone.localdate())
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Đã gửi báo cáo lần %(n)s lên %(to)s.") % {"n": sub.revision,
                                                                             "to": org.parent.name})
    return redirect(f"{reverse('submissions:home')}?org={org.pk}&campaign={campaign.pk}")


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The superior's inbox: submissions from below, pending ones first."""
    rows = list(S.inbox_for(request.user).order_by("-submitted_at")[:500])
    order = {SubmissionStatus.SUBMITTED: 0, SubmissionStatus.RETURNED: 1, SubmissionStatus.ACCEPTED: 2}
    rows.sort(key=lambda s: order.get(s.status, 3))
    return render(request, "submissions/inbox.html", {"rows": rows})


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sub = S.get_submission_for_user(request.user, pk)
    context = {
        "sub": sub, "history": S.submissions_of(campaign=sub.campaign, organization=sub.organization),
        "can_review": S.can_review(request.user, sub) and sub.status == SubmissionStatus.SUBMITTED,
    }
    return render(request, "submissions/detail.html", context)


@login_required
def submission_file(request: HttpRequest, pk: int, which: str) -> FileResponse:
    sub = S.get_submission_for_user(request.user, pk)
    if which not in FILES:
        raise Http404
    field = getattr(sub, FILES[which])
    name = field.name.rsplit("/", 1)[-1]
    response = FileResponse(field.open("rb"), as_attachment=True, filename=name)
    record_disclosure("report.downloaded", rows=1, obj=sub, org_path=sub.organization.path, file=which)
    return response


def _review(request: HttpRequest, pk: int, service: Callable[..., object], done: str) -> HttpResponse:
    """Return or accept the submission ``pk`` through ``service``; ``done`` is the message on success."""
    sub = S.get_submission_for_user(request.user, pk)
    try:
        service(submission=sub, by=request.user, comment=request.POST.get("comment", ""))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, done)
    return redirect("submissions:detail", pk)


@require_POST
@login_required
def submission_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _review(request, pk, S.report_return, _("Đã trả lại báo cáo kèm ý kiến."))


@require_POST
@login_required
def submission_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _review(request, pk, S.report_accept, _("Đã tiếp nhận báo cáo."))


@login_required
def submission_deadlines(request: HttpRequest) -> HttpResponse:
    """Per committee below: the submission date counted against its tier's deadline (S-10)."""
    org = report_org(request)
    campaigns, campaign = pick_campaign(request, org)
    rows = S.submission_dates(campaign, org, on=timezone.localdate()) if campaign else []
    return render(request, "submissions/deadlines.html",
                  {"org": org, "campaigns": campaigns, "campaign": campaign, "rows": rows})
