"""The project URLconf plus the audit pages, until the project includes them itself."""

from django.urls import include, path

from xeploai.urls import urlpatterns as project_patterns

urlpatterns = [path("nhat-ky/", include("xeploai.web.urls_audit")), *project_patterns]
