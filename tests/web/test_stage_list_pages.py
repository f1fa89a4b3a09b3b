"""The list pages of a unit at one stage (issue 12 item 2) through the test client: reached from the home
page and the organization page, permissions (outside the subtree 404, wrong role 403, a member refused),
the live quota fragment (htmx) and the save with its quota refusal (R-50), then accepted when justified.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(personas):
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    P = personas
    P.campaign = campaign_create(year=2023, ruleset="kh181-2023", root=P.province)
    campaign_open(campaign=P.campaign)
    P.member = Subject.objects.get(campaign=P.campaign, person=P.member_a1, subject_type="PARTY_MEMBER")
    P.secretary = Subject.objects.get(campaign=P.campaign, person=P.secretary_a1, subject_type="PARTY_MEMBER")
    return P


def list_url(site, org, slug="de-xuat"):
    return reverse("campaigns:stage_list", args=[site.campaign.pk, org.pk, slug])


def posted(site, levels, texts=None):
    """The form as the page sends it: every row's version, level (empty: not chosen) and justification."""
    from xeploai.campaigns.list_ratings import list_rows

    rows, _t = list_rows(
        user=site.cell_a1_secretary, campaign=site.campaign, root=site.cell_a1, stage="PROPOSED"
    )
    data = {}
    for r in rows:
        pk = r.subject.pk
        data[f"version-{pk}"] = str(r.version)
        data[f"level-{pk}"] = str(levels.get(pk, ""))
        data[f"justification-{pk}"] = (texts or {}).get(pk, "")
    return data


def test_the_secretary_reaches_the_list_from_home_and_from_the_organization_page(site, client):
    client.force_login(site.cell_a1_secretary)
    url = list_url(site, site.cell_a1)
    assert url in client.get(reverse("web:home")).content.decode()
    org_page = client.get(reverse("campaigns:organization", args=[site.campaign.pk, site.cell_a1.pk]))
    assert url in org_page.content.decode()
    assert list_url(site, site.cell_a1, "quyet-dinh") not in org_page.content.decode()  # not theirs
    page = client.get(url).content.decode()
    assert f'id="level-{site.member.pk}"' in page
    assert "Lê Thị Cúc" in page
    # No default: the empty choice is the one selected (nothing else carries "selected").
    select = page.split(f'id="level-{site.member.pk}"')[1].split("</select>")[0]
    assert '<option value="">' in select
    assert "selected" not in select


def test_outside_the_subtree_wrong_role_or_a_member_is_refused(site, client):
    client.force_login(site.district_b_officer)
    assert client.get(list_url(site, site.cell_a1)).status_code == 404  # another district's cell
    client.force_login(site.cell_a1_secretary)
    assert client.get(list_url(site, site.cell_b1)).status_code == 404
    assert client.get(list_url(site, site.cell_a1, "quyet-dinh")).status_code == 403
    assert client.post(list_url(site, site.cell_a1, "tham-dinh"), {}).status_code == 403
    client.force_login(site.cell_a1_member)
    assert client.get(list_url(site, site.cell_a1)).status_code in (403, 404)
    assert client.post(list_url(site, site.cell_a1), posted(site, {site.member.pk: 2})).status_code in (
        403,
        404,
    )
    from xeploai.campaigns.models import Rating

    assert not Rating.objects.exists()


def test_the_quota_is_recomputed_live_and_marks_the_justification_required(site, client):
    client.force_login(site.cell_a1_secretary)
    check = reverse("campaigns:stage_list_check", args=[site.campaign.pk, site.cell_a1.pk, "de-xuat"])
    html = client.post(check, posted(site, {site.member.pk: 3}), HTTP_HX_REQUEST="true").content.decode()
    assert "tối đa 0 hoàn thành xuất sắc" in html
    assert "vượt 1" in html
    assert "R-50" in html
    row = html.split(f'id="row-state-{site.member.pk}"')[1].split("</td>")[0]
    assert 'hx-swap-oob="true"' in row
    assert " required" in row
    html = client.post(check, posted(site, {site.member.pk: 2}), HTTP_HX_REQUEST="true").content.decode()
    assert "vượt" not in html.split("</section>")[0]


def test_saving_the_list_refused_over_quota_then_accepted_with_the_justification(site, client):
    from xeploai.campaigns.models import Rating

    client.force_login(site.cell_a1_secretary)
    url = list_url(site, site.cell_a1)
    page = client.post(url, posted(site, {site.member.pk: 3, site.secretary.pk: 2}))
    assert page.status_code == 200
    assert "Danh sách chưa được ghi" in page.content.decode()
    assert not Rating.objects.exists()
    data = posted(site, {site.member.pk: 3, site.secretary.pk: 2}, {site.member.pk: "Thành tích đột xuất."})
    done = client.post(url, data)
    assert done.status_code == 302
    assert dict(Rating.objects.values_list("subject_id", "level")) == {
        site.member.pk: 3,
        site.secretary.pk: 2,
    }


def test_a_full_list_fits_in_one_post(site, client, settings):
    """A list of LIST_LIMIT rows posts three fields a row in one form: the check and the save accept it
    (Django's default of 1,000 fields refused a district's 500 rows with a bare 400)."""
    from xeploai.campaigns.list_ratings import LIST_LIMIT

    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS >= 3 * LIST_LIMIT + 10
    client.force_login(site.cell_a1_secretary)
    data = posted(site, {site.member.pk: 2})
    data.update({f"version-{n}": "1" for n in range(10**6, 10**6 + LIST_LIMIT - 2)})  # rows not on the page
    data.update({f"level-{n}": "" for n in range(10**6, 10**6 + LIST_LIMIT - 2)})
    data.update({f"justification-{n}": "" for n in range(10**6, 10**6 + LIST_LIMIT - 2)})
    check = reverse("campaigns:stage_list_check", args=[site.campaign.pk, site.cell_a1.pk, "de-xuat"])
    assert len(data) > 1000
    assert client.post(check, data).status_code == 200


def _grow(site, cells: int, people: int) -> None:
    """Add cells with members under commune A1 (the cell's grassroots organization: R-50) and under
    district B, and members to cell A1 itself; open the campaign again."""
    from datetime import date

    from xeploai.campaigns.opening import campaign_open
    from xeploai.registry.models import Organization, OrganizationKind, Person, Tier

    parents = [site.commune_a1, site.district_b]
    for c in range(cells):
        cell = Organization.objects.create(
            code=f"T.G{c}",
            name=f"Chi bộ G{c}",
            parent=parents[c % 2],
            kind=OrganizationKind.CELL,
            tier=Tier.BELOW_GRASSROOTS,
        )
        for i in range(people):
            Person.objects.create(
                code=f"G{c}-{i}",
                full_name=f"Nguyễn Văn Giang {c} {i}",
                party_organization=cell,
                admitted_on=date(2015, 1, 1),
            )
    for i in range(cells):
        Person.objects.create(
            code=f"A1-{i}",
            full_name=f"Trần Thị Hoa {i}",
            party_organization=site.cell_a1,
            admitted_on=date(2015, 1, 1),
        )
    campaign_open(campaign=site.campaign)


@pytest.mark.parametrize("size", [0, 10])
def test_the_cell_list_reads_its_scope_in_a_constant_number_of_queries(
    site, client, django_assert_max_num_queries, size
):
    """The list page and its quota check (R-50 across the cell's grassroots organization) read the cell's
    scoped inputs, not the province: the same number of queries with 0 or 10 more cells and members."""
    _grow(site, size, 6)
    client.force_login(site.cell_a1_secretary)
    check = reverse("campaigns:stage_list_check", args=[site.campaign.pk, site.cell_a1.pk, "de-xuat"])
    # Measured on 0 and 10 more cells (32 and 34 both times): session, user and roles, the campaign and
    # the unit, the rows and their ratings, the scoped read (organizations, subjects, peers, people,
    # collectives, memberships, references, statuses, disciplines, recorded facts, ratings), the session.
    with django_assert_max_num_queries(32):
        assert client.get(list_url(site, site.cell_a1)).status_code == 200
    with django_assert_max_num_queries(34):
        assert client.post(check, posted(site, {site.member.pk: 3})).status_code == 200
