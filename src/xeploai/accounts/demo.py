"""The demo's accounts: every role a whole cycle needs, for a cell, its commune, district and province.

The registry's demo proposes the base accounts (the province's Organization Commission officer and standing
committee, one district officer, one commune officer, one cell's secretary and one of its members). This
module adds, from the registry rows themselves, the standing committees of the commune and of the district
(they decide: R-86, and resolve appeals: R-81), the district's organization board officer (appraisal,
S-16) and the supervising standing-committee members (S-12). Every account is linked to the registry person
who holds the post: the role assignment names the person and the user carries their name, so pages show
the name, not the username. ``tests/accounts/test_demo_cycle.py`` checks that these accounts alone hold
every stage of the cycle for the cell, the commune and the district.

The 2025 province (``demo --structure 2025``) has no district: its generator proposes every post with its
holder (the province's Organization Commission officer and standing committee, a commune's supervising
standing-committee member, standing committee and committee officer, the provincial people's committee's
party committee officer, a cell secretary, a member and a công chức member), and they are created as they
are (``create_demo_accounts_2025``), with usernames of their own (``….vl…``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db.models import Q, QuerySet

from xeploai.accounts.models import Account, Role, RoleAssignment
from xeploai.lib.vietnamese import split_name
from xeploai.registry.demo.generator import DemoAccount
from xeploai.registry.demo.load import PASSWORD, AccountHooks, ShownAccount
from xeploai.registry.demo.structure2025 import VINH_LONG
from xeploai.registry.models import CollectiveKind, Membership, Organization, Person

BASE_PREFIXES = ("bithu.", "danguy.", "dangvien.", "huyenuy.")  # the registry's proposals
DEMO_USER_PREFIXES = (*BASE_PREFIXES, "thuongvu.", "bantochuc.", "phutrach.", "congchuc.")
DEMO_USERS = ("bantochuc", "thuongvu")


@dataclass(frozen=True)
class Places:
    """The four units the demo's accounts are held at."""

    province: Organization
    district: Organization
    commune: Organization
    cell: Organization


@dataclass(frozen=True)
class Post:
    """One demo account to create: who (a registry person, if found), what role, where."""

    username: str
    role: str
    organization: Organization
    person_id: int | None


def places_of(accounts: Iterable[DemoAccount]) -> Places:
    """The province, district, commune and cell of the registry's proposed accounts."""
    codes = {a.username.split(".")[0]: a.organization_code for a in accounts}
    orgs = Organization.objects.in_bulk(list(codes.values()), field_name="code")
    return Places(
        province=orgs[codes["bantochuc"]],
        district=orgs[codes["huyenuy"]],
        commune=orgs[codes["danguy"]],
        cell=orgs[codes["bithu"]],
    )


def collective_members(org: Organization, kind: str) -> list[tuple[int, str, bool]]:
    """(person id, title, is head) of the current members of ``org``'s collective of ``kind``, head first."""
    rows = Membership.objects.filter(collective__organization=org, collective__kind=kind, end__isnull=True)
    return list(rows.order_by("-is_head", "pk").values_list("person_id", "role", "is_head"))


def head_of(org: Organization, kind: str) -> int | None:
    """The head of ``org``'s collective of ``kind`` (the Bí thư of a standing or executive committee)."""
    return next((pid for pid, _title, is_head in collective_members(org, kind) if is_head), None)


def member_titled(org: Organization, kind: str, title: str, taken: set[int | None]) -> int | None:
    """The first member of ``org``'s collective of ``kind`` holding ``title`` and no other demo post."""
    return next(
        (pid for pid, role, _h in collective_members(org, kind) if role == title and pid not in taken), None
    )


def workplace_head(parent: Organization, suffix: str) -> int | None:
    """The head of the advisory body ``<parent code>.<suffix>`` (Ban Tổ chức: BTC, Văn phòng: VP)."""
    heads = Person.objects.filter(workplace__code=f"{parent.code}.{suffix}", is_head=True).order_by("pk")
    return heads.values_list("pk", flat=True).first()


def demo_posts(accounts: list[DemoAccount]) -> list[Post]:
    """Every demo account with its holder: the registry's proposals completed with the deciding levels."""
    p = places_of(accounts)
    btv, bch = CollectiveKind.STANDING_COMMITTEE, CollectiveKind.EXECUTIVE_COMMITTEE
    base = {a.username.split(".")[0]: a for a in accounts}
    taken: set[int | None] = {None, base["bithu"].person_id, base["dangvien"].person_id}
    posts: list[Post] = []

    def add(username: str, role: str, org: Organization, person_id: int | None) -> None:
        taken.add(person_id)
        posts.append(Post(username, role, org, person_id))

    add(base["bantochuc"].username, Role.ORG_COMMISSION, p.province, workplace_head(p.province, "BTC"))
    add(base["thuongvu"].username, Role.STANDING_COMMITTEE, p.province, head_of(p.province, btv))
    supervisor = member_titled(p.province, btv, "Ủy viên Ban Thường vụ", taken)
    add(f"phutrach.{p.district.code.lower()}", Role.SUPERVISOR, p.district, supervisor)
    add(f"thuongvu.{p.district.code.lower()}", Role.STANDING_COMMITTEE, p.district, head_of(p.district, btv))
    board = workplace_head(p.district, "BTC")
    add(f"bantochuc.{p.district.code.lower()}", Role.ORG_COMMISSION, p.district, board)
    add(base["huyenuy"].username, Role.COMMITTEE_OFFICER, p.district, workplace_head(p.district, "VP"))
    supervisor = member_titled(p.district, btv, "Ủy viên Ban Thường vụ", taken)
    add(f"phutrach.{p.commune.code.lower()}", Role.SUPERVISOR, p.commune, supervisor)
    # A grassroots committee's standing work is led by its secretary and permanent deputy (the demo's
    # communes have an executive committee only): the secretary holds the deciding role.
    add(f"thuongvu.{p.commune.code.lower()}", Role.STANDING_COMMITTEE, p.commune, head_of(p.commune, bch))
    deputy = member_titled(p.commune, bch, "Phó Bí thư Thường trực", taken)
    add(base["danguy"].username, Role.COMMITTEE_OFFICER, p.commune, deputy)
    add(base["bithu"].username, Role.CELL_SECRETARY, p.cell, base["bithu"].person_id)
    add(base["dangvien"].username, Role.MEMBER, p.cell, base["dangvien"].person_id)
    return posts


def create_demo_accounts(accounts: list[DemoAccount]) -> tuple[ShownAccount, ...]:
    """Create (or reset) the 2023 province's demo users and roles, completed by ``demo_posts``."""
    return create_posts(demo_posts(accounts))


def create_demo_accounts_2025(accounts: list[DemoAccount]) -> tuple[ShownAccount, ...]:
    """Create (or reset) the 2025 province's demo users and roles, as its generator proposes them."""
    orgs = Organization.objects.in_bulk([a.organization_code for a in accounts], field_name="code")
    return create_posts([Post(a.username, a.role, orgs[a.organization_code], a.person_id) for a in accounts])


def create_posts(posts: list[Post]) -> tuple[ShownAccount, ...]:
    """Create (or reset) the demo users, named after their person, and their roles; one hash for all."""
    names = dict(Person.objects.filter(pk__in=[x.person_id for x in posts]).values_list("pk", "full_name"))
    User = get_user_model()
    password = make_password(PASSWORD)
    for post in posts:
        family, middle, given = split_name(names.get(post.person_id, ""))
        user, _created = User.objects.get_or_create(username=post.username)
        user.password = password
        user.first_name, user.last_name = " ".join(x for x in (family, middle) if x), given
        user.save(update_fields=["password", "first_name", "last_name"])
        RoleAssignment.objects.update_or_create(
            user=user, role=post.role, organization=post.organization, defaults={"person_id": post.person_id}
        )
        if post.person_id is not None:
            Account.objects.filter(person_id=post.person_id).exclude(user=user).update(person=None)
            Account.objects.update_or_create(user=user, defaults={"person_id": post.person_id})
    return tuple(ShownAccount(x.username, x.role, x.organization.code) for x in posts)


def clear_demo_accounts() -> None:
    """Delete every role assignment and account link (they point into the registry) and the demo users
    (``--replace``)."""
    with connection.cursor() as cursor:
        for model in (RoleAssignment, Account):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - a table name, no user input
    User = get_user_model()
    for prefix in DEMO_USER_PREFIXES:
        User.objects.filter(username__startswith=prefix).delete()
    User.objects.filter(username__in=DEMO_USERS).delete()


def demo_assignments(prefixes: Iterable[str]) -> QuerySet[RoleAssignment]:
    """The role assignments of the demo users (the two province users and those named ``prefixes``)."""
    cond = Q(user__username__in=DEMO_USERS)
    for prefix in prefixes:
        cond |= Q(user__username__startswith=prefix)
    return RoleAssignment.objects.filter(cond)


def in_2025_province() -> Q:
    """The role assignments held in the 2025 demo province (its root or below)."""
    return Q(organization__code=VINH_LONG.code) | Q(organization__code__startswith=f"{VINH_LONG.code}.")


def proposals_in_database() -> list[DemoAccount]:
    """The 2023 registry's proposed accounts as an earlier demo run stored them (empty if there are none)."""
    rows = (
        demo_assignments(BASE_PREFIXES)
        .exclude(in_2025_province())
        .values_list("user__username", "role", "organization__code", "person_id")
    )
    found = [DemoAccount(*row) for row in rows]
    kinds = {a.username.split(".")[0] for a in found}
    return found if kinds == {"bantochuc", "thuongvu", *(x.rstrip(".") for x in BASE_PREFIXES)} else []


def ensure_demo_accounts() -> bool:
    """Complete and reset the demo accounts of a database an earlier demo filled (``make run``)."""
    proposals = proposals_in_database()
    if proposals:
        create_demo_accounts(proposals)
    return bool(proposals)


def ensure_demo_accounts_2025() -> bool:
    """Reset the 2025 province's demo accounts an earlier ``demo --structure 2025`` created."""
    rows = (
        demo_assignments(DEMO_USER_PREFIXES)
        .filter(in_2025_province())
        .values_list("user__username", "role", "organization__code", "person_id")
    )
    proposals = [DemoAccount(*row) for row in rows]
    if proposals:
        create_demo_accounts_2025(proposals)
    return bool(proposals)


@dataclass(frozen=True)
class ShownLine:
    """One demo account as ``make run`` prints it, under its unit."""

    unit: str
    role: str
    name: str
    username: str


def demo_account_lines(structure: str = "2023") -> list[ShownLine]:
    """The demo accounts of ``structure``'s province ("2023" or "2025"), by unit from the province down,
    the names of their holders."""
    rows = demo_assignments(DEMO_USER_PREFIXES).select_related("user", "organization", "person")
    rows = rows.filter(in_2025_province()) if structure == "2025" else rows.exclude(in_2025_province())
    rows = rows.order_by("organization__path", "role", "pk")
    return [
        ShownLine(
            unit=r.organization.name,
            role=str(r.get_role_display()),
            name=r.person.full_name if r.person_id else "",
            username=r.user.get_username(),
        )
        for r in rows
    ]


DEMO_ACCOUNT_HOOKS = AccountHooks(clear=clear_demo_accounts, create=create_demo_accounts)
DEMO_2025_ACCOUNT_HOOKS = AccountHooks(clear=clear_demo_accounts, create=create_demo_accounts_2025)
