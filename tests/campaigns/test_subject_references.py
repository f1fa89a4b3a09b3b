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


def test_an_organization_that_is_a_subjects_unit_cannot_be_deleted(campaign, province):
    from xeploai.campaigns.models import Subject

    # The cell is the unit of its members' subjects (not only the target of its own subject).
    assert Subject.objects.filter(campaign=campaign, unit=province.cell_a1, person__isnull=False).exists()
    Subject.objects.filter(campaign=campaign, organization=province.cell_a1).delete()
    with pytest.raises(ProtectedError) as refused:
        province.cell_a1.delete()
    protecting = {o.pk for o in refused.value.protected_objects if isinstance(o, Subject)}
    assert protecting == set(Subject.objects.filter(unit=province.cell_a1).values_list("pk", flat=True))
    with pytest.raises(IntegrityError):
        raw_delete(type(province.cell_a1), province.cell_a1.pk)
    assert Subject.objects.filter(campaign=campaign, unit=province.cell_a1).exists()
    assert type(province.cell_a1).objects.filter(pk=province.cell_a1.pk).exists()


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
    from xeploai.campaigns.models import Campaign, Subject

    with pytest.raises(IntegrityError):
        raw_delete(Campaign, campaign.pk)
    assert Subject.objects.filter(campaign=campaign).exists()


@pytest.mark.parametrize("reference", ["subject", "author"])
def test_a_rating_for_a_subject_or_author_that_does_not_exist_is_refused(campaign, province, reference):
    from xeploai.campaigns.models import Rating, Subject

    subject = Subject.objects.get(campaign=campaign, person=province.member_a1, subject_type="PARTY_MEMBER")
    missing = 10**9
    subject_id, author_id = (missing, None) if reference == "subject" else (subject.pk, missing)
    with pytest.raises(IntegrityError):
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
    with pytest.raises(IntegrityError):
        raw(
            "INSERT INTO campaigns_subject (campaign_id, subject_type, person_id, unit_id, org_path, review, "
            "classify, reasons, reason_details, counted_to, override, override_reason, version) "
            "VALUES (%s, 'CIVIL_SERVANT', %s, %s, %s, TRUE, TRUE, '', '[]', %s, '', '', 1)",
            [campaign.pk, values["person_id"], values["unit_id"], subject.org_path, "2023-12-15"],
        )
    assert not Subject.objects.filter(campaign=campaign, subject_type="CIVIL_SERVANT").exists()


@pytest.mark.parametrize("target", ["member_a1", "cell_committee", "cell_a1"])
def test_a_subjects_target_cannot_be_deleted_by_django_nor_in_raw_sql(campaign, province, target):
    from xeploai.campaigns.models import Subject

    row = getattr(province, target)
    field = {"member_a1": "person", "cell_committee": "collective", "cell_a1": "organization"}[target]
    assert Subject.objects.filter(campaign=campaign, **{field: row}).exists()
    with pytest.raises(ProtectedError):
        row.delete()
    with pytest.raises(IntegrityError):
        raw_delete(type(row), row.pk)
    assert type(row).objects.filter(pk=row.pk).exists()


def test_a_rated_subject_cannot_be_deleted_and_an_unrated_one_can(campaign, province, rate):
    from xeploai.campaigns.models import Rating, Subject

    rate(campaign, province.member_a1, 2)
    rated = Subject.objects.get(campaign=campaign, person=province.member_a1, subject_type="PARTY_MEMBER")
    with pytest.raises(ProtectedError):
        rated.delete()
    with pytest.raises(IntegrityError):
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
    with pytest.raises(IntegrityError):
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
    from xeploai.campaigns.services import ratings_import

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

    with pytest.raises(IntegrityError):
        open_with_the_deletion_in_between()
    assert out["result"][0] == 1
    assert not Person.objects.filter(pk=newcomer.pk).exists()
    assert not Subject.objects.filter(campaign=campaign).exists()
