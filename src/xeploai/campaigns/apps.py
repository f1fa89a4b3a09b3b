from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "xeploai.campaigns"
    verbose_name = _("Đợt kiểm điểm, đánh giá, xếp loại")

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from xeploai.registry.models import Collective, Organization, Person

        from .locks import registry_for_deleting

        # A deletion from the registry waits for the campaigns being opened (locks.registry_for_opening).
        for model in (Person, Collective, Organization):
            pre_delete.connect(
                registry_for_deleting, sender=model, dispatch_uid=f"campaigns.registry_lock.{model.__name__}"
            )
