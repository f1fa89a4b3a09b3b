"""Permission predicates of the campaign workflow (django-rules): who may do what, from the user's roles.

Every predicate reads the user's role assignments (``accounts.access.user_scope``: one query per request,
cached on the user) and the place of the object in the organization tree, by duck typing: a subject,
a question or an audit event has ``org_path`` (the path of its unit), an organization has ``path``, a
campaign has ``root``; a plain path string stands for itself. A role held at an organization covers
that organization's subtree. A superuser may do everything. The permission names built from these
predicates are in ``xeploai.accounts.permissions``.

Role → action (plan S-09 … S-16, R-81, R-82, R-86, R-88):

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
                          include/exclude; read the audit trail; import the workbook (at a root).
SUPERVISOR                view the subtree; the supervising member's opinion (S-12).
ADVISORY_AGENCY           view the subtree; the advisory agencies' opinion (S-16).
STANDING_COMMITTEE        view the subtree; decide, over quota too with a written justification,
                          for subjects at most one level down (R-86); publish (R-88); resolve
                          appeals on subjects at least two levels down (the committee above the
                          one that decided, R-81), or one level down when held at a root (nobody
                          above it); read the audit trail; answer questions (S-17).
ADMIN                     view the subtree; create, edit and open campaigns; include/exclude; read
                          the audit trail; import the workbook (at a root).
========================  =====================================================================

Accounts and roles ("Tài khoản và phân quyền", ``accounts.manage_accounts``): COMMITTEE_OFFICER,
ORG_COMMISSION and ADMIN create accounts for the people of their subtree and grant and revoke roles on its
organizations (``xeploai.accounts.account_services``); only an ADMIN (or a superuser) grants ADMIN.

"One level down" (R-86) counts tree levels from the role's organization to the subject's unit: a
party member of unit U may be decided at U or at U's parent; an organization and a leadership collective
only by the parent of their unit (nobody decides its own level: the plan's "quyết định xếp loại tổ chức
đảng và tập thể ... trực thuộc" is the level above).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rules.predicates import Predicate, predicate

from xeploai.accounts.access import Grant, User, user_scope
from xeploai.accounts.models import Role
from xeploai.accounts.personal_data import is_member_only
from xeploai.registry.models import (
    PARTY_ORGANIZATION_KINDS,
    PATH_SEGMENT,
    Organization,
    OrganizationKind,
    Person,
)
from xeploai.registry.task_register import Task

OFFICER_ROLES = frozenset(r for r in Role.values if r != Role.MEMBER)
EDIT_ROLES = frozenset(
    {Role.ADMIN, Role.ORG_COMMISSION, Role.COMMITTEE_OFFICER, Role.ADVISORY_AGENCY, Role.STANDING_COMMITTEE}
)
AUDIT_ROLES = frozenset({Role.ORG_COMMISSION, Role.STANDING_COMMITTEE, Role.ADMIN})
CAMPAIGN_ROLES = frozenset({Role.ADMIN, Role.ORG_COMMISSION})
ANSWER_ROLES = frozenset({Role.ORG_COMMISSION, Role.STANDING_COMMITTEE})
# Who manages accounts and roles in their subtree ("Tài khoản và phân quyền"): the committees' officers,
# the organization boards and the administrators.
ACCOUNT_ROLES = frozenset({Role.ADMIN, Role.ORG_COMMISSION, Role.COMMITTEE_OFFICER})
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
PEOPLES_COMMITTEE_KINDS = frozenset({OrganizationKind.PEOPLES_COMMITTEE})
PERSON_TYPES = frozenset({"PARTY_MEMBER", "CIVIL_SERVANT", "LEADER"})


def grants_of(user: User) -> tuple[Grant, ...]:
    """The user's roles (read once per request, shared with the subtree querysets)."""
    return user_scope(user).grants


def tree_path(obj: Any) -> str | None:
    """Where ``obj`` hangs in the tree: its ``org_path``, its own ``path``, its root's, or the path itself."""
    if isinstance(obj, str):
        return obj
    for attr in ("org_path", "path"):
        value = getattr(obj, attr, None)
        if isinstance(value, str):
            return value
    return tree_path(obj.root) if getattr(obj, "root", None) is not None else None


def workplace_path(subject: Any) -> str | None:
    """The path of a person subject's workplace (None for a collective or a person without one)."""
    person = getattr(subject, "person", None) if getattr(subject, "person_id", None) else None
    workplace = getattr(person, "workplace", None) if person is not None else None
    return workplace.path if workplace is not None else None


def holds(user: User, roles: Iterable[str], path: str | None, *, kinds: frozenset[str] | None = None) -> bool:
    """The user holds one of ``roles`` (at an organization of ``kinds``) covering ``path``."""
    wanted = frozenset(roles)
    return any(
        g.role in wanted and g.covers(path) and (kinds is None or g.kind in kinds) for g in grants_of(user)
    )


def role_over(
    roles: Iterable[str],
    *,
    kinds: frozenset[str] | None = None,
    where: Callable[[Any], str | None] = tree_path,
) -> Predicate:
    """Predicate: the user holds one of ``roles`` (at ``kinds``) covering the object's ``where`` path."""
    wanted = frozenset(roles)

    def check(user: User, obj: Any) -> bool:
        return holds(user, wanted, where(obj), kinds=kinds)

    return predicate(check, name=f"role_over({'|'.join(sorted(wanted))})")


@predicate
def is_superuser(user: User) -> bool:
    return bool(user.is_authenticated and getattr(user, "is_superuser", False))


@predicate
def is_own(user: User, subject: Any) -> bool:
    """The subject is the user's own person (a role assignment naming that person)."""
    person_id = getattr(subject, "person_id", None)
    return person_id is not None and any(g.person_id == person_id for g in grants_of(user))


@predicate
def is_person_subject(_user: User, subject: Any) -> bool:
    return getattr(subject, "subject_type", None) in PERSON_TYPES


@predicate
def is_party_member_subject(_user: User, subject: Any) -> bool:
    return getattr(subject, "subject_type", None) == "PARTY_MEMBER"


# --- subjects -------------------------------------------------------------------------------------------

is_officer = role_over(OFFICER_ROLES)
is_officer_over_subject = is_officer | role_over(OFFICER_ROLES, where=workplace_path)
collective_writer = role_over({Role.CELL_SECRETARY, Role.COMMITTEE_OFFICER})
cell_secretary = role_over({Role.CELL_SECRETARY})
committee_officer = role_over({Role.COMMITTEE_OFFICER})

can_view_subject = is_superuser | is_own | is_officer_over_subject
# A person writes their own review and lodges their own appeal; the cell or the committee does it for a
# collective.
speaks_for_subject = (is_person_subject & is_own) | (~is_person_subject & collective_writer)
can_write_review = speaks_for_subject
can_lodge_appeal = speaks_for_subject
can_record_ballot = collective_writer
# The cell secretary proposes for the cell's party members; a committee officer for its subtree.
can_propose = committee_officer | (is_party_member_subject & cell_secretary)
can_appraise = role_over({Role.ORG_COMMISSION})  # S-16
can_include_exclude = role_over({Role.COMMITTEE_OFFICER, Role.ORG_COMMISSION, Role.ADMIN})


def can_see_results(user: User, subject: Any, *, published: bool) -> bool:
    """R-88: the subject sees its levels beyond its own once they are published; officers always."""
    if is_superuser(user) or is_officer_over_subject(user, subject):
        return True
    return published and bool(is_own(user, subject))


# Each source of opinions is one role (at one kind of organization) and writes only its own; the order is
# the order of ``campaigns.models.OpinionSource``.
OPINION_WRITERS: dict[str, Predicate] = {
    "CELL_COMMITTEE": cell_secretary,
    "RESIDENCE": role_over({Role.COMMITTEE_OFFICER}, kinds=PARTY_ORGANIZATION_KINDS),
    "AGENCY_HEAD": role_over({Role.COMMITTEE_OFFICER}, kinds=STATE_KINDS, where=workplace_path),
    "ADVISORY": role_over({Role.ADVISORY_AGENCY}),
    "SUPERVISOR": role_over({Role.SUPERVISOR}),
    "PEOPLES_COMMITTEE": role_over({Role.COMMITTEE_OFFICER}, kinds=PEOPLES_COMMITTEE_KINDS)
    | role_over({Role.COMMITTEE_OFFICER}, kinds=PEOPLES_COMMITTEE_KINDS, where=workplace_path),
    "MASS_ORGANIZATION": role_over({Role.COMMITTEE_OFFICER}, kinds=MASS_KINDS)
    | role_over({Role.COMMITTEE_OFFICER}, kinds=MASS_KINDS, where=workplace_path),
}


def can_write_opinion(user: User, subject: Any, source: str) -> bool:
    writer = OPINION_WRITERS.get(source)
    return writer is not None and bool(writer(user, subject))


def opinion_sources_for(user: User, subject: Any) -> list[str]:
    return [source for source, writer in OPINION_WRITERS.items() if writer(user, subject)]


@predicate
def can_write_some_opinion(user: User, subject: Any) -> bool:
    return bool(opinion_sources_for(user, subject))


# Subjects whose own unit's committee may not decide their level: the organization itself and its
# leadership collectives (a standing committee would otherwise classify itself).
_DECIDED_FROM_ABOVE = frozenset({"ORGANIZATION", "COLLECTIVE"})


def deciding_grants(user: User, subject: Any) -> list[Grant]:
    """STANDING_COMMITTEE roles competent for the subject: at most one level up (R-86)."""
    path = tree_path(subject)
    if not path:
        return []
    lowest = 1 if getattr(subject, "subject_type", None) in _DECIDED_FROM_ABOVE else 0
    return [
        g
        for g in grants_of(user)
        if g.role == Role.STANDING_COMMITTEE and g.covers(path) and lowest <= g.levels_to(path) <= 1
    ]


@predicate
def can_decide(user: User, subject: Any) -> bool:
    return bool(deciding_grants(user, subject))


can_publish = can_decide


def can_decide_over_quota(user: User, subject: Any, *, scope_path: str | None) -> bool:
    """Competent for the subject (R-86) and holding the whole quota scope (R-50: the competent level)."""
    grants = deciding_grants(user, subject)
    if scope_path is None:
        return bool(grants)
    return any(g.covers(scope_path) for g in grants)


@predicate
def can_resolve_appeal(user: User, subject: Any) -> bool:
    """The committee above the deciding one re-evaluates (R-81): two levels up or more. At the top of the
    tree there is no committee above the deciding one: the root's standing committee, the directly superior
    committee of its subordinates (R-81), re-evaluates the subjects one level down too."""
    path = tree_path(subject)
    return bool(path) and any(
        g.role == Role.STANDING_COMMITTEE
        and g.covers(path)
        and g.levels_to(path) >= (1 if len(g.path) == PATH_SEGMENT else 2)  # type: ignore[arg-type]
        for g in grants_of(user)
    )


# The subject actions the campaign services and views name; a superuser may do each of them.
SUBJECT_ACTIONS: dict[str, Predicate] = {
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
    "write_opinion": can_write_some_opinion,
}


def allowed(user: User, action: str, subject: Any) -> bool:
    """Answer ``action`` on ``subject`` for ``user`` (a superuser may do everything)."""
    may = SUBJECT_ACTIONS.get(action)
    if may is None:
        raise ValueError(f"unknown action {action!r}")
    return bool(is_superuser(user) or may(user, subject))


# --- campaigns, organizations, people, questions ------------------------------------------------------
# These take an object or a path (``tree_path``): ``can_manage_campaign(user, campaign.root.path)`` and
# ``user.has_perm("campaigns.manage_campaign", campaign)`` answer alike.

# Create a campaign, edit its deadlines, open it: ADMIN or ORG_COMMISSION covering its root.
can_manage_campaign = is_superuser | role_over(CAMPAIGN_ROLES)
# Dashboard, quota panel, subject lists and figures of an organization: any role but MEMBER covering it.
can_view_progress = is_superuser | is_officer
# Publish the decided results under an organization: a standing committee covering it.
can_publish_in = is_superuser | role_over({Role.STANDING_COMMITTEE})
can_read_audit = is_superuser | role_over(AUDIT_ROLES)
can_edit_organization = is_superuser | role_over(EDIT_ROLES)


@predicate
def can_view_campaign(user: User, campaign: Any) -> bool:
    """Anyone with a role inside the campaign's tree, or above it."""
    root = tree_path(campaign)
    return bool(root) and any(g.covers(root) or g.path.startswith(root) for g in grants_of(user))  # type: ignore[arg-type]


@predicate
def edits_person(user: User, person: Any) -> bool:
    """A person is edited by an editing role covering their cell or their workplace."""
    places = (getattr(person, "party_organization", None), getattr(person, "workplace", None))
    return any(holds(user, EDIT_ROLES, tree_path(place)) for place in places if place is not None)


@predicate
def imports_workbook(user: User) -> bool:
    """ADMIN or ORG_COMMISSION held at a root organization: a workbook may touch the whole tree."""
    return any(g.role in CAMPAIGN_ROLES and len(g.path) == PATH_SEGMENT for g in grants_of(user))


member_only = predicate(is_member_only)


@predicate
def answers_question(user: User, question: Any) -> bool:
    """ORG_COMMISSION or STANDING_COMMITTEE strictly above the asking organization (S-17)."""
    path = tree_path(question)
    return any(g.role in ANSWER_ROLES and g.covers(path) and g.path != path for g in grants_of(user))


# Manage the accounts and roles of an organization's subtree (``accounts.manage_accounts``, object: the
# organization or its path); ``manages_some_accounts``: anywhere (the menu and the list page).
can_manage_accounts = is_superuser | role_over(ACCOUNT_ROLES)


@predicate
def manages_some_accounts(user: User) -> bool:
    return any(g.role in ACCOUNT_ROLES for g in grants_of(user))


@predicate
def is_asker(user: User, question: Any) -> bool:
    return user.pk is not None and getattr(question, "asker_id", None) == user.pk


# --- the task register (ND335, R-102) -------------------------------------------------------------------
# A person enters and updates their own tasks until their manager confirms them; the manager is an editing
# role covering the person's workplace (else their cell) and confirms the tasks of others, never their own.
# A unit's targets are edited by an editing role covering the unit.


def own_person_ids(user: User) -> frozenset[int]:
    """The people the user's role assignments name (a member's own person)."""
    return frozenset(g.person_id for g in grants_of(user) if g.person_id)


@predicate
def is_own_person(user: User, person: Any) -> bool:
    return isinstance(person, Person) and person.pk in own_person_ids(user)


@predicate
def is_own_open_task(user: User, task: Any) -> bool:
    """The user's own task, not yet confirmed (a confirmed task is changed only by the import)."""
    return isinstance(task, Task) and task.person_id in own_person_ids(user) and task.confirmed_at is None


@predicate
def manages_task(user: User, task: Any) -> bool:
    """An editing role covering the task's place, for a task that is not the user's own."""
    if not isinstance(task, Task) or task.person_id in own_person_ids(user):
        return False
    return holds(user, EDIT_ROLES, task.org_path)


@predicate
def is_organization(_user: User, obj: Any) -> bool:
    return isinstance(obj, Organization)


can_edit_targets = is_superuser | (is_organization & role_over(EDIT_ROLES))
