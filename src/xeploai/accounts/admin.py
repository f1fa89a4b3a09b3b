"""Admin for role assignments: who holds which role over which organization's subtree."""

from __future__ import annotations

from django.contrib import admin

from xeploai.accounts.models import RoleAssignment


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "organization", "person")
    list_filter = ("role",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "organization__name_folded",
                     "organization__code", "person__name_folded", "person__code")
    autocomplete_fields = ("user", "organization", "person")
    list_select_related = ("user", "organization", "person")
