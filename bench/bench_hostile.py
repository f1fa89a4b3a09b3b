"""Benchmark the hostile workbooks of issue 10 (run by ``make bench-hostile``).

Each file of tests/security/hostile_files.py (the 1.5 KB file with one cell at XFD1048576, the same
with A1 and no declared dimension, a cell at CV200000, a 300 MB string cell, a zip bomb of 1 GiB, cells
over 32,767 characters) is read by ``read_workbook`` as the importer reads it, each in its own child
process; the figure is the child's peak resident memory (``ru_maxrss``), next to the same child's
memory before the read. Target: under 300 MiB for each file, and every file refused.

It also times the checks on an ordinary workbook of 100,000 rows × 15 columns (inline strings, as the
registry export writes them): ``guard_seconds`` (the checks alone) against ``read_seconds`` (checks and
python-calamine), so the cost of the checks on a real import is on record.

Progress goes to stdout; the LAST line is one JSON object with the figures.

    .venv/bin/python bench/bench_hostile.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MIB = 300

CHILD = """
import json, resource, sys, time
import django
django.setup()
from xeploai.registry.workbook import read
from xeploai.registry.workbook.importer import schema_columns
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
started = time.perf_counter()
try:
    read.read_workbook(sys.argv[1], columns_for=schema_columns)
    refused = None
except read.WorkbookFileError as exc:
    refused = exc.message
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"before_mib": round(before, 1), "peak_mib": round(peak, 1), "seconds": round(seconds, 3),
                  "refused": refused}))
"""

ORDINARY = """
import datetime, json, sys, time, xlsxwriter
import django
django.setup()
from xeploai.registry.workbook import read
path, rows = sys.argv[1], int(sys.argv[2])
book = xlsxwriter.Workbook(path, {"constant_memory": True})
ws = book.add_worksheet("Ca_nhan")
ws.write_row(0, 0, [f"Cột {i}" for i in range(15)])
for r in range(1, rows + 1):
    cells = [f"P{r:06d}", f"Nguyễn Văn {r}", "Nam", "01/01/1980", f"0{87190000000 + r}", "DB_X", "x", 1990]
    ws.write_row(r, 0, cells + ["a", "b", "c", "d", "e", "f", "g"])
book.close()
data = open(path, "rb").read()
started = time.perf_counter()
read._check(data, read._all_sheets, 200000)
guard = time.perf_counter() - started
started = time.perf_counter()
read.read_workbook(path)
total = time.perf_counter() - started
print(json.dumps({"guard_seconds": round(guard, 2), "read_seconds": round(total, 2)}))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src")
    env["DJANGO_SETTINGS_MODULE"] = "xeploai.settings_test"
    env.pop("DATABASE_URL", None)
    return env


def _child(script: str, *args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=_env(), check=False
    )
    if done.returncode != 0:
        return {"crashed": done.returncode, "stderr": done.stderr[-500:]}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _builders() -> dict[str, object]:
    path = ROOT / "tests" / "security" / "hostile_files.py"
    spec = importlib.util.spec_from_file_location("hostile_files", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.HOSTILE)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, build in _builders().items():
            path = Path(folder) / f"{name}.xlsx"
            path.write_bytes(build())  # type: ignore[operator]
            result = _child(CHILD, str(path))
            result["file_bytes"] = path.stat().st_size
            figures[name] = result
            print(name, result, flush=True)
            path.unlink()
        ordinary = _child(ORDINARY, str(Path(folder) / "ordinary.xlsx"), str(args.rows))
        print("ordinary", ordinary, flush=True)
    peaks = [float(f.get("peak_mib", 1e9)) for f in figures.values()]  # type: ignore[union-attr]
    refused = all(f.get("refused") for f in figures.values())  # type: ignore[union-attr]
    summary = {
        "files": figures,
        "max_peak_mib": max(peaks),
        "all_refused": refused,
        "ordinary_rows": args.rows,
        **ordinary,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "load_average": round(os.getloadavg()[0], 1),
        "targets_met": refused and max(peaks) < TARGET_MIB,
    }
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
