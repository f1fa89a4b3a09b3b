"""Forms of the questions channel: the choices offered are the user's own, so a forged POST is refused."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xeploai.campaigns.models import Campaign
from xeploai.questions.access import asking_organizations_for, campaigns_for_asking
from xeploai.registry.models import Organization


class AskForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("Đợt đánh giá"), queryset=Campaign.objects.none())
    organization = forms.ModelChoiceField(label=_("Tổ chức hỏi"), queryset=Organization.objects.none())
    title = forms.CharField(label=_("Tiêu đề"), max_length=200)
    body = forms.CharField(label=_("Nội dung vướng mắc"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args: object, user: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        organizations = asking_organizations_for(user)  # type: ignore[arg-type]
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["campaign"].queryset = campaigns_for_asking(organizations)  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    body = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 4}))
