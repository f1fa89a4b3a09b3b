"""Bearer authentication for the API: ``Authorization: Bearer xl_<prefix>_<secret>``.

The user of the token becomes ``request.user`` for the rest of the request (the permission predicates and
the subtree scoping read it), and the audit context names that user and the client's address, so the
events the services record on a write are attributed to the token's owner.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from xeploai.api.tokens import token_lookup


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_lookup(token)
        if found is None:
            return None
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user
