"""Admin pages for campaigns: deadlines inline; ratings are read-only (rows are never changed)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import Campaign, Deadline, Rating, Subject


class DeadlineInline(admin.TabularInline):
    model = Deadline
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "ruleset", "root", "status", "reference_date"]
    list_filter = ["status", "year", "ruleset"]
    raw_id_fields = ["root"]
    readonly_fields = ["created_at", "opened_at"]
    inlines = [DeadlineInline]


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "campaign",
        "subject_type",
        "review",
        "classify",
        "reasons",
        "counted_to",
        "override",
    ]
    list_filter = ["campaign", "subject_type", "review", "classify", "override"]
    raw_id_fields = ["organization", "collective", "person", "unit", "override_by"]
    readonly_fields = ["org_path", "reason_details", "version"]
    list_select_related = ["person", "collective", "organization"]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["subject", "stage", "level", "score", "author", "created_at"]
    list_filter = ["stage", "level"]
    raw_id_fields = ["subject", "author"]

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
