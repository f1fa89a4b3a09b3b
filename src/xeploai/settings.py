"""The only settings module of xeploai.

Everything comes from the environment with safe local defaults: with nothing set, the project runs on
a SQLite file in the project folder. See docs/operations.md for each variable.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
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


def envint(name: str, default: str, minimum: int) -> int:
    """Read a whole number of at least ``minimum``; refuse anything else loudly."""
    value = os.environ.get(name, default).strip()
    try:
        number = int(value)
    except ValueError:
        number = minimum - 1
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least {minimum}, not {value!r}")
    return number


# Off unless asked for: production is the default, development opts in (`make run` sets DEBUG=true).
DEBUG = envbool("DEBUG", "false")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (for local development set DEBUG=true)"
        )
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]

INSTALLED_APPS = [
    "xeploai.accounts.admin_apps.AdminConfig",  # django.contrib.admin with the two-factor admin site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rules",
    "django_tasks",
    "django_tasks_db",
    "xeploai.registry",
    "xeploai.accounts",
    "xeploai.campaigns",
    "xeploai.reports",
    "xeploai.audit",
    "xeploai.questions",
    "xeploai.jobs",
    "xeploai.web",
    "ninja",  # django-ninja: its docs page's assets (swagger-ui) are served from the package
    "xeploai.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xeploai.lib.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "xeploai.web.middleware.NoStoreMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "xeploai.accounts.twofactor.TwoFactorRequiredMiddleware",
    "xeploai.accounts.first_login.PasswordChangeRequiredMiddleware",
    "xeploai.audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lockout into its page
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
        conn_max_age=envint("CONN_MAX_AGE", "0", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue instead of failing (healthchecks' settings): IMMEDIATE takes the write lock at BEGIN.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # Planner settings of every connection: storage is SSD, where a random page costs about a sequential
    # one, and JIT compiling costs more than it saves on these queries (docs/operations.md, PG_OPTIONS,
    # gives the figures). ``PG_OPTIONS`` replaces them.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = os.environ.get(
        "PG_OPTIONS", "-c random_page_cost=1.1 -c jit=off"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [Path(__file__).resolve().parent / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
# dd/mm/yyyy in every input and output, whatever the language (xeploai/formats/).
FORMAT_MODULE_PATH = ["xeploai.formats"]
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

# HTTPS, behind a reverse proxy (nginx) that terminates TLS and sets X-Forwarded-Proto.
XEPLOAI_HTTPS = envbool("XEPLOAI_HTTPS", "false")
SECURE_SSL_REDIRECT = XEPLOAI_HTTPS
SESSION_COOKIE_SECURE = XEPLOAI_HTTPS
CSRF_COOKIE_SECURE = XEPLOAI_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if XEPLOAI_HTTPS else None
SECURE_HSTS_SECONDS = envint("XEPLOAI_HSTS_SECONDS", "31536000", 0) if XEPLOAI_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("XEPLOAI_HSTS_INCLUDE_SUBDOMAINS", "true")
SECURE_HSTS_PRELOAD = envbool("XEPLOAI_HSTS_PRELOAD", "true")

# Sessions end after this many idle minutes: each request pushes the expiry forward.
XEPLOAI_SESSION_IDLE_MINUTES = envint("XEPLOAI_SESSION_IDLE_MINUTES", "30", 1)
SESSION_COOKIE_AGE = XEPLOAI_SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True

# Content-Security-Policy (django-csp): scripts and styles only from our own static files, no inline
# script or style, no plug-ins, no framing, forms post only to us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# The REST API (django-ninja, docs/api.md): pages of at most NINJA_PAGINATION_MAX_LIMIT items.
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

# Read the client address from X-Forwarded-For (its last entry) only behind a trusted proxy.
AUDIT_TRUST_X_FORWARDED_FOR = envbool("AUDIT_TRUST_X_FORWARDED_FOR", "false")

# Errors and warnings go to standard error (the service's journal) also with DEBUG off, when Django's
# own console handler is silent; XEPLOAI_LOG_LEVEL sets the threshold.
XEPLOAI_LOG_LEVEL = os.environ.get("XEPLOAI_LOG_LEVEL", "WARNING").strip().upper()
if XEPLOAI_LOG_LEVEL not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
    raise ImproperlyConfigured(
        f"XEPLOAI_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {XEPLOAI_LOG_LEVEL!r}"
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"debug_off": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "filters": ["debug_off"]}},
    "root": {"handlers": ["stderr"], "level": XEPLOAI_LOG_LEVEL},
}

# Login, accounts and two-factor (docs/operations.md, "Login, accounts and two-factor").
def env_positive_int(name: str, default: str) -> int:
    """Read a whole number above zero; refuse anything else loudly."""
    value = os.environ.get(name, default).strip()
    if not value.isdigit() or int(value) < 1:
        raise ImproperlyConfigured(f"{name} must be a whole number above zero, not {value!r}")
    return int(value)


AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "xeploai.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes checks every login attempt first; the model backend then checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Object permissions of the workflow (django-rules): xeploai.accounts.permissions.
    "rules.permissions.ObjectPermissionBackend",
]
# Lock a user name at one client address (another address is not locked) after this many failures,
# for this many minutes; refused attempts during a lockout neither count nor extend it.
AXES_FAILURE_LIMIT = env_positive_int("XEPLOAI_LOGIN_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=env_positive_int("XEPLOAI_LOGIN_LOCKOUT_MINUTES", "30"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "xeploai.web.views.account.locked_out"  # the Vietnamese page, status 429
AXES_CLIENT_IP_CALLABLE = "xeploai.audit.context.client_ip"  # the one notion of the client address
AXES_VERBOSE = False
# TOTP second factor for every role above party member, staff and superusers, and the admin site.
XEPLOAI_2FA_REQUIRED = envbool("XEPLOAI_2FA_REQUIRED", "true")
OTP_TOTP_ISSUER = "xeploai"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "xeploai@localhost")

# Background work (docs/adr/0010-background-tasks.md): django-tasks on its database backend, run by
# `manage.py db_worker` (`make run` starts it beside the web server). Finished files are kept
# XEPLOAI_JOB_FILE_DAYS days.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
XEPLOAI_JOBS_BACKEND = "default"  # the alias of TASKS that runs the jobs
XEPLOAI_JOB_FILE_DAYS = env_positive_int("XEPLOAI_JOB_FILE_DAYS", "7")
# A registry workbook larger than this is imported by a job; a smaller one in the request
# (docs/adr/0013-imports-opening-and-year-statistics-as-jobs.md says how the figure was measured).
XEPLOAI_IMPORT_INLINE_MAX_KB = env_positive_int("XEPLOAI_IMPORT_INLINE_MAX_KB", "160")
# A year's statistics over more subjects than this are computed by a job and kept (same ADR).
XEPLOAI_YEAR_STATS_INLINE_SUBJECTS = env_positive_int("XEPLOAI_YEAR_STATS_INLINE_SUBJECTS", "500000")

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

# Audit chain
# The key of the audit trail's HMAC links (ADR 0005), apart from SECRET_KEY: rotating the session key must
# not touch the trail, and whoever may read one need not hold the other. Keep a copy with the backups.
XEPLOAI_AUDIT_KEY = os.environ.get("XEPLOAI_AUDIT_KEY", "")
if not XEPLOAI_AUDIT_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "XEPLOAI_AUDIT_KEY must be set when DEBUG is off: the secret key of the audit trail's chain "
            "(a long random string, not SECRET_KEY; see docs/operations.md)"
        )
    XEPLOAI_AUDIT_KEY = "insecure-local-development-audit-key-do-not-use-in-production"
if XEPLOAI_AUDIT_KEY == SECRET_KEY:
    raise ImproperlyConfigured("XEPLOAI_AUDIT_KEY must differ from SECRET_KEY")

# --- Uploads and hostile files (docs/operations.md, "Tệp tải lên") ---------------------------------
# A request body larger than XEPLOAI_UPLOAD_MAX_MB is refused with a 413 page before it is read.
XEPLOAI_UPLOAD_MAX_MB = int(os.environ.get("XEPLOAI_UPLOAD_MAX_MB", "50"))
# The most data rows a sheet of an imported workbook may hold (the header row is not counted).
XEPLOAI_WORKBOOK_MAX_ROWS = int(os.environ.get("XEPLOAI_WORKBOOK_MAX_ROWS", "200000"))
DATA_UPLOAD_MAX_MEMORY_SIZE = XEPLOAI_UPLOAD_MAX_MB * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = min(FILE_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_MEMORY_SIZE)
# A whole list (web/views/stage_lists.py) posts three fields a row (level, justification, version) for up
# to campaigns.list_ratings.LIST_LIMIT (500) rows in one form; Django's default of 1,000 fields refused a
# district's list with a bare 400.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2_000
MIDDLEWARE = [*MIDDLEWARE, "xeploai.web.upload_limit.UploadLimitMiddleware"]
