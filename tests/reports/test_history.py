"""Levels across campaigns and the multi-year flags (regulations.md §6: R-77, R-78, R-79, R-79b)."""

from __future__ import annotations

from datetime import date

import pytest

from xeploai.reports.history import consecutive_flags
from xeploai.rules.levels import Level

X, G, C, N = Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED
FIVE = tuple(range(2019, 2024))


def _ids(series):
    return [(f.rule_id, f.subject_type, f.years) for f in consecutive_flags(series)]


@pytest.mark.parametrize(
    ("series", "expected"),
    [
        ({"PARTY_MEMBER": {2022: N, 2023: N}}, [("R-77", "PARTY_MEMBER", (2022, 2023))]),
        ({"PARTY_MEMBER": {2021: N, 2022: C, 2023: N}}, []),  # not consecutive
        ({"PARTY_MEMBER": {2021: N, 2023: N}}, []),  # a year without a level breaks the run
        ({"PARTY_MEMBER": {2023: N}}, []),
        ({"LEADER": {2022: N, 2023: N}}, [("R-78", "LEADER", (2022, 2023))]),
        ({"CIVIL_SERVANT": {2021: N, 2022: N, 2023: N}}, [("R-79", "CIVIL_SERVANT", (2021, 2022, 2023))]),
        ({"ORGANIZATION": {2022: N, 2023: N}}, []),  # no two-year rule for organizations
        ({"PARTY_MEMBER": dict.fromkeys(FIVE, X)}, [("R-79b", "PARTY_MEMBER", FIVE)]),
        ({"ORGANIZATION": dict.fromkeys(FIVE, X)}, [("R-79b", "ORGANIZATION", FIVE)]),
        ({"ORGANIZATION": dict.fromkeys(range(2020, 2024), X)}, []),  # four years only
        ({"PARTY_MEMBER": {**dict.fromkeys(range(2015, 2020), X), 2020: G, 2021: X}},
         [("R-79b", "PARTY_MEMBER", tuple(range(2015, 2020)))]),
        ({"LEADER": dict.fromkeys(range(2019, 2024), X)}, []),  # R-79b names organizations and members only
    ],
)
def test_consecutive_flags_table(series, expected):
    assert _ids(series) == expected


def test_r79_is_marked_recalled_and_r77_is_not():
    flags = consecutive_flags({"CIVIL_SERVANT": {2022: N, 2023: N}, "PARTY_MEMBER": {2022: N, 2023: N}})
    by_rule = {f.rule_id: f for f in flags}
    assert by_rule["R-79"].recalled is True
    assert by_rule["R-77"].recalled is False
    assert "2022–2023" in by_rule["R-77"].message


@pytest.fixture
def years(personas):
    """Campaigns 2019–2025 over the province; ``rate(year, type, level, published=…, **target)``."""
    from xeploai.campaigns.models import Campaign, Rating, Subject

    p = personas
    campaigns = {
        y: Campaign.objects.create(year=y, ruleset="kh181-2023", name=f"Kiểm điểm năm {y}", root=p.province,
                                   reference_date=date(y, 12, 15))
        for y in range(2019, 2026)
    }

    def rate(year, subject_type, *levels, unit, published=False, **target):
        s, _ = Subject.objects.get_or_create(
            campaign=campaigns[year], subject_type=subject_type, **target,
            defaults={"unit": unit, "org_path": unit.path, "review": True, "classify": True,
                      "counted_to": date(year, 10, 15)},
        )
        for level in levels:
            Rating.objects.create(subject=s, stage="DECIDED", level=level, based_on_version=1)
        if published:
            Rating.objects.create(subject=s, stage="PUBLISHED", level=levels[-1], based_on_version=1)
        return s

    return rate


@pytest.mark.django_db
def test_r77_person_history_uses_the_latest_decision_of_each_year(personas, years):
    from xeploai.reports.history import person_history

    p = personas
    years(2022, "PARTY_MEMBER", G, N, unit=p.cell_a1, person=p.member_a1)  # re-decided: KHTNV counts
    years(2023, "PARTY_MEMBER", N, unit=p.cell_a1, person=p.member_a1)
    years(2021, "PARTY_MEMBER", C, unit=p.cell_a1, person=p.member_a1)
    history = person_history(person=p.member_a1)
    assert [(r.year, r.level) for r in history.rows] == [(2023, N), (2022, N), (2021, C)]
    assert [(f.rule_id, f.years) for f in history.flags] == [("R-77", (2022, 2023))]


@pytest.mark.django_db
def test_r78_and_r79_on_the_two_roles_of_one_person(personas, years):
    from xeploai.reports.history import person_history

    p = personas
    for y in (2022, 2023):
        years(y, "LEADER", N, unit=p.cell_a1, person=p.secretary_a1)
        years(y, "CIVIL_SERVANT", N, unit=p.district_a_ubnd, person=p.secretary_a1)
        years(y, "PARTY_MEMBER", C, unit=p.cell_a1, person=p.secretary_a1)
    rules = sorted(f.rule_id for f in person_history(person=p.secretary_a1).flags)
    assert rules == ["R-78", "R-79"]


@pytest.mark.django_db
def test_r79b_organization_five_years_excellent(personas, years):
    from xeploai.reports.history import organization_history

    p = personas
    for y in range(2019, 2024):
        years(y, "ORGANIZATION", X, unit=p.cell_a1, organization=p.cell_a1)
        years(y, "COLLECTIVE", N, unit=p.cell_a1, collective=p.cell_committee)  # shown, never flagged
    history = organization_history(organization=p.cell_a1)
    assert [(f.rule_id, f.subject_type, f.years) for f in history.flags] == [
        ("R-79b", "ORGANIZATION", (2019, 2020, 2021, 2022, 2023))
    ]
    assert {r.name for r in history.rows} == {"", "Chi ủy Chi bộ ấp 1"}


@pytest.mark.django_db
def test_r77_flag_on_the_person_page_for_an_officer(client, personas, years):
    from django.urls import reverse

    p = personas
    years(2022, "PARTY_MEMBER", N, unit=p.cell_a1, person=p.member_a1)
    years(2023, "PARTY_MEMBER", N, unit=p.cell_a1, person=p.member_a1)
    client.force_login(p.district_a_officer)
    url = reverse("reports:person_history", args=[p.member_a1.pk])
    # The person page holds the slot: a link that works without JavaScript, loaded in place by htmx.
    page = client.get(reverse("web:person", args=[p.member_a1.pk])).content.decode()
    assert f'hx-get="{url}"' in page
    assert f'href="{url}"' in page
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        html = client.get(url, **headers).content.decode()
        assert "Kết quả xếp loại qua các năm" in html
        assert 'data-rule="R-77"' in html
        assert "Hai năm liên tiếp không hoàn thành nhiệm vụ (2022–2023)" in html
        # The reason names its document, the rule id in small print (issue 12 item 7).
        assert "(theo mục 1 phần II Hướng dẫn 02-HD/BTCTW năm 2021)" in html
        assert '<small class="rule-id">R-77</small>' in html
    assert "<html" not in client.get(url, HTTP_HX_REQUEST="true").content.decode()  # the fragment only


@pytest.mark.django_db
def test_history_outside_the_subtree_is_404(client, personas, years):
    from django.urls import reverse

    p = personas
    years(2023, "PARTY_MEMBER", N, unit=p.cell_a1, person=p.member_a1)
    client.force_login(p.district_b_officer)
    assert client.get(reverse("reports:person_history", args=[p.member_a1.pk])).status_code == 404
    assert client.get(reverse("reports:organization_history", args=[p.cell_a1.pk])).status_code == 404
    assert client.get(reverse("reports:organization_history", args=[p.cell_b1.pk])).status_code == 200


@pytest.mark.django_db
def test_r88_member_sees_only_published_years_on_own_page(client, personas, years):
    from django.urls import reverse

    p = personas
    years(2022, "PARTY_MEMBER", N, unit=p.cell_a1, person=p.member_a1, published=True)
    years(2023, "PARTY_MEMBER", N, unit=p.cell_a1, person=p.member_a1)  # decided, not published
    client.force_login(p.cell_a1_member)
    response = client.get(reverse("reports:person_history", args=[p.member_a1.pk]))
    html = response.content.decode()
    assert "Chỉ hiển thị kết quả đã được công khai." in html
    assert "<td>2022</td>" in html
    assert "<td>2023</td>" not in html
    assert 'data-rule="R-77"' not in html  # the second year is not published yet
    # Another member of the cell is not the member's to browse (accounts.access): 404.
    assert client.get(reverse("reports:person_history", args=[p.secretary_a1.pk])).status_code == 404


@pytest.mark.django_db
def test_r79b_flag_on_the_organization_page(client, personas, years):
    from django.urls import reverse

    p = personas
    for y in range(2019, 2024):
        years(y, "ORGANIZATION", X, unit=p.commune_a1, organization=p.commune_a1)
    client.force_login(p.district_a_officer)
    url = reverse("reports:organization_history", args=[p.commune_a1.pk])
    page = client.get(reverse("web:organization", args=[p.commune_a1.pk])).content.decode()
    assert f'hx-get="{url}"' in page
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-rule="R-79b"' in html
    assert "Năm năm liên tục hoàn thành xuất sắc nhiệm vụ (2019–2023)" in html


@pytest.mark.django_db
def test_flags_by_person_in_one_query(personas, years, django_assert_num_queries):
    from xeploai.reports.history import flags_by_person

    p = personas
    for y in (2022, 2023):
        years(y, "PARTY_MEMBER", N, unit=p.cell_a1, person=p.member_a1)
        years(y, "PARTY_MEMBER", G, unit=p.cell_a1, person=p.secretary_a1)
    with django_assert_num_queries(1):
        flags = flags_by_person(person_ids=[p.member_a1.pk, p.secretary_a1.pk])
    assert list(flags) == [p.member_a1.pk]
    assert flags[p.member_a1.pk][0].rule_id == "R-77"


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ((X, X, X, X, G), "HTXS"),  # four years HTXS in the term
        ((X, X, X, G, G), "HTT"),  # three years HTXS only: HTT (at least 3 years HTT or above, no KHTNV)
        ((G, G, G, C, N), "HTNV"),  # one year KHTNV rules HTT out
        ((X, X, X, N, N), "KHTNV"),  # two years KHTNV
        ((G, C), None),  # too few years to say
    ],
)
def test_r44_leader_term_roll_up(levels, expected):
    from xeploai.reports.history import leader_terms

    (term,) = leader_terms(dict(zip(range(2020, 2020 + len(levels)), levels, strict=True)))
    assert term.label == "2020–2025"
    assert (term.level.short if term.level is not None else None) == expected


@pytest.mark.django_db
def test_r44_term_summary_on_a_leaders_history_page(client, personas, years):
    from django.urls import reverse

    p = personas
    for y in range(2020, 2024):  # four years HTXS in the 2020–2025 term
        years(y, "LEADER", X, unit=p.cell_a1, person=p.secretary_a1)
    years(2024, "LEADER", G, unit=p.cell_a1, person=p.secretary_a1)
    years(2025, "LEADER", G, unit=p.cell_a1, person=p.secretary_a1)  # the next term has begun
    years(2023, "PARTY_MEMBER", G, unit=p.cell_a1, person=p.secretary_a1)  # not a leader's level
    client.force_login(p.district_a_officer)
    html = client.get(reverse("reports:person_history", args=[p.secretary_a1.pk])).content.decode()
    assert "Tổng hợp theo nhiệm kỳ của cán bộ lãnh đạo, quản lý</h3>" in html  # no rule id in a heading
    current = html.split('data-term="2020–2025"')[1].split("</tr>")[0]
    assert "2020: HTXS; 2021: HTXS; 2022: HTXS; 2023: HTXS; 2024: HTT" in current
    assert "Hoàn thành xuất sắc nhiệm vụ (HTXS)" in current
    following = html.split('data-term="2025–2030"')[1].split("</tr>")[0]
    assert "Chưa đủ số năm để tổng hợp" in following
