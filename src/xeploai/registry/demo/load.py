"""Write the demo data: ``xeploai.registry.bulk.insert_rows`` (executemany on SQLite, COPY on PostgreSQL).

The generator sets primary keys, tree paths and the derived name columns itself, so each table is
written once and nothing is read back; the id sequences are moved past the explicit keys afterwards.
The demo's accounts are the caller's (``AccountHooks``): the registry knows nothing of users.

``structure="2025"`` loads the merged two-tier province of ``structure2025`` beside what the registry
already holds (the 2023 province of ``make run``): its keys start after the largest ones in use.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from xeploai.registry import bulk
from xeploai.registry.demo.generator import (
    COLLECTIVE_FIELDS,
    DISCIPLINE_FIELDS,
    DONG_THAP,
    MEMBERSHIP_FIELDS,
    ORGANIZATION_FIELDS,
    PERSON_FIELDS,
    SHAPES,
    STATUS_FIELDS,
    DemoAccount,
    Ids,
    ProvinceRows,
    generate_province,
    nation_specs,
)
from xeploai.registry.demo.structure2025 import SHAPES_2025, VINH_LONG, generate_province_2025
from xeploai.registry.demo.tasks import PERIODS_2025, write_demo_tasks
from xeploai.registry.models import Collective, Discipline, Membership, Organization, Person, StatusPeriod
from xeploai.registry.task_register import ConfidenceVote, Target, Task

PASSWORD = "xeploai-demo"
MODELS = (Organization, Collective, Person, Membership, StatusPeriod, Discipline, Task)
STRUCTURES = ("2023", "2025")
# The generator's tables (``Ids``) and their models, to continue the keys of a filled registry.
ID_TABLES = {
    "organization": Organization,
    "collective": Collective,
    "person": Person,
    "membership": Membership,
    "status": StatusPeriod,
    "discipline": Discipline,
}


class DemoError(Exception):
    """A demo load that cannot run; the message is for the user (Vietnamese)."""


class ShownAccount(NamedTuple):
    """A demo account as the command prints it."""

    username: str
    role: str
    organization_code: str


@dataclass(frozen=True)
class AccountHooks:
    """What the caller does with the demo's accounts, inside the load's transactions."""

    clear: Callable[[], None]  # before the registry is emptied (``--replace``)
    create: Callable[[list[DemoAccount]], tuple[ShownAccount, ...]]


NO_ACCOUNTS = AccountHooks(clear=lambda: None, create=lambda accounts: ())


@dataclass
class LoadResult:
    organizations: int = 0
    party_organizations: int = 0
    collectives: int = 0
    people: int = 0
    memberships: int = 0
    statuses: int = 0
    disciplines: int = 0
    tasks: int = 0
    seconds: float = 0.0
    accounts: tuple[ShownAccount, ...] = ()


def registry_is_empty() -> bool:
    return not Organization.objects.exists()


def _write(rows: ProvinceRows, result: LoadResult) -> None:
    result.organizations += bulk.insert_rows(Organization, ORGANIZATION_FIELDS, rows.organizations)
    result.party_organizations += rows.party_organization_count
    result.collectives += bulk.insert_rows(Collective, COLLECTIVE_FIELDS, rows.collectives)
    result.people += bulk.insert_rows(Person, PERSON_FIELDS, rows.people())
    # Statuses and disciplines are complete only once the people have streamed through.
    result.memberships += bulk.insert_rows(Membership, MEMBERSHIP_FIELDS, rows.memberships)
    result.statuses += bulk.insert_rows(StatusPeriod, STATUS_FIELDS, rows.statuses)
    result.disciplines += bulk.insert_rows(Discipline, DISCIPLINE_FIELDS, rows.disciplines)


# The registry's tables, in the order ``clear_demo`` empties them.
CLEARED = (
    Task,
    Target,
    ConfidenceVote,
    Discipline,
    StatusPeriod,
    Membership,
    Person,
    Collective,
    Organization,
)


def dependents() -> list[str]:
    """What outside the registry still refers to its rows (campaigns, their subjects…), by plural name."""
    found = set()
    for model in CLEARED:
        for rel in model._meta.related_objects:
            other = rel.related_model
            if other in CLEARED:
                continue
            if other._base_manager.filter(**{f"{rel.field.name}__isnull": False}).exists():
                found.add(str(other._meta.verbose_name_plural))
    return sorted(found)


def clear_demo(hooks: AccountHooks = NO_ACCOUNTS) -> None:
    """Delete every registry row, and the caller's accounts first (for ``--replace``).

    Refused (``DemoError``) while other data refers to the registry: a campaign opened on the demo
    (``make run`` opens one) keeps its organizations and people, and the database would refuse at commit.
    """
    hooks.clear()
    found = dependents()
    if found:
        raise DemoError(
            _(
                "Không thể xóa danh mục để tạo lại dữ liệu thử nghiệm: đã có %(what)s tham chiếu đến tổ "
                "chức, cá nhân hoặc tập thể của danh mục. Hãy dùng một cơ sở dữ liệu trống (với SQLite mặc "
                "định: xóa tệp db.sqlite3 rồi chạy lại make run)."
            )
            % {"what": ", ".join(found)}
        )
    with connection.cursor() as cursor:
        for model in CLEARED:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608


def _check_scale(scale: str, structure: str) -> None:
    if structure not in STRUCTURES:
        raise DemoError(
            _("Cấu trúc không hợp lệ: %(structure)s (2023 hoặc 2025).") % {"structure": structure}
        )
    if scale not in (SHAPES_2025 if structure == "2025" else SHAPES):
        raise DemoError(_("Quy mô không hợp lệ: %(scale)s.") % {"scale": scale})
    if scale == "nation" and connection.vendor != "postgresql":
        raise DemoError(
            _(
                "Quy mô toàn quốc (khoảng 5,5 triệu người) chỉ chạy trên PostgreSQL (nạp bằng COPY); "
                "cơ sở dữ liệu hiện tại là %(vendor)s. Đặt DATABASE_URL=postgres://… rồi chạy lại."
            )
            % {"vendor": connection.vendor}
        )


def _load_province(seed: int, scale: str, replace: bool, hooks: AccountHooks, result: LoadResult) -> None:
    """One province (or the tests' tiny one) in one transaction."""
    with transaction.atomic():
        if replace:
            clear_demo(hooks)
        elif not registry_is_empty():
            raise DemoError(
                _(
                    "Cơ sở dữ liệu đã có %(count)s tổ chức: không tạo dữ liệu thử nghiệm chồng lên. "
                    "Dùng --replace để xóa toàn bộ danh mục và tạo lại, hoặc --if-empty để bỏ qua."
                )
                % {"count": Organization.objects.count()}
            )
        rows = generate_province(rng=random.Random(seed), ids=Ids(), shape=SHAPES[scale])
        _write(rows, result)
        result.tasks = write_demo_tasks(random.Random(seed))  # ND335's register, 2026 (R-102)
        bulk.reset_sequences(*MODELS)
        result.accounts = hooks.create(rows.accounts)


def _load_nation(
    seed: int, replace: bool, hooks: AccountHooks, result: LoadResult, progress: Callable[[str], None] | None
) -> None:
    """63 provinces, one transaction each (keeps the deferred foreign-key checks and memory bounded)."""
    started = time.perf_counter()
    with transaction.atomic():
        if replace:
            clear_demo(hooks)
        elif not registry_is_empty():
            raise DemoError(_("Cơ sở dữ liệu đã có tổ chức: dùng --replace hoặc một cơ sở dữ liệu trống."))
    ids = Ids()
    accounts: list[DemoAccount] = []
    for spec in nation_specs(seed):
        with transaction.atomic():
            rows = generate_province(
                rng=random.Random(f"{seed}:{spec.number}"), ids=ids, spec=spec, shape=SHAPES["nation"]
            )
            _write(rows, result)
            if spec.number == DONG_THAP.number:
                accounts = rows.accounts
        if progress:
            progress(
                _("%(name)s: xong, tổng %(people)s người, %(seconds).0f giây")
                % {"name": spec.name, "people": result.people, "seconds": time.perf_counter() - started}
            )
    with transaction.atomic():
        bulk.reset_sequences(*MODELS)
        result.accounts = hooks.create(accounts)


def province_2025_loaded() -> bool:
    """True when the registry holds the 2025 demo province (its root's code)."""
    return Organization.objects.filter(code=VINH_LONG.code, parent__isnull=True).exists()


def ids_after_existing() -> Ids:
    """The generator's next keys after the largest of each table (1 for an empty one)."""
    return Ids(
        next={
            table: (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
            for table, model in ID_TABLES.items()
        }
    )


def _load_2025(seed: int, scale: str, replace: bool, hooks: AccountHooks, result: LoadResult) -> None:
    """The merged 2025 province, in one transaction, beside the registry's other roots."""
    with transaction.atomic():
        if replace:
            clear_demo(hooks)
        elif province_2025_loaded():
            raise DemoError(
                _(
                    "Cơ sở dữ liệu đã có tỉnh thử nghiệm năm 2025 (mã %(code)s): không tạo chồng lên. "
                    "Dùng --replace để xóa toàn bộ danh mục và tạo lại, hoặc --if-empty để bỏ qua."
                )
                % {"code": VINH_LONG.code}
            )
        rows = generate_province_2025(
            rng=random.Random(seed), ids=ids_after_existing(), shape=SHAPES_2025[scale]
        )
        _write(rows, result)
        root_path = rows.organizations[0][ORGANIZATION_FIELDS.index("path")]
        # ND335's register (R-102): 2025 and the first quarter of 2026.
        result.tasks = write_demo_tasks(
            random.Random(seed), root_path=root_path, periods=PERIODS_2025, prefix=f"DEMO-{VINH_LONG.code}-NV"
        )
        bulk.reset_sequences(*MODELS)
        result.accounts = hooks.create(rows.accounts)


def load_demo(
    *,
    seed: int,
    scale: str = "province",
    replace: bool = False,
    hooks: AccountHooks = NO_ACCOUNTS,
    progress: Callable[[str], None] | None = None,
    structure: str = "2023",
) -> LoadResult:
    """Generate and write the demo data for ``seed``; the registry must be empty unless ``replace``.

    ``scale`` is "province" (a Đồng Tháp-like province, ~100,000 people), "nation" (63 provinces,
    ~5.5 million people, PostgreSQL only, one transaction per province) or "tiny" (tests).
    ``structure`` "2025" loads the merged two-tier province of 2025 instead (~45,000 people, or "tiny"),
    beside the registry's other roots; ``replace`` still empties the whole registry first.
    """
    _check_scale(scale, structure)
    started = time.perf_counter()
    result = LoadResult()
    if structure == "2025":
        _load_2025(seed, scale, replace, hooks, result)
    elif scale == "nation":
        _load_nation(seed, replace, hooks, result, progress)
    else:
        _load_province(seed, scale, replace, hooks, result)
    bulk.analyze(*MODELS)
    result.seconds = time.perf_counter() - started
    return result
