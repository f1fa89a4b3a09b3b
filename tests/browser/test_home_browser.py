"""From "Việc của tôi" to the work, by clicks: a party member to their self-review form, a cell secretary
to the cell's subjects; at 390 px wide the home page has no horizontal scroll.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def cast(personas):
    """The personas with the 2023 campaign open, the cell's report submitted, and passwords to type."""
    from django.utils import timezone

    from xeploai.campaigns.models import Review, ReviewStatus, Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    P = personas
    P.campaign = campaign_create(year=2023, ruleset="kh181-2023", root=P.province)
    campaign_open(campaign=P.campaign)
    cell = Subject.objects.get(campaign=P.campaign, organization=P.cell_a1)
    Review.objects.create(subject=cell, status=ReviewStatus.SUBMITTED, submitted_at=timezone.now())
    P.passwords = {}
    for user in (P.cell_a1_member, P.cell_a1_secretary):
        P.passwords[user.username] = f"{user.username}-Mk2023!"
        user.set_password(P.passwords[user.username])
        user.save(update_fields=["password"])
    return P


def test_member_reaches_the_self_review_form_from_home(page, cast, login):
    from playwright.sync_api import expect

    login(page, cast.cell_a1_member, cast.passwords[cast.cell_a1_member.username])
    line = page.locator(".work-item a", has_text="Viết bản tự kiểm điểm")
    expect(line).to_be_visible()
    page.shot("member-home")
    with page.expect_navigation():
        line.click()
    expect(page.locator("#review-form")).to_be_visible()
    page.shot("member-self-review")


def test_cell_secretary_reaches_the_cells_subjects_from_home(page, cast, login):
    from playwright.sync_api import expect

    login(page, cast.cell_a1_secretary, cast.passwords[cast.cell_a1_secretary.username])
    line = page.locator(".work-item a", has_text="Đề xuất mức xếp loại của chi bộ")
    expect(line).to_be_visible()
    with page.expect_navigation():
        line.click()
    expect(page.locator("main")).to_contain_text("Lê Thị Cúc")  # a member of the cell, listed to propose
    page.shot("secretary-cell-subjects")


def test_home_has_no_horizontal_scroll_at_390_px(page, cast, login):
    login(page, cast.cell_a1_secretary, cast.passwords[cast.cell_a1_secretary.username])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.live_server_url + "/")
    page.shot("home-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
