"""Benchmark the reports on the demo province (run by ``make bench-reports``).

Set-up (not timed): a fresh temporary SQLite file (or ``--database-url``, or ``--postgres`` for
``h_bench_reports`` at 127.0.0.1:5432, dropped and recreated) is migrated, loaded with
``manage.py demo --seed 1`` (~100,000 people) and a campaign is opened with
``manage.py open_campaign --year 2023 --ruleset kh181-2023``; then one synthetic DECIDED level is written
for every classified subject (``random.Random(seed)``: 15 % HTXS, 60 % HTT, 20 % HTNV, 5 % KHTNV) with
``xeploai.registry.bulk.insert_rows``, the subjects' ``decided_level`` copies are refreshed from those
rows (``campaigns.models.decided_refresh``, as the services do when they write decisions), then
``ANALYZE`` on PostgreSQL. A database that already holds the 2023 campaign with decided ratings is used
as it is.

Timed (median of ``--runs``):

- ``stats_seconds``: the province statistics, ``reports.selectors.campaign_statistics`` over the root
  (the selector behind the statistics page, the xlsx and the summary report) — target ≤ 1 s;
- ``docx_1000_seconds``: 1,000 individual self-reviews (``reports.docx.self_review``, rendered from the
  docxtpl template), including the reads that feed them (subjects with their people, units and
  memberships; reviews, opinions and the ratings of each stage) — target ≤ 60 s;
- also ``comparison_seconds`` (grassroots committees of the province side by side), ``history_seconds``
  (R-77 … R-79b flags for 10,000 people) and ``submission_dates_seconds`` (S-10 deadline view).

Nation scale (≤ 30 s on PostgreSQL): ``--nation [--database-url URL]`` (default ``h_nation``) times
``reports.selectors.year_statistics(year=2023)``, the central view (every province's 2023 campaign added
up, one row per province in the tables by unit), median of ``--runs``; it only reads. The database must
hold the 2023 campaigns with decided levels: ``--prepare-nation --database-url URL`` writes them into a
copy of the nation demo (``CREATE DATABASE h_nation_reports TEMPLATE h_nation``; it refuses ``h_nation``
itself): a 2023 campaign opened for every root organization without one (``services.campaign_create``
and ``campaign_open``, as ``open_campaign --root`` does), seeded DECIDED levels as above, then ``ANALYZE``
of the whole database (a database copied from a template may carry no planner statistics).

The LAST line printed is one JSON object.

    .venv/bin/python bench/bench_reports.py [--runs 3] [--seed 1] [--postgres] [--database-url URL]
    .venv/bin/python bench/bench_reports.py --prepare-nation --database-url postgres://…/h_nation_reports
    .venv/bin/python bench/bench_reports.py --nation --database-url postgres://…/h_nation_reports
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_NAME = "h_bench_reports"
NATION_URL = "postgres://postgres@127.0.0.1:5432/h_nation"
TARGETS = {"stats_seconds": 1.0, "docx_1000_seconds": 60.0}
NATION_TARGETS = {"stats_seconds": 30.0}
LEVEL_WEIGHTS = ((3, 15), (2, 60), (1, 20), (0, 5))


def _env(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = url
    env["DJANGO_SETTINGS_MODULE"] = "xeploai.settings"
    env.setdefault("DEBUG", "true")  # the demo command runs only with DEBUG on
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _manage(url: str, *args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=_env(url), check=True,
                   stdout=subprocess.DEVNULL)


def _recreate_postgres() -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
        conn.execute(f"CREATE DATABASE {PG_NAME}")
    return f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "xeploai.settings"
    os.environ.setdefault("DEBUG", "true")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _campaign():  # noqa: ANN202
    from xeploai.campaigns.models import Campaign

    return Campaign.objects.filter(year=2023).select_related("root").order_by("root__depth").first()


def _write_decided(campaign: Any, seed: int) -> int:
    """One DECIDED row per classified subject without one (deterministic levels); the count written."""
    from django.db import transaction
    from django.db.models import Exists, OuterRef, Q

    from xeploai.campaigns.models import Override, Rating, RatingStage, Subject, decided_refresh
    from xeploai.registry.bulk import insert_rows

    decided = Rating.objects.filter(subject=OuterRef("pk"), stage=RatingStage.DECIDED)
    classified = (Q(classify=True) & ~Q(override=Override.EXCLUDED)) | Q(override=Override.INCLUDED)
    ids = list(
        Subject.objects.filter(campaign=campaign).filter(classified).filter(~Exists(decided))
        .order_by("pk").values_list("pk", "version")
    )
    rng = random.Random(seed)
    levels = [lv for lv, _w in LEVEL_WEIGHTS]
    weights = [w for _lv, w in LEVEL_WEIGHTS]
    now = datetime.now(UTC)
    rows = (
        (pk, RatingStage.DECIDED.value, rng.choices(levels, weights)[0], None, None, now, "", "[]", version)
        for pk, version in ids
    )
    fields = ("subject_id", "stage", "level", "score", "author_id", "created_at", "justification", "findings",
              "based_on_version")
    with transaction.atomic():
        written = insert_rows(Rating, fields, rows)
        decided_refresh(subject_ids=[pk for pk, _version in ids])
    return written


def _analyze() -> None:
    """Fresh planner statistics after the bulk load, as autovacuum would give a live database.

    Without them the first runs plan on empty-looking tables (PostgreSQL; SQLite plans without them).
    """
    from django.db import connection

    from xeploai.campaigns.models import Rating, Subject

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Rating._meta.db_table)}")
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Subject._meta.db_table)}")


def _median(fn: Any, runs: int) -> tuple[float, list[float], Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times, result


def _docx_1000(campaign: Any) -> int:
    """1,000 self-reviews, reads included (as ``docx.documents_zip`` reads them)."""
    from collections import defaultdict

    from django.db.models import Prefetch

    from xeploai.campaigns.models import Subject
    from xeploai.registry.models import Membership
    from xeploai.reports.doc_content import subject_contents
    from xeploai.reports.docx import levels_of, self_review

    person_ids = list(
        Subject.objects.filter(campaign=campaign, subject_type="PARTY_MEMBER", classify=True)
        .order_by("org_path", "pk").values_list("person_id", flat=True)[:1000]
    )
    subjects = list(
        Subject.objects.filter(campaign=campaign, person_id__in=person_ids)
        .select_related("campaign", "unit__parent", "person__party_organization__parent", "person__workplace")
        .prefetch_related(Prefetch(
            "person__memberships", queryset=Membership.objects.select_related("collective").order_by("pk")
        ))
    )
    contents = subject_contents([s.pk for s in subjects])
    levels = levels_of(contents)
    by_person: dict[int, list[Any]] = defaultdict(list)
    for s in subjects:
        by_person[s.person_id].append(s)
    for person_subjects in by_person.values():
        person = person_subjects[0].person
        memberships = list(person.memberships.all())
        self_review(person=person, subjects=person_subjects, levels=levels, memberships=memberships,
                    collectives=[(m.collective.name, None) for m in memberships], contents=contents)
    return len(by_person)


def measure(url: str, *, runs: int, seed: int, docx: bool = True, write: bool = True) -> dict[str, Any]:
    _setup_django(url)
    from django.db import connection

    from xeploai.campaigns.models import Subject
    from xeploai.registry.models import Organization, Person
    from xeploai.reports import comparison, history, selectors, submissions

    campaign = _campaign()
    if campaign is None:
        raise SystemExit("no 2023 campaign in the database")
    written = _write_decided(campaign, seed) if write else 0
    if written:
        _analyze()
    root = campaign.root
    out: dict[str, Any] = {
        "database": connection.vendor, "people": Person.objects.count(),
        "organizations": Organization.objects.count(),
        "subjects": Subject.objects.filter(campaign=campaign).count(), "decided_written": written,
    }
    out["stats_seconds"], out["stats_runs"], stats = _median(
        lambda: selectors.campaign_statistics(campaign=campaign, root=root), runs
    )
    out["stats_party_members_rated"] = stats.section("party_members").total.rated
    if docx:
        out["docx_1000_seconds"], out["docx_runs"], out["docx_documents"] = _median(
            lambda: _docx_1000(campaign), max(1, min(runs, 3))
        )
    out["comparison_seconds"], _t, cmp_result = _median(
        lambda: comparison.compare_organizations(campaign=campaign, root=root, kind="GRASSROOTS_COMMITTEE",
                                                 tier="GRASSROOTS"), runs
    )
    out["comparison_units"] = len(cmp_result.rows)
    out["comparison_flagged"] = len(cmp_result.flagged)
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True)[:10000])
    out["history_seconds"], _t, _flags = _median(lambda: history.flags_by_person(person_ids=ids), runs)
    out["submission_dates_seconds"], _t, _rows = _median(
        lambda: submissions.submission_dates(campaign, root), runs
    )
    return out


def prepare_nation(url: str, *, seed: int) -> dict[str, Any]:
    """Open a 2023 campaign for every root organization lacking one and write its decided levels."""
    _setup_django(url)
    from django.db import connection, transaction

    from xeploai.campaigns.models import Campaign
    from xeploai.campaigns.opening import campaign_create, campaign_open
    from xeploai.registry.models import Organization

    out: dict[str, Any] = {"opened": 0, "decided_written": 0}
    started = time.perf_counter()
    for root in Organization.objects.filter(parent__isnull=True).order_by("path"):
        campaign = Campaign.objects.filter(year=2023, root=root).first()
        if campaign is None:
            with transaction.atomic():
                campaign = campaign_create(year=2023, ruleset="kh181-2023", root=root)
                campaign_open(campaign=campaign)
            out["opened"] += 1
        # One seed per campaign (seed, root id): each province gets its own deterministic levels.
        out["decided_written"] += _write_decided(campaign, seed * 1_000_003 + root.pk)
    with connection.cursor() as cursor:  # every table: a fresh copy of a template has no statistics
        cursor.execute("ANALYZE")
    out["seconds"] = round(time.perf_counter() - started, 1)
    return out


def measure_nation(url: str, *, runs: int) -> dict[str, Any]:
    """Time the central view (``year_statistics``) over every 2023 campaign; reads only."""
    _setup_django(url)
    from django.db import connection

    from xeploai.campaigns.models import Subject
    from xeploai.registry.models import Organization, Person
    from xeploai.reports.selectors import year_campaigns, year_statistics

    campaigns = year_campaigns(2023)
    if not campaigns:
        raise SystemExit("no 2023 campaign in the database: run --prepare-nation on a copy first")
    out: dict[str, Any] = {
        "database": connection.vendor, "scale": "nation", "people": Person.objects.count(),
        "organizations": Organization.objects.count(), "campaigns": len(campaigns),
        "subjects": Subject.objects.filter(campaign__in=campaigns).count(),
        "decided": Subject.objects.filter(campaign__in=campaigns, decided_level__isnull=False).count(),
        "load_average_start": round(os.getloadavg()[0], 1),
    }
    seconds, times, stats = _median(lambda: year_statistics(year=2023), runs)
    assert stats is not None
    members = stats.section("party_members").total
    out.update({
        "stats_seconds": round(seconds, 3), "stats_runs": [round(t, 3) for t in times],
        "stats_party_members": members.total, "stats_party_members_rated": members.rated,
        "stats_unit_rows": len(stats.unit_section("party_members").rows),
        "targets": NATION_TARGETS, "targets_met": seconds <= NATION_TARGETS["stats_seconds"], "runs": runs,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "load_average": round(os.getloadavg()[0], 1),
    })
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres", action="store_true", help=f"use {PG_NAME} (dropped and recreated)")
    parser.add_argument("--database-url", help="an existing database (loaded when it has no campaign)")
    parser.add_argument("--nation", action="store_true",
                        help="read-only: the central view's statistics (--database-url, default h_nation)")
    parser.add_argument("--prepare-nation", action="store_true",
                        help="write 2023 campaigns and decided levels into --database-url (a copy of "
                             "h_nation)")
    args = parser.parse_args()

    if args.prepare_nation:
        if not args.database_url or args.database_url.rstrip("/").rsplit("/", 1)[-1] == "h_nation":
            raise SystemExit("--prepare-nation writes: give --database-url of a copy, never h_nation itself")
        print(json.dumps(prepare_nation(args.database_url, seed=args.seed), ensure_ascii=False))
        return
    if args.nation:
        result = measure_nation(args.database_url or NATION_URL, runs=args.runs)
        print(json.dumps(result, ensure_ascii=False))
        return

    tmp = None
    if args.database_url:
        url = args.database_url
    elif args.postgres:
        url = _recreate_postgres()
    else:
        tmp = tempfile.mkdtemp(prefix="bench_reports_")
        url = f"sqlite:///{tmp}/bench.sqlite3"
    setup: dict[str, float] = {}
    started = time.perf_counter()
    _manage(url, "migrate", "--noinput", "-v0")
    check = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from xeploai.campaigns.models import Campaign;"
         " print(Campaign.objects.filter(year=2023).count())"],
        env=_env(url), capture_output=True, text=True, check=True,
    )
    if check.stdout.strip() == "0":
        t = time.perf_counter()
        _manage(url, "demo", "--seed", str(args.seed))
        setup["demo_seconds"] = round(time.perf_counter() - t, 1)
        t = time.perf_counter()
        _manage(url, "open_campaign", "--year", "2023", "--ruleset", "kh181-2023")
        setup["open_campaign_seconds"] = round(time.perf_counter() - t, 1)
    setup["setup_seconds"] = round(time.perf_counter() - started, 1)
    result = measure(url, runs=args.runs, seed=args.seed)
    result.update(setup)
    for key, value in list(result.items()):
        if isinstance(value, float):
            result[key] = round(value, 3)
        elif isinstance(value, list) and value and isinstance(value[0], float):
            result[key] = [round(v, 3) for v in value]
    result["targets"] = TARGETS
    result["targets_met"] = all(result.get(k, float("inf")) <= v for k, v in TARGETS.items())
    result["runs"] = args.runs
    result["machine"] = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    result["load_average"] = round(os.getloadavg()[0], 1)
    if tmp:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
