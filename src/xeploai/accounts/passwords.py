"""Password rules: Django's validators; the minimum length one with its message in our catalogue.

Django 5.2 reworded the minimum length message and its Vietnamese catalogue still has only the old
wording, so the stock validator speaks English on a Vietnamese page. The rule itself is Django's.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import ngettext_lazy

# The plural form is chosen by the "min_length" value the message is formatted with.
TOO_SHORT = ngettext_lazy(
    "Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.",
    "Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.",
    "min_length",
)
HELP_TEXT = ngettext_lazy(
    "Mật khẩu phải có ít nhất %(min_length)d ký tự.",
    "Mật khẩu phải có ít nhất %(min_length)d ký tự.",
    "min_length",
)


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return str(TOO_SHORT % {"min_length": self.min_length})

    def get_help_text(self) -> str:
        return str(HELP_TEXT % {"min_length": self.min_length})
