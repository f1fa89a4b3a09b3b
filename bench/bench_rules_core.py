"""Time the pure rules core on 100,000 synthetic people: eligibility + checks + quota.

Prints one JSON line with ``core_seconds`` (best of ``--repeat`` runs). Fixed seed, no Django.
Run: ``.venv/bin/python bench/bench_rules_core.py``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from xeploai.rules import (  # noqa: E402
    CivilServiceCategory,
    DisciplineFact,
    DisciplineForm,
    LeaveFact,
    Level,
    PersonFacts,
    QuotaKind,
    RatingFacts,
    Side,
    StatusKind,
    StatusPeriod,
    SubjectType,
    check_many,
    decide_subjects,
    get_ruleset,
    solve_quota,
)

CATEGORIES = list(CivilServiceCategory)
LEVEL_WEIGHTS = [Level.NOT_COMPLETED] + [Level.COMPLETED] * 3 + [Level.GOOD] * 12 + [Level.EXCELLENT] * 4


def make_people(n: int, seed: int) -> tuple[list[PersonFacts], list[RatingFacts], dict[object, int]]:
    """Generate ``n`` people, their rating facts and each one's grassroots organization."""
    rng = random.Random(seed)
    start = date(1975, 1, 1)
    meeting = date(2023, 10, 10)
    deadline = date(2023, 10, 15)
    people: list[PersonFacts] = []
    ratings: list[RatingFacts] = []
    org_of: dict[object, int] = {}
    for i in range(n):
        admitted = start + timedelta(days=rng.randrange(17_500))
        statuses: tuple[StatusPeriod, ...] = ()
        leaves: tuple[LeaveFact, ...] = ()
        disciplines: tuple[DisciplineFact, ...] = ()
        roll = rng.random()
        if roll < 0.01:
            statuses = (StatusPeriod(StatusKind.EXEMPT, date(2020, 1, 1)),)
        elif roll < 0.015:
            statuses = (StatusPeriod(StatusKind.SUSPENDED, date(2023, 3, 1), date(2023, 12, 31)),)
        if rng.random() < 0.02:
            begin = date(2023, 1, 1) + timedelta(days=rng.randrange(300))
            leaves = (LeaveFact(StatusKind.SICK_LEAVE, begin, begin + timedelta(days=rng.randrange(150))),)
        if rng.random() < 0.01:
            disciplines = (
                DisciplineFact(
                    f"v{i}", DisciplineForm.REPRIMAND, Side.PARTY, date(2023, rng.randrange(1, 13), 1)
                ),
            )
        category = CATEGORIES[rng.randrange(len(CATEGORIES))]
        org = rng.randrange(1_500)
        org_of[i] = org
        people.append(
            PersonFacts(
                id=i,
                admitted_on=admitted,
                statuses=statuses,
                leaves=leaves,
                category=category,
                is_leader=rng.random() < 0.05,
                meeting_on=meeting if org % 3 else None,
                deadline=deadline,
            )
        )
        ratings.append(
            RatingFacts(
                i,
                SubjectType.PARTY_MEMBER,
                LEVEL_WEIGHTS[rng.randrange(len(LEVEL_WEIGHTS))],
                category=category,
                disciplines=disciplines,
                leaves=leaves,
                civil_service_level=None if category is CivilServiceCategory.NONE else Level.EXCELLENT,
            )
        )
    return people, ratings, org_of


def run_once(
    people: list[PersonFacts], ratings: list[RatingFacts], org_of: dict[object, int]
) -> tuple[float, dict]:
    """Run eligibility + checks + quota once; return seconds and a small summary."""
    rs = get_ruleset("kh181-2023")
    t0 = time.perf_counter()
    decisions = decide_subjects(rs, people, reference=date(2023, 12, 31))
    classified = {
        d.subject_id for d in decisions if d.classify and d.subject_type is SubjectType.PARTY_MEMBER
    }
    caps = check_many(rs, (r for r in ratings if r.subject_id in classified), year=2023)
    quota = solve_quota(
        rs,
        QuotaKind.PARTY_MEMBERS,
        caps,
        key=lambda c: org_of[c.subject_id],
        level=lambda c: c.allowed,
    )
    seconds = time.perf_counter() - t0
    summary = {
        "decisions": len(decisions),
        "classified_party_members": len(classified),
        "checked": len(caps),
        "capped": sum(1 for c in caps if c.max_level < Level.EXCELLENT),
        "scopes": len(quota),
        "over_quota_scopes": sum(1 for q in quota.values() if q.over_quota),
    }
    return seconds, summary


def main() -> None:
    """Parse arguments, run the benchmark and print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20231015)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    t0 = time.perf_counter()
    people, ratings, org_of = make_people(args.people, args.seed)
    generate = time.perf_counter() - t0
    runs = [run_once(people, ratings, org_of) for _ in range(args.repeat)]
    best = min(s for s, _ in runs)
    print(
        json.dumps(
            {
                "bench": "rules_core",
                "people": args.people,
                "seed": args.seed,
                "core_seconds": round(best, 4),
                "runs": [round(s, 4) for s, _ in runs],
                "generate_seconds": round(generate, 2),
                **runs[0][1],
            }
        )
    )


if __name__ == "__main__":
    main()
