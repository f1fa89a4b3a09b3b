"""The whole 2023 cycle of ONE CELL of the tiny demo, carried by the demo accounts alone (issue 12 "Done
when"): each step logs in as one demo account and works only by clicks from its home page ("Việc của tôi"),
with no admin page and no typed URL but the login page and the site root. In the order of the cycle: the
collective reviews (Mẫu 01, S-13), the member's self-review (R-81), the cell's opinion (R-82), the cell's
proposal of the whole list (R-82), the appraisal (S-16), the decision of the whole list by the commune's
standing committee (R-86) — refused over the quota, then justified (R-50) —, publication after its
confirmation (R-88), the member reading the result and appealing, the appeal resolved by the district
(R-81). The campaign is created and opened in the fixture (as ``manage.py open_campaign`` would).
"""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import call_command

LEVELS = {"HTXS": 3, "HTT": 2, "HTNV": 1, "KHTNV": 0}  # short labels of the levels, as the lists show them
WRITTEN = "Hoàn thành tốt nhiệm vụ được giao; giữ gìn phẩm chất, đạo đức, lối sống."


@dataclass
class Cast:
    """The demo accounts (by username prefix) and the 2023 campaign the walks carry."""

    users: dict[str, object]
    password: str
    campaign: object
    cell: object
    commune: object
    district: object
    member_subject: object
    cell_subject: object
    member_name: str


def load_demo_cast(settings) -> Cast:
    """The tiny demo loaded as ``manage.py demo`` does, then the province's 2023 campaign opened."""
    from xeploai.accounts.models import Role, RoleAssignment
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open
    from xeploai.registry.demo.load import PASSWORD
    from xeploai.registry.models import Organization

    settings.DEBUG = True  # the demo command runs only on a development machine
    call_command("demo", "--seed", "1", "--scale", "tiny", stdout=StringIO())
    settings.DEBUG = False
    rows = RoleAssignment.objects.select_related("user", "organization", "person")
    users = {a.user.username: a.user for a in rows}
    member = rows.get(role=Role.MEMBER)
    at = {a.user.username.split(".")[0] + "." + a.role: a.organization for a in rows}
    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=Organization.objects.get(parent=None))
    campaign_open(campaign=campaign)
    subjects = Subject.objects.filter(campaign=campaign)
    return Cast(
        users=users,
        password=PASSWORD,
        campaign=campaign,
        cell=member.organization,
        commune=at[f"danguy.{Role.COMMITTEE_OFFICER}"],
        district=at[f"huyenuy.{Role.COMMITTEE_OFFICER}"],
        member_subject=subjects.get(person_id=member.person_id, subject_type="PARTY_MEMBER"),
        cell_subject=subjects.get(organization=member.organization, subject_type="ORGANIZATION"),
        member_name=member.person.full_name,
    )


def user_of(cast: Cast, prefix: str, org=None):
    """The demo user whose username starts with ``prefix`` (and, if given, ends with ``org``'s code)."""
    found = [
        u
        for name, u in cast.users.items()
        if name.startswith(prefix) and (org is None or name.endswith(org.code.lower()))
    ]
    assert len(found) == 1, (prefix, sorted(cast.users))
    return found[0]


def click_work(page, label: str) -> None:
    """From the home page, open the work item whose link reads ``label``."""
    from playwright.sync_api import expect

    page.goto(page.live_server_url + "/")  # the site root: the user's home page
    expect(page.locator("h1")).to_contain_text("Việc của tôi")
    with page.expect_navigation():
        page.locator(".work-item a", has_text=label).first.click()


def open_subject_row(page, name: str) -> None:
    """On an organization's page, open the subject named ``name`` from the subjects list."""
    with page.expect_navigation():
        page.locator("#subject-list a").get_by_text(name, exact=True).first.click()


def fill_review(page) -> None:
    """Write every field of the review form (Mẫu 01/02) with a self-rating of HTT, then submit it."""
    from playwright.sync_api import expect

    form = page.locator("#review-form")
    expect(form).to_be_visible()
    for area in form.locator("textarea").all():
        area.fill(WRITTEN)
    for select in ("#review-self-party", "#review-self-state"):
        if page.locator(select).count():
            page.select_option(select, "2")
    for radio_name in sorted(
        set(form.locator("input[type=radio]").evaluate_all("els => els.map(e => e.name)"))
    ):
        form.locator(f"input[name='{radio_name}']").first.check()
    if page.locator("#review-score").count():
        page.fill("#review-score", "85")
    with page.expect_navigation():
        page.click("#review-submit")
    expect(page.locator("#review-status")).to_contain_text("Đã nộp")


def give_opinion(page, text: str) -> None:
    """Give an opinion on the subject page opened (R-82)."""
    from playwright.sync_api import expect

    page.fill("#opinion-text", text)
    page.select_option("#opinion-level", "2")
    with page.expect_navigation():
        page.click("#opinion-submit")
    expect(page.locator("#opinion-list")).to_contain_text(text)


def choose(page, select, level: str) -> None:
    """Pick a level on a list row and wait for the quota recomputed on the server (one request at a time:
    the live server's SQLite serves one writer)."""
    with page.expect_response(lambda r: r.request.method == "POST"):
        select.select_option(level)


def save_list_taking(page, level: str | None) -> None:
    """On a whole-list page: every row to ``level`` (or the previous stage's levels), saved in one form."""
    from playwright.sync_api import expect

    if level is None:
        with page.expect_navigation():
            page.click("#take-previous")
    else:
        for row in page.locator("#stage-list tbody tr").all():
            highest = LEVELS[row.locator(".max-level").inner_text().strip()]
            choose(page, row.locator("select"), str(min(int(level), highest)))  # never above the cap
    with page.expect_navigation():
        page.click("#btn-save-list")
    expect(page.locator("body")).to_contain_text("Đã ghi mức xếp loại")


# --- The cell's walk: one step per role, in the order of the cycle ---------------------------------------

pytestmark = pytest.mark.browser


@pytest.fixture
def cast(settings) -> Cast:
    return load_demo_cast(settings)


def secretary_writes_the_cells_review(page, login, cast: Cast) -> None:
    """The cell secretary writes and submits the collective reviews (Mẫu 01) of the cell and of its
    committee (chi ủy): S-13 opens the members' self-reviews only after both."""
    login(page, user_of(cast, "bithu."), cast.password)
    for collective in (cast.cell.name, f"Chi ủy {cast.cell.name}"):
        click_work(page, "Kiểm điểm tập thể, góp ý đảng viên")
        open_subject_row(page, collective)
        fill_review(page)
        page.shot("collective-review-submitted")


def member_writes_the_self_review(page, login, cast: Cast) -> None:
    """The party member writes and submits the self-review (Mẫu 02, R-81)."""
    login(page, user_of(cast, "dangvien."), cast.password)
    click_work(page, "Viết bản tự kiểm điểm")
    fill_review(page)
    page.shot("member-self-review-submitted")


def secretary_gives_the_cells_opinion(page, login, cast: Cast) -> None:
    """The cell secretary gives the cell's opinion on the member (R-82)."""
    login(page, user_of(cast, "bithu."), cast.password)
    click_work(page, "Kiểm điểm tập thể, góp ý đảng viên")
    open_subject_row(page, cast.member_name)
    give_opinion(page, "Chi bộ góp ý: cần chủ động hơn trong công tác.")
    page.shot("member-opinion")


def secretary_proposes_the_cells_list(page, login, cast: Cast) -> None:
    """The secretary proposes a level for the whole cell in one form (R-82)."""
    login(page, user_of(cast, "bithu."), cast.password)
    click_work(page, "Đề xuất mức xếp loại của chi bộ")
    save_list_taking(page, "2")
    page.shot("cell-list-proposed")


def board_appraises(page, login, cast: Cast) -> None:
    """The district's organization board appraises the proposals, taking them as they are (S-16)."""
    login(page, user_of(cast, "bantochuc.", cast.district), cast.password)
    click_work(page, "Thẩm định mức xếp loại")
    save_list_taking(page, None)
    page.shot("cell-list-appraised")


def commune_decides_over_quota_then_justified(page, login, cast: Cast) -> None:
    """The commune's standing committee decides the whole list (R-86): HTXS beyond the quota is refused
    without a justification (R-50), then saved with it."""
    from playwright.sync_api import expect

    login(page, user_of(cast, "thuongvu.", cast.commune), cast.password)
    click_work(page, "Quyết định mức xếp loại")
    with page.expect_navigation():
        page.click("#take-previous")
    for row in page.locator("#stage-list tbody tr").all():
        if "HTXS" in row.locator(".max-level").inner_text():
            choose(page, row.locator("select"), "3")
    page.locator("#stage-list textarea").evaluate_all(
        "els => els.forEach(e => e.removeAttribute('required'))"
    )
    with page.expect_navigation():
        page.click("#btn-save-list")
    expect(page.locator("#list-errors")).to_contain_text("Danh sách chưa được ghi")
    page.shot("decision-refused-over-quota")
    for area in page.locator("#stage-list textarea[required]").all():
        area.fill("Thành tích nổi bật, được cấp trên khen thưởng trong năm.")
    with page.expect_navigation():
        page.click("#btn-save-list")
    expect(page.locator("body")).to_contain_text("Đã ghi mức xếp loại")
    page.shot("decision-saved")


def commune_publishes(page, login, cast: Cast) -> None:
    """The commune's standing committee publishes after the confirmation page (R-88)."""
    from playwright.sync_api import expect

    login(page, user_of(cast, "thuongvu.", cast.commune), cast.password)
    click_work(page, "Công bố kết quả")
    expect(page.locator("#publish-warning")).to_be_visible()
    page.shot("publish-confirmation")
    with page.expect_navigation():
        page.click("#btn-publish-confirm")
    page.shot("published")


def member_reads_the_result_and_appeals(page, login, cast: Cast) -> None:
    """The member reads the published level on their own page and lodges an appeal (R-81)."""
    from playwright.sync_api import expect

    login(page, user_of(cast, "dangvien."), cast.password)
    click_work(page, "Kết quả xếp loại đã công bố")
    expect(page.locator("#results-hidden")).to_have_count(0)
    expect(page.locator("#rating-history")).to_contain_text("Hoàn thành")
    page.fill("#appeal-text", "Đề nghị xem xét lại mức xếp loại của tôi.")
    with page.expect_navigation():
        page.click("#appeal-submit")
    expect(page.locator("#appeal-list")).to_contain_text("Đề nghị xem xét lại")
    page.shot("appeal-lodged")


def district_resolves_the_appeal(page, login, cast: Cast) -> None:
    """The district's standing committee, the committee above, concludes the appeal (R-81)."""
    from playwright.sync_api import expect

    login(page, user_of(cast, "thuongvu.", cast.district), cast.password)
    click_work(page, "Giải quyết kiến nghị")
    # The work item opens the district's subjects; the appeal's cell is chosen in the list's filter bar.
    unit = page.locator("select[name=don-vi] option", has_text=cast.cell.name).first.get_attribute("value")
    page.select_option("select[name=don-vi]", unit)
    expect(page.locator("#subject-list a").get_by_text(cast.member_name, exact=True)).to_be_visible()
    open_subject_row(page, cast.member_name)
    page.locator("#appeal-list textarea").first.fill("Giữ nguyên mức đã công bố: đúng quy định.")
    with page.expect_navigation():
        page.locator("#appeal-list button[type=submit]").first.click()
    expect(page.locator("#appeal-list")).to_contain_text("Giữ nguyên mức đã công bố")
    page.shot("appeal-resolved")


def test_the_cells_2023_cycle_by_clicks_from_each_home(page, login, cast):
    from xeploai.campaigns.models import Rating, RatingStage

    secretary_writes_the_cells_review(page, login, cast)
    member_writes_the_self_review(page, login, cast)
    secretary_gives_the_cells_opinion(page, login, cast)
    secretary_proposes_the_cells_list(page, login, cast)
    board_appraises(page, login, cast)
    commune_decides_over_quota_then_justified(page, login, cast)
    commune_publishes(page, login, cast)
    assert Rating.objects.filter(subject=cast.member_subject, stage=RatingStage.PUBLISHED).exists()
    member_reads_the_result_and_appeals(page, login, cast)
    district_resolves_the_appeal(page, login, cast)
