"""Forms of the campaign pages: they parse the request; the services validate the domain."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xeploai.campaigns.models import OpinionSource, Override, period_choices, ruleset_choices
from xeploai.campaigns.page_data import LEVELS
from xeploai.registry.models import Organization

LEVEL_CHOICES = [("", "—"), *LEVELS]


class CampaignCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Năm đánh giá"), min_value=2000, max_value=2100)
    # by year, or by quarter under a ruleset that evaluates quarters (QĐ366); 0 is the whole year.
    quarter = forms.TypedChoiceField(
        label=_("Kỳ đánh giá"), choices=period_choices, coerce=int, initial=0, required=False, empty_value=0
    )
    ruleset = forms.ChoiceField(label=_("Bộ quy tắc"), choices=ruleset_choices)
    root = forms.ModelChoiceField(label=_("Tổ chức chủ trì"), queryset=Organization.objects.none())
    name = forms.CharField(label=_("Tên đợt"), required=False, max_length=255)
    reference_date = forms.DateField(label=_("Ngày tính mốc"), required=False)
    appeal_window_days = forms.IntegerField(
        label=_("Thời hạn kiến nghị (ngày sau công bố)"), initial=15, min_value=1, max_value=90
    )

    def __init__(self, *args: object, roots: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if roots is not None:
            self.fields["root"].queryset = roots  # type: ignore[attr-defined]


class RatingForm(forms.Form):
    level = forms.TypedChoiceField(label=_("Mức xếp loại"), choices=LEVELS, coerce=int)
    justification = forms.CharField(label=_("Lý do, căn cứ"), required=False, widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput)


class OpinionForm(forms.Form):
    source = forms.ChoiceField(label=_("Với tư cách"), choices=OpinionSource.choices)
    text = forms.CharField(label=_("Nội dung ý kiến"), widget=forms.Textarea)
    proposed_level = forms.TypedChoiceField(
        label=_("Mức đề xuất"), choices=LEVEL_CHOICES, coerce=int, required=False, empty_value=None
    )


class BallotForm(forms.Form):
    votes_3 = forms.IntegerField(label=_("Phiếu HTXS"), min_value=0, initial=0)
    votes_2 = forms.IntegerField(label=_("Phiếu HTT"), min_value=0, initial=0)
    votes_1 = forms.IntegerField(label=_("Phiếu HTNV"), min_value=0, initial=0)
    votes_0 = forms.IntegerField(label=_("Phiếu KHTNV"), min_value=0, initial=0)
    present = forms.IntegerField(label=_("Số có mặt"), min_value=0)
    eligible = forms.IntegerField(label=_("Số đảng viên chính thức"), min_value=0)


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Tên sản phẩm"), max_length=255)
    file = forms.FileField(label=_("Tệp"))


class AppealForm(forms.Form):
    text = forms.CharField(label=_("Nội dung kiến nghị"), widget=forms.Textarea)


class AppealResolveForm(forms.Form):
    resolution = forms.CharField(label=_("Kết luận"), widget=forms.Textarea)
    new_level = forms.TypedChoiceField(
        label=_("Mức xếp loại lại"), choices=LEVEL_CHOICES, coerce=int, required=False, empty_value=None
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class OverrideForm(forms.Form):
    override = forms.ChoiceField(label=_("Quyết định thủ công"), choices=Override.choices, required=False)
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea)
