"""Language selection: Vietnamese unless the user picked another language with the switch.

Django's ``LocaleMiddleware`` also follows the browser's Accept-Language header, so an official whose
browser is set to English would get English pages without asking. This middleware reads only the
language cookie written by ``set_language`` (the vi/en switch in the top bar), then falls back to
``LANGUAGE_CODE`` ("vi"). It replaces ``django.middleware.locale.LocaleMiddleware`` in MIDDLEWARE.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _label in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
