"""Who reads, asks and answers in the questions channel (S-17).

- Read: users holding any role inside the asking organization's subtree (the role's organization is the
  asking organization or below it), and users holding ORG_COMMISSION or STANDING_COMMITTEE at an
  organization strictly above it (its ancestors); a superuser reads everything. Nobody else: a question
  outside these answers 404, so its existence does not leak.
- Answer: ORG_COMMISSION or STANDING_COMMITTEE strictly above the asking organization, or a superuser.
- Ask: a role other than MEMBER held at the asking organization itself (the committee speaks for it).

Answering and closing are the permissions ``questions.answer_question`` and ``questions.close_question``
(the answering side or the asker), predicates in ``xeploai.accounts.predicates``.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from xeploai.accounts import predicates as P
from xeploai.accounts.access import User, check_permission, path_and_ancestors, user_scope
from xeploai.campaigns.models import Campaign, CampaignStatus
from xeploai.questions.models import Question
from xeploai.registry.models import Organization, in_subtree

QUESTION_PERMISSIONS = {
    "view": None,
    "answer": "questions.answer_question",
    "close": "questions.close_question",
}


def questions_visible_to(user: User) -> QuerySet[Question]:
    """The questions ``user`` may read (see the module docstring)."""
    scope = user_scope(user)
    questions = Question.objects.select_related("campaign", "organization", "asker")
    if scope.everything:
        return questions
    own = sorted({p for g in scope.grants for p in path_and_ancestors(g.path)})
    cond = Q(org_path__in=own) if own else Q(pk__in=[])
    for g in scope.grants:
        if g.role in P.ANSWER_ROLES:
            cond |= in_subtree("org_path", g.path, strictly_below=True)
    return questions.filter(cond)


def get_question_for_user(user: User, pk: int, *, action: str = "view") -> Question:
    """Question ``pk`` if ``user`` may read it and do ``action``; else 404 (or 403 for the action)."""
    if action not in QUESTION_PERMISSIONS:
        raise ValueError(f"unknown action {action!r}")
    try:
        question = questions_visible_to(user).get(pk=pk)
    except Question.DoesNotExist:
        raise Http404(_("Không tìm thấy câu hỏi.")) from None
    if action == "answer":
        denied = _("Bạn không có quyền trả lời câu hỏi này.")
    else:
        denied = _("Bạn không có quyền đóng câu hỏi này.")
    check_permission(user, QUESTION_PERMISSIONS, action, question, denied)
    return question


def asking_organizations_for(user: User) -> QuerySet[Organization]:
    """The organizations ``user`` may ask for: where they hold a role other than MEMBER."""
    ids = {g.organization_id for g in user_scope(user).grants if g.role in P.OFFICER_ROLES}
    return Organization.objects.filter(pk__in=ids)


def campaigns_for_asking(organizations: QuerySet[Organization]) -> QuerySet[Campaign]:
    """Campaigns not yet closed whose root subtree holds one of ``organizations``."""
    paths = list(organizations.values_list("path", flat=True))
    cond = Q(pk__in=[])
    for path in paths:
        cond |= Q(root__path__in=path_and_ancestors(path))
    return Campaign.objects.exclude(status=CampaignStatus.CLOSED).filter(cond).select_related("root")
