"""Language selection: Vietnamese unless the user chose English with the language switch.

Django's LocaleMiddleware follows the browser's Accept-Language, so an office computer with an
English browser would get English pages. The offices work in Vietnamese: only an explicit choice
(the ``django_language`` cookie set by ``set_language``) switches the language.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware


class ChosenLanguageMiddleware(LocaleMiddleware):
    """LocaleMiddleware that ignores Accept-Language: the default language or the user's choice."""

    def process_request(self, request: HttpRequest) -> None:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
