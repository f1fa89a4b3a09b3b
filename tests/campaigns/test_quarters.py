"""Campaigns by quarter, end to end through ``open_campaign`` (R-100, R-101, R-102), then the year that reads
its quarters (R-100, R-91): on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.management.base import CommandError
from django.urls import reverse

from xeploai.campaigns.decisions import rating_preview
from xeploai.campaigns.models import Campaign, Rating, Subject
from xeploai.campaigns.quarters import subject_year_reading
from xeploai.campaigns.task_scores import task_scores
from xeploai.registry.models import CivilServiceCategory
from xeploai.registry.task_register import Task, TaskQuality
from xeploai.rules import Level

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(personas):
    """A công chức with tasks in the first two quarters of 2026 (R-102)."""
    person = personas.staff_a
    person.civil_service_category = CivilServiceCategory.CIVIL_SERVANT
    person.save()

    def task(due: date, done: date | None, **kw: object) -> None:
        Task.objects.create(
            person=person, title="Việc", assigned_on=date(2026, 1, 2), due_on=due, done_on=done, **kw
        )

    for month in (1, 2, 3):  # Q1: three on time, met
        task(date(2026, month, 20), date(2026, month, 18), quality=TaskQuality.MET)
    task(date(2026, 3, 31), None)  # Q1: not done by 31/03
    task(date(2026, 4, 20), date(2026, 4, 25), quality=TaskQuality.MAJOR_ERROR)  # Q2: late, a major error
    task(date(2026, 5, 20), date(2026, 5, 18), quality=TaskQuality.MET)  # Q2: on time
    return person


def quarter(run, n: int, **kw: object) -> tuple[Campaign, str]:
    out = run("open_campaign", year=2026, quarter=n, ruleset="qd366-2025", **kw)
    return Campaign.objects.get(year=2026, period=n), out


def test_r_101_quarter_campaign_has_kl198_deadlines_per_level(personas, run):
    campaign, out = quarter(run, 1)
    assert (campaign.period, campaign.quarter) == (1, 1)
    assert (campaign.period_start, campaign.period_end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert campaign.reference_date == date(2026, 3, 31)  # the quarter's last day
    assert "quý I năm 2026" in campaign.name
    deadlines = {d.tier: (d.due_on, d.rule_id) for d in campaign.deadlines.all()}
    # one per level of the tree: the province, its district and its grassroots and cells
    assert set(deadlines) == {"PROVINCE", "DISTRICT", "GRASSROOTS", "BELOW_GRASSROOTS"}
    assert set(deadlines.values()) == {(date(2026, 3, 15), "R-101")}
    assert "trước ngày 15/03/2026" in out  # dd/mm/yyyy
    assert "Kết luận 198-KL/TW ngày 08/10/2025" in out  # the document cited
    assert campaign.subjects.exists()


def test_r_101_a_later_quarter_is_due_later(personas, run):
    campaign, _out = quarter(run, 4)
    assert {d.due_on for d in campaign.deadlines.all()} == {date(2026, 12, 15)}
    assert campaign.period_end == date(2026, 12, 31)


def test_r_100_year_and_quarters_are_separate_campaigns_of_one_root(personas, run):
    quarter(run, 1)
    quarter(run, 1)  # opening again refreshes the same campaign
    run("open_campaign", year=2026, ruleset="qd366-2025")
    assert sorted(Campaign.objects.values_list("period", flat=True)) == [0, 1]
    year = Campaign.objects.get(year=2026, period=0)
    assert year.reference_date.year == 2026
    assert "năm 2026" in year.name
    assert "quý" not in year.name


def test_r_100_a_ruleset_without_quarters_is_refused_in_vietnamese(personas, run):
    with pytest.raises(CommandError, match="không đánh giá theo quý"):
        run("open_campaign", year=2023, quarter=2, ruleset="kh181-2023")
    assert not Campaign.objects.exists()


def test_r_100_counting_date_outside_the_quarter_is_refused_naming_it(personas, run):
    with pytest.raises(
        CommandError, match=r"01/04/2026 không thuộc quý I năm 2026 \(từ 01/01/2026 đến 31/03/2026\)"
    ):
        run("open_campaign", year=2026, quarter=1, ruleset="qd366-2025", reference_date="01/04/2026")
    _campaign, _out = quarter(run, 1, reference_date="31/03/2026")  # the last day is in


def test_r_102_quarter_scores_the_tasks_due_in_its_dates(personas, run, staff):
    q1, _ = quarter(run, 1)
    q2, _ = quarter(run, 2)
    s1, s2 = task_scores(q1)[staff.pk], task_scores(q2)[staff.pk]
    # R-25 in a quarter: six months counted from the start of work, not from 1 January (classified in Q1)
    assert Subject.objects.get(campaign=q1, person=staff, subject_type="CIVIL_SERVANT").classify
    assert (s1.tasks_total, s1.tasks_done, s1.tasks_on_time) == (4, 3, 3)
    # Q1: a = 75, b = 100, c = 100 → (275 / 3) × 0.7 = 64.17; + 30
    assert s1.points == 94.17
    assert (s2.tasks_total, s2.tasks_done, s2.tasks_on_time, s2.tasks_late) == (2, 2, 1, 1)
    # Q2: a = 100, b = (75 + 100) / 2 = 87.5, c = (75 + 100) / 2 = 87.5 → 275 / 3 × 0.7 = 64.17; + 30
    assert s2.points == 94.17


def test_r_102_quarter_subject_page_shows_how_its_points_were_computed(personas, run, staff, client):
    q1, _ = quarter(run, 1)
    subject = Subject.objects.get(campaign=q1, person=staff, subject_type="CIVIL_SERVANT")
    client.force_login(personas.district_a_officer)
    page = client.get(reverse("campaigns:subject", args=[subject.pk])).content.decode()
    assert "Cách tính điểm" in page
    assert "3 trên 4 nhiệm vụ đến hạn đã hoàn thành" in page
    assert "94,17 / 100" in page


def _decide(campaign: Campaign, person, role: str, level: Level, score: str | None) -> None:
    subject = Subject.objects.get(campaign=campaign, person=person, subject_type=role)
    Rating.objects.create(
        subject=subject,
        stage="DECIDED",
        level=level,
        based_on_version=subject.version,
        score=Decimal(score) if score is not None else None,
    )


def test_r_100_year_reads_its_quarters_decided_scores(personas, run):
    member = personas.member_a1
    q1, _ = quarter(run, 1)
    q2, _ = quarter(run, 2)
    quarter(run, 3)  # the member's third quarter is not decided yet
    _decide(q1, member, "PARTY_MEMBER", Level.EXCELLENT, "92")
    _decide(q2, member, "PARTY_MEMBER", Level.GOOD, "80")
    run("open_campaign", year=2026, ruleset="qd366-2025")
    year = Campaign.objects.get(year=2026, period=0)
    subject = Subject.objects.get(campaign=year, person=member, subject_type="PARTY_MEMBER")
    found = subject_year_reading(subject)
    assert found is not None
    lines, reading = found
    assert [(x.quarter, x.level, x.score) for x in lines] == [
        (1, Level.EXCELLENT, 92.0),
        (2, Level.GOOD, 80.0),
        (3, None, None),
    ]
    assert (reading.mean_score, reading.band, reading.rule_id) == (86.0, Level.GOOD, "R-100")
    # the year's decision above the band is flagged, not refused (the mean is to be confirmed: ``warn``)
    preview = rating_preview(subject=subject, stage="PROPOSED", level=Level.EXCELLENT)
    flagged = [f for f in preview.findings if f.code == "flag.quarters"]
    assert len(flagged) == 1
    assert not flagged[0].blocking
    good = rating_preview(subject=subject, stage="PROPOSED", level=Level.GOOD)
    assert not [f for f in good.findings if f.code == "flag.quarters"]


def test_r_91_year_of_a_civil_servant_reads_the_quarters_task_points(personas, run, staff, client):
    quarter(run, 1)
    q2, _ = quarter(run, 2)
    _decide(q2, staff, "CIVIL_SERVANT", Level.GOOD, "85")  # a decided score wins over the computed one
    run("open_campaign", year=2026, ruleset="qd366-2025")
    year = Campaign.objects.get(year=2026, period=0)
    subject = Subject.objects.get(campaign=year, person=staff, subject_type="CIVIL_SERVANT")
    found = subject_year_reading(subject)
    assert found is not None
    lines, reading = found
    assert [(x.quarter, x.score) for x in lines] == [(1, 94.17), (2, 85.0)]  # Q1 from the register
    assert (reading.mean_score, reading.rule_id) == (89.59, "R-91")  # (94.17 + 85) / 2, rounded half up
    client.force_login(personas.superuser)
    page = client.get(reverse("campaigns:subject", args=[subject.pk])).content.decode()
    assert "Kết quả các quý" in page
    assert "(94,17 + 85) / 2 = 89,59 điểm" in page
    assert "Nghị định 335/2025/NĐ-CP" in page  # the rule cited: ND335 Art. 21


def test_r_100_a_yearly_campaign_without_quarters_shows_none(personas, run, client):
    run("open_campaign", year=2026, ruleset="qd366-2025")
    year = Campaign.objects.get(year=2026, period=0)
    subject = Subject.objects.get(campaign=year, person=personas.member_a1, subject_type="PARTY_MEMBER")
    assert subject_year_reading(subject) is None
    client.force_login(personas.superuser)
    assert (
        "Kết quả các quý" not in client.get(reverse("campaigns:subject", args=[subject.pk])).content.decode()
    )


def test_r_100_creation_page_chooses_the_quarter(personas, client):
    client.force_login(personas.province_officer)
    form = {
        "year": "2026",
        "quarter": "2",
        "ruleset": "qd366-2025",
        "root": personas.province.pk,
        "appeal_window_days": "15",
    }
    r = client.post(reverse("campaigns:create"), form)
    assert r.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.period == 2
    page = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert "Quý II (01/04/2026 – 30/06/2026)" in page
    assert "15/06/2026" in page
    assert "Kết luận 198-KL/TW" in page
    r = client.post(reverse("campaigns:create"), {**form, "year": "2023", "ruleset": "kh181-2023"})
    assert r.status_code == 200
    assert "không đánh giá theo quý" in r.content.decode()


def test_r_100_check_ratings_of_the_year_flags_a_level_above_its_quarters(personas, run, rate, csv_rows):
    member = personas.member_a1
    q1, _ = quarter(run, 1)
    _decide(q1, member, "PARTY_MEMBER", Level.COMPLETED, "60")  # one quarter scored: 60, HTNV
    run("open_campaign", year=2026, ruleset="qd366-2025")
    year = Campaign.objects.get(year=2026, period=0)
    rate(year, member, Level.GOOD, stage="PROPOSED")
    rate(year, personas.member_a2, Level.GOOD, stage="PROPOSED")  # no quarter: nothing to read
    out = run("check_ratings", year=2026, format="csv", stage="PROPOSED")
    rows = {r["code"]: r for r in csv_rows(out) if r["subject_type"] == "PARTY_MEMBER"}
    mine = rows[member.code]
    assert "cao hơn mức của điểm bình quân 1 quý đã chấm (60 điểm: Hoàn thành nhiệm vụ)" in mine["message"]
    assert "R-100" in mine["rule_ids"]
    assert mine["max_level"] == "HTXS"  # ``warn``: flagged, not capped
    assert "R-100" not in rows[personas.member_a2.code]["rule_ids"]
    quarter_rows = csv_rows(run("check_ratings", year=2026, quarter=1, format="csv"))
    assert all("R-100" not in r["rule_ids"] for r in quarter_rows)  # a quarter reads no quarters
