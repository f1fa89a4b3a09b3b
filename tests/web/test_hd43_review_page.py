"""The self-review page follows the HD43 form of each kind of subject under the QĐ366 rulesets (Hướng dẫn
43-HD/BTCTW mục 2.1 b: Mẫu 01 collectives, 2A leaders, 2B others, 2C party members not working in the
political system), with part B's points (R-58: general group …/30, task results …/70); the 2023 ruleset
keeps today's graded form."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def hd43(personas, client):
    from django.contrib.auth import get_user_model

    from xeploai.accounts.models import Role, RoleAssignment
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    P = personas
    P.campaign = campaign_create(year=2025, ruleset="qd366-2025", root=P.province)
    campaign_open(campaign=P.campaign)

    def member_user(username, person, cell):
        u = get_user_model().objects.create_user(username=username, password="pw")
        RoleAssignment.objects.create(user=u, role=Role.MEMBER, organization=cell, person=person)
        return u

    P.secretary_user = member_user("secretary_a1", P.secretary_a1, P.cell_a1)
    P.teacher_user = member_user("teacher_b1", P.teacher_b1, P.cell_b1)
    P.subject = lambda **kw: Subject.objects.get(campaign=P.campaign, **kw)
    return P


def _page(client, user, subject) -> str:
    client.force_login(user)
    response = client.get(reverse("campaigns:subject", args=[subject.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _submit_collectives(P, *organizations) -> None:
    """The collective reports the members' reviews wait for (S-13), submitted."""
    from xeploai.campaigns.models import Review, Subject

    for s in Subject.objects.filter(
        campaign=P.campaign, subject_type__in=("ORGANIZATION", "COLLECTIVE"), unit__in=organizations
    ):
        Review.objects.update_or_create(subject=s, defaults={"status": "SUBMITTED"})


def test_hd43_collective_report_page_is_mau_01_with_points_and_its_submission_sums_them(hd43, client):
    cell = hd43.subject(organization=hd43.cell_a1)
    html = _page(client, hd43.cell_a1_secretary, cell)
    assert 'data-form="01"' in html
    assert "Báo cáo kiểm điểm, tự đánh giá, xếp loại chất lượng của tập thể (Mẫu 01)" in html
    assert "Mẫu 01-HD KĐ.ĐG 2025" in html
    assert "Công tác xây dựng, chỉnh đốn Đảng; tinh gọn tổ chức bộ máy" in html  # section I's items
    assert 'id="review-responsibility"' in html  # V. for the collective
    assert 'name="general_points"' in html  # part B
    assert 'name="task_points"' in html
    assert 'name="score"' not in html  # no total typed: it is the sum
    assert "criterion_" not in html  # no grades

    response = client.post(
        reverse("campaigns:review_submit", args=[cell.pk]),
        {
            "strengths": "Hoàn thành 10/10 chỉ tiêu.",
            "limitations": "Sinh hoạt chưa đều.",
            "causes": "Chủ quan.",
            "responsibility": "Bí thư chịu trách nhiệm.",
            "general_points": "27",
            "task_points": "63,5",
            "self_party_level": "3",
        },
    )
    assert response.status_code in (200, 302)
    cell.written_review.refresh_from_db()
    review = cell.written_review
    assert (review.status, review.general_points, review.task_points, review.score) == (
        "SUBMITTED",
        27,
        63.5,
        90.5,
    )
    html = _page(client, hd43.cell_a1_secretary, cell)
    assert "Tổng điểm: 90,50/100" in html


def test_hd43_leader_page_is_mau_2a_with_section_v(hd43, client):
    _submit_collectives(hd43, hd43.cell_a1)
    html = _page(client, hd43.secretary_user, hd43.subject(person=hd43.secretary_a1))
    assert 'data-form="2A"' in html
    assert "(Cá nhân giữ chức vụ lãnh đạo, quản lý)" in html
    assert "Kết quả lãnh đạo, chỉ đạo, quản lý, điều hành" in html
    assert "V. Làm rõ trách nhiệm của cá nhân đối với những hạn chế, khuyết điểm của tập thể" in html
    assert 'name="general_points"' in html


def test_hd43_member_without_post_page_is_mau_2b_without_section_v(hd43, client):
    _submit_collectives(hd43, hd43.cell_a1)
    html = _page(client, hd43.cell_a1_member, hd43.subject(person=hd43.member_a1))
    assert 'data-form="2B"' in html
    assert "(Cá nhân không giữ chức vụ lãnh đạo, quản lý)" in html
    assert "Kết quả lãnh đạo, chỉ đạo" not in html
    assert 'id="review-responsibility"' not in html
    assert "V. Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm" in html
    assert 'name="task_points"' in html


def test_hd43_member_outside_the_political_system_page_is_mau_2c(hd43, client):
    _submit_collectives(hd43, hd43.cell_b1)
    html = _page(client, hd43.teacher_user, hd43.subject(person=hd43.teacher_b1))
    assert 'data-form="2C"' in html
    assert "Mẫu 2C-HD KĐ.ĐG 2025" in html
    assert "đảng viên không làm việc trong hệ thống chính trị" in html
    assert "các nhiệm vụ đột xuất và hoạt động ở địa phương" in html
    assert 'id="review-responsibility"' not in html
    assert 'id="review-self-state"' not in html  # a party level only


def test_2023_ruleset_keeps_the_graded_mau_02(personas, client):
    from xeploai.campaigns.models import Review, Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=personas.province)
    campaign_open(campaign=campaign)
    cell = Subject.objects.get(campaign=campaign, organization=personas.cell_a1)
    Review.objects.create(subject=cell, status="SUBMITTED")
    member = Subject.objects.get(campaign=campaign, person=personas.member_a1)
    html = _page(client, personas.cell_a1_member, member)
    assert "Bản kiểm điểm cá nhân (Mẫu 02)" in html
    assert 'name="criterion_politics"' in html
    assert 'name="general_points"' not in html


def test_r_102_hd43_form_shows_the_task_registers_points_beside_part_b(hd43, client):
    from datetime import date

    from xeploai.registry.task_register import Task
    from xeploai.rules.scoring import TaskQuality

    _submit_collectives(hd43, hd43.cell_a1)
    member = hd43.subject(person=hd43.member_a1)
    assert 'id="review-register-points"' not in _page(client, hd43.cell_a1_member, member)  # no task yet
    for month in (3, 6):  # two tasks due in 2025, done on time and as required
        Task.objects.create(
            person=hd43.member_a1,
            title="Việc",
            assigned_on=date(2025, 1, 2),
            due_on=date(2025, month, 20),
            done_on=date(2025, month, 10),
            quality=TaskQuality.MET,
        )
    html = _page(client, hd43.cell_a1_member, member)
    assert "Theo sổ theo dõi nhiệm vụ (2 nhiệm vụ đến hạn trong kỳ): 70/70 điểm." in html
