"""Web pages. The registry pages live in the "web" namespace, the workbook pages in "workbook".

This module has no ``app_name`` itself, so both namespaces are top level (``web:tree``,
``workbook:upload``) while the project URLconf includes this one module.
"""

from django.urls import include, path

from xeploai.web.views import home, recorded_facts, registry, targets, tasks

web_patterns = [
    path("", home.home, name="home"),
    path("to-chuc/", registry.tree, name="tree"),
    path("to-chuc/<int:pk>/", registry.organization, name="organization"),
    path("ca-nhan/<int:pk>/", registry.person, name="person"),
    path("ca-nhan/<int:pk>/thong-tin-danh-gia/", recorded_facts.person_facts, name="person_facts"),
    path(
        "to-chuc/<int:pk>/thong-tin-danh-gia/", recorded_facts.organization_facts, name="organization_facts"
    ),
    path("tim-kiem/", registry.search, name="search"),
    path("nhiem-vu/", tasks.my_tasks, name="my_tasks"),
    path("nhiem-vu/<int:pk>/sua/", tasks.task_edit, name="task_edit"),
    path("nhiem-vu/xac-nhan/", tasks.confirm_tasks, name="confirm_tasks"),
    path("to-chuc/<int:pk>/chi-tieu/", targets.targets, name="targets"),
]

urlpatterns = [
    path("", include((web_patterns, "web"))),
    path("", include("xeploai.web.urls_workbook")),  # app_name "workbook": upload, template, export
    path("dot-danh-gia/", include("xeploai.web.urls_campaigns")),  # app_name "campaigns"
    path("nhat-ky/", include("xeploai.web.urls_audit")),  # app_name "audit"
    path("hoi-dap/", include("xeploai.web.urls_questions")),  # app_name "questions"
    path("bao-cao/", include("xeploai.web.urls_reports")),  # app_name "reports"
    path("gui-cap-tren/", include("xeploai.web.urls_submissions")),  # app_name "submissions"
    path("tai-khoan-phan-quyen/", include("xeploai.web.urls_accounts")),  # app_name "accounts_admin"
    path("tep/", include("xeploai.web.urls_jobs")),  # app_name "jobs"
]
