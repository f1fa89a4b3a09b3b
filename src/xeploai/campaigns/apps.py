from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "xeploai.campaigns"
    verbose_name = _("Đợt kiểm điểm, đánh giá, xếp loại")
