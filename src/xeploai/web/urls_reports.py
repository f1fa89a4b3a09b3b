"""Report pages ("reports" namespace); the project includes them at ``bao-cao/``."""

from django.urls import path

from xeploai.web.views import reports

app_name = "reports"

urlpatterns = [
    path("", reports.statistics, name="statistics"),
    path("thong-ke.xlsx", reports.statistics_xlsx_download, name="statistics_xlsx"),
    path("van-ban/<slug:kind>.docx", reports.document_download, name="document"),
    path("van-ban.zip", reports.documents_zip_download, name="documents_zip"),
]
