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
