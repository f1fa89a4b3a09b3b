"""Every page each demo role can open, timed (run by ``make bench-pages``).

Set-up (not timed), in a temporary folder: a fresh SQLite file is migrated and loaded as ``make run``
loads it (``manage.py demo --seed N`` — the demo province, ~100,000 people — and ``demo_admin``), then
the 2023 campaign is opened over the province (``manage.py open_campaign --year 2023 --ruleset
kh181-2023``) unless the demo already has one, so the campaign pages have their subjects.

The roles are read from the demo data, not listed here: one user per (role, tier of the organization
where it is held) among the demo accounts (the first by username), plus the demo administrator. For each
user, logged in with Django's test client, the site is crawled from the home page ("Việc của tôi"):
GET only, links within the site, breadth first, at most ``--per-view`` URLs per view (a list of 500
people is one page, not 500) and ``--max-pages`` pages per user; administration, logout, language and
file links are left out, and only HTML pages answered 200 count as pages the role can open. Each page is
then requested ``--repeat`` times (20) in a row; p50 and p95 are of those times, with the query count of
the first request.

DEBUG is on, as under ``make run`` (the demo commands need it); the two-factor step is off as there.

The LAST line printed is one JSON object: ``pages`` (role, user, url, view, p50_ms, p95_ms, queries),
``max_p95_ms``, ``slowest``, ``target_p95_ms`` (300), ``target_met``, ``roles``, ``broken`` (the links
offered on a page that answer 4xx/5xx: role, url, status, offered_on), ``machine``, ``load_average``.

    .venv/bin/python bench/bench_pages.py [--repeat 20] [--seed 1] [--scale province] [--keep] [--db FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

ROOT = Path(__file__).resolve().parents[1]
TARGET_P95_MS = 300.0
SKIPPED_PREFIXES = ("/admin/", "/dang-xuat/", "/i18n/", "/static/", "/media/", "/tep/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _env(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="xeploai.settings",
        DEBUG="true",
        XEPLOAI_2FA_REQUIRED="false",
    )
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _manage(url: str, *args: str, check: bool = True) -> int:
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=_env(url),
        check=check,
        stdout=subprocess.DEVNULL,
    )
    return done.returncode


def _prepare(url: str, seed: int, scale: str) -> None:
    """The database ``make run`` makes, plus the 2023 campaign opened over the province."""
    started = time.perf_counter()
    _manage(url, "migrate", "--noinput")
    _manage(url, "demo", "--seed", str(seed), "--scale", scale, "--if-empty")
    _manage(url, "demo_admin")
    print(f"demo loaded in {time.perf_counter() - started:.0f} s", flush=True)
    os.environ.update(_env(url))
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from xeploai.campaigns.models import Campaign

    if not Campaign.objects.exists():
        _manage(url, "open_campaign", "--year", "2023", "--ruleset", "kh181-2023")
        print("2023 campaign opened", flush=True)


def _users() -> list[tuple[str, Any]]:
    """(label, user): one demo account per (role, tier) found in the data, and the administrator."""
    from django.contrib.auth import get_user_model

    from xeploai.accounts.models import RoleAssignment

    chosen: dict[tuple[str, str], Any] = {}
    grants = RoleAssignment.objects.select_related("user", "organization").order_by("user__username")
    for grant in grants:
        chosen.setdefault((grant.role, grant.organization.tier), grant.user)
    out = [(f"{role}@{tier}", user) for (role, tier), user in sorted(chosen.items())]
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if admin is not None:
        out.append(("superuser", admin))
    return out


def _inside(href: str) -> str | None:
    """The site path of a link, or None for another site, a file, or a page left out."""
    href, _fragment = urldefrag(href)
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(SKIPPED_PREFIXES) or parts.path.endswith((".xlsx", ".docx", ".zip", ".pdf")):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _crawl(client: Any, max_pages: int, per_view: int, broken: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(url, view name) of the HTML pages answered 200, breadth first from the home page; a link offered
    on one of them that answers 4xx or 5xx is added to ``broken`` (url, status, the page offering it)."""
    from django.urls import Resolver404, resolve

    seen: set[str] = set()
    per: dict[str, int] = {}
    pages: list[tuple[str, str]] = []
    queue: deque[tuple[str, str]] = deque([("/", "")])
    while queue and len(pages) < max_pages:
        url, offered_on = queue.popleft()
        try:
            view = resolve(urlsplit(url).path).view_name
        except Resolver404:
            broken.append({"url": url, "status": 404, "offered_on": offered_on})
            continue
        if url in seen or per.get(view, 0) >= per_view:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 400:
            broken.append({"url": url, "status": response.status_code, "offered_on": offered_on})
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        per[view] = per.get(view, 0) + 1
        pages.append((url, view))
        parser = _Links()
        parser.feed(response.content.decode("utf-8", "replace"))
        queue.extend((u, url) for u in map(_inside, parser.hrefs) if u and u not in seen)
    return pages


def _time(client: Any, url: str, repeat: int) -> tuple[float, float, int]:
    """(p50 ms, p95 ms, queries of the first request) of ``repeat`` requests in a row."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()  # the DEBUG log keeps 9,000 queries at most: once full, the capture would count 0
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]
    return statistics.median(times), p95, len(queries)


def _measure(args: argparse.Namespace, broken: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from django.test import Client

    rows = []
    for label, user in _users():
        client = Client(HTTP_HOST="127.0.0.1")  # a host ``make run`` serves (ALLOWED_HOSTS)
        client.force_login(user)
        found: list[dict[str, Any]] = []
        pages = _crawl(client, args.max_pages, args.per_view, found)
        broken.extend({"role": label, **b} for b in found)
        print(f"{label} ({user.username}): {len(pages)} pages", flush=True)
        for url, view in pages:
            if args.views and view not in args.views:
                continue
            p50, p95, queries = _time(client, url, args.repeat)
            rows.append(
                {
                    "role": label,
                    "user": user.username,
                    "url": url,
                    "view": view,
                    "p50_ms": round(p50, 1),
                    "p95_ms": round(p95, 1),
                    "queries": queries,
                }
            )
            if p95 > TARGET_P95_MS:
                print(f"  slow: {url} p95 {p95:.0f} ms, {queries} queries", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", choices=("province", "tiny"), default="province")
    parser.add_argument("--max-pages", type=int, default=40, help="pages per user at most")
    parser.add_argument("--per-view", type=int, default=2, help="URLs per view at most")
    parser.add_argument(
        "--views",
        type=lambda v: set(v.split(",")),
        default=set(),
        help="time only these views (comma-separated names), after the whole crawl",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--db", help="an SQLite file to use (made if missing, kept): set-up once, time again")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    broken: list[dict[str, Any]] = []
    try:
        url = f"sqlite:///{Path(args.db).resolve() if args.db else folder / 'db.sqlite3'}"
        os.environ["MEDIA_ROOT"] = str(folder / "media")
        _prepare(url, args.seed, args.scale)
        rows = _measure(args, broken)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    slowest = max(rows, key=lambda r: r["p95_ms"]) if rows else None
    max_p95 = slowest["p95_ms"] if slowest else 0.0
    print(
        json.dumps(
            {
                "pages": rows,
                "max_p95_ms": max_p95,
                "slowest": slowest,
                "target_p95_ms": TARGET_P95_MS,
                "target_met": max_p95 <= TARGET_P95_MS,
                "roles": sorted({r["role"] for r in rows}),
                "broken": broken,
                "repeat": args.repeat,
                "scale": args.scale,
                "database": "sqlite",
                "machine": f"{platform.machine()} {os.cpu_count()} cpu",
                "load_average": os.getloadavg(),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
