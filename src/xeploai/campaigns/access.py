"""Object access for the campaign pages (style example 1): subtree queryset first, then the predicate.

``get_subject_for_user(user, pk, action=...)`` answers 404 for a subject outside what the user may see (its
existence does not leak) and 403 when the user sees it but may not do ``action``
(``xeploai.accounts.predicates``). ``get_campaign_for_user`` does the same for a campaign.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from xeploai.accounts import predicates as P
from xeploai.accounts.models import Role
from xeploai.registry.models import in_subtree

from .models import Campaign, Subject


def subjects_visible_to(user: P.User) -> QuerySet[Subject]:
    """Subjects under the user's non-member roles (by unit or, for people, by workplace) and their own."""
    if P.is_superuser(user):
        return Subject.objects.all()
    grants = P.grants_of(user)
    paths = sorted({g.path for g in grants if g.role != Role.MEMBER})
    own = {g.person_id for g in grants if g.person_id}
    cond = in_subtree("org_path", paths) | in_subtree("person__workplace__path", paths)
    if own:
        cond |= Q(person_id__in=own)
    return Subject.objects.filter(cond)


def get_subject_for_user(user: P.User, pk: int, *, action: str = "view") -> Subject:
    """The subject ``pk`` if ``user`` may see it (else 404) and do ``action`` (else 403)."""
    try:
        subject = (
            subjects_visible_to(user)
            .select_related(
                "campaign", "campaign__root", "person__workplace", "collective", "organization", "unit"
            )
            .get(pk=pk)
        )
    except Subject.DoesNotExist:
        raise Http404(_("Không tìm thấy đối tượng đánh giá.")) from None
    if not P.allowed(user, action, subject):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này với đối tượng này."))
    return subject


def campaigns_visible_to(user: P.User) -> QuerySet[Campaign]:
    qs = Campaign.objects.select_related("root")
    if P.is_superuser(user):
        return qs
    grants = P.grants_of(user)
    if not grants:
        return qs.none()
    cond = Q(pk__in=[])
    for g in grants:
        # The campaign's root is above the role (the role lies inside the campaign's tree) or below it.
        prefixes = [g.path[:i] for i in range(8, len(g.path) + 1, 8)]
        cond |= Q(root__path__in=prefixes) | in_subtree("root__path", g.path)
    return qs.filter(cond)


def get_campaign_for_user(user: P.User, pk: int, *, action: str = "view") -> Campaign:
    """The campaign ``pk`` if visible (else 404); ``action="manage"`` needs ADMIN / ORG_COMMISSION (403)."""
    try:
        campaign = campaigns_visible_to(user).get(pk=pk)
    except Campaign.DoesNotExist:
        raise Http404(_("Không tìm thấy đợt đánh giá.")) from None
    if action == "manage" and not P.can_manage_campaign(user, campaign.root.path):
        raise PermissionDenied(_("Bạn không có quyền quản lý đợt đánh giá này."))
    if action not in ("view", "manage"):
        raise ValueError(f"unknown action {action!r}")
    return campaign
