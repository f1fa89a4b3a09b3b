"""The year's statistics as a page (issue 14 item 4, R-95): every outermost campaign of a year added up,
one row per campaign in the tables by unit (``reports.selectors.year_statistics``).

For the province's and the Central Organization Commission (``reports.see_year_statistics``); each sees
the campaigns whose root they cover (a superuser: all). A scope of more subjects than
``XEPLOAI_YEAR_STATS_INLINE_SUBJECTS`` is computed by a job (``jobs.work.year_statistics``): its figures
are kept on the job and shown with the time they were computed, until the user asks for them again.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from xeploai.accounts import predicates as P
from xeploai.campaigns.models import Campaign, RatingStage, Subject
from xeploai.jobs.models import ACTIVE, Job, JobKind, JobStatus
from xeploai.jobs.services import job_start
from xeploai.jobs.work import kept_groups
from xeploai.reports import selectors
from xeploai.reports.stats import Statistics
from xeploai.web.views.report_scope import pick_stage

REFUSED = gettext_lazy("Thống kê cả năm dành cho Ban Tổ chức cấp tỉnh và Trung ương.")


def user_years(request: HttpRequest) -> list[int]:
    """The years with a campaign whose root the user covers, newest first (one query)."""
    rows = Campaign.objects.values_list("year", "root__path").distinct()
    return sorted({year for year, path in rows if P.can_manage_campaign(request.user, path)}, reverse=True)


def year_scope(request: HttpRequest, years: list[int]) -> tuple[int | None, str, list[Campaign]]:
    """The year (``?year=``, else the newest of ``years``), the stage and the outermost campaigns of the
    year whose root the user covers."""
    if not request.user.has_perm("reports.see_year_statistics"):
        raise PermissionDenied(REFUSED)
    raw, stage = request.GET.get("year", ""), pick_stage(request)
    if raw and not raw.isdigit():
        raise Http404
    year = int(raw) if raw else next(iter(years), None)
    if year is None:
        return None, stage, []
    user = request.user
    campaigns = [c for c in selectors.year_campaigns(year) if P.can_manage_campaign(user, c.root.path)]
    return year, stage, campaigns


def _scope_key(campaigns: list[Campaign]) -> str:
    return ",".join(str(pk) for pk in sorted(c.pk for c in campaigns))


def _jobs(
    request: HttpRequest, year: int, stage: str, campaigns: list[Campaign]
) -> tuple[Job | None, Job | None]:
    """The user's year-statistics job still running, and the latest one finished, for this exact scope."""
    mine = Job.objects.filter(
        owner=request.user,
        kind=JobKind.YEAR_STATISTICS,
        params__year=year,
        params__stage=stage,
        params__scope=_scope_key(campaigns),
    )
    running = mine.filter(status__in=ACTIVE).order_by("-created_at").first()
    done = mine.filter(status=JobStatus.DONE).order_by("-finished_at").first()
    return running, done


def _is_large(campaigns: list[Campaign]) -> bool:
    limit = settings.XEPLOAI_YEAR_STATS_INLINE_SUBJECTS
    return Subject.objects.filter(campaign__in=campaigns).order_by()[: limit + 1].count() > limit


def _tables(request: HttpRequest, year: int, stage: str, campaigns: list[Campaign]) -> dict[str, object]:
    """The tables now (a small scope), or those a job kept (a large one), with the job's state."""
    if not _is_large(campaigns):
        stats: Statistics | None = selectors.year_statistics(year=year, stage=stage, campaigns=campaigns)
        return {"stats": stats, "large": False}
    running, done = _jobs(request, year, stage, campaigns)
    stats = None
    if done is not None:
        stats = selectors.year_tables(year=year, stage=stage, campaigns=campaigns, groups=kept_groups(done))
    return {"stats": stats, "large": True, "running": running, "computed": done}


@login_required
@require_GET
def year_statistics_page(request: HttpRequest) -> HttpResponse:
    """The year's tables by kind and by province, with the year and stage pickers."""
    years = user_years(request) if request.user.has_perm("reports.see_year_statistics") else []
    year, stage, campaigns = year_scope(request, years)
    context: dict[str, object] = {
        "year": year,
        "years": years,
        "stage": stage,
        "stages": RatingStage.choices,
        "campaigns": campaigns,
    }
    if campaigns and year is not None:
        context.update(_tables(request, year, stage, campaigns))
        stats = context["stats"]
        if isinstance(stats, Statistics):
            stats.unit_ids = {}  # a province's row names its campaign; the page has no unit to open
    return render(request, "reports/year_statistics.html", context)


@login_required
@require_POST
def year_statistics_start(request: HttpRequest) -> HttpResponse:
    """Compute the year's figures in the background and go to the job's progress page."""
    year, stage, campaigns = year_scope(request, [])
    if year is None or not campaigns:
        raise Http404(_("Không có đợt đánh giá nào của năm này trong phạm vi của bạn."))
    running, _done = _jobs(request, year, stage, campaigns)
    if running is not None:
        return redirect("jobs:detail", running.pk)
    params = {
        "year": year,
        "stage": stage,
        "campaigns": sorted(c.pk for c in campaigns),
        "scope": _scope_key(campaigns),
    }
    job = job_start(owner=request.user, kind=JobKind.YEAR_STATISTICS, params=params)
    return redirect("jobs:detail", job.pk)
