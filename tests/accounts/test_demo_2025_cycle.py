"""The 2025 province's demo accounts alone carry the whole 2025 cycle, with no district in between.

For each stage (self-review R-81, opinion R-82/S-12, proposal R-82, appraisal S-16, decision R-86,
publication R-88, appeal and its resolution R-81) and each subject around the demo commune — a party member
of its hamlet cell and the cell, a công chức of its people's committee, the commune's party organization and
its executive and standing committees (R-21), the provincial people's committee's party committee — some
demo account of the 2025 province holds the permission. Runs ``demo --structure 2025 --scale tiny`` and
opens the 2025 campaign (``qd366-2025``).
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from xeploai.accounts.models import Role, RoleAssignment
from xeploai.registry.demo.load import PASSWORD
from xeploai.registry.models import CollectiveKind

pytestmark = pytest.mark.django_db

STAGES = {
    "self-review": "campaigns.write_review",
    "opinion": "campaigns.write_opinion",  # R-82, S-12
    "proposal": "campaigns.propose_level",
    "appraisal": "campaigns.appraise_subject",  # S-16
    "decision": "campaigns.decide_subject",
    "publication": "campaigns.publish_subject",
    "appeal": "campaigns.lodge_appeal",
    "appeal resolution": "campaigns.resolve_appeal",
}


@pytest.fixture
def subjects(settings):
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open
    from xeploai.registry.models import Organization

    settings.DEBUG = True  # the demo command runs only on a development machine
    call_command("demo", "--seed", "1", "--scale", "tiny", "--structure", "2025", stdout=StringIO())
    campaign = campaign_create(year=2025, ruleset="qd366-2025", root=Organization.objects.get(code="VL"))
    campaign_open(campaign=campaign)

    def held(username: str) -> RoleAssignment:
        return RoleAssignment.objects.select_related("organization").get(user__username=username)

    commune = held("thuongvu.vl.p01").organization
    member = next(
        a for a in RoleAssignment.objects.filter(role=Role.MEMBER) if a.user.username.startswith("dangvien.")
    )
    servant = next(
        a for a in RoleAssignment.objects.filter(role=Role.MEMBER) if a.user.username.startswith("congchuc.")
    )
    s = Subject.objects.filter(campaign=campaign)
    return {
        "the demo member": s.get(person_id=member.person_id, subject_type="PARTY_MEMBER"),
        "the demo cell": s.get(organization=member.organization, subject_type="ORGANIZATION"),
        "the công chức": s.get(person_id=servant.person_id, subject_type="CIVIL_SERVANT"),
        "the commune's party organization": s.get(organization=commune, subject_type="ORGANIZATION"),
        "the commune's executive committee": s.get(
            collective__organization=commune, collective__kind=CollectiveKind.EXECUTIVE_COMMITTEE
        ),
        "the commune's standing committee": s.get(
            collective__organization=commune, collective__kind=CollectiveKind.STANDING_COMMITTEE
        ),
        "the people's committee's party committee": s.get(
            organization=held("danguy.vl.ubnd").organization, subject_type="ORGANIZATION"
        ),
    }


def test_every_stage_of_every_demo_subject_has_a_demo_account(subjects):
    users = list(get_user_model().objects.filter(role_assignments__isnull=False).distinct())
    assert not [u for u in users if u.is_superuser]
    missing = [
        f"{stage} of {what}"
        for what, subject in subjects.items()
        for stage, permission in STAGES.items()
        if not any(u.has_perm(permission, subject) for u in users)
    ]
    assert missing == []


def test_the_commune_is_decided_by_the_province_directly(subjects):
    """No district tier: the province's standing committee decides the commune's party organization and
    its standing committee (R-86), the commune not its own organization; the commune's standing committee
    decides its cells' members."""
    province = get_user_model().objects.get(username="thuongvu.vl")
    commune_committee = get_user_model().objects.get(username="thuongvu.vl.p01")
    for what in ("the commune's party organization", "the commune's standing committee"):
        assert province.has_perm("campaigns.decide_subject", subjects[what])
    assert not commune_committee.has_perm(
        "campaigns.decide_subject", subjects["the commune's party organization"]
    )
    assert commune_committee.has_perm("campaigns.decide_subject", subjects["the demo member"])


def test_every_2025_demo_account_belongs_to_a_registry_person_named_on_the_user(subjects):  # noqa: ARG001
    assignments = RoleAssignment.objects.select_related("user", "person")
    assert assignments.count() == 9
    for a in assignments:
        assert a.person is not None, a.user.username
        assert a.user.get_full_name() == a.person.full_name
        assert a.user.check_password(PASSWORD)
    assert len({a.person_id for a in assignments}) == assignments.count()  # one post per person
