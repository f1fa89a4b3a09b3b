"""The task register's pages: "Nhiệm vụ của tôi", a task's edit page, the manager's confirmation list.

Every view asks ``accounts.task_access`` first (outside the user's reach → 404, action not allowed → 403),
parses its form and calls one service of ``registry.task_services`` (atomic, audited, stale writes
refused), then redirects (POST/redirect/GET). A refusal re-renders the page with the message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xeploai.accounts import personal_data as pd
from xeploai.accounts import task_access
from xeploai.accounts.access import person_paths, user_scope
from xeploai.accounts.predicates import own_person_ids
from xeploai.campaigns.work import WorkItem
from xeploai.registry import task_services
from xeploai.registry.task_register import Task, TaskQuality
from xeploai.web.listing import listing_for, paginate
from xeploai.web.views.tasks_forms import TaskForm


def work_items(user: object) -> list[WorkItem]:
    """The home page's lines of the task register: one's own tasks, and the tasks waiting to be confirmed."""
    items: list[WorkItem] = []
    if own_person_ids(user):  # type: ignore[arg-type]  # from the cached roles: no query
        items.append(WorkItem(_("Nhiệm vụ của tôi"), None, None, False, "web:my_tasks", ()))
    if task_access.managed_paths(user) or user_scope(user).everything:  # type: ignore[arg-type]
        count = task_access.tasks_to_confirm(user).filter(done_on__isnull=False).count()  # type: ignore[arg-type]
        if count:
            items.append(WorkItem(_("Xác nhận nhiệm vụ"), count, None, False, "web:confirm_tasks", ()))
    return items


def _readable(user: object, tasks: object) -> list[Task]:
    """The tasks whose person's review record (the policy's ``ratings``) the user may read in full."""
    reader = pd.reader_for(user)  # type: ignore[arg-type]
    return [
        t
        for t in tasks  # type: ignore[attr-defined]
        if t.person_id is None or reader.sees(pd.RATINGS, person_id=t.person_id, paths=person_paths(t.person))
    ]


def _form_errors(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


@login_required
@require_http_methods(["GET", "POST"])
def my_tasks(request: HttpRequest) -> HttpResponse:
    """The user's own tasks (each person their roles name), and a form to enter a new one."""
    people = list(task_access.own_people(request.user))
    if not people:
        raise PermissionDenied(_("Tài khoản của bạn không gắn với cá nhân nào nên không có nhiệm vụ."))
    person = people[0]
    form = TaskForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST":
        if not request.user.has_perm("registry.enter_task", person):
            raise PermissionDenied
        if form.is_valid():
            task = form.save(commit=False)
            task.person = person
            try:
                task_services.save_task(task)
            except ValidationError as exc:
                errors = _form_errors(exc)
            else:
                messages.success(request, _('Đã ghi nhiệm vụ "%(title)s".') % {"title": task.title})
                return redirect("web:my_tasks")
    tasks = Task.objects.filter(person__in=people).select_related("confirmed_by").order_by("-due_on", "-pk")
    context = {"people": people, "tasks": tasks, "form": form, "errors": errors}
    return render(request, "web/tasks_mine.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Update one's own task until it is confirmed (done on, exceeded, excused …)."""
    task = task_access.get_task_for_user(request.user, pk, action="edit")
    form = TaskForm(request.POST or None, instance=task, initial={"version": task.version})
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            task_services.save_task(form.save(commit=False), seen_version=form.cleaned_data["version"])
        except ValidationError as exc:
            errors = _form_errors(exc)
        else:
            messages.success(request, _('Đã cập nhật nhiệm vụ "%(title)s".') % {"title": task.title})
            return redirect("web:my_tasks")
    return render(request, "web/task_edit.html", {"task": task, "form": form, "errors": errors})


def _selected(request: HttpRequest) -> list[tuple[Task, str, int]]:
    """The tasks ticked on the confirmation page, each with its verdict and the version shown."""
    ids = [int(v) for v in request.POST.getlist("task") if v.isdigit()]
    tasks = {
        t.pk: t
        for t in _readable(request.user, task_access.tasks_to_confirm(request.user).filter(pk__in=ids))
    }
    chosen = []
    for pk in ids:
        task = tasks.get(pk)
        if task is None or not request.user.has_perm("registry.confirm_task", task):
            raise PermissionDenied(_("Bạn không có quyền xác nhận nhiệm vụ này."))
        version = request.POST.get(f"version-{pk}", "")
        chosen.append(
            (task, request.POST.get(f"quality-{pk}", ""), int(version) if version.isdigit() else -1)
        )
    return chosen


@login_required
@require_http_methods(["GET", "POST"])
def confirm_tasks(request: HttpRequest) -> HttpResponse:
    """The manager's list: the done tasks waiting in their subtree, 50 a page; tick several and confirm them
    at once."""
    errors: list[str] = []
    if request.method == "POST":
        chosen = _selected(request)
        if not chosen:
            errors = [_("Hãy chọn ít nhất một nhiệm vụ để xác nhận.")]
        else:
            try:
                count = task_services.confirm_tasks(chosen, by=request.user)
            except ValidationError as exc:
                errors = _form_errors(exc)
            else:
                messages.success(request, _("Đã xác nhận %(n)d nhiệm vụ.") % {"n": count})
                return redirect("web:confirm_tasks")
    listing = listing_for(request)
    waiting = _readable_query(request.user, task_access.tasks_to_confirm(request.user))
    tasks = list(paginate(listing, waiting.filter(done_on__isnull=False)).object_list)
    qualities = [(v, label) for v, label in TaskQuality.choices if v]
    context = {"tasks": tasks, "qualities": qualities, "errors": errors, "listing": listing}
    return render(request, "web/tasks_confirm.html", context)


def _readable_query(user: object, tasks: QuerySet[Task]) -> QuerySet[Task]:
    """``_readable`` in the database: the tasks of no person or of a person whose review record (the
    policy's ``ratings``) the user may read, so a province's list is counted and cut into pages
    (``web/listing.py``) without reading every task."""
    seen = pd.people_seen(pd.reader_for(user), pd.RATINGS)  # type: ignore[arg-type]
    return tasks if seen is None else tasks.filter(Q(person__isnull=True) | Q(person__in=seen.values("pk")))
