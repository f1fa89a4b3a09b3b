"""Test settings: the real settings with a cheap password hasher (for speed) and quiet e-mail."""

import os

# DEBUG is off by default and then the settings demand a SECRET_KEY: tests get a fixed one of their own.
os.environ.setdefault("SECRET_KEY", "test-only-key-never-used-outside-the-test-suite-0123456789")
os.environ.setdefault("XEPLOAI_AUDIT_KEY", "test-audit-key-not-secret")  # before settings read it

from xeploai.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The existing suite logs officers in without a second factor; tests/security turn it on.
XEPLOAI_2FA_REQUIRED = False
# Background jobs run at once, in the request that starts them; the tests of the queue and the progress
# send them to the database backend instead (XEPLOAI_JOBS_BACKEND = "database") and run db_worker.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
