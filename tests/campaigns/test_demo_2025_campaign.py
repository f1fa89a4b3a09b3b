"""A 2025 campaign (``qd366-2025``) opened on the demo's merged two-tier province, through open_campaign.

R-11 merger switch: units formed by the 01/7/2025 reorganization are under six months old on 31/12/2025 and
are classified all the same; a hamlet cell split off in September is new in the ordinary sense and is not.
R-21: each commune committee's standing committee is a subject. With the switch turned off the merged
units fall out of the classification, so it is the switch, not the dates, that classifies them.
"""

from __future__ import annotations

import dataclasses
from io import StringIO

import pytest
from django.core.management import call_command

from xeploai.registry.demo.structure2025 import REORGANIZED_ON, SPLIT_ON, VINH_LONG

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(settings, run):  # noqa: ANN001
    """The 2023 province, the 2025 one beside it (``make run``), the 2025 campaign opened on the latter."""
    settings.DEBUG = True  # the demo command runs only on a development machine
    call_command("demo", "--seed", "1", "--scale", "tiny", stdout=StringIO())
    call_command("demo", "--seed", "1", "--scale", "tiny", "--structure", "2025", stdout=StringIO())
    return run("open_campaign", year=2025, ruleset="qd366-2025", root=VINH_LONG.code)


def unit_subjects():
    """(subject, founding date) of the campaign's organizations and collectives."""
    from xeploai.campaigns.models import Subject

    rows = Subject.objects.filter(
        campaign__root__code=VINH_LONG.code, subject_type__in=("ORGANIZATION", "COLLECTIVE")
    )
    rows = rows.select_related("organization", "collective")
    return [(s, s.collective.founded_on if s.collective_id else s.organization.founded_on) for s in rows]


def test_r_11_merged_units_and_their_collectives_are_classified_in_2025(province):
    assert "Đảng bộ tỉnh Vĩnh Long" in province
    subjects = unit_subjects()
    merged = [s for s, founded in subjects if founded == REORGANIZED_ON and s.review]
    assert len(merged) > 40
    assert not [
        s for s in merged if "NEW_UNIT" in s.reasons.split(",")
    ]  # under six months, classified (switch)
    kinds = {(s.subject_type, (s.organization or s.collective).kind) for s in merged if s.classify}
    assert {
        ("ORGANIZATION", "GRASSROOTS_COMMITTEE"),  # the merged communes and wards
        ("ORGANIZATION", "CELL"),  # the merged cells
        ("COLLECTIVE", "STANDING_COMMITTEE"),  # the commune committee's standing committee
        ("COLLECTIVE", "EXECUTIVE_COMMITTEE"),
        ("COLLECTIVE", "PEOPLES_COMMITTEE_LEADERSHIP"),
    } <= kinds
    # The other side of R-11: the cell split off on 15/9/2025 is new, not formed by the reorganization.
    (split,) = [s for s, founded in subjects if founded == SPLIT_ON and s.subject_type == "ORGANIZATION"]
    assert (split.review, split.classify, split.reasons) == (True, False, "NEW_UNIT")


def test_r_21_every_commune_standing_committee_is_reviewed_and_classified(province):  # noqa: ARG001
    standing = [
        s for s, _f in unit_subjects()
        if s.collective_id and s.collective.kind == "STANDING_COMMITTEE"
        and s.collective.organization.code.startswith((f"{VINH_LONG.code}.P", f"{VINH_LONG.code}.X"))
    ]  # fmt: skip
    assert len(standing) == 3
    assert all(s.review and s.classify for s in standing)


def test_r_11_without_the_merger_switch_the_merged_units_are_left_out(settings, run, monkeypatch):
    """``replace(QD366_2025, reorganized_units_classified=False)``: the documented switch, turned off."""
    from xeploai.campaigns import opening
    from xeploai.rules.rulesets.qd366_2025 import QD366_2025

    settings.DEBUG = True
    call_command("demo", "--seed", "1", "--scale", "tiny", "--structure", "2025", stdout=StringIO())
    off = dataclasses.replace(QD366_2025, reorganized_units_classified=False)
    monkeypatch.setattr(opening, "ruleset_of", lambda campaign: off)  # noqa: ARG005
    run("open_campaign", year=2025, ruleset="qd366-2025", root=VINH_LONG.code)
    merged = [s for s, founded in unit_subjects() if founded == REORGANIZED_ON and s.review]
    assert merged
    assert not [s for s in merged if s.classify]
    # Those the plan classifies are new units now; the others stay reviewed only, as with the switch on.
    assert {s.reasons for s in merged} == {"NEW_UNIT", "NOT_A_SUBJECT_KIND"}
    assert sum(s.reasons == "NEW_UNIT" for s in merged) > 40


def test_replace_is_refused_with_a_clear_error_once_a_campaign_refers_to_the_demo(province):  # noqa: ARG001
    """``make run`` opens a campaign; ``demo --replace`` then names what refers to the registry instead of
    failing at commit, and leaves everything as it was."""
    from django.core.management import CommandError

    from xeploai.campaigns.models import Subject
    from xeploai.registry.models import Organization

    before = (Organization.objects.count(), Subject.objects.count())
    with pytest.raises(CommandError, match="đợt đánh giá"):
        call_command(
            "demo", "--seed", "2", "--scale", "tiny", "--structure", "2025", "--replace", stdout=StringIO()
        )
    assert (Organization.objects.count(), Subject.objects.count()) == before


def test_r_100_the_2026_first_quarter_scores_civil_servants_from_the_task_register(settings, run):
    """``make run``'s second campaign on the 2025 province: quarter I of 2026 (R-100, KL198 deadlines R-101).
    Each công chức's points come from their tasks due in that quarter (R-102, ND335), not the year's."""
    from datetime import date

    from xeploai.campaigns.models import Campaign, Subject
    from xeploai.campaigns.task_scores import subject_task_score
    from xeploai.registry.task_register import Task

    settings.DEBUG = True
    call_command("demo", "--seed", "1", "--scale", "tiny", "--structure", "2025", stdout=StringIO())
    run("open_campaign", year=2026, quarter=1, ruleset="qd366-2025", root=VINH_LONG.code)
    campaign = Campaign.objects.get(year=2026, period=1, root__code=VINH_LONG.code)
    quarter = (date(2026, 1, 1), date(2026, 3, 31))
    with_tasks = set(Task.objects.filter(due_on__range=quarter).values_list("person_id", flat=True))
    servants = Subject.objects.filter(campaign=campaign, subject_type="CIVIL_SERVANT", classify=True)
    scored = list(servants.filter(person_id__in=with_tasks).select_related("campaign")[:20])
    assert len(scored) == 20  # the demo's công chức, ten tasks each in the quarter
    for subject in scored:
        due = Task.objects.filter(person_id=subject.person_id, due_on__range=quarter).count()
        score = subject_task_score(subject)
        assert score is not None
        assert score.tasks_total == due > 0
        assert 0 <= score.task_points <= 70
        assert score.points == score.general_points + score.task_points
    # The same people's 2025 tasks exist and are not counted in the quarter; a viên chức has no score.
    assert Task.objects.filter(person_id=scored[0].person_id, due_on__year=2025).exists()
    other = servants.exclude(person_id__in=with_tasks).select_related("campaign").first()
    assert other is not None
    assert subject_task_score(other) is None
