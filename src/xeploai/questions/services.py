"""State changes of the questions channel (S-17): ask, answer, close. Each one is an audit event."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from xeploai.audit.services import audit_record, snapshot
from xeploai.campaigns.models import Campaign, CampaignStatus
from xeploai.questions.models import Answer, Question, QuestionStatus
from xeploai.registry.models import Organization

ERR_CAMPAIGN_CLOSED = _("Đợt đánh giá đã kết thúc, không nhận thêm câu hỏi.")
ERR_OUTSIDE_CAMPAIGN = _("Tổ chức hỏi không thuộc phạm vi của đợt đánh giá này.")
ERR_EMPTY_TITLE = _("Tiêu đề không được để trống.")
ERR_EMPTY_BODY = _("Nội dung không được để trống.")
ERR_QUESTION_CLOSED = _("Câu hỏi đã đóng, không thể trả lời thêm.")


@transaction.atomic
def question_ask(
    *, campaign: Campaign, organization: Organization, asker: AbstractBaseUser, title: str, body: str
) -> Question:
    """Ask a question upward for ``organization`` in ``campaign`` (S-17)."""
    errors: dict[str, list] = {}
    if campaign.status == CampaignStatus.CLOSED:
        errors.setdefault("campaign", []).append(ERR_CAMPAIGN_CLOSED)
    if not organization.path.startswith(campaign.root.path):
        errors.setdefault("organization", []).append(ERR_OUTSIDE_CAMPAIGN)
    if not title.strip():
        errors.setdefault("title", []).append(ERR_EMPTY_TITLE)
    if not body.strip():
        errors.setdefault("body", []).append(ERR_EMPTY_BODY)
    if errors:
        raise ValidationError(errors)
    question = Question.objects.create(
        campaign=campaign, organization=organization, org_path=organization.path, asker=asker,
        title=title.strip(), body=body.strip(),
    )
    audit_record(action="question.asked", obj=question, after=snapshot(question), actor=asker,
                 org_path=question.org_path)
    return question


@transaction.atomic
def question_answer(*, question: Question, author: AbstractBaseUser, body: str) -> Answer:
    """Answer ``question`` (S-17); the question becomes ANSWERED."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.status == QuestionStatus.CLOSED:
        raise ValidationError({"body": [ERR_QUESTION_CLOSED]})
    if not body.strip():
        raise ValidationError({"body": [ERR_EMPTY_BODY]})
    answer = Answer.objects.create(question=question, author=author, body=body.strip())
    before = question.status
    question.status = QuestionStatus.ANSWERED
    question.save(update_fields=["status"])
    audit_record(
        action="question.answered", obj=question, actor=author, org_path=question.org_path,
        before={"status": before}, after={"status": question.status, "answer": snapshot(answer)},
    )
    return answer


@transaction.atomic
def question_close(*, question: Question, by: AbstractBaseUser) -> Question:
    """Close the thread: no more answers."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.status == QuestionStatus.CLOSED:
        return question
    before = question.status
    question.status = QuestionStatus.CLOSED
    question.save(update_fields=["status"])
    audit_record(action="question.closed", obj=question, actor=by, org_path=question.org_path,
                 before={"status": before}, after={"status": question.status})
    return question
