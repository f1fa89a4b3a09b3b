"""Benchmark what ``make run`` does before it serves: the two demo provinces and the 2025 campaign.

Run by ``make bench-demo`` (not part of ``make bench``). On a fresh temporary SQLite file (or
``--database-url``; a PostgreSQL database given there must be empty), each step of ``make run`` is run as
its own ``manage.py`` process, as the Makefile runs it, and timed from the outside (so Django's start-up
is included, as the user waits for it):

- ``migrate --noinput``;
- ``demo --seed 1 --if-empty`` (the 2023 province, ~100,000 people);
- ``demo --structure 2025 --seed 1 --if-empty`` (the merged 2025 province, ~45,000 people, with the
  task register of 2025 and of 2026's first quarter);
- ``open_campaign --year 2025 --ruleset qd366-2025 --root VL``.

``first_run_seconds`` adds them up on the empty database; ``second_run_seconds`` runs the same four steps
again (``make run`` on a filled database: the demo loads are skipped, the accounts reset, the campaign's
subjects brought up to date). Targets: first run ≤ 120 s, second run ≤ 30 s (``TARGETS``).

The LAST line printed is one JSON object.

    .venv/bin/python bench/bench_demo.py [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"first_run_seconds": 120.0, "second_run_seconds": 30.0}
STEPS = (
    ("migrate", ("migrate", "--noinput")),
    ("demo_2023", ("demo", "--seed", "1", "--if-empty")),
    ("demo_2025", ("demo", "--structure", "2025", "--seed", "1", "--if-empty")),
    ("campaign_2025", ("open_campaign", "--year", "2025", "--ruleset", "qd366-2025", "--root", "VL")),
)


def _env(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = url
    env["DJANGO_SETTINGS_MODULE"] = "xeploai.settings"
    env["DEBUG"] = "true"  # as the Makefile's development verbs
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _run_steps(url: str) -> dict[str, float]:
    """Each step of ``make run`` in its own process; its wall-clock seconds."""
    times = {}
    for name, args in STEPS:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=_env(url),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        times[name] = round(time.perf_counter() - started, 1)
        print(f"{name}: {times[name]} s", file=sys.stderr)
    return times


def _counts(url: str) -> dict[str, int]:
    """People and tasks of the 2025 province, and its campaign's subjects."""
    code = (
        "from xeploai.registry.models import Person, Organization;"
        "from xeploai.registry.task_register import Task;"
        "from xeploai.campaigns.models import Subject;"
        "p = Organization.objects.get(code='VL').path;"
        "people = Person.objects.filter(party_organization__path__startswith=p)"
        " | Person.objects.filter(workplace__path__startswith=p);"
        "print(people.distinct().count(), Task.objects.filter(code__startswith='DEMO-VL-').count(),"
        " Subject.objects.filter(campaign__root__path=p).count())"
    )
    out = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        env=_env(url), check=True, capture_output=True, text=True,
    )  # fmt: skip
    people, tasks, subjects = (int(x) for x in out.stdout.strip().splitlines()[-1].split())
    return {"people_2025": people, "tasks_2025": tasks, "subjects_2025": subjects}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an empty database (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench_demo.sqlite3'}"
        first = _run_steps(url)
        second = _run_steps(url)
        counts = _counts(url)
    result = {
        "database": url.split(":", 1)[0].replace("postgresql", "postgres"),
        "first_run_seconds": round(sum(first.values()), 1),
        "first_run_steps": first,
        "second_run_seconds": round(sum(second.values()), 1),
        "second_run_steps": second,
        **counts,
        "targets": TARGETS,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "load_average": round(os.getloadavg()[0], 1),
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
    }
    result["targets_met"] = all(result[k] <= v for k, v in TARGETS.items())
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
