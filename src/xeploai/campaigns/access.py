"""Object access for the campaign pages (style example 1): subtree queryset first, then the permission.

``get_subject_for_user(user, pk, action=...)`` answers 404 for a subject outside what the user may see (its
existence does not leak) and 403 when the user sees it but lacks the permission of ``action``
(``xeploai.accounts.permissions.SUBJECT_PERMISSIONS``). ``get_campaign_for_user`` does the same for a
campaign (``action="manage"``: ``campaigns.manage_campaign``).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from xeploai.accounts import predicates as P
from xeploai.accounts.access import User, check_permission, path_and_ancestors, user_scope
from xeploai.accounts.permissions import SUBJECT_PERMISSIONS
from xeploai.registry.models import in_subtree

from .models import Campaign, Subject

CAMPAIGN_PERMISSIONS = {"view": None, "manage": "campaigns.manage_campaign"}


def subjects_visible_to(user: User) -> QuerySet[Subject]:
    """Subjects under the user's non-member roles (by unit or, for people, by workplace) and their own."""
    if P.is_superuser(user):
        return Subject.objects.all()
    scope = user_scope(user)
    paths = scope.people_root_paths
    own = {g.person_id for g in scope.grants if g.person_id}
    cond = in_subtree("org_path", paths) | in_subtree("person__workplace__path", paths)
    if own:
        cond |= Q(person_id__in=own)
    return Subject.objects.filter(cond)


def get_subject_for_user(user: User, pk: int, *, action: str = "view") -> Subject:
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
    denied = _("Bạn không có quyền thực hiện thao tác này với đối tượng này.")
    check_permission(user, SUBJECT_PERMISSIONS, action, subject, denied)
    return subject


def campaigns_visible_to(user: User) -> QuerySet[Campaign]:
    qs = Campaign.objects.select_related("root")
    if P.is_superuser(user):
        return qs
    grants = user_scope(user).grants
    if not grants:
        return qs.none()
    cond = Q(pk__in=[])
    for g in grants:
        # The campaign's root is above the role (the role lies inside the campaign's tree) or below it.
        cond |= Q(root__path__in=path_and_ancestors(g.path)) | in_subtree("root__path", g.path)
    return qs.filter(cond)


def get_campaign_for_user(user: User, pk: int, *, action: str = "view") -> Campaign:
    """The campaign ``pk`` if visible (else 404); ``action="manage"`` needs ADMIN / ORG_COMMISSION (403)."""
    if action not in CAMPAIGN_PERMISSIONS:
        raise ValueError(f"unknown action {action!r}")
    try:
        campaign = campaigns_visible_to(user).get(pk=pk)
    except Campaign.DoesNotExist:
        raise Http404(_("Không tìm thấy đợt đánh giá.")) from None
    denied = _("Bạn không có quyền quản lý đợt đánh giá này.")
    check_permission(user, CAMPAIGN_PERMISSIONS, action, campaign, denied)
    return campaign
