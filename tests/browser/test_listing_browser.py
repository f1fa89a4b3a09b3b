"""A district officer works with the subjects list of a commune in a real browser (issue 12, item 4).

From the home page by clicks: the campaigns menu, the campaign, the commune's "Đối tượng"; then filters
the party members, sorts them by name (Vietnamese order: given name first) both ways through htmx, and
exports what is shown: the workbook holds the same people in the same order.
"""

from __future__ import annotations

import io
import re

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def opened(personas):
    from xeploai.campaigns.opening import campaign_create, campaign_open

    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=personas.province)
    campaign_open(campaign=campaign)
    personas.district_a_officer.set_password("Huyen-A-2023!")
    personas.district_a_officer.save(update_fields=["password"])
    return personas, campaign


def names(page) -> list[str]:
    return page.locator("#subject-list tbody tr td:first-child a").all_inner_texts()


def test_district_officer_filters_sorts_and_exports_the_subjects(page, opened, login):
    from playwright.sync_api import expect
    from python_calamine import CalamineWorkbook

    p, campaign = opened
    login(page, p.district_a_officer, "Huyen-A-2023!")
    page.click("#nav-campaigns")
    page.click(f"text={campaign.name}")
    row = page.locator("#campaign-organizations tr", has_text="Đảng bộ xã A1")
    row.get_by_role("link", name="Đối tượng").click()
    expect(page.locator("h1")).to_have_text("Đảng bộ xã A1")
    expect(page.locator(".listing-count")).to_have_text("Hiển thị 1–7 trên 7")
    page.shot("subjects-all")

    # Filter: the party members only (the select submits its form).
    with page.expect_navigation():
        page.select_option("#subject-list-filters select[name=loai]", "PARTY_MEMBER")
    expect(page.locator(".listing-count")).to_have_text("Hiển thị 1–3 trên 3")
    assert "loai=PARTY_MEMBER" in page.url

    # Sort by name, then the other way: htmx replaces the list and the address keeps filter and sort.
    page.locator("#subject-list thead a[data-sort=ten]").click()
    expect(page.locator("#subject-list tbody tr").first).to_contain_text("Đặng Văn Ân")
    assert names(page) == ["Đặng Văn Ân", "Trần Văn Bình", "Lê Thị Cúc"]
    page.locator("#subject-list thead a[data-sort=ten]").click()
    expect(page.locator("#subject-list tbody tr").first).to_contain_text("Lê Thị Cúc")
    expect(page).to_have_url(re.compile(r"sap-xep=-ten"))
    assert "loai=PARTY_MEMBER" in page.url
    shown = names(page)
    page.shot("subjects-members-by-name-descending")

    # Export what is shown.
    with page.expect_download() as info:
        page.click("#subject-list-export")
    download = info.value
    assert download.suggested_filename == f"doi-tuong-2023-{p.commune_a1.code}.xlsx"
    with open(download.path(), "rb") as f:
        book = CalamineWorkbook.from_filelike(io.BytesIO(f.read()))
    rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    assert [r[0] for r in rows[1:]] == shown == ["Lê Thị Cúc", "Trần Văn Bình", "Đặng Văn Ân"]
