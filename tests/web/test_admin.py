"""The admin: every registry and role list opens for staff, and search ignores diacritics."""

from __future__ import annotations

import pytest
from django.urls import reverse

MODELS = ["registry/organization", "registry/collective", "registry/person", "registry/statusperiod",
          "registry/discipline", "accounts/roleassignment"]


@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_add_form_open(client, personas, model):
    client.force_login(personas.superuser)
    assert client.get(f"/admin/{model}/").status_code == 200
    assert client.get(f"/admin/{model}/add/").status_code == 200


def test_collective_change_form_has_member_inline(client, personas):
    client.force_login(personas.superuser)
    html = client.get(reverse("admin:registry_collective_change", args=[personas.cell_committee.pk])).content
    assert "Trần Văn Bình" in html.decode()


@pytest.mark.parametrize(("term", "found"), [("dang van an", True), ("Đặng Văn Ân", True), ("P-MEM-A2", True),
                                              ("087090001234", True), ("cuc", False)])
def test_person_search_folds_diacritics(client, personas, term, found):
    client.force_login(personas.superuser)
    html = client.get(reverse("admin:registry_person_changelist"), {"q": term}).content.decode()
    assert ("Đặng Văn Ân" in html) is found


def test_organization_search_and_readonly_path(client, personas):
    client.force_login(personas.superuser)
    html = client.get(reverse("admin:registry_organization_changelist"), {"q": "chi bo ap"}).content.decode()
    assert "Chi bộ ấp 1" in html
    assert "Đảng bộ huyện B" not in html
    url = reverse("admin:registry_organization_change", args=[personas.cell_a1.pk])
    form = client.get(url).content.decode()
    assert 'name="path"' not in form  # shown, not editable
    assert personas.cell_a1.path in form


def test_admin_is_closed_to_non_staff(client, personas):
    client.force_login(personas.district_a_officer)
    assert client.get("/admin/registry/person/").status_code == 302


def test_admin_is_closed_to_staff_who_are_not_superusers(client, personas):
    """The admin shows full citizen IDs of every person: only superusers, whom the policy lets see all."""
    assert personas.province_officer.is_staff
    assert not personas.province_officer.is_superuser
    client.force_login(personas.province_officer)
    assert client.get("/admin/registry/person/").status_code == 302
