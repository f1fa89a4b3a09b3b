"""Registry pages: permissions by persona, tree counts, organization and person pages, search, i18n."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from xeploai.registry import selectors
from xeploai.registry.models import Organization, OrganizationKind, Person, Tier

HTMX = {"HTTP_HX_REQUEST": "true"}


def url_for(personas, page: str, target: str) -> str:
    if page == "organization":
        return reverse("web:organization", args=[getattr(personas, target).pk])
    if page == "person":
        return reverse("web:person", args=[getattr(personas, target).pk])
    if page == "tree_children":
        return reverse("web:tree") + f"?parent={getattr(personas, target).pk}"
    return reverse(f"web:{page}")


ALL_PAGES = [("home", ""), ("tree", ""), ("search", ""), ("organization", "cell_a1"), ("person", "member_a1"),
             ("tree_children", "commune_a1")]


@pytest.mark.parametrize(("page", "target"), ALL_PAGES)
def test_anonymous_is_sent_to_login(client, personas, page, target):
    url = url_for(personas, page, target)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# (user, page, target, expected status): inside the subtree → 200, outside → 404.
MATRIX = [
    ("superuser", "organization", "district_b", 200),
    ("province_officer", "organization", "cell_b1", 200),
    ("district_a_officer", "organization", "cell_a2", 200),
    ("district_a_officer", "organization", "district_b", 404),
    ("district_a_officer", "organization", "province", 404),
    ("cell_a1_secretary", "organization", "cell_a1", 200),
    ("cell_a1_secretary", "organization", "cell_a2", 404),
    ("cell_a1_member", "organization", "cell_a1", 200),
    ("cell_a1_member", "organization", "commune_a1", 404),
    ("district_b_officer", "organization", "cell_a1", 404),
    ("province_officer", "person", "member_a2", 200),
    ("district_a_officer", "person", "member_a2", 200),
    ("district_a_officer", "person", "staff_a", 200),
    ("district_a_officer", "person", "teacher_b1", 404),
    ("cell_a1_secretary", "person", "member_a1", 200),
    ("cell_a1_secretary", "person", "member_a2", 404),
    ("cell_a1_member", "person", "member_a1", 200),
    ("cell_a1_member", "person", "secretary_a1", 404),
    ("district_b_officer", "person", "member_a1", 404),
    ("district_a_officer", "tree_children", "commune_a1", 200),
    ("district_b_officer", "tree_children", "commune_a1", 404),
]


@pytest.mark.parametrize(("who", "page", "target", "status"), MATRIX)
def test_permission_matrix(client, personas, who, page, target, status):
    client.force_login(getattr(personas, who))
    assert client.get(url_for(personas, page, target)).status_code == status


@pytest.mark.parametrize("who", ["superuser", "province_officer", "district_a_officer", "cell_a1_secretary",
                                 "cell_a1_member", "district_b_officer"])
@pytest.mark.parametrize("page", ["home", "tree", "search"])
def test_list_pages_open_for_every_role(client, personas, who, page):
    client.force_login(getattr(personas, who))
    assert client.get(url_for(personas, page, "")).status_code == 200


def test_bad_parent_parameter_is_not_found(client, personas):
    client.force_login(personas.superuser)
    assert client.get(reverse("web:tree") + "?parent=abc").status_code == 404


def row_counts(html: str, name: str) -> list[int]:
    """The four count cells of the tree row showing ``name``."""
    row = re.search(r"<tr data-path[^>]*>(?:(?!</tr>).)*?>" + re.escape(name) + r"</a>(.*?)</tr>", html, re.S)
    assert row, f"no row for {name}"
    return [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', row.group(1))]


def test_tree_starts_at_the_users_root_with_subtree_counts(client, personas):
    client.force_login(personas.district_a_officer)
    html = client.get(reverse("web:tree")).content.decode()
    assert "Đảng bộ tỉnh Thử Nghiệm" not in html
    assert "Đảng bộ huyện B" not in html
    # district A: 5 organizations, 3 party members, 4 people (member_a2 is in a cell and at the UBND:
    # counted once), 1 collective.
    assert row_counts(html, "Đảng bộ huyện A") == [5, 3, 4, 1]
    assert "Đảng bộ cấp huyện và tương đương" in html  # kind in Vietnamese
    assert "Cấp huyện và tương đương" in html  # tier in Vietnamese


def test_tree_expands_children_as_an_htmx_fragment(client, personas):
    client.force_login(personas.province_officer)
    url = reverse("web:tree") + f"?parent={personas.province.pk}"
    fragment = client.get(url, **HTMX).content.decode()
    assert "<html" not in fragment
    assert row_counts(fragment, "Đảng bộ huyện A") == [5, 3, 4, 1]
    assert row_counts(fragment, "Đảng bộ huyện B") == [2, 1, 1, 0]
    assert "Chi bộ ấp 1" not in fragment  # grandchildren come on the next click
    page = client.get(url).content.decode()  # without htmx: the same rows in the full page
    assert "<html" in page
    assert row_counts(page, "Đảng bộ huyện B") == [2, 1, 1, 0]


def test_counts_match_a_per_node_count(personas):
    """The grouped counts equal the obvious count done node by node."""
    nodes = list(Organization.objects.all())
    counts = selectors.subtree_counts(nodes)
    for node in nodes:
        sub = Organization.objects.subtree(node)
        people = Person.objects.filter(party_organization__in=sub) | Person.objects.filter(workplace__in=sub)
        assert counts[node.pk].organizations == sub.count()
        assert counts[node.pk].people == people.distinct().count()
        assert counts[node.pk].party_members == Person.objects.filter(
            party_organization__in=sub, admitted_on__isnull=False
        ).count()


def crumbs(html: str) -> str:
    return re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)


def test_organization_page_breadcrumbs_stop_at_the_users_root(client, personas):
    client.force_login(personas.district_a_officer)
    html = client.get(url_for(personas, "organization", "cell_a1")).content.decode()
    trail = crumbs(html)
    assert "Đảng bộ huyện A" in trail
    assert "Đảng bộ xã A1" in trail
    assert "Đảng bộ tỉnh Thử Nghiệm" not in trail
    client.force_login(personas.superuser)
    html = client.get(url_for(personas, "organization", "cell_a1")).content.decode()
    assert "Đảng bộ tỉnh Thử Nghiệm" in crumbs(html)


def test_organization_page_shows_collective_members_and_people(client, personas):
    client.force_login(personas.cell_a1_secretary)
    html = client.get(url_for(personas, "organization", "cell_a1")).content.decode()
    assert "Chi ủy Chi bộ ấp 1" in html
    assert "Phó Bí thư" in html
    assert "Người đứng đầu" in html
    assert "01/08/2020" in html  # dates as dd/mm/yyyy
    assert html.index("Lê Thị Cúc") < html.index("Trần Văn Bình", html.index("Đảng viên và người công tác"))


def test_member_sees_the_cell_but_only_themselves_among_its_people(client, personas):
    client.force_login(personas.cell_a1_member)
    html = client.get(url_for(personas, "organization", "cell_a1")).content.decode()
    people = html[html.index('id="ca-nhan"'):]
    assert "Lê Thị Cúc" in people
    assert "Trần Văn Bình" not in people
    assert reverse("web:person", args=[personas.secretary_a1.pk]) not in html  # no link to a hidden page


NAMES_IN_ORDER = ["Nguyễn Văn An", "Lê Thị Anh", "Trần Thị Ân", "Lê Bình", "Trần Văn Bình", "Phạm Thị Dung",
                  "Lê Văn Dũng", "Đặng Văn Đạt", "Hồ Thị Hà", "Nguyễn Thị Hạ"]


def test_organization_people_sorted_the_vietnamese_way_and_paginated(client, personas, monkeypatch):
    from xeploai.web.views import registry as views

    cell = personas.cell_a2
    Person.objects.filter(party_organization=cell).delete()
    for i, name in enumerate(reversed(NAMES_IN_ORDER)):
        Person.objects.create(code=f"S{i}", full_name=name, party_organization=cell)
    monkeypatch.setattr(views, "PEOPLE_PER_PAGE", 4)
    client.force_login(personas.district_a_officer)
    seen = []
    for page in (1, 2, 3):
        html = client.get(url_for(personas, "organization", "cell_a2") + f"?page={page}").content.decode()
        html = html[html.index('id="ca-nhan"'):]
        seen += re.findall(r'<a href="/ca-nhan/\d+/">([^<]+)</a>', html)
    assert seen == NAMES_IN_ORDER


def test_person_page_masks_citizen_id_for_a_district_officer(client, personas):
    client.force_login(personas.district_a_officer)
    html = client.get(url_for(personas, "person", "member_a2")).content.decode()
    assert "••••••••1234" in html
    assert "087090001234" not in html
    assert "Chi bộ ấp 2" in html
    assert "Ủy ban nhân dân huyện A" in html
    assert "02/03/1990" in html


def test_person_page_shows_full_citizen_id_to_the_org_commission(client, personas):
    client.force_login(personas.province_officer)
    html = client.get(url_for(personas, "person", "member_a2")).content.decode()
    assert "087090001234" in html


def test_person_page_lists_statuses_discipline_and_memberships(client, personas):
    from datetime import date

    from xeploai.registry.models import Discipline, DisciplineForm, DisciplineSide, StatusKind, StatusPeriod

    person = personas.secretary_a1
    StatusPeriod.objects.create(person=person, kind=StatusKind.SICK_LEAVE, start=date(2023, 3, 1),
                                end=date(2023, 7, 31))
    Discipline.objects.create(person=person, form=DisciplineForm.REPRIMAND, side=DisciplineSide.PARTY,
                              decided_on=date(2023, 9, 12), violation_year=2023)
    client.force_login(personas.cell_a1_secretary)
    html = client.get(url_for(personas, "person", "secretary_a1")).content.decode()
    assert "Nghỉ ốm" in html
    assert "01/03/2023" in html
    assert "Khiển trách" in html
    assert "Kỷ luật đảng" in html
    assert "Chi ủy Chi bộ ấp 1" in html


def search(client, q: str, **extra) -> str:
    return client.get(reverse("web:search"), {"q": q}, **extra).content.decode()


def test_search_ignores_diacritics_case_and_d_stroke(client, personas):
    client.force_login(personas.province_officer)
    assert "Nguyễn Văn An" in search(client, "nguyen van an")
    assert "Đặng Văn Ân" in search(client, "dang")
    assert "Đặng Văn Ân" in search(client, "ĐẶNG VĂN ÂN")
    assert "Đặng Văn Ân" in search(client, "an dang")  # words in any order
    assert "Đảng bộ huyện B" in search(client, "dang bo huyen b")


def test_search_words_start_words_and_exact_names_come_first(client, personas):
    for i, name in enumerate(["Nguyễn Văn Anh", "Nguyễn Văn Bình", "Lê Văn An"]):
        Person.objects.create(code=f"W{i}", full_name=name, party_organization=personas.cell_b1)
    client.force_login(personas.district_b_officer)
    found = re.findall(r'<a href="/ca-nhan/\d+/">([^<]+)</a>', search(client, "nguyen van an"))
    assert found == ["Nguyễn Văn An", "Nguyễn Văn Anh"]  # "an" is not matched inside "văn"
    found = re.findall(r'<a href="/ca-nhan/\d+/">([^<]+)</a>', search(client, "an"))
    assert found == ["Lê Văn An", "Nguyễn Văn An", "Nguyễn Văn Anh"]


def test_search_only_inside_the_users_subtree(client, personas):
    client.force_login(personas.district_a_officer)
    html = search(client, "nguyen van an")
    assert "Nguyễn Văn An" not in html  # in district B
    assert "Không tìm thấy" in html


def test_search_by_code_and_full_citizen_id_only(client, personas):
    client.force_login(personas.province_officer)
    assert "Đặng Văn Ân" in search(client, "p-mem-a2")
    assert "Đặng Văn Ân" in search(client, "087090001234")
    assert "Đặng Văn Ân" not in search(client, "1234")  # no guessing citizen IDs by their tail
    assert "Chi bộ ấp 1" in search(client, "T.A.X1.C1")


def test_search_sorted_the_vietnamese_way(client, personas):
    for i, name in enumerate(["Trần Thị Hạ", "Lê Thị Hà", "Võ Văn Hà"]):
        Person.objects.create(code=f"H{i}", full_name=name, party_organization=personas.cell_a1)
    client.force_login(personas.cell_a1_secretary)
    html = search(client, "ha")
    found = re.findall(r'<a href="/ca-nhan/\d+/">([^<]+)</a>', html)
    assert found == ["Lê Thị Hà", "Võ Văn Hà", "Trần Thị Hạ"]


def test_search_pages_its_results_with_counts(client, personas, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_LIMIT", 2)
    for i in range(3):
        Person.objects.create(code=f"X{i}", full_name=f"Nguyễn Văn Tư {i}",
                              party_organization=personas.cell_a1)
    client.force_login(personas.superuser)
    html = search(client, "tu")
    assert len(re.findall(r'<a href="/ca-nhan/', html)) == 2
    assert "Hiển thị 1–2 trên 3" in html
    html = client.get(reverse("web:search"), {"q": "tu", "page": "2"}).content.decode()
    assert re.findall(r'<a href="/ca-nhan/\d+/">([^<]+)</a>', html) == ["Nguyễn Văn Tư 2"]
    assert "Hiển thị 3–3 trên 3" in html


def test_live_search_returns_the_fragment(client, personas):
    client.force_login(personas.province_officer)
    html = search(client, "dang van", **HTMX)
    assert "<html" not in html
    assert "Đặng Văn Ân" in html


def grow(personas, cells: int, people_per_cell: int) -> None:
    """Add communes, cells and people under district A, so query counts can be compared by size."""
    for c in range(cells):
        commune = Organization.objects.create(
            code=f"G{c}", name=f"Đảng bộ xã G{c}", kind=OrganizationKind.GRASSROOTS_COMMITTEE,
            tier=Tier.GRASSROOTS, parent=personas.district_a,
        )
        cell = Organization.objects.create(
            code=f"G{c}.C", name=f"Chi bộ G{c}", kind=OrganizationKind.CELL, tier=Tier.BELOW_GRASSROOTS,
            parent=commune,
        )
        for p in range(people_per_cell):
            Person.objects.create(code=f"G{c}P{p}", full_name=f"Nguyễn Văn Giang {c} {p}",
                                  party_organization=cell, admitted_on="2015-01-01")


SESSION_SAVE = 3


@pytest.mark.parametrize("size", [0, 15])
def test_query_counts_do_not_grow_with_the_tree(client, personas, django_assert_max_num_queries, size):
    grow(personas, size, 3)
    client.force_login(personas.district_a_officer)
    # session + user + the user's roles, then a fixed number of queries per page (5 per row set of counts),
    # then the session saved again (its idle expiry pushed forward: savepoint, UPDATE, release); the tree
    # asks has_perm for its export button, and Django's model backend reads the user's own permissions once
    with django_assert_max_num_queries(11 + SESSION_SAVE):
        assert client.get(reverse("web:tree")).status_code == 200
    with django_assert_max_num_queries(10 + SESSION_SAVE):
        assert client.get(url_for(personas, "tree_children", "district_a"), **HTMX).status_code == 200
    with django_assert_max_num_queries(13 + SESSION_SAVE):
        assert client.get(url_for(personas, "organization", "district_a")).status_code == 200
    with django_assert_max_num_queries(11 + SESSION_SAVE):
        assert client.get(url_for(personas, "organization", "cell_a1")).status_code == 200
    # search: the unit filter's choices, the count of each kind, one page of results
    with django_assert_max_num_queries(7 + SESSION_SAVE):
        assert client.get(reverse("web:search"), {"q": "giang"}).status_code == 200
    with django_assert_max_num_queries(7 + SESSION_SAVE):
        params = {"q": "giang", "sap-xep": "-ten", "don-vi": personas.district_a.pk, "page": "2"}
        assert client.get(reverse("web:search"), params).status_code == 200


def test_english_translation(client, personas):
    client.force_login(personas.district_a_officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("web:tree")).content.decode()
    assert "<h1>Organization tree</h1>" in html
    assert "District-level party committee" in html  # a model choice label
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert "<h1>Cây tổ chức</h1>" in client.get(reverse("web:tree")).content.decode()


def test_login_page_in_vietnamese(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in html
    assert "Mật khẩu" in html


def test_top_bar_names_the_user_scope_and_links(client, personas):
    client.force_login(personas.district_a_officer)
    html = client.get(reverse("web:tree")).content.decode()
    assert "Xếp loại chất lượng" in html
    assert "Cán bộ cấp ủy (cơ sở, cấp huyện) · Đảng bộ huyện A" in html
    assert reverse("workbook:upload") not in html  # imports are for a root's Organization Commission
    assert reverse("web:search") in html
    assert reverse("admin:index") not in html  # not staff
    assert 'method="post" action="/dang-xuat/"' in html  # log out is a POST form
    assert "hx-headers" in html
    assert "vendor/htmx/htmx.min.js" in html
    client.force_login(personas.province_officer)  # staff
    assert reverse("admin:index") in client.get(reverse("web:tree")).content.decode()


def test_browser_language_alone_does_not_switch_to_english(client, personas):
    """Pages stay Vietnamese for an English browser until the user picks English."""
    client.force_login(personas.district_a_officer)
    html = client.get(reverse("web:tree"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "<h1>Cây tổ chức</h1>" in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "<h1>Organization tree</h1>" in client.get(reverse("web:tree")).content.decode()


def test_the_registry_export_is_offered_on_the_tree_to_officers_not_to_members(client, personas):
    """conventions.md §4.1: a party member never exports the registry; an officer finds the button."""
    client.force_login(personas.district_a_officer)
    assert 'id="registry-export"' in client.get(reverse("web:tree")).content.decode()
    client.force_login(personas.cell_a1_member)
    assert 'id="registry-export"' not in client.get(reverse("web:tree")).content.decode()
