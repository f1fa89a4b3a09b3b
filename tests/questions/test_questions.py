"""S-17 questions channel: who reads, who answers, outsiders 404, forged POSTs refused, every step audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from xeploai.audit.chain import verify_chain
from xeploai.audit.models import AuditEvent
from xeploai.questions.models import Answer, Question, QuestionStatus
from xeploai.questions.services import question_answer, question_ask, question_close

pytestmark = pytest.mark.urls("questions_test_urls")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def cell_question(channel):
    """Chi bộ ấp 1 asks upward."""
    return question_ask(
        campaign=channel.campaign,
        organization=channel.cell_a1,
        asker=channel.cell_a1_secretary,
        title="Đảng viên miễn sinh hoạt có phải kiểm điểm?",
        body="Chi bộ có một đảng viên miễn sinh hoạt từ tháng 8.",
    )


@pytest.fixture
def district_question(channel):
    """Đảng bộ huyện A asks upward."""
    return question_ask(
        campaign=channel.campaign,
        organization=channel.district_a,
        asker=channel.district_a_officer,
        title="Thời hạn báo cáo cấp huyện",
        body="Xin hướng dẫn thời hạn gửi báo cáo tổng hợp.",
    )


def login(client, user):
    client.force_login(user)
    return client


# (user, thread status, may answer): S-17 readers inside the asking subtree or commission/standing above.
CELL_MATRIX = [
    ("cell_a1_secretary", 200, False),
    ("cell_a1_member", 200, False),  # inside the asking organization's subtree: reads
    ("district_a_commission", 200, True),  # Organization Commission above: reads and answers
    ("province_officer", 200, True),
    ("superuser", 200, True),
    ("district_a_officer", 404, False),  # above, but not the Organization Commission / Standing Committee
    ("province_clerk", 404, False),
    ("district_b_officer", 404, False),  # outsider
]


@pytest.mark.parametrize(("user", "status", "may_answer"), CELL_MATRIX)
def test_s17_who_reads_and_answers_a_cell_question(client, channel, cell_question, user, status, may_answer):
    c = login(client, getattr(channel, user))
    response = c.get(reverse("questions:thread", args=[cell_question.pk]))
    assert response.status_code == status
    listed = c.get(reverse("questions:list")).content.decode()
    assert (cell_question.title in listed) is (status == 200)
    post = c.post(reverse("questions:answer", args=[cell_question.pk]), {"body": "Trả lời thử."})
    expected = 302 if may_answer else (403 if status == 200 else 404)
    assert post.status_code == expected
    assert Answer.objects.filter(question=cell_question).exists() is may_answer


def test_s17_lower_units_read_the_district_question_but_the_same_level_does_not_answer(
    client, channel, district_question
):
    # The cell secretary's role lies inside district A's subtree: reads.
    c = login(client, channel.cell_a1_secretary)
    assert c.get(reverse("questions:thread", args=[district_question.pk])).status_code == 200
    # District A's own Organization Commission reads (inside) but is not above the asker: no answer.
    c = login(client, channel.district_a_commission)
    assert c.get(reverse("questions:thread", args=[district_question.pk])).status_code == 200
    assert c.post(reverse("questions:answer", args=[district_question.pk]), {"body": "x"}).status_code == 403
    # The province's Organization Commission answers.
    c = login(client, channel.province_officer)
    assert (
        c.post(
            reverse("questions:answer", args=[district_question.pk]), {"body": "Trước 30/11/2023."}
        ).status_code
        == 302
    )
    district_question.refresh_from_db()
    assert district_question.status == QuestionStatus.ANSWERED


def test_anonymous_is_sent_to_login(client, cell_question):
    response = client.get(reverse("questions:thread", args=[cell_question.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_ask_through_the_page(client, channel):
    c = login(client, channel.cell_a1_secretary)
    form = c.get(reverse("questions:ask"))
    assert form.status_code == 200
    assert "Đảng bộ huyện B" not in form.content.decode()  # only the user's own organizations are offered
    response = c.post(
        reverse("questions:ask"),
        {
            "campaign": channel.campaign.pk,
            "organization": channel.cell_a1.pk,
            "title": "Mẫu báo cáo",
            "body": "Xin mẫu báo cáo kiểm điểm chi bộ.",
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("questions:thread", args=[question.pk])
    assert question.organization == channel.cell_a1
    assert question.asker == channel.cell_a1_secretary
    assert question.org_path == channel.cell_a1.path


def test_forged_ask_for_another_organization_is_refused(client, channel):
    c = login(client, channel.cell_a1_secretary)
    response = c.post(
        reverse("questions:ask"),
        {
            "campaign": channel.campaign.pk,
            "organization": channel.district_b.pk,
            "title": "Giả mạo",
            "body": "Hỏi thay huyện B.",
        },
    )
    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert not Question.objects.exists()


def test_forged_ask_in_a_campaign_that_does_not_cover_the_organization_is_refused(client, channel):
    from xeploai.campaigns.models import Campaign, CampaignStatus

    other = Campaign.objects.create(
        year=2023,
        ruleset="kh181_2023",
        name="Huyện B 2023",
        root=channel.district_b,
        reference_date=channel.campaign.reference_date,
        status=CampaignStatus.OPEN,
    )
    c = login(client, channel.cell_a1_secretary)
    response = c.post(
        reverse("questions:ask"),
        {
            "campaign": other.pk,
            "organization": channel.cell_a1.pk,
            "title": "Hỏi",
            "body": "Nội dung.",
        },
    )
    assert response.status_code == 200
    assert "campaign" in response.context["form"].errors
    assert not Question.objects.exists()


def test_a_member_may_not_ask(client, channel):
    c = login(client, channel.cell_a1_member)
    assert c.get(reverse("questions:ask")).status_code == 403
    assert (
        c.post(
            reverse("questions:ask"),
            {
                "campaign": channel.campaign.pk,
                "organization": channel.cell_a1.pk,
                "title": "Hỏi",
                "body": "x",
            },
        ).status_code
        == 403
    )
    assert not Question.objects.exists()


def test_answer_by_htmx_returns_the_thread_fragment(client, channel, cell_question):
    c = login(client, channel.province_officer)
    response = c.post(
        reverse("questions:answer", args=[cell_question.pk]),
        {"body": "Đảng viên miễn sinh hoạt không kiểm điểm (S-03)."},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="answers"' in html
    assert "Đảng viên miễn sinh hoạt không kiểm điểm" in html
    assert "<html" not in html


def test_empty_answer_is_refused_with_a_message(client, channel, cell_question):
    c = login(client, channel.province_officer)
    response = c.post(reverse("questions:answer", args=[cell_question.pk]), {"body": "  "}, **HTMX)
    assert response.status_code == 200
    assert "Trường này là bắt buộc" in response.content.decode()
    assert not Answer.objects.exists()


def test_closed_question_takes_no_more_answers(channel, cell_question):
    question_close(question=cell_question, by=channel.cell_a1_secretary)
    with pytest.raises(ValidationError):
        question_answer(question=cell_question, author=channel.province_officer, body="Muộn.")
    assert not Answer.objects.exists()


def test_asker_may_close_an_outsider_may_not(client, channel, cell_question):
    assert (
        login(client, channel.district_b_officer)
        .post(reverse("questions:close", args=[cell_question.pk]))
        .status_code
        == 404
    )
    assert (
        login(client, channel.cell_a1_member)
        .post(reverse("questions:close", args=[cell_question.pk]))
        .status_code
        == 403
    )
    assert (
        login(client, channel.cell_a1_secretary)
        .post(reverse("questions:close", args=[cell_question.pk]))
        .status_code
        == 302
    )
    cell_question.refresh_from_db()
    assert cell_question.status == QuestionStatus.CLOSED


def test_s17_every_step_is_audited(channel, cell_question):
    question_answer(question=cell_question, author=channel.province_officer, body="Không kiểm điểm.")
    question_close(question=cell_question, by=channel.cell_a1_secretary)
    events = list(AuditEvent.objects.filter(object_type="questions.question").order_by("seq"))
    assert [e.action for e in events] == ["question.asked", "question.answered", "question.closed"]
    assert [e.actor for e in events] == [
        channel.cell_a1_secretary,
        channel.province_officer,
        channel.cell_a1_secretary,
    ]
    assert all(e.org_path == channel.cell_a1.path for e in events)
    assert events[1].after["answer"]["body"] == "Không kiểm điểm."
    assert verify_chain().ok


def test_service_refuses_a_closed_campaign(channel):
    from xeploai.campaigns.models import CampaignStatus

    channel.campaign.status = CampaignStatus.CLOSED
    channel.campaign.save()
    with pytest.raises(ValidationError) as exc:
        question_ask(
            campaign=channel.campaign,
            organization=channel.cell_a1,
            asker=channel.cell_a1_secretary,
            title="Hỏi",
            body="Nội dung",
        )
    assert "campaign" in exc.value.message_dict
    assert not Question.objects.exists()
