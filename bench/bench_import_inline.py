"""Measure the workbook import against the file's size, to set ``XEPLOAI_IMPORT_INLINE_MAX_KB``.

The upload page imports a file up to that size in the request and a larger one in a background job
(docs/adr/0013-imports-opening-and-year-statistics-as-jobs.md). A page must answer in ≤ 2 s (issue 12),
so the threshold is the size the import (read + validate + write, ``import_workbook``) handles in
well under 2 s on this machine.

On a fresh temporary SQLite database: one province with 50 cells, then workbooks of N people (N from
``--sizes``) imported one after the other (new people each time). Progress on stdout; the LAST line is
one JSON object: per size the file's KB and the seconds, the fitted seconds per MB and the size that
takes 1 s (half the page budget, leaving room for a loaded machine).

    .venv/bin/python bench/bench_import_inline.py [--sizes 500,2000,5000,10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CELLS = 50
PEOPLE_HEADER = [
    "Mã cá nhân",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số CCCD",
    "Số thẻ đảng viên",
    "Mã chi bộ",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Đối tượng CBCCVC",
    "Mã cơ quan công tác",
    "Chức vụ",
    "Người đứng đầu",
    "Mã cấp ủy quản lý",
]
ORG_HEADER = ["Mã tổ chức", "Tên tổ chức", "Loại tổ chức", "Cấp", "Mã tổ chức cấp trên", "Ngày thành lập"]


def _write(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), day)
                else:
                    ws.write(r, c, value)
    book.close()


def _people(start: int, n: int) -> list[list[object]]:
    rows: list[list[object]] = [PEOPLE_HEADER]
    for i in range(start, start + n):
        rows.append(
            [
                f"CN{i:07d}",
                f"Nguyễn Văn Thử {i}",
                dt.date(1980, 1, 1),
                "Nam",
                f"087080{i:06d}",
                f"{i:08d}",
                f"CB{i % CELLS:03d}",
                dt.date(2005, 1, 1),
                dt.date(2006, 1, 1),
                "",
                "",
                "",
                "",
                "",
            ]
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000,5000,10000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="bench-import-inline-"))
    os.environ.update(
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}", DJANGO_SETTINGS_MODULE="xeploai.settings"
    )
    os.environ.setdefault("DEBUG", "true")
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], check=True)
    import django

    django.setup()
    from xeploai.registry.workbook import import_workbook

    orgs: list[list[object]] = [ORG_HEADER, ["TINH", "Đảng bộ tỉnh Thử", "Đảng bộ tỉnh", "Cấp tỉnh", "", ""]]
    orgs += [[f"CB{c:03d}", f"Chi bộ {c}", "Chi bộ cơ sở", "Cấp cơ sở", "TINH", ""] for c in range(CELLS)]
    _write(tmp / "orgs.xlsx", {"To_chuc": orgs, "Ca_nhan": [PEOPLE_HEADER]})
    assert import_workbook(path_or_file=tmp / "orgs.xlsx").ok
    runs, start = [], 0
    for n in sizes:
        path = tmp / f"people-{n}.xlsx"
        _write(path, {"To_chuc": orgs, "Ca_nhan": _people(start, n)})
        start += n
        began = time.perf_counter()
        result = import_workbook(path_or_file=path)
        seconds = time.perf_counter() - began
        assert result.ok, result.errors[:3]
        kb = path.stat().st_size / 1024
        runs.append({"people": n, "kb": round(kb, 1), "seconds": round(seconds, 3)})
        print(f"{n} people, {kb:.0f} KB: {seconds:.2f} s", flush=True)
    big = runs[-1]
    per_mb = big["seconds"] / (big["kb"] / 1024)
    print(
        json.dumps(
            {
                "runs": runs,
                "seconds_per_mb": round(per_mb, 2),
                "kb_in_1_s": round(1024 / per_mb),
                "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
                "load_average": round(os.getloadavg()[0], 1),
                "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
