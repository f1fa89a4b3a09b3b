"""Statistics of a campaign over a subtree (R-95; plan S-10, S-15): counts, reasons, levels, percentages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xeploai.reports.stats import format_percent, percent
from xeploai.rules.levels import Level

X, G, C, N = Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED


def _levels(counts):
    return {lv.short: n for lv, n in counts.levels.items()}


def test_r95_percent_is_of_those_rated_one_decimal_half_up():
    assert percent(1, 6) == Decimal("16.7")
    assert percent(1, 8) == Decimal("12.5")
    assert percent(1, 16) == Decimal("6.3")  # 6.25 rounds half up, not to even
    assert percent(0, 0) is None


def test_r95_percent_on_screen_uses_the_vietnamese_decimal_comma():
    assert format_percent(Decimal("12.5")) == "12,5 %"
    assert format_percent(None) == "–"


@pytest.mark.django_db
def test_r95_party_members_of_the_province(province_campaign):
    from xeploai.reports.selectors import campaign_statistics

    stats = campaign_statistics(campaign=province_campaign.campaign, root=province_campaign.province)
    members = stats.section("party_members").total
    assert members.total == 11
    assert members.not_classified == {"EXEMPT": 1, "SUSPENDED": 1, "NEW_MEMBER": 1, "OTHER": 1}
    assert members.pending == 1
    assert _levels(members) == {"HTXS": 1, "HTT": 3, "HTNV": 1, "KHTNV": 1}
    assert [format_percent(members.percent(lv)) for lv in (X, G, C, N)] == [
        "16,7 %", "50,0 %", "16,7 %", "16,7 %",
    ]


@pytest.mark.django_db
def test_r95_party_members_rows_by_kind_of_cell(province_campaign):
    from xeploai.reports.selectors import campaign_statistics

    stats = campaign_statistics(campaign=province_campaign.campaign, root=province_campaign.province)
    rows = {r.key: r.counts for r in stats.section("party_members").rows}
    assert rows["CELL"].total == 8
    assert rows["GRASSROOTS_CELL"].total == 3
    assert _levels(rows["GRASSROOTS_CELL"]) == {"HTXS": 0, "HTT": 1, "HTNV": 0, "KHTNV": 1}


@pytest.mark.django_db
def test_r95_organizations_by_kind_and_latest_decision_counts(province_campaign):
    from xeploai.reports.selectors import campaign_statistics

    stats = campaign_statistics(campaign=province_campaign.campaign, root=province_campaign.province)
    orgs = stats.section("organizations")
    rows = {r.key: r.counts for r in orgs.rows}
    assert orgs.total.total == 5
    assert rows["DISTRICT_COMMITTEE"].not_classified == {"NEW_UNIT": 1}
    assert _levels(rows["GRASSROOTS_COMMITTEE"])["HTT"] == 1
    # Chi bộ ấp 2 was decided HTNV, then HTT: only the latest row of the stage counts.
    assert _levels(rows["CELL"]) == {"HTXS": 1, "HTT": 1, "HTNV": 0, "KHTNV": 0}
    assert _levels(rows["GRASSROOTS_CELL"]) == {"HTXS": 0, "HTT": 0, "HTNV": 0, "KHTNV": 1}
    # Rows follow the order of kinds: district committee, grassroots committee, grassroots cell, cell.
    assert [r.key for r in orgs.rows] == [
        "DISTRICT_COMMITTEE", "GRASSROOTS_COMMITTEE", "GRASSROOTS_CELL", "CELL",
    ]


@pytest.mark.django_db
def test_r95_collectives_by_tier_then_kind(province_campaign):
    from xeploai.reports.selectors import campaign_statistics

    stats = campaign_statistics(campaign=province_campaign.campaign, root=province_campaign.province)
    col = stats.section("collectives")
    assert [(r.key, r.subtotal) for r in col.rows] == [
        ("DISTRICT", True), ("DISTRICT|STANDING_COMMITTEE", False),
        ("GRASSROOTS", True), ("GRASSROOTS|EXECUTIVE_COMMITTEE", False),
        ("BELOW_GRASSROOTS", True), ("BELOW_GRASSROOTS|CELL_COMMITTEE", False),
    ]
    assert col.total.not_classified == {"SMALL_COLLECTIVE": 1}
    assert _levels(col.total) == {"HTXS": 1, "HTT": 1, "HTNV": 0, "KHTNV": 0}


@pytest.mark.django_db
def test_r95_leaders_and_civil_servants_by_category(province_campaign):
    from xeploai.reports.selectors import campaign_statistics

    stats = campaign_statistics(campaign=province_campaign.campaign, root=province_campaign.province)
    leaders = {r.key: r.counts for r in stats.section("leaders").rows}
    assert _levels(leaders["CADRE"])["HTXS"] == 1
    cs = {r.key: r.counts for r in stats.section("civil_servants").rows}
    assert cs["CIVIL_SERVANT"].levels[G] == 1
    assert cs["PUBLIC_EMPLOYEE"].not_classified == {"WORKED_UNDER_6_MONTHS": 1}


@pytest.mark.django_db
def test_r95_subtree_restriction(province_campaign):
    from xeploai.reports.selectors import campaign_statistics

    stats = campaign_statistics(campaign=province_campaign.campaign, root=province_campaign.district_a)
    members = stats.section("party_members").total
    assert members.total == 8
    assert members.not_classified == {"EXEMPT": 1, "SUSPENDED": 1, "NEW_MEMBER": 1}
    assert _levels(members) == {"HTXS": 1, "HTT": 2, "HTNV": 1, "KHTNV": 0}
    assert [format_percent(members.percent(lv)) for lv in (X, G, C, N)] == [
        "25,0 %", "50,0 %", "25,0 %", "0,0 %",
    ]
    # Huyện B's standing committee is outside Huyện A.
    assert stats.section("collectives").total.total == 2
    assert stats.section("organizations").total.total == 4


@pytest.mark.django_db
def test_r95_by_unit_rows_are_the_direct_subordinates(province_campaign):
    from xeploai.reports.selectors import campaign_statistics

    p = province_campaign
    stats = campaign_statistics(campaign=p.campaign, root=p.province)
    rows = {r.label: r.counts.total for r in stats.unit_section("party_members").rows}
    assert rows == {"Đảng bộ huyện A": 8, "Đảng bộ huyện B": 3}
    total = stats.unit_section("party_members").total
    assert total.total == 11


@pytest.mark.django_db
def test_r95_self_stage_counts_self_ratings(province_campaign):
    from xeploai.reports.selectors import campaign_statistics

    p = province_campaign
    stats = campaign_statistics(campaign=p.campaign, root=p.province, stage="SELF")
    members = stats.section("party_members").total
    assert _levels(members) == {"HTXS": 0, "HTT": 1, "HTNV": 0, "KHTNV": 0}
    assert members.pending == 6


@pytest.mark.django_db
def test_r95_statistics_take_two_queries(province_campaign, django_assert_num_queries):
    from xeploai.reports.selectors import campaign_statistics

    p = province_campaign
    with django_assert_num_queries(2):
        campaign_statistics(campaign=p.campaign, root=p.province)
