"""Campaign pages: list, create, deadlines, open; an organization's subjects; quota panel; publication;
progress dashboard (S-10, S-11, S-12, R-50, R-88).

Campaigns come through ``campaigns.access.get_campaign_for_user`` (404 outside, 403 for managing without
ADMIN / ORG_COMMISSION), organizations through ``accounts.access.get_organization_for_user`` and then the
permission ``campaigns.see_progress`` (a MEMBER role sees no lists of other people: 403).
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xeploai.accounts.access import get_organization_for_user, organizations_visible_to, user_scope
from xeploai.campaigns import campaign_setup as setup
from xeploai.campaigns import decisions
from xeploai.campaigns.access import campaigns_visible_to, get_campaign_for_user, get_subject_for_user
from xeploai.campaigns.models import Campaign, Override
from xeploai.campaigns.publishing import publication_preview
from xeploai.campaigns.quota_exceptions import exception_rows
from xeploai.campaigns.ruleset_plan import ruleset_of
from xeploai.jobs.models import FINISHED, Job, JobKind
from xeploai.jobs.services import active_open_job, campaign_open_start
from xeploai.registry.models import Organization
from xeploai.web.views.campaigns_forms import CampaignCreateForm, OverrideForm
from xeploai.web.views.progress_listing import progress_listing
from xeploai.web.views.stage_lists import stage_links
from xeploai.web.views.subject_listing import subject_listing


def _manageable_roots(request: HttpRequest):  # noqa: ANN202
    orgs = organizations_visible_to(request.user).filter(depth__lte=1).order_by("path")
    return orgs.filter(pk__in=[o.pk for o in orgs if request.user.has_perm("campaigns.manage_campaign", o)])


def campaign_and_unit(request: HttpRequest, campaign_pk: int, org_pk: int) -> tuple[Campaign, Organization]:
    campaign = get_campaign_for_user(request.user, campaign_pk)
    org = get_organization_for_user(request.user, org_pk)
    if not org.path.startswith(campaign.root.path):
        raise Http404(_("Tổ chức không thuộc đợt đánh giá này."))
    if not request.user.has_perm("campaigns.see_progress", org):
        raise PermissionDenied(_("Bạn không có quyền xem danh sách của tổ chức này."))
    return campaign, org


@login_required
@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = list(campaigns_visible_to(request.user))
    can_create = request.user.is_superuser or _manageable_roots(request).exists()
    return render(request, "campaigns/list.html", {"campaigns": campaigns, "can_create": can_create})


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    """Create a campaign from a ruleset; the plan's deadlines are prefilled and edited next (S-10)."""
    roots = _manageable_roots(request)
    if not roots.exists():
        raise PermissionDenied(_("Bạn không có quyền tạo đợt đánh giá."))
    form = CampaignCreateForm(request.POST or None, roots=roots, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            campaign = setup.campaign_setup(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã tạo đợt đánh giá; hãy kiểm tra các thời hạn rồi mở đợt."))
            return redirect("campaigns:detail", campaign.pk)
    return render(request, "campaigns/create.html", {"form": form})


@login_required
@require_GET
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, pk)
    context = {
        "campaign": campaign,
        "ruleset": ruleset_of(campaign),
        "deadlines": campaign.deadlines.all(),
        "organizations": _campaign_units(request, campaign),
        "opening": active_open_job(campaign),
        "last_open": Job.objects.filter(kind=JobKind.CAMPAIGN_OPEN, campaign=campaign, status__in=FINISHED)
        .select_related("owner")
        .order_by("-finished_at")
        .first(),
    }
    return render(request, "campaigns/detail.html", context)


def _campaign_units(request: HttpRequest, campaign: Campaign) -> list[Organization]:
    """The organizations the campaign page links to: the user's top ones in the campaign and the units
    directly under them (a province's officer: the province and its districts, not its ~500 communes,
    reached from the progress page; a district's: the district and its communes), those whose lists the
    user may open (``campaigns.see_progress``: a party member's row would lead to 403 pages)."""
    visible = organizations_visible_to(request.user).subtree(campaign.root)
    top = visible.order_by("depth").values_list("depth", flat=True).first()
    units = visible.filter(depth__lte=(top or 0) + 1).order_by("path")
    return [o for o in units if request.user.has_perm("campaigns.see_progress", o)]


BAD_DEADLINE = gettext_lazy(
    "Ngày không hợp lệ ở dòng “%(place)s”: hãy ghi theo dạng ngày/tháng/năm, ví dụ 15/12/2023."
)


def _posted_deadlines(request: HttpRequest, campaign: Campaign) -> tuple[dict[int, date], list[str]]:
    """The posted due dates (dd/mm/yyyy, the locale's input formats) and the rows whose date is wrong."""
    field = forms.DateField()
    due: dict[int, date] = {}
    bad: list[str] = []
    for d in campaign.deadlines.all():
        try:
            due[d.pk] = field.clean(request.POST.get(f"deadline_{d.pk}", ""))
        except ValidationError:
            bad.append(f"{_(d.get_tier_display())} — {d.get_kind_display()}")
    return due, bad


@login_required
@require_POST
def deadlines_update(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, pk, action="manage")
    due, bad = _posted_deadlines(request, campaign)
    if bad:  # nothing is written while one date is wrong
        for place in bad:
            messages.error(request, BAD_DEADLINE % {"place": place})
        return redirect("campaigns:detail", pk)
    try:
        changed = setup.deadlines_update(campaign=campaign, by=request.user, due=due)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("Đã cập nhật %(n)s thời hạn.") % {"n": changed})
    return redirect("campaigns:detail", pk)


@login_required
@require_POST
def campaign_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the campaign in the background (``jobs.work.campaign_open``): the answer is the job's progress
    page; while it runs the campaign page says so and a second open is refused."""
    campaign = get_campaign_for_user(request.user, pk, action="manage")
    try:
        job = campaign_open_start(campaign=campaign, by=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("campaigns:detail", pk)
    return redirect("jobs:detail", job.pk)


@login_required
@require_GET
def organization(request: HttpRequest, pk: int, org: int) -> HttpResponse:
    """The subjects of an organization's subtree in the campaign, with their reasons: filtered, sorted,
    50 a page, exported as shown (``?xuat=xlsx``); an htmx request gets the list alone."""
    campaign, node = campaign_and_unit(request, pk, org)
    listing, export = subject_listing(request, campaign=campaign, node=node)
    if export is not None:
        return export
    context = {"campaign": campaign, "org": node, "listing": listing, "rows": listing.extra["rows"]}
    context["override_choices"] = Override.choices
    context["stage_links"] = stage_links(request.user, campaign, node)
    template = "campaigns/_subject_list.html" if request.htmx else "campaigns/organization.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
@require_POST
def subject_override(request: HttpRequest, pk: int) -> HttpResponse:
    """Include or exclude a subject by hand, with a recorded reason."""
    s = get_subject_for_user(request.user, pk, action="include_exclude")
    form = OverrideForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Quyết định thủ công không hợp lệ."))
        decisions.subject_override(subject=s, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    return redirect("campaigns:organization", s.campaign_id, s.unit_id)


@login_required
@require_GET
def quota(request: HttpRequest, pk: int, org: int) -> HttpResponse:
    """Quota panel (R-50 …): capacity and the over-quota list of every scope under the organization."""
    campaign, node = campaign_and_unit(request, pk, org)
    rows = decisions.quota_panel(campaign=campaign, root=node)
    raised = exception_rows(campaign=campaign, rows=rows, user=request.user)  # R-50h
    context = {"campaign": campaign, "org": node, "rows": rows, "raised": raised}
    return render(request, "campaigns/quota.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, pk: int, org: int) -> HttpResponse:
    """Publish the decided results under the organization (R-88), after a confirmation page.

    GET shows what would be published (how many, of which kinds, at which levels) and that it cannot be
    undone; only the confirmation form's POST (``confirm=yes``) publishes, then leads to the results page.
    """
    campaign, node = campaign_and_unit(request, pk, org)
    if not request.user.has_perm("campaigns.publish_results", node):
        raise PermissionDenied(_("Bạn không có quyền công bố kết quả của tổ chức này."))
    if request.method == "GET" or request.POST.get("confirm") != "yes":
        preview = publication_preview(campaign=campaign, root=node)
        context = {"campaign": campaign, "org": node, "preview": preview}
        return render(request, "campaigns/publish_confirm.html", context)
    try:
        result = decisions.results_publish(campaign=campaign, root=node, by=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("campaigns:quota", pk, org)
    messages.success(request, _("Đã công bố %(n)s kết quả.") % {"n": result.published})
    return redirect(f"{reverse('reports:publication', args=[org])}?campaign={pk}")


@login_required
@require_GET
def dashboard(request: HttpRequest, pk: int, org: int) -> HttpResponse:
    """Progress by organization (S-10): totals, reviewed, decided, published; late units in red. Filtered by
    unit and lateness, sorted, 50 a page, exported as shown (``?xuat=xlsx``)."""
    campaign, node = campaign_and_unit(request, pk, org)
    today = timezone.localdate()
    listing, export = progress_listing(request, campaign=campaign, node=node, on=today)
    if export is not None:
        return export
    context = {"campaign": campaign, "org": node, "own": listing.extra["own"], "listing": listing,
               "rows": listing.page.object_list if listing.page else [], "today": today,
               "shown": listing.extra["root"],
               "parent": _progress_parent(request, campaign, node)}  # fmt: skip
    return render(request, "campaigns/dashboard.html", context)


def _progress_parent(request: HttpRequest, campaign: Campaign, node: Organization) -> Organization | None:
    """The unit above ``node`` when the user may open its progress page (a commune's officer does not see
    the district's: the "up" link answered 404), else None. From the cached roles: no query."""
    parent = node.parent if node.pk != campaign.root_id else None
    if parent is None:
        return None
    scope = user_scope(request.user)  # type: ignore[arg-type]
    visible = scope.everything or any(parent.path.startswith(root) for root in scope.root_paths)
    return parent if visible and request.user.has_perm("campaigns.see_progress", parent) else None


@login_required
@require_GET
def dashboard_home(request: HttpRequest) -> HttpResponse:
    """The top-bar "Tiến độ" link: the dashboard of the first campaign at the user's first root."""
    campaign = campaigns_visible_to(request.user).first()
    if campaign is None:
        return render(request, "campaigns/list.html", {"campaigns": [], "can_create": False})
    org = next((o for o in organizations_visible_to(request.user).subtree(campaign.root).order_by("path")
                if request.user.has_perm("campaigns.see_progress", o)), None)  # fmt: skip
    if org is None:
        raise PermissionDenied(_("Bạn không có quyền xem tiến độ."))
    return redirect("campaigns:dashboard", campaign.pk, org.pk)
