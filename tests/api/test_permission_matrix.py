"""Every API endpoint × every role, inside and outside its subtree: the status code, and the personal-data
policy on person fields (conventions.md §4.1; docs/adr/0004-personal-data-policy.md), as
tests/security/test_export_matrix.py does for the downloads.

The place is the personas' province (tests/conftest.py). "Inside" roles are held at district_a, except the
cell secretary and the member (cell_a1, the member naming Lê Thị Cúc) and the standing committee
(commune_a1); "outside" roles at district_b / cell_b1. The objects asked for are cell_a1's (its page, its
collective, Lê Thị Cúc and her party-member subject of the open 2023 campaign), except ``person_a2``:
Đặng Văn Ân of cell_a2 (not the cell secretary's nor the member's to read).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

pytestmark = pytest.mark.django_db

ROLES = ("ADMIN", "ORG_COMMISSION", "COMMITTEE_OFFICER", "CELL_SECRETARY", "SUPERVISOR", "ADVISORY_AGENCY",
         "STANDING_COMMITTEE", "MEMBER")  # fmt: skip
COLUMNS = ("anon", "root", *[f"in:{r}" for r in ROLES], *[f"out:{r}" for r in ROLES])

# endpoint           method anon root | inside: ADM ORG COM SEC SUP ADV STC MEM | outside: the same roles
MATRIX = """
organization         GET    401  200    200 200 200 200 200 200 200 200    404 404 404 404 404 404 404 404
organizations        GET    401  200    200 200 200 200 200 200 200 200    200 200 200 200 200 200 200 200
subtree              GET    401  200    200 200 200 200 200 200 200 200    404 404 404 404 404 404 404 404
collectives          GET    401  200    200 200 200 200 200 200 200 200    404 404 404 404 404 404 404 404
collective           GET    401  200    200 200 200 200 200 200 200 200    404 404 404 404 404 404 404 404
people               GET    401  200    200 200 200 200 200 200 200 200    404 404 404 404 404 404 404 404
person_a1            GET    401  200    200 200 200 200 200 200 200 200    404 404 404 404 404 404 404 404
person_a2            GET    401  200    200 200 200 404 200 200 200 404    404 404 404 404 404 404 404 404
statuses_a2          GET    401  200    200 200 200 404 200 200 200 404    404 404 404 404 404 404 404 404
disciplines_a2       GET    401  200    200 200 200 404 200 200 200 404    404 404 404 404 404 404 404 404
meetings             GET    401  200    200 200 200 200 200 200 200 200    404 404 404 404 404 404 404 404
transfers_a2         GET    401  200    200 200 200 404 200 200 200 404    404 404 404 404 404 404 404 404
temporary_a2         GET    401  200    200 200 200 404 200 200 200 404    404 404 404 404 404 404 404 404
conclusions_a2       GET    401  200    200 200 200 404 200 200 200 404    404 404 404 404 404 404 404 404
conclusions_cell     GET    401  200    200 200 200 200 200 200 200 200    404 404 404 404 404 404 404 404
campaigns            GET    401  200    200 200 200 200 200 200 200 200    200 200 200 200 200 200 200 200
quarters             GET    401  200    200 200 200 200 200 200 200 200    200 200 200 200 200 200 200 200
campaign             GET    401  200    200 200 200 200 200 200 200 200    200 200 200 200 200 200 200 200
subjects             GET    401  200    200 200 200 200 200 200 200 200    404 404 404 404 404 404 404 404
subject              GET    401  200    200 200 200 200 200 200 200 200    404 404 404 404 404 404 404 404
ratings              GET    401  200    200 200 200 200 200 200 200 200    404 404 404 404 404 404 404 404
opinions             GET    401  200    200 200 200 200 200 200 200 200    404 404 404 404 404 404 404 404
review               GET    401  200    200 200 200 200 200 200 200 200    404 404 404 404 404 404 404 404
statistics           GET    401  200    200 200 200 200 200 200 200 403    404 404 404 404 404 404 404 404
import_people        POST   401  200    403 403 403 403 403 403 403 403    403 403 403 403 403 403 403 403
import_meetings      POST   401  200    403 403 403 403 403 403 403 403    403 403 403 403 403 403 403 403
import_transfers     POST   401  200    403 403 403 403 403 403 403 403    403 403 403 403 403 403 403 403
import_temporary     POST   401  200    403 403 403 403 403 403 403 403    403 403 403 403 403 403 403 403
import_conclusions   POST   401  200    403 403 403 403 403 403 403 403    403 403 403 403 403 403 403 403
review_save          PUT    401  200    403 403 403 403 403 403 403 200    404 404 404 404 404 404 404 404
opinion_cell         POST   401  201    403 403 403 201 403 403 403 403    404 404 404 404 404 404 404 404
propose              POST   401  201    403 403 201 201 403 403 403 403    404 404 404 404 404 404 404 404
"""
CCCD_A2, CCCD_A1, CARD_A2 = "087090001234", "087190004321", "08701234567"
SICK_NOTE, DISCIPLINE_NOTE = "Điều trị bệnh mạn tính", "Vi phạm quy định về đất đai"
CONCLUSION_NOTE = "Biểu hiện suy thoái về đạo đức, lối sống"
FULL_IDS = {"root", "in:ADMIN", "in:ORG_COMMISSION"}
MASKED_DETAILS = {"in:SUPERVISOR", "in:ADVISORY_AGENCY", "in:STANDING_COMMITTEE"}
TWELVE_DIGITS = re.compile(r"(?<!\d)\d{12}(?!\d)")


def _expected() -> dict[str, dict[str, int]]:
    """column → endpoint → status, from MATRIX."""
    table: dict[str, dict[str, int]] = {c: {} for c in COLUMNS}
    for line in MATRIX.strip().splitlines():
        name, _method, *codes = line.split()
        assert len(codes) == len(COLUMNS), name
        for column, code in zip(COLUMNS, codes, strict=True):
            table[column][name] = int(code)
    return table


EXPECTED = _expected()


@pytest.fixture
def world(personas):
    from xeploai.campaigns.models import Review, ReviewStatus, Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open
    from xeploai.registry.models import (
        Conclusion,
        Discipline,
        ReviewMeeting,
        StatusPeriod,
        TemporaryActivity,
        Transfer,
    )

    p = personas
    p.member_a2.party_card_number = CARD_A2
    p.member_a2.save()
    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=p.province)
    campaign_open(campaign=campaign)
    StatusPeriod.objects.create(
        person=p.member_a2,
        kind="SICK_LEAVE",
        start=dt.date(2023, 2, 1),
        end=dt.date(2023, 9, 1),
        note=SICK_NOTE,
    )
    Discipline.objects.create(
        person=p.member_a2,
        form="REPRIMAND",
        side="PARTY",
        decided_on=dt.date(2022, 5, 4),
        violation_year=2022,
        note=DISCIPLINE_NOTE,
    )
    _facts(p, Conclusion, ReviewMeeting, TemporaryActivity, Transfer)
    subject = Subject.objects.get(campaign=campaign, person=p.member_a1, subject_type="PARTY_MEMBER")
    Review.objects.create(subject=subject, author=p.cell_a1_member)
    cell = Subject.objects.get(campaign=campaign, organization=p.cell_a1)  # S-13: the cell's review first
    Review.objects.create(subject=cell, author=p.cell_a1_secretary, status=ReviewStatus.SUBMITTED)
    return p, campaign, subject


def _facts(p, Conclusion, ReviewMeeting, TemporaryActivity, Transfer) -> None:
    """The facts the rules need (S-04, R-16, R-17, R-33a, R-40a): Đặng Văn Ân's transfer, temporary
    activity and conclusion of degradation; cell_a1's review meeting and its committee's disunity."""
    a2 = p.member_a2
    Transfer.objects.create(person=a2, side="PARTY", moved_on=dt.date(2023, 7, 1), old_unit="Chi bộ Sở Y tế")
    TemporaryActivity.objects.create(person=a2, cell="Chi bộ Công ty X", start=dt.date(2023, 3, 1))
    Conclusion.objects.create(person=a2, concluded_on=dt.date(2023, 6, 20), note=CONCLUSION_NOTE)
    Conclusion.objects.create(
        collective=p.cell_committee, concluded_on=dt.date(2023, 6, 1), note="Mất đoàn kết"
    )
    ReviewMeeting.objects.create(organization=p.cell_a1, held_on=dt.date(2023, 12, 10))


FACT_ROWS = {
    "meetings": lambda p: {"organization": p.cell_a1.code, "held_on": "12/12/2023"},
    "transfers": lambda p: {
        "person": p.member_a1.code,
        "side": "STATE",
        "moved_on": "01/08/2023",
        "old_unit": "Sở Tài chính",
    },
    "temporary": lambda p: {"person": p.member_a1.code, "cell": "Chi bộ Công ty Y", "start": "01/04/2023"},
    "conclusions": lambda p: {
        "subject_kind": "PERSON",
        "subject": p.member_a1.code,
        "concluded_on": "02/10/2023",
    },
}


def call(api, name, world):
    p, campaign, subject = world
    s = f"/subjects/{subject.pk}"
    gets = {
        "organization": (f"/organizations/{p.cell_a1.pk}", {}),
        "organizations": ("/organizations", {}),
        "subtree": (f"/organizations/{p.cell_a1.pk}/subtree", {}),
        "collectives": ("/collectives", {"organization": p.cell_a1.pk}),
        "collective": (f"/collectives/{p.cell_committee.pk}", {}),
        "people": ("/people", {"organization": p.cell_a1.pk}),
        "person_a1": (f"/people/{p.member_a1.pk}", {}),
        "person_a2": (f"/people/{p.member_a2.pk}", {}),
        "statuses_a2": ("/statuses", {"person": p.member_a2.pk}),
        "disciplines_a2": ("/disciplines", {"person": p.member_a2.pk}),
        "meetings": ("/meetings", {"organization": p.cell_a1.pk}),
        "transfers_a2": ("/transfers", {"person": p.member_a2.pk}),
        "temporary_a2": ("/temporary", {"person": p.member_a2.pk}),
        "conclusions_a2": ("/conclusions", {"person": p.member_a2.pk}),
        "conclusions_cell": ("/conclusions", {"organization": p.cell_a1.pk}),
        "campaigns": ("/campaigns", {}),
        "quarters": ("/campaigns", {"year": 2023, "period": 0}),
        "campaign": (f"/campaigns/{campaign.pk}", {}),
        "subjects": (f"/campaigns/{campaign.pk}/subjects", {"organization": p.cell_a1.pk}),
        "subject": (s, {}),
        "ratings": (f"{s}/ratings", {}),
        "opinions": (f"{s}/opinions", {}),
        "review": (f"{s}/review", {}),
        "statistics": (f"/campaigns/{campaign.pk}/statistics", {"organization": p.cell_a1.pk}),
    }
    if name in gets:
        path, params = gets[name]
        return api.get(path, **params)
    if name == "import_people":
        row = {"code": "P-NEW", "full_name": "Võ Thị Sáu", "party_organization": p.cell_a1.code}
        return api.post("/people", {"rows": [row], "dry_run": True})
    if name.startswith("import_"):
        sheet = name.removeprefix("import_")
        return api.post(f"/{sheet}", {"rows": [FACT_ROWS[sheet](p)], "dry_run": True})
    if name == "review_save":
        return api.put(f"{s}/review", {"strengths": "Gương mẫu", "limitations": "Chưa chủ động"})
    if name == "opinion_cell":
        return api.post(f"{s}/opinions", {"source": "CELL_COMMITTEE", "text": "Chi ủy nhất trí"})
    version = subject.state_version
    return api.post(f"{s}/ratings", {"stage": "PROPOSED", "level": 2, "based_on_version": version})


@pytest.mark.parametrize("column", COLUMNS)
def test_every_endpoint_answers_each_role_as_the_pages_do(world, column_user, api_as, column):
    """One role: every endpoint in MATRIX order (reads first, the writes last), every mismatch reported."""
    api = api_as(column_user(column))
    readable = {CCCD_A1, CCCD_A2} if column in FULL_IDS else {CCCD_A1} if column == "in:MEMBER" else set()
    wrong = {}
    for name, expected in EXPECTED[column].items():
        response = call(api, name, world)
        body = response.content.decode()
        if response.status_code != expected:
            wrong[name] = (response.status_code, expected, body[:200])
        assert response["Content-Type"] == "application/json; charset=utf-8", name
        if response.status_code >= 400:
            assert response.json()["detail"], name  # a message in Vietnamese, never an empty error
        leaked = set(TWELVE_DIGITS.findall(body)) - readable
        assert not leaked, f"{name}: a full citizen ID reached a reader who sees it masked"
    assert not wrong, wrong


PERSON_COLUMNS = ["root", *[f"in:{r}" for r in ROLES if r not in ("CELL_SECRETARY", "MEMBER")]]


@pytest.mark.parametrize("column", PERSON_COLUMNS)
def test_person_fields_follow_the_personal_data_policy(world, column_user, api_as, column):
    p, _campaign, _subject = world
    api = api_as(column_user(column))
    person = api.get(f"/people/{p.member_a2.pk}").json()
    status = api.get("/statuses", person=p.member_a2.pk).json()["items"][0]
    discipline = api.get("/disciplines", person=p.member_a2.pk).json()["items"][0]
    listed = api.get("/people", organization=p.cell_a2.pk).json()["items"]
    assert [x["citizen_id"] for x in listed] == [person["citizen_id"]]  # lists mask as the detail does
    if column in FULL_IDS:
        assert (person["citizen_id"], person["party_card_number"]) == (CCCD_A2, CARD_A2)
    else:
        assert person["citizen_id"] == "••••••••1234"
        assert person["party_card_number"] == "•••••••4567"
    conclusion = api.get("/conclusions", person=p.member_a2.pk).json()["items"]
    assert [c["concluded_on"] for c in conclusion] == ["2023-06-20"]  # listed: the policy shows discipline
    if column in MASKED_DETAILS:
        assert person["birth_date"] == "1990"
        assert (status["note"], discipline["note"], conclusion[0]["note"]) == (None, None, None)
    else:
        assert person["birth_date"] == "1990-03-02"
        notes = (status["note"], discipline["note"], conclusion[0]["note"])
        assert notes == (SICK_NOTE, DISCIPLINE_NOTE, CONCLUSION_NOTE)


def test_a_member_reads_only_their_own_person(world, api_as):
    p, _campaign, _subject = world
    api = api_as(p.cell_a1_member)
    people = api.get("/people").json()
    assert [x["full_name"] for x in people["items"]] == ["Lê Thị Cúc"]
    assert people["items"][0]["citizen_id"] == CCCD_A1  # their own: in full
    assert api.get("/statuses").json()["items"] == []  # Đặng Văn Ân's sick leave is not theirs to read
    # nor his transfer, his temporary activity or the conclusion on him; their cell's collective's is shown
    assert api.get("/transfers").json()["items"] == []
    assert api.get("/temporary").json()["items"] == []
    listed = api.get("/conclusions").json()["items"]
    assert [(c["person_id"], c["collective_id"]) for c in listed] == [(None, p.cell_committee.pk)]


def test_a_cell_secretary_lists_only_their_cells_facts(world, api_as):
    """Without a filter, the lists hold the facts of the user's subtree only (S-04, R-16, R-17, R-33a)."""
    p, _campaign, _subject = world
    api = api_as(p.cell_a1_secretary)
    assert [m["organization_id"] for m in api.get("/meetings").json()["items"]] == [p.cell_a1.pk]
    assert api.get("/transfers").json()["count"] == 0  # Đặng Văn Ân is cell_a2's
    assert all(c["person_id"] is None for c in api.get("/conclusions").json()["items"])
    officer = api_as(p.district_a_officer)
    assert [t["old_unit"] for t in officer.get("/transfers").json()["items"]] == ["Chi bộ Sở Y tế"]
    assert officer.get("/conclusions").json()["count"] == 2
