"""Test settings: the real settings with a cheap password hasher (for speed) and quiet e-mail."""

import os

os.environ.setdefault("XEPLOAI_AUDIT_KEY", "test-audit-key-not-secret")  # before settings read it

from xeploai.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
