"""Every write of the API runs here: one transaction, the token's user as the audit actor, and one
``api.write`` event naming the token and the operation beside the events the service records."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.http import HttpRequest

from xeploai.audit.context import audit_context, client_ip
from xeploai.audit.services import audit_record


@contextmanager
def api_write(request: HttpRequest, operation: str) -> Iterator[None]:
    """Run the block atomically as the token's user; on success record the ``api.write`` event."""
    token = getattr(request, "api_token", None)
    with transaction.atomic(), audit_context(actor=request.user, ip=client_ip(request)):
        yield
        audit_record(
            action="api.write",
            obj=token,
            label=str(token) if token is not None else "",
            after={"operation": operation, "method": request.method, "path": request.path},
        )
