"""Comparison of equivalent positions (S-15): level distributions side by side, uniform and leniency flags."""

from __future__ import annotations

from datetime import date

import pytest

from xeploai.reports.comparison import ComparisonRow, flag_rows, two_proportion_z
from xeploai.rules.levels import Level

X, G, C, N = Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED


def _row(name, x=0, g=0, c=0, n=0):
    row = ComparisonRow(0, name, name)
    row.levels.update({X: x, G: g, C: c, N: n})
    return row


def test_s15_two_proportion_z_of_a_lenient_unit():
    # 10 of 10 at HTT or above against 20 of 40 in the rest: z = 0.5 / sqrt(0.6·0.4·(1/10 + 1/40)) ≈ 2.89.
    assert two_proportion_z(10, 10, 20, 40) == pytest.approx(2.887, abs=1e-3)
    assert two_proportion_z(5, 10, 20, 40) == 0.0


def test_s15_flags_on_a_constructed_peer_group():
    rows = [_row(f"C{i}", x=1, g=4, c=5) for i in range(4)] + [_row("Nể nang", x=3, g=7)]
    flag_rows(rows)
    assert [r.flags for r in rows] == [[], [], [], [], ["lenient"]]
    assert rows[-1].z == pytest.approx(2.887, abs=1e-3)


def test_s15_no_flag_on_a_balanced_peer_group():
    rows = [_row(f"C{i}", x=1, g=4, c=4, n=1) for i in range(5)]
    flag_rows(rows)
    assert all(r.flags == [] for r in rows)
    assert all(r.z == 0.0 for r in rows)


def test_s15_uniform_needs_min_subjects():
    rows = [_row("six", g=6), _row("four", g=4), _row("mixed", g=3, c=3)]
    flag_rows(rows, min_subjects=5)
    assert rows[0].flags[0] == "uniform"
    assert rows[0].uniform_level == G
    assert rows[1].flags == []  # four subjects: too few to say
    assert "uniform" not in rows[2].flags


def test_s15_small_unit_at_100_percent_is_not_flagged_lenient():
    rows = [_row(f"C{i}", g=5, c=5) for i in range(4)] + [_row("small", x=1, g=2)]
    flag_rows(rows)
    assert rows[-1].flags == []  # 3 rated < 5


@pytest.fixture
def peer_group(personas):
    """District D with five grassroots cells of 10 members; cell 4 rates everyone HTT or above."""
    from xeploai.campaigns.models import Campaign, Rating, Subject
    from xeploai.registry.models import Organization, OrganizationKind, Person, Tier

    p = personas
    campaign = Campaign.objects.create(year=2023, ruleset="kh181-2023", name="Kiểm điểm năm 2023",
                                       root=p.province, reference_date=date(2023, 12, 15))
    district = Organization.objects.create(code="T.D", name="Đảng bộ huyện D", parent=p.province,
                                           kind=OrganizationKind.DISTRICT_COMMITTEE, tier=Tier.DISTRICT)
    plans = [[X] + [G] * 4 + [C] * 5] * 4 + [[X] * 3 + [G] * 7]
    cells = []
    for i, levels in enumerate(plans):
        cell = Organization.objects.create(code=f"T.D.C{i}", name=f"Chi bộ {i}", parent=district,
                                           kind=OrganizationKind.GRASSROOTS_CELL, tier=Tier.GRASSROOTS)
        cells.append(cell)
        for j, level in enumerate(levels):
            person = Person.objects.create(code=f"D{i}-{j}", full_name=f"Nguyễn Văn {i} {j}",
                                           party_organization=cell, admitted_on=date(2015, 1, 1))
            s = Subject.objects.create(campaign=campaign, subject_type="PARTY_MEMBER", person=person,
                                       unit=cell, org_path=cell.path, review=True, classify=True,
                                       counted_to=date(2023, 10, 15))
            Rating.objects.create(subject=s, stage="DECIDED", level=level, based_on_version=1)
    return campaign, district, cells


@pytest.mark.django_db
def test_s15_compare_organizations_flags_the_lenient_cell(peer_group, django_assert_num_queries):
    from xeploai.reports.comparison import compare_organizations

    campaign, district, cells = peer_group
    with django_assert_num_queries(2):
        result = compare_organizations(campaign=campaign, root=district, kind="GRASSROOTS_CELL",
                                       tier="GRASSROOTS")
    assert [r.name for r in result.rows] == [f"Chi bộ {i}" for i in range(5)]
    assert [r.rated for r in result.rows] == [10] * 5
    assert result.rows[0].levels == {X: 1, G: 4, C: 5, N: 0}
    assert [r.flags for r in result.rows] == [[], [], [], [], ["lenient"]]
    assert result.pooled_percent == "60,0 %"


@pytest.mark.django_db
def test_s15_compare_organizations_counts_subtrees_at_a_higher_tier(peer_group, personas):
    from xeploai.reports.comparison import compare_organizations

    campaign, district, _cells = peer_group
    result = compare_organizations(campaign=campaign, root=personas.province, kind="DISTRICT_COMMITTEE",
                                   tier="DISTRICT")
    by_name = {r.name: r.rated for r in result.rows}
    assert by_name == {"Đảng bộ huyện D": 50}  # districts without ratings are left out


@pytest.mark.django_db
def test_s15_compare_leaders_by_position(personas):
    from xeploai.campaigns.models import Campaign, Rating, Subject
    from xeploai.registry.models import Person
    from xeploai.reports.comparison import compare_leaders, leader_positions

    p = personas
    campaign = Campaign.objects.create(year=2023, ruleset="kh181-2023", name="2023", root=p.province,
                                       reference_date=date(2023, 12, 15))
    for i, (cell, level) in enumerate([(p.cell_a1, X), (p.cell_a2, G), (p.cell_b1, X), (p.cell_b1, C)]):
        person = Person.objects.create(code=f"L{i}", full_name=f"Lê Văn {i}", positions="Bí thư chi bộ",
                                       party_organization=cell)
        s = Subject.objects.create(campaign=campaign, subject_type="LEADER", person=person, unit=cell,
                                   org_path=cell.path, review=True, classify=True,
                                   counted_to=date(2023, 10, 15))
        Rating.objects.create(subject=s, stage="DECIDED", level=level, based_on_version=1)
    assert leader_positions(campaign=campaign, root=p.province)[0] == ("Bí thư chi bộ", 4)
    result = compare_leaders(campaign=campaign, root=p.province, position="Bí thư chi bộ")
    assert {r.name: (r.levels[X], r.levels[G], r.levels[C]) for r in result.rows} == {
        "Đảng bộ huyện A": (1, 1, 0), "Đảng bộ huyện B": (1, 0, 1),
    }


@pytest.mark.django_db
def test_s15_comparison_page(client, peer_group, personas):
    from django.urls import reverse

    campaign, district, cells = peer_group
    url = reverse("reports:comparison")
    params = {"org": district.pk, "campaign": campaign.pk, "group": "GRASSROOTS_CELL:GRASSROOTS"}
    client.force_login(personas.province_officer)
    response = client.get(url, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "kiểm định z hai tỷ lệ một phía" in html
    assert f'data-unit="{cells[4].pk}" data-flags="lenient"' in html
    assert f'data-unit="{cells[0].pk}" data-flags=""' in html
    # Outside the subtree: 404; a MEMBER role: 403.
    client.force_login(personas.district_b_officer)
    assert client.get(url, params).status_code == 404
    client.force_login(personas.cell_a1_member)
    assert client.get(url, {"org": personas.cell_a1.pk}).status_code == 403
