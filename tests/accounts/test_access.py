"""Access helpers: a user sees their subtree; outside it answers 404; MEMBER sees itself and its cell."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from xeploai.accounts import selectors as account_selectors
from xeploai.accounts.access import (
    get_organization_for_user,
    get_person_for_user,
    organizations_visible_to,
    people_visible_to,
    root_organizations_for,
    user_scope,
)
from xeploai.accounts.models import Role, RoleAssignment
from xeploai.accounts.personal_data import citizen_id_for, mask_citizen_id

USERS = ["superuser", "province_officer", "district_a_officer", "cell_a1_secretary", "cell_a1_member",
         "district_b_officer"]


def codes(qs) -> set[str]:
    return set(qs.values_list("code", flat=True))


@pytest.mark.parametrize("who", USERS)
def test_visible_organizations_are_the_accounts_selector_set(personas, who):
    user = getattr(personas, who)
    assert codes(organizations_visible_to(user)) == codes(account_selectors.organizations_visible_to(user))


def test_district_officer_sees_own_district_only(personas):
    user = personas.district_a_officer
    assert codes(organizations_visible_to(user)) == {"T.A", "T.A.UBND", "T.A.X1", "T.A.X1.C1", "T.A.X1.C2"}
    assert get_organization_for_user(user, personas.cell_a2.pk) == personas.cell_a2
    with pytest.raises(Http404):
        get_organization_for_user(user, personas.district_b.pk)
    with pytest.raises(Http404):  # the parent is above the subtree
        get_organization_for_user(user, personas.province.pk)


def test_missing_and_hidden_organizations_answer_alike(personas):
    """An organization outside the subtree and one that does not exist both answer 404."""
    user = personas.district_b_officer
    with pytest.raises(Http404) as hidden:
        get_organization_for_user(user, personas.cell_a1.pk)
    with pytest.raises(Http404) as missing:
        get_organization_for_user(user, 999_999)
    assert str(hidden.value) == str(missing.value)


def test_people_visible_by_cell_or_by_workplace(personas):
    user = personas.district_a_officer
    assert codes(people_visible_to(user)) == {"P-SEC-A1", "P-MEM-A1", "P-MEM-A2", "P-STA-A"}
    assert get_person_for_user(user, personas.staff_a.pk) == personas.staff_a  # workplace only
    with pytest.raises(Http404):
        get_person_for_user(user, personas.teacher_b1.pk)
    # A party member of district B who works in district A becomes visible to district A.
    personas.teacher_b1.workplace = personas.district_a_ubnd
    personas.teacher_b1.save()
    assert get_person_for_user(user, personas.teacher_b1.pk) == personas.teacher_b1
    assert personas.teacher_b1 in people_visible_to(personas.district_b_officer)


def test_member_sees_own_page_and_cell_but_not_other_members(personas):
    user = personas.cell_a1_member
    assert codes(organizations_visible_to(user)) == {"T.A.X1.C1"}
    assert list(root_organizations_for(user)) == [personas.cell_a1]
    assert get_person_for_user(user, personas.member_a1.pk) == personas.member_a1
    with pytest.raises(Http404):
        get_person_for_user(user, personas.secretary_a1.pk)
    assert codes(people_visible_to(user)) == {"P-MEM-A1"}


def test_member_role_without_person_shows_nobody(personas, django_user_model):
    user = django_user_model.objects.create_user(username="m2", password="pw")
    RoleAssignment.objects.create(user=user, role=Role.MEMBER, organization=personas.cell_a2)
    assert list(people_visible_to(user)) == []
    assert codes(organizations_visible_to(user)) == {"T.A.X1.C2"}


def test_cell_secretary_sees_the_people_of_the_cell(personas):
    assert codes(people_visible_to(personas.cell_a1_secretary)) == {"P-SEC-A1", "P-MEM-A1"}


def test_anonymous_sees_nothing(personas):
    anonymous = AnonymousUser()
    assert list(organizations_visible_to(anonymous)) == []
    assert list(people_visible_to(anonymous)) == []
    with pytest.raises(Http404):
        get_person_for_user(anonymous, personas.member_a1.pk)


def test_superuser_sees_everything_from_the_roots(personas):
    user = personas.superuser
    assert list(root_organizations_for(user)) == [personas.province]
    assert people_visible_to(user).count() == 5


def test_edit_action_needs_an_officer_role(personas):
    assert get_organization_for_user(personas.district_a_officer, personas.cell_a1.pk, action="edit")
    with pytest.raises(PermissionDenied):
        get_organization_for_user(personas.cell_a1_secretary, personas.cell_a1.pk, action="edit")
    with pytest.raises(PermissionDenied):
        get_person_for_user(personas.cell_a1_member, personas.member_a1.pk, action="edit")
    with pytest.raises(ValueError):
        get_organization_for_user(personas.superuser, personas.cell_a1.pk, action="destroy")


def test_citizen_id_masked_except_for_org_commission_and_superuser(personas):
    """conventions.md §4.1: the citizen ID is personal data; only the last 4 digits for most users."""
    person = get_person_for_user(personas.district_a_officer, personas.member_a2.pk)
    assert citizen_id_for(personas.district_a_officer, person) == "••••••••1234"
    assert citizen_id_for(personas.province_officer, person) == "087090001234"
    assert citizen_id_for(personas.superuser, person) == "087090001234"
    assert mask_citizen_id("") == ""


def test_admin_role_outside_the_person_does_not_unmask(personas, django_user_model):
    user = django_user_model.objects.create_user(username="admin_b", password="pw")
    RoleAssignment.objects.create(user=user, role=Role.ADMIN, organization=personas.district_b)
    RoleAssignment.objects.create(user=user, role=Role.COMMITTEE_OFFICER, organization=personas.district_a)
    person = get_person_for_user(user, personas.member_a2.pk)
    assert citizen_id_for(user, person) == "••••••••1234"


def test_scope_is_read_once_per_user_object(personas, django_assert_num_queries):
    user = personas.district_a_officer
    with django_assert_num_queries(1):
        user_scope(user)
        user_scope(user)
        list(user_scope(user).root_paths)
