"""The registry snapshot of a campaign holds its subtree's disciplines and no other (R-33d, R-40d, R-55,
R-57 read them; R-73: a violation of the year decided later counts too)."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.django_db


def test_a_district_campaign_reads_the_disciplines_of_its_subtree_only(province):
    from xeploai.campaigns.snapshot import registry_snapshot
    from xeploai.registry.models import Discipline, DisciplineForm, DisciplineSide

    P = province

    def discipline(decided_on=date(2023, 4, 1), violation_year=2023, **target):
        pk = Discipline.objects.create(
            form=DisciplineForm.REPRIMAND, side=DisciplineSide.PARTY, decided_on=decided_on,
            violation_year=violation_year, **target,
        ).pk  # fmt: skip
        return f"D{pk}"  # the violation id a discipline without a reference gets

    inside = {
        "member": discipline(person=P.member_a1),  # through the member's cell
        "staff": discipline(person=P.staff_a),  # no cell: through the workplace only
        "collective": discipline(collective=P.cell_committee),
        "organization": discipline(organization=P.cell_a1),
        "later": discipline(person=P.secretary_a1, decided_on=date(2024, 2, 1)),
    }
    outside = [
        discipline(person=P.teacher_b1),  # another district
        discipline(organization=P.cell_b1),
        discipline(person=P.member_a1, decided_on=date(2022, 6, 1), violation_year=2022),  # another year
        discipline(person=P.member_a1, decided_on=date(2024, 2, 1), violation_year=2024),
    ]

    snap = registry_snapshot(root=P.district_a, reference=date(2023, 12, 15))

    def ids(by_target):
        return {fact.violation_id for facts in by_target.values() for fact in facts}

    read = ids(snap.person_disciplines) | ids(snap.collective_disciplines) | ids(snap.org_disciplines)
    assert read == set(inside.values())
    assert not read & set(outside)
    assert [f.violation_id for f in snap.person_disciplines[P.staff_a.pk]] == [inside["staff"]]
    committee = snap.collective_disciplines[P.cell_committee.pk]
    assert [f.violation_id for f in committee] == [inside["collective"]]
