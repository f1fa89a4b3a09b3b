"""The quota page's raised share (R-50h, QĐ366 Điều 11): record or revoke the competent level's decision.

Both are POSTs from the quota page (``campaigns:quota``) and lead back to it; the service
(``campaigns.quota_exceptions``) refuses a user who is not the competent standing committee.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xeploai.accounts.access import get_organization_for_user
from xeploai.campaigns import quota_exceptions as qe
from xeploai.campaigns.models import QuotaException
from xeploai.rules import QuotaKind
from xeploai.web.views.campaigns import campaign_and_unit


class RaiseForm(forms.Form):
    family = forms.ChoiceField(
        label=gettext_lazy("Nhóm tỷ lệ"), choices=[(k.value, k.label) for k in QuotaKind]
    )
    organization = forms.IntegerField(label=gettext_lazy("Tổ chức, cơ quan"))
    reason = forms.CharField(label=gettext_lazy("Lý do"), required=False, widget=forms.Textarea)


@login_required
@require_POST
def quota_raise(request: HttpRequest, pk: int, org: int) -> HttpResponse:
    """Record that the competent level raised a unit's HTXS share to 25 % (R-50h), with its reason."""
    campaign, _node = campaign_and_unit(request, pk, org)
    form = RaiseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Quyết định nâng tỷ lệ không hợp lệ."))
        unit = get_organization_for_user(request.user, form.cleaned_data["organization"])
        qe.quota_exception_grant(
            campaign=campaign,
            organization=unit,
            kind=form.cleaned_data["family"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Đã ghi quyết định nâng tỷ lệ của %(org)s.") % {"org": unit.name})
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    return redirect("campaigns:quota", pk, org)


@login_required
@require_POST
def quota_revoke(request: HttpRequest, pk: int, org: int, decision: int) -> HttpResponse:
    """Revoke a raised share (R-50h): the unit is held to 20 % again."""
    campaign, _node = campaign_and_unit(request, pk, org)
    found = (
        QuotaException.objects.filter(pk=decision, campaign=campaign).select_related("organization").first()
    )
    if found is None:
        raise Http404(_("Không tìm thấy quyết định nâng tỷ lệ."))
    unit = get_organization_for_user(request.user, found.organization_id)
    try:
        qe.quota_exception_revoke(decision=found, by=request.user)
        messages.success(request, _("Đã thu hồi quyết định nâng tỷ lệ của %(org)s.") % {"org": unit.name})
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    return redirect("campaigns:quota", pk, org)
