"""Test settings: the real settings with a cheap password hasher (for speed) and quiet e-mail."""

from xeploai.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The existing suite logs officers in without a second factor; tests/security turn it on.
XEPLOAI_2FA_REQUIRED = False
