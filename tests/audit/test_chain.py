"""The audit trail: append-only, hash-chained, verified by ``manage.py verify_audit``."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from xeploai.audit.chain import GENESIS, verify_chain
from xeploai.audit.context import audit_context
from xeploai.audit.models import AuditEvent
from xeploai.audit.services import audit_record, snapshot


def run_verify() -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit", stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def drop_triggers() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER audit_event_append_only ON audit_event")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update")
            cursor.execute("DROP TRIGGER audit_event_no_delete")


@pytest.fixture
def three_events(db):
    events = [
        audit_record(action="campaign.opened", org_path="00000001", after={"status": "OPEN"}),
        audit_record(
            action="rating.decided",
            org_path="0000000100000002",
            before={"level": 2},
            after={"level": 3, "on": dt.date(2023, 12, 15)},
        ),
        audit_record(
            action="registry.person.changed",
            org_path="00000001",
            before={"full_name": "Lê Thị Cúc"},
            after={"full_name": "Lê Thị Cúc Hoa"},
        ),
    ]
    return events


def test_events_are_chained(three_events):
    first, second, third = three_events
    assert [e.seq for e in three_events] == [1, 2, 3]
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert len({e.hash for e in three_events}) == 3


def test_intact_chain_verifies(three_events):
    code, out, _ = run_verify()
    assert code == 0
    assert "Nhật ký toàn vẹn: 3 sự kiện" in out


def test_empty_trail_verifies(db):
    code, out, _ = run_verify()
    assert code == 0
    assert "Nhật ký toàn vẹn: 0 sự kiện" in out


def test_dates_are_stored_as_iso_strings_and_still_verify(three_events):
    stored = AuditEvent.objects.get(seq=2)
    assert stored.after == {"level": 3, "on": "2023-12-15"}
    assert verify_chain().ok


def test_tampered_after_is_detected_and_named(three_events):
    # Given someone with database access who drops the trigger and edits a stored value
    drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_event SET after = %s WHERE seq = 2", ['{"level": 1, "on": "2023-12-15"}']
        )
    # Then verify_audit fails on that row and says what differs
    code, out, err = run_verify()
    assert code == 1
    assert "dòng 2" in err
    assert "sự kiện số 2" in err
    assert "nội dung đã bị sửa" in err
    assert "toàn vẹn" not in out


def test_deleted_row_is_detected(three_events):
    drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_event WHERE seq = 2")
    code, _, err = run_verify()
    assert code == 1
    assert "dòng 2" in err
    assert "có sự kiện đã bị xóa" in err


def test_rehashed_row_still_breaks_the_next_link(three_events):
    # A forger who edits row 2 and recomputes its own hash still breaks row 3's prev_hash.
    from xeploai.audit.chain import compute_hash

    drop_triggers()
    row = AuditEvent.objects.filter(seq=2).values().get()
    row["after"] = {"level": 1}
    forged = compute_hash(row["prev_hash"], row)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_event SET after = %s, hash = %s WHERE seq = 2", ['{"level": 1}', forged])
    report = verify_chain()
    assert not report.ok
    assert report.broken.seq == 3
    assert report.broken.code == "prev_hash"


def test_orm_update_and_delete_are_refused(three_events):
    event = AuditEvent.objects.get(seq=1)
    event.action = "campaign.closed"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    with pytest.raises(ValidationError):
        AuditEvent.objects.filter(seq=1).update(action="x")
    with pytest.raises(ValidationError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(seq=1).action == "campaign.opened"


@pytest.mark.parametrize("statement", ["UPDATE audit_event SET action = 'x'", "DELETE FROM audit_event"])
def test_database_trigger_refuses_raw_update_and_delete(three_events, statement):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.count() == 3
    assert verify_chain().ok


def test_actor_and_ip_come_from_the_context(personas):
    with audit_context(actor=personas.province_officer, ip="10.0.0.7"):
        event = audit_record(action="campaign.opened")
    assert event.actor == personas.province_officer
    assert event.actor_name == "province_officer"
    assert event.ip == "10.0.0.7"
    # Explicit arguments win over the context; a command (no context) has no actor.
    assert audit_record(action="campaign.closed").actor is None


def test_snapshot_is_json_safe(personas):
    data = snapshot(personas.member_a2)
    assert data["birth_date"] == "1990-03-02"
    assert data["party_organization"] == personas.cell_a2.pk
    assert data["full_name"] == "Đặng Văn Ân"
