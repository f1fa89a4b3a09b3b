"""The pages of "Tài khoản và phân quyền": scoped lists, forged requests refused, passwords shown once,
the one-time password changed at first login. Personas of tests/conftest.py."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from xeploai.accounts import account_services as svc
from xeploai.accounts.models import Account, Role, RoleAssignment
from xeploai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def page(client, user, name, *args, **query):
    client.force_login(user)
    return client.get(reverse(f"accounts_admin:{name}", args=args), query)


def test_the_menu_offers_the_page_to_officers_who_manage_accounts_only(personas, client):
    client.force_login(personas.district_a_officer)
    assert "Tài khoản và phân quyền" in client.get(reverse("web:home")).content.decode()
    client.force_login(personas.cell_a1_secretary)
    assert "Tài khoản và phân quyền" not in client.get(reverse("web:home")).content.decode()
    assert client.get(reverse("accounts_admin:list")).status_code == 403


def test_the_list_shows_the_subtree_by_name_with_filters_and_pages(personas, client):
    svc.account_create(by=personas.district_a_officer, person=personas.member_a2)
    body = page(client, personas.district_a_officer, "list").content.decode()
    assert "Đặng Văn Ân" in body
    assert "district_b_officer" not in body
    assert "province_officer" not in body
    assert "1990" in body  # the birth date, as the personal-data policy lets a committee officer see it
    filtered = page(client, personas.district_a_officer, "list", **{"vai-tro": Role.CELL_SECRETARY})
    assert "cell_a1_secretary" in filtered.content.decode()
    assert "an.dangvan" not in filtered.content.decode()
    by_unit = page(
        client, personas.district_a_officer, "list", **{"don-vi": personas.cell_a2.pk}
    ).content.decode()
    assert "an.dangvan" in by_unit
    assert "cell_a1_secretary" not in by_unit
    for i in range(35):
        get_user_model().objects.create_user(username=f"z{i:02d}").role_assignments.create(
            role=Role.MEMBER, organization=personas.cell_a2
        )
    second = page(client, personas.district_a_officer, "list", page=2).content.decode()
    assert "Trang 2 / 2" in second


def test_create_by_search_shows_the_one_time_password_once(personas, client):
    found = page(client, personas.district_a_officer, "new", q="ang van an").content.decode()
    assert "Đặng Văn Ân" in found
    assert "Nguyễn Văn An" not in found  # teacher_b1 is in district B
    response = client.post(
        reverse("accounts_admin:new"), {"person": personas.member_a2.pk, "username": "an.dang"}
    )
    body = response.content.decode()
    password = re.search(r'id="created-password">([^<]+)<', body).group(1)
    user = get_user_model().objects.get(username="an.dang")
    assert user.check_password(password)
    detail = client.get(reverse("accounts_admin:detail", args=[user.pk])).content.decode()
    assert password not in detail


def test_forged_requests_outside_the_subtree_are_refused(personas, client):
    client.force_login(personas.district_a_officer)
    outsider = client.post(reverse("accounts_admin:new"), {"person": personas.teacher_b1.pk})
    assert outsider.status_code == 403
    assert not Account.objects.filter(person=personas.teacher_b1).exists()
    secretary = personas.cell_a1_secretary
    forged = client.post(
        reverse("accounts_admin:grant", args=[secretary.pk]),
        {"role": Role.STANDING_COMMITTEE, "organization": personas.district_b.pk},
    )
    assert forged.status_code == 403
    assert not RoleAssignment.objects.filter(user=secretary, organization=personas.district_b).exists()
    other = client.get(reverse("accounts_admin:detail", args=[personas.district_b_officer.pk]))
    assert other.status_code == 404
    foreign_role = RoleAssignment.objects.get(user=personas.district_b_officer)
    assert (
        client.post(reverse("accounts_admin:revoke", args=[secretary.pk, foreign_role.pk])).status_code == 404
    )
    assert (
        client.post(reverse("accounts_admin:reset", args=[personas.province_officer.pk])).status_code == 404
    )


def test_grant_and_revoke_from_the_account_page(personas, client):
    secretary = personas.cell_a1_secretary
    client.force_login(personas.district_a_officer)
    response = client.post(
        reverse("accounts_admin:grant", args=[secretary.pk]),
        {"role": Role.SUPERVISOR, "organization": personas.cell_a2.pk},
        follow=True,
    )
    assert "Đã giao vai trò" in response.content.decode()
    grant = RoleAssignment.objects.get(user=secretary, role=Role.SUPERVISOR)
    response = client.post(reverse("accounts_admin:revoke", args=[secretary.pk, grant.pk]), follow=True)
    assert "Đã thu hồi vai trò" in response.content.decode()
    assert AuditEvent.objects.filter(
        action="accounts.role.revoked", actor=personas.district_a_officer
    ).exists()


def test_a_one_time_password_must_be_changed_at_first_login(personas, client):
    created = svc.account_create(by=personas.district_a_officer, person=personas.member_a2)
    login = {"username": created.user.get_username(), "password": created.password}
    assert client.post(reverse("login"), login, REMOTE_ADDR="198.51.100.7").status_code == 302
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change")
    changed = client.post(
        reverse("password_change"),
        {
            "old_password": created.password,
            "new_password1": "Mot-mat-khau-moi-2023",
            "new_password2": "Mot-mat-khau-moi-2023",
        },
    )
    assert changed.status_code == 302
    assert not Account.objects.get(user=created.user).must_change_password
    assert client.get(reverse("web:home")).status_code == 200
