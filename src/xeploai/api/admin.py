"""Administrators create and revoke anyone's API tokens on the admin site: a new token's text is shown
once in the confirmation message; revoking is an action (rows are never edited or deleted here)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.api.models import ApiToken
from xeploai.api.tokens import token_create, token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__username")
    fields = ("user", "name")
    readonly_fields = ("prefix", "created_at", "created_by", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        token, text = token_create(user=obj.user, by=request.user, name=obj.name)
        obj.pk = token.pk
        self.message_user(
            request,
            _("Mã truy cập mới (chép ngay, mã sẽ không hiện lại): %(text)s") % {"text": text},
            messages.WARNING,
        )

    @admin.action(description=gettext_lazy("Thu hồi các mã truy cập đã chọn"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            token_revoke(token=token, by=request.user)
        self.message_user(request, _("Đã thu hồi %(n)d mã truy cập.") % {"n": queryset.count()})
