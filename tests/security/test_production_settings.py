"""Production settings: HTTPS from the environment, DEBUG off by default, the Content-Security-Policy,
no caching of personal data, the session idle timeout, demo commands refused, Vietnamese error pages."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "src" / "xeploai"


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment docs/operations.md asks for in production; add a variable here when one is required."""
    # Only the basics are inherited: the test run's own variables (DJANGO_ALLOW_ASYNC_UNSAFE set by the
    # browser tests, DATABASE_URL, …) are no part of a production server's environment.
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR") if k in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="xeploai.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="xeploai.example.vn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        XEPLOAI_HTTPS="true",
        XEPLOAI_AUDIT_KEY=secrets.token_urlsafe(48),
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def settings_of(env: dict[str, str], *names: str) -> subprocess.CompletedProcess[str]:
    """Print the named settings as the server would see them with ``env``."""
    code = "import django; django.setup(); from django.conf import settings; " + "; ".join(
        f"print({name!r}, repr(settings.{name}))" for name in names
    )
    return subprocess.run([sys.executable, "-c", code], env={**env, "PYTHONPATH": str(ROOT / "src")},
                          cwd=ROOT, capture_output=True, text=True, timeout=120)  # fmt: skip


# --- check --deploy and the environment ------------------------------------------------------------------


def test_check_deploy_finds_no_issue_with_the_production_environment(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_without_https_check_deploy_names_the_four_https_warnings(tmp_path):
    result = manage(production_env(tmp_path, XEPLOAI_HTTPS="false"), "check", "--deploy")
    found = set(re.findall(r"security\.W\d+", result.stdout + result.stderr))
    assert found == {"security.W004", "security.W008", "security.W012", "security.W016"}


def test_https_turns_on_hsts_redirect_proxy_header_and_secure_cookies(tmp_path):
    names = ("SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT",
             "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE")  # fmt: skip
    on = settings_of(production_env(tmp_path, XEPLOAI_HSTS_SECONDS="600"), *names)
    assert on.stdout.splitlines() == [
        "SECURE_HSTS_SECONDS 600", "SECURE_HSTS_INCLUDE_SUBDOMAINS True", "SECURE_SSL_REDIRECT True",
        "SECURE_PROXY_SSL_HEADER ('HTTP_X_FORWARDED_PROTO', 'https')", "SESSION_COOKIE_SECURE True",
        "CSRF_COOKIE_SECURE True",
    ], on.stderr  # fmt: skip
    off = settings_of(production_env(tmp_path, XEPLOAI_HTTPS="false"), *names)
    assert off.stdout.splitlines()[0] == "SECURE_HSTS_SECONDS 0"
    assert "SECURE_PROXY_SSL_HEADER None" in off.stdout


def test_debug_is_off_unless_asked_for_and_then_a_secret_key_is_required(tmp_path):
    env = production_env(tmp_path)
    del env["DEBUG"]
    assert settings_of(env, "DEBUG").stdout.strip() == "DEBUG False"
    del env["SECRET_KEY"]
    result = settings_of(env, "DEBUG")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [("XEPLOAI_SESSION_IDLE_MINUTES", "0"), ("XEPLOAI_SESSION_IDLE_MINUTES", "ba mươi"),
     ("XEPLOAI_HSTS_SECONDS", "-1"), ("XEPLOAI_HTTPS", "có"), ("XEPLOAI_LOG_LEVEL", "ồn ào")],
)  # fmt: skip
def test_a_bad_value_stops_the_start_up_naming_the_variable(tmp_path, variable, value):
    result = settings_of(production_env(tmp_path, **{variable: value}), "DEBUG")
    assert result.returncode != 0
    assert f"{variable} must be" in result.stderr


def test_the_idle_minutes_set_the_session_age(tmp_path):
    result = settings_of(production_env(tmp_path, XEPLOAI_SESSION_IDLE_MINUTES="5"),
                         "SESSION_COOKIE_AGE", "SESSION_SAVE_EVERY_REQUEST")  # fmt: skip
    assert result.stdout.splitlines() == ["SESSION_COOKIE_AGE 300", "SESSION_SAVE_EVERY_REQUEST True"]


# --- Content-Security-Policy -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True])
def test_pages_carry_a_strict_content_security_policy(client, personas, signed_in):
    from django.urls import reverse

    if signed_in:
        client.force_login(personas.district_a_officer)
    response = client.get(reverse("web:tree") if signed_in else reverse("login"))
    assert response.status_code == 200
    policy = {d.split()[0]: d.split()[1:] for d in response["Content-Security-Policy"].split("; ")}
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "on… handler attribute"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\shx-on", re.I), "hx-on attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_no_template_has_inline_script_handler_or_style():
    """The policy allows none of these; a template that used one would break silently in the browser."""
    found = [
        f"{path.relative_to(ROOT)}: {what}"
        for path in TEMPLATES.rglob("templates/**/*.html")
        for pattern, what in INLINE
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


# --- no caching of personal data --------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_for_a_signed_in_user_and_downloads_are_not_stored(client, personas):
    from django.urls import reverse

    client.force_login(personas.district_a_officer)
    page = client.get(reverse("web:organization", args=[personas.cell_a1.pk]))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    client.force_login(personas.superuser)
    download = client.get(reverse("workbook:template"))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert "no-store" in download["Cache-Control"]


def test_a_download_is_not_stored_even_without_a_session(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from xeploai.web.middleware import NoStoreMiddleware

    def view(request):
        response = HttpResponse(b"x")
        response["Content-Disposition"] = 'attachment; filename="a.csv"'
        return response

    request = rf.get("/")
    request.user = AnonymousUser()
    assert "no-store" in NoStoreMiddleware(view)(request)["Cache-Control"]
    assert not NoStoreMiddleware(lambda r: HttpResponse(b"x"))(request).has_header("Cache-Control")


# --- session idle timeout ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_session_idle_past_the_limit_is_logged_out_and_activity_keeps_it(client, personas, settings):
    from django.urls import reverse
    from django.utils import timezone

    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    start = timezone.now()
    with mock.patch("django.utils.timezone.now") as now:
        now.return_value = start
        client.force_login(personas.district_a_officer)
        url = reverse("web:tree")
        for minutes in (20, 45):  # 45 minutes after login, but only 25 after the last request
            now.return_value = start + timedelta(minutes=minutes)
            assert client.get(url).status_code == 200
        now.return_value = start + timedelta(minutes=45 + 31)
        response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- demo commands refused in production -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args", [["demo", "--scale", "tiny"], ["demo", "--scale", "tiny", "--replace"],
             ["demo", "--scale", "tiny", "--if-empty"], ["demo_admin"]],
)  # fmt: skip
def test_demo_commands_refuse_to_run_with_debug_off(args, settings):
    from django.contrib.auth import get_user_model
    from django.core.management import CommandError, call_command

    from xeploai.registry.models import Organization

    settings.DEBUG = False
    # call_command, not the command line: that closes the database connections when done, the test's too
    # on PostgreSQL. From the command line a CommandError ends the process with its returncode.
    with pytest.raises(CommandError) as refused:
        call_command(*args)
    assert refused.value.returncode != 0
    assert "chỉ chạy trong môi trường phát triển (DEBUG=true)" in str(refused.value)
    assert not Organization.objects.exists()
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_demo_admin_runs_with_debug_on(settings):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("demo_admin", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert get_user_model().objects.get(username="admin").is_superuser


# --- error pages --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_404_page_is_vietnamese_in_the_site_look_and_lists_no_url(client, personas):
    client.force_login(personas.district_a_officer)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert 'class="topbar"' in html
    assert "URLconf" not in html
    assert "admin/" not in html
    assert "dang-nhap/" not in html


@pytest.mark.django_db
def test_403_page_is_vietnamese_and_says_why(client, personas):
    from django.urls import reverse

    client.force_login(personas.cell_a1_member)
    response = client.get(reverse("audit:index"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Không có quyền truy cập" in html
    assert 'class="topbar"' in html
    assert "Bạn không có quyền xem nhật ký thay đổi." in html


@pytest.mark.django_db
def test_refused_form_gets_the_vietnamese_403_page(personas):
    from django.test import Client
    from django.urls import reverse

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Biểu mẫu không được chấp nhận" in response.content.decode()


@pytest.mark.django_db
def test_unknown_host_gets_the_vietnamese_400_page(client):
    response = client.get("/", HTTP_HOST="ke-gia-mao.example")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


@pytest.mark.django_db
def test_500_page_is_vietnamese_and_shows_no_trace(client, personas):
    from django.urls import reverse

    client.force_login(personas.district_a_officer)
    client.raise_request_exception = False
    with mock.patch("xeploai.web.views.registry.render", side_effect=RuntimeError("bí mật nội bộ")):
        response = client.get(reverse("web:tree"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Lỗi hệ thống" in html
    assert 'class="topbar"' in html
    assert "bí mật nội bộ" not in html
    assert "Traceback" not in html
