"""The whole 2023 cycle of a DISTRICT's leadership collective (the standing committee of the district's
party committee, the collective the district classifies) carried by the tiny demo's accounts alone (issue
12 "Done when"), by clicks from each home page ("Việc của tôi"), with no admin page and no typed URL but
the login page and the site root.

In the order of the cycle: the province's Organization Commission creates and opens the campaign (S-10);
the district's committee officer writes the reviews (Mẫu 01) of the party organization and of its standing
committee (S-13); the member of the province's standing committee in charge of the district gives the
opinions (S-12); the district's committee proposes on its whole list (R-82) the organization and its
standing committee HTXS where their caps allow, with the justification the quota asks (R-50b, R-50c; the
collective is never above its organization, R-61) — the other rows of the list are the communes' own work,
left empty, and rows left empty are not written; the province's Organization Commission appraises (S-16);
the province's standing committee, the directly superior committee, decides the standing committee (R-86)
— HTXS refused over the quota, then justified (R-50c) — and publishes after its confirmation (R-88); the
district's committee reads the result and appeals; the province's standing committee, at the top of the
tree with nobody above it, resolves the appeal (R-81).

The district's party organization itself is decided only after every unit below it (R-70): that is the
whole district's cycle, beyond this walk.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def subjects(cast, kinds=("ORGANIZATION", "COLLECTIVE")) -> list[tuple[str, str]]:
    """(name, kind) of the district's own classified subjects of ``kinds``: its party organization and its
    leadership collective (the standing committee)."""
    from xeploai.campaigns.models import Subject

    rows = Subject.objects.filter(
        campaign=cast.campaign, org_path=cast.district.path, subject_type__in=kinds, classify=True
    ).select_related("organization", "collective")
    found = [(str(s.organization or s.collective), s.subject_type) for s in rows]
    assert {kind for _n, kind in found} == set(kinds), found
    return found


def collectives(cast) -> list[str]:
    return [name for name, _kind in subjects(cast, ("COLLECTIVE",))]


def committee_writes_the_collective_reviews(page, login, walk, cast) -> None:
    """The district's committee officer writes the reviews (Mẫu 01) of the party organization and of its
    standing committee, from its line "Kiểm điểm tập thể" (S-13)."""
    login(page, cast.user("huyenuy."), cast.password)
    for name, kind in subjects(cast):
        walk.click_work(page, "Kiểm điểm tập thể của cấp ủy, tổ chức đảng")
        walk.filter_subjects(page, cast.district, kind)
        walk.open_subject_row(page, name)
        walk.fill_review(page)
        page.shot("district-collective-review")


def supervisor_gives_the_opinions(page, login, walk, cast) -> None:
    """The province standing committee's member in charge of the district comments on each (S-12)."""
    login(page, cast.user("phutrach.", cast.district), cast.password)
    for name, kind in subjects(cast):
        walk.click_work(page, "Cho ý kiến đối với đối tượng phụ trách")
        walk.filter_subjects(page, cast.district, kind)
        walk.open_subject_row(page, name)
        walk.give_opinion(page, f"Ý kiến của đồng chí phụ trách: {name} cần phát huy hơn nữa vai trò.")
        page.shot("district-supervisor-opinion")


def committee_proposes_on_its_list(page, login, walk, cast) -> None:
    """The district's committee proposes, on its whole list, the organization and its standing committee
    HTXS where their caps allow, with the justification the quota asks (R-82, R-50)."""
    login(page, cast.user("huyenuy."), cast.password)
    walk.click_work(page, "Đề xuất mức xếp loại")
    rows = walk.rows_named(page, [name for name, _kind in subjects(cast)])
    assert len(rows) == len(subjects(cast))
    checks = walk.choose_levels(page, [(row.locator("select"), walk.capped(row, "3")) for row in rows])
    assert checks <= 2, checks
    page.shot("district-list-chosen")
    walk.save_list(page)
    page.shot("district-list-proposed")


def commission_appraises(page, login, walk, cast) -> None:
    """The province's Organization Commission takes the proposals as appraised (S-16), justifying the rows
    over the quota (R-50)."""
    login(page, cast.users["bantochuc"], cast.password)
    walk.click_work(page, "Thẩm định mức xếp loại")
    walk.save_list_taking(page, None)
    page.shot("district-appraised")


def province_decides_over_quota_then_justified(page, login, walk, cast) -> None:
    """The province's standing committee, the directly superior committee, decides the district's standing
    committee on its list (R-86, one level down): HTXS is refused over the quota without a justification
    (R-50c), then saved with it."""
    login(page, cast.users["thuongvu"], cast.password)
    walk.click_work(page, "Quyết định mức xếp loại")
    rows = walk.rows_named(page, collectives(cast))
    assert len(rows) == len(collectives(cast))
    walk.decide_over_quota_then_justified(page, rows)


def province_publishes(page, login, walk, cast) -> None:
    """The province's standing committee publishes after its confirmation page (R-88)."""
    login(page, cast.users["thuongvu"], cast.password)
    walk.publish_confirmed(page)


def committee_reads_the_result_and_appeals(page, login, walk, cast) -> None:
    """The district's committee reads the standing committee's published level and appeals for it (R-81)."""
    login(page, cast.user("huyenuy."), cast.password)
    walk.click_work(page, "Cho ý kiến của cấp ủy")
    walk.filter_subjects(page, cast.district, "COLLECTIVE")
    walk.open_subject_row(page, collectives(cast)[0])
    walk.lodge_appeal(page, "Đề nghị xem xét lại mức xếp loại của tập thể.")
    page.shot("district-appeal-lodged")


def province_resolves_the_appeal(page, login, walk, cast) -> None:
    """The province's standing committee, with nobody above it, re-evaluates and concludes (R-81)."""
    login(page, cast.users["thuongvu"], cast.password)
    walk.click_work(page, "Giải quyết kiến nghị")
    walk.filter_subjects(page, cast.district, "COLLECTIVE")
    walk.open_subject_row(page, collectives(cast)[0])
    walk.resolve_appeal(page, "Giữ nguyên mức đã công bố: đúng quy định.")
    page.shot("district-appeal-resolved")


def test_the_districts_leadership_collective_2023_cycle_by_clicks_from_each_home(page, login, walk, demo):
    for step in (
        committee_writes_the_collective_reviews,
        supervisor_gives_the_opinions,
        committee_proposes_on_its_list,
        commission_appraises,
        province_decides_over_quota_then_justified,
        province_publishes,
        committee_reads_the_result_and_appeals,
        province_resolves_the_appeal,
    ):
        step(page, login, walk, demo)
    walk.assert_collectives_carried(demo.campaign, demo.district.path)
