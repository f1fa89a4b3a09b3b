"""Each permission of the workflow: a role that may and a role that may not (inside / outside the subtree).

The subject is the party member Lê Thị Cúc of Chi bộ ấp 1 (cell_a1 ⊂ commune_a1 ⊂ district_a ⊂ province), in
the province's 2023 campaign; the organizations are those of the ``personas`` fixture. Rule ids follow the
role → action table of ``xeploai.accounts.predicates``.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from xeploai.accounts.models import Role, RoleAssignment
from xeploai.accounts.permissions import PERMISSIONS
from xeploai.registry.task_register import Task

pytestmark = pytest.mark.django_db

# permission, rule id ("-": the role table alone), role, where the role is held, the object asked about, may?
CASES = [
    ("campaigns.see_subject", "-", Role.COMMITTEE_OFFICER, "district_a", "member", True),
    ("campaigns.see_subject", "-", Role.COMMITTEE_OFFICER, "district_b", "member", False),
    ("campaigns.see_subject", "R-88", Role.MEMBER, "cell_a1", "member", True),
    ("campaigns.see_subject", "R-88", Role.MEMBER, "cell_b1", "member", False),
    ("campaigns.write_review", "R-81", Role.MEMBER, "cell_a1", "member", True),
    ("campaigns.write_review", "R-81", Role.CELL_SECRETARY, "cell_a1", "member", False),
    ("campaigns.write_review", "R-81", Role.CELL_SECRETARY, "cell_a1", "cell_committee", True),
    ("campaigns.write_review", "R-81", Role.CELL_SECRETARY, "cell_b1", "cell_committee", False),
    ("campaigns.write_opinion", "R-82", Role.CELL_SECRETARY, "cell_a1", "member", True),
    ("campaigns.write_opinion", "R-82", Role.CELL_SECRETARY, "cell_b1", "member", False),
    ("campaigns.write_opinion", "S-12", Role.SUPERVISOR, "district_a", "member", True),
    ("campaigns.write_opinion", "S-12", Role.SUPERVISOR, "district_b", "member", False),
    ("campaigns.write_opinion", "S-16", Role.ADVISORY_AGENCY, "district_a", "member", True),
    ("campaigns.write_opinion", "S-16", Role.ORG_COMMISSION, "district_a", "member", False),
    ("campaigns.record_ballot", "R-83", Role.CELL_SECRETARY, "cell_a1", "member", True),
    ("campaigns.record_ballot", "R-83", Role.CELL_SECRETARY, "cell_b1", "member", False),
    ("campaigns.propose_level", "R-82", Role.CELL_SECRETARY, "cell_a1", "member", True),
    ("campaigns.propose_level", "R-82", Role.CELL_SECRETARY, "cell_a1", "cell_committee", False),
    ("campaigns.propose_level", "R-82", Role.COMMITTEE_OFFICER, "district_a", "cell_committee", True),
    ("campaigns.propose_level", "R-82", Role.COMMITTEE_OFFICER, "district_b", "member", False),
    ("campaigns.appraise_subject", "S-16", Role.ORG_COMMISSION, "district_a", "member", True),
    ("campaigns.appraise_subject", "S-16", Role.ORG_COMMISSION, "district_b", "member", False),
    ("campaigns.decide_subject", "R-86", Role.STANDING_COMMITTEE, "commune_a1", "member", True),
    ("campaigns.decide_subject", "R-86", Role.STANDING_COMMITTEE, "district_a", "member", False),
    ("campaigns.decide_subject", "R-86", Role.STANDING_COMMITTEE, "commune_a1", "cell_organization", True),
    ("campaigns.decide_subject", "R-86", Role.STANDING_COMMITTEE, "cell_a1", "cell_organization", False),
    # A leadership collective is decided by the level above its unit, never by its own unit.
    ("campaigns.decide_subject", "R-86", Role.STANDING_COMMITTEE, "commune_a1", "cell_committee", True),
    ("campaigns.decide_subject", "R-86", Role.STANDING_COMMITTEE, "cell_a1", "cell_committee", False),
    ("campaigns.publish_subject", "R-88", Role.STANDING_COMMITTEE, "commune_a1", "member", True),
    ("campaigns.publish_subject", "R-88", Role.STANDING_COMMITTEE, "district_b", "member", False),
    ("campaigns.lodge_appeal", "R-81", Role.MEMBER, "cell_a1", "member", True),
    ("campaigns.lodge_appeal", "R-81", Role.COMMITTEE_OFFICER, "district_a", "member", False),
    ("campaigns.resolve_appeal", "R-81", Role.STANDING_COMMITTEE, "district_a", "member", True),
    ("campaigns.resolve_appeal", "R-81", Role.STANDING_COMMITTEE, "commune_a1", "member", False),
    # At the root nobody is above the deciding committee: the root's own re-evaluates one level down.
    ("campaigns.resolve_appeal", "R-81", Role.STANDING_COMMITTEE, "province", "district_org", True),
    ("campaigns.resolve_appeal", "R-81", Role.STANDING_COMMITTEE, "district_a", "district_org", False),
    ("campaigns.override_subject", "-", Role.ADMIN, "district_a", "member", True),
    ("campaigns.override_subject", "-", Role.ADMIN, "district_b", "member", False),
    ("campaigns.see_campaign", "-", Role.MEMBER, "cell_b1", "campaign", True),
    ("campaigns.see_campaign", "-", Role.MEMBER, "cell_b1", "other_campaign", False),
    ("campaigns.manage_campaign", "S-10", Role.ORG_COMMISSION, "province", "campaign", True),
    ("campaigns.manage_campaign", "S-10", Role.ORG_COMMISSION, "district_a", "campaign", False),
    ("campaigns.see_progress", "S-10", Role.SUPERVISOR, "district_a", "cell_a1", True),
    ("campaigns.see_progress", "S-10", Role.MEMBER, "cell_a1", "cell_a1", False),
    ("campaigns.publish_results", "R-88", Role.STANDING_COMMITTEE, "commune_a1", "cell_a1", True),
    ("campaigns.publish_results", "R-88", Role.STANDING_COMMITTEE, "district_b", "cell_a1", False),
    ("reports.see_figures", "-", Role.CELL_SECRETARY, "cell_a1", "cell_a1", True),
    ("reports.see_figures", "-", Role.COMMITTEE_OFFICER, "district_b", "cell_a1", False),
    ("registry.edit_organization", "-", Role.COMMITTEE_OFFICER, "district_a", "cell_a1", True),
    ("registry.edit_organization", "-", Role.CELL_SECRETARY, "cell_a1", "cell_a1", False),
    ("registry.edit_person", "-", Role.COMMITTEE_OFFICER, "district_a_ubnd", "staff_a", True),
    ("registry.edit_person", "-", Role.COMMITTEE_OFFICER, "district_b", "staff_a", False),
    ("registry.import_workbook", "-", Role.ORG_COMMISSION, "province", None, True),
    ("registry.import_workbook", "-", Role.ORG_COMMISSION, "district_a", None, False),
    ("reports.see_year_statistics", "R-95", Role.ORG_COMMISSION, "province", None, True),
    ("reports.see_year_statistics", "R-95", Role.ORG_COMMISSION, "district_a", None, False),
    ("registry.export_workbook", "-", Role.CELL_SECRETARY, "cell_a1", None, True),
    ("registry.export_workbook", "-", Role.MEMBER, "cell_a1", None, False),
    ("audit.read_events", "-", Role.STANDING_COMMITTEE, "district_a", "member", True),
    ("audit.read_events", "-", Role.COMMITTEE_OFFICER, "district_a", "member", False),
    ("registry.enter_task", "R-102", Role.MEMBER, "cell_a1", "member_person", True),
    ("registry.enter_task", "R-102", Role.MEMBER, "cell_b1", "member_person", False),
    ("registry.edit_task", "R-102", Role.MEMBER, "cell_a1", "task", True),
    ("registry.edit_task", "R-102", Role.COMMITTEE_OFFICER, "district_a", "task", False),
    ("registry.confirm_task", "R-102", Role.COMMITTEE_OFFICER, "district_a", "task", True),
    ("registry.confirm_task", "R-102", Role.MEMBER, "cell_a1", "task", False),
    ("registry.confirm_task", "R-102", Role.COMMITTEE_OFFICER, "district_b", "task", False),
    ("registry.edit_targets", "R-106", Role.COMMITTEE_OFFICER, "district_a", "cell_a1", True),
    ("registry.edit_targets", "R-106", Role.CELL_SECRETARY, "cell_a1", "cell_a1", False),
    ("accounts.manage_accounts", "-", Role.COMMITTEE_OFFICER, "district_a", "cell_a1", True),
    ("accounts.manage_accounts", "-", Role.CELL_SECRETARY, "cell_a1", "cell_a1", False),
    ("accounts.open_accounts", "-", Role.ORG_COMMISSION, "district_a", None, True),
    ("accounts.open_accounts", "-", Role.SUPERVISOR, "district_a", None, False),
    ("questions.answer_question", "S-17", Role.ORG_COMMISSION, "commune_a1", "question", True),
    ("questions.answer_question", "S-17", Role.ORG_COMMISSION, "cell_a1", "question", False),
    ("questions.close_question", "S-17", Role.STANDING_COMMITTEE, "district_a", "question", True),
    ("questions.close_question", "S-17", Role.CELL_SECRETARY, "cell_a1", "question", False),
]


@pytest.fixture
def objects(personas):
    from xeploai.campaigns.models import Campaign, Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open
    from xeploai.questions.services import question_ask

    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=personas.province)
    campaign_open(campaign=campaign)
    other = Campaign.objects.create(
        year=2023, ruleset="kh181-2023", root=personas.district_a, name="Huyện A 2023",
        reference_date=campaign.reference_date,
    )
    in_campaign = Subject.objects.filter(campaign=campaign)
    asker = get_user_model().objects.create_user(username="asker", password="pw")
    RoleAssignment.objects.create(user=asker, role=Role.CELL_SECRETARY, organization=personas.cell_a1)
    question = question_ask(
        campaign=campaign, organization=personas.cell_a1, asker=asker, title="Hỏi", body="Nội dung"
    )
    return {
        "member": in_campaign.select_related("person__workplace").get(
            person=personas.member_a1, subject_type="PARTY_MEMBER"
        ),
        "cell_committee": in_campaign.get(collective=personas.cell_committee),
        "cell_organization": in_campaign.get(organization=personas.cell_a1, subject_type="ORGANIZATION"),
        "district_org": in_campaign.get(
            organization=personas.district_a, subject_type="ORGANIZATION"
        ),
        "campaign": campaign,
        "other_campaign": other,
        "cell_a1": personas.cell_a1,
        "staff_a": personas.staff_a,
        "question": question,
        "member_person": personas.member_a1,
        "task": Task.objects.create(
            person=personas.member_a1, title="Báo cáo", assigned_on=date(2026, 1, 5),
            due_on=date(2026, 3, 31), done_on=date(2026, 3, 20),
        ),
        None: None,
    }


def _holder(personas, role: str, at: str):
    user = get_user_model().objects.create_user(username=f"{role.lower()}-{at}", password="pw")
    person = None
    if role == Role.MEMBER:
        person = personas.member_a1 if at == "cell_a1" else personas.teacher_b1
    RoleAssignment.objects.create(user=user, role=role, organization=getattr(personas, at), person=person)
    return user


@pytest.mark.parametrize(
    ("permission", "rule", "role", "at", "target", "expected"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{c[2]}@{c[3]}-{'yes' if c[5] else 'no'}" for c in CASES],
)
def test_permission(personas, objects, permission, rule, role, at, target, expected):  # noqa: ARG001 - rule id
    user = _holder(personas, role, at)
    assert user.has_perm(permission, objects[target]) is expected


def test_every_permission_has_an_allowed_and_a_refused_case():
    allowed = {c[0] for c in CASES if c[5]}
    refused = {c[0] for c in CASES if not c[5]}
    assert allowed == refused == set(PERMISSIONS)


def test_superuser_has_every_permission_and_anonymous_none(personas, objects):
    from django.contrib.auth.models import AnonymousUser

    for permission in PERMISSIONS:
        assert personas.superuser.has_perm(permission, objects["member"])
        assert not AnonymousUser().has_perm(permission, objects["member"])


def test_grants_are_read_once_per_request(personas, objects, django_assert_num_queries):
    user = _holder(personas, Role.STANDING_COMMITTEE, "commune_a1")
    member = objects["member"]
    with django_assert_num_queries(1):
        for permission in PERMISSIONS:
            user.has_perm(permission, member)


@pytest.mark.parametrize("target", [None, "cell_a1", "staff_a", "question"])
def test_an_object_of_another_kind_is_refused_not_a_crash(personas, objects, target):
    """Asking a permission about no object, or an object of another kind, answers no (never an error)."""
    user = _holder(personas, Role.MEMBER, "cell_b1")
    for permission in PERMISSIONS:
        assert user.has_perm(permission, objects[target]) is False
