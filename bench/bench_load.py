"""A quarter's end under load: gunicorn on PostgreSQL driven by locust (run by ``make bench-load``).

Set-up (not timed), on the PostgreSQL database of ``--database-url`` (default ``h_load`` on loopback):
``migrate``, the demo province (``demo --seed N --if-empty``: loaded once, reused after), the 2023
campaign opened over it (``open_campaign``) unless there is one, then ``_load_prepare.py``: the bench's
own accounts (members, cell secretaries, deciding standing committees, Organization Commission officers,
API clients) with their sessions and API tokens, and the cell reviews and proposals their work needs.

Then gunicorn serves the site on 127.0.0.1 with production settings: DEBUG off, a SECRET_KEY and an
audit key generated for the run, persistent database connections (``CONN_MAX_AGE``); only the second
factor is off (``XEPLOAI_2FA_REQUIRED=false``, as ``make run`` does), for the bench accounts have none.
locust (``bench/locustfile.py``) drives it headless with ``--users`` users (50) for ``--seconds`` (120):
20 members writing self-reviews, 6 cell secretaries proposing their list on the whole-list page,
6 standing-committee officers deciding a cell's list, 8 commission officers reading statistics and
progress, 10 API clients reading subjects with tokens; each waits 1–5 s between tasks. Figures count
from the moment every user is running (``--reset-stats``).

The LAST line printed is one JSON object: per kind of request (``kinds``) ``p50_ms``, ``p95_ms``,
``p99_ms``, ``requests``, ``errors``, ``rps``; for the whole run ``requests_per_second``, ``requests``,
``errors`` and the error messages, ``max_p95_ms``, ``slowest_kind``, ``target_p95_ms`` (200),
``target_met`` (every kind at most 200 ms at p95 and no error), the options, ``machine`` and the load
average before and after (the machine may be shared: say so beside the figures).

    .venv/bin/python bench/bench_load.py [--database-url URL] [--users 50] [--seconds 120] [--workers N]
                                         [--spawn-rate 10] [--port 8765] [--seed 1] [--keep]
                                         [--kinds members,secretaries,deciders,commission,api]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import platform
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TARGET_P95_MS = 200.0
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/h_load"
# The mix of 50 users (locustfile.py's weights): accounts are made for each kind's share of --users.
WEIGHTS = {"members": 20, "secretaries": 6, "deciders": 6, "commission": 8, "api": 10}
USER_CLASSES = {
    "members": "Member", "secretaries": "Secretary", "deciders": "Decider", "commission": "Commission",
    "api": "ApiClient",
}  # fmt: skip


def _env(args: argparse.Namespace, folder: Path) -> dict[str, str]:
    """Production settings for the server and the set-up: DEBUG off, fresh keys, no second factor."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=args.database_url,
        DJANGO_SETTINGS_MODULE="xeploai.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        XEPLOAI_AUDIT_KEY=secrets.token_urlsafe(50),
        XEPLOAI_2FA_REQUIRED="false",
        ALLOWED_HOSTS="127.0.0.1",
        CONN_MAX_AGE="60",
        MEDIA_ROOT=str(folder / "media"),
        BENCH_LOAD_FIXTURE=str(folder / "fixture.json"),
        BENCH_LOAD_WAIT_MIN=str(args.wait_min),
        BENCH_LOAD_WAIT_MAX=str(args.wait_max),
    )
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _run(env: dict[str, str], *argv: str, debug: bool = False, check: bool = True) -> int:
    """A child process in the project folder; ``debug``: with DEBUG on (the demo commands ask for it)."""
    child = {**env, "DEBUG": "true"} if debug else env
    return subprocess.run(argv, env=child, cwd=ROOT, check=check, stdout=subprocess.DEVNULL).returncode


def _counts(users: int, kinds: list[str]) -> dict[str, int]:
    """Accounts to make per kind: its share of ``users`` rounded up (locust rounds shares too)."""
    total = sum(WEIGHTS[k] for k in kinds)
    return {k: max(1, math.ceil(users * WEIGHTS[k] / total)) if k in kinds else 1 for k in WEIGHTS}


def _prepare(env: dict[str, str], args: argparse.Namespace) -> None:
    """The demo province with its open 2023 campaign (made once, reused), then the bench's accounts."""
    started = time.perf_counter()
    manage = str(ROOT / "manage.py")
    _run(env, sys.executable, manage, "migrate", "--noinput")
    _run(env, sys.executable, manage, "demo", "--seed", str(args.seed), "--if-empty", debug=True)
    prepare = [sys.executable, str(ROOT / "bench" / "_load_prepare.py")]
    if _run(env, *prepare, "--has-campaign", check=False) != 0:
        _run(env, sys.executable, manage, "open_campaign", "--year", "2023", "--ruleset", "kh181-2023")
        print("2023 campaign opened", flush=True)
    counts = [f"--{kind}={n}" for kind, n in _counts(args.users, args.kinds).items()]
    _run(env, *prepare, "--out", env["BENCH_LOAD_FIXTURE"], *counts)
    print(f"set-up done in {time.perf_counter() - started:.0f} s", flush=True)


def _serve(env: dict[str, str], args: argparse.Namespace, folder: Path) -> subprocess.Popen[bytes]:
    """gunicorn on loopback, answering /health/ (else stopped and the bench fails)."""
    log = open(folder / "gunicorn.log", "wb")  # noqa: SIM115 - closed with the process
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "xeploai.wsgi", "--workers", str(args.workers), "--bind",
         f"127.0.0.1:{args.port}", "--timeout", "120", "--preload"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{args.port}/health/", timeout=5) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(1)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer /health/: see {folder / 'gunicorn.log'}")


def _drive(env: dict[str, str], args: argparse.Namespace, folder: Path) -> None:
    """locust headless: ``--users`` users spawned at ``--spawn-rate`` a second, for ``--seconds``."""
    subprocess.run(
        [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "--only-summary",
         "--users", str(args.users), "--spawn-rate", str(args.spawn_rate), "--run-time", f"{args.seconds}s",
         "--host", f"http://127.0.0.1:{args.port}", "--csv", str(folder / "load"), "--reset-stats",
         "--stop-timeout", "30", "--loglevel", "WARNING", *(USER_CLASSES[k] for k in args.kinds)],
        env=env, cwd=ROOT, check=False,
    )  # fmt: skip


def _figures(folder: Path) -> dict[str, Any]:
    """Per kind and overall, from locust's CSV files: percentiles, counts, rate and error messages."""
    kinds: dict[str, dict[str, Any]] = {}
    total: dict[str, Any] = {}
    with open(folder / "load_stats.csv", encoding="utf-8") as stats:
        for row in csv.DictReader(stats):
            figures = {
                "p50_ms": float(row["50%"]), "p95_ms": float(row["95%"]), "p99_ms": float(row["99%"]),
                "requests": int(row["Request Count"]), "errors": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 2),
            }  # fmt: skip
            if row["Name"] == "Aggregated":
                total = figures
            else:
                kinds[row["Name"]] = figures
    messages = []
    failures = folder / "load_failures.csv"
    if failures.exists():
        with open(failures, encoding="utf-8") as rows:
            messages = [f"{r['Name']}: {r['Error']} ×{r['Occurrences']}" for r in csv.DictReader(rows)]
    return {"kinds": kinds, "total": total, "messages": messages}


def _result(figures: dict[str, Any], args: argparse.Namespace, before: tuple[float, ...]) -> dict[str, Any]:
    kinds, total = figures["kinds"], figures["total"]
    slowest = max(kinds, key=lambda k: kinds[k]["p95_ms"]) if kinds else None
    max_p95 = kinds[slowest]["p95_ms"] if slowest else 0.0
    errors = int(total.get("errors", 0))
    return {
        "kinds": kinds, "requests_per_second": total.get("rps", 0.0), "requests": total.get("requests", 0),
        "errors": errors, "error_messages": figures["messages"][:20], "max_p95_ms": max_p95,
        "slowest_kind": slowest, "target_p95_ms": TARGET_P95_MS,
        "target_met": bool(kinds) and max_p95 <= TARGET_P95_MS and errors == 0,
        "users": args.users, "seconds": args.seconds, "workers": args.workers,
        "wait_seconds": [args.wait_min, args.wait_max], "kinds_of_users": args.kinds,
        "accounts": _counts(args.users, args.kinds),
        "database": f"postgresql {urlsplit(args.database_url).path.lstrip('/')}",
        "machine": f"{platform.machine()} {os.cpu_count()} cpu",
        "load_average_before": before, "load_average_after": os.getloadavg(),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL, help="a PostgreSQL database (loaded if empty)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--spawn-rate", type=float, default=10.0, help="users started per second")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn's")
    parser.add_argument("--wait-min", type=float, default=1.0, help="seconds between a user's tasks, least")
    parser.add_argument("--wait-max", type=float, default=5.0, help="seconds between a user's tasks, most")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the folder (locust's CSV, gunicorn's log)")
    parser.add_argument(
        "--kinds",
        default=",".join(WEIGHTS),
        help=f"kinds of users, comma-separated (default all: {','.join(WEIGHTS)})",
    )
    args = parser.parse_args()
    args.kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    if not args.kinds or set(args.kinds) - set(WEIGHTS):
        raise SystemExit(f"--kinds: some of {', '.join(WEIGHTS)}")
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("--database-url must be a PostgreSQL database (postgres://…)")
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    try:
        env = _env(args, folder)
        _prepare(env, args)
        server = _serve(env, args, folder)
        load_before = os.getloadavg()
        try:
            print(f"driving {args.users} users for {args.seconds} s, {args.workers} workers", flush=True)
            _drive(env, args, folder)
        finally:
            server.terminate()
            server.wait(timeout=60)
        figures = _figures(folder)
    finally:
        if args.keep:
            print(f"kept {folder}", flush=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    for name, f in sorted(figures["kinds"].items()):
        print(f"{name:45} p50 {f['p50_ms']:7.0f}  p95 {f['p95_ms']:7.0f}  p99 {f['p99_ms']:7.0f} ms  "
              f"{f['requests']:5d} requests  {f['errors']} errors", flush=True)  # fmt: skip
    print(json.dumps(_result(figures, args, load_before), ensure_ascii=False))


if __name__ == "__main__":
    main()
