"""Backup and restore (issue 10, item 7; docs/operations.md): a restored copy gives the same statistics and
a valid audit chain, on SQLite (online backup) and PostgreSQL (pg_dump -Fc / pg_restore).

These tests commit (``transaction=True``): a backup taken by another process, or by SQLite's backup API,
sees only committed rows. The statistics and the chain of the restored copy are read by ``manage.py`` in a
subprocess pointed at it, as an operator would after a restore.
"""

from __future__ import annotations

import importlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from xeploai.audit.models import AuditEvent
from xeploai.audit.services import audit_record

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def audit_rows_cleared_before_flush(transactional_db: None) -> Iterator[None]:  # noqa: ARG001
    """SQLite flushes with DELETE, which the append-only triggers refuse (see tests/browser/conftest.py)."""
    yield
    if connection.vendor != "sqlite":
        return
    triggers = importlib.import_module("xeploai.audit.migrations.0002_append_only_triggers")
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in triggers.SQLITE_DROP:
            cursor.execute(sql)
        cursor.execute("DELETE FROM audit_event")
        for sql in triggers.SQLITE_CREATE:
            cursor.execute(sql)


@pytest.fixture
def decided_campaign(audit_rows_cleared_before_flush, personas):  # noqa: ARG001
    """A 2023 campaign of the personas' province with decided levels, and audit events for each decision."""
    from xeploai.campaigns.models import Campaign, Rating, Subject
    from xeploai.rules.levels import Level

    p = personas
    campaign = Campaign.objects.create(
        year=2023, ruleset="kh181-2023", name="Kiểm điểm năm 2023", root=p.province,
        reference_date=date(2023, 12, 15),
    )
    decided = [
        ("ORGANIZATION", p.cell_a1, {"organization": p.cell_a1}, Level.EXCELLENT),
        ("ORGANIZATION", p.cell_b1, {"organization": p.cell_b1}, Level.NOT_COMPLETED),
        ("PARTY_MEMBER", p.cell_a1, {"person": p.secretary_a1}, Level.GOOD),
        ("PARTY_MEMBER", p.cell_a1, {"person": p.member_a1}, Level.GOOD),
        ("PARTY_MEMBER", p.cell_a2, {"person": p.member_a2}, Level.COMPLETED),
        ("PARTY_MEMBER", p.cell_b1, {"person": p.teacher_b1}, None),
    ]
    for subject_type, unit, target, level in decided:
        subject = Subject.objects.create(
            campaign=campaign, subject_type=subject_type, unit=unit, org_path=unit.path, review=True,
            classify=True, counted_to=date(2023, 10, 15), **target,
        )
        if level is not None:
            Rating.objects.create(subject=subject, stage="DECIDED", level=level, based_on_version=1)
            audit_record(action="rating.decided", obj=subject, after={"level": int(level)})
    return campaign


def manage(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "xeploai.settings_test"}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )


def stats_here() -> str:
    out = io.StringIO()
    call_command("stats", "--year", "2023", "--org", "T", "--format", "csv", stdout=out)
    # The party members' total: 4 reviewed, 1 pending, 3 decided (HTT 2, HTNV 1)
    assert "Đảng viên,theo loại,,Cộng,4,0,0,0,0,,,,0,1,3,0,0.0,2,66.7,1,33.3,0,0.0" in out.getvalue()
    return out.getvalue()


def assert_restored_copy_matches(database_url: str, checkpoint: Path, expected_stats: str) -> None:
    stats = manage("stats", "--year", "2023", "--org", "T", "--format", "csv", database_url=database_url)
    assert stats.returncode == 0, stats.stderr
    assert stats.stdout == expected_stats
    verified = manage("verify_audit", "--checkpoint", str(checkpoint), database_url=database_url)
    assert verified.returncode == 0, verified.stderr
    count = AuditEvent.objects.count()
    assert f"Nhật ký toàn vẹn: {count} sự kiện" in verified.stdout
    assert "Khớp mốc" in verified.stdout


def test_sqlite_online_backup_restores_the_same_statistics_and_a_valid_chain(decided_campaign, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's online backup")
    expected = stats_here()
    checkpoint = tmp_path / "audit-checkpoint.json"
    call_command("audit_checkpoint", str(checkpoint), stdout=io.StringIO())
    backup = tmp_path / "backup.sqlite3"
    call_command("backup_sqlite", str(backup), stdout=io.StringIO())
    # Restore: the backup file copied into place as the database
    restored = tmp_path / "restored" / "db.sqlite3"
    restored.parent.mkdir()
    shutil.copyfile(backup, restored)
    assert_restored_copy_matches(f"sqlite:///{restored}", checkpoint, expected)


def test_sqlite_backup_refuses_to_overwrite_a_file(decided_campaign, tmp_path):
    from django.core.management.base import CommandError

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's online backup")
    existing = tmp_path / "backup.sqlite3"
    existing.write_bytes(b"kept")
    with pytest.raises(CommandError, match="đã có"):
        call_command("backup_sqlite", str(existing), stdout=io.StringIO())
    assert existing.read_bytes() == b"kept"


def postgres_env() -> dict[str, str]:
    s = connection.settings_dict
    env = {**os.environ, "PGHOST": s["HOST"] or "127.0.0.1", "PGPORT": str(s["PORT"] or 5432)}
    env["PGUSER"] = s["USER"] or "postgres"
    if s["PASSWORD"]:
        env["PGPASSWORD"] = s["PASSWORD"]
    return env


def test_postgresql_dump_restores_the_same_statistics_and_a_valid_chain(decided_campaign, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump / pg_restore")
    expected = stats_here()
    checkpoint = tmp_path / "audit-checkpoint.json"
    call_command("audit_checkpoint", str(checkpoint), stdout=io.StringIO())
    env, source = postgres_env(), connection.settings_dict["NAME"]
    scratch = f"{source}_restore"  # the test database's own scratch copy, dropped at the end
    dump = tmp_path / "xeploai.dump"

    def run(*command: str) -> None:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr

    run("pg_dump", "-Fc", "--no-owner", "-f", str(dump), source)
    run("dropdb", "--if-exists", scratch)
    run("createdb", scratch)
    try:
        run("pg_restore", "--no-owner", "--exit-on-error", "-d", scratch, str(dump))
        auth = quote(env["PGUSER"]) + (f":{quote(env['PGPASSWORD'])}" if "PGPASSWORD" in env else "")
        url = f"postgres://{auth}@{env['PGHOST']}:{env['PGPORT']}/{scratch}"
        assert_restored_copy_matches(url, checkpoint, expected)
    finally:
        run("dropdb", "--if-exists", scratch)
