"""Background jobs ("jobs" namespace); the project includes them at ``tep/``."""

from django.urls import path

from xeploai.web.views import jobs

app_name = "jobs"

urlpatterns = [
    path("<int:pk>/", jobs.job_page, name="detail"),
    path("<int:pk>/tai-ve/", jobs.job_download, name="download"),
]
