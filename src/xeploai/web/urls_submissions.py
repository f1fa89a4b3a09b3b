"""Reports sent to the level above ("submissions" namespace), included at ``gui-cap-tren/``."""

from django.urls import path

from xeploai.web.views import submissions as sub

app_name = "submissions"

urlpatterns = [
    path("", sub.submission_home, name="home"),
    path("gui/", sub.submission_create, name="create"),
    path("hop-thu/", sub.inbox, name="inbox"),
    path("han-nop/", sub.submission_deadlines, name="deadlines"),
    path("<int:pk>/", sub.submission_detail, name="detail"),
    path("<int:pk>/tep/<slug:which>/", sub.submission_file, name="file"),
    path("<int:pk>/tra-lai/", sub.submission_return, name="return"),
    path("<int:pk>/tiep-nhan/", sub.submission_accept, name="accept"),
]
