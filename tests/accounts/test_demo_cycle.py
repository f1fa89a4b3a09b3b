"""The demo's accounts alone carry the whole 2023 cycle for the demo cell, its commune and its district.

For each stage (self-review R-81, opinion R-82/S-12, proposal R-82, appraisal S-16, decision R-86,
publication R-88, appeal resolution R-81) and each subject of the demo cell (a party member, the cell), the
demo commune (the party organization, its executive committee) and the demo district (the party
organization, its standing committee), some demo account holds the permission. Runs the hidden
``--scale tiny`` demo, then opens the province's 2023 campaign.
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
def demo_output(settings):
    settings.DEBUG = True  # the demo command runs only on a development machine
    out = StringIO()
    call_command("demo", "--seed", "1", "--scale", "tiny", stdout=out)
    return out.getvalue()


@pytest.fixture
def subjects(demo_output):  # noqa: ARG001 - the demo data
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open
    from xeploai.registry.models import Organization

    def at(username: str) -> RoleAssignment:
        return RoleAssignment.objects.select_related("organization", "person").get(user__username=username)

    member = RoleAssignment.objects.select_related("organization").get(role=Role.MEMBER)
    commune = at(next(u for u in usernames() if u.startswith("danguy."))).organization
    district = at(next(u for u in usernames() if u.startswith("huyenuy."))).organization
    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=Organization.objects.get(parent=None))
    campaign_open(campaign=campaign)
    s = Subject.objects.filter(campaign=campaign).select_related("person__workplace", "unit")
    return {
        "the demo member": s.get(person_id=member.person_id, subject_type="PARTY_MEMBER"),
        "the demo cell": s.get(organization=member.organization, subject_type="ORGANIZATION"),
        "the commune's party organization": s.get(organization=commune, subject_type="ORGANIZATION"),
        "the commune's executive committee": s.get(
            collective__organization=commune, collective__kind=CollectiveKind.EXECUTIVE_COMMITTEE
        ),
        "the district's party organization": s.get(organization=district, subject_type="ORGANIZATION"),
        "the district's standing committee": s.get(
            collective__organization=district, collective__kind=CollectiveKind.STANDING_COMMITTEE
        ),
    }


def usernames() -> list[str]:
    return list(RoleAssignment.objects.values_list("user__username", flat=True))


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


def test_a_party_member_is_decided_by_the_communes_standing_committee(subjects):
    """R-86: the grassroots committee decides its cells' members (one level down); R-81: the district,
    the committee above it, resolves their appeals."""
    member = subjects["the demo member"]
    deciders = [a for a in RoleAssignment.objects.select_related("user") if a.user.has_perm(
        "campaigns.decide_subject", member)]
    assert {a.role for a in deciders} == {Role.STANDING_COMMITTEE}
    assert {a.organization.tier for a in deciders} == {"GRASSROOTS"}
    resolvers = [a for a in RoleAssignment.objects.select_related("user", "organization") if a.user.has_perm(
        "campaigns.resolve_appeal", member)]
    assert {a.organization.tier for a in resolvers} == {"DISTRICT", "PROVINCE"}


def test_the_province_resolves_appeals_on_what_it_decided_for_the_district(subjects):
    """R-81: at the top of the tree the province's standing committee re-evaluates its subordinates."""
    district = subjects["the district's party organization"]
    province_committee = get_user_model().objects.get(username="thuongvu")
    assert province_committee.has_perm("campaigns.decide_subject", district)
    assert province_committee.has_perm("campaigns.resolve_appeal", district)
    district_committee = next(
        a.user for a in RoleAssignment.objects.select_related("user")
        if a.role == Role.STANDING_COMMITTEE and a.user.username.startswith("thuongvu.")
        and a.organization_id == district.organization_id
    )
    assert not district_committee.has_perm("campaigns.decide_subject", district)  # nobody decides itself


def test_every_demo_account_belongs_to_a_registry_person_named_on_the_user(demo_output):
    assignments = RoleAssignment.objects.select_related("user", "person")
    assert assignments.count() == 11
    for a in assignments:
        assert a.person is not None, a.user.username
        assert a.user.get_full_name() == a.person.full_name
        assert a.user.check_password(PASSWORD)
    assert len({a.person_id for a in assignments}) == assignments.count()  # one post per person


def test_the_command_prints_the_accounts_by_unit(demo_output):
    """Unit name, then role — person's name — username / password, province first."""
    lines = demo_output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Tài khoản thử nghiệm"))
    shown = lines[start + 1:]
    commune = RoleAssignment.objects.select_related("organization", "person", "user").get(
        role=Role.STANDING_COMMITTEE, organization__tier="GRASSROOTS"
    )
    assert shown[0].strip() == RoleAssignment.objects.get(user__username="bantochuc").organization.name
    expected = f"Ban Thường vụ — {commune.person.full_name} — {commune.user.username} / {PASSWORD}"
    unit = shown.index(f"  {commune.organization.name}")
    assert expected in [line.strip() for line in shown[unit:]]


def test_make_run_on_a_filled_database_completes_and_prints_the_accounts(demo_output, settings):
    """``demo --if-empty`` on an earlier demo's database adds missing accounts and prints them all."""
    get_user_model().objects.filter(username__startswith="thuongvu.").delete()
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert RoleAssignment.objects.filter(role=Role.STANDING_COMMITTEE).count() == 3
    assert "thuongvu.dt." in out.getvalue()
