"""The project URLconf plus the questions pages, until the project includes them itself."""

from django.urls import include, path

from xeploai.urls import urlpatterns as project_patterns

urlpatterns = [path("hoi-dap/", include("xeploai.web.urls_questions")), *project_patterns]
