"""API fixtures: a bearer token for a user, and a test client that sends it."""

from __future__ import annotations

import pytest


class ApiClient:
    """Django's test client with ``Authorization: Bearer <token>`` on every request (JSON bodies)."""

    def __init__(self, client, text: str | None) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {text}"} if text else {}

    def get(self, path: str, **params):
        return self.client.get("/api" + path, params, headers=self.headers)

    def send(self, method: str, path: str, body=None):
        call = getattr(self.client, method.lower())
        return call(
            "/api" + path,
            body if body is not None else {},
            content_type="application/json",
            headers=self.headers,
        )

    def post(self, path: str, body=None):
        return self.send("POST", path, body)

    def put(self, path: str, body=None):
        return self.send("PUT", path, body)


@pytest.fixture
def token_for():
    """``token_for(user)`` → the text of a new API token of ``user`` (None for None: no token)."""
    from xeploai.api.tokens import token_create

    def make(user):
        if user is None:
            return None
        return token_create(user=user, by=user, name="test")[1]

    return make


@pytest.fixture
def api_as(client, token_for):
    """``api_as(user)`` → an ``ApiClient`` authenticated as ``user`` (anonymous for None)."""

    def make(user):
        return ApiClient(client, token_for(user))

    return make
