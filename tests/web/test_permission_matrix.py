"""Permission matrix of the campaign pages: each page and action × each role, inside and outside its subtree.

The subject is the party member Lê Thị Cúc of Chi bộ ấp 1 (cell_a1 ⊂ commune_a1 ⊂ district_a ⊂ province);
organization pages are those of cell_a1; the campaign is the province's 2023 campaign. "Inside" roles are
held at district_a, except the cell secretary and the member (cell_a1, the member naming herself) and the
standing committee (commune_a1, the competent level, R-86). "Outside" roles are held at district_b / cell_b1.

POST actions send an empty form: a user allowed to act gets the page back with the form's errors (200) or a
redirect (302) for the actions that always redirect; a user who sees the object but may not act gets 403;
a user who cannot see it gets 404; an anonymous visitor is sent to the login page (302).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = ("ADMIN", "ORG_COMMISSION", "COMMITTEE_OFFICER", "CELL_SECRETARY", "SUPERVISOR", "ADVISORY_AGENCY",
         "STANDING_COMMITTEE", "MEMBER")  # fmt: skip
COLUMNS = ("anon", "root", *[f"in:{r}" for r in ROLES], *[f"out:{r}" for r in ROLES])

# action  method  anon  root | inside: ADM ORG COM SEC SUP ADV STC MEM | outside: the same roles
MATRIX = """
campaign_list        GET    302  200    200 200 200 200 200 200 200 200    200 200 200 200 200 200 200 200
campaign_create      GET    302  200    200 200 403 403 403 403 403 403    200 200 403 403 403 403 403 403
campaign_detail      GET    302  200    200 200 200 200 200 200 200 200    200 200 200 200 200 200 200 200
deadlines            POST   302  302    403 403 403 403 403 403 403 403    403 403 403 403 403 403 403 403
open                 POST   302  302    403 403 403 403 403 403 403 403    403 403 403 403 403 403 403 403
organization         GET    302  200    200 200 200 200 200 200 200 403    404 404 404 404 404 404 404 404
quota                GET    302  200    200 200 200 200 200 200 200 403    404 404 404 404 404 404 404 404
publish              GET    302  200    403 403 403 403 403 403 200 403    404 404 404 404 404 404 404 404
publish              POST   302  200    403 403 403 403 403 403 200 403    404 404 404 404 404 404 404 404
dashboard            GET    302  200    200 200 200 200 200 200 200 403    404 404 404 404 404 404 404 404
subject              GET    302  200    200 200 200 200 200 200 200 200    404 404 404 404 404 404 404 404
override             POST   302  302    302 302 302 403 403 403 403 403    404 404 404 404 404 404 404 404
review_save          POST   302  200    403 403 403 403 403 403 403 200    404 404 404 404 404 404 404 404
review_submit        POST   302  200    403 403 403 403 403 403 403 200    404 404 404 404 404 404 404 404
evidence_add         POST   302  200    403 403 403 403 403 403 403 200    404 404 404 404 404 404 404 404
opinion_add          POST   302  200    403 403 200 200 200 200 403 403    404 404 404 404 404 404 404 404
ballot               POST   302  200    403 403 200 200 403 403 403 403    404 404 404 404 404 404 404 404
propose              POST   302  200    403 403 200 200 403 403 403 403    404 404 404 404 404 404 404 404
allowed_level        GET    302  200    403 403 200 200 403 403 403 403    404 404 404 404 404 404 404 404
appraise             POST   302  200    403 200 403 403 403 403 403 403    404 404 404 404 404 404 404 404
decide               POST   302  200    403 403 403 403 403 403 200 403    404 404 404 404 404 404 404 404
appeal_lodge         POST   302  200    403 403 403 403 403 403 403 200    404 404 404 404 404 404 404 404
"""


def _cases():
    for line in MATRIX.strip().splitlines():
        action, method, *codes = line.split()
        assert len(codes) == len(COLUMNS), action
        for column, code in zip(COLUMNS, codes, strict=True):
            yield pytest.param(action, method, column, int(code), id=f"{action}-{column}")


@pytest.fixture
def world(personas):
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=personas.province)
    campaign_open(campaign=campaign)
    member = Subject.objects.get(campaign=campaign, person=personas.member_a1, subject_type="PARTY_MEMBER")
    return personas, campaign, member




def _url(action, personas, campaign, member):
    cell = personas.cell_a1.pk
    by_campaign = {"campaign_detail", "deadlines", "open"}
    by_org = {"organization", "quota", "publish", "dashboard"}
    if action in ("campaign_list", "campaign_create"):
        return reverse(f"campaigns:{action.removeprefix('campaign_').replace('create', 'create')}")
    if action in by_campaign:
        return reverse(
            "campaigns:" + ("detail" if action == "campaign_detail" else action), args=[campaign.pk]
        )
    if action in by_org:
        return reverse(f"campaigns:{action}", args=[campaign.pk, cell])
    return reverse(f"campaigns:{action}", args=[member.pk])


@pytest.mark.parametrize(("action", "method", "column", "expected"), list(_cases()))
def test_permission_matrix(world, client, column_user, action, method, column, expected):
    personas, campaign, member = world
    user = column_user(column)
    if user is not None:
        client.force_login(user)
    url = _url(action, personas, campaign, member)
    if action == "campaign_list":
        url = reverse("campaigns:list")
    if method == "GET":
        params = {"stage": "PROPOSED", "level": "2"} if action == "allowed_level" else {}
        response = client.get(url, params)
    else:
        response = client.post(url, {})
    assert response.status_code == expected
