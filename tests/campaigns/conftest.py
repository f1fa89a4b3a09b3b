"""Fixtures for the campaign tests: the personas province (tests/conftest.py) plus the cases the plan names.

``province`` adds to ``personas``, all against the 2023 campaign (grassroots deadline 15/10/2023, S-10):

    cell_a1 (Chi bộ ấp 1)   exempt_a1 (EXEMPT, S-03a), suspended_a1 (SUSPENDED, S-03b),
                            new_a1 (admitted 01/06/2023, S-03c), committee_suspended_a1 (still reviewed),
                            sick_a1 (sick leave 01/02–31/05/2023: 120 days, R-13)
    cell_a3 (Chi bộ ấp 3)   founded 20/05/2023: under six months on 15/10/2023 (R-11)
    commune_committee       Ban chấp hành Đảng bộ xã A1 (3 members, headed by commune_secretary)
    cell_committee          (personas) Chi ủy Chi bộ ấp 1: 2 members (S-02)

``run`` calls a management command and returns its output; ``rate`` appends a rating row directly.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest


@pytest.fixture
def province(personas):  # noqa: ANN001
    from xeploai.registry.models import (
        Collective,
        CollectiveKind,
        Membership,
        Organization,
        OrganizationKind,
        Person,
        StatusKind,
        StatusPeriod,
        Tier,
    )

    P = personas

    def member(code: str, name: str, cell: Organization, **kw: Any) -> Person:
        kw.setdefault("admitted_on", date(2010, 5, 19))
        return Person.objects.create(code=code, full_name=name, party_organization=cell, **kw)

    def status(person: Person, kind: str, start: date, end: date | None = None) -> None:
        StatusPeriod.objects.create(person=person, kind=kind, start=start, end=end)

    exempt_a1 = member("P-EXE-A1", "Võ Văn Miễn", P.cell_a1)
    status(exempt_a1, StatusKind.EXEMPT, date(2022, 1, 1))
    suspended_a1 = member("P-SUS-A1", "Huỳnh Văn Đình", P.cell_a1)
    status(suspended_a1, StatusKind.SUSPENDED, date(2023, 3, 1))
    new_a1 = member("P-NEW-A1", "Lý Thị Mới", P.cell_a1, admitted_on=date(2023, 6, 1))
    committee_suspended_a1 = member("P-CSU-A1", "Trương Văn Cấp", P.cell_a1)
    status(committee_suspended_a1, StatusKind.COMMITTEE_SUSPENDED, date(2023, 2, 1))
    sick_a1 = member("P-SIC-A1", "Ngô Thị Ốm", P.cell_a1)
    status(sick_a1, StatusKind.SICK_LEAVE, date(2023, 2, 1), date(2023, 5, 31))

    cell_a3 = Organization.objects.create(
        code="T.A.X1.C3", name="Chi bộ ấp 3", kind=OrganizationKind.CELL, tier=Tier.BELOW_GRASSROOTS,
        parent=P.commune_a1, founded_on=date(2023, 5, 20),
    )  # fmt: skip
    commune_secretary = member(
        "P-SEC-X1",
        "Phan Văn Xã",
        P.cell_a2,
        positions="Bí thư Đảng ủy xã A1",
        managing_committee=P.district_a,
    )
    deputy = member("P-DEP-X1", "Đỗ Thị Phó", P.cell_a2, positions="Phó Bí thư Đảng ủy xã A1")
    commune_committee = Collective.objects.create(
        code="COL-X1", name="Ban chấp hành Đảng bộ xã A1", kind=CollectiveKind.EXECUTIVE_COMMITTEE,
        organization=P.commune_a1,
    )  # fmt: skip
    for person, head in ((commune_secretary, True), (deputy, False), (P.member_a2, False)):
        Membership.objects.create(
            collective=commune_committee, person=person, is_head=head, start=date(2020, 7, 1)
        )
    return SimpleNamespace(
        **vars(P), exempt_a1=exempt_a1, suspended_a1=suspended_a1, new_a1=new_a1,
        committee_suspended_a1=committee_suspended_a1, sick_a1=sick_a1, cell_a3=cell_a3,
        commune_secretary=commune_secretary, deputy=deputy, commune_committee=commune_committee,
    )  # fmt: skip


@pytest.fixture
def run() -> Callable[..., str]:
    """Run a management command; return what it printed."""
    from django.core.management import call_command

    def _run(*args: Any, **kwargs: Any) -> str:
        out = io.StringIO()
        call_command(*args, stdout=out, **kwargs)
        return out.getvalue()

    return _run


@pytest.fixture
def rate() -> Callable[..., Any]:
    """Append a rating row for ``target`` (person, collective or organization) in ``role`` at ``stage``."""

    def _rate(
        campaign: Any, target: Any, level: int, *, stage: str = "DECIDED", role: str | None = None
    ) -> Any:
        from xeploai.campaigns.models import Rating, Subject
        from xeploai.registry.models import Collective, Person

        if isinstance(target, Person):
            subject = Subject.objects.get(
                campaign=campaign, person=target, subject_type=role or "PARTY_MEMBER"
            )
        elif isinstance(target, Collective):
            subject = Subject.objects.get(campaign=campaign, collective=target)
        else:
            subject = Subject.objects.get(campaign=campaign, organization=target)
        return Rating.objects.create(
            subject=subject, stage=stage, level=level, based_on_version=subject.version
        )

    return _rate


@pytest.fixture
def csv_rows() -> Callable[[str], list[dict[str, str]]]:
    """Parse a command's CSV output into dicts (checking the header comes first)."""
    import csv

    return lambda text: list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def workbook(tmp_path) -> Callable[..., Any]:  # noqa: ANN001
    """Write ``rows`` (header first) to a one-sheet .xlsx named ``Xep_loai``; return its path."""
    import xlsxwriter

    counter = iter(range(1000))

    def make(rows: list[list[Any]], sheet: str = "Xep_loai") -> Any:
        path = tmp_path / f"ratings{next(counter)}.xlsx"
        book = xlsxwriter.Workbook(str(path))
        ws = book.add_worksheet(sheet)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    ws.write_string(r, c, value)
                elif value is not None:
                    ws.write(r, c, value)
        book.close()
        return path

    return make
