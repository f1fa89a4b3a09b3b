"""The home page "Việc của tôi": what each role of the user has left to do, with deadlines and links."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from xeploai.accounts.access import user_scope
from xeploai.accounts.predicates import ANSWER_ROLES
from xeploai.campaigns.work import WorkItem, work_items
from xeploai.jobs.models import Job
from xeploai.questions import access as questions_access
from xeploai.questions.models import QuestionStatus
from xeploai.web.views import tasks

FILES_SHOWN = 10


def _question_item(request: HttpRequest) -> WorkItem | None:
    """Open questions for a user whose role answers them (S-17), counted in one query."""
    if not any(g.role in ANSWER_ROLES for g in user_scope(request.user).grants):
        return None
    count = questions_access.questions_visible_to(request.user).filter(status=QuestionStatus.OPEN).count()
    if not count:
        return None
    return WorkItem(_("Trả lời câu hỏi"), count, None, False, "questions:list", (), "?trang-thai=OPEN")


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Every line of work due for the user; a user without role is told whom to ask."""
    today = timezone.localdate()
    items = work_items(request.user, today)
    question = _question_item(request)
    if question is not None:
        items.append(question)
    items.extend(tasks.work_items(request.user))  # the task register (ND335): own tasks, tasks to confirm
    lines = [(item, reverse(item.route, args=item.args) + item.query) for item in items]
    scope = user_scope(request.user)
    # "Tệp đã tạo": the user's background files not yet expired, newest first.
    files = Job.objects.filter(owner=request.user, expires_at__gt=timezone.now()).select_related(
        "organization").order_by("-created_at")[:FILES_SHOWN]
    context = {"lines": lines, "has_role": bool(scope.grants) or scope.everything, "today": today,
               "files": files}
    return render(request, "web/home.html", context)
