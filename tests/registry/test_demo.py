"""The demo data command: deterministic, a consistent tree, realistic identities, safe on a filled database.

Runs the hidden ``--scale tiny`` (a few thousand people) so it stays fast on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from xeploai.accounts.models import Role, RoleAssignment
from xeploai.accounts.selectors import organizations_visible_to
from xeploai.lib.vietnamese import fold, name_sort_key, split_name
from xeploai.registry.demo import names
from xeploai.registry.demo.generator import (
    NEW_SINCE,
    REFERENCE,
    SHAPES,
    Ids,
    Shape,
    generate_province,
    one_year_after,
)
from xeploai.registry.demo.load import PASSWORD
from xeploai.registry.models import (
    CELL_KINDS,
    PARTY_ORGANIZATION_KINDS,
    Collective,
    Discipline,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    StatusKind,
    StatusPeriod,
    organization_rebuild_paths,
)

MODELS = (Organization, Collective, Person, Membership, StatusPeriod, Discipline)


def digest() -> str:
    """A hash of every registry row, in primary-key order."""
    h = hashlib.sha256()
    for model in MODELS:
        fields = [f.attname for f in model._meta.concrete_fields]
        for row in model.objects.order_by("pk").values_list(*fields):
            h.update(repr(row).encode())
    return h.hexdigest()


@pytest.fixture(autouse=True)
def _development(settings):
    """The demo command runs only with DEBUG on (a development machine); pytest-django turns it off."""
    settings.DEBUG = True


def demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def tiny(db):  # noqa: ARG001 - db enables database access
    return demo("--seed", "1", "--scale", "tiny")


def test_same_seed_gives_identical_data_and_another_seed_differs(tiny):
    first = digest()
    assert Person.objects.count() > 2000
    demo("--seed", "1", "--scale", "tiny", "--replace")
    assert digest() == first  # same codes, dates, names, ids
    demo("--seed", "2", "--scale", "tiny", "--replace")
    assert digest() != first


def test_tree_paths_and_depths_are_what_rebuild_would_compute(tiny):
    assert organization_rebuild_paths() == 0  # nothing to change: every path and depth is right
    assert Organization.objects.filter(parent__isnull=True).count() == 1
    root = Organization.objects.get(parent__isnull=True)
    assert (root.code, root.kind) == ("DT", OrganizationKind.PROVINCIAL_COMMITTEE)
    assert Organization.objects.subtree(root).count() == Organization.objects.count()


def test_every_party_member_belongs_to_a_cell(tiny):
    members = Person.objects.filter(admitted_on__isnull=False)
    assert members.count() > 1000
    assert not members.exclude(party_organization__kind__in=list(CELL_KINDS)).exists()
    # Non-members have no party organization, admission date or card number.
    outsiders = Person.objects.filter(admitted_on__isnull=True)
    assert outsiders.exists()
    assert not outsiders.exclude(party_organization__isnull=True, party_card_number="").exists()


def test_probation_lasts_twelve_months_and_some_members_are_new(tiny):
    """S-03c / R-11: some members were admitted less than 6 months before the 15/10/2023 deadline."""
    rows = Person.objects.filter(admitted_on__isnull=False).values_list("admitted_on", "full_member_on")
    new = 0
    for admitted, full in rows:
        assert full == (one_year_after(admitted) if one_year_after(admitted) <= REFERENCE else None)
        if full:
            assert (full - admitted).days in (365, 366)
        new += admitted >= NEW_SINCE
    assert 0 < new < len(rows) * 0.05


def test_citizen_ids_are_twelve_digits_unique_and_match_birth_and_gender(tiny):
    """conventions.md §3.3: 087 (Đồng Tháp), a century/gender digit, the last two digits of the birth year."""
    rows = list(Person.objects.values_list("citizen_id", "birth_date", "gender"))
    ids = [r[0] for r in rows]
    assert len(set(ids)) == len(ids)
    for cid, birth, gender in rows:
        assert re.fullmatch(r"\d{12}", cid)
        assert cid[:3] == "087"
        century = 0 if birth.year < 2000 else 2
        assert int(cid[3]) == century + (1 if gender == "F" else 0)
        assert cid[4:6] == f"{birth.year % 100:02d}"


def test_names_are_nfc_family_middle_given_with_derived_columns(tiny):
    """conventions.md §3.5: family + middle (1–2 words) + given name, NFC, with search and sort keys."""
    given = {"M": set(names.GIVEN_MALE), "F": set(names.GIVEN_FEMALE)}
    rows = Person.objects.values_list("full_name", "name_folded", "name_sort", "gender")
    for full, folded, sort, gender in rows:
        assert unicodedata.normalize("NFC", full) == full
        family, middle, given_name = split_name(full)
        assert family in names.FAMILY_NAMES
        assert 1 <= len(middle.split()) <= 2
        assert given_name in given[gender]
        assert folded == fold(full)
        assert sort == name_sort_key(full)


def test_family_names_follow_the_national_weights():
    """Nguyễn ~38 %: drawn 20,000 times it lands between 35 % and 41 %."""
    rng = random.Random(7)
    counts = Counter(names.person_name(rng, female=i % 2 == 0).split()[0] for i in range(20_000))
    assert 0.35 < counts["Nguyễn"] / 20_000 < 0.41
    assert counts["Trần"] > counts["Đặng"] > counts["Quách"]


def test_collectives_of_fewer_than_three_members_exist(tiny):
    """S-02 is exercised: some collectives have 2 members (not reviewed), most 3 or more; each has a head."""
    sizes = Counter(Membership.objects.values_list("collective_id", flat=True))
    assert set(Collective.objects.values_list("pk", flat=True)) == set(sizes)
    assert any(n == 2 for n in sizes.values())
    assert sum(n >= 3 for n in sizes.values()) > len(sizes) / 2
    heads = Counter(Membership.objects.filter(is_head=True).values_list("collective_id", flat=True))
    assert all(heads[pk] == 1 for pk in sizes)


def test_s01_collective_kinds_are_present(tiny):
    kinds = set(Collective.objects.values_list("kind", flat=True))
    assert {
        "STANDING_COMMITTEE", "EXECUTIVE_COMMITTEE", "PARTY_AFFAIRS_COMMITTEE", "PARTY_DELEGATION",
        "ADVISORY_LEADERSHIP", "COUNCIL_STANDING", "PEOPLES_COMMITTEE_LEADERSHIP", "FRONT_STANDING",
        "MASS_ORG_STANDING", "MASS_ORG_EXECUTIVE", "CELL_COMMITTEE",
    } <= kinds


def test_if_empty_leaves_a_filled_database_untouched(tiny):
    before = digest()
    out = demo("--seed", "2", "--scale", "tiny", "--if-empty")
    assert "bỏ qua" in out
    assert digest() == before


def test_a_filled_database_is_refused_without_replace(tiny):
    before = digest()
    with pytest.raises(CommandError, match="--replace"):
        demo("--seed", "2", "--scale", "tiny")
    assert digest() == before


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the refusal is for SQLite")
@pytest.mark.django_db
def test_nation_scale_is_refused_on_sqlite():
    with pytest.raises(CommandError, match="PostgreSQL"):
        demo("--seed", "1", "--scale", "nation")
    assert not Organization.objects.exists()


def test_demo_accounts_are_scoped_to_their_subtrees(tiny):
    User = get_user_model()
    assignments = {a.user.username: a for a in RoleAssignment.objects.select_related("user", "organization")}
    roles = {a.role for a in assignments.values()}
    assert {Role.CELL_SECRETARY, Role.COMMITTEE_OFFICER, Role.ORG_COMMISSION, Role.STANDING_COMMITTEE,
            Role.MEMBER} <= roles
    assert all(u.check_password(PASSWORD) for u in User.objects.filter(username__in=assignments))
    assert User.objects.get(username="bantochuc").username in tiny  # printed by the command
    total = Organization.objects.count()
    secretary = next(a for a in assignments.values() if a.role == Role.CELL_SECRETARY)
    assert secretary.organization.kind in CELL_KINDS
    assert organizations_visible_to(secretary.user).count() < total
    assert organizations_visible_to(User.objects.get(username="bantochuc")).count() == total
    member = next(a for a in assignments.values() if a.role == Role.MEMBER)
    assert member.person.party_organization_id == member.organization_id
    assert member.user.username == f"dangvien.{member.person.code.lower()}"


def test_statuses_and_discipline_are_present(tiny):
    assert StatusPeriod.objects.filter(kind=StatusKind.SICK_LEAVE).exists()
    assert Discipline.objects.exists()
    # Heads are flagged on people and on memberships.
    assert Person.objects.filter(is_head=True, positions__startswith="Bí thư").exists()


def test_realistic_rates_and_disciplines_on_both_sides():
    """A pure run of 20,000 people: status and discipline rates in their ranges; one violation, two sides."""
    rows = generate_province(rng=random.Random(3), ids=Ids(), shape=Shape(people=20_000))
    people = list(rows.people())
    members = sum(1 for p in people if p[10] is not None)
    kinds = Counter(s[2] for s in rows.statuses)
    assert 0.005 < kinds[StatusKind.EXEMPT] / members < 0.02
    assert 0.02 < kinds[StatusKind.SICK_LEAVE] / members < 0.04
    assert 0.003 < kinds[StatusKind.MATERNITY_LEAVE] / members < 0.02
    personal = [d for d in rows.disciplines if d[1] is not None]
    assert 0.002 < len({d[1] for d in personal}) / members < 0.01
    refs = Counter(d[8] for d in personal)
    both = [ref for ref, n in refs.items() if n == 2]
    assert both
    assert all({d[5] for d in personal if d[8] == ref} == {"PARTY", "STATE"} for ref in both)


def test_province_plan_has_the_real_districts_and_new_organizations():
    """The 12 district-level units of Đồng Tháp plus 5 directly subordinate blocs; R-11 new organizations."""
    rows = generate_province(rng=random.Random(1), ids=Ids(), shape=SHAPES["province"])
    orgs = rows.organizations
    top = [o for o in orgs if o[6] == 1 and o[4] == "DISTRICT_COMMITTEE"]
    assert len(top) == 17
    assert "Đảng bộ huyện Tam Nông" in {o[2] for o in top}
    party = [o for o in orgs if o[4] in PARTY_ORGANIZATION_KINDS]
    assert 1300 < len(party) < 1800
    assert sum(o[4] == "GRASSROOTS_COMMITTEE" and o[5] == "GRASSROOTS" and ".X" in o[1] for o in orgs) > 100
    assert any(o[9] >= NEW_SINCE for o in party)  # founded less than 6 months before 15/10/2023
    assert any(c[5] and c[5] >= NEW_SINCE for c in rows.collectives)
    assert all(re.fullmatch(r"[A-Z0-9.]+", o[1]) for o in orgs)
    assert date(2023, 10, 15) == REFERENCE
