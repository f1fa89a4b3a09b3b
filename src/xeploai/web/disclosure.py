"""Disclosures of personal data written to the audit trail: every export, download and view of a person's
full record by someone other than the person (conventions.md §4.1, docs/adr/0004-personal-data-policy.md).

One event per request: who (the request's user and address, from the audit context), what (a dotted
action code such as ``registry.exported``, ``person.viewed``, ``report.downloaded``), how many rows, and
the organization whose readers may see the event (``org_path``).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from xeploai.audit.services import audit_record


def record_disclosure(
    action: str, *, rows: int, obj: models.Model | None = None, org_path: str = "", label: str = "",
    subject: models.Model | None = None, **details: Any,
) -> None:
    """Append one audit event saying ``rows`` rows of personal data left the server through ``action``."""
    audit_record(
        action=action, obj=obj, subject=subject, org_path=org_path, label=label,
        after={"rows": rows, **details},
    )
