"""API tokens: shown once, stored hashed, revocable by their user or an administrator, refused when revoked
or when the user is inactive; every creation, revocation and write is audited, each use dated."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from xeploai.api.models import ApiToken
from xeploai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_as_its_digest_only(personas, token_for):
    text = token_for(personas.province_officer)
    token = ApiToken.objects.get(user=personas.province_officer)
    assert token.digest == hashlib.sha256(text.encode()).hexdigest()
    assert text not in {token.prefix, token.digest, token.name}
    assert text.startswith(f"xl_{token.prefix}_")
    assert AuditEvent.objects.filter(action="api.token.created", object_id=str(token.pk)).exists()


def test_no_wrong_or_revoked_token_reads_anything(personas, api_as, client):
    api = api_as(personas.province_officer)
    assert api.get("/organizations").status_code == 200
    assert client.get("/api/organizations").status_code == 401
    bad = client.get("/api/organizations", headers={"Authorization": "Bearer xl_00000000_nope"})
    assert bad.status_code == 401
    assert "mã truy cập" in bad.json()["detail"]
    from xeploai.api.tokens import token_revoke

    token_revoke(token=ApiToken.objects.get(user=personas.province_officer), by=personas.superuser)
    assert api.get("/organizations").status_code == 401
    assert AuditEvent.objects.filter(action="api.token.revoked").count() == 1


def test_the_token_of_an_inactive_user_is_refused(personas, api_as):
    api = api_as(personas.province_officer)
    personas.province_officer.is_active = False
    personas.province_officer.save()
    assert api.get("/organizations").status_code == 401


def test_each_use_dates_the_token(personas, api_as):
    api = api_as(personas.district_a_officer)
    token = ApiToken.objects.get(user=personas.district_a_officer)
    assert token.last_used_at is None
    api.get("/people")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_user_creates_sees_once_and_revokes_a_token_on_the_account_page(personas, client):
    client.force_login(personas.district_a_officer)
    home = client.get(reverse("web:home"))
    assert reverse("api_tokens") in home.content.decode()  # reachable from the user menu
    created = client.post(reverse("api_tokens"), {"name": "Hệ thống E-Office"})
    text = created.context["created"]["text"]
    assert text in created.content.decode()
    again = client.get(reverse("api_tokens")).content.decode()
    assert "Hệ thống E-Office" in again
    assert text not in again
    token = ApiToken.objects.get(user=personas.district_a_officer)
    r = client.get("/api/people", headers={"Authorization": f"Bearer {text}"})
    assert r.status_code == 200
    client.post(reverse("api_token_revoke", args=[token.pk]))
    assert client.get("/api/people", headers={"Authorization": f"Bearer {text}"}).status_code == 401


def test_a_user_cannot_revoke_another_users_token(personas, client, token_for):
    token_for(personas.district_b_officer)
    other = ApiToken.objects.get(user=personas.district_b_officer)
    client.force_login(personas.district_a_officer)
    assert client.post(reverse("api_token_revoke", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_an_administrator_creates_a_token_for_a_user_in_the_admin(personas, client):
    client.force_login(personas.superuser)
    r = client.post(
        reverse("admin:api_apitoken_add"),
        {"user": personas.district_a_officer.pk, "name": "App"},
        follow=True,
    )
    assert r.status_code == 200
    token = ApiToken.objects.get(user=personas.district_a_officer)
    assert f"xl_{token.prefix}_" in r.content.decode()
    assert token.created_by == personas.superuser


def test_health_needs_no_token_and_shows_no_data(client):
    for path in ("/health/", "/api/health"):
        r = client.get(path)
        assert r.status_code == 200
        assert r.json() == {"status": "ok"}
