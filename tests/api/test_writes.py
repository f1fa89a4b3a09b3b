"""Writes through the API: the pages' services with their checks, stale-version refusal (409), the workbook
import's all-or-nothing validation with located errors (422), and an audit event per write."""

from __future__ import annotations

import pytest

from xeploai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(personas):
    from xeploai.campaigns.opening import campaign_create, campaign_open

    found = campaign_create(year=2023, ruleset="kh181-2023", root=personas.province)
    campaign_open(campaign=found)
    return found


@pytest.fixture
def subject(personas, campaign):
    from xeploai.campaigns.models import Subject

    return Subject.objects.get(campaign=campaign, person=personas.member_a1, subject_type="PARTY_MEMBER")


def test_a_proposal_is_recorded_audited_and_a_stale_one_refused_with_409(personas, subject, api_as):
    api = api_as(personas.cell_a1_secretary)
    seen = api.get(f"/subjects/{subject.pk}").json()["state_version"]
    first = api.post(
        f"/subjects/{subject.pk}/ratings", {"stage": "PROPOSED", "level": 2, "based_on_version": seen}
    )
    assert first.status_code == 201, first.content
    assert first.json()["level"] == 2
    assert first.json()["author_name"] == "cell_a1_secretary"
    stale = api.post(
        f"/subjects/{subject.pk}/ratings", {"stage": "PROPOSED", "level": 3, "based_on_version": seen}
    )
    assert stale.status_code == 409
    assert "đã được người khác thay đổi" in stale.json()["detail"]  # the stale refusal, in words
    actions = list(
        AuditEvent.objects.filter(actor_id=personas.cell_a1_secretary.pk).values_list("action", flat=True)
    )
    assert "api.write" in actions
    assert any(a.startswith("rating") for a in actions)  # the service's own event, by the token's user


def test_a_level_above_a_cap_is_refused_with_the_rule_and_nothing_written(personas, subject, api_as):
    from xeploai.campaigns.models import Rating
    from xeploai.registry.models import Discipline

    Discipline.objects.create(
        person=personas.member_a1,
        form="REPRIMAND",
        side="PARTY",
        decided_on=subject.counted_to,
        violation_year=subject.counted_to.year,
    )
    api = api_as(personas.cell_a1_secretary)
    seen = api.get(f"/subjects/{subject.pk}").json()["state_version"]
    r = api.post(
        f"/subjects/{subject.pk}/ratings", {"stage": "PROPOSED", "level": 3, "based_on_version": seen}
    )
    assert r.status_code == 422
    assert "R-" in r.json()["detail"]
    assert not Rating.objects.filter(subject=subject).exists()


def test_a_workbook_row_error_names_sheet_row_and_field_and_writes_nothing(personas, api_as):
    from xeploai.registry.models import Person

    api = api_as(personas.superuser)
    rows = [
        {"code": "P-OK", "full_name": "Võ Thị Sáu", "party_organization": personas.cell_a1.code},
        {
            "code": "P-BAD",
            "full_name": "Lý Tự Trọng",
            "party_organization": "KHONG-CO",
            "birth_date": "31/02/1990",
        },
    ]
    r = api.post("/people", {"rows": rows})
    assert r.status_code == 422
    errors = r.json()["errors"]
    assert {(e["sheet"], e["row"], e["field"]) for e in errors} >= {
        ("people", 1, "party_organization"),
        ("people", 1, "birth_date"),
    }
    assert not Person.objects.filter(code__in=["P-OK", "P-BAD"]).exists()


def test_a_valid_import_writes_once_and_is_audited(personas, api_as):
    from xeploai.registry.models import Person

    api = api_as(personas.superuser)
    rows = [
        {
            "code": "P-OK",
            "full_name": "Võ Thị Sáu",
            "party_organization": personas.cell_a1.code,
            "admitted_on": "2001-05-19",
        }
    ]
    dry = api.post("/people", {"rows": rows, "dry_run": True})
    assert dry.status_code == 200
    assert not Person.objects.filter(code="P-OK").exists()
    done = api.post("/people", {"rows": rows})
    assert done.status_code == 200
    assert done.json()["created"]["Ca_nhan"] == 1
    assert Person.objects.get(code="P-OK").party_organization == personas.cell_a1
    event = AuditEvent.objects.filter(action="registry.workbook.imported").latest("seq")
    assert event.actor_id == personas.superuser.pk


def test_an_opinion_from_a_source_the_user_does_not_speak_for_is_forbidden(personas, subject, api_as):
    api = api_as(personas.cell_a1_secretary)
    mine = api.post(f"/subjects/{subject.pk}/opinions", {"source": "CELL_COMMITTEE", "text": "Nhất trí"})
    assert mine.status_code == 201
    other = api.post(f"/subjects/{subject.pk}/opinions", {"source": "SUPERVISOR", "text": "Nhất trí"})
    assert other.status_code == 403
    unknown = api.post(f"/subjects/{subject.pk}/opinions", {"source": "NOBODY", "text": "x"})
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "source"


def test_bad_input_is_a_located_422_and_malformed_json_a_400(personas, subject, api_as, client, token_for):
    api = api_as(personas.cell_a1_secretary)
    r = api.post(
        f"/subjects/{subject.pk}/ratings", {"stage": "PROPOSED", "level": 9, "based_on_version": "x"}
    )
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {"level", "based_on_version"}
    assert all(e["message"] for e in r.json()["errors"])
    broken = client.post(
        f"/api/subjects/{subject.pk}/ratings",
        "{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(personas.cell_a1_secretary)}"},
    )
    assert broken.status_code in (400, 422)
    assert broken.json()["detail"]


def test_the_member_writes_and_submits_their_review_through_the_api(personas, campaign, subject, api_as):
    from xeploai.campaigns.models import Rating, Review, ReviewStatus, Subject

    cell = Subject.objects.get(campaign=campaign, organization=personas.cell_a1)
    Review.objects.create(subject=cell, author=personas.cell_a1_secretary, status=ReviewStatus.SUBMITTED)
    api = api_as(personas.cell_a1_member)
    empty = api.post(f"/subjects/{subject.pk}/review/submit", {"strengths": "Gương mẫu"})
    assert empty.status_code == 422
    assert "limitations" in {e["field"] for e in empty.json()["errors"]}  # S-14, located
    from xeploai.campaigns.reviews import criteria_for

    grades = {c.code: 2 for c in criteria_for(subject)}
    body = {
        "strengths": "Gương mẫu",
        "limitations": "Chưa chủ động",
        "causes": "Chủ quan",
        "criteria": grades,
        "self_party_level": 2,
    }
    done = api.post(f"/subjects/{subject.pk}/review/submit", body)
    assert done.status_code == 200, done.content
    assert done.json()["status"] == ReviewStatus.SUBMITTED
    assert Rating.objects.get(subject=subject, stage="SELF").level == 2
