"""The pages where officers record the facts the rules need (issue 13 item 6): reachable from the person's
and the organization's pages, permission-checked on the server, audited, errors in Vietnamese.
S-04, R-16, R-17, R-25, R-33a, R-33d, R-40a, R-66, R-76, R-106."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from xeploai.audit.models import AuditEvent
from xeploai.registry.models import (
    Conclusion,
    ConfidenceVote,
    Discipline,
    Person,
    ReviewMeeting,
    TemporaryActivity,
    Transfer,
)

pytestmark = pytest.mark.django_db


def test_an_officer_reaches_the_page_from_the_person_and_records_each_fact(client, personas):
    client.force_login(personas.district_a_officer)
    person_page = client.get(reverse("web:person", args=[personas.member_a1.pk])).content.decode()
    url = reverse("web:person_facts", args=[personas.member_a1.pk])
    assert f'href="{url}"' in person_page
    assert client.get(url).status_code == 200
    posts = {
        "start": {"start-employed_from": "01/06/2025", "start-led_unit": personas.cell_a1.pk},
        "transfer": {
            "transfer-side": "PARTY", "transfer-moved_on": "01/07/2025", "transfer-old_unit": "Chi bộ cũ",
            "transfer-old_unit_exists": "on",
        },
        "temporary": {"temporary-cell": "Chi bộ Công ty X", "temporary-start": "01/03/2025"},
        "conclusion": {"conclusion-concluded_on": "20/06/2025", "conclusion-note": "suy thoái"},
        "vote": {"vote-year": 2025, "vote-voters": 20, "vote-high": 10, "vote-medium": 4, "vote-low": 6},
    }  # fmt: skip
    for name, data in posts.items():
        response = client.post(url, {"form": name, **data})
        assert response.status_code == 302, (name, response.content.decode()[:2000])
    member = Person.objects.get(pk=personas.member_a1.pk)
    assert (member.employed_from, member.led_unit) == (dt.date(2025, 6, 1), personas.cell_a1)
    transfer = Transfer.objects.get(person=member)
    assert (transfer.moved_on, transfer.old_unit_exists, transfer.comment_received) == (
        dt.date(2025, 7, 1), True, False,
    )  # fmt: skip
    assert TemporaryActivity.objects.get(person=member).cell == "Chi bộ Công ty X"
    assert Conclusion.objects.get(person=member).concluded_on == dt.date(2025, 6, 20)
    assert ConfidenceVote.objects.get(person=member).low == 6
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    for model in ("person.changed", "transfer.created", "temporaryactivity.created", "conclusion.created"):
        assert f"registry.{model}" in actions
    page = client.get(url).content.decode()
    assert "01/07/2025" in page  # dates as dd/mm/yyyy
    client.post(url, {"form": "delete", "kind": "transfer", "id": transfer.pk})
    assert not Transfer.objects.exists()
    assert AuditEvent.objects.filter(action="registry.transfer.deleted").exists()


def test_a_bad_entry_gets_a_vietnamese_error_and_nothing_is_written(client, personas):
    client.force_login(personas.district_a_officer)
    url = reverse("web:person_facts", args=[personas.member_a1.pk])
    data = {
        "form": "vote", "vote-year": 2025, "vote-voters": 5, "vote-high": 4, "vote-medium": 1, "vote-low": 3,
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert not ConfidenceVote.objects.exists()
    stale = {
        "form": "transfer", "transfer-side": "PARTY", "transfer-moved_on": "01/07/2025",
        "transfer-old_unit": "Chi bộ cũ", "transfer-old_unit_from": "02/07/2025",
    }  # fmt: skip
    page = client.post(url, stale).content.decode()
    assert "Ngày đến đơn vị cũ không thể sau ngày đến đơn vị mới." in page
    assert not Transfer.objects.exists()


def test_the_counted_violation_mark_is_set_on_the_persons_own_decision_only(client, personas):
    mine = Discipline.objects.create(
        person=personas.member_a1, form="REPRIMAND", side="PARTY", decided_on=dt.date(2025, 3, 1),
        violation_year=2024,
    )  # fmt: skip
    other = Discipline.objects.create(
        person=personas.member_a2, form="REPRIMAND", side="PARTY", decided_on=dt.date(2025, 3, 1),
        violation_year=2024,
    )  # fmt: skip
    client.force_login(personas.district_a_officer)
    url = reverse("web:person_facts", args=[personas.member_a1.pk])
    assert client.post(url, {"form": "counted", "id": mine.pk, "counted": "1"}).status_code == 302
    assert Discipline.objects.get(pk=mine.pk).counted_before
    assert client.post(url, {"form": "counted", "id": other.pk, "counted": "1"}).status_code == 404
    assert not Discipline.objects.get(pk=other.pk).counted_before
    assert AuditEvent.objects.filter(action="registry.discipline.changed").count() == 1


@pytest.mark.parametrize(
    ("user", "status"),
    [("district_b_officer", 404), ("cell_a1_secretary", 403), ("cell_a1_member", 403)],
)
def test_who_may_not_record_is_refused_on_the_server(client, personas, user, status):
    client.force_login(getattr(personas, user))
    for url in (
        reverse("web:person_facts", args=[personas.member_a1.pk]),
        reverse("web:organization_facts", args=[personas.cell_a1.pk]),
    ):
        assert client.get(url).status_code == status
        assert client.post(url, {"form": "meeting", "meeting-held_on": "10/12/2025"}).status_code == status
    assert not ReviewMeeting.objects.exists()
    member_page = client.get(reverse("web:person", args=[personas.member_a1.pk])).content.decode()
    assert "thong-tin-danh-gia" not in member_page


def test_an_organizations_meeting_and_a_collectives_disunity_are_recorded(client, personas):
    client.force_login(personas.district_a_officer)
    org_page = client.get(reverse("web:organization", args=[personas.cell_a1.pk])).content.decode()
    url = reverse("web:organization_facts", args=[personas.cell_a1.pk])
    assert f'href="{url}"' in org_page
    assert client.post(url, {"form": "meeting", "meeting-held_on": "10/12/2025"}).status_code == 302
    again = client.post(url, {"form": "meeting", "meeting-held_on": "10/12/2025"})
    assert "Tổ chức đã có hội nghị kiểm điểm ngày này." in again.content.decode()
    data = {
        "form": "conclusion", "conclusion-about": personas.cell_committee.pk,
        "conclusion-concluded_on": "01/09/2025", "conclusion-note": "mất đoàn kết",
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    assert ReviewMeeting.objects.get().held_on == dt.date(2025, 12, 10)
    assert Conclusion.objects.get().collective == personas.cell_committee
    assert AuditEvent.objects.filter(action="registry.reviewmeeting.created").exists()
