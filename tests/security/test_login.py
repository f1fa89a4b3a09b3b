"""Login hardening: lockout after repeated failures (per user name and client address, django-axes),
Django's four password validators on the change page, password reset by e-mail, and the audit trail of
logins, logouts, failures, lockouts, password changes and role grants.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings

from xeploai.audit.context import audit_context

pytestmark = pytest.mark.django_db

WRONG = "mat-khau-sai-123"
HOME = "/"


def logged_in_as(client) -> str | None:
    """The user name the client's session belongs to (None when anonymous)."""
    response = client.get(HOME)
    if response.status_code != 200:
        return None
    return response.wsgi_request.user.get_username()


@override_settings(AXES_FAILURE_LIMIT=5, AXES_COOLOFF_TIME=dt.timedelta(minutes=30))
def test_hundred_wrong_passwords_then_the_right_one_is_refused_and_the_lockout_audited(
    personas, client, post_login, events
):
    for _ in range(100):
        response = post_login("district_a_officer", WRONG)
        assert response.status_code in (200, 429)
    response = post_login("district_a_officer", "pw")

    assert response.status_code == 429
    page = response.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert "30 phút" in page
    assert logged_in_as(client) is None
    assert len(events("accounts.login.failed")) == 5  # the refused attempts are not written one by one
    [lockout] = events("accounts.login.locked_out")
    assert lockout.after == {"username": "district_a_officer", "failures": 5}
    assert lockout.ip == "198.51.100.7"
    assert events("accounts.login") == []


@override_settings(AXES_FAILURE_LIMIT=5)
def test_the_lockout_holds_one_user_name_at_one_address(personas, client, post_login):
    for _ in range(5):
        post_login("district_a_officer", WRONG, ip="198.51.100.7")
    assert post_login("district_a_officer", "pw", ip="198.51.100.7").status_code == 429

    # The same user from another address, and another user from the same address, still get in.
    assert post_login("district_a_officer", "pw", ip="203.0.113.9").status_code == 302
    assert logged_in_as(client) == "district_a_officer"
    client.logout()
    assert post_login("cell_a1_secretary", "pw", ip="198.51.100.7").status_code == 302
    assert logged_in_as(client) == "cell_a1_secretary"


@override_settings(AXES_FAILURE_LIMIT=5, AUDIT_TRUST_X_FORWARDED_FOR=True)
def test_behind_a_trusted_proxy_the_lockout_follows_the_forwarded_address(
    personas, client, post_login, events
):
    def via_proxy(password: str, client_address: str):
        return post_login("district_a_officer", password, ip="10.0.0.1", HTTP_X_FORWARDED_FOR=client_address)

    for _ in range(5):
        via_proxy(WRONG, "203.0.113.5")
    assert via_proxy("pw", "203.0.113.5").status_code == 429
    assert events("accounts.login.locked_out")[0].ip == "203.0.113.5"
    # Another client behind the same proxy is another address.
    assert via_proxy("pw", "203.0.113.6").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=5, AXES_COOLOFF_TIME=dt.timedelta(minutes=30))
def test_the_lockout_ends_after_the_cool_off(personas, client, post_login):
    from axes.models import AccessAttempt

    for _ in range(5):
        post_login("district_a_officer", WRONG)
    assert post_login("district_a_officer", "pw").status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=31))
    assert post_login("district_a_officer", "pw").status_code == 302


def test_login_logout_and_failure_are_audited_without_the_password(personas, client, post_login, events):
    assert post_login("cell_a1_member", WRONG).status_code == 200
    assert post_login("cell_a1_member", "pw").status_code == 302
    client.post("/dang-xuat/", REMOTE_ADDR="198.51.100.7")

    [failed] = events("accounts.login.failed")
    assert failed.after == {"username": "cell_a1_member"}
    assert failed.actor_id is None
    assert failed.ip == "198.51.100.7"
    [login] = events("accounts.login")
    assert login.actor_id == personas.cell_a1_member.pk
    assert login.ip == "198.51.100.7"
    [logout] = events("accounts.logout")
    assert logout.actor_id == personas.cell_a1_member.pk
    from xeploai.audit.models import AuditEvent

    for event in AuditEvent.objects.all():
        assert WRONG not in f"{event.before} {event.after} {event.object_label}"


@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        ("12345678", "Mật khẩu quá ngắn: cần ít nhất 10 ký tự"),
        ("12345678", "Mật khẩu này quá phổ biến"),
        ("1234567890123", "Mật khẩu này hoàn toàn là số"),
        ("cell_a1_member1", "Mật khẩu quá giống với"),
    ],
)
def test_weak_passwords_are_refused_on_the_change_page(personas, client, new_password, message):
    user = personas.cell_a1_member
    client.force_login(user)
    response = client.post(
        "/tai-khoan/doi-mat-khau/",
        {"old_password": "pw", "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("pw")


def test_a_good_password_change_is_saved_and_audited(personas, client, events):
    user = personas.cell_a1_member
    client.force_login(user)
    assert "Đổi mật khẩu" in client.get(HOME).content.decode()  # the link in the user menu
    new = "Hoa-sen-no-giua-dong"
    response = client.post(
        "/tai-khoan/doi-mat-khau/", {"old_password": "pw", "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    [changed] = events("accounts.password.changed")
    assert changed.actor_id == user.pk
    assert changed.object_id == str(user.pk)
    assert changed.before is None
    assert changed.after is None


def test_password_reset_by_email_end_to_end(personas, client, post_login, events):
    user = personas.cell_a1_member
    user.email = "cuc@example.org"
    user.save()
    login_page = client.get("/dang-nhap/").content.decode()
    assert "/tai-khoan/quen-mat-khau/" in login_page

    response = client.post("/tai-khoan/quen-mat-khau/", {"email": "cuc@example.org"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["cuc@example.org"]
    assert "Đặt lại mật khẩu" in message.subject
    link = re.search(r"https?://[^/\s]+(/tai-khoan/quen-mat-khau/\S+/)", message.body)
    assert link is not None

    form_page = client.get(link.group(1), follow=True)
    assert "Đặt mật khẩu mới" in form_page.content.decode()
    new = "Song-Tien-cuon-cuon"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert client.get(done["Location"]).status_code == 200
    assert post_login("cell_a1_member", new).status_code == 302
    assert events("accounts.password.changed")[0].object_id == str(user.pk)

    # The link works once; an unknown address gets the same answer and no e-mail.
    assert "không hợp lệ" in client.get(link.group(1), follow=True).content.decode()
    client.post("/tai-khoan/quen-mat-khau/", {"email": "khong-co@example.org"})
    assert len(mail.outbox) == 1


def test_role_grants_and_revocations_are_audited(personas, events):
    from xeploai.accounts.models import Role, RoleAssignment

    grantee = get_user_model().objects.create_user(username="new_officer", password="x")
    with audit_context(actor=personas.superuser, ip="192.0.2.1"):
        grant = RoleAssignment.objects.create(
            user=grantee, role=Role.COMMITTEE_OFFICER, organization=personas.commune_a1
        )
        grant.role = Role.ORG_COMMISSION
        grant.save()
        grant.delete()

    [granted] = events("accounts.role.granted")[-1:]
    assert granted.actor_id == personas.superuser.pk
    assert granted.ip == "192.0.2.1"
    assert granted.after["user"] == "new_officer"
    assert granted.after["role"] == Role.COMMITTEE_OFFICER
    assert granted.after["organization"] == "T.A.X1"
    assert granted.org_path == personas.commune_a1.path
    [changed] = events("accounts.role.changed")
    assert changed.before["role"] == Role.COMMITTEE_OFFICER
    assert changed.after["role"] == Role.ORG_COMMISSION
    [revoked] = events("accounts.role.revoked")
    assert revoked.before["user"] == "new_officer"
    assert revoked.before["role"] == Role.ORG_COMMISSION
    assert revoked.actor_id == personas.superuser.pk


def test_a_role_granted_in_the_admin_names_who_granted_it(personas, client, events):
    from xeploai.accounts.models import Role, RoleAssignment

    grantee = get_user_model().objects.create_user(username="new_secretary", password="x")
    client.force_login(personas.superuser)
    response = client.post(
        "/admin/accounts/roleassignment/add/",
        {"user": grantee.pk, "role": Role.CELL_SECRETARY, "organization": personas.cell_a2.pk, "person": ""},
        REMOTE_ADDR="192.0.2.44",
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=grantee).exists()
    granted = events("accounts.role.granted")[-1]
    assert granted.actor_id == personas.superuser.pk
    assert granted.ip == "192.0.2.44"
    assert granted.after["user"] == "new_secretary"
    assert granted.after["organization"] == "T.A.X1.C2"


def test_the_demo_accounts_still_log_in(client, post_login, db, settings):
    """The demo's fixed password passes the validators, and demo_admin's account logs in (demo only)."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.management import call_command

    from xeploai.accounts.management.commands.demo_admin import PASSWORD, USERNAME
    from xeploai.registry.demo.load import PASSWORD as DEMO_PASSWORD

    User = get_user_model()
    for username in ("bantochuc", "thuongvu", "bithu.t01.c001", "dangvien.t01.0000001", USERNAME):
        validate_password(DEMO_PASSWORD, User(username=username))
    settings.DEBUG = True  # demo_admin runs only on a development machine
    call_command("demo_admin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert post_login(USERNAME, PASSWORD).status_code == 302
    assert logged_in_as(client) == USERNAME
