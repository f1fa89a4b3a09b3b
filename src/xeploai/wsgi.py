"""WSGI entry point (gunicorn: ``xeploai.wsgi``; docs/operations.md)."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xeploai.settings")
application = get_wsgi_application()
# Import every URL pattern and view now, not on a worker's first request: that request paid about 2 s of
# imports (bench/bench_load.py). With ``gunicorn --preload`` the import happens once, before the fork.
get_resolver().url_patterns  # noqa: B018 - evaluated for its side effect
