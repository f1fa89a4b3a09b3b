"""A district officer, from "Việc của tôi": the report menu, the documents zip started by a click, its
progress page while the job waits in the queue, the file listed as waiting on the home page under
"Tệp đã tạo", the worker (db_worker) run in-process, then the file downloaded from its page and offered
on the home page (issue 12 item 5).
"""

from __future__ import annotations

import zipfile

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def cast(personas, settings, tmp_path, monkeypatch):
    """The 2023 campaign open over the province; jobs wait for the database worker; a typed password."""
    from django_tasks_db.management.commands import db_worker

    from xeploai.campaigns.opening import campaign_create, campaign_open

    settings.MEDIA_ROOT = tmp_path
    # The live server shares the test's database connection: the worker must not close it.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    P = personas
    P.campaign = campaign_create(year=2023, ruleset="kh181-2023", root=P.province)
    campaign_open(campaign=P.campaign)
    P.password = "Huyen-A-2023!"
    P.district_a_officer.set_password(P.password)
    P.district_a_officer.save(update_fields=["password"])
    return P


def test_documents_zip_by_clicks_with_progress_and_download(page, cast, login, tmp_path, settings):
    from django.core.management import call_command
    from playwright.sync_api import expect

    login(page, cast.district_a_officer, cast.password)
    settings.XEPLOAI_JOBS_BACKEND = "database"  # the job waits for the worker run below
    with page.expect_navigation():
        page.click("nav >> text=Báo cáo")
    expect(page.locator("h1")).to_contain_text("Thống kê kết quả")
    with page.expect_navigation():
        page.click("#documents-zip")
    status = page.locator("#job-status")
    expect(status.locator("progress")).to_be_visible()
    expect(status).to_contain_text("Đang chờ")
    page.shot("zip-queued")

    # The user goes on with other work: home lists the file as waiting (the progress page's polling
    # stops, so the worker below does not share the live server's SQLite connection with a request).
    with page.expect_navigation():
        page.click("#nav-home")
    files = page.locator(".job-files")
    expect(files).to_contain_text("Tệp đã tạo")
    expect(files).to_contain_text("Tất cả văn bản (zip) — Đảng bộ huyện A")
    expect(files).to_contain_text("Đang chờ")

    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0",
                 "--backend", "database")

    with page.expect_navigation():
        files.locator("a", has_text="Tất cả văn bản (zip)").click()
    link = page.locator("#job-download")
    expect(link).to_be_visible()
    expect(link).to_contain_text("van-ban-2023-T.A.zip")
    page.shot("zip-ready")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "van-ban-2023-T.A.zip"
    saved = tmp_path / "van-ban.zip"
    download.save_as(saved)
    with zipfile.ZipFile(saved) as zf:
        assert "00-bao-cao-tong-hop.docx" in zf.namelist()

    with page.expect_navigation():
        page.click("#nav-home")
    expect(page.locator(".job-files")).to_contain_text("Tải van-ban-2023-T.A.zip")
    page.shot("home-files")


@pytest.fixture
def draft(personas, settings, tmp_path, monkeypatch):
    """A 2023 campaign not yet opened; jobs wait for the database worker; the province officer's password."""
    from django_tasks_db.management.commands import db_worker

    from xeploai.campaigns.opening import campaign_create

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    P = personas
    P.campaign = campaign_create(year=2023, ruleset="kh181-2023", root=P.province)
    P.password = "Tinh-BTC-2023!"
    P.province_officer.set_password(P.password)
    P.province_officer.save(update_fields=["password"])
    return P


def test_opening_a_campaign_by_clicks_runs_in_the_background(page, draft, login, settings):
    """The province's Organization Commission opens the campaign from its page: the job's progress page,
    the campaign page saying it is opening (no second open button), then the worker, and the campaign
    page reached from "Việc của tôi" with the subjects counted (issue 12 item 5, S-10)."""
    from django.core.management import call_command
    from playwright.sync_api import expect

    from xeploai.campaigns.models import Subject

    login(page, draft.province_officer, draft.password)
    settings.XEPLOAI_JOBS_BACKEND = "database"
    with page.expect_navigation():
        page.click("#nav-campaigns")
    with page.expect_navigation():
        page.click(f"#campaign-list >> text={draft.campaign.name}")
    with page.expect_navigation():
        page.click("#campaign-open")
    status = page.locator("#job-status")
    expect(status).to_contain_text("Đang chờ")
    expect(page.locator("h1")).to_contain_text("Mở đợt đánh giá")
    page.shot("open-queued")

    with page.expect_navigation():  # back to the campaign (the progress page's polling stops)
        page.click("#job-campaign")
    expect(page.locator("#campaign-opening")).to_contain_text("Đang mở đợt đánh giá")
    expect(page.locator("#campaign-open")).to_have_count(0)
    page.shot("open-campaign-opening")

    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0",
                 "--backend", "database")
    subjects = Subject.objects.filter(campaign=draft.campaign).count()
    assert subjects > 0

    with page.expect_navigation():
        page.click("#nav-home")
    files = page.locator(".job-files")
    expect(files).to_contain_text("Mở đợt đánh giá — Đảng bộ tỉnh Thử Nghiệm")
    with page.expect_navigation():
        files.locator("a", has_text="Xem kết quả").click()
    expect(page.locator("#campaign-last-open")).to_contain_text(f"{subjects} đối tượng")
    expect(page.locator("#campaign-status")).to_contain_text("Đang thực hiện")
    expect(page.locator("#campaign-open")).to_be_visible()
    page.shot("open-done")
