"""More report pages ("reports_more" namespace); the project includes them at ``bao-cao-them/``."""

from django.urls import path

from xeploai.web.views import reports_more as v
from xeploai.web.views import reports_more_submissions as sub

app_name = "reports_more"

urlpatterns = [
    path("cong-khai/<int:pk>/", v.publication_page, name="publication"),
    path("lich-su/ca-nhan/<int:pk>/", v.person_history_page, name="person_history"),
    path("lich-su/to-chuc/<int:pk>/", v.organization_history_page, name="organization_history"),
    path("so-sanh/", v.comparison_page, name="comparison"),
    path("bieu-do/", v.charts_page, name="charts"),
    path("gui-cap-tren/", sub.submission_home, name="submissions"),
    path("gui-cap-tren/gui/", sub.submission_create, name="submission_create"),
    path("gui-cap-tren/hop-thu/", sub.inbox, name="inbox"),
    path("gui-cap-tren/han-nop/", sub.submission_deadlines, name="submission_deadlines"),
    path("gui-cap-tren/<int:pk>/", sub.submission_detail, name="submission"),
    path("gui-cap-tren/<int:pk>/tep/<slug:which>/", sub.submission_file, name="submission_file"),
    path("gui-cap-tren/<int:pk>/tra-lai/", sub.submission_return, name="submission_return"),
    path("gui-cap-tren/<int:pk>/tiep-nhan/", sub.submission_accept, name="submission_accept"),
]
