"""The keyed hash chain of the audit trail: how a row's link is computed and how the chain is verified.

``hash = HMAC-SHA256(key, prev_hash + canonical JSON of the row's fields)``, the key being
``settings.XEPLOAI_AUDIT_KEY`` (from the environment, kept apart from ``SECRET_KEY``): without the key
nobody can recompute a valid chain after editing a row (ADR 0005). The canonical form sorts keys, uses no
spaces and writes the timestamp in UTC to the millisecond, the precision Django's JSON serializer keeps,
so the same row hashes the same on SQLite and PostgreSQL and after a ``dumpdata``/``loaddata`` round trip.

A chain that is valid but shorter (newest rows removed), or rebuilt by someone holding the key, is found
against a checkpoint kept outside the database (``xeploai.audit.checkpoint``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64  # prev_hash of the first event
HASHED_FIELDS = (
    "seq", "created_at", "actor_id", "actor_name", "ip", "action", "object_type", "object_id",
    "object_label", "subject_id", "org_path", "before", "after",
)


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def to_stored_precision(value: dt.datetime) -> dt.datetime:
    """``value`` cut to the millisecond: what is stored, hashed, and kept by a JSON dump."""
    return value.replace(microsecond=value.microsecond // 1000 * 1000)


def timestamp_text(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="milliseconds")


def event_payload(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The hashed fields of an event, from a mapping (or a model instance's ``__dict__``)."""
    payload = {name: fields[name] for name in HASHED_FIELDS}
    payload["created_at"] = timestamp_text(payload["created_at"])
    payload["ip"] = payload["ip"] or None
    return payload


def audit_key() -> bytes:
    from django.conf import settings

    return str(settings.XEPLOAI_AUDIT_KEY).encode()


def compute_hash(prev_hash: str, fields: Mapping[str, Any], *, key: bytes | None = None) -> str:
    """The link of one row: keyed by ``key`` (default: the configured audit key)."""
    message = (prev_hash + canonical_json(event_payload(fields))).encode()
    return hmac.new(audit_key() if key is None else key, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class BrokenLink:
    """The first place the chain does not hold: the row (1-based position and ``seq``) and why."""

    position: int
    seq: int
    pk: int
    code: str  # "gap" | "prev_hash" | "hash"
    expected: str
    found: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    count: int
    broken: BrokenLink | None
    head_seq: int = 0  # seq and hash of the last row walked (0 and GENESIS for an empty trail)
    head_hash: str = GENESIS

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify_rows(rows: Iterable[Mapping[str, Any]], *, key: bytes | None = None) -> ChainReport:
    """Walk ``rows`` (in ``seq`` order) and stop at the first broken link.

    A removed row shows as a gap in ``seq`` (or a ``prev_hash`` that does not match the row before); a
    changed row, or one re-hashed without the key, shows as a stored ``hash`` that differs from the one
    recomputed from its fields.
    """
    key = audit_key() if key is None else key
    prev_hash, expected_seq, count = GENESIS, 1, 0
    for count, row in enumerate(rows, start=1):  # noqa: B007 - count is the result
        seq = row["seq"]
        if seq != expected_seq:
            return ChainReport(count, BrokenLink(count, seq, row["id"], "gap", str(expected_seq), str(seq)))
        if row["prev_hash"] != prev_hash:
            link = BrokenLink(count, seq, row["id"], "prev_hash", prev_hash, row["prev_hash"])
            return ChainReport(count, link)
        recomputed = compute_hash(prev_hash, row, key=key)
        # Compared as bytes: a forged hash may be any text, not only ASCII
        if not hmac.compare_digest(recomputed.encode(), str(row["hash"]).encode()):
            return ChainReport(count, BrokenLink(count, seq, row["id"], "hash", recomputed, row["hash"]))
        prev_hash, expected_seq = row["hash"], seq + 1
    return ChainReport(count, None, expected_seq - 1, prev_hash)


def verify_chain(*, chunk_size: int = 2000) -> ChainReport:
    """Verify the whole trail in the database, streaming it in ``seq`` order."""
    from xeploai.audit.models import AuditEvent

    rows = (
        AuditEvent.objects.order_by("seq")
        .values("id", "prev_hash", "hash", *HASHED_FIELDS)
        .iterator(chunk_size=chunk_size)
    )
    return verify_rows(rows)
