"""Long work without a file, run as jobs (issue 12 item 5, issue 14 item 4): opening a campaign (S-10,
S-11, S-12) and the year's statistics (R-95) as a page, each from the page that asks for it, through the
job's progress page, to the page that shows the outcome.

The queue tests run the jobs on django-tasks' database backend and ``manage.py db_worker --batch``.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings, monkeypatch):
    """Jobs wait in the database until ``run_worker()`` (the db_worker command, one batch) takes them."""
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    settings.XEPLOAI_JOBS_BACKEND = "database"
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)  # see tests/jobs/test_jobs.py

    def run_worker() -> None:
        call_command(
            "db_worker",
            "--batch",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0",
            "--backend",
            "database",
        )

    return run_worker


@pytest.fixture
def draft(personas):
    from xeploai.campaigns.opening import campaign_create

    personas.campaign = campaign_create(year=2023, ruleset="kh181-2023", root=personas.province)
    return personas


def _job_of(response):
    from xeploai.jobs.models import Job

    assert response.status_code == 302, response.content.decode()[:300]
    return Job.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_opening_runs_in_the_background_and_a_second_open_is_refused(client, draft, queued):
    from xeploai.audit.models import AuditEvent
    from xeploai.campaigns.models import Campaign, CampaignStatus, Subject
    from xeploai.jobs.models import JobStatus

    campaign, detail = draft.campaign, reverse("campaigns:detail", args=[draft.campaign.pk])
    client.force_login(draft.province_officer)
    assert 'id="campaign-open"' in client.get(detail).content.decode()  # the button on the campaign page
    job = _job_of(client.post(reverse("campaigns:open", args=[campaign.pk])))
    assert job.status == JobStatus.QUEUED
    assert "Đang chờ" in client.get(reverse("jobs:detail", args=[job.pk])).content.decode()

    page = client.get(detail).content.decode()
    assert "Đang mở đợt đánh giá" in page
    assert 'id="campaign-open"' not in page  # no second button while it runs
    again = client.post(reverse("campaigns:open", args=[campaign.pk]), follow=True)
    assert "đang được mở: hãy chờ lần mở này xong rồi mới mở lại" in again.content.decode()
    assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.DRAFT
    assert not Subject.objects.filter(campaign=campaign).exists()

    queued()

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    n = Subject.objects.filter(campaign=campaign).count()
    assert n > 0
    assert job.params["result"]["subjects"] == n
    assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.OPEN
    event = AuditEvent.objects.get(action="campaign.opened")
    assert event.actor_id == draft.province_officer.pk  # audited as the officer who asked, in the worker
    finished = client.get(reverse("jobs:detail", args=[job.pk]))
    assert (finished.status_code, finished["Location"]) == (302, detail)  # the job leads back to the page
    fragment = client.get(reverse("jobs:detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert fragment["HX-Redirect"] == detail  # the polling progress bar follows by itself
    page = client.get(detail).content.decode()
    assert f"{n} đối tượng" in page
    assert 'id="campaign-open"' in page  # the list can be refreshed again


def test_opening_is_refused_in_the_job_in_the_services_words(client, draft):
    from xeploai.campaigns.models import Campaign, CampaignStatus
    from xeploai.jobs.models import JobStatus

    campaign = draft.campaign
    client.force_login(draft.province_officer)
    page_before = client.get(reverse("campaigns:detail", args=[campaign.pk]))
    assert page_before.status_code == 200
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.CLOSED)
    from xeploai.jobs.services import campaign_open_start

    job = campaign_open_start(campaign=campaign, by=draft.province_officer)  # closed after the page showed
    assert job.status == JobStatus.FAILED
    assert "đã kết thúc, không mở lại được" in job.error
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "đã kết thúc, không mở lại được" in page
    assert "Traceback" not in page


def test_only_the_campaigns_managers_may_open_it(client, draft):
    from xeploai.jobs.models import Job

    client.force_login(draft.district_a_officer)
    response = client.post(reverse("campaigns:open", args=[draft.campaign.pk]))
    assert response.status_code == 403
    assert not Job.objects.exists()


@pytest.fixture
def two_provinces(draft):
    """A second province with its own 2023 campaign; both campaigns opened."""
    from xeploai.campaigns.opening import campaign_create, campaign_open
    from xeploai.registry.models import Organization, OrganizationKind, Person, Tier

    other = Organization.objects.create(
        code="Q", name="Đảng bộ tỉnh Khác", kind=OrganizationKind.PROVINCIAL_COMMITTEE, tier=Tier.PROVINCE
    )
    cell = Organization.objects.create(
        code="Q.C1",
        name="Chi bộ Q1",
        kind=OrganizationKind.GRASSROOTS_CELL,
        tier=Tier.GRASSROOTS,
        parent=other,
    )
    Person.objects.create(code="P-Q1", full_name="Võ Thị Quyên", party_organization=cell)
    campaign_open(campaign=draft.campaign)
    draft.other_campaign = campaign_create(year=2023, ruleset="kh181-2023", root=other)
    campaign_open(campaign=draft.other_campaign)
    draft.other = other
    return draft


def _total(html: str) -> str:
    """The first table's total row as shown."""
    start = html.index('<tr class="bold">')
    return html[start : html.index("</tr>", start)]


def test_the_year_statistics_page_is_reached_from_the_statistics_page(client, two_provinces):
    from xeploai.campaigns.models import Campaign, Subject
    from xeploai.reports.stats import SECTION_SPECS

    Campaign.objects.create(
        year=2024,
        ruleset="kh181-2023",
        root=two_provinces.other,
        name="Khác 2024",
        reference_date=date(2024, 12, 15),
    )
    client.force_login(two_provinces.province_officer)
    statistics = client.get(reverse("reports:statistics")).content.decode()
    assert f'href="{reverse("reports:year_statistics")}"' in statistics
    html = client.get(reverse("reports:year_statistics")).content.decode()
    assert "Năm 2023: cộng 1 đợt đánh giá" in html  # only the campaign of the officer's own province
    assert '<option value="2024"' not in html  # nor the years only another province has
    assert "Đảng bộ tỉnh Khác" not in html
    assert "Đảng bộ tỉnh Thử Nghiệm" in html

    client.force_login(two_provinces.superuser)  # the Central Organization Commission sees every province
    html = client.get(reverse("reports:year_statistics"), {"year": 2023}).content.decode()
    assert "Năm 2023: cộng 2 đợt đánh giá" in html
    assert '<option value="2024"' in html
    assert "Đảng bộ tỉnh Khác" in html
    first = SECTION_SPECS[0]  # the first table counts the subjects of its kinds in both provinces
    both = Subject.objects.filter(subject_type__in=first.subject_types).count()
    assert (
        both
        > Subject.objects.filter(
            subject_type__in=first.subject_types, campaign=two_provinces.campaign
        ).count()
    )
    assert f'<td>Cộng</td>\n      <td class="num">{both}</td>' in _total(html)


@pytest.mark.parametrize("who", ["district_a_officer", "cell_a1_member"])
def test_the_year_statistics_are_refused_below_the_province_commission(client, two_provinces, who):
    client.force_login(getattr(two_provinces, who))
    response = client.get(reverse("reports:year_statistics"))
    assert response.status_code == 403
    assert client.post(reverse("reports:year_statistics_start") + "?year=2023").status_code == 403
    statistics = client.get(reverse("reports:statistics"))
    assert reverse("reports:year_statistics") not in statistics.content.decode()


def test_a_large_scope_is_computed_by_a_job_and_kept(client, two_provinces, queued, settings):
    from xeploai.jobs.models import JobStatus

    client.force_login(two_provinces.superuser)
    url = reverse("reports:year_statistics") + "?year=2023"
    inline = client.get(url).content.decode()
    settings.XEPLOAI_YEAR_STATS_INLINE_SUBJECTS = 1  # now the two provinces are a large scope
    waiting = client.get(url).content.decode()
    assert "Phạm vi lớn: số liệu được tính trong nền" in waiting
    assert '<tr class="bold">' not in waiting  # nothing computed in the request
    job = _job_of(client.post(reverse("reports:year_statistics_start") + "?year=2023"))
    assert "Số liệu đang được tính trong nền" in client.get(url).content.decode()
    again = client.post(reverse("reports:year_statistics_start") + "?year=2023")
    assert _job_of(again).pk == job.pk  # a second click follows the same job

    queued()

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    finished = client.get(reverse("jobs:detail", args=[job.pk]))
    assert finished.status_code == 302
    kept = client.get(finished["Location"]).content.decode()
    assert "số liệu dưới đây được tính lúc" in kept
    assert _total(kept) == _total(inline)  # the kept figures are those computed in the request
    assert 'id="year-compute"' in kept  # "Tính lại"

    client.force_login(two_provinces.province_officer)  # another user's kept figures are not theirs
    assert "được tính lúc" not in client.get(url).content.decode()
