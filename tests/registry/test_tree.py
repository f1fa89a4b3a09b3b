"""The organization tree: materialized paths after create and move, subtree ranges, cycles refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from xeploai.registry.models import (
    Organization,
    OrganizationKind,
    Tier,
    in_subtree,
    organization_rebuild_paths,
    subtree_bounds,
)


def seg(pk: int) -> str:
    return str(pk).zfill(8)


def make(code: str, parent: Organization | None = None) -> Organization:
    return Organization.objects.create(
        code=code, name=f"Tổ chức {code}", kind=OrganizationKind.CELL, tier=Tier.GRASSROOTS, parent=parent
    )


@pytest.mark.django_db
def test_paths_and_depths_after_create():
    root = make("R")
    child = make("R.1", root)
    grandchild = make("R.1.1", child)
    assert (root.path, root.depth) == (seg(root.pk), 0)
    assert (child.path, child.depth) == (seg(root.pk) + seg(child.pk), 1)
    assert grandchild.path == child.path + seg(grandchild.pk)
    assert grandchild.depth == 2
    assert Organization.objects.get(pk=grandchild.pk).path == grandchild.path


def test_move_rewrites_the_whole_subtree(personas):
    commune = personas.commune_a1
    commune.parent = personas.district_b
    commune.save()
    for org in (personas.commune_a1, personas.cell_a1, personas.cell_a2):
        org.refresh_from_db()
    assert personas.commune_a1.path == personas.district_b.path + seg(personas.commune_a1.pk)
    assert personas.cell_a1.path == personas.commune_a1.path + seg(personas.cell_a1.pk)
    assert personas.cell_a1.depth == 3
    assert set(Organization.objects.subtree(personas.district_b).values_list("code", flat=True)) == {
        "T.B", "T.B.C1", "T.A.X1", "T.A.X1.C1", "T.A.X1.C2",
    }
    assert set(Organization.objects.subtree(personas.district_a).values_list("code", flat=True)) == {
        "T.A", "T.A.UBND",
    }
    assert organization_rebuild_paths() == 0  # nothing left stale


def test_subtree_is_a_range_that_excludes_siblings_with_similar_keys(personas):
    """pk 1 and pk 10 share a leading digit; zero-padded paths keep their subtrees apart."""
    root = personas.province
    for i in range(12):  # push primary keys past 10 so some siblings share a prefix digit
        make(f"EXTRA{i}", root)
    for org in Organization.objects.filter(parent=root):
        inside = set(Organization.objects.subtree(org).values_list("pk", flat=True))
        expected = {o.pk for o in Organization.objects.all() if o.path.startswith(org.path)}
        assert inside == expected
    assert Organization.objects.subtree(personas.cell_a1).count() == 1
    assert Organization.objects.subtree(root.path).count() == Organization.objects.count()
    assert set(Organization.objects.within_any([personas.cell_a1.path, personas.cell_b1.path])) == {
        personas.cell_a1, personas.cell_b1,
    }
    assert Organization.objects.within_any([]).count() == 0


def test_in_subtree_on_any_path_field_with_or_without_the_node_itself(personas):
    """The one subtree condition every layer uses: on a related path, strictly below, several roots."""
    from xeploai.accounts.models import RoleAssignment

    district = personas.district_a
    below = set(Organization.objects.filter(in_subtree("path", district.path, strictly_below=True)))
    assert district not in below
    assert below == set(Organization.objects.subtree(district)) - {district}
    roles = RoleAssignment.objects.filter(in_subtree("organization__path", [district.path]))
    assert {r.organization.path[: len(district.path)] for r in roles} == {district.path}
    assert not Organization.objects.filter(in_subtree("path", [])).exists()
    assert subtree_bounds(district.path) == (district.path, district.path + ":")


def test_clean_refuses_a_parent_below_itself(personas):
    district = personas.district_a
    district.parent = personas.cell_a1
    with pytest.raises(ValidationError) as err:
        district.clean()
    assert "parent" in err.value.message_dict
    district.parent = district
    with pytest.raises(ValidationError):
        district.clean()


def test_rebuild_paths_refuses_a_cycle(personas):
    # Written past clean(), as a bad bulk import could do.
    Organization.objects.filter(pk=personas.district_a.pk).update(parent=personas.cell_a1)
    with pytest.raises(ValidationError) as err:
        organization_rebuild_paths()
    assert err.value.code == "cycle"
    with pytest.raises(ValidationError):
        organization_rebuild_paths(root=Organization.objects.get(pk=personas.commune_a1.pk))


def test_rebuild_paths_repairs_stale_paths(personas):
    Organization.objects.filter(pk=personas.cell_a2.pk).update(path="garbage", depth=9)
    assert organization_rebuild_paths() == 1
    personas.cell_a2.refresh_from_db()
    assert personas.cell_a2.path == personas.commune_a1.path + seg(personas.cell_a2.pk)
    assert personas.cell_a2.depth == 3
