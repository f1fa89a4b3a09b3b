"""The dashboard charts (R-95, S-10): table first (works without JavaScript), Chart.js data beside it.

Counts refer to ``province_campaign`` (tests/reports/conftest.py).
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from xeploai.rules.levels import Level

X, G, C, N = Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED


@pytest.mark.django_db
def test_levels_by_tier_counts_decided_levels_per_tier(province_campaign, django_assert_num_queries):
    from xeploai.reports.charts import levels_by_tier

    p = province_campaign
    with django_assert_num_queries(2):  # the subtree's organizations, the grouped subjects
        rows, chart = levels_by_tier(campaign=p.campaign, root=p.province)
    got = {r.tier: r.levels for r in rows}
    # Below grassroots: cell_a1 (HTXS), cell_a2 (HTT, latest row), their members, chi ủy, the leader.
    assert got["BELOW_GRASSROOTS"] == {X: 3, G: 4, C: 1, N: 0}
    assert got["GRASSROOTS"] == {X: 1, G: 2, C: 0, N: 2}
    assert got["DISTRICT"] == {X: 0, G: 1, C: 0, N: 0}
    assert [r.tier for r in rows] == ["DISTRICT", "GRASSROOTS", "BELOW_GRASSROOTS"]
    assert chart["labels"] == [r.label for r in rows]
    assert [d["label"] for d in chart["datasets"]] == ["HTXS", "HTT", "HTNV", "KHTNV"]
    assert chart["datasets"][0]["data"] == [0, 1, 3]


@pytest.mark.django_db
def test_progress_by_day_counts_ratings_per_stage(province_campaign):
    from django.utils import timezone

    from xeploai.reports.charts import progress_by_day

    p = province_campaign
    rows, chart = progress_by_day(campaign=p.campaign, root=p.province)
    assert [r.day for r in rows] == [timezone.localdate()]
    assert rows[0].counts == (1, 0, 0, 16, 0)  # SELF, PROPOSED, APPRAISED, DECIDED, PUBLISHED
    rows_a, _chart = progress_by_day(campaign=p.campaign, root=p.district_b)
    assert rows_a[0].counts == (0, 0, 0, 4, 0)  # cell_b1, teacher_b1, b1_x, b1_y (its rows exist)
    assert chart["datasets"][3]["data"] == [16]


@pytest.mark.django_db
def test_s10_late_units_against_the_tier_deadline(province_campaign):
    from xeploai.campaigns.models import Deadline, DeadlineKind
    from xeploai.reports.charts import late_units

    p = province_campaign
    Deadline.objects.create(campaign=p.campaign, tier="DISTRICT", kind=DeadlineKind.REVIEW_AND_REPORT,
                            due_on=date(2023, 11, 30))
    rows, chart = late_units(campaign=p.campaign, root=p.province, on=date(2023, 12, 3))
    assert [(r.name, r.days_late) for r in rows] == [("Đảng bộ huyện A", 3), ("Đảng bộ huyện B", 3)]
    assert chart["datasets"][0]["data"] == [3, 3]
    assert late_units(campaign=p.campaign, root=p.province, on=date(2023, 11, 30))[0] == []


@pytest.mark.django_db
def test_chart_tables_are_present_without_javascript(client, province_campaign):
    from django.urls import reverse

    p = province_campaign
    client.force_login(p.province_officer)
    response = client.get(reverse("reports:charts"), {"org": p.province.pk})
    assert response.status_code == 200
    html = response.content.decode()
    # Each chart is a table first; the canvas stays hidden unless the script draws it.
    for section in ("theo-cap", "tien-do", "tre-han"):
        block = html.split(f'id="{section}"', 1)[1].split("</section>", 1)[0]
        assert "<table" in block
        assert re.search(r"<canvas[^>]*\shidden", block)
    assert "Trực thuộc cấp cơ sở" in html
    assert ">3 <span" in html  # HTXS below grassroots, in the table itself
    data = json.loads(html.split('id="tier-chart" type="application/json">', 1)[1].split("</script>", 1)[0])
    assert data["datasets"][0]["label"] == "HTXS"
    assert "vendor/chartjs/chart.umd.js" in html


@pytest.mark.django_db
def test_charts_page_permissions(client, province_campaign):
    from django.urls import reverse

    p = province_campaign
    url = reverse("reports:charts")
    client.force_login(p.district_b_officer)
    assert client.get(url, {"org": p.district_a.pk}).status_code == 404
    assert client.get(url, {"org": p.district_b.pk}).status_code == 200
    client.force_login(p.cell_a1_member)
    assert client.get(url, {"org": p.cell_a1.pk}).status_code == 403
