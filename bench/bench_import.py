"""Benchmark the workbook import of a whole province (run by ``make bench-import``).

In one run, on fresh temporary SQLite databases:

1. create the demo province (``manage.py demo --seed 1``: ~1,500 party organizations, ~100,000 people)
   and export it with ``export_workbook``;
2. ``import_seconds``: ``import_workbook`` of that file into a freshly migrated empty database
   (reading, full validation and writing), median of ``--runs``;
3. ``floor_seconds``: the same rows read with python-calamine and inserted with a bare ``sqlite3``
   executemany into the same tables, no validation (bench/_import_child.py says exactly what it does);
4. ``import_export_seconds``: django-import-export (a ``ModelResource`` for Person, organizations already
   present) on the first ``--ie-rows`` people, scaled linearly to the whole sheet;
5. ``peak_rss_mib``: the peak resident memory of the import process (each step runs in a child
   process, so this is the import's, not the demo generation's).

Progress goes to stdout; the LAST line is one JSON object with the figures. Targets (issue 2):
import ≤ 15 s, ≤ 2.5 × the floor, ≥ 5 × faster than django-import-export, peak ≤ 1 GiB.

    .venv/bin/python bench/bench_import.py [--runs 3] [--ie-rows 10000] [--seed 1] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = ROOT / "bench" / "_import_child.py"
TARGETS = {
    "import_seconds": 15.0,
    "ratio_to_floor": 2.5,
    "speedup_vs_import_export": 5.0,
    "peak_rss_mib": 1024,
}


def _env(db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = f"sqlite:///{db}"
    env["DJANGO_SETTINGS_MODULE"] = "xeploai.settings"
    env.setdefault("DEBUG", "true")
    return env


def _manage(db: Path, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=_env(db), check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def _child(db: Path, mode: str, xlsx: Path, *extra: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(CHILD), mode, str(xlsx), *extra],
        env=_env(db),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _copy(src: Path, dst: Path) -> Path:
    """Copy a closed SQLite database (its WAL, if any, was checkpointed when the last connection closed)."""
    shutil.copyfile(src, dst)
    return dst


def _count(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="measured runs of each step (median reported)")
    parser.add_argument(
        "--ie-rows", type=int, default=10_000, help="people rows given to django-import-export"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="xeploai-bench-import-"))
    try:
        empty = tmp / "empty.sqlite3"
        t = _manage(empty, "migrate", "--noinput", "-v0")
        print(f"migrated an empty database in {t:.1f} s", flush=True)
        demo_db = _copy(empty, tmp / "demo.sqlite3")
        demo_seconds = _manage(demo_db, "demo", "--seed", str(args.seed))
        people = _count(demo_db, "registry_person")
        organizations = _count(demo_db, "registry_organization")
        print(
            f"demo province (seed {args.seed}): {organizations} organizations, {people} people "
            f"in {demo_seconds:.1f} s",
            flush=True,
        )
        xlsx = tmp / "province.xlsx"
        export = _child(demo_db, "export", xlsx)
        print(
            f"exported {export['rows']} people to {xlsx.name} ({xlsx.stat().st_size / 2**20:.1f} MiB) "
            f"in {export['seconds']:.1f} s",
            flush=True,
        )
        # Organizations and collectives only, for django-import-export (it imports the people sheet).
        orgs_only = _copy(demo_db, tmp / "orgs_only.sqlite3")
        con = sqlite3.connect(orgs_only)
        with con:
            for table in (
                "accounts_roleassignment",
                "registry_discipline",
                "registry_statusperiod",
                "registry_membership",
                "registry_person",
            ):
                con.execute(f'DELETE FROM "{table}"')  # noqa: S608
        con.close()

        imports, floors, ie, peaks = [], [], [], []
        ie_rows = min(args.ie_rows, people)
        for run in range(1, args.runs + 1):
            db = _copy(empty, tmp / f"import_{run}.sqlite3")
            r = _child(db, "import", xlsx)
            got = _count(db, "registry_person")
            if got != people:
                raise SystemExit(f"import wrote {got} people, expected {people}")
            imports.append(r["seconds"])
            peaks.append(r["peak_rss_mib"])
            db.unlink()
            db = _copy(empty, tmp / f"floor_{run}.sqlite3")
            f = _child(db, "floor", xlsx)
            if _count(db, "registry_person") != people:
                raise SystemExit("the floor did not write every person")
            floors.append(f["seconds"])
            db.unlink()
            db = _copy(orgs_only, tmp / f"ie_{run}.sqlite3")
            e = _child(db, "import_export", xlsx, str(ie_rows))
            if _count(db, "registry_person") != ie_rows:
                raise SystemExit("django-import-export did not write every row")
            ie.append(e["seconds"] * people / ie_rows)
            db.unlink()
            print(
                f"run {run}: import {r['seconds']:.2f} s (peak {r['peak_rss_mib']:.0f} MiB), "
                f"floor {f['seconds']:.2f} s, django-import-export {e['seconds']:.2f} s for {ie_rows} rows "
                f"(→ {ie[-1]:.1f} s for {people})",
                flush=True,
            )

        import_seconds = statistics.median(imports)
        floor_seconds = statistics.median(floors)
        ie_seconds = statistics.median(ie)
        figures = {
            "import_seconds": round(import_seconds, 2),
            "floor_seconds": round(floor_seconds, 2),
            "import_export_seconds": round(ie_seconds, 1),
            "peak_rss_mib": round(max(peaks), 1),
            "ratio_to_floor": round(import_seconds / floor_seconds, 2),
            "speedup_vs_import_export": round(ie_seconds / import_seconds, 1),
            "people": people,
            "organizations": organizations,
            "database": "sqlite",
            "import_export_rows": ie_rows,
            "import_export_scaled": ie_rows < people,
            "runs": args.runs,
            "demo_seconds": round(demo_seconds, 1),
            "export_seconds": round(export["seconds"], 2),
            "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
            "load_average": round(os.getloadavg()[0], 1),  # other work on the machine skews the times
        }
        figures["targets_met"] = (
            figures["import_seconds"] <= TARGETS["import_seconds"]
            and figures["ratio_to_floor"] <= TARGETS["ratio_to_floor"]
            and figures["speedup_vs_import_export"] >= TARGETS["speedup_vs_import_export"]
            and figures["peak_rss_mib"] <= TARGETS["peak_rss_mib"]
        )
        print(json.dumps(figures, ensure_ascii=False))
    finally:
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
