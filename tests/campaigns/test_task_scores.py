"""ND335 scores from the task register in a 2026 campaign (R-59, R-102): fed to the core by the bridge and
shown on the công chức's subject page ("Cách tính điểm")."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from xeploai.campaigns.facts import campaign_subjects, latest_levels, rating_facts
from xeploai.campaigns.models import Campaign, Subject
from xeploai.campaigns.snapshot import registry_snapshot
from xeploai.campaigns.task_scores import campaign_period, task_scores
from xeploai.registry.models import CivilServiceCategory
from xeploai.registry.task_register import Task, TaskQuality

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign_2026(personas, run):
    staff = personas.staff_a
    staff.civil_service_category = CivilServiceCategory.CIVIL_SERVANT
    staff.save()

    def task(due: date, done: date | None, **kw: object) -> None:
        Task.objects.create(
            person=staff, title="Việc", assigned_on=date(2025, 11, 2), due_on=due, done_on=done, **kw
        )

    for month in range(1, 9):  # 8 on time, met; 2 of them exceeded
        task(date(2026, month, 20), date(2026, month, 18), quality=TaskQuality.MET, exceeded=month <= 2)
    task(date(2026, 9, 20), date(2026, 9, 25), quality=TaskQuality.MET)  # late
    task(date(2026, 10, 20), None)  # not done
    task(date(2025, 12, 20), date(2025, 12, 1))  # due in another year: not counted
    run("open_campaign", year=2026, ruleset="qd366-2025")
    campaign = Campaign.objects.get(year=2026)
    return campaign, Subject.objects.get(campaign=campaign, person=staff, subject_type="CIVIL_SERVANT")


def test_period_of_a_yearly_campaign_is_its_year(campaign_2026):
    campaign, _subject = campaign_2026
    assert campaign_period(campaign) == (date(2026, 1, 1), date(2026, 12, 31))


def test_r102_score_counts_only_the_tasks_due_in_the_period(campaign_2026, personas):
    campaign, _subject = campaign_2026
    score = task_scores(campaign)[personas.staff_a.pk]
    assert (score.tasks_total, score.tasks_done, score.tasks_on_time, score.tasks_late) == (10, 9, 8, 2)
    assert score.tasks_exceeded == 2
    # a = 90, b = 100, c = (8 × 100 + 75) / 9 = 97.22 → (90 + 100 + 97.22) / 3 × 0.7 = 67.02; + 30
    assert score.points == 97.02


def test_bridge_feeds_task_counts_and_points_to_the_core(campaign_2026, rate, personas):
    campaign, subject = campaign_2026
    rate(campaign, personas.staff_a, 3, stage="SELF", role="CIVIL_SERVANT")
    snap = registry_snapshot(root=campaign.root, reference=campaign.reference_date)
    subjects = campaign_subjects(campaign)
    facts = rating_facts(
        snap, subjects, latest_levels(campaign, subjects), stage="SELF", tasks=task_scores(campaign)
    )
    mine = next(f for f in facts if f.subject_id == subject.pk)
    assert (mine.tasks_total, mine.tasks_on_time, mine.tasks_exceeded, mine.tasks_late) == (10, 8, 2, 2)
    assert mine.task_score == 97.02


def test_subject_page_shows_how_the_score_was_computed(campaign_2026, client, personas):
    _campaign, subject = campaign_2026
    client.force_login(personas.district_a_officer)
    page = client.get(reverse("campaigns:subject", args=[subject.pk])).content.decode()
    assert "Cách tính điểm" in page
    assert "9 trên 10 nhiệm vụ đến hạn đã hoàn thành" in page
    assert "97,02 / 100" in page
    assert "R-102" in page


def test_party_member_subject_page_has_no_task_score(campaign_2026, client, personas):
    campaign, _subject = campaign_2026
    other = Subject.objects.get(campaign=campaign, person=personas.member_a1, subject_type="PARTY_MEMBER")
    client.force_login(personas.district_a_officer)
    page = client.get(reverse("campaigns:subject", args=[other.pk])).content.decode()
    assert "Cách tính điểm" not in page
