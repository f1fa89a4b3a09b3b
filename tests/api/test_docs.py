"""The OpenAPI document and its docs page: served from the app and the installed django-ninja package, under
the site's Content-Security-Policy (no inline script or style allowed; only data: images added)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_schema_lists_every_resource(client):
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    for path in ("/api/organizations", "/api/people", "/api/statuses", "/api/disciplines", "/api/collectives",
                 "/api/campaigns/{campaign_id}/subjects", "/api/subjects/{subject_id}/ratings",
                 "/api/subjects/{subject_id}/opinions", "/api/subjects/{subject_id}/review",
                 "/api/campaigns/{campaign_id}/statistics", "/api/health"):  # fmt: skip
        assert path in paths
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_the_docs_page_keeps_the_content_security_policy(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "data:" in re.search(r"img-src[^;]*", policy).group(0)
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html  # from the package, not a CDN
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert all('type="application/json"' in attrs for attrs in inline)  # data, never executed
