"""Who reads, asks and answers in the questions channel (S-17).

- Read: users holding any role inside the asking organization's subtree (the role's organization is the
  asking organization or below it), and users holding ORG_COMMISSION or STANDING_COMMITTEE at an
  organization strictly above it (its ancestors); a superuser reads everything. Nobody else: a question
  outside these answers 404, so its existence does not leak.
- Answer: ORG_COMMISSION or STANDING_COMMITTEE strictly above the asking organization, or a superuser.
- Ask: a role other than MEMBER held at the asking organization itself (the committee speaks for it).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from xeploai.accounts.access import user_scope
from xeploai.accounts.models import Role
from xeploai.campaigns.models import Campaign, CampaignStatus
from xeploai.questions.models import Question, QuestionStatus
from xeploai.registry.models import PATH_SEGMENT, Organization, in_subtree

User = AbstractBaseUser | AnonymousUser

ANSWER_ROLES = frozenset({Role.ORG_COMMISSION, Role.STANDING_COMMITTEE})
ASK_EXCLUDED_ROLES = frozenset({Role.MEMBER})
ACTIONS = frozenset({"view", "answer", "close"})


def _prefixes(path: str) -> list[str]:
    """The paths of a node and of its ancestors: "0000000100000002" → ["00000001", "0000000100000002"]."""
    return [path[:end] for end in range(PATH_SEGMENT, len(path) + 1, PATH_SEGMENT)]


def questions_visible_to(user: User) -> QuerySet[Question]:
    """The questions ``user`` may read (see the module docstring)."""
    scope = user_scope(user)
    questions = Question.objects.select_related("campaign", "organization", "asker")
    if scope.everything:
        return questions
    own = sorted({p for g in scope.grants for p in _prefixes(g.path)})
    cond = Q(org_path__in=own) if own else Q(pk__in=[])
    for g in scope.grants:
        if g.role in ANSWER_ROLES:
            cond |= in_subtree("org_path", g.path, strictly_below=True)
    return questions.filter(cond)


def can_answer(user: User, question: Question) -> bool:
    scope = user_scope(user)
    return scope.everything or any(
        g.role in ANSWER_ROLES and question.org_path.startswith(g.path) and question.org_path != g.path
        for g in scope.grants
    )


def can_close(user: User, question: Question) -> bool:
    """The answering side, or the asker, may close a thread."""
    return question.asker_id == user.pk or can_answer(user, question)


def get_question_for_user(user: User, pk: int, *, action: str = "view") -> Question:
    """Question ``pk`` if ``user`` may read it and do ``action``; else 404 (or 403 for the action)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    try:
        question = questions_visible_to(user).get(pk=pk)
    except Question.DoesNotExist:
        raise Http404(_("Không tìm thấy câu hỏi.")) from None
    if action == "answer" and not can_answer(user, question):
        raise PermissionDenied(_("Bạn không có quyền trả lời câu hỏi này."))
    if action == "close" and not can_close(user, question):
        raise PermissionDenied(_("Bạn không có quyền đóng câu hỏi này."))
    return question


def asking_organizations_for(user: User) -> QuerySet[Organization]:
    """The organizations ``user`` may ask for: where they hold a role other than MEMBER."""
    ids = {g.organization_id for g in user_scope(user).grants if g.role not in ASK_EXCLUDED_ROLES}
    return Organization.objects.filter(pk__in=ids)


def campaigns_for_asking(organizations: QuerySet[Organization]) -> QuerySet[Campaign]:
    """Campaigns not yet closed whose root subtree holds one of ``organizations``."""
    paths = list(organizations.values_list("path", flat=True))
    cond = Q(pk__in=[])
    for path in paths:
        cond |= Q(root__path__in=_prefixes(path))
    return Campaign.objects.exclude(status=CampaignStatus.CLOSED).filter(cond).select_related("root")


def is_open(question: Question) -> bool:
    return question.status != QuestionStatus.CLOSED
