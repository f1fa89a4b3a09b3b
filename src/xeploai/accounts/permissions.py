"""The permission names of the workflow, one per action, each a django-rules predicate.

Views ask ``request.user.has_perm(name, obj)`` (through the ``get_<object>_for_user`` helpers, which first
fetch the object from the user's subtree queryset: outside it answers 404) and templates
``{% has_perm name user obj as can_x %}``. Who may do what is the table in ``xeploai.accounts.predicates``.
Registered when the accounts app is ready; ``rules.permissions.ObjectPermissionBackend`` answers them.
"""

from __future__ import annotations

from rules.permissions import set_perm
from rules.predicates import Predicate

from xeploai.accounts import predicates as P

SUBJECT_PERMISSIONS = {
    "view": "campaigns.see_subject",
    "write_review": "campaigns.write_review",  # self-evaluation
    "write_opinion": "campaigns.write_opinion",  # R-82, S-12, S-16
    "record_ballot": "campaigns.record_ballot",
    "propose": "campaigns.propose_level",
    "appraise": "campaigns.appraise_subject",  # S-16
    "decide": "campaigns.decide_subject",  # R-86, S-09
    "publish": "campaigns.publish_subject",
    "lodge_appeal": "campaigns.lodge_appeal",
    "resolve_appeal": "campaigns.resolve_appeal",
    "include_exclude": "campaigns.override_subject",
}

PERMISSIONS: dict[str, Predicate] = {
    **{name: P.is_superuser | P.SUBJECT_ACTIONS[action] for action, name in SUBJECT_PERMISSIONS.items()},
    "campaigns.see_campaign": P.is_superuser | P.can_view_campaign,
    "campaigns.manage_campaign": P.can_manage_campaign,  # S-10
    "campaigns.see_progress": P.can_view_progress,  # S-10: the progress dashboard
    "campaigns.publish_results": P.can_publish_in,
    "reports.see_figures": P.can_view_progress,
    # A year's statistics over the provinces' campaigns (R-95): the province's or the Central Organization
    # Commission (ADMIN or ORG_COMMISSION held at a root organization), as for importing the registry.
    "reports.see_year_statistics": P.is_superuser | P.imports_workbook,
    "registry.edit_organization": P.can_edit_organization,
    "registry.edit_person": P.is_superuser | P.edits_person,
    "registry.import_workbook": P.is_superuser | P.imports_workbook,
    "registry.export_workbook": ~P.member_only,
    "audit.read_events": P.can_read_audit,
    "registry.enter_task": P.is_own_person,  # the person enters their own tasks
    "registry.edit_task": P.is_own_open_task,
    "registry.confirm_task": P.is_superuser | P.manages_task,
    "registry.edit_targets": P.can_edit_targets,
    "accounts.manage_accounts": P.can_manage_accounts,
    "accounts.open_accounts": P.is_superuser | P.manages_some_accounts,
    "questions.answer_question": P.is_superuser | P.answers_question,  # S-17
    "questions.close_question": P.is_superuser | P.is_asker | P.answers_question,  # S-17
}


def register() -> None:
    """Add every permission to django-rules' permission set (once: a second call changes nothing)."""
    for name, may in PERMISSIONS.items():
        set_perm(name, may)
