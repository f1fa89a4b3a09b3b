"""The audit trail in the admin: read only (the model and the database refuse changes anyway)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from xeploai.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("seq", "created_at", "actor_name", "ip", "action", "object_label")
    list_filter = ("action",)
    search_fields = ("action", "object_label", "actor_name", "object_id")
    date_hierarchy = "created_at"
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
