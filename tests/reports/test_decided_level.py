"""The decided level copied onto the subject (campaigns.models) and the statistics that read it (R-95).

The statistics count ``Subject.decided_level``; the record is the latest DECIDED rating row (ADR 0002,
R-81). After decisions, re-decisions, appeals (R-89), imports and direct row writes, every subject's copy
must equal its latest DECIDED row, and the tables must equal those computed from the rows themselves.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened(personas):
    from django.contrib.auth import get_user_model

    from xeploai.accounts.models import Role, RoleAssignment
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    p = personas
    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=p.province)
    campaign_open(campaign=campaign)

    def user(name, role, at):
        u = get_user_model().objects.create_user(username=name, password="pw")
        RoleAssignment.objects.create(user=u, role=role, organization=at)
        return u

    def subject(person):
        return Subject.objects.get(campaign=campaign, person=person, subject_type="PARTY_MEMBER")

    return SimpleNamespace(
        **vars(p), campaign=campaign, subject=subject,
        commune_sc=user("commune_sc", Role.STANDING_COMMITTEE, p.commune_a1),
        district_a_sc=user("district_a_sc", Role.STANDING_COMMITTEE, p.district_a),
    )


def _record(subject, stage, level, by):
    from xeploai.campaigns.decisions import rating_record

    subject.refresh_from_db()
    seen = subject.state_version
    return rating_record(subject=subject, stage=stage, level=level, by=by, based_on_version=seen)


def _from_rows(monkeypatch, fn, **kwargs):
    """``fn(**kwargs)`` with the decided level read from the rating rows (the anti-join), not the copy."""
    from xeploai.campaigns.models import Rating
    from xeploai.reports import selectors

    rows = ("r.level", selectors._LATEST_JOIN.format(rating=selectors._table(Rating)))
    with monkeypatch.context() as m:
        m.setattr(selectors, "_level_sql", lambda stage: rows)
        return fn(**kwargs)


def _assert_copy_is_the_latest_row(campaign):
    from xeploai.campaigns.models import Subject
    from xeploai.reports.selectors import current_levels

    copies = dict(Subject.objects.filter(campaign=campaign).values_list("pk", "decided_level"))
    latest = current_levels(list(copies), "DECIDED")
    assert copies == {pk: latest.get(pk) for pk in copies}


def test_r81_r95_decisions_re_decisions_and_appeals_keep_the_copy_and_the_tables(opened, monkeypatch):
    from xeploai.campaigns.appeals import appeal_lodge, appeal_resolve
    from xeploai.campaigns.decisions import results_publish
    from xeploai.campaigns.models import Rating
    from xeploai.reports.selectors import campaign_statistics

    o = opened
    member_a1, secretary_a1 = o.subject(o.member_a1), o.subject(o.secretary_a1)
    for s in (member_a1, secretary_a1):
        _record(s, "PROPOSED", 2, o.cell_a1_secretary)
    _record(member_a1, "DECIDED", 2, o.commune_sc)
    _record(secretary_a1, "DECIDED", 2, o.commune_sc)
    member_a1.refresh_from_db()
    assert member_a1.decided_level == 2

    _record(member_a1, "DECIDED", 1, o.commune_sc)  # a later decision wins (R-81: the earlier row stays)
    member_a1.refresh_from_db()
    assert member_a1.decided_level == 1

    results_publish(campaign=o.campaign, root=o.commune_a1, by=o.commune_sc)
    secretary_a1.refresh_from_db()
    appeal = appeal_lodge(subject=secretary_a1, by=o.superuser, text="Đề nghị xem xét lại")
    secretary_a1.refresh_from_db()
    appeal_resolve(appeal=appeal, by=o.district_a_sc, resolution="Xếp lại", new_level=1,
                   based_on_version=secretary_a1.state_version)  # a new DECIDED row, then PUBLISHED
    secretary_a1.refresh_from_db()
    assert secretary_a1.decided_level == 1
    decided = Rating.objects.filter(subject=secretary_a1, stage="DECIDED").values_list("level", flat=True)
    assert list(decided) == [2, 1]

    _assert_copy_is_the_latest_row(o.campaign)
    stats = campaign_statistics(campaign=o.campaign, root=o.province)
    assert stats == _from_rows(monkeypatch, campaign_statistics, campaign=o.campaign, root=o.province)
    members = stats.section("party_members").total
    assert (members.levels[1], members.levels[2]) == (2, 0)


def test_r95_imports_and_direct_rows_keep_the_copy(opened, monkeypatch):
    from xeploai.campaigns.checking import Entry
    from xeploai.campaigns.models import Rating, Subject
    from xeploai.campaigns.rating_writes import ratings_write
    from xeploai.reports.selectors import campaign_statistics

    o = opened
    a1, a2, b1 = o.subject(o.member_a1), o.subject(o.member_a2), o.subject(o.teacher_b1)
    # An import writing two decisions for one subject in one call: the later entry is the later row.
    ratings_write(entries=[Entry(a1.pk, "DECIDED", 3, None, ""), Entry(a1.pk, "DECIDED", 2, None, ""),
                           Entry(a2.pk, "PROPOSED", 3, None, "")],
                  by=None, versions={a1.pk: a1.version, a2.pk: a2.version}, verdicts={})
    Rating.objects.create(subject=a2, stage="DECIDED", level=0, based_on_version=a2.version)
    Rating.objects.bulk_create([Rating(subject=b1, stage="DECIDED", level=3, based_on_version=b1.version),
                                Rating(subject=b1, stage="SELF", level=2, based_on_version=b1.version)])
    levels = dict(Subject.objects.filter(pk__in=[a1.pk, a2.pk, b1.pk]).values_list("pk", "decided_level"))
    assert levels == {a1.pk: 2, a2.pk: 0, b1.pk: 3}
    _assert_copy_is_the_latest_row(o.campaign)
    stats = campaign_statistics(campaign=o.campaign, root=o.province)
    assert stats == _from_rows(monkeypatch, campaign_statistics, campaign=o.campaign, root=o.province)


def test_other_stages_leave_the_copy_alone_without_a_query(opened, monkeypatch):
    """Proposals (the rules benchmark writes a province of them) cost nothing more than before."""
    from xeploai.campaigns import models as campaign_models
    from xeploai.campaigns.checking import Entry
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.rating_writes import ratings_write

    calls = []
    monkeypatch.setattr(campaign_models, "decided_refresh", lambda **kw: calls.append(kw))
    subjects = list(Subject.objects.filter(campaign=opened.campaign, classify=True))
    ratings_write(entries=[Entry(s.pk, "PROPOSED", 2, None, "") for s in subjects], by=None,
                  versions={s.pk: s.version for s in subjects}, verdicts={})
    assert calls == []
    assert not Subject.objects.filter(campaign=opened.campaign, decided_level__isnull=False).exists()


@pytest.mark.parametrize("refill", ["migration", "decided_refresh"])
def test_r95_fill_of_the_migration_equals_the_latest_rows(opened, refill):
    import importlib

    from django.apps import apps
    from django.db import connection

    from xeploai.campaigns.models import Rating, Subject, decided_refresh

    o = opened
    a1, a2 = o.subject(o.member_a1), o.subject(o.member_a2)
    for level in (3, 1, 2):
        Rating.objects.create(subject=a1, stage="DECIDED", level=level, based_on_version=1)
    Rating.objects.create(subject=a2, stage="DECIDED", level=0, based_on_version=1)
    Rating.objects.create(subject=a2, stage="PUBLISHED", level=3, based_on_version=1)  # not a decision
    table = connection.ops.quote_name(Subject._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET decided_level = NULL")  # as before the migration
    if refill == "migration":
        migration = importlib.import_module("xeploai.campaigns.migrations.0006_subject_decided_level")
        with connection.cursor() as cursor:  # the schema editor's part that fill uses
            editor = SimpleNamespace(connection=connection, quote_name=connection.ops.quote_name,
                                     execute=cursor.execute)
            migration.fill(apps, editor)
    else:
        decided_refresh(campaign_id=o.campaign.pk)
    assert dict(Subject.objects.filter(pk__in=[a1.pk, a2.pk]).values_list("pk", "decided_level")) == {
        a1.pk: 2, a2.pk: 0,
    }
    _assert_copy_is_the_latest_row(o.campaign)
