"""Permission predicates of the campaign workflow: one function per action, answered from the user's roles.

Every predicate reads the user's role assignments (one query per request, cached on the user) and the
place of the thing acted on in the organization tree (``Subject.org_path`` = the path of the subject's
unit). A role held at an organization covers that organization's subtree. A superuser may do everything.

Role → action (plan S-09 … S-16, R-82, R-86; issue 4):

========================  =====================================================================
role                      may
========================  =====================================================================
MEMBER (with a person)    view own subjects, write own review, lodge an appeal on own result, see
                          own results once published (R-88). Any role naming the same person counts
                          as "own".
CELL_SECRETARY            view the cell's subjects; write the cell's collective reports; record the
                          cell's ballot; write the chi ủy's opinion; propose levels for the cell's
                          party members (R-82 step 2).
COMMITTEE_OFFICER         view, write collective reports, record ballots and propose for the whole
                          subtree; include/exclude a subject by hand. Held at a party organization it
                          writes the opinion of the place of residence; held at a People's Committee,
                          an agency or an enterprise, the head of agency's opinion (on people working
                          there) and, at a People's Committee, the UBND's evaluation (S-11); held at
                          the Fatherland Front or a mass organization, the mass-organization results.
ORG_COMMISSION            view the subtree; appraise (S-16); create, edit and open campaigns;
                          include/exclude.
SUPERVISOR                view the subtree; the supervising member's opinion (S-12).
ADVISORY_AGENCY           view the subtree; the advisory agencies' opinion (S-16).
STANDING_COMMITTEE        view the subtree; decide, over quota too with a written justification,
                          for subjects at most one level down (R-86); publish (R-88); resolve
                          appeals on subjects at least two levels down (the committee above the
                          one that decided, R-81).
ADMIN                     view the subtree; create, edit and open campaigns; include/exclude.
========================  =====================================================================

"One level down" (R-86) counts tree levels from the role's organization to the subject's unit: a
party member or a collective of unit U may be decided at U or at U's parent; an organization only by its
parent (nobody decides its own level).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from xeploai.accounts.models import Role, RoleAssignment
from xeploai.registry.models import PARTY_ORGANIZATION_KINDS, PATH_SEGMENT, OrganizationKind

User = AbstractBaseUser | AnonymousUser

_CACHE_ATTR = "_xeploai_role_grants"
STATE_KINDS = frozenset(
    {
        OrganizationKind.PEOPLES_COMMITTEE,
        OrganizationKind.PEOPLES_COUNCIL,
        OrganizationKind.AGENCY,
        OrganizationKind.ADVISORY_AGENCY,
        OrganizationKind.ENTERPRISE,
    }
)
MASS_KINDS = frozenset({OrganizationKind.FATHERLAND_FRONT, OrganizationKind.MASS_ORGANIZATION})
PERSON_TYPES = frozenset({"PARTY_MEMBER", "CIVIL_SERVANT", "LEADER"})


@dataclass(frozen=True, slots=True)
class RoleGrant:
    """One role of the user at one organization (its path and kind)."""

    role: str
    path: str
    kind: str
    person_id: int | None

    def covers(self, path: str | None) -> bool:
        return bool(path) and path.startswith(self.path)  # type: ignore[union-attr]

    def levels_to(self, path: str) -> int:
        """Tree levels from this role's organization down to ``path`` (0 = the same organization)."""
        return (len(path) - len(self.path)) // PATH_SEGMENT


def grants_of(user: User) -> tuple[RoleGrant, ...]:
    """The user's roles, read with one query and cached on the user object for the request."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    grants: tuple[RoleGrant, ...] = ()
    if user.is_authenticated:
        grants = tuple(
            RoleGrant(*row)
            for row in RoleAssignment.objects.filter(user=user)
            .order_by("organization__path", "role")
            .values_list("role", "organization__path", "organization__kind", "person_id")
        )
    setattr(user, _CACHE_ATTR, grants)
    return grants


def is_superuser(user: User) -> bool:
    return bool(user.is_authenticated and getattr(user, "is_superuser", False))


def _any(user: User, roles: Iterable[str], path: str | None, *, kinds: frozenset[str] | None = None) -> bool:
    wanted = frozenset(roles)
    return any(
        g.role in wanted and g.covers(path) and (kinds is None or g.kind in kinds) for g in grants_of(user)
    )


def _workplace_path(subject: Any) -> str | None:
    person = getattr(subject, "person", None) if subject.person_id else None
    workplace = getattr(person, "workplace", None) if person is not None else None
    return workplace.path if workplace is not None else None


# --- subjects -------------------------------------------------------------------------------------------


def is_own(user: User, subject: Any) -> bool:
    """The subject is the user's own person (a role assignment naming that person)."""
    return subject.person_id is not None and any(g.person_id == subject.person_id for g in grants_of(user))


def can_view_subject(user: User, subject: Any) -> bool:
    if is_superuser(user) or is_own(user, subject):
        return True
    others = [r for r in Role.values if r != Role.MEMBER]
    return _any(user, others, subject.org_path) or _any(user, others, _workplace_path(subject))


def can_see_results(user: User, subject: Any, *, published: bool) -> bool:
    """R-88: the subject sees its levels beyond its own once they are published; officers always."""
    if is_superuser(user):
        return True
    others = [r for r in Role.values if r != Role.MEMBER]
    if _any(user, others, subject.org_path) or _any(user, others, _workplace_path(subject)):
        return True
    return published and is_own(user, subject)


def can_write_review(user: User, subject: Any) -> bool:
    if subject.subject_type in PERSON_TYPES:
        return is_own(user, subject)
    return _any(user, (Role.CELL_SECRETARY, Role.COMMITTEE_OFFICER), subject.org_path)


def can_write_opinion(user: User, subject: Any, source: str) -> bool:
    """Each source of opinions is one role (at one kind of organization) and writes only its own."""
    path = subject.org_path
    if source == "CELL_COMMITTEE":
        return _any(user, (Role.CELL_SECRETARY,), path)
    if source == "RESIDENCE":
        return _any(user, (Role.COMMITTEE_OFFICER,), path, kinds=PARTY_ORGANIZATION_KINDS)
    if source == "AGENCY_HEAD":
        return subject.person_id is not None and _any(
            user, (Role.COMMITTEE_OFFICER,), _workplace_path(subject), kinds=STATE_KINDS
        )
    if source == "PEOPLES_COMMITTEE":
        kinds = frozenset({OrganizationKind.PEOPLES_COMMITTEE})
        return _any(user, (Role.COMMITTEE_OFFICER,), path, kinds=kinds) or _any(
            user, (Role.COMMITTEE_OFFICER,), _workplace_path(subject), kinds=kinds
        )
    if source == "MASS_ORGANIZATION":
        return _any(user, (Role.COMMITTEE_OFFICER,), path, kinds=MASS_KINDS) or _any(
            user, (Role.COMMITTEE_OFFICER,), _workplace_path(subject), kinds=MASS_KINDS
        )
    if source == "ADVISORY":
        return _any(user, (Role.ADVISORY_AGENCY,), path)
    if source == "SUPERVISOR":
        return _any(user, (Role.SUPERVISOR,), path)
    return False


def opinion_sources_for(user: User, subject: Any) -> list[str]:
    from xeploai.campaigns.models import OpinionSource

    return [s for s in OpinionSource.values if can_write_opinion(user, subject, s)]


def can_record_ballot(user: User, subject: Any) -> bool:
    return _any(user, (Role.CELL_SECRETARY, Role.COMMITTEE_OFFICER), subject.org_path)


def can_propose(user: User, subject: Any) -> bool:
    """The cell secretary proposes for the cell's party members; a committee officer for its subtree."""
    if _any(user, (Role.COMMITTEE_OFFICER,), subject.org_path):
        return True
    return subject.subject_type == "PARTY_MEMBER" and _any(user, (Role.CELL_SECRETARY,), subject.org_path)


def can_appraise(user: User, subject: Any) -> bool:
    return _any(user, (Role.ORG_COMMISSION,), subject.org_path)  # S-16


def _deciding_grants(user: User, subject: Any) -> list[RoleGrant]:
    """STANDING_COMMITTEE roles competent for the subject: at most one level up (R-86)."""
    lowest = 1 if subject.subject_type == "ORGANIZATION" else 0
    return [
        g
        for g in grants_of(user)
        if g.role == Role.STANDING_COMMITTEE
        and g.covers(subject.org_path)
        and lowest <= g.levels_to(subject.org_path) <= 1
    ]


def can_decide(user: User, subject: Any) -> bool:
    return bool(_deciding_grants(user, subject))


def can_decide_over_quota(user: User, subject: Any, *, scope_path: str | None) -> bool:
    """Competent for the subject (R-86) and holding the whole quota scope (R-50: the competent level)."""
    grants = _deciding_grants(user, subject)
    if scope_path is None:
        return bool(grants)
    return any(g.covers(scope_path) for g in grants)


def can_publish(user: User, subject: Any) -> bool:
    return can_decide(user, subject)


def can_publish_in(user: User, path: str) -> bool:
    """Publish the decided results under an organization: a standing committee covering it (R-88)."""
    return _any(user, (Role.STANDING_COMMITTEE,), path)


def can_lodge_appeal(user: User, subject: Any) -> bool:
    if subject.subject_type in PERSON_TYPES:
        return is_own(user, subject)
    return _any(user, (Role.CELL_SECRETARY, Role.COMMITTEE_OFFICER), subject.org_path)


def can_resolve_appeal(user: User, subject: Any) -> bool:
    """The committee above the deciding one re-evaluates (R-81): two levels up or more."""
    return any(
        g.role == Role.STANDING_COMMITTEE
        and g.covers(subject.org_path)
        and g.levels_to(subject.org_path) >= 2
        for g in grants_of(user)
    )


def can_include_exclude(user: User, subject: Any) -> bool:
    return _any(user, (Role.COMMITTEE_OFFICER, Role.ORG_COMMISSION, Role.ADMIN), subject.org_path)


SUBJECT_ACTIONS = {
    "view": can_view_subject,
    "write_review": can_write_review,
    "record_ballot": can_record_ballot,
    "propose": can_propose,
    "appraise": can_appraise,
    "decide": can_decide,
    "publish": can_publish,
    "lodge_appeal": can_lodge_appeal,
    "resolve_appeal": can_resolve_appeal,
    "include_exclude": can_include_exclude,
    "write_opinion": lambda user, subject: bool(opinion_sources_for(user, subject)),
}


def allowed(user: User, action: str, subject: Any) -> bool:
    """Answer ``action`` on ``subject`` for ``user`` (a superuser may do everything)."""
    predicate = SUBJECT_ACTIONS.get(action)
    if predicate is None:
        raise ValueError(f"unknown action {action!r}")
    return is_superuser(user) or predicate(user, subject)


# --- campaigns and organizations ------------------------------------------------------------------------


def can_manage_campaign(user: User, root_path: str) -> bool:
    """Create a campaign, edit its deadlines, open it: ADMIN or ORG_COMMISSION covering its root."""
    return is_superuser(user) or _any(user, (Role.ADMIN, Role.ORG_COMMISSION), root_path)


def can_view_campaign(user: User, root_path: str) -> bool:
    """Anyone with a role inside the campaign's tree, or above it."""
    if is_superuser(user):
        return True
    return any(g.covers(root_path) or g.path.startswith(root_path) for g in grants_of(user))


def can_view_progress(user: User, path: str) -> bool:
    """Dashboard, quota panel and subject lists of an organization: any role but MEMBER covering it."""
    others = [r for r in Role.values if r != Role.MEMBER]
    return is_superuser(user) or _any(user, others, path)
