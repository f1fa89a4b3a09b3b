"""The whole 2023 cycle of a COMMUNE's leadership collective (the executive committee of the grassroots
party organization; its standing committee too where the commune has one) carried by the tiny demo's
accounts alone (issue 12 "Done when"), by clicks from each home page ("Việc của tôi"), with no admin page
and no typed URL but the login page and the site root.

In the order of the cycle: the province's Organization Commission creates and opens the campaign (S-10);
the commune's committee officer writes the reviews (Mẫu 01) of the party organization and of its collective
(S-13); the supervising member of the district's standing committee gives the opinions (S-12); the
commune's committee proposes its WHOLE list in one form (R-82: every subject of the commune, hundreds of
rows, one quota check per pause of the user), the organization and its collective HTXS with the
justification the quota asks (R-50b, R-50c; the collective is never above its organization, R-61); the
district's organization board appraises (S-16); the district's standing committee, the directly superior
committee, decides the collective (R-86) — HTXS refused over the quota, then justified (R-50c) — and
publishes after its confirmation (R-88); the commune's committee reads the result and appeals; the
province's standing committee, the committee above the deciding one, resolves the appeal (R-81).

The commune's party organization itself is decided only after every unit below it (R-70: its cells, their
members, the state side first, R-70b): that is the whole commune's cycle, beyond this walk.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def subjects(cast, kinds=("ORGANIZATION", "COLLECTIVE")) -> list[tuple[str, str]]:
    """(name, kind) of the commune's own classified subjects of ``kinds``: its party organization and its
    leadership collectives."""
    from xeploai.campaigns.models import Subject

    rows = Subject.objects.filter(
        campaign=cast.campaign, org_path=cast.commune.path, subject_type__in=kinds, classify=True
    ).select_related("organization", "collective")
    found = [(str(s.organization or s.collective), s.subject_type) for s in rows]
    assert {kind for _n, kind in found} == set(kinds), found
    return found


def collectives(cast) -> list[str]:
    return [name for name, _kind in subjects(cast, ("COLLECTIVE",))]


def committee_writes_the_collective_reviews(page, login, walk, cast) -> None:
    """The commune's committee officer writes the reviews (Mẫu 01) of the party organization and of its
    leadership collective, from its line "Kiểm điểm tập thể" (S-13)."""
    login(page, cast.user("danguy."), cast.password)
    for name, kind in subjects(cast):
        walk.click_work(page, "Kiểm điểm tập thể của cấp ủy, tổ chức đảng")
        walk.filter_subjects(page, cast.commune, kind)
        walk.open_subject_row(page, name)
        walk.fill_review(page)
        page.shot("commune-collective-review")


def supervisor_gives_the_opinions(page, login, walk, cast) -> None:
    """The district standing committee's member in charge of the commune comments on each (S-12)."""
    login(page, cast.user("phutrach.", cast.commune), cast.password)
    for name, kind in subjects(cast):
        walk.click_work(page, "Cho ý kiến đối với đối tượng phụ trách")
        walk.filter_subjects(page, cast.commune, kind)
        walk.open_subject_row(page, name)
        walk.give_opinion(page, f"Ý kiến của đồng chí phụ trách: {name} cần phát huy hơn nữa vai trò.")
        page.shot("commune-supervisor-opinion")


def committee_proposes_the_whole_list(page, login, walk, cast) -> None:
    """The commune's committee proposes a level for every subject of the commune in one form (R-82): the
    list has hundreds of rows; choosing them sends one quota check when the user pauses, not one per row
    (the page hung on it before), and the quota stays shown. The organization and its collective are
    proposed HTXS where their caps allow, with the justification the quota asks (R-50)."""
    from playwright.sync_api import expect

    login(page, cast.user("danguy."), cast.password)
    walk.click_work(page, "Đề xuất mức xếp loại")
    rows = page.locator("#stage-list tbody tr").all()
    assert len(rows) > 100, len(rows)
    best = {name for name, _kind in subjects(cast)}
    picks = [
        (
            row.locator("select"),
            walk.capped(row, "3" if row.locator("td a").first.inner_text() in best else "2"),
        )
        for row in rows
    ]
    checks = walk.choose_levels(page, picks)
    assert checks <= 2, checks  # one per pause of the user (a slow machine may see a second)
    expect(page.locator("#quota-summary")).to_contain_text(f"Đã chọn mức cho {len(rows)} ")
    page.shot("commune-list-chosen")
    walk.save_list(page)
    page.shot("commune-list-proposed")


def board_appraises(page, login, walk, cast) -> None:
    """The district's organization board takes the proposals as appraised (S-16), justifying the rows
    over the quota (R-50)."""
    login(page, cast.user("bantochuc.", cast.district), cast.password)
    walk.click_work(page, "Thẩm định mức xếp loại")
    walk.save_list_taking(page, None)
    page.shot("commune-appraised")


def district_decides_over_quota_then_justified(page, login, walk, cast) -> None:
    """The district's standing committee, the directly superior committee, decides the commune's
    leadership collective on its list (R-86, one level down): HTXS is refused over the quota without a
    justification (R-50c), then saved with it."""
    login(page, cast.user("thuongvu.", cast.district), cast.password)
    walk.click_work(page, "Quyết định mức xếp loại")
    rows = walk.rows_named(page, collectives(cast))
    assert len(rows) == len(collectives(cast))
    walk.decide_over_quota_then_justified(page, rows)


def district_publishes(page, login, walk, cast) -> None:
    """The district's standing committee publishes after its confirmation page (R-88)."""
    login(page, cast.user("thuongvu.", cast.district), cast.password)
    walk.publish_confirmed(page)


def committee_reads_the_result_and_appeals(page, login, walk, cast) -> None:
    """The commune's committee reads the collective's published level and appeals for it (R-81)."""
    login(page, cast.user("danguy."), cast.password)
    walk.click_work(page, "Cho ý kiến của cấp ủy")
    walk.filter_subjects(page, cast.commune, "COLLECTIVE")
    walk.open_subject_row(page, collectives(cast)[0])
    walk.lodge_appeal(page, "Đề nghị xem xét lại mức xếp loại của tập thể.")
    page.shot("commune-appeal-lodged")


def province_resolves_the_appeal(page, login, walk, cast) -> None:
    """The province's standing committee, above the deciding district, concludes the appeal (R-81)."""
    login(page, cast.users["thuongvu"], cast.password)
    walk.click_work(page, "Giải quyết kiến nghị")
    walk.filter_subjects(page, cast.commune, "COLLECTIVE")
    walk.open_subject_row(page, collectives(cast)[0])
    walk.resolve_appeal(page, "Giữ nguyên mức đã công bố: đúng quy định.")
    page.shot("commune-appeal-resolved")


def test_the_communes_leadership_collective_2023_cycle_by_clicks_from_each_home(page, login, walk, demo):
    for step in (
        committee_writes_the_collective_reviews,
        supervisor_gives_the_opinions,
        committee_proposes_the_whole_list,
        board_appraises,
        district_decides_over_quota_then_justified,
        district_publishes,
        committee_reads_the_result_and_appeals,
        province_resolves_the_appeal,
    ):
        step(page, login, walk, demo)
    walk.assert_collectives_carried(demo.campaign, demo.commune.path)
