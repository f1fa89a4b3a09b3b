"""At 390 px wide (a phone), the pages a member and a cell secretary use most have no horizontal scroll
(issue 12 "Done when"): the home page, the self-review page and the cell's whole list. Reached by clicks
from the home page of the demo accounts, as in the walks.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

NO_SIDEWAYS = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def cast(personas):
    from xeploai.campaigns.opening import campaign_create, campaign_open

    P = personas
    P.campaign = campaign_create(year=2023, ruleset="kh181-2023", root=P.province)
    campaign_open(campaign=P.campaign)
    P.password = "narrow-Mk2023!x"
    for user in (P.cell_a1_secretary, P.cell_a1_member):
        user.set_password(P.password)
        user.save(update_fields=["password"])
    return P


def fits(page, what: str) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    page.shot(f"narrow-{what}")
    assert page.evaluate(NO_SIDEWAYS), f"{what}: scrollWidth {widths[0]} > {widths[1]}"


def test_home_self_review_and_cell_list_fit_390_px(page, cast, login):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, cast.cell_a1_member, cast.password)
    fits(page, "member-home")
    with page.expect_navigation():
        page.locator(".work-item a", has_text="Viết bản tự kiểm điểm").click()
    fits(page, "self-review")
    login(page, cast.cell_a1_secretary, cast.password)
    fits(page, "secretary-home")
    with page.expect_navigation():
        page.locator(".work-item a", has_text="Đề xuất mức xếp loại của chi bộ").click()
    fits(page, "cell-list")
