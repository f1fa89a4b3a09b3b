"""Who is acting and from where, for audit events recorded far from the request (signal handlers).

``AuditContextMiddleware`` puts the request's user and client address in a context variable for the
duration of the request; ``audit_record`` and the registry signal handlers read it when no actor is given.

Trade-off (why a context variable and signals, not ``LogEntry``): signals see every ORM save and delete of
the registry, from the admin and from any other page or command, with the values before and after;
Django's ``LogEntry`` only sees the admin and keeps a change message, not the values. The price is
implicit state: a change made outside a request (a command, the shell) has no actor unless the caller
wraps it in ``audit_context(actor=…)``, and bulk paths that bypass the ORM (``registry.bulk``) send no
signals, so they record one summary event themselves (``registry.workbook.imported``). A ``ContextVar``
(not a thread-local) is used so the value is also correct under ASGI.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse


@dataclass(frozen=True, slots=True)
class AuditContext:
    actor: Any  # a user, a lazy request.user, or None
    ip: str | None


_current: ContextVar[AuditContext | None] = ContextVar("xeploai_audit_context", default=None)
_muted: ContextVar[bool] = ContextVar("xeploai_audit_muted", default=False)


def current_context() -> AuditContext | None:
    return _current.get()


@contextmanager
def audit_context(*, actor: Any = None, ip: str | None = None) -> Iterator[None]:
    """Attribute the events recorded inside the block to ``actor`` (and ``ip``)."""
    token = _current.set(AuditContext(actor=actor, ip=ip))
    try:
        yield
    finally:
        _current.reset(token)


@contextmanager
def audit_muted() -> Iterator[None]:
    """Silence the per-row registry signal events inside the block.

    For ORM bulk paths that record one summary event instead (``registry.workbook.imported``).
    """
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def is_muted() -> bool:
    return _muted.get()


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or the proxy's word when a proxy is trusted.

    ``X-Forwarded-For`` is read only when ``settings.AUDIT_TRUST_X_FORWARDED_FOR`` is true (one reverse
    proxy in front of the application), and then its last entry is taken: that is the address the
    trusted proxy saw; the entries before it are whatever the client chose to send.
    """
    if getattr(settings, "AUDIT_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            ip = _valid_ip(forwarded.split(",")[-1])
            if ip:
                return ip
    return _valid_ip(request.META.get("REMOTE_ADDR", "") or "")


class AuditContextMiddleware:
    """Put ``request.user`` and the client address in the audit context (after AuthenticationMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with audit_context(actor=getattr(request, "user", None), ip=client_ip(request)):
            return self.get_response(request)
