"""More report pages ("reports_more" namespace); the project includes them at ``bao-cao-them/``."""

from django.urls import path

from xeploai.web.views import reports_more as v

app_name = "reports_more"

urlpatterns = [
    path("cong-khai/<int:pk>/", v.publication_page, name="publication"),
    path("lich-su/ca-nhan/<int:pk>/", v.person_history_page, name="person_history"),
    path("lich-su/to-chuc/<int:pk>/", v.organization_history_page, name="organization_history"),
    path("so-sanh/", v.comparison_page, name="comparison"),
]
