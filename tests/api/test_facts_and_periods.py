"""The API follows quarters (R-100) and the facts the rules need (issue 13 item 6): campaigns carry their
period, are filtered by it; the registry reads and writes a person's start of work (R-25) and unit led
(R-66), a discipline counted in an earlier year (R-33d, R-76), review meetings (S-04), transfers (R-16,
R-28), temporary activity (R-17) and conclusions (R-33a, R-40a) through the workbook import's services,
all-or-nothing per request."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_and_quarter(personas):
    from xeploai.campaigns.opening import campaign_create

    year = campaign_create(year=2026, ruleset="qd366-2025", root=personas.province)
    q2 = campaign_create(year=2026, quarter=2, ruleset="qd366-2025", root=personas.province)
    return year, q2


def test_r_100_campaigns_carry_their_period_and_are_filtered_by_it(personas, year_and_quarter, api_as):
    year, q2 = year_and_quarter
    api = api_as(personas.district_a_officer)
    quarters = api.get("/campaigns", year=2026, period=2).json()
    assert [c["id"] for c in quarters["items"]] == [q2.pk]
    found = api.get(f"/campaigns/{q2.pk}").json()
    assert (found["period"], found["period_label"]) == (2, "quý II năm 2026")
    assert (found["period_start"], found["period_end"]) == ("2026-04-01", "2026-06-30")
    yearly = api.get("/campaigns", year=2026, period=0).json()["items"]
    assert [(c["id"], c["period_end"]) for c in yearly] == [(year.pk, "2026-12-31")]
    assert {c["id"] for c in api.get("/campaigns", year=2026).json()["items"]} == {year.pk, q2.pk}
    wrong = api.get("/campaigns", period=5)
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "period"


def test_r_25_r_66_start_of_work_and_unit_led_written_and_read(personas, api_as):
    p = personas
    api = api_as(p.superuser)
    row = {
        "code": p.member_a2.code,
        "full_name": p.member_a2.full_name,
        "party_organization": p.cell_a2.code,
        "employed_from": "01/03/2026",
        "led_unit": p.cell_a2.code,
    }
    done = api.post("/people", {"rows": [row]})
    assert done.status_code == 200, done.content
    assert done.json()["updated"]["Ca_nhan"] == 1
    read = api_as(p.district_a_officer).get(f"/people/{p.member_a2.pk}").json()
    assert (read["employed_from"], read["led_unit_id"]) == ("2026-03-01", p.cell_a2.pk)


def test_r_33d_a_discipline_counted_before_is_written_and_read(personas, api_as):
    p = personas
    row = {
        "subject_kind": "PERSON",
        "subject": p.member_a2.code,
        "form": "REPRIMAND",
        "side": "PARTY",
        "decided_on": "10/02/2026",
        "violation_year": 2024,
        "violation_ref": "VP-2024-07",
        "counted_before": "x",
    }
    done = api_as(p.superuser).post("/disciplines", {"rows": [row]})
    assert done.status_code == 200, done.content
    listed = api_as(p.district_a_officer).get("/disciplines", person=p.member_a2.pk).json()["items"]
    assert [(d["violation_ref"], d["counted_before"]) for d in listed] == [("VP-2024-07", True)]


def test_the_four_fact_sheets_are_written_through_the_import_and_read_back(personas, api_as):
    from xeploai.audit.models import AuditEvent

    p = personas
    api = api_as(p.superuser)
    writes = {
        "meetings": {"organization": p.cell_a1.code, "held_on": "10/12/2025"},
        "transfers": {
            "person": p.member_a1.code,
            "side": "Chuyển sinh hoạt đảng",
            "moved_on": "01/07/2025",
            "old_unit": "Chi bộ Sở Tài chính",
            "comment_received": "x",
        },
        "temporary": {"person": p.member_a1.code, "cell": "Chi bộ Công ty X", "start": "01/03/2025"},
        "conclusions": {
            "subject_kind": "Tập thể",
            "subject": p.cell_committee.code,
            "concluded_on": "20/06/2025",
        },
    }
    for path, row in writes.items():
        done = api.post(f"/{path}", {"rows": [row]})
        assert done.status_code == 200, (path, done.content)
        assert sum(done.json()["created"].values()) == 1, path
    officer = api_as(p.district_a_officer)
    meeting = officer.get("/meetings", organization=p.cell_a1.pk).json()["items"]
    assert [m["held_on"] for m in meeting] == ["2025-12-10"]
    transfer = officer.get("/transfers", person=p.member_a1.pk).json()["items"]
    assert [(t["side"], t["old_unit"], t["comment_received"]) for t in transfer] == [
        ("PARTY", "Chi bộ Sở Tài chính", True)
    ]
    assert officer.get("/temporary", person=p.member_a1.pk).json()["items"][0]["start"] == "2025-03-01"
    conclusion = officer.get("/conclusions", organization=p.cell_a1.pk).json()["items"]
    assert [(c["collective_id"], c["concluded_on"]) for c in conclusion] == [
        (p.cell_committee.pk, "2025-06-20")
    ]
    assert AuditEvent.objects.filter(action="api.write", actor_id=p.superuser.pk).count() == len(writes)


def test_a_bad_fact_row_refuses_the_whole_request_naming_the_place(personas, api_as):
    from xeploai.registry.models import TemporaryActivity

    p = personas
    rows = [
        {"person": p.member_a1.code, "cell": "Chi bộ Công ty X", "start": "01/03/2025"},
        {"person": p.member_a1.code, "cell": "Chi bộ Công ty Y", "start": "01/05/2025", "end": "01/04/2025"},
    ]
    refused = api_as(p.superuser).post("/temporary", {"rows": rows})
    assert refused.status_code == 422
    errors = refused.json()["errors"]
    assert [(e["sheet"], e["row"]) for e in errors] == [("temporary", 1)]
    assert errors[0]["message"]
    assert not TemporaryActivity.objects.exists()  # all-or-nothing: the good row is not written either


def test_fact_writes_need_the_workbook_import_permission(personas, api_as):
    from xeploai.registry.models import ReviewMeeting

    row = {"organization": personas.cell_a1.code, "held_on": dt.date(2025, 12, 10).strftime("%d/%m/%Y")}
    refused = api_as(personas.district_a_officer).post("/meetings", {"rows": [row]})
    assert refused.status_code == 403
    assert refused.json()["detail"]
    assert not ReviewMeeting.objects.exists()
