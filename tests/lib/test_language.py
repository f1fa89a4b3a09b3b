"""Pages are in Vietnamese whatever the browser asks; English only by the user's choice."""

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_english_browser_still_gets_vietnamese(client):
    response = client.get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()
    assert response.headers["Content-Language"] == "vi"


@pytest.mark.django_db
def test_language_switch_gives_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.headers["Content-Language"] == "en"
    assert "Đăng nhập" not in response.content.decode()
