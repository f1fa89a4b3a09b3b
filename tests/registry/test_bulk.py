"""registry.bulk.insert_rows: every row written, or none (a bad row or a failing producer stops it all).

With ``overlap`` the SQLite statements run in a writer thread while the rows are produced; the outcome
must be the same as without it. PostgreSQL (COPY) ignores ``overlap``: the same tests hold there.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction

from xeploai.registry.bulk import SQLITE_ROWS, insert_rows

pytestmark = pytest.mark.django_db(transaction=True)

N = SQLITE_ROWS * 3 + 17  # several full statements and a short last one


@pytest.mark.parametrize("overlap", [False, True])
def test_every_row_is_written_in_order(overlap):
    names = [f"Nhóm {i:05d}" for i in range(N)]
    with transaction.atomic():
        assert insert_rows(Group, ("name",), ((n,) for n in names), overlap=overlap) == N
    assert list(Group.objects.order_by("pk").values_list("name", flat=True)) == names


@pytest.mark.parametrize("overlap", [False, True])
def test_a_bad_row_in_a_later_statement_writes_nothing(overlap):
    names = [f"Nhóm {i:05d}" for i in range(N)]
    names[SQLITE_ROWS * 2 + 3] = names[0]  # a duplicate name, in the third statement
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(Group, ("name",), ((n,) for n in names), overlap=overlap)
    assert not Group.objects.exists()


@pytest.mark.parametrize("overlap", [False, True])
def test_a_failing_producer_writes_nothing(overlap):
    def rows() -> Iterator[tuple[str]]:
        for i in range(N):
            if i == SQLITE_ROWS * 2:
                raise ValueError("dòng hỏng")
            yield (f"Nhóm {i:05d}",)

    with pytest.raises(ValueError, match="dòng hỏng"), transaction.atomic():
        insert_rows(Group, ("name",), rows(), overlap=overlap)
    assert not Group.objects.exists()


@pytest.mark.parametrize("overlap", [False, True])
def test_constant_columns_are_written_in_every_row(overlap):
    """``constants`` (SQLite literals, appended to each COPY row on PostgreSQL) land like row values."""
    from datetime import date

    from django.contrib.auth import get_user_model

    User = get_user_model()
    names = [f"can-bo-{i:05d}" for i in range(N)]
    constants = {"first_name": "O'Neil \\ Nguyễn", "last_name": "", "is_staff": True, "is_superuser": False,
                 "is_active": False, "email": "", "date_joined": "2026-11-26 08:00:00+00:00"}  # fmt: skip
    with transaction.atomic():
        written = insert_rows(User, ("username", "password"), ((n, f"!{n}") for n in names), overlap=overlap,
                              constants=constants)  # fmt: skip
    assert written == N
    rows = list(User.objects.order_by("pk").values_list("username", "password", "first_name", "is_staff",
                                                        "is_active", "date_joined"))  # fmt: skip
    assert [r[:2] for r in rows] == [(n, f"!{n}") for n in names]
    assert {r[2:5] for r in rows} == {("O'Neil \\ Nguyễn", True, False)}
    assert {r[5].date() for r in rows} == {date(2026, 11, 26)}
    with pytest.raises(TypeError, match="not a constant"), transaction.atomic():
        insert_rows(User, ("username",), [("x",)], constants={"date_joined": date(2026, 1, 1)})
