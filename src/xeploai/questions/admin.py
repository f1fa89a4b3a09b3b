"""Questions (S-17) and sent reminders (S-10) in the admin, for system administrators."""

from __future__ import annotations

from django.contrib import admin

from xeploai.questions.models import Answer, Question, SentReminder


class AnswerInline(admin.StackedInline):
    model = Answer
    extra = 0
    raw_id_fields = ("author",)


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "campaign", "status", "created_at")
    list_filter = ("status", "campaign")
    search_fields = ("title", "body")
    raw_id_fields = ("organization", "asker", "campaign")
    readonly_fields = ("org_path",)
    inlines = (AnswerInline,)


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ("deadline", "user", "email", "sent_on", "days_before")
    list_filter = ("sent_on", "days_before")
    raw_id_fields = ("deadline", "user")
