"""The cost of the personal-data policy on bulk rows (the registry export of a province).

Masks 100,000 synthetic person rows (birth date, citizen ID, party card; 1,500 distinct cells) with
``accounts.personal_data.Reader.mask_row`` for a reader who sees everything in full (ORG_COMMISSION) and
one who sees them masked (COMMITTEE_OFFICER), against a floor: copying each row once (``dict(row)``).
No database. Median of ``--runs``. The last line is one JSON object (bench/README.md).

    .venv/bin/python bench/bench_personal_data.py [--runs 3] [--rows 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xeploai.settings_test")


def _time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    import django

    django.setup()
    from xeploai.accounts import personal_data as pd
    from xeploai.accounts.models import Role

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    rows = [
        ({"birth_date": dt.date(1990, 1, 1), "citizen_id": "087090001234",
          "party_card_number": "08701234567"}, i, (f"00000001{i % 1500:08d}", None))
        for i in range(args.rows)
    ]  # fmt: skip

    def floor() -> None:
        for row, _pid, _paths in rows:
            dict(row)

    def masked_by(role: str):
        grants = (("00000001", pd.POLICY[role]),)
        reader = pd.Reader(everything=False, own_person_ids=frozenset(), grants=grants)

        def run() -> None:
            for row, pid, paths in rows:
                reader.mask_row(row, person_id=pid, paths=paths)

        return run

    result = {
        "rows": args.rows,
        "floor_s": round(_time(floor, args.runs), 3),
        "full_reader_s": round(_time(masked_by(Role.ORG_COMMISSION), args.runs), 3),
        "masked_reader_s": round(_time(masked_by(Role.COMMITTEE_OFFICER), args.runs), 3),
        "load_average": round(os.getloadavg()[0], 2),
    }
    result["masked_to_floor"] = round(result["masked_reader_s"] / result["floor_s"], 1)
    print(json.dumps(result))  # noqa: T201 - the benchmark's output


if __name__ == "__main__":
    main()
