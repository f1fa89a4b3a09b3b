"""Create, revoke and check API tokens; every creation and revocation is an audit event.

A token is created by its user (the account page) or by an administrator (the admin site) and its text
is returned once: only its digest is stored. ``token_user`` answers a bearer token with its user, or None
for an unknown, revoked or malformed token and for an inactive user; each accepted use moves
``last_used_at`` (one UPDATE, at most once a minute per token).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from xeploai.api.models import ApiToken
from xeploai.audit.services import audit_record

TOKEN_PREFIX = "xl"
TOUCH_EVERY = timedelta(minutes=1)


def digest_of(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: Any, by: Any, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user`` made by ``by``: the row and the token text (shown once, never stored)."""
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():  # 2^32 prefixes: a clash is rare
        prefix = secrets.token_hex(4)
    text = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:80], prefix=prefix, digest=digest_of(text), created_by=by
    )
    audit_record(
        action="api.token.created",
        obj=token,
        actor=by,
        label=str(token),
        after={"user": user.pk, "name": token.name, "prefix": prefix},
    )
    return token, text


@transaction.atomic
def token_revoke(*, token: ApiToken, by: Any) -> ApiToken:
    """Revoke ``token`` (once: revoking a revoked token changes nothing and records nothing)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            action="api.token.revoked",
            obj=token,
            actor=by,
            label=str(token),
            before={"revoked_at": None},
            after={"revoked_at": token.revoked_at},
        )
    return token


def parse(text: str) -> str | None:
    """The prefix of a well-formed token text, else None."""
    parts = text.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or len(parts[1]) != 8:
        return None
    return parts[1]


def token_lookup(text: str) -> ApiToken | None:
    """The active token of an active user whose text is ``text``, or None."""
    prefix = parse(text.strip())
    if prefix is None:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=prefix, revoked_at__isnull=True).first()
    if token is None or not hmac.compare_digest(token.digest, digest_of(text.strip())):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
