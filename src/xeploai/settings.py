"""The only settings module of xeploai.

Everything comes from the environment with safe local defaults: with nothing set, the project runs on
a SQLite file in the project folder. See docs/operations.md for each variable.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent  # the project folder (src/xeploai/ → ../..)


def envbool(name: str, default: str) -> bool:
    """Read a yes/no variable; refuse anything else loudly."""
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


DEBUG = envbool("DEBUG", "true")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "xeploai.registry",
    "xeploai.accounts",
    "xeploai.campaigns",
    "xeploai.reports",
    "xeploai.audit",
    "xeploai.questions",
    "xeploai.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xeploai.lib.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "xeploai.audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "xeploai.urls"
WSGI_APPLICATION = "xeploai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's backend, flushing in an order the delete guards accept (xeploai.db.sqlite3, ADR 0003).
    DATABASES["default"]["ENGINE"] = "xeploai.db.sqlite3"
    # Writers queue instead of failing (healthchecks' settings): IMMEDIATE takes the write lock at BEGIN.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # Planner settings of every connection (docs/operations.md): storage is SSD, where a random page costs
    # about a sequential one (random_page_cost 4 made a province's people a sequential scan of the
    # nation's 5.5 million rows instead of two index scans: 1.9 s against 0.19 s); JIT compiling cost more
    # than it saved on every query measured. ``PG_OPTIONS`` replaces them.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = os.environ.get(
        "PG_OPTIONS", "-c random_page_cost=1.1 -c jit=off"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [Path(__file__).resolve().parent / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end libraries come from npm at set-up (make run / make test), never from the repository.
STATICFILES_DIRS = [
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/chartjs", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

# Read the client address from X-Forwarded-For (its last entry) only behind a trusted proxy.
AUDIT_TRUST_X_FORWARDED_FOR = envbool("AUDIT_TRUST_X_FORWARDED_FOR", "false")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "xeploai@localhost")

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

# --- Uploads and hostile files (docs/operations.md, "Tệp tải lên") ---------------------------------
# A request body larger than XEPLOAI_UPLOAD_MAX_MB is refused with a 413 page before it is read.
XEPLOAI_UPLOAD_MAX_MB = int(os.environ.get("XEPLOAI_UPLOAD_MAX_MB", "50"))
# The most data rows a sheet of an imported workbook may hold (the header row is not counted).
XEPLOAI_WORKBOOK_MAX_ROWS = int(os.environ.get("XEPLOAI_WORKBOOK_MAX_ROWS", "200000"))
DATA_UPLOAD_MAX_MEMORY_SIZE = XEPLOAI_UPLOAD_MAX_MB * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = min(FILE_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_MEMORY_SIZE)
MIDDLEWARE = [*MIDDLEWARE, "xeploai.web.upload_limit.UploadLimitMiddleware"]
