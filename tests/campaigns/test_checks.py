"""check_ratings: caps and linkage (R-13, R-62), quota (R-50) and both rulesets through the commands."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(province, run):  # noqa: ARG001
    from xeploai.campaigns.models import Campaign

    run("open_campaign", year=2023, ruleset="kh181-2023")
    return Campaign.objects.get(year=2023)


def _rows(run, csv_rows, **kw):
    return {
        (r["code"], r["stage"], r["level"]): r
        for r in csv_rows(run("check_ratings", year=2023, format="csv", **kw))
    }


def test_check_ratings_csv_has_exactly_the_contract_columns(campaign, run, rate, province):
    rate(campaign, province.member_a1, 2)
    assert (
        run("check_ratings", year=2023, format="csv").splitlines()[0]
        == "code,subject_type,stage,level,max_level,rule_ids,message"
    )


def test_check_ratings_csv_tells_the_two_roles_of_one_person_apart(campaign, run, rate, province, csv_rows):
    """A leader who is also a party member has two subjects with one code: subject_type tells them apart."""
    leader = campaign.subjects.filter(subject_type="LEADER").select_related("person").first()
    assert campaign.subjects.filter(person=leader.person, subject_type="PARTY_MEMBER").exists()
    rate(campaign, leader.person, 2)
    rate(campaign, leader.person, 2, role="LEADER")
    code = leader.person.code
    rows = [r for r in csv_rows(run("check_ratings", year=2023, format="csv")) if r["code"] == code]
    assert sorted(r["subject_type"] for r in rows) == ["LEADER", "PARTY_MEMBER"]


def test_r_13_decided_htxs_after_four_months_sick_leave_is_capped_at_htnv(
    campaign, run, rate, province, csv_rows
):
    rate(campaign, province.sick_a1, 3)  # HTXS decided; sick leave 01/02–31/05/2023 = 120 days
    rate(campaign, province.member_a1, 3)  # the same decision without leave: no cap
    rows = _rows(run, csv_rows)
    sick = rows[("P-SIC-A1", "DECIDED", "HTXS")]
    assert sick["max_level"] == "HTNV"
    assert "R-13" in sick["rule_ids"].split(";")
    assert "Nghỉ ốm 120 ngày" in sick["message"]
    well = rows[("P-MEM-A1", "DECIDED", "HTXS")]
    assert well["max_level"] == "HTXS"
    assert well["rule_ids"] == "R-50"  # alone at HTXS with nobody at HTT: over the 20 % quota, no cap


def test_r_13_no_cap_below_three_months(campaign, run, rate, province, csv_rows):
    from xeploai.registry.models import StatusPeriod

    # R-13 "03 tháng" is three calendar months: 01/02..30/04 (89 days) is three months, to 29/04 is not.
    StatusPeriod.objects.filter(person=province.sick_a1).update(end=date(2023, 4, 29))
    rate(campaign, province.sick_a1, 3)
    assert _rows(run, csv_rows)[("P-SIC-A1", "DECIDED", "HTXS")]["max_level"] == "HTXS"


def test_r_62_head_above_the_collective_he_heads_is_capped(campaign, run, rate, province, csv_rows):
    rate(campaign, province.commune_committee, 1)  # the commune executive committee: HTNV
    rate(campaign, province.commune_secretary, 2, role="LEADER")  # its head proposed HTT
    row = _rows(run, csv_rows)[("P-SEC-X1", "DECIDED", "HTT")]
    assert row["max_level"] == "HTNV"
    assert row["rule_ids"] == "R-62"


def test_r_62_head_equal_to_the_unit_passes(campaign, rate, province):
    from xeploai.campaigns.checking import ratings_check

    rate(campaign, province.commune_committee, 1)
    rate(campaign, province.commune_secretary, 1, role="LEADER")
    (row,) = [r for r in ratings_check(campaign=campaign) if r.code == "P-SEC-X1"]
    assert row.max_level == 1
    assert not row.blocking  # the R-62 cap is reported, but the decision does not exceed it


def test_r_50_over_quota_with_the_worked_example_numbers(campaign, run, province, csv_rows):
    """regulations.md §4: 7 HTXS candidates and 20 HTT in one grassroots organization → at most 4 HTXS."""
    from xeploai.campaigns.checking import ratings_check
    from xeploai.campaigns.models import Rating, Subject
    from xeploai.campaigns.opening import campaign_open
    from xeploai.registry.models import Person

    for i in range(26):  # cell_b1 (chi bộ cơ sở) already has teacher_b1: 27 members
        Person.objects.create(
            code=f"P-B1-{i:02d}", full_name=f"Nguyễn Văn Thử {i}", party_organization=province.cell_b1,
            admitted_on=date(2015, 1, 1),
        )  # fmt: skip
    campaign_open(campaign=campaign)
    members = Subject.objects.filter(campaign=campaign, unit=province.cell_b1, subject_type="PARTY_MEMBER")
    assert members.count() == 27
    for i, subject in enumerate(members.order_by("pk")):
        Rating.objects.create(subject=subject, stage="PROPOSED", level=3 if i < 7 else 2, based_on_version=1)

    rows = [r for r in ratings_check(campaign=campaign, stage="PROPOSED") if r.level == 3]
    assert len(rows) == 7
    for row in rows:
        (quota,) = [f for f in row.findings if f.rule_id == "R-50"]
        assert quota.code == "quota.over"
        assert (quota.params["candidates"], quota.params["good"]) == (7, 20)
        assert (quota.params["max_excellent"], quota.params["over"]) == (4, 3)
    csv = [
        r
        for r in csv_rows(run("check_ratings", year=2023, format="csv", stage="PROPOSED"))
        if r["level"] == "HTXS"
    ]
    assert {r["rule_ids"] for r in csv} == {"R-50"}
    assert "tối đa 4" in csv[0]["message"]


def test_r_50_within_quota_is_not_flagged(campaign, province):
    from xeploai.campaigns.checking import ratings_check
    from xeploai.campaigns.models import Rating, Subject

    subject = Subject.objects.get(campaign=campaign, person=province.teacher_b1, subject_type="PARTY_MEMBER")
    Rating.objects.create(subject=subject, stage="PROPOSED", level=3, based_on_version=1)
    (row,) = ratings_check(campaign=campaign, stage="PROPOSED")
    assert [f.rule_id for f in row.findings] == ["R-50"]  # 1 candidate, 0 at HTT: floor(0.2 × 0) = 0
    assert row.findings[0].params["max_excellent"] == 0


def test_the_latest_row_of_a_stage_is_the_current_level(campaign, run, rate, province, csv_rows):
    rate(campaign, province.sick_a1, 3)
    rate(campaign, province.sick_a1, 1)  # a later decision replaces the earlier one; both rows are kept
    rows = _rows(run, csv_rows)
    assert ("P-SIC-A1", "DECIDED", "HTNV") in rows
    assert ("P-SIC-A1", "DECIDED", "HTXS") not in rows


def test_qd366_2025_runs_through_the_commands(province, run, csv_rows):
    from xeploai.campaigns.models import Campaign, Rating, Subject

    out = run("open_campaign", year=2025, ruleset="qd366-2025")
    assert "qd366-2025" in out
    subjects = {(r["code"], r["subject_type"]): r for r in csv_rows(run("subjects", year=2025, format="csv"))}
    # the same exclusions, cited from QĐ366; no minimum collective size (S-02 is a 2023 plan rule).
    assert subjects[("P-EXE-A1", "PARTY_MEMBER")]["reasons"] == "EXEMPT"
    assert subjects[("COL-A1", "COLLECTIVE")]["review"] == "1"
    campaign = Campaign.objects.get(year=2025)
    subject = Subject.objects.get(campaign=campaign, person=province.member_a1, subject_type="PARTY_MEMBER")
    Rating.objects.create(subject=subject, stage="DECIDED", level=3, score=85, based_on_version=1)
    (row,) = csv_rows(run("check_ratings", year=2025, format="csv"))
    assert (row["code"], row["level"], row["max_level"]) == ("P-MEM-A1", "HTXS", "HTT")  # 70 ≤ 85 < 90
    assert row["rule_ids"].split(";")[0] == "R-58"


def test_check_ratings_without_a_campaign_is_a_clear_error(province, run):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có đợt đánh giá nào của năm 2023"):
        run("check_ratings", year=2023, format="csv")


def test_ratings_cannot_be_updated_or_deleted(campaign, rate, province):
    from django.core.exceptions import ValidationError

    from xeploai.campaigns.models import Rating

    rating = rate(campaign, province.member_a1, 2)
    rating.level = 3
    with pytest.raises(ValidationError):
        rating.save()
    with pytest.raises(ValidationError):
        rating.delete()
    with pytest.raises(ValidationError):
        Rating.objects.filter(pk=rating.pk).update(level=3)
    assert Rating.objects.get(pk=rating.pk).level == 2


def test_r_104_a_later_discipline_counts_at_the_current_review_under_qd366(province, run, csv_rows):
    """R-104 (QĐ366 Art. 11 note (1), ruleset qd366-2025): a reprimand decided in 2025 for a 2024 violation
    counts in the 2025 classification; one decided in 2026 for a 2025 violation does not count in 2025
    (QĐ124's R-73 re-examined the violation's year instead)."""
    from xeploai.campaigns.models import Campaign, Rating, Subject
    from xeploai.registry.models import Discipline

    def discipline(person, decided_on, year):  # noqa: ANN001
        Discipline.objects.create(
            person=person, form="REPRIMAND", side="PARTY", decided_on=decided_on, violation_year=year
        )

    discipline(province.member_a1, date(2026, 3, 2), 2025)  # violation of 2025, decided next year
    discipline(province.member_a2, date(2025, 3, 2), 2024)  # violation of 2024, decided this year
    run("open_campaign", year=2025, ruleset="qd366-2025")
    campaign = Campaign.objects.get(year=2025)
    for person in (province.member_a1, province.member_a2):
        subject = Subject.objects.get(campaign=campaign, person=person, subject_type="PARTY_MEMBER")
        Rating.objects.create(subject=subject, stage="DECIDED", level=2, score=80, based_on_version=1)
    rows = {r["code"]: r for r in csv_rows(run("check_ratings", year=2025, format="csv"))}
    later = rows[province.member_a1.code]
    assert later["max_level"] == "HTT"  # the score's band only: decided in 2026, counted then
    assert "R-104" not in later["rule_ids"].split(";")
    earlier = rows[province.member_a2.code]
    assert earlier["max_level"] == "KHTNV"
    assert "R-104" in earlier["rule_ids"].split(";")
