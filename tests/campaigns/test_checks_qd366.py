"""QĐ366 end to end through open_campaign and check_ratings: the score at decision (R-58), the merger switch
(R-11) and the commune standing committee (R-21)."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def reorganized(province):  # noqa: ANN001
    """The commune A1 and its executive committee re-formed by the 01/7/2025 reorganization; the cell A3
    set up on 02/8/2025 by the commune itself; a standing committee for the new commune."""
    from xeploai.registry.models import Collective, CollectiveKind, Organization

    Organization.objects.filter(pk=province.commune_a1.pk).update(founded_on=date(2025, 7, 1))
    Collective.objects.filter(pk=province.commune_committee.pk).update(founded_on=date(2025, 7, 1))
    Organization.objects.filter(pk=province.cell_a3.pk).update(founded_on=date(2025, 8, 2))
    Collective.objects.create(
        code="COL-X1-TV", name="Ban Thường vụ Đảng ủy xã A1", kind=CollectiveKind.STANDING_COMMITTEE,
        organization=province.commune_a1, founded_on=date(2025, 7, 1),
    )  # fmt: skip
    return province


def test_r_11_units_formed_by_the_2025_reorganization_are_classified(reorganized, run, csv_rows):
    run("open_campaign", year=2025, ruleset="qd366-2025")
    rows = {(r["code"], r["subject_type"]): r for r in csv_rows(run("subjects", year=2025, format="csv"))}
    commune = rows[(reorganized.commune_a1.code, "ORGANIZATION")]
    assert (commune["review"], commune["classify"]) == ("1", "1")  # under six months, merger switch on
    assert rows[("COL-X1", "COLLECTIVE")]["classify"] == "1"
    cell = rows[("T.A.X1.C3", "ORGANIZATION")]  # not formed by the reorganization: still new
    assert (cell["classify"], cell["reasons"]) == ("0", "NEW_UNIT")
    standing = rows[("COL-X1-TV", "COLLECTIVE")]  # the commune's standing committee is a subject
    assert (standing["review"], standing["classify"]) == ("1", "1")


def test_r_58_a_decision_without_a_score_is_held_to_the_self_assessed_score(reorganized, run, csv_rows):
    from xeploai.campaigns.models import Campaign, Rating, Subject

    run("open_campaign", year=2025, ruleset="qd366-2025")
    campaign = Campaign.objects.get(year=2025)
    subject = Subject.objects.get(
        campaign=campaign, person=reorganized.member_a1, subject_type="PARTY_MEMBER"
    )
    Rating.objects.create(subject=subject, stage="SELF", level=3, score=55, based_on_version=1)
    Rating.objects.create(subject=subject, stage="DECIDED", level=3, based_on_version=1)
    rows = {(r["stage"], r["level"]): r for r in csv_rows(run("check_ratings", year=2025, format="csv"))}
    decided = rows[("DECIDED", "HTXS")]
    assert decided["max_level"] == "HTNV"  # 55 points: HTNV band, carried from self-assessment
    assert decided["rule_ids"].split(";")[0] == "R-58"
    assert "điểm của bước trước là 55" in decided["message"]
    # A decision that gives its own score is judged on it.
    Rating.objects.create(subject=subject, stage="DECIDED", level=3, score=92, based_on_version=1)
    rows = {(r["stage"], r["level"]): r for r in csv_rows(run("check_ratings", year=2025, format="csv"))}
    assert "R-58" not in rows[("DECIDED", "HTXS")]["rule_ids"].split(";")
