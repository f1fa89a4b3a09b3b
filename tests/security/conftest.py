"""Helpers of the security tests: log in through the real login form, read the audit trail, and the
hostile files of tests/security/hostile_files.py, built once per session into a folder."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

LOGIN = "/dang-nhap/"
HERE = Path(__file__).resolve().parent


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


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hostile_files", HERE / "hostile_files.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def hostile() -> ModuleType:
    return _load()


@pytest.fixture(scope="session")
def hostile_path(hostile, tmp_path_factory):  # noqa: ANN001
    """``hostile_path(name)``: the path of that hostile file, written on first use."""
    folder = tmp_path_factory.mktemp("hostile")
    builders = {**hostile.HOSTILE, "zip_bomb_64mb": lambda: hostile.zip_bomb(64)}

    def get(name: str) -> Path:
        path = folder / f"{name}.xlsx"
        if not path.exists():
            path.write_bytes(builders[name]())
        return path

    return get
