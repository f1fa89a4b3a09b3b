"""Checkpoints of the audit trail, kept outside the database (ADR 0005).

A checkpoint is a small JSON file with the head of the chain (its ``seq`` and hash), the number of events
and when it was taken. The chain alone cannot show that its newest events were removed, or that someone
holding the key rebuilt it; a checkpoint kept elsewhere can: the trail must still hold at least as many
events, and the event at the checkpoint's ``seq`` must still have the checkpoint's hash.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from xeploai.audit.chain import ChainReport

FORMAT = "xeploai-audit-checkpoint/1"
HASH = re.compile(r"^[0-9a-f]{64}$")


class CheckpointError(ValueError):
    """A checkpoint file that cannot be read or is not one; the message (Vietnamese) names the file."""


@dataclass(frozen=True, slots=True)
class Checkpoint:
    seq: int
    hash: str
    count: int
    taken_at: str
    format: str = FORMAT


@dataclass(frozen=True, slots=True)
class Mismatch:
    """How the trail differs from a checkpoint: ``truncated`` (events gone) or ``rewritten``."""

    code: str
    seq: int
    expected: str
    found: str


def from_report(report: ChainReport) -> Checkpoint:
    taken_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return Checkpoint(seq=report.head_seq, hash=report.head_hash, count=report.count, taken_at=taken_at)


def write(checkpoint: Checkpoint, path: Path) -> None:
    """Write ``checkpoint`` to ``path`` whole or not at all (a temporary file renamed over it)."""
    text = json.dumps(asdict(checkpoint), indent=2, ensure_ascii=False) + "\n"
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        message = _("Không ghi được tệp mốc «{path}»: {error}").format(path=path, error=exc)
        raise CheckpointError(message) from exc


def read(path: Path) -> Checkpoint:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        message = _("Không đọc được tệp mốc «{path}»: {error}").format(path=path, error=exc)
        raise CheckpointError(message) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        message = _("Tệp «{path}» không phải tệp mốc nhật ký (trường «format»).")
        raise CheckpointError(message.format(path=path))
    checks = {
        "seq": lambda v: type(v) is int and v >= 0,
        "count": lambda v: type(v) is int and v >= 0,
        "hash": lambda v: isinstance(v, str) and HASH.match(v) is not None,
        "taken_at": lambda v: isinstance(v, str),
    }
    for field, valid in checks.items():
        if not valid(data.get(field)):
            message = _("Tệp mốc «{path}» không hợp lệ: trường «{field}» thiếu hoặc sai.")
            raise CheckpointError(message.format(path=path, field=field))
    return Checkpoint(seq=data["seq"], hash=data["hash"], count=data["count"], taken_at=data["taken_at"])


def compare(checkpoint: Checkpoint, report: ChainReport) -> Mismatch | None:
    """How an intact chain (``report.ok``) differs from ``checkpoint``, or None when it extends it."""
    from xeploai.audit.models import AuditEvent

    if report.count < checkpoint.count or report.head_seq < checkpoint.seq:
        return Mismatch("truncated", checkpoint.seq, str(checkpoint.count), str(report.count))
    if checkpoint.seq == 0:
        return None  # taken of an empty trail: any chain extends it
    found = AuditEvent.objects.filter(seq=checkpoint.seq).values_list("hash", flat=True).first() or ""
    if found != checkpoint.hash:
        return Mismatch("rewritten", checkpoint.seq, checkpoint.hash, found)
    return None
