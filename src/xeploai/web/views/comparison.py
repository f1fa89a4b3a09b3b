"""Equivalent positions side by side (S-15): the units compared, with the uniform and leniency flags.

The organization comes through ``report_scope.report_org``; the figures from ``xeploai.reports.comparison``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from xeploai.campaigns.models import RatingStage
from xeploai.registry.models import CollectiveKind, OrganizationKind, Tier
from xeploai.reports import comparison
from xeploai.rules.kinds import SubjectType
from xeploai.web.views.report_scope import pick_campaign, pick_stage, report_org


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
    return render(request, "reports/comparison.html", context)
