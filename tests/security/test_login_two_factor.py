"""Two-factor (TOTP, django-otp) for every role above party member, staff, superusers and the admin.

The codes are computed here from the device's key, as the user's phone application would.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_on")]

SETUP = "/tai-khoan/xac-thuc-hai-lop/"
VERIFY = "/tai-khoan/xac-thuc-hai-lop/nhap-ma/"


@pytest.fixture
def two_factor_on():
    with override_settings(XEPLOAI_2FA_REQUIRED=True):
        yield


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the phone shows now (or ``steps_ahead`` 30-second steps later: a used step is refused)."""
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{value:0{device.digits}d}"


def set_up_device(client) -> TOTPDevice:
    page = client.get(SETUP + "?next=/to-chuc/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=page.wsgi_request.user, confirmed=False)
    response = client.post(SETUP, {"token": code(device), "next": "/to-chuc/"})
    assert response.status_code == 302
    assert response["Location"] == "/to-chuc/"
    return device


def test_an_officer_without_a_verified_device_cannot_open_a_page(personas, client):
    client.force_login(personas.district_a_officer)
    for url in ("/", "/to-chuc/", f"/ca-nhan/{personas.member_a2.pk}/", "/nhat-ky/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(SETUP + "?next="), url
    fragment = client.get("/tim-kiem/?q=an", HTTP_HX_REQUEST="true")
    assert fragment.status_code == 204
    assert fragment["HX-Redirect"].startswith(SETUP)
    # The language switch and logout stay reachable.
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"})["Location"] == "/"
    assert client.post("/dang-xuat/").status_code == 302
    assert client.get("/").wsgi_request.user.is_anonymous


def test_a_party_member_needs_no_second_factor(personas, client):
    client.force_login(personas.cell_a1_member)
    assert client.get("/").status_code == 200
    assert client.get(f"/ca-nhan/{personas.member_a1.pk}/").status_code == 200


def test_setting_up_a_device_shows_a_qr_code_and_the_secret_then_opens_the_pages(personas, client, events):
    client.force_login(personas.district_a_officer)
    page = client.get(SETUP).content.decode()
    assert "<svg" in page
    assert "<script" not in page.split("<main", 1)[1]
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page)
    assert secret is not None
    assert len(secret.group(1).replace(" ", "")) == 32

    device = TOTPDevice.objects.get(user=personas.district_a_officer)
    wrong = f"{(int(code(device)) + 1) % 10**6:06d}"
    refused = client.post(SETUP, {"token": wrong})
    assert refused.status_code == 200
    assert "Mã xác thực không đúng" in refused.content.decode()
    assert client.get("/").status_code == 302

    # django-otp makes the user wait a second after a wrong code; the user waits.
    earlier = timezone.now() - dt.timedelta(seconds=2)
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=earlier)
    set_up_device(client)
    assert client.get("/").status_code == 200
    [added] = events("accounts.2fa.device_added")
    assert added.actor_id == personas.district_a_officer.pk
    assert added.after["user"] == "district_a_officer"
    assert code(device) not in f"{added.before} {added.after} {added.object_label}"


def test_at_the_next_login_the_code_is_asked_before_any_page(personas, client, post_login, events):
    client.force_login(personas.district_a_officer)
    device = set_up_device(client)
    client.post("/dang-xuat/")

    assert post_login("district_a_officer", "pw").status_code == 302
    response = client.get("/to-chuc/")
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY + "?next=")
    assert client.post(VERIFY, {"token": "12345"}).status_code == 200  # not six digits: asked again
    assert client.get("/").status_code == 302
    done = client.post(VERIFY, {"token": code(device, steps_ahead=1), "next": "/to-chuc/"})
    assert done.status_code == 302
    assert done["Location"] == "/to-chuc/"
    assert client.get("/to-chuc/").status_code == 200
    login = events("accounts.login")[-1]
    assert login.actor_id == personas.district_a_officer.pk
    assert login.ip == "198.51.100.7"


def test_the_admin_needs_the_second_factor(personas, client):
    client.force_login(personas.superuser)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)

    set_up_device(client)
    assert client.get("/admin/").status_code == 200


def test_the_admin_site_refuses_an_unverified_staff_member_on_its_own(personas, rf):
    """Behind the middleware, the admin site is django-otp's OTPAdminSite."""
    from django.contrib import admin
    from django_otp.admin import OTPAdminSite

    request = rf.get("/admin/")
    request.user = personas.superuser
    request.user.is_verified = lambda: False
    assert isinstance(admin.site, OTPAdminSite)
    assert not admin.site.has_permission(request)
    request.user.is_verified = lambda: True
    assert admin.site.has_permission(request)


def test_removing_the_device_is_audited_and_asks_for_a_new_one(personas, client, events):
    client.force_login(personas.province_officer)
    set_up_device(client)
    assert "Gỡ thiết bị" in client.get(SETUP).content.decode()
    assert client.post(SETUP, {"action": "remove"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=personas.province_officer, confirmed=True).exists()
    assert client.get("/").status_code == 302
    [removed] = events("accounts.2fa.device_removed")
    assert removed.before["user"] == "province_officer"
    assert removed.actor_id == personas.province_officer.pk


def test_with_two_factor_off_an_officer_goes_straight_in(personas, client):
    client.force_login(personas.district_a_officer)
    with override_settings(XEPLOAI_2FA_REQUIRED=False):
        assert client.get("/").status_code == 200


def test_a_member_who_set_up_a_device_is_asked_for_it_at_the_next_login(personas, client, post_login):
    client.force_login(personas.cell_a1_member)
    set_up_device(client)
    client.post("/dang-xuat/")
    assert post_login("cell_a1_member", "pw").status_code == 302
    assert client.get("/").headers["Location"].startswith(VERIFY)


def test_the_set_up_page_is_never_cached(personas, client):
    client.force_login(personas.district_a_officer)
    assert "no-store" in client.get(SETUP).headers["Cache-Control"]
