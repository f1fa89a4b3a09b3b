"""The cell's whole list by clicks from "Việc của tôi" (issue 12 item 2): the secretary sets levels, sees
the quota recomputed live (R-50), is refused without the justification, writes it and saves the list.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def cast(personas):
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    P = personas
    P.campaign = campaign_create(year=2023, ruleset="kh181-2023", root=P.province)
    campaign_open(campaign=P.campaign)
    P.member = Subject.objects.get(campaign=P.campaign, person=P.member_a1, subject_type="PARTY_MEMBER")
    P.secretary = Subject.objects.get(campaign=P.campaign, person=P.secretary_a1, subject_type="PARTY_MEMBER")
    P.password = "cell_a1_secretary-Mk2023!"
    P.cell_a1_secretary.set_password(P.password)
    P.cell_a1_secretary.save(update_fields=["password"])
    return P


def test_secretary_proposes_the_cells_list_over_quota_then_justified(page, cast, login):
    from playwright.sync_api import expect

    from xeploai.campaigns.models import Rating

    login(page, cast.cell_a1_secretary, cast.password)
    with page.expect_navigation():
        page.locator(".work-item a", has_text="Đề xuất mức xếp loại của chi bộ").click()
    expect(page.locator("h1")).to_contain_text("Đề xuất mức xếp loại")
    member, secretary = cast.member.pk, cast.secretary.pk
    expect(page.locator(f"#level-{member}")).to_have_value("")  # no default level
    page.select_option(f"#level-{secretary}", "2")
    page.select_option(f"#level-{member}", "3")
    quota = page.locator("#quota-summary")
    expect(quota).to_contain_text("vượt 1")  # recomputed on the server, swapped in by htmx
    expect(page.locator(f"#justification-{member}")).to_have_attribute("required", "")
    page.shot("list-over-quota")
    # The browser would stop an empty required field: remove the attribute to see the server refuse.
    page.locator(f"#justification-{member}").evaluate("el => el.removeAttribute('required')")
    with page.expect_navigation():
        page.click("#btn-save-list")
    expect(page.locator("#list-errors")).to_contain_text("Danh sách chưa được ghi")
    expect(page.locator(f"#row-state-{member}")).to_contain_text("R-50")
    assert not Rating.objects.exists()
    page.shot("list-refused")
    page.fill(f"#justification-{member}", "Thành tích đột xuất trong năm.")
    with page.expect_navigation():
        page.click("#btn-save-list")
    expect(page.locator("body")).to_contain_text("Đã ghi mức xếp loại của 2 đối tượng")
    page.shot("list-saved")
    assert dict(Rating.objects.values_list("subject_id", "level")) == {member: 3, secretary: 2}
