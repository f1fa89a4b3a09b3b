"""Opening a campaign: who is reviewed and classified, and why not (S-02, S-03, S-04, R-11)."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def subjects(province, run, csv_rows):  # noqa: ARG001 - province fills the registry
    run("open_campaign", year=2023, ruleset="kh181-2023")

    def by_code(**kw: object) -> dict[tuple[str, str], dict[str, str]]:
        return {
            (r["code"], r["subject_type"]): r
            for r in csv_rows(run("subjects", year=2023, format="csv", **kw))
        }

    return by_code


def test_subjects_csv_has_exactly_the_contract_columns(subjects, run):
    header = run("subjects", year=2023, format="csv").splitlines()[0]
    assert header == "code,subject_type,name,organization_code,review,classify,reasons,counted_to"


def test_s_03_exempt_suspended_and_new_members_are_excluded_with_their_reason(subjects):
    rows = subjects()
    for code, reason in (("P-EXE-A1", "EXEMPT"), ("P-SUS-A1", "SUSPENDED"), ("P-NEW-A1", "NEW_MEMBER")):
        row = rows[(code, "PARTY_MEMBER")]
        assert (row["review"], row["classify"], row["reasons"]) == ("0", "0", reason), code
    # The other members of the same cell are reviewed and classified, with no reason.
    plain = rows[("P-MEM-A1", "PARTY_MEMBER")]
    assert (plain["review"], plain["classify"], plain["reasons"]) == ("1", "1", "")
    assert plain["organization_code"] == "T.A.X1.C1"


def test_s_03_committee_member_suspended_from_committee_is_still_reviewed(subjects):
    row = subjects()[("P-CSU-A1", "PARTY_MEMBER")]
    assert (row["review"], row["classify"], row["reasons"]) == (
        "1",
        "1",
        "COMMITTEE_SUSPENDED_STILL_REVIEWED",
    )


def test_s_02_a_two_member_collective_is_not_reviewed(subjects):
    rows = subjects()
    small = rows[("COL-A1", "COLLECTIVE")]  # Chi ủy Chi bộ ấp 1: secretary + deputy
    assert (small["review"], small["classify"], small["reasons"]) == ("0", "0", "SMALL_COLLECTIVE")
    three = rows[("COL-X1", "COLLECTIVE")]  # Ban chấp hành Đảng bộ xã A1: 3 members
    assert (three["review"], three["classify"]) == ("1", "1")


def test_r_11_a_cell_founded_five_months_before_is_reviewed_not_classified(subjects):
    row = subjects()[("T.A.X1.C3", "ORGANIZATION")]  # founded 20/05/2023, counted to 15/10/2023
    assert (row["review"], row["classify"], row["reasons"]) == ("1", "0", "NEW_UNIT")


def test_s_04_counted_to_is_the_deadline_of_the_subjects_level(subjects):
    rows = subjects()
    # "trước ngày X" (S-10): counted to the day before the deadline, the last day a meeting can be held.
    assert rows[("P-MEM-A1", "PARTY_MEMBER")]["counted_to"] == "14/10/2023"  # grassroots, before 15/10
    assert rows[("T.A", "ORGANIZATION")]["counted_to"] == "29/11/2023"  # district, before 30/11
    assert rows[("T", "ORGANIZATION")]["counted_to"] == "14/12/2023"  # province, before 15/12


def test_s_04_an_edited_deadline_moves_the_counting_date(subjects, run, province):
    # Moving the grassroots deadline to 30/11 (counted to 29/11) makes the member admitted 01/06/2023 reach
    # six months? No: 01/06 + 6 months = 01/12; one admitted 15/05 reaches it (15/11 <= 29/11).
    from xeploai.campaigns.models import Deadline
    from xeploai.registry.models import Person

    Person.objects.filter(pk=province.new_a1.pk).update(admitted_on=date(2023, 5, 15))
    assert subjects()[("P-NEW-A1", "PARTY_MEMBER")]["reasons"] == "NEW_MEMBER"  # 15/05 → 15/11 > 15/10
    Deadline.objects.filter(tier="BELOW_GRASSROOTS").update(due_on=date(2023, 11, 30))
    run("open_campaign", year=2023, ruleset="kh181-2023")
    row = subjects()[("P-NEW-A1", "PARTY_MEMBER")]
    assert (row["classify"], row["reasons"], row["counted_to"]) == ("1", "", "29/11/2023")


def test_org_option_restricts_to_a_subtree(subjects):
    rows = subjects(org="T.B")
    assert {code for code, _ in rows} == {"T.B", "T.B.C1", "P-TEA-B1"}


def test_reopening_does_not_duplicate_and_keeps_ratings_and_overrides(subjects, run, province, rate):
    from xeploai.campaigns.models import Campaign, Override, Rating, Subject

    campaign = Campaign.objects.get(year=2023)
    count = Subject.objects.filter(campaign=campaign).count()
    rating = rate(campaign, province.member_a1, 2, stage="PROPOSED")
    Subject.objects.filter(campaign=campaign, person=province.new_a1).update(
        override=Override.INCLUDED, override_reason="Quyết định của Ban Thường vụ"
    )
    out = run("open_campaign", year=2023, ruleset="kh181-2023")
    assert "thêm 0" in out
    assert Subject.objects.filter(campaign=campaign).count() == count
    assert Rating.objects.get(pk=rating.pk).subject.person == province.member_a1
    new = Subject.objects.get(campaign=campaign, person=province.new_a1)
    assert new.override == Override.INCLUDED
    assert new.reasons == "NEW_MEMBER"


def test_reopening_refreshes_a_changed_subject_and_bumps_its_version(subjects, run, province):
    from xeploai.campaigns.models import Subject
    from xeploai.registry.models import StatusKind, StatusPeriod

    before = Subject.objects.get(person=province.member_a1, subject_type="PARTY_MEMBER")
    StatusPeriod.objects.create(person=province.member_a1, kind=StatusKind.EXEMPT, start=date(2023, 9, 1))
    out = run("open_campaign", year=2023, ruleset="kh181-2023")
    after = Subject.objects.get(pk=before.pk)
    assert "cập nhật 1" in out
    assert (after.classify, after.reasons, after.version) == (False, "EXEMPT", before.version + 1)


def test_open_campaign_prints_a_vietnamese_summary(province, run):
    out = run("open_campaign", year=2023, ruleset="kh181-2023")
    assert "Đảng viên: 11 / 8 / 8" in out  # total / reviewed / classified
    assert "Được miễn công tác và sinh hoạt đảng (EXEMPT): 1" in out
    assert "Tập thể dưới 03 thành viên (SMALL_COLLECTIVE): 1" in out


def test_campaign_create_prefills_the_plan_deadlines(province):
    from xeploai.campaigns.opening import campaign_create

    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=province.province)
    got = {(d.tier, d.kind): d.due_on for d in campaign.deadlines.all()}
    assert got == {
        ("BELOW_GRASSROOTS", "REVIEW_AND_REPORT"): date(2023, 10, 15),  # S-10
        ("GRASSROOTS", "REVIEW_AND_REPORT"): date(2023, 10, 15),
        ("DISTRICT", "REVIEW_AND_REPORT"): date(2023, 11, 30),
        ("PROVINCE", "DECISION"): date(2023, 12, 15),
        ("PROVINCE", "SELF_REVIEW"): date(2023, 12, 31),
        ("PROVINCE", "STATE_INPUTS"): date(2023, 11, 30),  # S-11
        ("PROVINCE", "SUPERVISOR_COMMENTS"): date(2023, 11, 30),  # S-12: in November
    }
    assert campaign.reference_date == date(2023, 12, 15)
    assert campaign.status == "DRAFT"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ruleset": "kh999"}, "Không có bộ quy tắc “kh999”"),
        ({"ruleset": "kh181-2023", "reference_date": "31/02/2023"}, "không phải là ngày hợp lệ"),
        ({"ruleset": "kh181-2023", "root": "NOPE"}, "Không có tổ chức mã “NOPE”"),
        ({"ruleset": "qd366-2025"}, "không áp dụng cho năm 2023"),
    ],
)
def test_open_campaign_bad_arguments_give_a_vietnamese_error(province, run, kwargs, message):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=message):
        run("open_campaign", year=2023, **kwargs)


def test_subjects_without_a_campaign_for_the_year_is_a_clear_error(province, run):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có đợt đánh giá nào của năm 2024"):
        run("subjects", year=2024, format="csv")


def test_subject_type_table_is_human_readable(subjects, run):
    out = run("subjects", year=2023, format="table", org="T.A.X1.C1")
    assert "Võ Văn Miễn" in out
    assert "Đảng viên" in out
    assert "Tổng cộng: 9 đối tượng." in out  # the cell, its chi ủy, 7 members


def test_campaign_open_uses_a_bounded_number_of_queries_whatever_the_number_of_people(province):
    """Work in sets (architecture.md): a handful of queries for the whole province, none per person."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xeploai.campaigns.opening import campaign_create, campaign_open
    from xeploai.registry.models import Discipline, Membership, Person, StatusPeriod

    def opened(year: int) -> tuple[int, int]:
        campaign = campaign_create(year=year, ruleset="qd366-2025", root=province.province)
        with CaptureQueriesContext(connection) as ctx:
            result = campaign_open(campaign=campaign)
        return len(ctx.captured_queries), result.created

    small_queries, small_created = opened(2025)
    cells = [province.cell_a1, province.cell_a2, province.cell_b1]
    for i in range(300):
        person = Person.objects.create(
            code=f"P-BULK-{i:03d}", full_name=f"Nguyễn Văn Số {i}", party_organization=cells[i % 3],
            admitted_on=date(2012, 1, 1), workplace=province.district_a_ubnd,
            civil_service_category="CIVIL_SERVANT",
        )  # fmt: skip
        StatusPeriod.objects.create(
            person=person, kind="SICK_LEAVE", start=date(2026, 2, 1), end=date(2026, 3, 1)
        )
        Discipline.objects.create(
            person=person, form="REPRIMAND", side="PARTY", decided_on=date(2026, 5, 1), violation_year=2026
        )
        if i % 50 == 0:
            Membership.objects.create(collective=province.commune_committee, person=person)
    large_queries, large_created = opened(2026)
    assert large_created >= small_created + 600  # each new person is a party member and a civil servant
    assert large_queries == small_queries
    assert large_queries <= 20
