"""Admin pages for campaigns: deadlines inline; the workflow rows are shown, never written, here.

Ratings, evidence and opinions are append-only rows (ADR 0002). Reviews, ballots and appeals change, but
only through the services of ``reviews``, ``decisions`` and ``appeals``, which check the rules (S-13, S-14,
R-81 … R-89), move the subject's state version and write the audit trail; an edit in the admin would skip
all three. So every workflow model is view-only here: no add, no change, no delete, no bulk action.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Appeal, Ballot, Campaign, Deadline, Evidence, Opinion, Rating, Review, Subject

SUBJECT = ["subject__person", "subject__collective", "subject__organization"]  # what Subject.__str__ reads


class ViewOnly:
    """Mixin for a ModelAdmin or an inline: staff may look, nobody writes through the admin."""

    actions = None

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


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


class RatingInline(ViewOnly, admin.TabularInline):
    model = Rating
    fields = ["stage", "level", "score", "author", "created_at", "justification", "based_on_version"]
    readonly_fields = fields  # auto timestamps cannot be form fields
    extra = 0


class AppealInline(ViewOnly, admin.TabularInline):
    model = Appeal
    fields = ["lodged_at", "lodged_by", "status", "new_level", "resolved_by", "resolved_at"]
    readonly_fields = fields  # auto timestamps cannot be form fields
    extra = 0


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
    inlines = [RatingInline, AppealInline]


@admin.register(Rating)
class RatingAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ["subject", "stage", "level", "score", "author", "created_at"]
    list_filter = ["stage", "level"]
    raw_id_fields = ["subject", "author"]
    list_select_related = [*SUBJECT, "author"]


class EvidenceInline(ViewOnly, admin.TabularInline):
    model = Evidence
    fields = ["title", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields  # auto timestamps cannot be form fields
    extra = 0


@admin.register(Review)
class ReviewAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ["subject", "status", "self_party_level", "self_state_level", "author", "submitted_at"]
    list_filter = ["status", "subject__campaign", "subject__subject_type"]
    list_select_related = [*SUBJECT, "author"]
    inlines = [EvidenceInline]


@admin.register(Evidence)
class EvidenceAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ["title", "review", "content_type", "size", "uploaded_by", "uploaded_at", "download"]
    list_select_related = [*(f"review__{s}" for s in SUBJECT), "uploaded_by"]
    exclude = ["file"]  # the file is served only by the permission-checked page, never from MEDIA_URL

    @admin.display(description=_("tệp"))
    def download(self, obj: Evidence) -> str:
        return format_html('<a href="{}">{}</a>', reverse("campaigns:evidence_file", args=[obj.pk]), _("Tải"))

    def get_readonly_fields(self, request: HttpRequest, obj: object = None) -> list[str]:
        return [*super().get_readonly_fields(request, obj), "download"]


@admin.register(Opinion)
class OpinionAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ["subject", "source", "author", "proposed_level", "created_at"]
    list_filter = ["source", "subject__campaign"]
    list_select_related = [*SUBJECT, "author"]


@admin.register(Ballot)
class BallotAdmin(ViewOnly, admin.ModelAdmin):
    list_display = [
        "subject",
        "present",
        "eligible",
        "votes_excellent",
        "votes_good",
        "votes_completed",
        "votes_not_completed",
        "recorded_by",
        "recorded_at",
    ]
    list_select_related = [*SUBJECT, "recorded_by"]


@admin.register(Appeal)
class AppealAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ["subject", "lodged_by", "lodged_at", "status", "new_level", "resolved_by", "resolved_at"]
    list_filter = ["status", "subject__campaign"]
    list_select_related = [*SUBJECT, "lodged_by", "resolved_by"]
