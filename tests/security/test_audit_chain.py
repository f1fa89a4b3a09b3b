"""The audit chain cannot be rewritten silently (issue 10, item 6): keyed links, checkpoints kept outside
the database, timestamps that survive a dump, and the one-time re-keying of an old plain SHA-256 chain."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import io
import json
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from xeploai.audit.chain import GENESIS, HASHED_FIELDS, canonical_json, compute_hash, verify_chain
from xeploai.audit.models import AuditEvent
from xeploai.audit.services import audit_record

REKEY = importlib.import_module("xeploai.audit.migrations.0003_keyed_chain")
TRIGGERS = importlib.import_module("xeploai.audit.migrations.0002_append_only_triggers")


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def lift_triggers() -> None:
    """What someone with direct database access does first: drop the append-only triggers."""
    TRIGGERS.drop_triggers(None, SimpleNamespace(connection=connection, execute=raw_sql))


def raw_sql(sql: str, params: object = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def plain_sha256(prev_hash: str, row: dict) -> str:
    """A forger's link without the key: the old scheme, SHA-256 of the previous hash and the fields."""
    payload = {name: row[name] for name in HASHED_FIELDS}
    payload["created_at"] = row["created_at"].astimezone(dt.UTC).isoformat(timespec="milliseconds")
    return hashlib.sha256((prev_hash + canonical_json(payload)).encode()).hexdigest()


def rehash_from(seq: int, link) -> None:
    """Recompute ``hash`` and ``prev_hash`` of every row from ``seq`` on with ``link``, by raw SQL."""
    rows = list(AuditEvent.objects.order_by("seq").values())
    prev_hash = rows[seq - 2]["hash"] if seq > 1 else GENESIS
    for row in rows[seq - 1:]:
        new_hash = link(prev_hash, row)
        sql = "UPDATE audit_event SET prev_hash = %s, hash = %s WHERE seq = %s"
        raw_sql(sql, [prev_hash, new_hash, row["seq"]])
        prev_hash = new_hash


@pytest.fixture
def five_events(db):
    for n in range(1, 6):
        audit_record(action="rating.decided", org_path="00000001", before={"level": 2}, after={"level": n})
    return list(AuditEvent.objects.order_by("seq"))


def test_links_are_keyed_with_the_audit_key_not_plain_sha256(five_events, settings):
    first = five_events[0]
    row = AuditEvent.objects.filter(seq=1).values().get()
    assert first.hash == compute_hash(GENESIS, row)
    assert first.hash != plain_sha256(GENESIS, row)
    assert first.hash != compute_hash(GENESIS, row, key=b"another key")
    settings.XEPLOAI_AUDIT_KEY = "a different key"  # the same trail checked with another key fails at row 1
    assert verify_chain().broken.seq == 1


def test_row_edited_and_chain_recomputed_with_plain_sha256_is_detected(five_events):
    # Given a forger who lifts the triggers, edits row 3 and recomputes the chain from there without the key
    lift_triggers()
    raw_sql("UPDATE audit_event SET after = %s WHERE seq = 3", ['{"level": 5}'])
    rehash_from(3, plain_sha256)
    # Then the prev_hash links agree, but row 3's link is not the keyed one
    code, out, err = run("verify_audit")
    assert code == 1
    assert "dòng 3 (sự kiện số 3" in err
    assert "mã băm được tính lại không có khóa" in err
    assert "toàn vẹn" not in out


def test_row_edited_and_rehashed_with_a_wrong_key_is_detected(five_events):
    lift_triggers()
    raw_sql("UPDATE audit_event SET after = %s WHERE seq = 2", ['{"level": 4}'])
    rehash_from(2, lambda prev, row: compute_hash(prev, row, key=b"guessed-key"))
    code, _, err = run("verify_audit")
    assert code == 1
    assert "sự kiện số 2" in err


def test_hash_replaced_by_any_text_is_reported_not_a_crash(five_events):
    lift_triggers()
    raw_sql("UPDATE audit_event SET hash = %s WHERE seq = 5", ["mã băm giả"])
    code, _, err = run("verify_audit")
    assert code == 1
    assert "sự kiện số 5" in err
    assert "mã băm giả" in err


def test_checkpoint_file_holds_the_head_and_the_count(five_events, tmp_path):
    path = tmp_path / "audit.json"
    code, out, _ = run("audit_checkpoint", str(path))
    assert code == 0
    data = json.loads(path.read_text())
    assert (data["seq"], data["count"], data["hash"]) == (5, 5, five_events[-1].hash)
    assert data["format"] == "xeploai-audit-checkpoint/1"
    assert dt.datetime.fromisoformat(data["taken_at"]).tzinfo is not None
    assert "5 sự kiện" in out


def test_checkpoint_is_matched_by_an_intact_chain_that_grew(five_events, tmp_path):
    path = tmp_path / "audit.json"
    run("audit_checkpoint", str(path))
    audit_record(action="campaign.closed")
    code, out, _ = run("verify_audit", "--checkpoint", str(path))
    assert code == 0
    assert "Nhật ký toàn vẹn: 6 sự kiện" in out
    assert "Khớp mốc" in out


def test_truncated_chain_passes_alone_and_is_detected_by_the_checkpoint(five_events, tmp_path):
    path = tmp_path / "audit.json"
    run("audit_checkpoint", str(path))
    # Given the two newest events deleted: what is left is a valid chain
    lift_triggers()
    raw_sql("DELETE FROM audit_event WHERE seq >= 4")
    assert run("verify_audit")[0] == 0
    # Then only the checkpoint shows it, naming the file and the counts
    code, out, err = run("verify_audit", "--checkpoint", str(path))
    assert code == 1
    assert "Nhật ký bị cắt ngắn so với mốc" in err
    assert str(path) in err
    assert "mốc ghi 5 sự kiện (đến sự kiện số 5), nhật ký chỉ còn 3 sự kiện" in err
    assert "toàn vẹn" not in out


def test_truncated_then_refilled_chain_is_detected_by_the_checkpoint(five_events, tmp_path):
    # Newest events deleted, then as many new ones appended: same count, but the checkpoint's head is gone.
    path = tmp_path / "audit.json"
    run("audit_checkpoint", str(path))
    lift_triggers()
    raw_sql("DELETE FROM audit_event WHERE seq >= 4")
    TRIGGERS.create_triggers(None, SimpleNamespace(connection=connection, execute=raw_sql))
    audit_record(action="campaign.opened")
    audit_record(action="campaign.opened")
    assert run("verify_audit")[0] == 0
    code, _, err = run("verify_audit", "--checkpoint", str(path))
    assert code == 1
    assert "Nhật ký bị viết lại so với mốc" in err
    assert "sự kiện số 5" in err


def test_chain_rewritten_with_the_key_is_detected_by_the_checkpoint(five_events, tmp_path):
    # Someone holding the key edits row 4 and recomputes a chain that verifies on its own.
    path = tmp_path / "audit.json"
    run("audit_checkpoint", str(path))
    lift_triggers()
    raw_sql("UPDATE audit_event SET after = %s WHERE seq = 4", ['{"level": 1}'])
    rehash_from(4, compute_hash)
    assert run("verify_audit")[0] == 0
    code, _, err = run("verify_audit", "--checkpoint", str(path))
    assert code == 1
    assert "Nhật ký bị viết lại so với mốc" in err
    assert f"mốc ghi «{five_events[-1].hash}»" in err


def test_checkpoint_of_a_broken_chain_is_refused(five_events, tmp_path):
    lift_triggers()
    raw_sql("UPDATE audit_event SET actor_name = %s WHERE seq = 2", ["someone else"])
    path = tmp_path / "audit.json"
    code, _, err = run("audit_checkpoint", str(path))
    assert code == 1
    assert "sự kiện số 2" in err
    assert not path.exists()


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (None, "Không đọc được tệp mốc"),
        ("not json", "Không đọc được tệp mốc"),
        ('{"seq": 1}', "không phải tệp mốc nhật ký"),
        ('{"format": "xeploai-audit-checkpoint/1", "seq": -1, "count": 1, "hash": "", "taken_at": ""}',
         "trường «seq» thiếu hoặc sai"),
        ('{"format": "xeploai-audit-checkpoint/1", "seq": 1, "count": 1, "hash": "XYZ", "taken_at": ""}',
         "trường «hash» thiếu hoặc sai"),
    ],
)
def test_bad_checkpoint_file_is_refused_with_its_name(five_events, tmp_path, content, named):
    from django.core.management.base import CommandError

    path = tmp_path / "mốc.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(CommandError) as excinfo:
        run("verify_audit", "--checkpoint", str(path))
    assert named in str(excinfo.value)
    assert str(path) in str(excinfo.value)


def test_timestamps_are_stored_to_the_millisecond(five_events):
    assert all(e.created_at.microsecond % 1000 == 0 for e in five_events)
    stored = AuditEvent.objects.get(seq=1).created_at
    assert stored == five_events[0].created_at


def test_dumpdata_loaddata_round_trip_keeps_the_chain_valid(five_events, tmp_path):
    # Given the trail dumped with Django's JSON serializer (which keeps milliseconds)
    dump = tmp_path / "audit.json"
    call_command("dumpdata", "audit.AuditEvent", output=str(dump), stdout=io.StringIO())
    # When it is loaded into an emptied table
    lift_triggers()
    raw_sql("DELETE FROM audit_event")
    call_command("loaddata", str(dump), stdout=io.StringIO())
    # Then the same chain verifies
    assert AuditEvent.objects.count() == 5
    report = verify_chain()
    assert report.ok
    assert report.head_hash == five_events[-1].hash


def legacy_events(count: int) -> list[AuditEvent]:
    """Rows as the old scheme wrote them: plain SHA-256 links, timestamps to the microsecond."""
    prev_hash, events = GENESIS, []
    start = dt.datetime(2026, 11, 30, 8, 15, 42, 123456, tzinfo=dt.UTC)
    for seq in range(1, count + 1):
        fields = {
            "seq": seq, "created_at": start + dt.timedelta(seconds=seq, microseconds=seq * 7),
            "actor_id": None, "actor_name": "", "ip": None, "action": "campaign.opened", "object_type": "",
            "object_id": "", "object_label": f"Đợt {seq}", "subject_id": None, "org_path": "00000001",
            "before": None, "after": {"status": "OPEN"},
        }
        fields["hash"] = REKEY.sha256_link(prev_hash, fields)
        fields["prev_hash"], prev_hash = prev_hash, fields["hash"]
        event = AuditEvent(**fields)
        event.save(force_insert=True)
        events.append(event)
    return events


def migrate_0003(direction: str) -> None:
    """Run the re-keying step of migration 0003 on the current rows, as ``migrate`` would."""
    state = MigrationExecutor(connection).loader.project_state(("audit", "0003_keyed_chain"))
    schema_editor = SimpleNamespace(connection=connection, execute=raw_sql)
    getattr(REKEY, direction)(state.apps, schema_editor)


def test_migration_rekeys_an_intact_old_chain_and_restores_the_triggers(db):
    old = legacy_events(3)
    assert not verify_chain().ok  # the old links are not keyed
    migrate_0003("forwards")
    report = verify_chain()
    assert report.ok
    assert report.count == 3
    stored = list(AuditEvent.objects.order_by("seq"))
    # Timestamps are cut to the millisecond: 08:15:43.123463 becomes 08:15:43.123
    assert [e.created_at for e in stored] == [
        o.created_at.replace(microsecond=o.created_at.microsecond // 1000 * 1000) for o in old
    ]
    assert stored[0].created_at.microsecond == 123000
    # The triggers are back: a raw update is refused
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic():
        raw_sql("UPDATE audit_event SET action = 'x' WHERE seq = 1")
    # And the step reverses to a valid old chain
    migrate_0003("backwards")
    rows = list(AuditEvent.objects.order_by("seq").values())
    prev_hash = GENESIS
    for row in rows:
        assert row["prev_hash"] == prev_hash
        assert row["hash"] == REKEY.sha256_link(prev_hash, row)
        prev_hash = row["hash"]


def test_migration_refuses_to_rekey_a_tampered_old_chain(db):
    legacy_events(3)
    lift_triggers()
    raw_sql("UPDATE audit_event SET object_label = %s WHERE seq = 2", ["Đợt giả"])
    before = list(AuditEvent.objects.order_by("seq").values_list("hash", flat=True))
    with pytest.raises(RuntimeError, match="broken at seq 2"):
        migrate_0003("forwards")
    assert list(AuditEvent.objects.order_by("seq").values_list("hash", flat=True)) == before


@pytest.mark.parametrize(
    ("audit_key", "message"),
    [
        (None, "XEPLOAI_AUDIT_KEY must be set when DEBUG is off"),
        ("same-as-the-secret-key", "XEPLOAI_AUDIT_KEY must differ from SECRET_KEY"),
    ],
)
def test_production_settings_require_a_separate_audit_key(audit_key, message):
    env = {k: v for k, v in os.environ.items() if k not in ("XEPLOAI_AUDIT_KEY", "DJANGO_SETTINGS_MODULE")}
    env.update(DEBUG="false", SECRET_KEY="same-as-the-secret-key")
    if audit_key is not None:
        env["XEPLOAI_AUDIT_KEY"] = audit_key
    done = subprocess.run(
        [sys.executable, "-c", "import xeploai.settings"], env=env, capture_output=True, text=True,
        timeout=60, check=False,
    )
    assert done.returncode != 0
    assert message in done.stderr
