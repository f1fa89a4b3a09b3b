"""Schemathesis against the API in-process (WSGI): every operation of /api/openapi.json with generated
input, authenticated as the province's Organization Commission officer (tests/conftest.py personas, with an
open campaign), must never answer 5xx and must answer what the schema documents (status, content type,
body).

Bounded for the SQLite run (``XEPLOAI_SCHEMATHESIS_EXAMPLES``, 5 examples per operation by default); CI on
PostgreSQL sets it higher.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = int(os.environ.get("XEPLOAI_SCHEMATHESIS_EXAMPLES", "5"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def connection_kept():
    """Keep the test's database connection across the in-process WSGI calls, as Django's test client does:
    the WSGI handler's end-of-request signal would close it (on PostgreSQL, inside the test's transaction)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def officer(personas, token_for, connection_kept):
    """An open campaign over the personas' province, the token of its commission officer, and real ids for
    the path parameters (so the generated queries and bodies reach real objects, not only 404s)."""
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=personas.province)
    campaign_open(campaign=campaign)
    subject = Subject.objects.get(campaign=campaign, person=personas.member_a1, subject_type="PARTY_MEMBER")
    ids = {
        "org_id": personas.cell_a1.pk,
        "collective_id": personas.cell_committee.pk,
        "person_id": personas.member_a2.pk,
        "campaign_id": campaign.pk,
        "subject_id": subject.pk,
    }
    return token_for(personas.province_officer), ids


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, officer):
    token, ids = officer
    if case.path_parameters:
        case.path_parameters = {k: ids.get(k, v) for k, v in case.path_parameters.items()}
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
