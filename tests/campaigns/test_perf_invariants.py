"""The fast bulk paths of the campaign bridge give exactly what the plain ones give.

``bench/bench_rules.py`` times opening a province's campaign and checking its ratings; the speed-ups
behind it (the slot-filling constructor of RatingFacts, the garbage collector paused, each distinct
finding encoded to JSON once, re-opening that compares the stored rows, ratings read by subject id block)
must not change a subject, a reason, a finding or a byte of the stored JSON, nor leave the collector off.
Each test here compares a fast path with the plain computation it replaces.
"""

from __future__ import annotations

import gc
import json
from dataclasses import FrozenInstanceError, dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, timezone
from types import MappingProxyType

import pytest

from xeploai.rules import (
    CivilServiceCategory,
    DisciplineFact,
    DisciplineForm,
    Finding,
    LeaveFact,
    Level,
    LevelCounts,
    RatingFacts,
    Side,
    StatusKind,
    SubjectType,
)


def _same(a: object, b: object) -> None:
    assert type(a) is type(b)
    assert a == b
    assert hash(a) == hash(b)
    assert repr(a) == repr(b)


def test_fast_constructor_builds_the_same_frozen_rating_facts():
    from xeploai.campaigns.facts import fast_constructor

    new = fast_constructor(RatingFacts)
    d = DisciplineFact("v1", DisciplineForm.REPRIMAND, Side.PARTY, date(2023, 5, 1))
    leave = LeaveFact(StatusKind.SICK_LEAVE, date(2023, 2, 1), date(2023, 5, 31))
    cases = [
        ((1, SubjectType.PARTY_MEMBER, Level.GOOD), {}),
        (
            (2, SubjectType.PARTY_MEMBER, Level.EXCELLENT),
            {
                "category": CivilServiceCategory.CIVIL_SERVANT,
                "disciplines": (d,),
                "leaves": (leave,),
                "civil_service_level": Level.COMPLETED,
                "score": 91.5,
            },
        ),
        ((3, SubjectType.LEADER, Level.GOOD), {"is_head": True, "unit_level": Level.COMPLETED}),
        (
            (4, SubjectType.ORGANIZATION, Level.EXCELLENT),
            {"member_counts": LevelCounts(1, 2, 3, 4), "same_level_levels": (Level.GOOD,)},
        ),
        (
            (5, SubjectType.COLLECTIVE, Level.GOOD),
            {"members_disciplined": (d,), "counted_violations": frozenset({"x"})},
        ),
    ]
    for args, kwargs in cases:
        fast, plain = new(*args, **kwargs), RatingFacts(*args, **kwargs)
        _same(fast, plain)
        assert fast.counted_violations == plain.counted_violations
        assert replace(fast, score=1.0) == replace(plain, score=1.0)
        with pytest.raises(FrozenInstanceError):
            fast.proposed = Level.COMPLETED  # type: ignore[misc]


def test_fast_constructor_refuses_a_shared_mutable_default():
    from xeploai.campaigns.facts import fast_constructor

    @dataclass(frozen=True, slots=True)
    class Holder:
        items: list[int] = field(default_factory=list)

    with pytest.raises(TypeError, match="immutable"):
        fast_constructor(Holder)


def _finding(code: str, blocking: bool = True, **params: object) -> Finding:
    return Finding("R-50", code, MappingProxyType(params), blocking)


def test_findings_json_encoded_once_per_finding_is_the_same_text():
    """Values equal in Python but different in JSON (True/1/1.0, a date and a datetime) are not mixed up."""
    from xeploai.campaigns.rating_writes import findings_dumper, findings_json

    tz = timezone(timedelta(hours=7))
    lists = [
        [_finding("quota.over", candidates=3, max_excellent=1, over=2)],
        [_finding("quota.over", candidates=True, max_excellent=1.0, over=Level.COMPLETED)],
        [_finding("quota.over", candidates=1, max_excellent=1, over=1)],
        [_finding("cap.leave", False, start=date(2023, 2, 1), days=120)],
        [_finding("cap.leave", False, start=datetime(2023, 2, 1, tzinfo=tz), days=120)],
        [_finding("cap.leave", False, start=datetime(2023, 2, 1, 7, tzinfo=UTC), days=120)],
        [_finding("quota.no_party_rate", False, scope=("agency", 1)), _finding("x", scope=("agency", True))],
        [_finding("cap.sick", cap=Level.GOOD, unit="Chi bộ ấp 1", note=None)],
        [_finding("cap.sick", cap=Level.GOOD, unit="Chi bộ ấp 1", note=None), _finding("quota.over", over=2)],
        [],
    ]
    dump = findings_dumper()  # one cache across all the lists, as in ratings_write
    for findings in lists * 2:
        expected = json.dumps(findings_json(findings), ensure_ascii=False) if findings else "[]"
        assert dump(findings) == expected
    assert dump(None) == "[]"


@pytest.mark.django_db
def test_reopening_an_unchanged_campaign_writes_nothing(province, run):
    """Only what changed is written back: the same registry twice leaves every subject as it was."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xeploai.campaigns.models import Campaign, Subject
    from xeploai.campaigns.opening import campaign_open

    run("open_campaign", year=2023, ruleset="kh181-2023")
    campaign = Campaign.objects.get(year=2023)
    before = {s["id"]: s for s in Subject.objects.filter(campaign=campaign).values()}
    with_reasons = next(pk for pk, s in before.items() if s["reason_details"])
    # The same reasons stored as other JSON text (compact, as another writer might): still unchanged.
    compact = json.dumps(before[with_reasons]["reason_details"], separators=(",", ":"))
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE campaigns_subject SET reason_details = %s WHERE id = %s", [compact, with_reasons]
        )

    with CaptureQueriesContext(connection) as ctx:
        result = campaign_open(campaign=campaign)
    writes = [q["sql"] for q in ctx.captured_queries if "campaigns_subject" in q["sql"]]
    assert not [sql for sql in writes if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert (result.created, result.updated, result.removed) == (0, 0, 0)
    assert result.unchanged == len(before)
    after = {s["id"]: s for s in Subject.objects.filter(campaign=campaign).values()}
    assert after == before


@pytest.mark.django_db
def test_reopening_writes_a_changed_subject_with_the_same_json_as_a_first_opening(province, run):
    """A refreshed subject's reasons are stored as the text a first opening writes (S-03: exempt)."""
    from xeploai.campaigns.models import Campaign, Subject
    from xeploai.campaigns.opening import campaign_open

    run("open_campaign", year=2023, ruleset="kh181-2023")
    campaign = Campaign.objects.get(year=2023)
    exempt = Subject.objects.get(campaign=campaign, person=province.exempt_a1, subject_type="PARTY_MEMBER")
    first = (exempt.reasons, exempt.reason_details, exempt.classify, exempt.version)
    Subject.objects.filter(pk=exempt.pk).update(reasons="", reason_details=[], classify=True)

    result = campaign_open(campaign=campaign)
    exempt.refresh_from_db()
    assert result.updated == 1
    assert (exempt.reasons, exempt.reason_details, exempt.classify) == first[:3]
    assert exempt.reasons == "EXEMPT"
    assert exempt.version == first[3] + 1


@pytest.mark.django_db
def test_the_garbage_collector_is_back_on_after_the_batch_services(province, run):
    from django.core.exceptions import ValidationError

    from xeploai.campaigns.checking import ratings_check
    from xeploai.campaigns.models import Campaign, CampaignStatus
    from xeploai.campaigns.opening import campaign_open

    assert gc.isenabled()
    run("open_campaign", year=2023, ruleset="kh181-2023")
    campaign = Campaign.objects.get(year=2023)
    ratings_check(campaign=campaign)
    assert gc.isenabled()
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.CLOSED)
    with pytest.raises(ValidationError):
        campaign_open(campaign=campaign)
    assert gc.isenabled()


@pytest.mark.django_db
def test_latest_levels_read_by_id_block_equal_the_joined_read(province, run):
    """``facts.latest_levels(campaign, subjects)`` reads the ratings of the campaign's subject id block;
    a subject of another campaign whose id falls inside that block must not leak into it."""
    from xeploai.campaigns.facts import campaign_subjects, latest_levels
    from xeploai.campaigns.models import Campaign, Rating, Subject

    run("open_campaign", year=2023, ruleset="kh181-2023")
    campaign = Campaign.objects.get(year=2023)
    other = Campaign.objects.create(year=2024, name="Đợt 2024", ruleset="kh181-2023", root=campaign.root,
                                    reference_date=campaign.reference_date.replace(year=2024))  # fmt: skip
    common = {"review": True, "classify": True, "subject_type": "PARTY_MEMBER", "unit": province.cell_a1,
              "org_path": province.cell_a1.path}  # fmt: skip
    stranger = Subject.objects.create(campaign=other, person=province.member_a1,
                                      counted_to=other.reference_date, **common)  # fmt: skip
    leader = {**common, "subject_type": "LEADER"}
    late = Subject.objects.create(campaign=campaign, person=province.teacher_b1,
                                  counted_to=campaign.reference_date, **leader)  # fmt: skip
    first = Subject.objects.filter(campaign=campaign).order_by("pk").first()
    assert first.pk < stranger.pk < late.pk  # the stranger sits inside the campaign's id block
    for subject, level in ((first, 2), (stranger, 3), (late, 1), (first, 1)):
        Rating.objects.create(subject=subject, stage="PROPOSED", level=level, based_on_version=1)

    subjects = campaign_subjects(campaign)
    by_block = latest_levels(campaign, subjects)
    assert by_block == latest_levels(campaign)  # the joined read
    assert by_block == {first.pk: {"PROPOSED": (1, None)}, late.pk: {"PROPOSED": (1, None)}}
