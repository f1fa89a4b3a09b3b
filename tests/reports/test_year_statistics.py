"""The central view: the statistical tables of a year over every province's campaign (R-95, S-10).

``selectors.year_statistics`` adds up the outermost campaigns of a year (a campaign nested in another is
counted once, in the outer one) and has one row per campaign in the tables by unit; ``manage.py stats
--all`` writes them.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

pytestmark = pytest.mark.django_db


def _from_rows(monkeypatch, fn, **kwargs):
    """``fn(**kwargs)`` with the decided level read from the rating rows (the anti-join), not the copy."""
    from xeploai.campaigns.models import Rating
    from xeploai.reports import selectors

    rows = ("r.level", selectors._LATEST_JOIN.format(rating=selectors._table(Rating)))
    with monkeypatch.context() as m:
        m.setattr(selectors, "_level_sql", lambda stage: rows)
        return fn(**kwargs)


@pytest.fixture
def two_roots(province_campaign):
    """The hand-built province of conftest.py plus a second root with its own 2023 campaign."""
    from datetime import date

    from xeploai.campaigns.models import Campaign, Rating, Subject
    from xeploai.registry.models import Organization, OrganizationKind, Person, Tier

    K = OrganizationKind
    other = Organization.objects.create(code="K", name="Đảng bộ tỉnh Khác", kind=K.PROVINCIAL_COMMITTEE,
                                        tier=Tier.PROVINCE)
    cell = Organization.objects.create(code="K.C1", name="Chi bộ Cơ quan K", kind=K.GRASSROOTS_CELL,
                                       tier=Tier.GRASSROOTS, parent=other)
    common = {"campaign": None, "unit": cell, "org_path": cell.path, "review": True,
              "counted_to": date(2023, 10, 15)}
    campaign = Campaign.objects.create(year=2023, ruleset="kh181-2023", name="Năm 2023 — K", root=other,
                                       reference_date=date(2023, 12, 15))
    common["campaign"] = campaign
    for i, (level, classify) in enumerate([(3, True), (2, True), (2, True), (None, True), (None, False)]):
        person = Person.objects.create(code=f"K-{i}", full_name=f"Người {i}", party_organization=cell,
                                       admitted_on=date(2015, 1, 1))
        s = Subject.objects.create(**common, subject_type="PARTY_MEMBER", person=person, classify=classify,
                                   reasons="" if classify else "EXEMPT")
        if level is not None:
            Rating.objects.create(subject=s, stage="DECIDED", level=level, based_on_version=1)
    org = Subject.objects.create(**common, subject_type="ORGANIZATION", organization=cell, classify=True)
    Rating.objects.create(subject=org, stage="DECIDED", level=2, based_on_version=1)
    # A district's own 2023 campaign inside the province's: its subjects are the province's, counted once.
    Campaign.objects.create(year=2023, ruleset="kh181-2023", name="Năm 2023 — huyện A",
                            root=province_campaign.district_a, reference_date=date(2023, 12, 15))
    return SimpleNamespace(province=province_campaign, other=other, other_campaign=campaign)


def _figures(counts):
    return (counts.total, dict(counts.not_classified), counts.pending, dict(counts.levels))


def _summed(sections_list):
    """Section key → row key → figures, added up over several Statistics' sections."""
    from xeploai.reports.stats import Counts

    out: dict[str, dict[str, Counts]] = {}
    for sections in sections_list:
        for section in sections:
            rows = out.setdefault(section.key, {})
            for row in [*section.rows, None]:
                key, counts = ("", section.total) if row is None else (row.key, row.counts)
                rows.setdefault(key, Counts()).add(counts)
    return {k: {r: _figures(c) for r, c in rows.items()} for k, rows in out.items()}


def test_r95_year_statistics_add_up_the_outermost_campaigns(two_roots, monkeypatch):
    from xeploai.reports.selectors import campaign_statistics, year_campaigns, year_statistics

    t = two_roots
    assert [c.root.code for c in year_campaigns(2023)] == ["T", "K"]
    province = campaign_statistics(campaign=t.province.campaign, root=t.province.province)
    other = campaign_statistics(campaign=t.other_campaign, root=t.other)
    nation = year_statistics(year=2023)
    assert nation is not None
    assert nation.year == 2023
    assert _summed([nation.sections]) == _summed([province.sections, other.sections])
    members = nation.section("party_members").total
    assert (members.total, members.pending, members.rated) == (11 + 5, 1 + 1, 6 + 3)
    # By unit: one row per province, its figures those of its own campaign.
    for section in nation.by_unit:
        rows = {r.key: _figures(r.counts) for r in section.rows}
        expected = {}
        for root, stats in ((t.province.province, province), (t.other, other)):
            total = next(s for s in stats.sections if s.key == section.key).total
            if total.total:
                expected[root.path] = _figures(total)
        assert rows == expected
    assert nation.unit_section("party_members").rows[0].label == "Đảng bộ tỉnh Thử Nghiệm"
    assert nation.unit_ids == {t.province.province.path: t.province.province.pk, t.other.path: t.other.pk}
    assert nation == _from_rows(monkeypatch, year_statistics, year=2023)
    assert year_statistics(year=2031) is None


def test_r95_stats_command_for_the_whole_country(two_roots, tmp_path):
    import csv
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("stats", "--year", "2023", "--all", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    by_unit = [r for r in rows if r["Biểu"] == "Đảng viên" and r["Cách chia"] == "theo đơn vị"]
    assert [(r["Nội dung"], r["Tổng số"]) for r in by_unit] == [
        ("Đảng bộ tỉnh Thử Nghiệm", "11"), ("Đảng bộ tỉnh Khác", "5"), ("Cộng", "16"),
    ]
    path = tmp_path / "toan_quoc.xlsx"
    call_command("stats", "--year", "2023", "--all", "--format", "xlsx", "--output", str(path))
    from openpyxl import load_workbook

    ws = load_workbook(path)["02 Đảng viên"]
    assert [ws["A1"].value, ws["A2"].value] == ["BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN TỔ CHỨC"]
    assert any("các đảng bộ trực thuộc Trung ương" in str(c.value) for c in ws[6])


def test_r95_stats_command_for_a_year_without_campaigns_says_so_in_vietnamese(two_roots):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="Không có đợt đánh giá nào của năm 2031"):
        call_command("stats", "--year", "2031", "--all")
    with pytest.raises(CommandError):
        call_command("stats", "--year", "2023", "--all", "--org", "T")  # one scope or the other
