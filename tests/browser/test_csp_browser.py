"""Under the Content-Security-Policy the charts draw and htmx works, with no violation in the console.

The policy allows scripts and styles only from our static files: a leftover inline script, handler or
style, an htmx feature that needs eval or injects a <style>, would show as a violation in the console.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def decided(personas):
    """A 2023 campaign over the province with decided levels for four party organizations."""
    from xeploai.campaigns.models import Campaign, Rating, Subject
    from xeploai.rules.levels import Level

    p = personas
    campaign = Campaign.objects.create(year=2023, ruleset="kh181-2023", name="Kiểm điểm năm 2023",
                                       root=p.province, reference_date=date(2023, 12, 15))  # fmt: skip
    levels = ((p.commune_a1, Level.GOOD), (p.cell_a1, Level.EXCELLENT), (p.cell_a2, Level.COMPLETED),
              (p.cell_b1, Level.NOT_COMPLETED))  # fmt: skip
    for unit, level in levels:
        subject = Subject.objects.create(
            campaign=campaign, subject_type="ORGANIZATION", unit=unit, organization=unit, org_path=unit.path,
            review=True, classify=True, counted_to=date(2023, 10, 15),
        )
        Rating.objects.create(subject=subject, stage="DECIDED", level=level, based_on_version=1)
    return p


def watch_console(page) -> list[str]:
    """Collect CSP violations (Chromium reports each in the console) and uncaught script errors."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    return problems


def test_charts_draw_under_the_policy(page, decided, login):
    from django.urls import reverse
    from playwright.sync_api import expect

    problems = watch_console(page)
    login(page, decided.province_officer, "pw")
    response = page.goto(page.live_server_url + reverse("reports:charts"))
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    tier_chart = page.locator('canvas[data-chart="tier-chart"]')
    expect(tier_chart).to_be_visible()
    assert page.evaluate("canvas => !!window.Chart.getChart(canvas)", tier_chart.element_handle())
    page.shot("charts-under-csp")
    assert problems == []


def test_htmx_and_site_scripts_work_under_the_policy(page, personas, login):
    from django.urls import reverse
    from playwright.sync_api import expect

    problems = watch_console(page)
    login(page, personas.province_officer, "pw")

    # The tree: the first click loads the children through htmx, the second hides them (site.js).
    page.goto(page.live_server_url + reverse("web:tree"))
    rows = page.locator("tr[data-path]")
    before = rows.count()
    toggle = page.locator("button.toggle").first
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(rows).not_to_have_count(before)
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    page.shot("tree-under-csp")

    # The search box asks the server as one types (hx-trigger, hx-indicator without injected styles).
    page.goto(page.live_server_url + reverse("web:search"))
    page.fill("input[name=q]", "Cúc")
    expect(page.locator("#search-results")).to_contain_text("Lê Thị Cúc")
    expect(page).to_have_url(re.compile(r"[?&]q="))

    # The questions' status filter submits itself when changed (data-autosubmit, no inline handler).
    page.goto(page.live_server_url + reverse("questions:list"))
    select = page.locator("select[name=trang-thai]")
    value = select.locator("option").nth(1).get_attribute("value")
    with page.expect_navigation():
        select.select_option(value)
    assert f"trang-thai={value}" in page.url
    page.shot("questions-filter-under-csp")
    assert problems == []
