"""The personal-data policy (accounts/personal_data.py) on the person page, search and the audit pages,
and the audit events for a view of a person's record (conventions.md §4.1: least privilege down the tree;
identity numbers, health, discipline and review records are personal data; every read of a record by an
officer is logged; docs/adr/0004-personal-data-policy.md).

Đặng Văn Ân (member_a2, cell_a2, working at district A's people's committee) carries a citizen ID, a
party card, a birth date (02/03/1990), a sick-leave note and a discipline note.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from xeploai.accounts import personal_data as pd
from xeploai.accounts.models import Role, RoleAssignment

pytestmark = pytest.mark.django_db

CCCD, CARD = "087090001234", "08701234567"
SICK_NOTE, DISCIPLINE_NOTE = "Điều trị bệnh mạn tính", "Vi phạm quy định về đất đai"
# What a role held at district_a sees of Đặng Văn Ân, field by field (the ADR's table).
EXPECTED = {
    Role.ADMIN: "full full full full full full",
    Role.ORG_COMMISSION: "full full full full full full",
    Role.COMMITTEE_OFFICER: "masked masked full full full full",
    Role.CELL_SECRETARY: "masked masked full full full full",
    Role.STANDING_COMMITTEE: "masked masked masked masked masked full",
    Role.SUPERVISOR: "masked masked masked masked masked full",
    Role.ADVISORY_AGENCY: "masked masked masked masked masked full",
    Role.MEMBER: "hidden hidden hidden hidden hidden hidden",
}


@pytest.fixture
def an(personas):
    from xeploai.registry.models import Discipline, StatusPeriod

    p = personas.member_a2
    p.party_card_number = CARD
    p.save()
    StatusPeriod.objects.create(person=p, kind="SICK_LEAVE", start=dt.date(2023, 2, 1), note=SICK_NOTE)
    Discipline.objects.create(person=p, form="REPRIMAND", side="PARTY", decided_on=dt.date(2022, 5, 4),
                              violation_year=2022, note=DISCIPLINE_NOTE)
    return p


def _officer(django_user_model, personas, role, at=None):
    user = django_user_model.objects.create_user(username=f"u-{role.lower()}", password="pw")
    RoleAssignment.objects.create(user=user, role=role, organization=at or personas.district_a)
    return user


def test_every_role_has_a_line_in_the_policy_table():
    """conventions.md §4.1: no role reads personal data without a decision written down for it."""
    assert set(pd.POLICY) == set(Role.values)
    assert all(set(levels) == set(pd.FIELDS) for levels in pd.POLICY.values())


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_inside_the_subtree_gets_the_tables_access(personas, an, django_user_model, role):
    """conventions.md §4.1: field-level access by role for a person inside the role's subtree."""
    user = _officer(django_user_model, personas, role)
    assert " ".join(pd.person_fields_for(user, an)[f] for f in pd.FIELDS) == EXPECTED[role]


def test_outside_the_subtree_everything_is_hidden_and_the_widest_role_wins(personas, an, django_user_model):
    """conventions.md §4.1: a role elsewhere in the tree gives nothing; two roles: the wider."""
    user = _officer(django_user_model, personas, Role.ORG_COMMISSION, personas.district_b)
    assert set(pd.person_fields_for(user, an).values()) == {pd.HIDDEN}
    RoleAssignment.objects.create(user=user, role=Role.SUPERVISOR, organization=personas.commune_a1)
    RoleAssignment.objects.create(user=user, role=Role.CELL_SECRETARY, organization=personas.cell_a2)
    user = type(user).objects.get(pk=user.pk)  # a fresh scope
    levels = pd.person_fields_for(user, an)
    assert (levels[pd.CITIZEN_ID], levels[pd.BIRTH_DATE], levels[pd.STATUSES]) == ("masked", "full", "full")


def test_a_member_sees_their_own_record_in_full(personas):
    """conventions.md §4.1: the data subject reads their own data."""
    assert set(pd.person_fields_for(personas.cell_a1_member, personas.member_a1).values()) == {pd.FULL}
    assert pd.citizen_id_for(personas.cell_a1_member, personas.member_a1) == "087190004321"


@pytest.mark.parametrize("field_name", pd.FIELDS)
def test_people_seen_in_the_database_are_those_the_reader_sees_one_by_one(personas, field_name):
    """``people_seen`` (a list filtered in the database, e.g. the tasks to confirm) keeps exactly the
    people ``Reader.sees`` shows: for every persona, every person and every field of the policy."""
    from django.contrib.auth import get_user_model

    from xeploai.accounts.access import person_paths
    from xeploai.registry.models import Person

    people = list(Person.objects.select_related("party_organization", "workplace"))
    for user in get_user_model().objects.all():
        reader = pd.reader_for(user)
        query = pd.people_seen(reader, field_name)
        found = {p.pk for p in people} if query is None else set(query.values_list("pk", flat=True))
        expected = {p.pk for p in people if reader.sees(field_name, person_id=p.pk, paths=person_paths(p))}
        assert found == expected, user.username


def test_masks_keep_the_tail_and_the_year():
    assert pd.shown(pd.CITIZEN_ID, CCCD, pd.MASKED) == "••••••••1234"
    assert pd.shown(pd.PARTY_CARD, CARD, pd.MASKED) == "•••••••4567"
    assert pd.shown(pd.BIRTH_DATE, dt.date(1990, 3, 2), pd.MASKED) == "1990"
    assert pd.shown(pd.BIRTH_DATE, "1990-03-02", pd.MASKED) == "1990"  # as an audit snapshot holds it
    assert pd.shown(pd.STATUSES, SICK_NOTE, pd.MASKED) is None
    assert pd.shown(pd.CITIZEN_ID, CCCD, pd.HIDDEN) is None
    assert pd.shown(pd.CITIZEN_ID, "", pd.MASKED) == ""


@pytest.mark.parametrize(("role", "shows", "hides"), [
    (Role.ORG_COMMISSION, [CCCD, CARD, "02/03/1990", SICK_NOTE, DISCIPLINE_NOTE], []),
    (Role.COMMITTEE_OFFICER, ["••••••••1234", "•••••••4567", "02/03/1990", SICK_NOTE, DISCIPLINE_NOTE],
     [CCCD, CARD]),
    (Role.SUPERVISOR, ["••••••••1234", "•••••••4567", "1990"], [CCCD, CARD, "02/03/1990", SICK_NOTE,
                                                                DISCIPLINE_NOTE]),
])  # fmt: skip
def test_person_page_shows_each_field_as_the_policy_says(client, personas, an, django_user_model, role,
                                                          shows, hides):
    """conventions.md §4.1: the person page masks what the reader's role may not see in full."""
    client.force_login(_officer(django_user_model, personas, role))
    html = client.get(reverse("web:person", args=[an.pk])).content.decode()
    for text in shows:
        assert text in html
    for text in hides:
        assert text not in html


def test_an_officers_view_of_a_person_is_an_audit_event_but_not_the_persons_own(client, personas, an):
    """conventions.md §4.1: every read of a person's record by an officer is logged (who, what, rows)."""
    from xeploai.audit.models import AuditEvent

    client.force_login(personas.district_a_officer)
    assert client.get(reverse("web:person", args=[an.pk])).status_code == 200
    event = AuditEvent.objects.order_by("-seq").first()
    officer = personas.district_a_officer
    assert (event.action, event.actor_id, event.object_id) == ("person.viewed", officer.pk, str(an.pk))
    assert event.after == {"rows": 1}
    assert event.org_path == personas.cell_a2.path
    views = AuditEvent.objects.filter(action="person.viewed")
    count = views.count()
    client.force_login(personas.cell_a1_member)
    assert client.get(reverse("web:person", args=[personas.member_a1.pk])).status_code == 200
    assert views.count() == count


@pytest.mark.parametrize(("role", "found"), [
    (Role.ADMIN, True), (Role.ORG_COMMISSION, True), (Role.COMMITTEE_OFFICER, False),
    (Role.CELL_SECRETARY, False), (Role.STANDING_COMMITTEE, False), (Role.SUPERVISOR, False),
    (Role.ADVISORY_AGENCY, False),
])  # fmt: skip
def test_search_by_full_citizen_id_only_for_roles_that_see_it(client, personas, an, django_user_model, role,
                                                              found):
    """conventions.md §4.1: a full CCCD must not be a way to confirm who holds it for a masked role."""
    at = personas.cell_a2 if role == Role.CELL_SECRETARY else personas.district_a
    client.force_login(_officer(django_user_model, personas, role, at))
    assert ("Đặng Văn Ân" in client.get(reverse("web:search"), {"q": "dang van an"}).content.decode())
    html = client.get(reverse("web:search"), {"q": CCCD}).content.decode()
    assert ("Đặng Văn Ân" in html) is found


def test_search_by_citizen_id_outside_the_subtree_finds_nobody(client, personas, an, django_user_model):
    client.force_login(_officer(django_user_model, personas, Role.ORG_COMMISSION, personas.district_b))
    assert "Đặng Văn Ân" not in client.get(reverse("web:search"), {"q": CCCD}).content.decode()


def _change_citizen_id(personas, an):
    from xeploai.audit.context import audit_context

    with audit_context(actor=personas.superuser):
        an.citizen_id = "087090009999"
        an.birth_date = dt.date(1990, 4, 5)
        an.save()


@pytest.mark.parametrize(("role", "shows", "hides"), [
    (Role.ORG_COMMISSION, [CCCD, "087090009999", "02/03/1990", "05/04/1990"], []),
    (Role.ADMIN, [CCCD, "087090009999"], []),
    (Role.STANDING_COMMITTEE, ["••••••••1234", "••••••••9999"],
     [CCCD, "087090009999", "02/03/1990", "1990-03-02"]),
])  # fmt: skip
def test_audit_pages_show_person_fields_as_the_policy_says(client, personas, an, django_user_model, role,
                                                           shows, hides):
    """conventions.md §4.1: the before/after values of the audit trail pass through the same policy."""
    _change_citizen_id(personas, an)
    client.force_login(_officer(django_user_model, personas, role))
    for url in (reverse("audit:organization", args=[personas.district_a.pk]), reverse("audit:index")):
        html = client.get(url).content.decode()
        for text in shows:
            assert text in html
        for text in hides:
            assert text not in html


def test_a_party_member_never_exports_the_registry(client, personas):
    """conventions.md §4.1: no export of named lists outside the authorised chain."""
    from xeploai.audit.models import AuditEvent

    client.force_login(personas.cell_a1_member)
    count = AuditEvent.objects.count()
    response = client.post(reverse("workbook:export"))
    assert response.status_code == 403
    assert "đảng viên chỉ được xem thông tin của chính mình" in response.content.decode()
    assert AuditEvent.objects.count() == count


def test_registry_export_is_an_audit_event_with_rows_per_sheet(client, personas, an, job_file):
    """conventions.md §4.1: who exported, what and how many rows (recorded when the file is downloaded)."""
    from xeploai.audit.models import AuditEvent

    client.force_login(personas.district_a_officer)
    job_file(client, client.post(reverse("workbook:export")))
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.actor_id, event.org_path) == (
        "registry.exported", personas.district_a_officer.pk, personas.district_a.path)
    assert event.after["rows"] == 4  # Bình and Cúc (cell_a1), Ân (cell_a2), Đức (district A's UBND)
    assert event.after["sheets"]["Ca_nhan"] == 4
