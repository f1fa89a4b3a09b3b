"""Write the demo data: ``xeploai.registry.bulk.insert_rows`` (executemany on SQLite, COPY on PostgreSQL).

The generator sets primary keys, tree paths and the derived name columns itself, so each table is
written once and nothing is read back; the id sequences are moved past the explicit keys afterwards.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils.translation import gettext as _

from xeploai.accounts.models import RoleAssignment
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
    Ids,
    ProvinceRows,
    generate_province,
    nation_specs,
)
from xeploai.registry.models import (
    Collective,
    Discipline,
    Membership,
    Organization,
    Person,
    StatusPeriod,
)

PASSWORD = "xeploai-demo"
DEMO_USER_PREFIXES = ("bithu.", "danguy.", "dangvien.", "huyenuy.")
DEMO_USERS = ("bantochuc", "thuongvu")
MODELS = (Organization, Collective, Person, Membership, StatusPeriod, Discipline)


class DemoError(Exception):
    """A demo load that cannot run; the message is for the user (Vietnamese)."""


@dataclass
class LoadResult:
    organizations: int = 0
    party_organizations: int = 0
    collectives: int = 0
    people: int = 0
    memberships: int = 0
    statuses: int = 0
    disciplines: int = 0
    seconds: float = 0.0
    accounts: tuple[tuple[str, str, str], ...] = ()  # username, role, organization code


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


def _accounts(accounts: list[tuple[str, str, str, int | None]]) -> tuple[tuple[str, str, str], ...]:
    """Create (or reset) the demo users and their role assignments; one password hash for all."""
    User = get_user_model()
    password = make_password(PASSWORD)
    org_ids = dict(Organization.objects.filter(code__in=[a[2] for a in accounts]).values_list("code", "pk"))
    out = []
    for username, role, org_code, person_id in accounts:
        user, _created = User.objects.get_or_create(username=username)
        user.password = password
        user.save(update_fields=["password"])
        RoleAssignment.objects.get_or_create(
            user=user, role=role, organization_id=org_ids[org_code], defaults={"person_id": person_id}
        )
        out.append((username, role, org_code))
    return tuple(out)


def clear_demo() -> None:
    """Delete every registry row, every role assignment and the demo users (for ``--replace``)."""
    with connection.cursor() as cursor:
        for model in (RoleAssignment, Discipline, StatusPeriod, Membership, Person, Collective, Organization):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
    User = get_user_model()
    for prefix in DEMO_USER_PREFIXES:
        User.objects.filter(username__startswith=prefix).delete()
    User.objects.filter(username__in=DEMO_USERS).delete()


def load_demo(
    *,
    seed: int,
    scale: str = "province",
    replace: bool = False,
    progress: Callable[[str], None] | None = None,
) -> LoadResult:
    """Generate and write the demo data for ``seed``; the registry must be empty unless ``replace``.

    ``scale`` is "province" (a Đồng Tháp-like province, ~100,000 people), "nation" (63 provinces,
    ~5.5 million people, PostgreSQL only, one transaction per province) or "tiny" (tests).
    """
    if scale not in SHAPES:
        raise DemoError(_("Quy mô không hợp lệ: %(scale)s.") % {"scale": scale})
    if scale == "nation" and connection.vendor != "postgresql":
        raise DemoError(
            _(
                "Quy mô toàn quốc (khoảng 5,5 triệu người) chỉ chạy trên PostgreSQL (nạp bằng COPY); "
                "cơ sở dữ liệu hiện tại là %(vendor)s. Đặt DATABASE_URL=postgres://… rồi chạy lại."
            )
            % {"vendor": connection.vendor}
        )
    started = time.perf_counter()
    result = LoadResult()
    ids = Ids()
    if scale != "nation":
        with transaction.atomic():
            if replace:
                clear_demo()
            elif not registry_is_empty():
                raise DemoError(
                    _(
                        "Cơ sở dữ liệu đã có %(count)s tổ chức: không tạo dữ liệu thử nghiệm chồng lên. "
                        "Dùng --replace để xóa toàn bộ danh mục và tạo lại, hoặc --if-empty để bỏ qua."
                    )
                    % {"count": Organization.objects.count()}
                )
            rows = generate_province(rng=random.Random(seed), ids=ids, shape=SHAPES[scale])
            _write(rows, result)
            bulk.reset_sequences(*MODELS)
            result.accounts = _accounts(rows.accounts)
    else:
        with transaction.atomic():
            if replace:
                clear_demo()
            elif not registry_is_empty():
                raise DemoError(
                    _("Cơ sở dữ liệu đã có tổ chức: dùng --replace hoặc một cơ sở dữ liệu trống.")
                )
        for spec in nation_specs(seed):
            # One transaction per province keeps the deferred foreign-key checks (and memory) bounded.
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
            result.accounts = _accounts(accounts)
    bulk.analyze(*MODELS)
    result.seconds = time.perf_counter() - started
    return result
