"""Helpers for the login and account tests: log in through the real login form, read the audit trail."""

from __future__ import annotations

import pytest

LOGIN = "/dang-nhap/"


@pytest.fixture
def post_login(client):
    """POST the login form as a browser at ``ip`` would; returns the response."""

    def post(username: str, password: str, ip: str = "198.51.100.7", **extra: str):
        return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)

    return post


@pytest.fixture
def events():
    """The audit events with a given action, oldest first."""
    from xeploai.audit.models import AuditEvent

    def of(action: str):
        return list(AuditEvent.objects.filter(action=action).order_by("seq"))

    return of
