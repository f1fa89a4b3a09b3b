"""Browser tests: Playwright drives Debian's chromium (``/usr/bin/chromium``) against ``live_server``.

Never ``playwright install``: the browser is the system's (``make browser`` installs it). Tests here are
transactional (``live_server`` serves from another thread), so the database is flushed after each one.

Audit trail and the flush: ``audit/migrations/0002`` makes ``audit_event`` append-only with triggers that
refuse UPDATE and DELETE. PostgreSQL flushes with TRUNCATE (row triggers do not fire); SQLite flushes with
``DELETE FROM``, which the trigger refuses. ``_audit_rows_cleared_before_flush`` (used by ``page``) runs
just before the flush (its teardown precedes ``transactional_db``'s): on SQLite it drops the two triggers,
deletes the audit rows and recreates the triggers with the migration's own statements, in one
transaction. The flush then finds no audit row to delete and the triggers stand for the next test.
Production is untouched.

Screenshots of each step go to ``artifacts/browser/<vendor>/NN-step.png`` (``artifacts/`` is ignored by
git), and one more, ``NN-failure.png``, when the test fails.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):  # noqa: ARG001
    """Keep each phase's report on the test item, so the page fixture knows whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def _audit_rows_cleared_before_flush(transactional_db: None) -> Iterator[None]:  # noqa: ARG001
    yield
    from django.db import connection, transaction

    if connection.vendor != "sqlite":
        return  # PostgreSQL flushes with TRUNCATE, which the append-only trigger allows
    triggers = importlib.import_module("xeploai.audit.migrations.0002_append_only_triggers")
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in triggers.SQLITE_DROP:
            cursor.execute(sql)
        cursor.execute("DELETE FROM audit_event")
        for sql in triggers.SQLITE_CREATE:
            cursor.execute(sql)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Debian chromium for the session; Django may be called while its event loop runs."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=10_000)  # the machine is shared: give assertions the page's 10 s too

    # Playwright's sync API runs an asyncio loop in this thread; the test's own ORM calls are synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as pw:
            b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield b
            b.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


_CLEANED: set[Path] = set()
FULL_PAGE_MAX_PX = 12_000
_COUNTERS: dict[Path, list[int]] = {}


class Shots:
    """Numbered screenshots of the page: ``shot("review-submitted")`` → ``03-review-submitted.png``."""

    def __init__(self, page: object, folder: Path, counter: list[int]) -> None:
        self.page, self.folder, self.counter = page, folder, counter

    def __call__(self, step: str) -> Path:
        self.counter[0] += 1
        path = self.folder / f"{self.counter[0]:02d}-{re.sub(r'[^a-z0-9-]+', '-', step.lower())}.png"
        # A list of hundreds of rows is shot as the window shows it: the whole page would take too long.
        whole = self.page.evaluate("document.documentElement.scrollHeight") <= FULL_PAGE_MAX_PX
        self.page.screenshot(path=str(path), full_page=whole)
        return path


@pytest.fixture
def page(browser, live_server, _audit_rows_cleared_before_flush, request) -> Iterator[object]:
    """A fresh browser page (Vietnamese, 1280 wide) with a default timeout of 10 s."""
    from django.db import connection

    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    p = context.new_page()
    p.live_server_url = live_server.url
    folder = ROOT / "artifacts" / "browser" / connection.vendor
    if folder not in _CLEANED:  # last run's screenshots go; this session's stay
        shutil.rmtree(folder, ignore_errors=True)
        _CLEANED.add(folder)
    folder.mkdir(parents=True, exist_ok=True)
    p.shot = Shots(p, folder, _COUNTERS.setdefault(folder, [0]))
    yield p
    call = getattr(request.node, "report_call", None)
    if call is not None and call.failed:
        try:
            p.shot("failure")
        except Exception:  # noqa: BLE001 - the failure itself is what matters
            pass
    context.close()


@pytest.fixture
def login():
    """``login(page, user, password)``: log out (fresh cookies), then log in through /dang-nhap/ as a
    person would, and wait for the top bar to name the user (the registry person's name, not the login)."""
    from playwright.sync_api import expect

    from xeploai.accounts.names import person_name

    def go(page, user, password: str) -> None:
        page.context.clear_cookies()
        page.goto(page.live_server_url + "/dang-nhap/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        expect(page.locator(".topbar .who strong")).to_have_text(person_name(user))

    return go


# --- The walks (test_walks_*.py): the tiny demo's accounts carry the 2023 cycle by clicks ----------------
# The helpers below are shared by the cell's, the commune's and the district's walks; the ``walk`` fixture
# hands them to the tests (test modules are imported with importlib and cannot import one another).

LEVELS = {"HTXS": 3, "HTT": 2, "HTNV": 1, "KHTNV": 0}  # short labels of the levels, as the lists show them
WRITTEN = "Hoàn thành tốt nhiệm vụ được giao; giữ gìn phẩm chất, đạo đức, lối sống."
JUSTIFIED = "Thành tích nổi bật, được cấp trên khen thưởng trong năm."
SLOW = 120_000  # ms: opening a campaign or saving a list of hundreds of rows on the shared machine


@dataclass
class Cast:
    """The demo accounts (by username) and the 2023 campaign the walks carry."""

    users: dict[str, object]
    password: str
    campaign: object
    province: object
    district: object
    commune: object
    cell: object
    member_subject: object
    cell_subject: object
    member_name: str

    def user(self, prefix: str, org=None):
        """The demo user whose username starts with ``prefix`` (and, if given, ends with ``org``'s code)."""
        found = [
            u
            for name, u in self.users.items()
            if name.startswith(prefix) and (org is None or name.endswith(org.code.lower()))
        ]
        assert len(found) == 1, (prefix, sorted(self.users))
        return found[0]


def load_demo(settings) -> None:
    """The tiny demo loaded as ``manage.py demo`` does (``make run`` prints its accounts)."""
    from django.core.management import call_command

    settings.DEBUG = True  # the demo command runs only on a development machine
    call_command("demo", "--seed", "1", "--scale", "tiny", stdout=StringIO())
    settings.DEBUG = False


def open_campaign_by_clicks(page, login, officer, password: str, root) -> None:
    """The province's Organization Commission officer creates the 2023 campaign on its creation page (the
    plan's deadlines come prefilled, S-10) and opens it, by clicks from the home page."""
    from playwright.sync_api import expect

    login(page, officer, password)
    with page.expect_navigation():
        page.click("#nav-campaigns")
    with page.expect_navigation():
        page.click("#campaign-create-link")
    form = page.locator("#campaign-create-form")
    form.locator("[name=year]").fill("2023")
    form.locator("[name=ruleset]").select_option("kh181-2023")
    form.locator("[name=root]").select_option(str(root.pk))
    form.locator("[name=name]").fill("Kiểm điểm, đánh giá, xếp loại chất lượng năm 2023")
    with page.expect_navigation():
        page.click("#campaign-create-submit")
    expect(page.locator("h1")).to_contain_text("năm 2023")
    with page.expect_navigation(timeout=SLOW):
        page.click("#campaign-open")
    # Opening runs as a job (ADR 0013); the tests' immediate backend finishes it before the page answers.
    expect(page.locator("#campaign-status")).to_contain_text("Đang thực hiện", timeout=SLOW)
    expect(page.locator("#campaign-last-open")).to_contain_text("đối tượng")
    page.shot("campaign-opened")


def demo_cast(page, login, settings) -> Cast:
    """The tiny demo, then its province's 2023 campaign created and opened by the officer's clicks."""
    from xeploai.accounts.models import Role, RoleAssignment
    from xeploai.campaigns.models import Campaign, Subject
    from xeploai.registry.demo.load import PASSWORD
    from xeploai.registry.models import Organization

    load_demo(settings)
    rows = RoleAssignment.objects.select_related("user", "organization", "person")
    users = {a.user.username: a.user for a in rows}
    at = {a.user.username.split(".")[0] + "." + a.role: a.organization for a in rows}  # unique prefixes
    province = Organization.objects.get(parent=None)
    open_campaign_by_clicks(page, login, users["bantochuc"], PASSWORD, province)
    campaign = Campaign.objects.get(year=2023, root=province)
    member = rows.get(role=Role.MEMBER)
    subjects = Subject.objects.filter(campaign=campaign)
    return Cast(
        users=users,
        password=PASSWORD,
        campaign=campaign,
        province=province,
        district=at[f"huyenuy.{Role.COMMITTEE_OFFICER}"],
        commune=at[f"danguy.{Role.COMMITTEE_OFFICER}"],
        cell=member.organization,
        member_subject=subjects.get(person_id=member.person_id, subject_type="PARTY_MEMBER"),
        cell_subject=subjects.get(organization=member.organization, subject_type="ORGANIZATION"),
        member_name=member.person.full_name,
    )


def click_work(page, label: str) -> None:
    """From the home page (the site root), open the work item whose link reads ``label``."""
    from playwright.sync_api import expect

    page.goto(page.live_server_url + "/")
    expect(page.locator("h1")).to_contain_text("Việc của tôi")
    with page.expect_navigation():
        page.locator(".work-item a", has_text=label).first.click()


def open_subject_row(page, name: str) -> None:
    """On an organization's page, open the subject named ``name`` from the subjects list."""
    with page.expect_navigation():
        page.locator("#subject-list a").get_by_text(name, exact=True).first.click()


def filter_subjects(page, unit, kind: str | None = None) -> None:
    """On an organization's page, narrow the subjects list to ``unit``'s subtree (and a kind of subject)
    with the list's filter bar; each choice reloads the list."""
    picks = [("select[name=don-vi]", str(unit.pk))] + ([("select[name=loai]", kind)] if kind else [])
    for select, value in picks:
        with page.expect_response(lambda r: r.request.method == "GET" and "don-vi=" in r.url):
            page.select_option(select, value)


def fill_review(page) -> None:
    """Write every field of the review form (Mẫu 01/02) with a self-rating of HTT, then submit it."""
    from playwright.sync_api import expect

    form = page.locator("#review-form")
    expect(form).to_be_visible()
    for area in form.locator("textarea").all():
        area.fill(WRITTEN)
    for select in ("#review-self-party", "#review-self-state"):
        if page.locator(select).count():
            page.select_option(select, "2")
    for radio_name in sorted(
        set(form.locator("input[type=radio]").evaluate_all("els => els.map(e => e.name)"))
    ):
        form.locator(f"input[name='{radio_name}']").first.check()
    if page.locator("#review-score").count():
        page.fill("#review-score", "85")
    with page.expect_navigation():
        page.click("#review-submit")
    expect(page.locator("#review-status")).to_contain_text("Đã nộp")


def give_opinion(page, text: str) -> None:
    """Give an opinion on the subject page opened (R-82, S-12)."""
    from playwright.sync_api import expect

    page.fill("#opinion-text", text)
    page.select_option("#opinion-level", "2")
    with page.expect_navigation():
        page.click("#opinion-submit")
    expect(page.locator("#opinion-list")).to_contain_text(text)


def is_check(response) -> bool:
    """The whole list's quota check (``stage_list_check``)."""
    return response.request.method == "POST" and response.url.endswith("/kiem-tra/")


def choose_levels(page, picks: list[tuple[object, str]]) -> int:
    """Pick a level on each (row select, level) of a whole list as fast as a user clicks, then wait for the
    quota recomputed on the server; returns how many checks the page sent (one per pause of the user)."""
    from playwright.sync_api import expect

    sent: list[str] = []

    def seen(request) -> None:
        if request.method == "POST" and request.url.endswith("/kiem-tra/"):
            sent.append(request.url)

    page.on("request", seen)
    with page.expect_response(is_check, timeout=SLOW):
        for select, level in picks:
            select.select_option(level)
    chosen = page.locator("#stage-list select").evaluate_all("els => els.filter(e => e.value !== '').length")
    expect(page.locator("#quota-summary")).to_contain_text(f"Đã chọn mức cho {chosen} ")
    page.remove_listener("request", seen)
    return len(sent)


def rows_named(page, names: list[str]) -> list[object]:
    """The rows of the whole list whose subject is one of ``names``."""
    rows = page.locator("#stage-list tbody tr").all()
    return [row for row in rows if row.locator("td a").first.inner_text() in names]


def capped(row, level: str) -> str:
    """``level``, or the row's highest allowed level if lower (never above the cap)."""
    highest = LEVELS[row.locator(".max-level").inner_text().strip()]
    return str(min(int(level), highest))


def save_list(page) -> None:
    """Write the justification every row over the quota requires (R-50: the page marks them after its
    check), then save the whole list in one form."""
    from playwright.sync_api import expect

    for area in page.locator("#stage-list textarea[required]").all():
        area.fill(JUSTIFIED)
    with page.expect_navigation(timeout=SLOW):
        page.click("#btn-save-list")
    expect(page.locator("body")).to_contain_text("Đã ghi mức xếp loại")


def save_list_taking(page, level: str | None) -> None:
    """On a whole-list page: every row to ``level`` (or the previous stage's levels), saved in one form."""
    if level is None:
        with page.expect_navigation(timeout=SLOW):
            page.click("#take-previous")
    else:
        rows = page.locator("#stage-list tbody tr").all()
        choose_levels(page, [(row.locator("select"), capped(row, level)) for row in rows])
    save_list(page)


def decide_over_quota_then_justified(page, rows: list[object]) -> None:
    """On the decision list (the previous stage's levels taken): HTXS on ``rows`` (those whose cap allows
    it) is refused over the quota without a justification (R-50), then saved with it."""
    from playwright.sync_api import expect

    picks = [(row.locator("select"), "3") for row in rows if "HTXS" in row.locator(".max-level").inner_text()]
    assert picks, "no row may be HTXS: the quota cannot be shown"
    choose_levels(page, picks)
    expect(page.locator("#quota-summary .over-quota").first).to_be_visible()
    page.locator("#stage-list textarea").evaluate_all(
        "els => els.forEach(e => e.removeAttribute('required'))"
    )
    with page.expect_navigation(timeout=SLOW):
        page.click("#btn-save-list")
    expect(page.locator("#list-errors")).to_contain_text("Danh sách chưa được ghi")
    page.shot("decision-refused-over-quota")
    save_list(page)  # with the justification of each row over the quota
    page.shot("decision-saved")


def publish_confirmed(page) -> None:
    """ "Công bố kết quả": the confirmation page (R-88), then the publication."""
    from playwright.sync_api import expect

    click_work(page, "Công bố kết quả")
    expect(page.locator("#publish-warning")).to_be_visible()
    page.shot("publish-confirmation")
    with page.expect_navigation(timeout=SLOW):
        page.click("#btn-publish-confirm")
    page.shot("published")


def lodge_appeal(page, text: str) -> None:
    """On a subject page whose result is published: read the level, then lodge an appeal (R-81)."""
    from playwright.sync_api import expect

    expect(page.locator("#results-hidden")).to_have_count(0)
    expect(page.locator("#rating-history")).to_contain_text("Hoàn thành")
    page.fill("#appeal-text", text)
    with page.expect_navigation():
        page.click("#appeal-submit")
    expect(page.locator("#appeal-list")).to_contain_text(text)


def resolve_appeal(page, resolution: str) -> None:
    """On a subject page with an open appeal: the superior committee's conclusion (R-81)."""
    from playwright.sync_api import expect

    page.locator("#appeal-list textarea").first.fill(resolution)
    with page.expect_navigation():
        page.locator("#appeal-list button[type=submit]").first.click()
    expect(page.locator("#appeal-list")).to_contain_text(resolution)


def assert_collectives_carried(campaign, org_path: str) -> None:
    """The unit's classified collectives went the whole way: one HTXS decided over the quota with its
    justification (R-50c), every one published (R-88), the appeal concluded as upheld (R-81)."""
    from xeploai.campaigns.models import Appeal, Rating, RatingStage, Subject

    carried = Subject.objects.filter(
        campaign=campaign, org_path=org_path, subject_type="COLLECTIVE", classify=True
    )
    decided = Rating.objects.filter(subject__in=carried, stage=RatingStage.DECIDED)
    assert decided.filter(level=3).exclude(justification="").exists()
    published = Rating.objects.filter(subject__in=carried, stage=RatingStage.PUBLISHED)
    assert published.values("subject").distinct().count() == carried.count()
    assert Appeal.objects.get(subject__in=carried).status == "UPHELD"


@pytest.fixture
def walk():
    """The walks' helpers, by name: ``walk.click_work(page, "Công bố kết quả")``."""
    names = ("click_work", "open_subject_row", "rows_named", "filter_subjects", "fill_review", "give_opinion",
             "choose_levels", "capped", "save_list", "save_list_taking", "decide_over_quota_then_justified",
             "publish_confirmed", "lodge_appeal", "resolve_appeal", "assert_collectives_carried")  # fmt: skip
    return SimpleNamespace(**{n: globals()[n] for n in names}, LEVELS=LEVELS, JUSTIFIED=JUSTIFIED, SLOW=SLOW)


@pytest.fixture
def demo(page, login, settings) -> Cast:
    """The tiny demo with the 2023 campaign opened by clicks (each walk's first step)."""
    return demo_cast(page, login, settings)
