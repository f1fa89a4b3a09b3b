"""More report pages (issue 5, items 3–7): publication, comparison of equivalent positions, charts.

Each view fetches its organization through an access helper first (outside the user's reach → 404),
then reads through a selector of ``xeploai.reports``; the views only pick the campaign and render.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xeploai.accounts.access import (
    get_organization_for_user,
    get_person_for_user,
    person_paths,
    root_organizations_for,
)
from xeploai.campaigns.models import Campaign, RatingStage
from xeploai.registry.models import CollectiveKind, Organization, OrganizationKind, Tier
from xeploai.reports import charts, comparison, history, publication, selectors
from xeploai.reports.history import History
from xeploai.reports.stats import LEVELS_DESC
from xeploai.rules.kinds import SubjectType


def pick_campaign(request: HttpRequest, org: Organization) -> tuple[list[Campaign], Campaign | None]:
    """The campaigns covering ``org`` and the one chosen by ``?campaign=`` (or the newest)."""
    campaigns = list(selectors.campaigns_covering(org).select_related("root"))
    chosen = request.GET.get("campaign", "")
    if chosen and not chosen.isdigit():
        raise Http404
    campaign = next((c for c in campaigns if str(c.pk) == chosen), campaigns[0] if campaigns else None)
    return campaigns, campaign


def report_org(request: HttpRequest) -> Organization:
    """The organization of ``?org=`` (else the user's first root) for figures about people.

    Outside the user's subtree → 404; a user whose only role there is MEMBER → 403 (figures about other
    people are not theirs to read, as on the statistics page).
    """
    pk = request.GET.get("org", "")
    if pk:
        if not pk.isdigit():
            raise Http404
        org = get_organization_for_user(request.user, int(pk))
    else:
        org = root_organizations_for(request.user).select_related("parent").first()
        if org is None:
            raise PermissionDenied(_("Bạn chưa được phân quyền ở tổ chức nào."))
    if not request.user.has_perm("reports.see_figures", org):
        raise PermissionDenied(_("Bạn không có quyền xem số liệu của tổ chức này."))
    return org


def pick_stage(request: HttpRequest) -> str:
    stage = request.GET.get("stage", RatingStage.DECIDED)
    return stage if stage in RatingStage.values else RatingStage.DECIDED


@login_required
def publication_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The published results of a unit (S-15, R-88): nothing before publication, never any ballot."""
    unit = publication.publication_unit_for_user(request.user, pk)
    campaigns, campaign = pick_campaign(request, unit)
    result = publication.unit_publication(campaign=campaign, unit=unit)
    context = {"unit": unit, "campaigns": campaigns, "campaign": campaign, "result": result}
    return render(request, "reports_more/publication.html", context)


def _history_response(request: HttpRequest, history: History, name: str, back_url: str) -> HttpResponse:
    """The fragment for htmx (the registry page loads it into its slot), the full page otherwise."""
    context = {"history": history, "name": name, "back_url": back_url}
    template = "reports_more/_history.html" if request.htmx else "reports_more/history.html"
    return render(request, template, context)


@login_required
def person_history_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's levels by year with the R-77 / R-78 / R-79 / R-79b flags (published only for a MEMBER)."""
    person = get_person_for_user(request.user, pk)
    published_only = not history.sees_unpublished(request.user, person_paths(person))
    data = history.person_history(person=person, published_only=published_only)
    return _history_response(request, data, person.full_name, reverse("web:person", args=[pk]))


@login_required
def organization_history_page(request: HttpRequest, pk: int) -> HttpResponse:
    """An organization's own levels by year (R-79b) and its collectives' levels."""
    org = get_organization_for_user(request.user, pk)
    published_only = not history.sees_unpublished(request.user, [org.path])
    data = history.organization_history(organization=org, published_only=published_only)
    return _history_response(request, data, org.name, reverse("web:organization", args=[pk]))


def _choice(request: HttpRequest, name: str, allowed: list[str], default: str) -> str:
    value = request.GET.get(name, "")
    return value if value in allowed else default


@login_required
def comparison_page(request: HttpRequest) -> HttpResponse:
    """Equivalent positions side by side (S-15) with the uniform and leniency flags and their statistic."""
    org = report_org(request)
    campaigns, campaign = pick_campaign(request, org)
    stage = pick_stage(request)
    mode = _choice(request, "mode", list(comparison.MODES), "organizations")
    context: dict[str, object] = {
        "org": org, "campaigns": campaigns, "campaign": campaign, "stage": stage, "mode": mode,
        "stages": RatingStage.choices, "subject_types": [(t.value, t.label) for t in SubjectType],
        "collective_kinds": CollectiveKind.choices, "result": None,
        "min_subjects": comparison.MIN_SUBJECTS, "z_threshold": comparison.Z_THRESHOLD,
    }
    if campaign is not None and mode == "organizations":
        groups = [
            (f"{k}:{t}", f"{OrganizationKind(k).label} — {Tier(t).label} ({n})")
            for k, t, n in comparison.organization_peer_kinds(org)
            if k in OrganizationKind.values and t in Tier.values
        ]
        group = _choice(request, "group", [g for g, _label in groups], groups[0][0] if groups else "")
        subject_type = _choice(request, "type", list(SubjectType), SubjectType.PARTY_MEMBER)
        context.update(groups=groups, group=group, subject_type=subject_type)
        if group:
            kind, tier = group.split(":")
            context["result"] = comparison.compare_organizations(
                campaign=campaign, root=org, kind=kind, tier=tier, subject_type=subject_type, stage=stage
            )
    elif campaign is not None and mode == "leaders":
        positions = comparison.leader_positions(campaign=campaign, root=org)
        names = [p for p, _n in positions]
        position = request.GET.get("position", "")
        position = position if position in names else (names[0] if names else "")
        context.update(positions=positions, position=position)
        if position:
            context["result"] = comparison.compare_leaders(
                campaign=campaign, root=org, position=position, stage=stage
            )
    elif campaign is not None:
        ckind = _choice(request, "ckind", list(CollectiveKind.values), CollectiveKind.CELL_COMMITTEE)
        context["ckind"] = ckind
        context["result"] = comparison.compare_collectives(
            campaign=campaign, root=org, collective_kind=ckind, stage=stage
        )
    return render(request, "reports_more/comparison.html", context)


@login_required
def charts_page(request: HttpRequest) -> HttpResponse:
    """The dashboard: levels by tier, ratings per stage per day, late units; each chart over its table."""
    org = report_org(request)
    campaigns, campaign = pick_campaign(request, org)
    context: dict[str, object] = {"org": org, "campaigns": campaigns, "campaign": campaign}
    if campaign is not None:
        tiers, tier_chart = charts.levels_by_tier(campaign=campaign, root=org)
        days, day_chart = charts.progress_by_day(campaign=campaign, root=org)
        late, late_chart = charts.late_units(campaign=campaign, root=org, on=timezone.localdate())
        context.update(tiers=tiers, tier_chart=tier_chart, days=days, day_chart=day_chart, late=late,
                       late_chart=late_chart, stages=RatingStage.choices, levels=LEVELS_DESC)
    return render(request, "reports_more/charts.html", context)
