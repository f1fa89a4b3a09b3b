"""Workbook pages: upload (import), the empty template, the export. Included by web/urls.py."""

from django.urls import path

from xeploai.web.views import workbook

app_name = "workbook"

urlpatterns = [
    path("nhap-du-lieu/", workbook.upload, name="upload"),
    path("nhap-du-lieu/ket-qua/<int:pk>/", workbook.import_result, name="import_result"),
    path("nhap-du-lieu/mau.xlsx", workbook.template, name="template"),
    path("xuat-du-lieu/", workbook.export, name="export"),
]
