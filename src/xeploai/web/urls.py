"""Web pages. The registry pages live in the "web" namespace, the workbook pages in "workbook".

This module has no ``app_name`` itself, so both namespaces are top level (``web:tree``,
``workbook:upload``) while the project URLconf includes this one module.
"""

from django.urls import include, path

from xeploai.web.views import home, registry

web_patterns = [
    path("", home.home, name="home"),
    path("to-chuc/", registry.tree, name="tree"),
    path("to-chuc/<int:pk>/", registry.organization, name="organization"),
    path("ca-nhan/<int:pk>/", registry.person, name="person"),
    path("tim-kiem/", registry.search, name="search"),
]

urlpatterns = [
    path("", include((web_patterns, "web"))),
    path("", include("xeploai.web.urls_workbook")),  # app_name "workbook": upload, template, export
    path("dot-danh-gia/", include("xeploai.web.urls_campaigns")),  # app_name "campaigns"
    path("nhat-ky/", include("xeploai.web.urls_audit")),  # app_name "audit"
    path("hoi-dap/", include("xeploai.web.urls_questions")),  # app_name "questions"
    path("bao-cao/", include("xeploai.web.urls_reports")),  # app_name "reports"
    path("gui-cap-tren/", include("xeploai.web.urls_submissions")),  # app_name "submissions"
    path("tep/", include("xeploai.web.urls_jobs")),  # app_name "jobs"
]
