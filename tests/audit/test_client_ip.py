"""The client address recorded with an event: REMOTE_ADDR, X-Forwarded-For only behind a trusted proxy."""

from __future__ import annotations

from django.test import RequestFactory

from xeploai.audit.context import client_ip


def request(**meta: str):
    return RequestFactory().get("/", **meta)


def test_remote_addr_by_default_even_with_a_forged_header(settings):
    settings.AUDIT_TRUST_X_FORWARDED_FOR = False
    assert client_ip(request(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "10.0.0.1"


def test_behind_a_trusted_proxy_the_address_the_proxy_saw(settings):
    settings.AUDIT_TRUST_X_FORWARDED_FOR = True
    # The client sent "1.2.3.4" itself; the proxy appended the address it really saw.
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.7"}
    assert client_ip(request(**meta)) == "198.51.100.7"


def test_garbage_is_not_an_address(settings):
    settings.AUDIT_TRUST_X_FORWARDED_FOR = True
    assert client_ip(request(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-ip")) == "10.0.0.1"
    assert client_ip(request(REMOTE_ADDR="")) is None
