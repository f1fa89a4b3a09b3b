"""'Tài khoản và phân quyền' by clicks from the home page: the commune's officer creates an account for a
party member of the commune and grants the member role at the member's cell."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def commune_officer(personas):
    from django.contrib.auth import get_user_model

    from xeploai.accounts.models import Role, RoleAssignment

    officer = get_user_model().objects.create_user(username="danguy.a1", password="danguy-Mk2023!")
    RoleAssignment.objects.create(user=officer, role=Role.COMMITTEE_OFFICER, organization=personas.commune_a1)
    return officer


def test_commune_officer_creates_an_account_and_grants_a_role_by_clicks(
    page, personas, commune_officer, login
):
    from playwright.sync_api import expect

    from xeploai.accounts.models import Role, RoleAssignment

    login(page, commune_officer, "danguy-Mk2023!")
    with page.expect_navigation():
        page.locator("#nav-accounts").click()
    expect(page.locator("h1")).to_have_text("Tài khoản và phân quyền")
    with page.expect_navigation():
        page.locator("#account-new").click()
    page.locator("#person-search input[name=q]").fill("Đặng Văn Ân")
    with page.expect_navigation():
        page.locator("#person-search button").click()
    row = page.locator("#people tr", has_text="Đặng Văn Ân")
    expect(row.locator("input[name=username]")).to_have_value("an.dangvan")
    page.shot("accounts-search")
    with page.expect_navigation():
        row.locator("button", has_text="Tạo tài khoản").click()
    expect(page.locator("#created-username")).to_have_text("an.dangvan")
    password = page.locator("#created-password").inner_text()
    assert len(password) >= 12
    page.shot("accounts-created")
    with page.expect_navigation():
        page.locator("#to-account").click()
    page.locator("#grant-role").select_option(label="Đảng viên")
    page.locator("#grant-org").select_option(label="Chi bộ ấp 2")
    with page.expect_navigation():
        page.locator("#grant button").click()
    expect(page.locator("#roles")).to_contain_text("Chi bộ ấp 2")
    page.shot("accounts-granted")
    grant = RoleAssignment.objects.get(user__username="an.dangvan")
    assert (grant.role, grant.organization, grant.person) == (
        Role.MEMBER,
        personas.cell_a2,
        personas.member_a2,
    )
