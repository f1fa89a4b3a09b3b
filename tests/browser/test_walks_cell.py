"""The whole 2023 cycle of ONE CELL of the tiny demo, carried by the demo accounts alone (issue 12 "Done
when"): each step logs in as one demo account and works only by clicks from its home page ("Việc của tôi"),
with no admin page and no typed URL but the login page and the site root. In the order of the cycle: the
province's Organization Commission creates and opens the campaign (S-10), the collective reviews (Mẫu 01,
S-13), the member's self-review (R-81), the cell's opinion (R-82), the cell's proposal of the whole list
(R-82), the appraisal (S-16), the decision of the whole list by the commune's standing committee (R-86) —
refused over the quota, then justified (R-50) —, publication after its confirmation (R-88), the member
reading the result and appealing, the appeal resolved by the district (R-81). The helpers are the walks'
(``walk`` and ``demo`` in conftest.py).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def secretary_writes_the_cells_review(page, login, walk, cast) -> None:
    """The cell secretary writes and submits the collective reviews (Mẫu 01) of the cell and of its
    committee (chi ủy): S-13 opens the members' self-reviews only after both."""
    login(page, cast.user("bithu."), cast.password)
    for collective in (cast.cell.name, f"Chi ủy {cast.cell.name}"):
        walk.click_work(page, "Kiểm điểm tập thể, góp ý đảng viên")
        walk.open_subject_row(page, collective)
        walk.fill_review(page)
        page.shot("collective-review-submitted")


def member_writes_the_self_review(page, login, walk, cast) -> None:
    """The party member writes and submits the self-review (Mẫu 02, R-81)."""
    login(page, cast.user("dangvien."), cast.password)
    walk.click_work(page, "Viết bản tự kiểm điểm")
    walk.fill_review(page)
    page.shot("member-self-review-submitted")


def secretary_gives_the_cells_opinion(page, login, walk, cast) -> None:
    """The cell secretary gives the cell's opinion on the member (R-82)."""
    login(page, cast.user("bithu."), cast.password)
    walk.click_work(page, "Kiểm điểm tập thể, góp ý đảng viên")
    walk.open_subject_row(page, cast.member_name)
    walk.give_opinion(page, "Chi bộ góp ý: cần chủ động hơn trong công tác.")
    page.shot("member-opinion")


def secretary_proposes_the_cells_list(page, login, walk, cast) -> None:
    """The secretary proposes a level for the whole cell in one form (R-82)."""
    login(page, cast.user("bithu."), cast.password)
    walk.click_work(page, "Đề xuất mức xếp loại của chi bộ")
    walk.save_list_taking(page, "2")
    page.shot("cell-list-proposed")


def board_appraises(page, login, walk, cast) -> None:
    """The district's organization board appraises the proposals, taking them as they are (S-16)."""
    login(page, cast.user("bantochuc.", cast.district), cast.password)
    walk.click_work(page, "Thẩm định mức xếp loại")
    walk.save_list_taking(page, None)
    page.shot("cell-list-appraised")


def commune_decides_over_quota_then_justified(page, login, walk, cast) -> None:
    """The commune's standing committee decides the whole list (R-86), taking the appraised levels: HTXS
    beyond the quota is refused without a justification (R-50), then saved with it."""
    login(page, cast.user("thuongvu.", cast.commune), cast.password)
    walk.click_work(page, "Quyết định mức xếp loại")
    with page.expect_navigation(timeout=walk.SLOW):
        page.click("#take-previous")
    walk.decide_over_quota_then_justified(page, page.locator("#stage-list tbody tr").all())


def commune_publishes(page, login, walk, cast) -> None:
    """The commune's standing committee publishes after the confirmation page (R-88)."""
    login(page, cast.user("thuongvu.", cast.commune), cast.password)
    walk.publish_confirmed(page)


def member_reads_the_result_and_appeals(page, login, walk, cast) -> None:
    """The member reads the published level on their own page and lodges an appeal (R-81)."""
    login(page, cast.user("dangvien."), cast.password)
    walk.click_work(page, "Kết quả xếp loại đã công bố")
    walk.lodge_appeal(page, "Đề nghị xem xét lại mức xếp loại của tôi.")
    page.shot("appeal-lodged")


def district_resolves_the_appeal(page, login, walk, cast) -> None:
    """The district's standing committee, the committee above, concludes the appeal (R-81)."""
    login(page, cast.user("thuongvu.", cast.district), cast.password)
    walk.click_work(page, "Giải quyết kiến nghị")
    # The work item opens the district's subjects; the appeal's cell is chosen in the list's filter bar.
    walk.filter_subjects(page, cast.cell)
    walk.open_subject_row(page, cast.member_name)
    walk.resolve_appeal(page, "Giữ nguyên mức đã công bố: đúng quy định.")
    page.shot("appeal-resolved")


def test_the_cells_2023_cycle_by_clicks_from_each_home(page, login, walk, demo):
    from xeploai.campaigns.models import Rating, RatingStage

    for step in (
        secretary_writes_the_cells_review,
        member_writes_the_self_review,
        secretary_gives_the_cells_opinion,
        secretary_proposes_the_cells_list,
        board_appraises,
        commune_decides_over_quota_then_justified,
        commune_publishes,
    ):
        step(page, login, walk, demo)
    assert Rating.objects.filter(subject=demo.member_subject, stage=RatingStage.PUBLISHED).exists()
    member_reads_the_result_and_appeals(page, login, walk, demo)
    district_resolves_the_appeal(page, login, walk, demo)
