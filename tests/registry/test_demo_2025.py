"""The 2025 structure demo (``demo --structure 2025``): a merged two-tier province beside the 2023 one.

No district tier: the commune and ward party committees and the province-level agencies' party committees
sit directly under the province (R-21: each commune committee has a standing committee); the units formed
by the 01/7/2025 reorganization carry that founding date (R-11 merger switch); công chức have about ten
tasks in 2025 and ten in the first quarter of 2026 (ND335, R-102). Runs the tests' tiny scale.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q

from xeploai.accounts.models import Role, RoleAssignment
from xeploai.accounts.selectors import organizations_visible_to
from xeploai.registry.demo.structure2025 import REORGANIZED_ON, SPLIT_ON, VINH_LONG
from xeploai.registry.models import (
    CivilServiceCategory,
    Collective,
    CollectiveKind,
    Discipline,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    StatusPeriod,
    organization_rebuild_paths,
)
from xeploai.registry.task_register import Task
from xeploai.rules.rulesets.qd366_2025 import QD366_2025

MODELS = (Organization, Collective, Person, Membership, StatusPeriod, Discipline, Task)


@pytest.fixture(autouse=True)
def _development(settings):
    """The demo command runs only with DEBUG on (a development machine); pytest-django turns it off."""
    settings.DEBUG = True


def demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def digest() -> str:
    """A hash of every registry row in key order (tasks without their database-assigned key)."""
    h = hashlib.sha256()
    for model in MODELS:
        fields = [f.attname for f in model._meta.concrete_fields if model is not Task or f.attname != "id"]
        for row in model.objects.order_by("pk").values_list(*fields):
            h.update(repr(row).encode())
    return h.hexdigest()


@pytest.fixture
def both(db):  # noqa: ARG001 - db enables database access
    """``make run``'s order: the 2023 province, then the 2025 one beside it; returns the second output."""
    demo("--seed", "1", "--scale", "tiny")
    return demo("--seed", "1", "--scale", "tiny", "--structure", "2025")


@pytest.fixture
def root(both) -> Organization:  # noqa: ARG001
    return Organization.objects.get(code=VINH_LONG.code)


def test_the_2025_province_is_a_second_root_and_leaves_the_2023_province_alone(db):  # noqa: ARG001
    demo("--seed", "1", "--scale", "tiny")
    before = {model: model.objects.count() for model in MODELS}
    first = Organization.objects.get(parent__isnull=True)
    demo("--seed", "1", "--scale", "tiny", "--structure", "2025")
    roots = Organization.objects.filter(parent__isnull=True).order_by("pk")
    assert [(r.code, r.name) for r in roots] == [("DT", first.name), ("VL", "Đảng bộ tỉnh Vĩnh Long")]
    assert Organization.objects.subtree(first).count() == before[Organization]
    assert organization_rebuild_paths() == 0  # every path and depth is what a rebuild computes
    assert all(model.objects.count() > n for model, n in before.items())


def test_no_district_tier_communes_and_agency_committees_report_to_the_province(root):
    """Two-tier local government from 01/7/2025: nothing at the district tier."""
    tree = Organization.objects.subtree(root)
    assert not tree.filter(Q(tier="DISTRICT") | Q(kind=OrganizationKind.DISTRICT_COMMITTEE)).exists()
    committees = tree.filter(kind=OrganizationKind.GRASSROOTS_COMMITTEE)
    assert set(committees.values_list("parent_id", flat=True)) == {root.pk}
    names = set(committees.values_list("name", flat=True))
    assert {"Đảng bộ phường Thanh Đức", "Đảng bộ xã Cái Nhum", "Đảng bộ Ủy ban nhân dân tỉnh"} <= names
    # Cells hang directly from those committees.
    cells = tree.filter(kind=OrganizationKind.CELL)
    assert cells.count() > 20
    assert set(cells.values_list("parent__kind", flat=True)) == {OrganizationKind.GRASSROOTS_COMMITTEE}


def test_units_and_collectives_formed_on_1_july_2025_carry_that_date(root):
    """R-11: the merged province, communes, their bodies and collectives were formed on 01/7/2025; a
    hamlet cell split in September is new, and the hamlet cells kept from the old communes are older."""
    assert REORGANIZED_ON in QD366_2025.reorganization_dates  # the date the ruleset's merger switch knows
    tree = Organization.objects.subtree(root)
    communes = tree.filter(kind=OrganizationKind.GRASSROOTS_COMMITTEE)
    assert set(communes.values_list("founded_on", flat=True)) == {REORGANIZED_ON}
    assert root.founded_on == REORGANIZED_ON
    cells = tree.filter(kind=OrganizationKind.CELL).values_list("founded_on", flat=True)
    founded = Counter(
        "merged" if d == REORGANIZED_ON else "split" if d == SPLIT_ON else "older" for d in cells
    )
    assert founded["split"] == 1
    assert founded["merged"] > 0
    assert founded["older"] > 0
    assert all(d < date(2025, 7, 1) or d in (REORGANIZED_ON, SPLIT_ON) for d in cells)
    collectives = Collective.objects.filter(organization__in=communes)
    assert set(collectives.values_list("founded_on", flat=True)) == {REORGANIZED_ON}
    starts = Membership.objects.filter(collective__in=collectives).values_list("start", flat=True)
    assert set(starts) == {REORGANIZED_ON}  # the collectives' members were appointed that day


def test_each_commune_committee_has_a_standing_committee_headed_by_its_secretary(root):
    """R-21: the commune-level party committee's standing committee, a collective of its own."""
    communes = Organization.objects.subtree(root).filter(
        kind=OrganizationKind.GRASSROOTS_COMMITTEE, code__regex=r"^VL\.[PX]\d\d$"
    )
    assert communes.count() == 3
    for commune in communes:
        standing = Collective.objects.get(organization=commune, kind=CollectiveKind.STANDING_COMMITTEE)
        members = Membership.objects.filter(collective=standing)
        assert members.count() >= 5
        head = members.get(is_head=True).person
        assert head.positions.startswith("Bí thư Đảng ủy")
        executive = Collective.objects.get(organization=commune, kind=CollectiveKind.EXECUTIVE_COMMITTEE)
        inner = set(members.values_list("person_id", flat=True))
        assert inner < set(
            Membership.objects.filter(collective=executive).values_list("person_id", flat=True)
        )


def test_people_have_statuses_and_disciplines_of_2025(root):
    people = Person.objects.filter(Q(party_organization__path__startswith=root.path))
    assert people.count() > 1000
    statuses = StatusPeriod.objects.filter(person__in=people)
    assert statuses.filter(kind="SICK_LEAVE", start__year=2025).exists()
    assert Discipline.objects.filter(person__in=people, decided_on__year=2025).exists()
    new = people.filter(admitted_on__gte=date(2025, 7, 1))  # S-03c: admitted under six months before 31/12
    assert 0 < new.count() < people.count() * 0.05
    assert {c[:3] for c in people.values_list("citizen_id", flat=True)} == {"086"}  # Vĩnh Long's code


def test_civil_servants_have_ten_tasks_in_2025_and_ten_in_the_first_quarter_of_2026(root):
    """ND335's register (R-102): the 2025 year and the 2026 quarter 1 campaigns read these."""
    servants = Person.objects.filter(
        civil_service_category=CivilServiceCategory.CIVIL_SERVANT, workplace__path__startswith=root.path
    )
    assert servants.count() > 100
    tasks = Task.objects.filter(person__in=servants)
    per_person = tasks.values("person").annotate(
        y2025=Count("pk", filter=Q(due_on__year=2025)),
        q1=Count("pk", filter=Q(assigned_on__gte=date(2026, 1, 1), due_on__lte=date(2026, 3, 31))),
    )
    assert {(p["y2025"], p["q1"]) for p in per_person} == {(10, 10)}
    assert tasks.values("person").distinct().count() == servants.count()
    assert tasks.filter(done_on__gt=F("due_on")).exists()  # some late
    assert tasks.filter(exceeded=True).exists()
    # The 2023 province's register is untouched: its codes and its year.
    assert not Task.objects.filter(code__startswith="DEMO-VL-").exclude(person__in=servants).exists()


def test_demo_accounts_of_the_2025_province_are_scoped_and_printed_by_unit(both, root):
    assignments = RoleAssignment.objects.filter(
        Q(organization=root) | Q(organization__path__startswith=root.path)
    ).select_related("user", "organization", "person")
    by_name = {a.user.username: a for a in assignments}
    assert {"bantochuc.vl", "thuongvu.vl", "thuongvu.vl.p01", "danguy.vl.p01", "phutrach.vl.p01"} <= set(
        by_name
    )
    assert all(a.person_id for a in by_name.values())  # every account is held by a named person
    standing = by_name["thuongvu.vl.p01"]
    collective = Collective.objects.get(
        organization=standing.organization, kind=CollectiveKind.STANDING_COMMITTEE
    )
    assert Membership.objects.get(collective=collective, is_head=True).person_id == standing.person_id
    servant = next(a for u, a in by_name.items() if u.startswith("congchuc."))
    assert servant.person.civil_service_category == CivilServiceCategory.CIVIL_SERVANT
    assert Task.objects.filter(person=servant.person).count() == 20
    visible = organizations_visible_to(by_name["bantochuc.vl"].user)
    assert (
        visible.count() == Organization.objects.subtree(root).count()
    )  # the 2025 province, not the 2023 one
    # Printed grouped by unit, the province first; the 2023 accounts are not repeated.
    assert both.index("Đảng bộ tỉnh Vĩnh Long") < both.index("Đảng bộ phường Thanh Đức")
    assert "bantochuc.vl / xeploai-demo" in both
    assert "bithu.dt." not in both
    assert {Role.CELL_SECRETARY, Role.MEMBER, Role.SUPERVISOR} <= {a.role for a in by_name.values()}


def test_same_seed_same_data_if_empty_skips_and_a_second_load_is_refused(db):  # noqa: ARG001
    demo("--seed", "1", "--scale", "tiny", "--structure", "2025")
    first = digest()
    out = demo("--seed", "2", "--scale", "tiny", "--structure", "2025", "--if-empty")
    assert "bỏ qua" in out
    assert digest() == first
    with pytest.raises(CommandError, match="--replace"):
        demo("--seed", "2", "--scale", "tiny", "--structure", "2025")
    demo("--seed", "1", "--scale", "tiny", "--structure", "2025", "--replace")
    assert digest() == first
    demo("--seed", "2", "--scale", "tiny", "--structure", "2025", "--replace")
    assert digest() != first
