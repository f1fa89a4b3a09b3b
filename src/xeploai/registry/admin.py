"""Admin for the registry: organizations, collectives with their members, people, statuses, discipline.

The admin is for system administrators (staff); it is not scoped by subtree. Day-to-day work goes
through the pages and the workbook import, which are.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from xeploai.lib.vietnamese import fold
from xeploai.registry.models import Collective, Discipline, Membership, Organization, Person, StatusPeriod
from xeploai.registry.task_register import ConfidenceVote, Target, Task


class FoldedSearchMixin:
    """Search ignoring diacritics: "dang van an" finds "Đặng Văn Ân" through the ``name_folded`` column.

    The term is folded before the usual search; codes (ASCII) and citizen IDs (digits) are unchanged
    by folding, so they still match.
    """

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        return super().get_search_results(request, queryset, fold(search_term))  # type: ignore[misc]


@admin.register(Organization)
class OrganizationAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "code", "kind", "tier", "parent", "depth")
    list_filter = ("kind", "tier")
    search_fields = ("code", "name_folded")
    raw_id_fields = ("parent",)
    readonly_fields = ("path", "depth")
    list_select_related = ("parent",)
    ordering = ("path",)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("person",)


@admin.register(Collective)
class CollectiveAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "organization")
    list_filter = ("kind",)
    search_fields = ("code", "name", "organization__name_folded")
    raw_id_fields = ("organization",)
    list_select_related = ("organization",)
    inlines = (MembershipInline,)


class StatusPeriodInline(admin.TabularInline):
    model = StatusPeriod
    extra = 0


@admin.register(Person)
class PersonAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = (
        "full_name", "code", "party_organization", "workplace", "civil_service_category", "is_head"
    )
    list_filter = ("civil_service_category", "gender", "is_head", ("admitted_on", admin.EmptyFieldListFilter))
    search_fields = ("name_folded", "code", "=citizen_id")
    autocomplete_fields = ("party_organization", "workplace", "managing_committee")
    list_select_related = ("party_organization", "workplace")
    readonly_fields = ("name_folded",)
    inlines = (StatusPeriodInline,)
    ordering = ("name_sort",)


@admin.register(StatusPeriod)
class StatusPeriodAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("person", "kind", "start", "end")
    list_filter = ("kind",)
    search_fields = ("person__name_folded", "person__code")
    autocomplete_fields = ("person",)
    list_select_related = ("person",)
    date_hierarchy = "start"


@admin.register(Discipline)
class DisciplineAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("__str__", "form", "side", "decided_on", "violation_year", "self_remedied")
    list_filter = ("form", "side", "self_remedied", "violation_year")
    search_fields = ("person__name_folded", "person__code", "collective__code", "organization__name_folded",
                     "violation_ref")
    autocomplete_fields = ("person", "collective", "organization")
    list_select_related = ("person", "collective", "organization")
    date_hierarchy = "decided_on"


@admin.register(Task)
class TaskAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("title", "code", "person", "organization", "due_on", "done_on", "quality", "confirmed_at")
    list_filter = ("group", "quality", "exceeded", "excused")
    search_fields = ("code", "title", "person__name_folded", "person__code")
    raw_id_fields = ("person", "organization", "confirmed_by")
    list_select_related = ("person", "organization")
    date_hierarchy = "due_on"


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "year", "planned", "achieved", "met", "is_basic")
    list_filter = ("year", "met", "is_basic")
    search_fields = ("name", "organization__code")
    raw_id_fields = ("organization",)
    list_select_related = ("organization",)


@admin.register(ConfidenceVote)
class ConfidenceVoteAdmin(admin.ModelAdmin):
    list_display = ("person", "year", "voters", "high", "medium", "low")
    list_filter = ("year",)
    raw_id_fields = ("person",)
    list_select_related = ("person",)


admin.site.site_header = _("Quản trị hệ thống xếp loại chất lượng")
admin.site.site_title = _("Xếp loại chất lượng")
admin.site.index_title = _("Quản trị dữ liệu")
