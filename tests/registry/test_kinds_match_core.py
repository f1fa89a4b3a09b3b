"""The registry's choices are the rules core's kinds (xeploai.rules.kinds): the same values and labels.

The stored values must be the core's, or a row would reach the core as an unknown kind; the labels come
from the core too, so the screens and the core's explanations never name a kind two ways.
"""

import pytest
from django.utils import translation

from xeploai.registry import models as registry
from xeploai.registry.workbook.schema import choice_lookup, normalize_header
from xeploai.rules import kinds as core

KINDS = [
    (registry.OrganizationKind, core.OrgKind),
    (registry.Tier, core.Tier),
    (registry.CollectiveKind, core.CollectiveKind),
    (registry.CivilServiceCategory, core.CivilServiceCategory),
    (registry.StatusKind, core.StatusKind),
    (registry.DisciplineForm, core.DisciplineForm),
    (registry.DisciplineSide, core.Side),
]


@pytest.mark.parametrize(("choices", "enum"), KINDS)
def test_registry_values_are_the_core_kinds(choices, enum):
    assert set(choices.values) == {member.value for member in enum}


@pytest.mark.parametrize(("choices", "enum"), KINDS)
def test_registry_labels_are_the_core_labels(choices, enum):
    with translation.override("vi"):
        assert {value: str(label) for value, label in choices.choices} == {m.value: m.label for m in enum}


def test_a_kind_label_is_translated_on_english_screens():
    with translation.override("en"):
        assert str(registry.Tier.DISTRICT.label) != core.Tier.DISTRICT.label


def test_workbooks_with_the_former_tier_labels_still_import():
    lookup = choice_lookup(registry.Tier)
    assert lookup[normalize_header("Cấp huyện")] == "DISTRICT"
    assert lookup[normalize_header("Dưới cơ sở")] == "BELOW_GRASSROOTS"


def test_party_organization_kinds_agree_with_the_core():
    assert registry.PARTY_ORGANIZATION_KINDS == {k.value for k in core.OrgKind if k.is_party}
