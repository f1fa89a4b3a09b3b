"""Registry changes are audited (who, when, from where, before → after); bulk imports record one summary."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from xeploai.audit.chain import verify_chain
from xeploai.audit.context import audit_context, audit_muted
from xeploai.audit.models import AuditEvent
from xeploai.registry.models import Organization, OrganizationKind, Person, StatusKind, StatusPeriod, Tier
from xeploai.registry.signals import workbook_imported


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-seq").first()


def test_person_change_records_before_and_after(personas):
    person = Person.objects.get(pk=personas.member_a1.pk)
    person.full_name = "Lê Thị Cúc Hoa"
    with audit_context(actor=personas.province_officer, ip="192.168.1.20"):
        person.save()
    event = last_event()
    assert event.action == "registry.person.changed"
    assert event.object_type == "registry.person"
    assert event.object_id == str(person.pk)
    assert event.before["full_name"] == "Lê Thị Cúc"
    assert event.after["full_name"] == "Lê Thị Cúc Hoa"
    assert "name_folded" not in event.after  # derived columns are not part of the record
    assert event.actor == personas.province_officer
    assert event.ip == "192.168.1.20"
    assert event.org_path == personas.cell_a1.path
    assert verify_chain().ok


def test_save_without_change_records_nothing(personas):
    before = AuditEvent.objects.count()
    Person.objects.get(pk=personas.member_a1.pk).save()
    assert AuditEvent.objects.count() == before


def test_new_organization_gets_its_own_path(personas):
    org = Organization.objects.create(
        code="T.A.X1.C3",
        name="Chi bộ ấp 3",
        kind=OrganizationKind.CELL,
        tier=Tier.BELOW_GRASSROOTS,
        parent=personas.commune_a1,
    )
    event = last_event()
    assert event.action == "registry.organization.created"
    assert event.before is None
    assert event.after["name"] == "Chi bộ ấp 3"
    assert event.org_path == org.path


def test_deletion_is_recorded_with_the_old_values(personas):
    period = StatusPeriod.objects.create(
        person=personas.member_a1, kind=StatusKind.SICK_LEAVE, start="2023-03-01"
    )
    period.delete()
    event = last_event()
    assert event.action == "registry.statusperiod.deleted"
    assert event.before["kind"] == "SICK_LEAVE"
    assert event.before["start"] == "2023-03-01"
    assert event.after is None
    assert event.org_path == personas.cell_a1.path


def test_muted_bulk_path_records_one_summary(personas):
    before = AuditEvent.objects.count()
    with audit_muted():
        for i in range(5):
            Person.objects.create(
                code=f"P-BULK-{i}", full_name=f"Người Thứ {i}", party_organization=personas.cell_a2
            )
        workbook_imported.send(
            sender=None, created={"Ca_nhan": 5}, updated={}, unchanged={}, file_name="dang_vien.xlsx"
        )
    assert AuditEvent.objects.count() == before + 1
    event = last_event()
    assert event.action == "registry.workbook.imported"
    assert event.after["created"] == {"Ca_nhan": 5}


@pytest.mark.urls("audit_test_urls")
def test_admin_change_is_attributed_when_the_middleware_runs(client, personas, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "xeploai.audit.context.AuditContextMiddleware"]
    client.force_login(personas.superuser)
    person = personas.teacher_b1
    url = f"/admin/registry/person/{person.pk}/change/"
    data = {
        "code": person.code,
        "full_name": "Nguyễn Văn Anh",
        "party_organization": person.party_organization_id,
        "admitted_on": "2010-05-19",
        "civil_service_category": "NONE",
        "status_periods-TOTAL_FORMS": "0",
        "status_periods-INITIAL_FORMS": "0",
    }
    response = client.post(url, data, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = last_event()
    assert event.action == "registry.person.changed"
    assert event.actor == personas.superuser
    assert event.ip == "203.0.113.9"
    assert event.before["full_name"] == "Nguyễn Văn An"
    assert event.after["full_name"] == "Nguyễn Văn Anh"


def test_deleting_a_user_leaves_the_trail_intact(personas):
    with audit_context(actor=personas.district_b_officer):
        Person.objects.filter(pk=personas.teacher_b1.pk).get().delete()
    get_user_model().objects.filter(pk=personas.district_b_officer.pk).delete()
    # The user's role goes with them (its revocation is the newest event); the deletion keeps its actor.
    assert last_event().action == "accounts.role.revoked"
    event = AuditEvent.objects.filter(action="registry.person.deleted").get()
    assert event.actor_name == "district_b_officer"
    assert verify_chain().ok
