"""Report pages ("reports" namespace); the project includes them at ``bao-cao/``: the statistics and the
documents, the published results, the levels year by year, the comparison and the charts."""

from django.urls import path

from xeploai.web.views import charts, comparison, level_history, publication, reports, year_statistics

app_name = "reports"

urlpatterns = [
    path("", reports.statistics, name="statistics"),
    path("ca-nam/", year_statistics.year_statistics_page, name="year_statistics"),
    path("ca-nam/tinh/", year_statistics.year_statistics_start, name="year_statistics_start"),
    path("thong-ke-excel/tao/", reports.statistics_xlsx_start, name="statistics_xlsx"),
    path("van-ban/<slug:kind>/tao/", reports.document_start, name="document"),
    path("van-ban-zip/tao/", reports.documents_zip_start, name="documents_zip"),
    path("cong-khai/<int:pk>/", publication.publication_page, name="publication"),
    path("lich-su/ca-nhan/<int:pk>/", level_history.person_history_page, name="person_history"),
    path("lich-su/to-chuc/<int:pk>/", level_history.organization_history_page, name="organization_history"),
    path("so-sanh/", comparison.comparison_page, name="comparison"),
    path("bieu-do/", charts.charts_page, name="charts"),
]
