"""A subject's and a rating's references are database foreign keys (ADR 0006): Django refuses or cascades
deletions as users know it, and the database itself refuses, in raw SQL too, whatever would leave a subject
or a rating pointing nowhere, on both databases.

Django declares the constraints deferred: checked at COMMIT, which a test inside a transaction does not
reach. ``raw`` asks the database for the check right after its statement instead: ``SET CONSTRAINTS ALL
IMMEDIATE`` on PostgreSQL, ``PRAGMA foreign_key_check`` on SQLite (Django's ``check_constraints``).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError


def run_until_it_waits(action, what):
    """Run ``action`` in a thread (its own connection) and return once it waits for a lock (pg_locks is
    live; up to 10 s), with the thread and ``out``, which gets its "result" or its "error"."""
    import threading

    out = {}

    def run():
        try:
            out["result"] = action()
        except Exception as exc:  # noqa: BLE001 - reported by the test thread
            out["error"] = exc
        finally:
            connection.close()

    worker = threading.Thread(target=run)
    worker.start()
    with connection.cursor() as cursor:
        for _ in range(200):
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return worker, out
            worker.join(0.05)
    pytest.fail(f"{what} did not wait: {out}")


def raw(sql, params):
    """A statement the application never issues (a script, a console): only the database can refuse it.
    Refused, it is rolled back (its savepoint) and IntegrityError is raised."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # runs the checks queued for COMMIT now
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            connection.check_constraints()


def raw_delete(model, pk):
    raw(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)} WHERE id = %s", [pk])


pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(province, run):  # noqa: ARG001 - province fills the registry
    from xeploai.campaigns.models import Campaign

    run("open_campaign", year=2023, ruleset="kh181-2023")
    return Campaign.objects.get(year=2023)


@pytest.fixture
def lone(campaign, province):
    """A person, a collective and an organization that nothing but their own subject refers to, and an
    organization that is only the unit of the person's subject: whatever refuses deleting them is the
    subject's foreign key (the registry's own references are not in the way)."""
    from types import SimpleNamespace

    from xeploai.campaigns.models import Subject
    from xeploai.registry.models import Collective, Organization, Person

    def org(code):
        parent = province.commune_a1
        return Organization.objects.create(
            code=code, name=f"Chi bộ {code}", kind="CELL", tier="BELOW_GRASSROOTS", parent=parent
        )

    rows = SimpleNamespace(
        organization=org("T.A.X1.C8"),
        unit=org("T.A.X1.C9"),
        collective=Collective.objects.create(
            code="TT-LONE", name="Tập thể riêng", kind="STANDING_COMMITTEE", organization=province.commune_a1
        ),
        person=Person.objects.create(code="P-LONE-1", full_name="Người riêng", party_organization=None),
    )
    targets = [
        ("organization", "ORGANIZATION", rows.organization),
        ("collective", "COLLECTIVE", province.commune_a1),
        ("person", "CIVIL_SERVANT", rows.unit),
    ]
    for field, role, unit in targets:
        Subject.objects.create(
            campaign=campaign,
            subject_type=role,
            unit=unit,
            org_path=unit.path,
            review=True,
            classify=True,
            counted_to=campaign.reference_date,
            **{field: getattr(rows, field)},
        )
    return rows


def test_an_organization_that_is_only_a_subjects_unit_cannot_be_deleted(campaign, lone):
    from xeploai.campaigns.models import Subject
    from xeploai.registry.models import Organization

    subject = Subject.objects.get(campaign=campaign, unit=lone.unit)
    with pytest.raises(ProtectedError) as refused:
        lone.unit.delete()
    assert set(refused.value.protected_objects) == {subject}
    with pytest.raises(IntegrityError, match="(?i)foreign key"):
        raw_delete(Organization, lone.unit.pk)
    assert Organization.objects.filter(pk=lone.unit.pk).exists()

    subject.delete()  # the only reference: now it goes
    raw_delete(Organization, lone.unit.pk)
    assert not Organization.objects.filter(pk=lone.unit.pk).exists()


def test_deleting_a_campaign_deletes_its_subjects_unless_a_rating_protects_them(campaign, province, rate):
    from xeploai.campaigns.models import Campaign, Subject

    rate(campaign, province.member_a1, 2)
    with pytest.raises(ProtectedError):  # ratings are the record (ADR 0002)
        campaign.delete()
    assert Subject.objects.filter(campaign=campaign).exists()

    from xeploai.registry.models import Organization

    root = Organization.objects.get(pk=campaign.root_id)
    other = Campaign.objects.create(year=2024, name="Đợt 2024", ruleset="kh181-2023", root=root,
                                    reference_date=campaign.reference_date.replace(year=2024))  # fmt: skip
    Subject.objects.create(
        campaign=other, subject_type="PARTY_MEMBER", person=province.member_a1, unit=province.cell_a1,
        org_path=province.cell_a1.path, review=True, classify=True, counted_to=other.reference_date,
    )  # fmt: skip
    other.delete()
    assert not Subject.objects.filter(campaign_id=other.pk).exists()


def test_a_campaign_with_subjects_cannot_be_deleted_in_raw_sql(campaign):
    """Django cascades to the subjects; a bare DELETE of the campaign row would orphan them: refused."""
    from xeploai.campaigns.models import Campaign, Deadline, Subject

    Deadline.objects.filter(campaign=campaign).delete()  # the subjects are left to refer to it
    with pytest.raises(IntegrityError, match="(?i)foreign key"):
        raw_delete(Campaign, campaign.pk)
    assert Subject.objects.filter(campaign=campaign).exists()


@pytest.mark.parametrize("reference", ["subject", "author"])
def test_a_rating_for_a_subject_or_author_that_does_not_exist_is_refused(campaign, province, reference):
    from xeploai.campaigns.models import Rating, Subject

    subject = Subject.objects.get(campaign=campaign, person=province.member_a1, subject_type="PARTY_MEMBER")
    missing = 10**9
    subject_id, author_id = (missing, None) if reference == "subject" else (subject.pk, missing)
    with pytest.raises(IntegrityError, match="(?i)foreign key"):
        raw(
            "INSERT INTO campaigns_rating (subject_id, stage, level, author_id, created_at, justification, "
            "findings, based_on_version) VALUES (%s, 'PROPOSED', 2, %s, %s, '', '[]', 1)",
            [subject_id, author_id, "2023-12-20 00:00:00"],
        )
    assert not Rating.objects.exists()


@pytest.mark.parametrize("reference", ["person_id", "unit_id"])
def test_a_subject_for_a_target_or_unit_that_does_not_exist_is_refused(campaign, province, reference):
    from xeploai.campaigns.models import Subject

    subject = Subject.objects.get(campaign=campaign, person=province.member_a1, subject_type="PARTY_MEMBER")
    values = {"person_id": subject.person_id, "unit_id": subject.unit_id, reference: 10**9}
    with pytest.raises(IntegrityError, match="(?i)foreign key"):
        raw(
            "INSERT INTO campaigns_subject (campaign_id, subject_type, person_id, unit_id, org_path, review, "
            "classify, reasons, reason_details, counted_to, override, override_reason, version) "
            "VALUES (%s, 'CIVIL_SERVANT', %s, %s, %s, TRUE, TRUE, '', '[]', %s, '', '', 1)",
            [campaign.pk, values["person_id"], values["unit_id"], subject.org_path, "2023-12-15"],
        )
    assert not Subject.objects.filter(campaign=campaign, subject_type="CIVIL_SERVANT").exists()


@pytest.mark.parametrize("target", ["person", "collective", "organization"])
def test_a_subjects_target_cannot_be_deleted_by_django_nor_in_raw_sql(campaign, lone, target):
    from xeploai.campaigns.models import Subject

    row = getattr(lone, target)
    subject = Subject.objects.get(campaign=campaign, **{target: row})
    with pytest.raises(ProtectedError):
        row.delete()
    with pytest.raises(IntegrityError, match="(?i)foreign key"):
        raw_delete(type(row), row.pk)
    assert type(row).objects.filter(pk=row.pk).exists()

    Subject.objects.filter(pk=subject.pk).update(unit=campaign.root)  # the organization: its own unit
    subject.delete()  # the only reference: now it goes
    raw_delete(type(row), row.pk)
    assert not type(row).objects.filter(pk=row.pk).exists()


def test_a_rated_subject_cannot_be_deleted_and_an_unrated_one_can(campaign, province, rate):
    from xeploai.campaigns.models import Rating, Subject

    rate(campaign, province.member_a1, 2)
    rated = Subject.objects.get(campaign=campaign, person=province.member_a1, subject_type="PARTY_MEMBER")
    with pytest.raises(ProtectedError):
        rated.delete()
    with pytest.raises(IntegrityError, match="(?i)foreign key"):
        raw_delete(Subject, rated.pk)
    assert Rating.objects.filter(subject=rated).exists()
    assert Subject.objects.filter(pk=rated.pk).exists()

    unrated = Subject.objects.get(campaign=campaign, person=province.member_a2, subject_type="PARTY_MEMBER")
    raw_delete(Subject, unrated.pk)
    assert not Subject.objects.filter(pk=unrated.pk).exists()


@pytest.mark.parametrize("reference", ["author", "override_by"])
def test_a_user_who_rated_or_overrode_a_subject_cannot_be_deleted(campaign, province, reference):
    from django.contrib.auth import get_user_model

    from xeploai.campaigns.models import Rating, Subject

    User = get_user_model()
    officer = User.objects.create_user(username="can-bo", password="pw")
    subject = Subject.objects.get(campaign=campaign, person=province.member_a1, subject_type="PARTY_MEMBER")
    if reference == "author":
        Rating.objects.create(subject=subject, stage="PROPOSED", level=2, based_on_version=1, author=officer)
    else:
        Subject.objects.filter(pk=subject.pk).update(override="EXCLUDED", override_by=officer)
    with pytest.raises(ProtectedError):
        officer.delete()
    with pytest.raises(IntegrityError, match="(?i)foreign key"):
        raw_delete(User, officer.pk)
    assert User.objects.filter(pk=officer.pk).exists()
    bystander = User.objects.create_user(username="nguoi-khac", password="pw")
    raw_delete(User, bystander.pk)
    assert not User.objects.filter(pk=bystander.pk).exists()


def test_a_person_in_no_campaign_can_still_be_deleted(campaign, province):
    from xeploai.campaigns.models import Subject
    from xeploai.registry.models import Person

    outsider = Person.objects.create(code="P-NEW-9", full_name="Người mới", party_organization=None)
    assert not Subject.objects.filter(person=outsider).exists()
    raw_delete(Person, outsider.pk)
    assert not Person.objects.filter(pk=outsider.pk).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite lets one writer in at a time")
@pytest.mark.django_db(transaction=True)
def test_a_ratings_import_waits_while_the_campaign_is_being_reopened(province, run, workbook):
    """A reopening (which may delete unrated subjects) and an import of ratings do not interleave: the
    import waits for the campaign row (``locks.campaign_for_rating``) and then succeeds, instead of
    failing on the foreign key at COMMIT."""
    from xeploai.campaigns import locks
    from xeploai.campaigns.models import Campaign, Rating
    from xeploai.campaigns.rating_import import ratings_import

    run("open_campaign", year=2023, ruleset="kh181-2023")
    campaign = Campaign.objects.get(year=2023)
    sheet = workbook([["Mã", "Giai đoạn", "Mức xếp loại"], ["P-MEM-A1", "Đề xuất", "HTT"]])

    def import_ratings():
        return ratings_import(campaign=Campaign.objects.get(pk=campaign.pk), path_or_file=sheet)

    with transaction.atomic():
        locks.campaign_for_update(campaign.pk)  # what campaign_open holds while it reopens
        worker, out = run_until_it_waits(import_ratings, "the import")
        assert "result" not in out
        assert not Rating.objects.filter(subject__campaign=campaign).exists()
    worker.join(30)
    assert out["result"].ok, out["result"].errors
    assert Rating.objects.filter(subject__campaign=campaign, subject__person=province.member_a1).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite lets one writer in at a time")
@pytest.mark.django_db(transaction=True)
def test_a_person_deleted_while_a_campaign_opens_makes_the_opening_fail_whole(province):
    """A deletion does not wait for a campaign being opened: the opening's subject for that person is not
    yet committed, so Django finds nothing to protect and the person goes. The foreign key then refuses
    the opening at its COMMIT, and nothing of it stays; opened again, it reads the registry without them."""
    import threading

    from xeploai.campaigns.models import Campaign, Subject
    from xeploai.registry.models import Person

    newcomer = Person.objects.create(code="P-NEW-7", full_name="Người mới vào", party_organization=None)
    campaign = Campaign.objects.create(year=2023, name="Đợt 2023", ruleset="kh181-2023",
                                       root=province.province, reference_date=date(2023, 12, 15))  # fmt: skip
    out = {}

    def delete_newcomer():
        try:
            out["result"] = Person.objects.get(pk=newcomer.pk).delete()
        finally:
            connection.close()

    def open_with_the_deletion_in_between():
        with transaction.atomic():  # the opening's transaction: the subject, then COMMIT
            Subject.objects.create(campaign=campaign, subject_type="CIVIL_SERVANT", person=newcomer,
                                   unit=province.district_a_ubnd, org_path=province.district_a_ubnd.path,
                                   review=True, classify=True, counted_to=date(2023, 12, 15))  # fmt: skip
            worker = threading.Thread(target=delete_newcomer)
            worker.start()
            worker.join(30)

    with pytest.raises(IntegrityError, match="(?i)foreign key"):
        open_with_the_deletion_in_between()
    assert out["result"][0] == 1
    assert not Person.objects.filter(pk=newcomer.pk).exists()
    assert not Subject.objects.filter(campaign=campaign).exists()
