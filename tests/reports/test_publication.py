"""The publication page (S-15 "công khai kết quả", R-88; conventions.md §4.4).

Built on ``province_campaign`` (tests/reports/conftest.py): Chi bộ ấp 1 has decided levels for itself
(HTXS), its chi ủy (HTT), secretary_a1 (HTXS as party member and as leader) and member_a1 (HTT).
"""

from __future__ import annotations

import pytest


def _url(org, campaign=None):
    from django.urls import reverse

    url = reverse("reports:publication", args=[org.pk])
    return f"{url}?campaign={campaign.pk}" if campaign else url


def _publish(p, root):
    from xeploai.campaigns.decisions import results_publish
    from xeploai.campaigns.models import CampaignStatus

    p.campaign.status = CampaignStatus.OPEN
    p.campaign.save(update_fields=["status"])
    return results_publish(campaign=p.campaign, root=root, by=p.superuser)


@pytest.mark.django_db
def test_r88_nothing_is_shown_before_publication(client, province_campaign):
    p = province_campaign
    client.force_login(p.cell_a1_member)
    response = client.get(_url(p.cell_a1))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kết quả chưa được công khai" in html
    assert p.secretary_a1.full_name not in html
    assert "Hoàn thành xuất sắc nhiệm vụ" not in html


@pytest.mark.django_db
def test_r88_published_results_are_visible_to_a_member_of_the_unit(client, province_campaign):
    p = province_campaign
    _publish(p, p.cell_a1)
    client.force_login(p.cell_a1_member)
    response = client.get(_url(p.cell_a1, p.campaign))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kết quả chưa được công khai" not in html
    result = response.context["result"]
    assert [r.name for r in result.organizations] == ["Chi bộ ấp 1"]
    assert [(r.name, r.level.short) for r in result.collectives] == [("Chi ủy Chi bộ ấp 1", "HTT")]
    people = {(r.name, r.subject_type, r.level.short) for r in result.people}
    assert people == {
        ("Trần Văn Bình", "PARTY_MEMBER", "HTXS"), ("Trần Văn Bình", "LEADER", "HTXS"),
        ("Lê Thị Cúc", "PARTY_MEMBER", "HTT"),
    }
    # The pending and not-classified members of the cell have nothing published.
    assert "Bùi Văn Chờ" not in html
    assert "Võ Văn Mới" not in html


@pytest.mark.django_db
def test_r88_no_ballot_detail_on_the_page(client, province_campaign):
    from xeploai.campaigns.models import Ballot, Subject

    p = province_campaign
    subject = Subject.objects.get(campaign=p.campaign, person=p.member_a1, subject_type="PARTY_MEMBER")
    Ballot.objects.create(subject=subject, votes_excellent=1, votes_good=17, votes_completed=2,
                          votes_not_completed=0, present=20, eligible=23, recorded_by=p.superuser)
    _publish(p, p.cell_a1)
    client.force_login(p.cell_a1_member)
    html = client.get(_url(p.cell_a1)).content.decode()
    assert "Lê Thị Cúc" in html
    assert "phiếu" not in html.split("</header>", 1)[1].replace("không có kết quả biểu quyết", "")
    assert ">17<" not in html
    assert ">23<" not in html


@pytest.mark.django_db
def test_r88_a_later_decision_stays_hidden_until_published(client, province_campaign):
    from xeploai.campaigns.models import Rating, Subject
    from xeploai.rules.levels import Level

    p = province_campaign
    _publish(p, p.cell_a1)
    subject = Subject.objects.get(campaign=p.campaign, person=p.member_a1, subject_type="PARTY_MEMBER")
    Rating.objects.create(subject=subject, stage="DECIDED", level=Level.NOT_COMPLETED, based_on_version=1)
    client.force_login(p.cell_a1_member)
    result = client.get(_url(p.cell_a1)).context["result"]
    levels = {r.name: r.level for r in result.people if r.subject_type == "PARTY_MEMBER"}
    assert levels["Lê Thị Cúc"] == Level.GOOD


@pytest.mark.django_db
def test_publication_of_another_unit_is_published_separately(client, province_campaign):
    p = province_campaign
    _publish(p, p.cell_a1)
    client.force_login(p.district_a_officer)
    html = client.get(_url(p.cell_a2)).content.decode()
    assert "Kết quả chưa được công khai" in html


@pytest.mark.django_db
def test_publication_scoping(client, province_campaign):
    p = province_campaign
    _publish(p, p.province)
    client.force_login(p.cell_a1_member)
    # The member's own cell and the units above it inside which it sits: visible.
    assert client.get(_url(p.cell_a1)).status_code == 200
    assert client.get(_url(p.commune_a1)).status_code == 200
    # A sibling cell and another district: not the member's units, their existence does not leak.
    assert client.get(_url(p.cell_a2)).status_code == 404
    assert client.get(_url(p.cell_b1)).status_code == 404
    client.force_login(p.district_b_officer)
    assert client.get(_url(p.cell_a1)).status_code == 404
    assert client.get(_url(p.cell_b1)).status_code == 200
    client.logout()
    assert client.get(_url(p.cell_a1)).status_code == 302  # to the login page
