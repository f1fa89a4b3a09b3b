"""Which form each subject writes (Hướng dẫn 43-HD/BTCTW mục 2.1 b for the QĐ366 rulesets) and part B's
points on the HD43 forms (R-58: general group …/30 + task results …/70 = total …/100)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def c2025(personas):
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    P = personas
    P.campaign = campaign_create(year=2025, ruleset="qd366-2025", root=P.province)
    campaign_open(campaign=P.campaign)
    P.subject = lambda **kw: Subject.objects.select_related("campaign", "person").get(
        campaign=P.campaign, **kw
    )
    return P


def _complete(**extra):
    data = {
        "strengths": "Hoàn thành các chỉ tiêu.",
        "limitations": "Sinh hoạt chưa đều.",
        "causes": "Chủ quan.",
        "responsibility": "Bí thư chịu trách nhiệm.",
        "self_party_level": 2,
    }
    return {**data, **extra}


def test_hd43_form_of_each_kind_of_subject(c2025):
    from xeploai.campaigns.review_forms import form_for
    from xeploai.registry.models import Person

    P = c2025
    assert form_for(P.subject(organization=P.cell_a1)).code == "01"
    assert form_for(P.subject(collective=P.cell_committee)).code == "01"
    assert form_for(P.subject(person=P.secretary_a1)).code == "2A"  # heads the cell committee
    assert form_for(P.subject(person=P.member_a1)).code == "2B"  # sits on the cell committee
    assert form_for(P.subject(person=P.member_a2)).code == "2B"  # works at the district's UBND
    assert form_for(P.subject(person=P.teacher_b1)).code == "2C"  # no post, no workplace, category "Không"
    Person.objects.filter(pk=P.teacher_b1.pk).update(civil_service_category="PUBLIC_EMPLOYEE")
    assert form_for(P.subject(person=P.teacher_b1)).code == "2B"  # a viên chức works in the system


def test_2023_ruleset_keeps_todays_forms(personas):
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open
    from xeploai.campaigns.review_forms import form_for

    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=personas.province)
    campaign_open(campaign=campaign)
    forms = {form_for(s).name for s in Subject.objects.filter(campaign=campaign).select_related("campaign")}
    assert forms == {"Mẫu 01-HD KĐ.ĐG 2019", "Mẫu 02A-HD KĐ.ĐG 2019"}


def test_r_58_hd43_total_is_the_sum_of_the_two_groups(c2025):
    from xeploai.campaigns.reviews import review_submit

    P = c2025
    review = review_submit(
        subject=P.subject(organization=P.cell_a1),
        by=P.cell_a1_secretary,
        data=_complete(general_points="28", task_points="61,5", score="99"),
    )
    assert (review.general_points, review.task_points, review.score) == (
        Decimal(28),
        Decimal("61.5"),
        Decimal("89.5"),
    )


def test_r_58_hd43_group_above_its_maximum_is_refused_naming_the_group(c2025):
    from xeploai.campaigns.reviews import review_save

    P = c2025
    with pytest.raises(ValidationError) as exc:
        review_save(
            subject=P.subject(organization=P.cell_a1),
            by=P.cell_a1_secretary,
            data=_complete(general_points="31", task_points="70"),
        )
    assert list(exc.value.message_dict) == ["general_points"]
    assert "Nhóm tiêu chí chung" in exc.value.message_dict["general_points"][0]
    assert "30" in exc.value.message_dict["general_points"][0]
    review = review_save(
        subject=P.subject(organization=P.cell_a1),
        by=P.cell_a1_secretary,
        data=_complete(general_points="30", task_points="70"),
    )
    assert review.score == 100


def test_r_58_hd43_one_group_scored_needs_the_other_on_submit(c2025):
    from xeploai.campaigns.reviews import review_submit

    P = c2025
    with pytest.raises(ValidationError) as exc:
        review_submit(
            subject=P.subject(organization=P.cell_a1),
            by=P.cell_a1_secretary,
            data=_complete(general_points="25"),
        )
    assert list(exc.value.message_dict) == ["task_points"]


def test_s_14_hd43_mau_2b_has_no_section_v_to_require(c2025):
    from xeploai.campaigns.reviews import responsibility_required

    P = c2025
    assert responsibility_required(P.subject(organization=P.cell_a1))  # Mẫu 01, section V
    assert responsibility_required(P.subject(person=P.secretary_a1))  # Mẫu 2A, section V
    assert not responsibility_required(P.subject(person=P.member_a2))  # Mẫu 2B: none


def test_r_58_hd43_points_through_the_api(c2025, client):
    """The API takes and returns part B's points as the page does; the total is their sum."""
    from xeploai.api.tokens import token_create

    P = c2025
    cell = P.subject(organization=P.cell_a1)
    secret = token_create(user=P.cell_a1_secretary, by=P.cell_a1_secretary, name="test")[1]
    response = client.post(
        f"/api/subjects/{cell.pk}/review/submit",
        data=_complete(general_points="26", task_points="62.5"),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (Decimal(body["general_points"]), Decimal(body["task_points"]), Decimal(body["score"])) == (
        Decimal(26),
        Decimal("62.5"),
        Decimal("88.5"),
    )


def _form_period(client, user, subject) -> str:
    from django.urls import reverse

    client.force_login(user)
    page = client.get(reverse("campaigns:subject", args=[subject.pk])).content.decode()
    start = page.index('id="review-period"')
    return page[start : page.index("</p>", start)]


def test_r_100_hd43_form_page_of_a_quarter_says_quy_and_year(personas, client):
    """HD43's quarterly self-evaluation is "Bản tự đánh giá, xếp loại của cá nhân Quý …, năm …"; the
    yearly form keeps "Năm …"."""
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    P = personas
    q1 = campaign_create(year=2026, quarter=1, ruleset="qd366-2025", root=P.province)
    campaign_open(campaign=q1)
    year = campaign_create(year=2025, ruleset="qd366-2025", root=P.province)
    campaign_open(campaign=year)
    in_q1 = Subject.objects.get(campaign=q1, person=P.secretary_a1, subject_type="PARTY_MEMBER")
    in_year = Subject.objects.get(campaign=year, person=P.secretary_a1, subject_type="PARTY_MEMBER")
    quarter_line = _form_period(client, P.district_a_officer, in_q1)
    assert "Quý I năm 2026" in quarter_line
    year_line = _form_period(client, P.district_a_officer, in_year)
    assert "Năm 2025" in year_line
    assert "Quý" not in year_line
