"""A unit's targets page (chỉ tiêu): the year's targets, how many are met, and a form to record one.

The organization comes from ``accounts.access`` (outside the user's subtree → 404); recording needs the
permission ``registry.edit_targets`` (an editing role covering the unit, R-106). A target named like an
existing one of the same year is updated, so the form also corrects a figure.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xeploai.accounts.access import get_organization_for_user
from xeploai.lib.vietnamese import clean
from xeploai.registry import task_services
from xeploai.registry.task_register import Target
from xeploai.web.views.tasks_forms import TargetForm


def _year(request: HttpRequest) -> int:
    text = request.GET.get("nam", "")
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else timezone.localdate().year


@login_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_organization_for_user(request.user, pk)
    year = _year(request)
    may_edit = request.user.has_perm("registry.edit_targets", org)
    form = TargetForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(_("Bạn không có quyền ghi chỉ tiêu của đơn vị này."))
        if form.is_valid():
            name = clean(form.cleaned_data["name"])
            target = Target.objects.filter(organization=org, year=year, name=name).first()
            target = target or Target(organization=org, year=year)
            for field, value in form.cleaned_data.items():
                setattr(target, field, value)
            try:
                task_services.save_target(target)
            except ValidationError as exc:
                errors = [str(m) for m in exc.messages]
            else:
                messages.success(request, _('Đã ghi chỉ tiêu "%(name)s".') % {"name": target.name})
                return redirect(f"{request.path}?nam={year}")
    rows = list(Target.objects.filter(organization=org, year=year))
    context = {
        "org": org,
        "year": year,
        "rows": rows,
        "form": form,
        "errors": errors,
        "may_edit": may_edit,
        "met": sum(1 for t in rows if t.met),
        "basic": [t for t in rows if t.is_basic],
        "basic_met": sum(1 for t in rows if t.is_basic and t.met),
    }
    return render(request, "web/targets.html", context)
