"""Shared fixtures. Django is imported inside fixtures only, so tests/rules runs with -p no:django.

``personas`` builds one tiny province (style example 13) and names people and users by role and place:

    Đảng bộ tỉnh Thử Nghiệm (province)           ← province_officer (ORG_COMMISSION)
    ├── Đảng bộ huyện A (district_a)             ← district_a_officer (COMMITTEE_OFFICER)
    │   ├── Ủy ban nhân dân huyện A (district_a_ubnd: a workplace)
    │   └── Đảng bộ xã A1 (commune_a1)
    │       ├── Chi bộ ấp 1 (cell_a1)            ← cell_a1_secretary (CELL_SECRETARY), cell_a1_member (MEMBER)
    │       └── Chi bộ ấp 2 (cell_a2)
    └── Đảng bộ huyện B (district_b)             ← district_b_officer (COMMITTEE_OFFICER): the outsider
        └── Chi bộ Trường Tiểu học B (cell_b1)

People: ``secretary_a1`` (Trần Văn Bình) and ``member_a1`` (Lê Thị Cúc) in cell_a1; ``member_a2``
(Đặng Văn Ân, citizen ID 087090001234) in cell_a2, working at district_a_ubnd; ``teacher_b1``
(Nguyễn Văn An) in cell_b1; ``staff_a`` (Phạm Minh Đức, not a party member) at district_a_ubnd.
Users: ``superuser`` plus the five above; every password is "pw".
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest


@pytest.fixture(autouse=True)
def _default_language(request):
    """Start every Django test in the default language (Vietnamese).

    A request switched to English leaves English active in the thread; without this, a later test's
    command output or message would come out in English depending on test order.
    """
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def personas(db):  # noqa: ARG001 - db enables database access
    from datetime import date

    from django.contrib.auth import get_user_model

    from xeploai.accounts.models import Role, RoleAssignment
    from xeploai.registry.models import (
        Collective,
        CollectiveKind,
        Membership,
        Organization,
        OrganizationKind,
        Person,
        Tier,
    )

    K = OrganizationKind

    def org(code: str, name: str, kind: str, tier: str, parent: Organization | None = None) -> Organization:
        return Organization.objects.create(code=code, name=name, kind=kind, tier=tier, parent=parent)

    province = org("T", "Đảng bộ tỉnh Thử Nghiệm", K.PROVINCIAL_COMMITTEE, Tier.PROVINCE)
    district_a = org("T.A", "Đảng bộ huyện A", K.DISTRICT_COMMITTEE, Tier.DISTRICT, province)
    district_a_ubnd = org(
        "T.A.UBND", "Ủy ban nhân dân huyện A", K.PEOPLES_COMMITTEE, Tier.DISTRICT, district_a
    )
    commune_a1 = org("T.A.X1", "Đảng bộ xã A1", K.GRASSROOTS_COMMITTEE, Tier.GRASSROOTS, district_a)
    cell_a1 = org("T.A.X1.C1", "Chi bộ ấp 1", K.CELL, Tier.BELOW_GRASSROOTS, commune_a1)
    cell_a2 = org("T.A.X1.C2", "Chi bộ ấp 2", K.CELL, Tier.BELOW_GRASSROOTS, commune_a1)
    district_b = org("T.B", "Đảng bộ huyện B", K.DISTRICT_COMMITTEE, Tier.DISTRICT, province)
    cell_b1 = org("T.B.C1", "Chi bộ Trường Tiểu học B", K.GRASSROOTS_CELL, Tier.GRASSROOTS, district_b)

    def person(code: str, name: str, cell: Organization | None, **kw: object) -> Person:
        if cell is not None:
            kw.setdefault("admitted_on", date(2010, 5, 19))
        return Person.objects.create(code=code, full_name=name, party_organization=cell, **kw)

    secretary_a1 = person("P-SEC-A1", "Trần Văn Bình", cell_a1, positions="Bí thư chi bộ")
    member_a1 = person("P-MEM-A1", "Lê Thị Cúc", cell_a1, citizen_id="087190004321")
    member_a2 = person(
        "P-MEM-A2", "Đặng Văn Ân", cell_a2, citizen_id="087090001234", workplace=district_a_ubnd,
        birth_date=date(1990, 3, 2),
    )
    teacher_b1 = person("P-TEA-B1", "Nguyễn Văn An", cell_b1)
    staff_a = person("P-STA-A", "Phạm Minh Đức", None, workplace=district_a_ubnd)

    cell_committee = Collective.objects.create(
        code="COL-A1", name="Chi ủy Chi bộ ấp 1", kind=CollectiveKind.CELL_COMMITTEE, organization=cell_a1
    )
    Membership.objects.create(
        collective=cell_committee, person=secretary_a1, role="Bí thư", is_head=True, start=date(2020, 8, 1)
    )
    Membership.objects.create(collective=cell_committee, person=member_a1, role="Phó Bí thư")

    User = get_user_model()

    def user(username: str, role: str | None = None, at: Organization | None = None, **kw: object):
        u = User.objects.create_user(username=username, password="pw", first_name=kw.pop("first", ""), **kw)
        if role is not None:
            RoleAssignment.objects.create(user=u, role=role, organization=at, person=kw.get("person"))
        return u

    superuser = User.objects.create_superuser(username="root", password="pw")
    province_officer = user("province_officer", Role.ORG_COMMISSION, province, is_staff=True)
    district_a_officer = user("district_a_officer", Role.COMMITTEE_OFFICER, district_a)
    cell_a1_secretary = user("cell_a1_secretary", Role.CELL_SECRETARY, cell_a1)
    cell_a1_member = User.objects.create_user(username="cell_a1_member", password="pw")
    RoleAssignment.objects.create(
        user=cell_a1_member, role=Role.MEMBER, organization=cell_a1, person=member_a1
    )
    district_b_officer = user("district_b_officer", Role.COMMITTEE_OFFICER, district_b)

    return SimpleNamespace(
        province=province, district_a=district_a, district_a_ubnd=district_a_ubnd, commune_a1=commune_a1,
        cell_a1=cell_a1, cell_a2=cell_a2, district_b=district_b, cell_b1=cell_b1,
        secretary_a1=secretary_a1, member_a1=member_a1, member_a2=member_a2, teacher_b1=teacher_b1,
        staff_a=staff_a, cell_committee=cell_committee,
        superuser=superuser, province_officer=province_officer, district_a_officer=district_a_officer,
        cell_a1_secretary=cell_a1_secretary, cell_a1_member=cell_a1_member,
        district_b_officer=district_b_officer,
    )


@pytest.fixture
def column_user(personas):
    """The user of one column of a permission matrix: "anon" (None), "root" (the superuser), or
    "in:ROLE" / "out:ROLE", a new user holding ROLE inside district A (its cell or commune for the cell
    and standing-committee roles) or outside it, in district B."""
    from django.contrib.auth import get_user_model

    from xeploai.accounts.models import RoleAssignment

    def make(column):
        if column == "anon":
            return None
        if column == "root":
            return personas.superuser
        side, role = column.split(":")
        inside = side == "in"
        at = {
            "CELL_SECRETARY": personas.cell_a1 if inside else personas.cell_b1,
            "MEMBER": personas.cell_a1 if inside else personas.cell_b1,
            "STANDING_COMMITTEE": personas.commune_a1 if inside else personas.district_b,
        }.get(role, personas.district_a if inside else personas.district_b)
        person = (personas.member_a1 if inside else personas.teacher_b1) if role == "MEMBER" else None
        user = get_user_model().objects.create_user(username=f"{side}-{role.lower()}", password="pw")
        RoleAssignment.objects.create(user=user, role=role, organization=at, person=person)
        return user

    return make


@pytest.fixture
def job_file():
    """``job_file(client, response)``: for a start view that queued a background job (the test settings run
    it at once) and redirected to its progress page, the download of the job's file (its body read into
    ``content``); any other response as it came (a refusal, a login redirect)."""
    from django.http import HttpResponse
    from django.urls import Resolver404, resolve, reverse

    def follow(client, response):
        if response.status_code != 302:
            return response
        try:
            match = resolve(response["Location"].split("?")[0])
        except Resolver404:
            return response
        if match.view_name != "jobs:detail":
            return response
        download = client.get(reverse("jobs:download", args=[match.kwargs["pk"]]))
        if not getattr(download, "streaming", False):
            return download
        read = HttpResponse(b"".join(download.streaming_content), status=download.status_code)
        for header, value in download.items():
            read[header] = value
        return read

    return follow
