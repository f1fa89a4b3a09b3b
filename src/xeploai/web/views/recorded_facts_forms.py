"""Forms of the pages where officers record the facts the rules need (issue 13 item 6)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xeploai.registry.models import (
    Conclusion,
    ConfidenceVote,
    Person,
    ReviewMeeting,
    TemporaryActivity,
    Transfer,
)

DATE_HINT = _("dd/mm/yyyy")


def _dates(*names: str) -> dict[str, forms.Widget]:
    return {n: forms.DateInput(attrs={"placeholder": DATE_HINT}) for n in names}


class PersonStartForm(forms.ModelForm):
    """R-25: when the person started at the agency; R-66: the unit a deputy leads directly."""

    class Meta:
        model = Person
        fields = ["employed_from", "led_unit"]
        widgets = _dates("employed_from")


class TransferForm(forms.ModelForm):
    """R-16, R-28: a move to the current cell or agency."""

    class Meta:
        model = Transfer
        fields = ["side", "moved_on", "old_unit", "old_unit_from", "comment_received", "old_unit_exists"]
        widgets = _dates("moved_on", "old_unit_from")


class TemporaryActivityForm(forms.ModelForm):
    """R-17: temporary party activity at another cell."""

    class Meta:
        model = TemporaryActivity
        fields = ["cell", "start", "end", "comment_received"]
        widgets = _dates("start", "end")


class ConclusionForm(forms.ModelForm):
    """R-33a, R-40a: the competent level's conclusion."""

    class Meta:
        model = Conclusion
        fields = ["concluded_on", "note"]
        widgets = _dates("concluded_on")


class ConfidenceVoteForm(forms.ModelForm):
    """R-106: the confidence vote on a leader, counts only."""

    class Meta:
        model = ConfidenceVote
        fields = ["year", "voters", "high", "medium", "low"]


class ReviewMeetingForm(forms.ModelForm):
    """S-04: the organization's review meeting."""

    class Meta:
        model = ReviewMeeting
        fields = ["held_on", "note"]
        widgets = _dates("held_on")
