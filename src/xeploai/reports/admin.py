"""Submissions in the admin: read-only (every change goes through ``reports.submissions``, audited)."""

from django.contrib import admin

from xeploai.reports.models import ReportSubmission


@admin.register(ReportSubmission)
class ReportSubmissionAdmin(admin.ModelAdmin):
    list_display = ("organization", "campaign", "revision", "status", "submitted_at", "reviewed_at")
    list_filter = ("status", "campaign")
    search_fields = ("organization__name", "organization__code")

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False
