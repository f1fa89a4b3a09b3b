"""The registry's choices store exactly the values the rules core reads (xeploai.rules.kinds).

The registry keeps its own translatable labels for the screens; the stored values must be the core's,
or a row would reach the core as an unknown kind.
"""

import pytest

from xeploai.registry import models as registry
from xeploai.rules import kinds as core


@pytest.mark.parametrize(
    ("choices", "enum"),
    [
        (registry.OrganizationKind, core.OrgKind),
        (registry.Tier, core.Tier),
        (registry.CollectiveKind, core.CollectiveKind),
        (registry.CivilServiceCategory, core.CivilServiceCategory),
        (registry.StatusKind, core.StatusKind),
        (registry.DisciplineForm, core.DisciplineForm),
        (registry.DisciplineSide, core.Side),
    ],
)
def test_registry_values_are_the_core_kinds(choices, enum):
    assert set(choices.values) == {member.value for member in enum}


def test_party_organization_kinds_agree_with_the_core():
    assert registry.PARTY_ORGANIZATION_KINDS == {k.value for k in core.OrgKind if k.is_party}
