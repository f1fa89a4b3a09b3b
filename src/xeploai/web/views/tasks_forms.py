"""Forms of the task register's pages: they parse the request; the services check the rows."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xeploai.registry.task_register import Target, Task

DATE_HINT = _("dd/mm/yyyy")


class TaskForm(forms.ModelForm):
    """A person's own task: what, when given, by when, when done, exceeded, excused (R-102)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Task
        fields = ["title", "group", "assigned_on", "due_on", "done_on", "exceeded", "excused", "note"]
        widgets = {
            "assigned_on": forms.DateInput(attrs={"placeholder": DATE_HINT}),
            "due_on": forms.DateInput(attrs={"placeholder": DATE_HINT}),
            "done_on": forms.DateInput(attrs={"placeholder": DATE_HINT}),
        }


class TargetForm(forms.ModelForm):
    """A unit's target for a year (R-106: the basic socio-economic targets of a local committee)."""

    class Meta:
        model = Target
        fields = ["name", "unit", "planned", "achieved", "met", "is_basic"]
        widgets = {"met": forms.NullBooleanSelect}
