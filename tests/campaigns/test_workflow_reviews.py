"""Reviews, evidence, opinions and ballots (S-13, S-14, S-15, S-12, S-16, R-82, R-83), through the services.

The personas province (tests/conftest.py, tests/campaigns/conftest.py) with the 2023 campaign opened;
users are added here for the roles the personas lack.
"""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db

GOOD_GRADES = {"criterion_principles": 2, "criterion_targets": 2, "criterion_party_building": 2,
               "criterion_responsibility": 2}  # fmt: skip
MEMBER_GRADES = {"criterion_politics": 3, "criterion_duties": 2, "criterion_pledge": 2}


def _complete(**extra):
    data = {
        "strengths": "Lãnh đạo hoàn thành các chỉ tiêu.",
        "limitations": "Sinh hoạt chưa đều.",
        "causes": "Chủ quan: chưa sâu sát.",
        "responsibility": "Bí thư chịu trách nhiệm chính.",
        "direction": "Duy trì sinh hoạt định kỳ.",
        "self_party_level": 2,
    }
    data.update(extra)
    return data


@pytest.fixture
def wf(province):
    from django.contrib.auth import get_user_model

    from xeploai.accounts.models import Role, RoleAssignment
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    P = province
    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=P.province)
    campaign_open(campaign=campaign)
    User = get_user_model()

    def user(name, role, at, person=None):
        u = User.objects.create_user(username=name, password="pw")
        RoleAssignment.objects.create(user=u, role=role, organization=at, person=person)
        return u

    def subject(**kw):
        return Subject.objects.select_related("campaign", "person__workplace").get(campaign=campaign, **kw)

    return SimpleNamespace(
        **vars(P),
        campaign=campaign,
        cell_subject=subject(organization=P.cell_a1),
        member_subject=subject(person=P.member_a1, subject_type="PARTY_MEMBER"),
        member_a2_subject=subject(person=P.member_a2, subject_type="PARTY_MEMBER"),
        leader_subject=subject(person=P.commune_secretary, subject_type="LEADER"),
        commune_committee_subject=subject(collective=P.commune_committee),
        leader_user=user("commune_secretary", Role.MEMBER, P.cell_a2, P.commune_secretary),
        supervisor=user("supervisor_a", Role.SUPERVISOR, P.district_a),
        advisory=user("advisory_a", Role.ADVISORY_AGENCY, P.district_a),
        ubnd_officer=user("ubnd_a_officer", Role.COMMITTEE_OFFICER, P.district_a_ubnd),
        user=user,
    )


def test_s_13_member_review_blocked_until_the_collective_review_is_submitted(wf):
    from xeploai.campaigns.reviews import review_save, review_submit

    with pytest.raises(ValidationError) as exc:
        review_save(subject=wf.member_subject, by=wf.cell_a1_member, data=_complete(**MEMBER_GRADES))
    assert "tập thể trước, cá nhân sau" in str(exc.value)  # S-13
    assert "Chi bộ ấp 1" in str(exc.value)

    review_submit(subject=wf.cell_subject, by=wf.cell_a1_secretary, data=_complete(**GOOD_GRADES))
    review = review_submit(subject=wf.member_subject, by=wf.cell_a1_member, data=_complete(**MEMBER_GRADES))
    assert review.status == "SUBMITTED"


def test_s_13_leader_waits_for_the_collective_he_belongs_to(wf):
    from xeploai.campaigns.reviews import review_submit

    leader_data = _complete(
        **MEMBER_GRADES, criterion_leadership=2, criterion_initiative=2, criterion_example=2
    )
    with pytest.raises(ValidationError, match="Ban chấp hành Đảng bộ xã A1"):
        review_submit(subject=wf.leader_subject, by=wf.leader_user, data=leader_data)
    review_submit(
        subject=wf.commune_committee_subject, by=wf.district_a_officer, data=_complete(**GOOD_GRADES)
    )
    assert review_submit(subject=wf.leader_subject, by=wf.leader_user, data=leader_data).status == "SUBMITTED"


@pytest.mark.parametrize("empty", ["limitations", "causes", "responsibility"])
def test_s_14_collective_report_with_an_empty_section_is_refused(wf, empty):
    from xeploai.campaigns.models import Review
    from xeploai.campaigns.reviews import review_submit

    with pytest.raises(ValidationError) as exc:
        review_submit(
            subject=wf.cell_subject, by=wf.cell_a1_secretary, data=_complete(**GOOD_GRADES, **{empty: " "})
        )
    assert empty in exc.value.message_dict
    assert "không được để trống" in exc.value.message_dict[empty][0]  # S-14
    assert not Review.objects.filter(subject=wf.cell_subject, status="SUBMITTED").exists()


def test_s_14_leader_self_review_needs_the_responsibility_section(wf):
    from xeploai.campaigns.reviews import criteria_for, review_submit

    review_submit(
        subject=wf.commune_committee_subject, by=wf.district_a_officer, data=_complete(**GOOD_GRADES)
    )
    assert {"leadership", "initiative", "example"} <= {c.code for c in criteria_for(wf.leader_subject)}
    data = _complete(**MEMBER_GRADES, criterion_leadership=2, criterion_initiative=2, criterion_example=2)
    data["responsibility"] = ""
    with pytest.raises(ValidationError) as exc:
        review_submit(subject=wf.leader_subject, by=wf.leader_user, data=data)
    assert list(exc.value.message_dict) == ["responsibility"]


def test_s_14_plain_member_does_not_need_the_responsibility_section(wf):
    from xeploai.campaigns.reviews import review_submit

    review_submit(subject=wf.cell_subject, by=wf.cell_a1_secretary, data=_complete(**GOOD_GRADES))
    data = _complete(**MEMBER_GRADES, responsibility="")
    assert review_submit(subject=wf.member_subject, by=wf.cell_a1_member, data=data).status == "SUBMITTED"


def test_review_grades_every_criterion_and_submit_writes_the_self_rating(wf):
    from xeploai.campaigns.models import Rating
    from xeploai.campaigns.reviews import review_submit

    data = _complete(**GOOD_GRADES)
    del data["criterion_targets"]
    with pytest.raises(ValidationError) as exc:
        review_submit(subject=wf.cell_subject, by=wf.cell_a1_secretary, data=data)
    assert list(exc.value.message_dict) == ["criterion_targets"]
    review_submit(subject=wf.cell_subject, by=wf.cell_a1_secretary, data=_complete(**GOOD_GRADES))
    (self_rating,) = Rating.objects.filter(subject=wf.cell_subject, stage="SELF")
    assert self_rating.level == 2
    assert self_rating.author == wf.cell_a1_secretary


def test_r_58_points_ruleset_asks_for_a_score_not_grades(wf, monkeypatch):
    from xeploai.campaigns import reviews
    from xeploai.rules import QD366_2025

    monkeypatch.setattr(reviews, "ruleset_of", lambda campaign: QD366_2025)
    data = _complete()  # no grades at all
    with pytest.raises(ValidationError) as exc:
        reviews.review_submit(subject=wf.cell_subject, by=wf.cell_a1_secretary, data=data)
    assert list(exc.value.message_dict) == ["score"]
    assert "thang 100 điểm" in exc.value.message_dict["score"][0]
    review = reviews.review_submit(
        subject=wf.cell_subject, by=wf.cell_a1_secretary, data={**data, "score": "92,5"}
    )
    assert str(review.score) == "92.50"


def test_state_side_self_level_for_a_civil_servant(wf):
    from xeploai.campaigns.models import Rating, Subject
    from xeploai.campaigns.opening import campaign_open
    from xeploai.campaigns.reviews import review_submit

    wf.member_a2.civil_service_category = "CIVIL_SERVANT"
    wf.member_a2.save()
    campaign_open(campaign=wf.campaign)
    me = wf.user("member_a2", "MEMBER", wf.cell_a2, wf.member_a2)
    party = Subject.objects.get(campaign=wf.campaign, person=wf.member_a2, subject_type="PARTY_MEMBER")
    state = Subject.objects.get(campaign=wf.campaign, person=wf.member_a2, subject_type="CIVIL_SERVANT")
    cell_a2 = Subject.objects.get(campaign=wf.campaign, organization=wf.cell_a2)
    review_submit(subject=cell_a2, by=wf.district_a_officer, data=_complete(**GOOD_GRADES))
    review_submit(
        subject=wf.commune_committee_subject, by=wf.district_a_officer, data=_complete(**GOOD_GRADES)
    )
    with pytest.raises(ValidationError) as exc:
        review_submit(subject=party, by=me, data=_complete(**MEMBER_GRADES))
    assert list(exc.value.message_dict) == ["self_state_level"]
    review_submit(subject=party, by=me, data=_complete(**MEMBER_GRADES, self_state_level=3))
    assert Rating.objects.get(subject=party, stage="SELF").level == 2
    assert Rating.objects.get(subject=state, stage="SELF").level == 3


def test_someone_else_cannot_write_a_members_review(wf):
    from xeploai.campaigns.reviews import review_save

    with pytest.raises(ValidationError, match="không có quyền"):
        review_save(subject=wf.member_subject, by=wf.cell_a1_secretary, data=_complete())


def test_submitted_review_is_not_edited_again(wf):
    from xeploai.campaigns.reviews import review_save, review_submit

    review_submit(subject=wf.cell_subject, by=wf.cell_a1_secretary, data=_complete(**GOOD_GRADES))
    with pytest.raises(ValidationError, match="đã nộp"):
        review_save(subject=wf.cell_subject, by=wf.cell_a1_secretary, data=_complete(limitations="khác"))


# --- evidence -------------------------------------------------------------------------------------------


def test_evidence_within_limits_is_stored_under_media_root(wf, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from xeploai.campaigns.reviews import evidence_add

    settings.MEDIA_ROOT = tmp_path
    f = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    ev = evidence_add(subject=wf.cell_subject, by=wf.cell_a1_secretary, title="Nghị quyết chi bộ", file=f)
    assert (tmp_path / ev.file.name).read_bytes() == b"%PDF-1.4 ..."
    assert ev.file.name.startswith(f"campaigns/{wf.campaign.pk}/{wf.cell_subject.pk}/")


def test_evidence_of_a_wrong_type_or_too_big_is_refused(wf, settings, tmp_path, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from xeploai.campaigns import reviews
    from xeploai.campaigns.models import Evidence

    settings.MEDIA_ROOT = tmp_path
    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError, match="virus.exe"):
        reviews.evidence_add(subject=wf.cell_subject, by=wf.cell_a1_secretary, title="x", file=exe)
    monkeypatch.setattr(reviews, "EVIDENCE_MAX_BYTES", 10)
    big = SimpleUploadedFile("a.pdf", b"x" * 11, content_type="application/pdf")
    with pytest.raises(ValidationError, match="a.pdf"):
        reviews.evidence_add(subject=wf.cell_subject, by=wf.cell_a1_secretary, title="x", file=big)
    assert not Evidence.objects.exists()
    assert not list(tmp_path.rglob("*.*"))


# --- opinions (S-12, S-15, S-16, R-82) -------------------------------------------------------------------

SOURCES = ["CELL_COMMITTEE", "RESIDENCE", "AGENCY_HEAD", "ADVISORY", "SUPERVISOR", "PEOPLES_COMMITTEE",
           "MASS_ORGANIZATION"]  # fmt: skip
# who → the sources it may write on member_a2 (cell_a2, works at the district A People's Committee)
OPINION_TABLE = [
    ("cell_a1_secretary", set()),  # another cell
    ("district_a_officer", {"RESIDENCE"}),
    ("ubnd_officer", {"AGENCY_HEAD", "PEOPLES_COMMITTEE"}),
    ("advisory", {"ADVISORY"}),
    ("supervisor", {"SUPERVISOR"}),
    ("cell_a1_member", set()),
    ("district_b_officer", set()),
]


@pytest.mark.parametrize(("who", "allowed"), OPINION_TABLE)
def test_r_82_each_opinion_source_writes_only_its_own(wf, who, allowed):
    from xeploai.campaigns.decisions import opinion_add
    from xeploai.campaigns.models import Opinion

    user = getattr(wf, who)
    for source in SOURCES:
        if source in allowed:
            opinion_add(subject=wf.member_a2_subject, by=user, source=source, text="Ý kiến", proposed_level=2)
        else:
            with pytest.raises(ValidationError):
                opinion_add(subject=wf.member_a2_subject, by=user, source=source, text="Ý kiến")
    assert set(Opinion.objects.values_list("source", flat=True)) == allowed


def test_s_12_cell_secretary_writes_the_cell_committee_opinion_on_its_member(wf):
    from xeploai.campaigns.decisions import opinion_add

    op = opinion_add(subject=wf.member_subject, by=wf.cell_a1_secretary, source="CELL_COMMITTEE", text="Tốt")
    assert op.author == wf.cell_a1_secretary
    with pytest.raises(ValidationError):
        opinion_add(subject=wf.member_subject, by=wf.cell_a1_secretary, source="SUPERVISOR", text="Tốt")


# --- ballots (R-83) -------------------------------------------------------------------------------------


def test_r_83_ballot_is_off_in_kh181_2023(wf):
    from xeploai.campaigns.decisions import ballot_record
    from xeploai.campaigns.models import Ballot

    with pytest.raises(ValidationError, match="không có bước biểu quyết"):
        ballot_record(subject=wf.member_subject, by=wf.cell_a1_secretary, votes={3: 5}, present=6, eligible=7)
    assert not Ballot.objects.exists()


@pytest.fixture
def ballot_on(monkeypatch):
    from xeploai.campaigns import checking, decisions
    from xeploai.rules import KH181_2023

    rs = dataclasses.replace(KH181_2023, ballot_step=True)
    monkeypatch.setattr(decisions, "ruleset_of", lambda campaign: rs)
    monkeypatch.setattr(checking, "ruleset_of", lambda campaign: rs)
    return rs


def test_r_83_ballot_on_stores_counts_only_and_checks_the_proposal(wf, ballot_on):
    from xeploai.campaigns.decisions import ballot_record, rating_record
    from xeploai.campaigns.models import Ballot

    s = wf.member_subject
    with pytest.raises(ValidationError, match="yêu cầu chi bộ biểu quyết"):  # no tally yet
        rating_record(
            subject=s, stage="PROPOSED", level=3, by=wf.cell_a1_secretary, based_on_version=s.state_version
        )
    with pytest.raises(ValidationError, match="lớn hơn số đảng viên có mặt"):
        ballot_record(subject=s, by=wf.cell_a1_secretary, votes={3: 5, 2: 3}, present=6, eligible=9)
    ballot_record(subject=s, by=wf.cell_a1_secretary, votes={3: 5, 2: 1}, present=6, eligible=9)
    fields = {f.name for f in Ballot._meta.fields}
    assert not {"voter", "person", "user_votes"} & fields
    s.refresh_from_db()
    with pytest.raises(ValidationError, match="R-83"):  # 5 of 9 full members: under 2/3 for HTXS
        rating_record(
            subject=s, stage="PROPOSED", level=3, by=wf.cell_a1_secretary, based_on_version=s.state_version
        )
    ballot_record(subject=s, by=wf.cell_a1_secretary, votes={3: 6}, present=6, eligible=9)
    s.refresh_from_db()
    rating = rating_record(
        subject=s, stage="PROPOSED", level=3, by=wf.cell_a1_secretary, based_on_version=s.state_version,
        justification="Vượt tỷ lệ: thành tích đột xuất.",  # alone at HTXS in the scope
    )  # fmt: skip
    assert rating.level == 3


def test_r_30_self_proposed_htxs_with_the_duties_criterion_only_good_gets_the_finding(wf):
    """R-30(2): HTXS needs the result criteria (duties; leadership for leaders) "Xuất sắc", the others
    "Tốt". A member who grades duties "Tốt" and proposes HTXS for himself gets the finding on his SELF
    rating, and check_ratings shows the cap; grading duties "Xuất sắc" leaves no such finding."""
    from xeploai.campaigns.checking import ratings_check
    from xeploai.campaigns.models import Rating
    from xeploai.campaigns.reviews import review_submit

    review_submit(subject=wf.cell_subject, by=wf.cell_a1_secretary, data=_complete(**GOOD_GRADES))
    review_submit(
        subject=wf.member_subject, by=wf.cell_a1_member, data=_complete(**MEMBER_GRADES, self_party_level=3)
    )
    (rating,) = Rating.objects.filter(subject=wf.member_subject, stage="SELF")
    assert "R-30" in [f["rule_id"] for f in rating.findings]
    rows = ratings_check(campaign=wf.campaign, stage="SELF")
    row = next(r for r in rows if r.subject_id == wf.member_subject.pk)
    assert row.max_level == 2  # HTT: the duties criterion is only "Tốt"

    from xeploai.campaigns.models import Subject

    other = Subject.objects.get(campaign=wf.campaign, person=wf.sick_a1, subject_type="PARTY_MEMBER")
    other_user = wf.user("sick_a1", "MEMBER", wf.cell_a1, wf.sick_a1)
    excellent = {**MEMBER_GRADES, "criterion_duties": 3}
    review_submit(subject=other, by=other_user, data=_complete(**excellent, self_party_level=3))
    (rating,) = Rating.objects.filter(subject=other, stage="SELF")
    assert "R-30" not in [f["rule_id"] for f in rating.findings]


def test_r_34_party_building_is_a_result_criterion_of_an_organization(wf):
    """R-34(2), R-38(2): the criteria on results of party building and of leading the political task must
    be "Xuất sắc" for HTXS. A cell that grades every criterion "Xuất sắc" but party building "Tốt" and
    proposes HTXS gets the finding (as a criterion of the other group, "Tốt" would pass)."""
    from xeploai.campaigns.facts import self_grades
    from xeploai.campaigns.models import Rating
    from xeploai.campaigns.reviews import review_submit

    grades = {**GOOD_GRADES, "criterion_principles": 3, "criterion_targets": 3, "criterion_responsibility": 3}
    review_submit(
        subject=wf.cell_subject, by=wf.cell_a1_secretary, data=_complete(**grades, self_party_level=3)
    )
    (rating,) = Rating.objects.filter(subject=wf.cell_subject, stage="SELF")
    assert "R-34" in [f["rule_id"] for f in rating.findings]
    graded = dict(self_grades(wf.campaign))[wf.cell_subject.pk]
    assert sum(1 for _g, is_result in graded if is_result) == 2  # targets and party building
