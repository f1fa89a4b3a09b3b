"""'Tài khoản và phân quyền': an officer manages the accounts and roles of their subtree (no Django admin).

The list, the new-account search, an account's page (roles granted and revoked, password reset,
deactivation) and the import of a "Tài khoản" sheet. Every read is scoped (``account_services``: an account
outside the subtree answers 404) and every write goes through ``account_services``, which checks the
subtree again whatever the form sent. One-time passwords are shown once, in the response to the POST that
made them (never stored, never in a URL; the pages are not cached: ``NoStoreMiddleware``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xeploai.accounts import account_services as svc
from xeploai.accounts import personal_data as pd
from xeploai.accounts.access import person_paths
from xeploai.accounts.models import Role, RoleAssignment
from xeploai.accounts.workbook_sheet import import_accounts
from xeploai.lib.vietnamese import fold
from xeploai.registry.models import Organization, Person, in_subtree

PER_PAGE = 30
SEARCH_LIMIT = 20
NOT_ALLOWED = gettext_lazy("Bạn không có quyền quản lý tài khoản.")


class GrantForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Vai trò"), choices=Role.choices)
    organization = forms.IntegerField(label=gettext_lazy("Tại tổ chức"), widget=forms.Select)


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Sổ tính (.xlsx) có sheet “Tài khoản”"))


def require_manager(request: HttpRequest) -> None:
    if not request.user.has_perm("accounts.open_accounts"):
        raise PermissionDenied(NOT_ALLOWED)


def managed_user(request: HttpRequest, pk: int) -> AbstractBaseUser:
    """The account ``pk`` if it is listed for the officer (404 otherwise: its existence does not leak)."""
    require_manager(request)
    try:
        return svc.accounts_managed_by(request.user).select_related("account__person").get(pk=pk)
    except get_user_model().DoesNotExist:
        raise Http404(_("Không tìm thấy tài khoản.")) from None


def person_row(reader: pd.Reader, person: Person | None) -> dict[str, Any]:
    """A person as the officer may see them (birth date through the personal-data policy)."""
    if person is None:
        return {}
    row = {"name": person.full_name, pd.BIRTH_DATE: person.birth_date, "pk": person.pk}
    return pd.mask_row(reader, row, person_id=person.pk, paths=person_paths(person))


def filtered_accounts(request: HttpRequest) -> tuple[QuerySet[Any], dict[str, Any]]:
    """The officer's accounts with the list's filters (unit, role, name or username) applied."""
    users = svc.accounts_managed_by(request.user)
    unit = svc.organizations_managed_by(request.user).filter(pk=request.GET.get("don-vi") or 0).first()
    role = request.GET.get("vai-tro", "")
    query = request.GET.get("q", "").strip()
    if unit is not None:
        inside = Organization.objects.filter(in_subtree("path", unit.path)).values("pk")
        users = users.filter(
            Q(role_assignments__organization__in=inside)
            | Q(account__person__party_organization__in=inside)
            | Q(account__person__workplace__in=inside)
        )
    if role in Role.values:
        users = users.filter(role_assignments__role=role)
    if query:
        users = users.filter(
            Q(username__icontains=query) | Q(account__person__name_folded__contains=fold(query))
        )
    filters = {"unit": unit, "role": role, "q": query}
    return users.distinct().order_by("username"), filters


@login_required
def account_list(request: HttpRequest) -> HttpResponse:
    """The accounts of the officer's subtree, 30 a page, filtered by unit, role and name."""
    require_manager(request)
    users, filters = filtered_accounts(request)
    roles = RoleAssignment.objects.select_related("organization").order_by("organization__path")
    users = users.select_related(
        "account__person__party_organization", "account__person__workplace"
    ).prefetch_related(Prefetch("role_assignments", queryset=roles))
    page = Paginator(users, PER_PAGE).get_page(request.GET.get("page"))
    reader = pd.reader_for(request.user)
    rows = [
        {"user": u, "person": person_row(reader, getattr(getattr(u, "account", None), "person", None))}
        for u in page
    ]
    context = {
        "page": page,
        "rows": rows,
        "roles": Role.choices,
        **filters,
        "units": svc.organizations_managed_by(request.user).only("pk", "name", "depth")[:2000],
    }
    return render(request, "accounts/list.html", context)


@login_required
def account_new(request: HttpRequest) -> HttpResponse:
    """Find a person of the subtree without an account, then create theirs (GET: search; POST: create)."""
    require_manager(request)
    if request.method == "POST":
        person = get_object_or_404(Person, pk=request.POST.get("person") or 0)
        try:
            created = svc.account_create(
                by=request.user, person=person, username=request.POST.get("username", "")
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("accounts_admin:new")
        return render(request, "accounts/password.html", {"created": created, "person": person, "new": True})
    query = request.GET.get("q", "").strip()
    found: list[dict[str, Any]] = []
    if query:
        people = svc.people_managed_by(request.user).filter(
            account__isnull=True, name_folded__contains=fold(query)
        )
        reader = pd.reader_for(request.user)
        for p in people.select_related("party_organization", "workplace").order_by("name_sort")[
            :SEARCH_LIMIT
        ]:
            found.append({**person_row(reader, p), "person": p, "username": svc.suggest_username(p)})
    return render(request, "accounts/new.html", {"q": query, "found": found, "limit": SEARCH_LIMIT})


@login_required
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One account: its person, its roles (revocable where the officer manages them), the grant form."""
    target = managed_user(request, pk)
    paths = svc.managed_paths(request.user)
    roles = [
        {"assignment": a, "mine": svc.covered(paths, a.organization.path)}
        for a in RoleAssignment.objects.filter(user=target)
        .select_related("organization")
        .order_by("organization__path", "role")
    ]
    person = getattr(getattr(target, "account", None), "person", None)
    context = {
        "target": target,
        "roles": roles,
        "person": person_row(pd.reader_for(request.user), person),
        "grant_roles": Role.choices,
        "units": svc.organizations_managed_by(request.user).only("pk", "name", "depth")[:2000],
        "must_change": getattr(getattr(target, "account", None), "must_change_password", False),
    }
    return render(request, "accounts/detail.html", context)


@require_POST
@login_required
def role_grant(request: HttpRequest, pk: int) -> HttpResponse:
    """Grant a role; an organization id outside the subtree (a forged form) is refused by the service."""
    target = managed_user(request, pk)
    form = GrantForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn vai trò và tổ chức."))
        return redirect("accounts_admin:detail", target.pk)
    org = get_object_or_404(Organization, pk=form.cleaned_data["organization"])
    try:
        svc.role_grant(by=request.user, user=target, role=form.cleaned_data["role"], organization=org)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Đã giao vai trò %(role)s tại %(org)s.")
            % {"role": Role(form.cleaned_data["role"]).label, "org": org.name},
        )
    return redirect("accounts_admin:detail", target.pk)


@require_POST
@login_required
def role_revoke(request: HttpRequest, pk: int, role_pk: int) -> HttpResponse:
    target = managed_user(request, pk)
    assignment = get_object_or_404(
        RoleAssignment.objects.select_related("organization"), pk=role_pk, user=target
    )
    try:
        svc.role_revoke(by=request.user, assignment=assignment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Đã thu hồi vai trò %(role)s tại %(org)s.")
            % {"role": assignment.get_role_display(), "org": assignment.organization.name},
        )
    return redirect("accounts_admin:detail", target.pk)


@require_POST
@login_required
def password_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """A new one-time password, shown once in this response."""
    target = managed_user(request, pk)
    created = svc.password_reset(by=request.user, user=target)
    person = getattr(getattr(target, "account", None), "person", None)
    return render(request, "accounts/password.html", {"created": created, "person": person, "new": False})


@require_POST
@login_required
def deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    target = managed_user(request, pk)
    try:
        svc.account_deactivate(by=request.user, user=target)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã khóa tài khoản %(name)s.") % {"name": target.get_username()})
    return redirect("accounts_admin:detail", target.pk)


@login_required
def import_sheet(request: HttpRequest) -> HttpResponse:
    """Accounts and roles from a workbook's "Tài khoản" sheet; the result lists the one-time passwords."""
    require_manager(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = import_accounts(by=request.user, file=form.cleaned_data["file"])
    return render(request, "accounts/import.html", {"form": form, "result": result})
