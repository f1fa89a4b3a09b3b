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
from pathlib import Path

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
_COUNTERS: dict[Path, list[int]] = {}


class Shots:
    """Numbered screenshots of the whole page: ``shot("review-submitted")`` → ``03-review-submitted.png``."""

    def __init__(self, page: object, folder: Path, counter: list[int]) -> None:
        self.page, self.folder, self.counter = page, folder, counter

    def __call__(self, step: str) -> Path:
        self.counter[0] += 1
        path = self.folder / f"{self.counter[0]:02d}-{re.sub(r'[^a-z0-9-]+', '-', step.lower())}.png"
        self.page.screenshot(path=str(path), full_page=True)
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
    person would, and wait for the top bar to name the user."""
    from playwright.sync_api import expect

    def go(page, user, password: str) -> None:
        page.context.clear_cookies()
        page.goto(page.live_server_url + "/dang-nhap/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        expect(page.locator(".topbar .who")).to_contain_text(user.get_full_name() or user.username)

    return go
