"""Password rules: Django's validators; the minimum length one with its message in our catalogue.

Django 5.2 reworded the minimum length message and its Vietnamese catalogue still has only the old
wording, so the stock validator speaks English on a Vietnamese page. The rule itself is Django's.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.",
            "Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Mật khẩu phải có ít nhất %(min_length)d ký tự.",
            "Mật khẩu phải có ít nhất %(min_length)d ký tự.",
            self.min_length,
        ) % {"min_length": self.min_length}
