"""A subject's campaign and unit are kept by the application (ADR 0003): the deletions Django refuses or
cascades are the same as with a database constraint, on both databases."""

from __future__ import annotations

import pytest
from django.db.models import ProtectedError

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(province, run):  # noqa: ARG001 - province fills the registry
    from xeploai.campaigns.models import Campaign

    run("open_campaign", year=2023, ruleset="kh181-2023")
    return Campaign.objects.get(year=2023)


def test_an_organization_that_is_a_subjects_unit_cannot_be_deleted(campaign, province):
    from xeploai.campaigns.models import Subject

    # The cell is the unit of its members' subjects (not only the target of its own subject).
    assert Subject.objects.filter(campaign=campaign, unit=province.cell_a1, person__isnull=False).exists()
    Subject.objects.filter(campaign=campaign, organization=province.cell_a1).delete()
    with pytest.raises(ProtectedError) as refused:
        province.cell_a1.delete()
    protecting = {o.pk for o in refused.value.protected_objects if isinstance(o, Subject)}
    assert protecting == set(Subject.objects.filter(unit=province.cell_a1).values_list("pk", flat=True))
    assert Subject.objects.filter(campaign=campaign, unit=province.cell_a1).exists()


def test_deleting_a_campaign_deletes_its_subjects_unless_a_rating_protects_them(campaign, province, rate):
    from xeploai.campaigns.models import Campaign, Subject

    rate(campaign, province.member_a1, 2)
    with pytest.raises(ProtectedError):  # ratings are the record (ADR 0002)
        campaign.delete()
    assert Subject.objects.filter(campaign=campaign).exists()

    from xeploai.registry.models import Organization

    root = Organization.objects.get(pk=campaign.root_id)
    other = Campaign.objects.create(year=2024, name="Đợt 2024", ruleset="kh181-2023", root=root,
                                    reference_date=campaign.reference_date.replace(year=2024))  # fmt: skip
    Subject.objects.create(
        campaign=other, subject_type="PARTY_MEMBER", person=province.member_a1, unit=province.cell_a1,
        org_path=province.cell_a1.path, review=True, classify=True, counted_to=other.reference_date,
    )  # fmt: skip
    other.delete()
    assert not Subject.objects.filter(campaign_id=other.pk).exists()
