"""Audit pages, included by the project under "nhat-ky/" (namespace "audit")."""

from django.urls import path

from xeploai.web.views import audit

app_name = "audit"

urlpatterns = [
    path("", audit.index, name="index"),
    path("to-chuc/<int:pk>/", audit.organization, name="organization"),
    path("doi-tuong/<int:pk>/", audit.subject, name="subject"),
]
