"""The API by clicks: an officer opens "Mã truy cập API" from the top bar, creates a token (shown once),
calls the API with it, revokes it; the API's docs page renders under the Content-Security-Policy."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_an_officer_creates_uses_and_revokes_a_token_from_the_user_menu(page, personas, login):
    from playwright.sync_api import expect

    from xeploai.api.models import ApiToken

    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # The live server's first request imports the URL conf (the API with it): allow it the time a loaded
    # machine needs before the login fixture's 10 s.
    page.goto(page.live_server_url + "/health/", timeout=60_000)
    login(page, personas.district_a_officer, "pw")
    page.click("#nav-api-tokens")
    expect(page.locator("h1")).to_have_text("Mã truy cập API")
    page.fill("#id_name", "Hệ thống E-Office")
    page.click("main form.stack button[type=submit]")
    text = page.locator("#token-text").inner_text().strip()
    assert text.startswith("xl_")
    page.shot("api-token-created")

    api = page.request.get(page.live_server_url + "/api/people", headers={"Authorization": f"Bearer {text}"})
    assert api.status == 200
    assert "Đặng Văn Ân" in {p["full_name"] for p in api.json()["items"]}

    page.goto(page.live_server_url + "/tai-khoan/ma-truy-cap-api/")
    expect(page.locator("main")).not_to_contain_text(text)  # shown once
    page.click("table button:has-text('Thu hồi')")
    expect(page.locator("main")).to_contain_text("Đã thu hồi")
    page.shot("api-token-revoked")
    assert ApiToken.objects.get(user=personas.district_a_officer).revoked_at is not None
    refused = page.request.get(
        page.live_server_url + "/api/people", headers={"Authorization": f"Bearer {text}"}
    )
    assert refused.status == 401

    page.goto(page.live_server_url + "/tai-khoan/ma-truy-cap-api/")
    page.click("main a:has-text('Tài liệu API')")
    # swagger-ui's bundle is 1.4 MB of script: give a loaded machine time to run it
    expect(page.locator(".swagger-ui .title")).to_contain_text("xeploai API", timeout=60_000)
    assert problems == []
    assert page.locator(".swagger-ui .opblock").count() > 20  # the operations, read from /api/openapi.json
