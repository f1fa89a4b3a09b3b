"""Quarters in the rules core (R-100, R-101, R-91): which rulesets evaluate by quarter, the KL198 report date
of each quarter, and how the year reads its quarters (the mean of the scored quarters, behind a switch)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from xeploai.rules import KH181_2023, QD366_2025, Level, explain, quarter_due_date
from xeploai.rules.quarters import QuarterResult, check_year, read_quarters


def q(quarter: int, score: float | None, level: Level | None = Level.GOOD) -> QuarterResult:
    return QuarterResult(quarter, level, score)


# --- quarters exist under QĐ366 only; R-101: reported before the 15th of the quarter's last month ----


def test_r_100_only_qd366_evaluates_by_quarter():
    assert QD366_2025.evaluates("QUARTER")
    assert not KH181_2023.evaluates("QUARTER")
    assert quarter_due_date(KH181_2023, 2023, 1) is None


@pytest.mark.parametrize(("quarter", "due"), [(1, date(2026, 3, 15)), (4, date(2026, 12, 15))])
def test_r_101_quarter_reported_before_the_15th_of_its_last_month(quarter, due):
    assert quarter_due_date(QD366_2025, 2026, quarter) == (due, "R-101")


@pytest.mark.parametrize("quarter", [0, 5])
def test_r_101_quarter_out_of_range_is_refused(quarter):
    with pytest.raises(ValueError, match="quarter"):
        quarter_due_date(QD366_2025, 2026, quarter)


# --- the year reads the quarters -------------------------------------------------------------


def test_r_100_year_mean_counts_only_the_quarters_with_a_score():
    reading = read_quarters(QD366_2025, (q(3, None), q(1, 95.0), q(2, 84.0)))
    assert [x.quarter for x in reading.quarters] == [1, 2, 3]  # in order, the unscored one shown too
    assert reading.mean_score == 89.5  # (95 + 84) / 2: the quarter without a score is left out
    assert reading.band is Level.GOOD
    assert reading.rule_id == "R-100"


@pytest.mark.parametrize(("scores", "band"), [((90.0, 90.0), Level.EXCELLENT), ((90.0, 89.98), Level.GOOD)])
def test_r_100_band_of_the_mean_on_both_sides_of_90(scores, band):
    reading = read_quarters(QD366_2025, tuple(q(i + 1, s) for i, s in enumerate(scores)))
    assert reading.band is band


def test_r_91_a_civil_servant_scored_from_tasks_reads_under_nd335():
    reading = read_quarters(QD366_2025, (q(1, 70.0),), scored_by_tasks=True)
    assert reading.rule_id == "R-91"


def test_r_100_lowest_decided_quarter_level_is_reported():
    reading = read_quarters(
        QD366_2025, (q(1, None, Level.EXCELLENT), q(2, None, Level.COMPLETED), q(3, None, None))
    )
    assert reading.lowest is Level.COMPLETED
    assert reading.mean_score is None
    assert reading.band is None


def test_r_100_quarter_out_of_range_is_refused():
    with pytest.raises(ValueError, match="quarter"):
        read_quarters(QD366_2025, (q(5, 90.0),))


def test_r_100_warn_flags_a_year_above_the_band_without_blocking():
    reading = read_quarters(QD366_2025, (q(1, 92.0), q(2, 80.0)))  # 86: HTT
    (finding,) = check_year(QD366_2025, Level.EXCELLENT, reading)
    assert (finding.rule_id, finding.code, finding.blocking) == ("R-100", "flag.quarters", False)
    text = explain(finding, ruleset="qd366-2025")
    assert "86 điểm" in text
    assert "2 quý" in text
    assert "chưa được xác nhận" in text
    assert "Quy định 366-QĐ/TW" in text


def test_r_100_year_at_the_band_is_not_flagged():
    reading = read_quarters(QD366_2025, (q(1, 92.0), q(2, 80.0)))
    assert check_year(QD366_2025, Level.GOOD, reading) == ()


def test_r_100_switch_off_shows_the_reading_but_checks_nothing():
    off = replace(QD366_2025, quarters_in_year="off")
    reading = read_quarters(off, (q(1, 40.0),))
    assert reading.band is Level.NOT_COMPLETED
    assert reading.switch == "off"
    assert check_year(off, Level.EXCELLENT, reading) == ()


def test_r_91_enforce_blocks_a_year_above_the_band():
    strict = replace(QD366_2025, quarters_in_year="enforce")
    reading = read_quarters(strict, (q(1, 60.0), q(2, 50.0)), scored_by_tasks=True)  # 55: HTNV
    (finding,) = check_year(strict, Level.GOOD, reading)
    assert finding.blocking
    assert finding.rule_id == "R-91"
    assert finding.params["band"] is Level.COMPLETED
    assert check_year(strict, Level.COMPLETED, reading) == ()


def test_r_100_no_scored_quarter_gives_no_finding():
    reading = read_quarters(QD366_2025, (q(1, None),))
    assert check_year(QD366_2025, Level.EXCELLENT, reading) == ()


def test_r_100_kh181_has_the_switch_off():
    assert KH181_2023.quarters_in_year == "off"


# --- R-25 in a quarter: the six months are not clipped to the year --------------------------------------

from xeploai.rules import CivilServiceCategory, PersonFacts, decide_person, decide_subjects  # noqa: E402

Q1_DUE = date(2026, 3, 15)  # the quarter's deadline: counted to 14/03/2026


def civil_servant(employed_from: date | None) -> PersonFacts:
    return PersonFacts(
        1,
        is_party_member=False,
        category=CivilServiceCategory.CIVIL_SERVANT,
        employed_from=employed_from,
        deadline=Q1_DUE,
    )


@pytest.mark.parametrize("employed_from", [None, date(2015, 3, 1)])
def test_r_25_a_quarter_classifies_a_civil_servant_at_work_for_years(employed_from):
    person = civil_servant(employed_from)
    (year_reading,) = decide_subjects(QD366_2025, [person], reference=date(2026, 3, 31))
    (quarter_reading,) = decide_subjects(QD366_2025, [person], reference=date(2026, 3, 31), in_year=False)
    assert not year_reading.classify  # within the year, 14/03 holds no six months
    assert quarter_reading.classify
    assert decide_person(QD366_2025, person, reference=date(2026, 3, 31), in_year=False) == (quarter_reading,)


@pytest.mark.parametrize(
    ("employed_from", "classified"), [(date(2025, 9, 14), True), (date(2025, 9, 15), False)]
)
def test_r_25_a_quarter_counts_six_months_from_the_start_of_work(employed_from, classified):
    (decision,) = decide_subjects(
        QD366_2025, [civil_servant(employed_from)], reference=date(2026, 3, 31), in_year=False
    )
    assert decision.classify is classified
