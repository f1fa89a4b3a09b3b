"""Benchmark the rules against the database on the demo province (run by ``make bench-rules``).

For each database — a fresh temporary SQLite file, then PostgreSQL (``h_bench_rules`` at 127.0.0.1:5432,
dropped and recreated; skipped with a note if the server is not reachable) — the parent migrates it and
loads ``manage.py demo --seed 1`` (~1,500 party organizations, ~100,000 people; not timed) and settles it
(``_settle``: VACUUM ANALYZE, or a WAL checkpoint on SQLite), then runs ``--runs`` times, each in a child
process on an empty campaign, the real services of a 2023 campaign:

1. read the registry once (``snapshot.registry_snapshot``) and ``campaign_open`` with it: decide who is
   reviewed / classified, write the subjects;
2. synthesize one PROPOSED level per classified subject (``random.Random(seed)``, deterministic) and
   check them as ``ratings_import`` does before writing (hold the campaign, count the subjects' ratings
   for their state versions, ``checking.stage_verdicts``: caps, linkage, quota, order, on the same snapshot),
   then append them as rating rows with their findings (``rating_writes.ratings_write``): the results written
   back;
3. separately, ``ratings_check(stage="PROPOSED")`` as ``check_ratings`` runs it (fresh reads): reported
   as ``check_seconds``, not part of ``seconds``.

4. a quarter (R-100, ND335 R-102), after the year: ``campaign_create(year=2027, quarter=1)`` under
   ``qd366-2025`` with the same steps 1–2 — open, propose, check (the công chức scored from the task
   register for the quarter's dates), write — reported as ``quarter_seconds`` with its own pure-core time
   and floor (``quarter_core_seconds``, ``quarter_floor_seconds``, ``quarter_ratio_to_floor``) and the same
   targets as the year. The demo's register holds ten 2026 tasks per công chức spread over the year, so
   the child adds, untimed, the same ten tasks per công chức moved into the first quarter of 2027 (each
   task's dates shifted by one amount: lateness, quality and exclusions kept; ``quarter_tasks``).

The child wraps the functions each phase is made of (no copy of the pipeline), so steps 1–2 split into
``read_seconds`` (the raw ``values_list`` queries), ``core_seconds`` (the pure rules core: eligibility,
a quarter's ND335 task scores (``score_many``), checks, quota, ordering), ``write_seconds`` (COPY /
executemany of subjects and ratings) and ``bridge_seconds`` (the rest: rows → facts → rows in Python, JSON
of findings). ``seconds`` is steps 1–2 end to end. Medians of the runs. The LAST line is one JSON object
covering both databases.

The floor, measured in the same run on the same campaign (``_floor``): the pure core's time on the same
snapshot (``core_seconds``, timed above) plus a bare write of the same subject and rating rows, read
back from the tables, into the same tables with their constraints, in one committed transaction (as the
run's writes are): COPY of the rows as PostgreSQL itself encodes them, or ``executemany`` on SQLite
(``floor_write_seconds``). ``floor_seconds`` is their sum and ``ratio_to_floor`` = ``seconds`` /
``floor_seconds``: what the services cost beyond what the database and the rules need at the least.
In a rolled-back run (``--database-url``, ``--nation``) nothing commits, so neither side pays the
foreign keys' checks, which Django defers to COMMIT.

Each phase is also reported as CPU time of the child process (``*_cpu_seconds``, ``time.process_time``):
on the shared 2-core machine that figure moves far less with the load than wall time does.

``--database-url URL`` runs the same child on an existing, loaded database (no migrate, no demo): each run
happens inside one transaction that is rolled back, so the database is left as it was. ``--nation`` is
that on the nation demo database (``h_nation``, ~5.5 million people in 63 provinces) with the nation
target. Steps 1–2 run once per top-level organization (the demo has one; the nation database has one per
province, each its own campaign). ``--workers N`` runs N children at once, each on every N-th province in
its own rolled-back transaction, as provinces opening their campaigns at the same time would (default 2
with ``--nation``: the machine's two cores); then ``seconds`` is the wall time of the whole run and the
phase figures are summed over the workers (``summed_seconds``: the workers' own totals added up).

Targets: ``ratio_to_floor`` ≤ 2.0 per database, pure core ≤ 1 s, the same for the quarter; nation scale
(PostgreSQL) ≤ 3 minutes.

    .venv/bin/python bench/bench_rules.py [--runs 3] [--seed 1] [--skip-postgres] [--keep] [--pg-name NAME]
    .venv/bin/python bench/bench_rules.py --nation --runs 1 [--workers 2] [--skip-check]
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
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_NAME = "h_bench_rules"
TARGETS = {
    "ratio_to_floor": 2.0,
    "core_seconds": 1.0,
    "quarter_ratio_to_floor": 2.0,
    "quarter_core_seconds": 1.0,
}
QUARTER_YEAR = 2027  # ND335 scores công chức from 2026; a year with no demo task of its own
NATION_URL = "postgres://postgres@127.0.0.1:5432/h_nation"
NATION_TARGETS = {"seconds": 180.0}


# --- parent ---------------------------------------------------------------------------------------------


def _env(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = url
    env["DJANGO_SETTINGS_MODULE"] = "xeploai.settings"
    env.setdefault("DEBUG", "true")
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _manage(url: str, *args: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=_env(url), check=True, stdout=subprocess.DEVNULL
    )


def _prepare(url: str, seed: int) -> float:
    started = time.perf_counter()
    _manage(url, "migrate", "--noinput", "-v0")
    _manage(url, "demo", "--seed", str(seed))
    return time.perf_counter() - started


CAMPAIGN_TABLES = ("campaigns_rating", "campaigns_subject", "campaigns_deadline", "campaigns_campaign")


def _settle(url: str, *, tables: tuple[str, ...] = ()) -> None:
    """Leave the database as a running one is between jobs, outside the timed runs.

    PostgreSQL: ``VACUUM (ANALYZE)`` of ``tables`` (all of them when empty). After the demo is loaded,
    autovacuum would otherwise visit the fresh registry tables during the first runs; and a rolled-back
    run (``--database-url``, ``--nation``) leaves its subjects and ratings as dead rows (8 million for the
    nation) that the next run's reads and index inserts would wade through. SQLite: a WAL checkpoint, so a
    run's commit does not copy the demo's pages into the database file.
    """
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f"VACUUM (ANALYZE) {', '.join(tables)}" if tables else "VACUUM (ANALYZE)")


def _child(
    url: str, seed: int, *, rollback: bool = False, check: bool = True, workers: int = 1
) -> dict[str, Any]:
    """Run one measured run in ``workers`` child processes at once, each on its share of the roots."""
    flags = [*(["--rollback"] if rollback else []), *([] if check else ["--skip-check"])]
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "--child", "--seed", str(seed), "--share", f"{i}/{workers}", *flags],
            env=_env(url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(workers)
    ]
    outs = []
    for proc in procs:
        stdout, stderr = proc.communicate()
        if proc.returncode:
            raise SystemExit(f"child failed ({proc.returncode}):\n{stderr}")
        outs.append(json.loads(stdout.strip().splitlines()[-1]))
    wall = time.perf_counter() - started
    if workers == 1:
        return outs[0]
    # Several workers: ``seconds`` is the wall time of the whole run (the workers overlap); the phase
    # figures are summed over the workers (time spent, not elapsed), the counts too.
    merged: dict[str, Any] = {}
    for out in outs:
        for key, value in out.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                merged[key] = merged.get(key, 0) + value
            else:
                merged.setdefault(key, value)
    merged["summed_seconds"] = merged["seconds"]
    merged["seconds"] = wall
    merged["ratio_to_floor"] = merged["summed_seconds"] / merged["floor_seconds"]  # time spent, both sides
    merged["workers"] = workers
    return merged


def _postgres_reset(name: str) -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {name}")
    except Exception as exc:  # noqa: BLE001 - any failure means "no PostgreSQL here"
        print(f"PostgreSQL not available ({exc}); skipped", flush=True)
        return None
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def _bench(
    name: str,
    url: str,
    runs: int,
    seed: int,
    *,
    existing: bool = False,
    targets: dict[str, float] = TARGETS,
    check: bool = True,
    workers: int = 1,
) -> dict[str, Any]:
    if not existing:
        print(f"[{name}] migrate + demo --seed {seed} …", flush=True)
        prepared = _prepare(url, seed)
        _settle(url)
        print(f"[{name}] prepared in {prepared:.1f} s", flush=True)
    results = []
    for i in range(runs):
        if existing:
            _settle(url, tables=CAMPAIGN_TABLES)
        r = _child(url, seed, rollback=existing, check=check, workers=workers)
        results.append(r)
        print(f"[{name}] run {i + 1}: " + json.dumps(r), flush=True)
    keys = [k for k, v in results[0].items() if isinstance(v, float)]
    out: dict[str, Any] = {k: round(statistics.median(r[k] for r in results), 3) for k in keys}
    out |= {k: v for k, v in results[0].items() if not isinstance(v, float)}
    out["runs"] = runs
    out["load"] = round(os.getloadavg()[0], 2)  # the 1-minute load average as this database's runs end
    out["meets_targets"] = all(out[k] <= v for k, v in targets.items())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file and the PostgreSQL db")
    parser.add_argument(
        "--pg-name", default=PG_NAME, help=f"PostgreSQL database to (re)create (default {PG_NAME})"
    )
    parser.add_argument(
        "--database-url",
        help="run on this existing, loaded database instead (no migrate/demo; each run rolled back)",
    )
    parser.add_argument("--nation", action="store_true", help=f"--database-url {NATION_URL}, nation targets")
    parser.add_argument("--skip-check", action="store_true", help="do not time check_ratings on its own")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rollback", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--share", default="0/1", help=argparse.SUPPRESS)
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes at once, each on its share of the roots "
        "(default: 1; 2 with --nation, where the provinces are independent campaigns)",
    )
    args = parser.parse_args()
    if args.child:
        share = tuple(int(x) for x in args.share.split("/"))
        print(
            json.dumps(child_run(args.seed, rollback=args.rollback, check=not args.skip_check, share=share))
        )
        return
    if args.nation or args.database_url:
        url = args.database_url or NATION_URL
        targets = NATION_TARGETS if args.nation else TARGETS
        workers = args.workers or (2 if args.nation else 1)
        result = _bench(
            "existing",
            url,
            args.runs,
            args.seed,
            existing=True,
            targets=targets,
            check=not args.skip_check,
            workers=workers,
        )
        result["targets"] = targets
        result["machine"] = _machine()
        print(json.dumps(result, ensure_ascii=False))
        return

    summary: dict[str, Any] = {}
    tmp = Path(tempfile.mkdtemp(prefix="bench_rules_"))
    try:
        summary["sqlite"] = _bench("sqlite", f"sqlite:///{tmp / 'bench.sqlite3'}", args.runs, args.seed)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    if not args.skip_postgres:
        url = _postgres_reset(args.pg_name)
        if url is not None:
            try:
                summary["postgresql"] = _bench("postgresql", url, args.runs, args.seed)
            finally:
                if not args.keep:
                    _postgres_drop(args.pg_name)
    dbs = [k for k in ("sqlite", "postgresql") if k in summary]
    summary["seconds"] = max(summary[k]["seconds"] for k in dbs)
    summary["core_seconds"] = max(summary[k]["core_seconds"] for k in dbs)
    summary["ratio_to_floor"] = max(summary[k]["ratio_to_floor"] for k in dbs)
    for key in ("quarter_seconds", "quarter_core_seconds", "quarter_ratio_to_floor"):
        summary[key] = max(summary[k][key] for k in dbs)
    summary["database"] = "+".join(dbs)
    summary["meets_targets"] = all(summary[k]["meets_targets"] for k in dbs)
    summary["machine"] = _machine()
    print(json.dumps(summary, ensure_ascii=False))


def _machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "load": round(os.getloadavg()[0], 2)}


def _postgres_drop(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# --- child: one measured run ----------------------------------------------------------------------------


class _Clock:
    """Accumulate the wall and CPU time spent inside wrapped functions, by phase.

    Nested calls are not double counted. CPU time (``time.process_time``: this process only) is the
    figure to compare on a shared, loaded machine; wall time includes waiting for the CPU and the disk.
    """

    def __init__(self) -> None:
        self.totals: dict[str, float] = {"read": 0.0, "core": 0.0, "write": 0.0}
        self.cpu: dict[str, float] = {"read": 0.0, "core": 0.0, "write": 0.0}
        self.depth = 0

    def wrap(self, phase: str, fn: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self.depth:
                return fn(*args, **kwargs)
            self.depth += 1
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.totals[phase] += time.perf_counter() - started
                self.cpu[phase] += time.process_time() - cpu
                self.depth -= 1

        return timed


def child_run(
    seed: int, *, rollback: bool = False, check: bool = True, share: tuple[int, int] = (0, 1)
) -> dict[str, Any]:
    """One measured run on an empty 2023 campaign.

    ``rollback``: the database is someone else's (``--database-url``): everything, including clearing
    the campaign tables, happens in one transaction that is rolled back at the end.
    """
    import django

    django.setup()
    from django.db import transaction

    if not rollback:
        return _child_steps(seed, rollback=False, check=check, share=share)
    with transaction.atomic():
        out = _child_steps(seed, rollback=True, check=check, share=share)
        transaction.set_rollback(True)
    return out


def _child_steps(
    seed: int, *, rollback: bool, check: bool, share: tuple[int, int] = (0, 1)
) -> dict[str, Any]:
    import random
    from collections import defaultdict

    from django.db import connection, transaction

    from xeploai.campaigns import checking, facts, locks, opening, rating_writes, snapshot, task_scores
    from xeploai.campaigns.checking import Entry
    from xeploai.campaigns.models import Subject
    from xeploai.registry.models import Organization
    from xeploai.rules import Level
    from xeploai.rules.ordering import OrderPlan

    tables = CAMPAIGN_TABLES
    with connection.cursor() as cursor:  # an empty campaign for each run (rating rows are append-only)
        if connection.vendor == "postgresql" and not rollback:
            # TRUNCATE, not DELETE: each run starts on fresh tables, not on the dead rows of the last run.
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")
    roots = list(Organization.objects.filter(parent__isnull=True).order_by("code"))[share[0] :: share[1]]
    quarter_tasks = _quarter_tasks(seed) if share[0] == 0 else 0  # untimed: ten tasks a công chức in Q1

    clock = _Clock()
    phases = {
        "read": [
            (snapshot, "registry_snapshot"),
            (checking, "registry_snapshot"),
            (checking, "campaign_subjects"),
            (checking, "latest_levels"),
            (opening, "campaign_deadlines_by_tier"),
        ],
        "core": [(opening, "decide_subjects"), (task_scores, "score_many")]
        + [
            (checking, name)
            for name in (
                "check_many",
                "solve_quota",
                "solve_state_rate",
                "order_prerequisites",
                "check_prerequisites",
            )
        ],
        "write": [(opening, "insert_rows"), (opening, "update_rows"), (rating_writes, "insert_rows")],
    }
    for phase, places in phases.items():
        for module, name in places:
            setattr(module, name, clock.wrap(phase, getattr(module, name)))
    OrderPlan.check = clock.wrap("core", OrderPlan.check)  # type: ignore[method-assign]

    # One campaign per top-level organization: the demo province has one; the nation database has one
    # per province (63), each run as its own campaign, one after the other, as provinces would.
    sums: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    population = [Level.EXCELLENT] * 15 + [Level.GOOD] * 60 + [Level.COMPLETED] * 22
    population += [Level.NOT_COMPLETED] * 3
    for root in roots:
        campaign = opening.campaign_create(year=2023, ruleset="kh181-2023", root=root)
        started, cpu = time.perf_counter(), time.process_time()
        snap = snapshot.registry_snapshot(
            root=root, reference=campaign.reference_date
        )  # read once for both steps
        opened = opening.campaign_open(campaign=campaign, snapshot=snap)
        sums["open_seconds"] += time.perf_counter() - started
        sums["open_cpu_seconds"] += time.process_time() - cpu

        # Proposals, deterministic: 15 % HTXS, 60 % HTT, 22 % HTNV, 3 % KHTNV; no 100-point scores.
        rng = random.Random(seed)
        targets = list(
            Subject.objects.filter(campaign=campaign, classify=True)
            .order_by("pk")
            .values_list("pk", "version")
        )
        entries = [Entry(pk, "PROPOSED", rng.choice(population), None, "") for pk, _v in targets]
        started, cpu = time.perf_counter(), time.process_time()
        with transaction.atomic():
            # As ratings_import: hold the campaign, then the state versions the rows are based on.
            locks.campaign_for_rating(campaign_pk=campaign.pk)
            rated = rating_writes.rating_counts(facts.ratings_in_block([pk for pk, _v in targets]))
            versions = {pk: v + rated.get(pk, 0) for pk, v in targets}
            verdicts = checking.stage_verdicts(campaign=campaign, entries=entries, snapshot=snap)
            written = rating_writes.ratings_write(
                entries=entries, by=None, versions=versions, verdicts=verdicts
            )
        sums["propose_seconds"] += time.perf_counter() - started
        sums["propose_cpu_seconds"] += time.process_time() - cpu
        counts["subjects"] += opened.created
        counts["classified"] += len(targets)
        counts["ratings_written"] += written
        counts["people"] += len(snap.people)
        del snap, verdicts, entries, versions, targets
        if check:  # check_ratings on its own (fresh reads, then the checks): reported, not in ``seconds``
            wall0, cpu0 = dict(clock.totals), dict(clock.cpu)
            started, cpu = time.perf_counter(), time.process_time()
            rows = checking.ratings_check(campaign=campaign, stage="PROPOSED")
            sums["check_seconds"] += time.perf_counter() - started
            sums["check_cpu_seconds"] += time.process_time() - cpu
            for phase in wall0:  # the check's own reads and core time are not phases of ``seconds``
                clock.totals[phase], clock.cpu[phase] = wall0[phase], cpu0[phase]
            counts["checked_rows"] += len(rows)
            counts["blocking_rows"] += sum(r.blocking for r in rows)
            del rows
        wall, cpu = _floor(campaign.pk, truncate=not rollback)
        sums["floor_write_seconds"] += wall
        sums["floor_write_cpu_seconds"] += cpu
        for key, value in _quarter_steps(root, seed, clock, population, truncate=not rollback).items():
            (sums if isinstance(value, float) else counts)[key] += value

    total = sums["open_seconds"] + sums["propose_seconds"]
    floor = clock.totals["core"] - sums["quarter_core_seconds"] + sums["floor_write_seconds"]
    total_cpu = sums["open_cpu_seconds"] + sums["propose_cpu_seconds"]
    read, core, write = (clock.totals[p] - sums[f"quarter_{p}_seconds"] for p in ("read", "core", "write"))
    cpu_read, cpu_core, cpu_write = (
        clock.cpu[p] - sums[f"quarter_{p}_cpu_seconds"] for p in ("read", "core", "write")
    )
    return {
        "seconds": total,
        "open_seconds": sums["open_seconds"],
        "propose_seconds": sums["propose_seconds"],
        "check_seconds": sums["check_seconds"],
        "read_seconds": read,
        "core_seconds": core,
        "write_seconds": write,
        "bridge_seconds": total - read - core - write,
        "floor_write_seconds": sums["floor_write_seconds"],
        "floor_seconds": floor,
        "ratio_to_floor": total / floor,
        "cpu_seconds": total_cpu,
        "open_cpu_seconds": sums["open_cpu_seconds"],
        "propose_cpu_seconds": sums["propose_cpu_seconds"],
        "check_cpu_seconds": sums["check_cpu_seconds"],
        "read_cpu_seconds": cpu_read,
        "core_cpu_seconds": cpu_core,
        "write_cpu_seconds": cpu_write,
        "bridge_cpu_seconds": total_cpu - cpu_read - cpu_core - cpu_write,
        "floor_write_cpu_seconds": sums["floor_write_cpu_seconds"],
        **_quarter_figures(sums),
        "database": connection.vendor,
        "campaigns": len(roots),
        "quarter_tasks": quarter_tasks,
        **counts,
    }


# --- the quarter ---------------------------------------------------------------------------------------


def _quarter_tasks(seed: int) -> int:
    """Add ten tasks per công chức due in the first quarter of ``QUARTER_YEAR`` (untimed); return how many.

    The demo's own rows (``registry.demo.tasks.task_rows``, the same generator) with every date of a task
    moved by one amount, so that its due date falls in the quarter: lateness, quality, exclusions kept.
    """
    import random
    from datetime import date, timedelta

    from xeploai.registry import bulk
    from xeploai.registry.demo import tasks as demo
    from xeploai.registry.models import CivilServiceCategory, Person
    from xeploai.registry.task_register import Task

    existing = Task.objects.filter(code__startswith="BENCH-Q").count()
    if existing:  # an earlier run's (deleting them would go through the audit's signals, row by row)
        return existing
    ids = list(
        Person.objects.filter(civil_service_category=CivilServiceCategory.CIVIL_SERVANT)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    start, first = date(QUARTER_YEAR, 1, 1), date(demo.YEAR, 1, 1)

    def moved(row: tuple[Any, ...]) -> tuple[Any, ...]:
        code, person, title, group, assigned, due, done, *rest = row
        shift = timedelta(days=(start - first).days - ((due - first).days // 90) * 90)  # due: 0 to 89 days in
        done = None if done is None else done + shift
        return ("BENCH-Q" + code[4:], person, title, group, assigned + shift, due + shift, done, *rest)

    return bulk.insert_rows(
        Task, demo.TASK_FIELDS, (moved(r) for r in demo.task_rows(random.Random(seed), ids))
    )


QUARTER_PHASES = ("read", "core", "write")


def _quarter_steps(
    root: Any, seed: int, clock: _Clock, population: list[Any], *, truncate: bool
) -> dict[str, Any]:
    """Open and propose the first quarter of ``QUARTER_YEAR`` over ``root`` (timed), then its floor."""
    import random

    from django.db import transaction

    from xeploai.campaigns import checking, facts, locks, opening, rating_writes, snapshot
    from xeploai.campaigns.checking import Entry
    from xeploai.campaigns.models import Subject

    wall0, cpu0 = dict(clock.totals), dict(clock.cpu)
    started, cpu = time.perf_counter(), time.process_time()
    campaign = opening.campaign_create(year=QUARTER_YEAR, quarter=1, ruleset="qd366-2025", root=root)
    snap = snapshot.registry_snapshot(root=root, reference=campaign.reference_date)
    opened = opening.campaign_open(campaign=campaign, snapshot=snap)
    rng = random.Random(seed)
    targets = list(
        Subject.objects.filter(campaign=campaign, classify=True).order_by("pk").values_list("pk", "version")
    )
    entries = [Entry(pk, "PROPOSED", rng.choice(population), None, "") for pk, _v in targets]
    with transaction.atomic():
        locks.campaign_for_rating(campaign_pk=campaign.pk)
        rated = rating_writes.rating_counts(facts.ratings_in_block([pk for pk, _v in targets]))
        versions = {pk: v + rated.get(pk, 0) for pk, v in targets}
        verdicts = checking.stage_verdicts(campaign=campaign, entries=entries, snapshot=snap)
        rating_writes.ratings_write(entries=entries, by=None, versions=versions, verdicts=verdicts)
    out: dict[str, Any] = {
        "quarter_seconds": time.perf_counter() - started,
        "quarter_cpu_seconds": time.process_time() - cpu,
        "quarter_subjects": opened.created,
        "quarter_classified": len(targets),
    }
    for phase in QUARTER_PHASES:
        out[f"quarter_{phase}_seconds"] = clock.totals[phase] - wall0[phase]
        out[f"quarter_{phase}_cpu_seconds"] = clock.cpu[phase] - cpu0[phase]
    del snap, verdicts, entries
    out["quarter_floor_write_seconds"], out["quarter_floor_write_cpu_seconds"] = _floor(
        campaign.pk, truncate=truncate
    )
    return out


def _quarter_figures(sums: dict[str, float]) -> dict[str, float]:
    """The quarter's figures as the year's: its floor (pure core + bare write) and the ratio to it."""
    floor = sums["quarter_core_seconds"] + sums["quarter_floor_write_seconds"]
    return {
        "quarter_seconds": sums["quarter_seconds"],
        "quarter_cpu_seconds": sums["quarter_cpu_seconds"],
        "quarter_read_seconds": sums["quarter_read_seconds"],
        "quarter_core_seconds": sums["quarter_core_seconds"],
        "quarter_write_seconds": sums["quarter_write_seconds"],
        "quarter_read_cpu_seconds": sums["quarter_read_cpu_seconds"],
        "quarter_core_cpu_seconds": sums["quarter_core_cpu_seconds"],
        "quarter_write_cpu_seconds": sums["quarter_write_cpu_seconds"],
        "quarter_floor_write_seconds": sums["quarter_floor_write_seconds"],
        "quarter_floor_write_cpu_seconds": sums["quarter_floor_write_cpu_seconds"],
        "quarter_floor_seconds": floor,
        "quarter_ratio_to_floor": sums["quarter_seconds"] / floor if floor else 0.0,
    }


# --- the floor -----------------------------------------------------------------------------------------

FLOOR_TABLES = ("campaigns_subject", "campaigns_rating")  # in the order they are written


def _floor(campaign_pk: int, *, truncate: bool) -> tuple[float, float]:
    """Rewrite the campaign's subjects and ratings bare; return the wall and CPU seconds it took.

    The rows are read back as stored, deleted (``truncate``: TRUNCATE on PostgreSQL, fresh tables as the
    run had; otherwise DELETE), then written again, untimed steps first, in one transaction with every
    constraint: the same rows in the same tables, nothing computed. On PostgreSQL the rows travel as
    COPY's own text (read with COPY TO, written with COPY FROM); on SQLite as the driver's values.
    """
    from django.db import connection, transaction

    in_campaign = f"campaign_id = {int(campaign_pk)}"
    where = {
        "campaigns_subject": in_campaign,
        "campaigns_rating": f"subject_id IN (SELECT id FROM campaigns_subject WHERE {in_campaign})",
    }
    with connection.cursor() as cursor:
        describe = connection.introspection.get_table_description
        columns = {t: [c.name for c in describe(cursor, t)] for t in FLOOR_TABLES}
    saved = {t: _floor_read(t, columns[t], where[t]) for t in FLOOR_TABLES}
    with transaction.atomic(), connection.cursor() as cursor:
        if truncate and connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(FLOOR_TABLES)} CASCADE")
        else:
            for table in reversed(FLOOR_TABLES):
                cursor.execute(f"DELETE FROM {table} WHERE {where[table]}")
    started, cpu = time.perf_counter(), time.process_time()
    with transaction.atomic():
        for table in FLOOR_TABLES:
            _floor_write(table, columns[table], saved[table])
    return time.perf_counter() - started, time.process_time() - cpu


def _floor_read(table: str, columns: list[str], where: str) -> list[Any]:
    """The rows of ``table`` matching ``where``: COPY's text blocks (PostgreSQL) or tuples (SQLite)."""
    from django.db import connection

    cols = ", ".join(columns)
    query = f"SELECT {cols} FROM {table} WHERE {where} ORDER BY id"
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY ({query}) TO STDOUT") as copy:
            return [bytes(block) for block in copy]
    return connection.connection.execute(query).fetchall()


def _floor_write(table: str, columns: list[str], rows: list[Any]) -> None:
    from django.db import connection

    cols = ", ".join(columns)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
            for block in rows:
                copy.write(block)
        return
    marks = ", ".join("?" * len(columns))
    connection.connection.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)


if __name__ == "__main__":
    main()
