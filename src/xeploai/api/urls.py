"""The API instance (mounted at /api/ by ``xeploai.urls``) and the health check for the load balancer.

OpenAPI at /api/openapi.json, its Swagger page at /api/docs: django-ninja serves the page's scripts and
styles from the installed package (``ninja`` in INSTALLED_APPS), with no inline script, so the site's
Content-Security-Policy holds; the page only adds ``data:`` images (swagger-ui's icons are inline SVGs in
its stylesheet).
"""

from __future__ import annotations

import logging
from typing import Any

from csp.decorators import csp_update
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from ninja import NinjaAPI
from ninja.responses import Status

from xeploai.api import (  # noqa: F401 - facts_api, registry_writes and workflow_api add their operations to the routers
    campaigns_api,
    errors,
    facts_api,
    registry_api,
    registry_writes,
    stats_api,
    workflow_api,
)
from xeploai.api.auth import TokenAuth

logger = logging.getLogger(__name__)


def _docs_decorator(view: Any) -> Any:
    return csp_update({"img-src": ["data:"]})(view)


api = NinjaAPI(
    title="xeploai API",
    version="1",
    description=(
        "Kiểm điểm, đánh giá, xếp loại chất lượng: API với cùng quyền và cùng chính sách dữ liệu cá nhân như "
        "các trang. Xác thực bằng mã truy cập API (Authorization: Bearer …). / The same permissions and "
        "personal-data policy as the pages; authenticate with a personal API token."
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    docs_decorator=_docs_decorator,
)
errors.install(api)
api.add_router("", registry_api.router)
api.add_router("", campaigns_api.router)
api.add_router("", stats_api.router)


@api.get(
    "/health", auth=None, response={200: dict[str, str], 503: dict[str, str]}, summary="Tình trạng dịch vụ"
)
def api_health(request: HttpRequest) -> Status[dict[str, str]]:
    """The database answers: 200 {"status": "ok"}; else 503. No authentication, no data."""
    return Status(200, {"status": "ok"}) if database_ok() else Status(503, {"status": "unavailable"})


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("health check: the database does not answer")
        return False


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """/health/ for the load balancer: 200 when the database answers, 503 otherwise; no auth, no data."""
    ok = database_ok()
    return JsonResponse({"status": "ok" if ok else "unavailable"}, status=200 if ok else 503)
