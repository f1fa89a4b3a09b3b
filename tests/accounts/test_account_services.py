"""Accounts and roles managed in the app (``accounts.account_services``): the subtree rules and the audit.

The personas (tests/conftest.py): district_a_officer (COMMITTEE_OFFICER, district A) manages district A;
district_b_officer the outsider; province_officer (ORG_COMMISSION) the whole province.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from xeploai.accounts import account_services as svc
from xeploai.accounts.models import Account, Role, RoleAssignment
from xeploai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_an_officer_creates_an_account_for_a_person_of_the_subtree(personas):
    created = svc.account_create(by=personas.district_a_officer, person=personas.secretary_a1)
    user = created.user
    assert user.get_username() == "binh.tranvan"  # given name first, then the rest, without diacritics
    assert user.get_full_name() == "Trần Văn Bình"
    assert user.check_password(created.password)
    assert len(created.password) >= 12
    assert Account.objects.get(user=user).person == personas.secretary_a1
    assert Account.objects.get(user=user).must_change_password
    event = AuditEvent.objects.get(action="accounts.account.created")
    assert event.org_path == personas.cell_a1.path  # the subtree's auditors read it
    assert created.password not in str(event.after)


def test_a_second_account_for_the_same_person_is_refused_and_usernames_stay_unique(personas):
    svc.account_create(by=personas.district_a_officer, person=personas.secretary_a1)
    with pytest.raises(ValidationError, match="đã có tài khoản"):
        svc.account_create(by=personas.district_a_officer, person=personas.secretary_a1)
    get_user_model().objects.create_user(username="cuc.lethi")
    assert svc.suggest_username(personas.member_a1) == "cuc.lethi2"


@pytest.mark.parametrize(
    ("officer", "person", "allowed"),
    [
        ("district_a_officer", "member_a1", True),  # their cell is in district A
        ("district_a_officer", "staff_a", True),  # their workplace is in district A
        ("district_a_officer", "teacher_b1", False),  # district B
        ("district_b_officer", "member_a1", False),
        ("province_officer", "teacher_b1", True),  # ORG_COMMISSION at the root
        ("cell_a1_secretary", "member_a1", False),  # a cell secretary manages no accounts
        ("cell_a1_member", "member_a1", False),
        ("superuser", "teacher_b1", True),
    ],
)
def test_who_creates_accounts_for_whom(personas, officer, person, allowed):
    by, target = getattr(personas, officer), getattr(personas, person)
    if allowed:
        assert svc.account_create(by=by, person=target).user.pk
    else:
        with pytest.raises(PermissionDenied):
            svc.account_create(by=by, person=target)
        assert not Account.objects.filter(person=target).exists()


def test_grants_only_on_organizations_of_the_subtree_and_audited(personas):
    user = svc.account_create(by=personas.district_a_officer, person=personas.secretary_a1).user
    svc.role_grant(
        by=personas.district_a_officer, user=user, role=Role.CELL_SECRETARY, organization=personas.cell_a1
    )
    grant = RoleAssignment.objects.get(user=user)
    assert grant.person == personas.secretary_a1  # the role names the account's person (own subjects)
    event = AuditEvent.objects.filter(action="accounts.role.granted").order_by("-seq").first()
    assert event.org_path == personas.cell_a1.path
    assert event.after["role"] == Role.CELL_SECRETARY
    with pytest.raises(PermissionDenied):  # an organization outside district A
        svc.role_grant(
            by=personas.district_a_officer, user=user, role=Role.CELL_SECRETARY, organization=personas.cell_b1
        )
    with pytest.raises(ValidationError, match="đã có vai trò"):
        svc.role_grant(
            by=personas.district_a_officer, user=user, role=Role.CELL_SECRETARY, organization=personas.cell_a1
        )
    assert RoleAssignment.objects.filter(user=user).count() == 1


def test_only_an_administrator_grants_the_administrator_role(personas):
    user = svc.account_create(by=personas.district_a_officer, person=personas.secretary_a1).user
    with pytest.raises(PermissionDenied):
        svc.role_grant(
            by=personas.district_a_officer, user=user, role=Role.ADMIN, organization=personas.cell_a1
        )
    svc.role_grant(by=personas.superuser, user=user, role=Role.ADMIN, organization=personas.cell_a1)


def test_accounts_outside_the_subtree_are_not_touched(personas):
    """The province officer holds roles above district A: district A's officer cannot manage them."""
    with pytest.raises(PermissionDenied):
        svc.password_reset(by=personas.district_a_officer, user=personas.province_officer)
    with pytest.raises(PermissionDenied):
        svc.account_deactivate(by=personas.district_a_officer, user=personas.district_b_officer)
    with pytest.raises(PermissionDenied):
        svc.role_grant(
            by=personas.district_a_officer,
            user=personas.province_officer,
            role=Role.SUPERVISOR,
            organization=personas.cell_a1,
        )
    with pytest.raises(PermissionDenied):
        svc.password_reset(by=personas.province_officer, user=personas.superuser)
    listed = set(svc.accounts_managed_by(personas.district_a_officer).values_list("username", flat=True))
    assert listed == {"district_a_officer", "cell_a1_secretary", "cell_a1_member"}


def test_revoke_inside_the_subtree_only_and_audited(personas):
    role = RoleAssignment.objects.get(user=personas.cell_a1_secretary)
    with pytest.raises(PermissionDenied):
        svc.role_revoke(by=personas.district_b_officer, assignment=role)
    svc.role_revoke(by=personas.district_a_officer, assignment=role)
    assert not RoleAssignment.objects.filter(pk=role.pk).exists()
    assert AuditEvent.objects.get(action="accounts.role.revoked").org_path == personas.cell_a1.path
    own = RoleAssignment.objects.get(user=personas.district_a_officer)
    with pytest.raises(ValidationError):
        svc.role_revoke(by=personas.district_a_officer, assignment=own)


def test_reset_gives_a_new_one_time_password_and_deactivation_locks_out(personas):
    user = svc.account_create(by=personas.district_a_officer, person=personas.member_a2).user
    Account.objects.filter(user=user).update(must_change_password=False)
    reset = svc.password_reset(by=personas.district_a_officer, user=user)
    user.refresh_from_db()
    assert user.check_password(reset.password)
    assert Account.objects.get(user=user).must_change_password
    assert AuditEvent.objects.filter(
        action="accounts.password.reset", org_path=personas.cell_a2.path
    ).exists()
    svc.account_deactivate(by=personas.district_a_officer, user=user)
    user.refresh_from_db()
    assert not user.is_active
    assert AuditEvent.objects.filter(action="accounts.account.deactivated").exists()
    with pytest.raises(ValidationError):
        svc.account_deactivate(by=personas.district_a_officer, user=personas.district_a_officer)


@pytest.mark.parametrize(
    ("role", "at", "org", "may"),
    [
        (Role.COMMITTEE_OFFICER, "district_a", "cell_a1", True),
        (Role.COMMITTEE_OFFICER, "district_a", "cell_b1", False),
        (Role.ORG_COMMISSION, "district_a", "commune_a1", True),
        (Role.ORG_COMMISSION, "district_b", "commune_a1", False),
        (Role.ADMIN, "commune_a1", "cell_a2", True),
        (Role.ADMIN, "commune_a1", "district_a", False),
        (Role.CELL_SECRETARY, "cell_a1", "cell_a1", False),
        (Role.STANDING_COMMITTEE, "district_a", "cell_a1", False),
        (Role.SUPERVISOR, "district_a", "cell_a1", False),
        (Role.ADVISORY_AGENCY, "province", "cell_a1", False),
        (Role.MEMBER, "cell_a1", "cell_a1", False),
    ],
)
def test_permission_matrix_of_manage_accounts(personas, role, at, org, may):
    user = get_user_model().objects.create_user(username=f"u-{role}-{at}")
    RoleAssignment.objects.create(user=user, role=role, organization=getattr(personas, at))
    assert user.has_perm("accounts.manage_accounts", getattr(personas, org)) is may
    assert user.has_perm("accounts.open_accounts") is (
        role in {Role.COMMITTEE_OFFICER, Role.ORG_COMMISSION, Role.ADMIN}
    )
