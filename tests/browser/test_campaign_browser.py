"""One grassroots party organization from an opened campaign to published results, in a real browser.

Issue 4, item 11. The Organization Commission creates and opens the campaign (S-10 deadlines prefilled);
the member waits for the cell's report (S-13); the cell secretary submits the cell's report (Mẫu 01) and
the member their self-review (Mẫu 02, S-14); the district officer sees the R-13 cap of a member on long
sick leave in the htmx fragment, then proposes HTXS for the member; the Organization Commission appraises
(S-16); the commune's standing committee decides HTXS over the 20 % quota (R-50), is stopped, then
justifies (R-86); before publication the member sees only their self rating (R-88); the standing committee
publishes (S-15, R-88) and the member sees the decided and published levels and may appeal (R-81, R-89).

Everyone logs in through the real login form with their own password. Screenshots of each step are in
``artifacts/browser/<vendor>/``.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

pytestmark = pytest.mark.browser

REVIEW_TEXT = {
    "#review-strengths": "Lãnh đạo hoàn thành các chỉ tiêu nghị quyết năm 2023.",
    "#review-limitations": "Sinh hoạt chuyên đề chưa đều.",
    "#review-causes": "Chủ quan: chưa sâu sát.",
    "#review-remedy": "Đã khắc phục hạn chế năm trước.",
    "#review-explanations": "Không có vấn đề được gợi ý.",
    "#review-responsibility": "Bí thư chịu trách nhiệm chính.",
    "#review-direction": "Duy trì sinh hoạt định kỳ.",
}
CELL_CRITERIA = ("principles", "targets", "party_building", "responsibility")
MEMBER_CRITERIA = ("politics", "duties", "pledge")


@pytest.fixture
def cast(personas):
    """The personas plus the commune's standing committee and a member on 120 days of sick leave.

    Every user gets a password of their own, typed into the login form.
    """
    from django.contrib.auth import get_user_model

    from xeploai.accounts.models import Role, RoleAssignment
    from xeploai.registry.models import Person, StatusPeriod

    P = personas
    P.commune_sc = get_user_model().objects.create_user(username="commune_sc", first_name="Thường vụ xã A1")
    RoleAssignment.objects.create(user=P.commune_sc, role=Role.STANDING_COMMITTEE, organization=P.commune_a1)
    P.sick = Person.objects.create(code="P-SICK", full_name="Ngô Thị Ốm", party_organization=P.cell_a1,
                                   admitted_on=date(2010, 1, 1))  # fmt: skip
    StatusPeriod.objects.create(  # 120 days ≥ 90: capped at HTNV
        person=P.sick, kind="SICK_LEAVE", start=date(2023, 2, 1), end=date(2023, 5, 31)
    )
    P.passwords = {}
    users = (P.province_officer, P.district_a_officer, P.cell_a1_secretary, P.cell_a1_member, P.commune_sc)
    for user in users:
        P.passwords[user.username] = f"{user.username}-Mk2023!"
        user.set_password(P.passwords[user.username])
        user.save(update_fields=["password"])
    return P


def go(page, path: str) -> None:
    page.goto(page.live_server_url + path)


def submit(page, selector: str) -> None:
    """Click a submit button and wait for the page the server answers with (redirect or re-render)."""
    with page.expect_navigation():
        page.click(selector)


def write_review(page, criteria: tuple[str, ...], grade: int, self_level: int) -> None:
    for field, text in REVIEW_TEXT.items():
        page.fill(field, text)
    for code in criteria:
        page.check(f"#criterion-{code}-{grade}")
    page.select_option("#review-self-party", str(self_level))


def test_grassroots_organization_from_opened_campaign_to_published_results(page, cast, login):
    from playwright.sync_api import expect

    from xeploai.campaigns.models import Campaign, Subject

    shot = page.shot

    # The Organization Commission creates the campaign; the plan's deadlines come prefilled (S-10).
    login(page, cast.province_officer, cast.passwords[cast.province_officer.username])
    page.click("#nav-campaigns")
    page.click("#campaign-create-link")
    form = page.locator("#campaign-create-form")
    form.locator("[name=year]").fill("2023")
    form.locator("[name=ruleset]").select_option("kh181-2023")
    form.locator("[name=root]").select_option(str(cast.province.pk))
    form.locator("[name=name]").fill("Kiểm điểm, xếp loại năm 2023")
    form.locator("[name=appeal_window_days]").fill("20")
    shot("campaign-create")
    submit(page, "#campaign-create-submit")
    expect(page.locator("h1")).to_have_text("Kiểm điểm, xếp loại năm 2023")
    expect(page.locator("#deadlines-form")).to_contain_text("S-10")
    campaign = Campaign.objects.get()
    submit(page, "#campaign-open")
    # Opening runs as a job (ADR 0013): the tests' immediate backend has finished it when the page answers.
    expect(page.locator("#campaign-status")).to_contain_text("Đang thực hiện")
    expect(page.locator("#campaign-last-open")).to_contain_text("đối tượng")
    shot("campaign-opened")

    cell = Subject.objects.get(campaign=campaign, organization=cast.cell_a1)
    member = Subject.objects.get(campaign=campaign, person=cast.member_a1, subject_type="PARTY_MEMBER")
    sick = Subject.objects.get(campaign=campaign, person=cast.sick, subject_type="PARTY_MEMBER")
    subject_url = "/dot-danh-gia/doi-tuong/{}/".format

    # The member's self-review waits for the cell's report (S-13).
    login(page, cast.cell_a1_member, cast.passwords[cast.cell_a1_member.username])
    go(page, subject_url(member.pk))
    expect(page.locator("#review-waiting")).to_contain_text("S-13")
    expect(page.locator("#review-waiting")).to_contain_text("Chi bộ ấp 1")
    expect(page.locator("#review-form")).to_have_count(0)
    shot("member-waits-for-cell-report")

    # The cell secretary writes and submits the cell's report (Mẫu 01).
    login(page, cast.cell_a1_secretary, cast.passwords[cast.cell_a1_secretary.username])
    go(page, subject_url(cell.pk))
    expect(page.locator("#kiem-diem")).to_contain_text("Mẫu 01")
    write_review(page, CELL_CRITERIA, grade=2, self_level=2)
    shot("cell-report-written")
    submit(page, "#review-submit")
    expect(page.locator(".messages")).to_contain_text("Đã nộp bản kiểm điểm")
    expect(page.locator("#review-status")).to_contain_text("Đã nộp")
    shot("cell-report-submitted")

    # Now the member writes and submits the self-review (Mẫu 02); it becomes the SELF rating.
    login(page, cast.cell_a1_member, cast.passwords[cast.cell_a1_member.username])
    go(page, subject_url(member.pk))
    expect(page.locator("#review-waiting")).to_have_count(0)
    expect(page.locator("#kiem-diem")).to_contain_text("Mẫu 02")
    write_review(page, MEMBER_CRITERIA, grade=3, self_level=3)
    submit(page, "#review-submit")
    expect(page.locator(".messages")).to_contain_text("Đã nộp bản kiểm điểm")
    expect(page.locator('#rating-history tr[data-stage="SELF"]')).to_contain_text("HTXS")
    shot("member-review-submitted")

    # The district officer: the member on 120 days of sick leave is capped at HTNV, shown by the
    # htmx fragment as soon as HTXS is chosen (the list has no default level, issue 12); with HTNV chosen
    # the rule is still shown, no longer blocking.
    login(page, cast.district_a_officer, cast.passwords[cast.district_a_officer.username])
    go(page, subject_url(sick.pk))
    expect(page.locator("#level-propose")).to_have_value("")
    page.select_option("#level-propose", "3")
    allowed = page.locator("#allowed-propose #allowed-level")
    expect(allowed).to_have_attribute("data-max-level", "1")
    expect(page.locator('#allowed-propose li.blocking[data-rule="R-13"]')).to_contain_text("Nghỉ ốm 120 ngày")
    shot("proposal-capped-by-r-13")
    page.select_option("#level-propose", "1")
    expect(page.locator("#allowed-propose li.blocking")).to_have_count(0)
    # The reason names its document and article; the rule id stays in small print.
    r13 = page.locator('#allowed-propose li[data-rule="R-13"]')
    expect(r13).to_contain_text("theo mục 6 phần II.B Hướng dẫn 21-HD/BTCTW")
    expect(r13.locator("small.rule-id")).to_have_text("R-13")

    # … and proposes HTXS for the member.
    go(page, subject_url(member.pk))
    page.select_option("#level-propose", "3")
    expect(page.locator("#allowed-propose #allowed-level")).to_have_attribute("data-max-level", "3")
    page.fill("#justification-propose", "Hoàn thành xuất sắc nhiệm vụ được giao.")
    shot("proposal-htxs")
    submit(page, "#btn-propose")
    expect(page.locator(".messages")).to_contain_text("Đã ghi mức xếp loại")
    expect(page.locator('#rating-history tr[data-stage="PROPOSED"]')).to_contain_text("HTXS")

    # The Organization Commission appraises (S-16).
    login(page, cast.province_officer, cast.passwords[cast.province_officer.username])
    go(page, subject_url(member.pk))
    page.select_option("#level-appraise", "3")
    page.fill("#justification-appraise", "Thống nhất đề xuất: thành tích nổi bật.")  # over quota
    submit(page, "#btn-appraise")
    expect(page.locator('#rating-history tr[data-stage="APPRAISED"]')).to_contain_text("HTXS")
    shot("appraised")

    # The standing committee decides HTXS: over the 20 % quota, refused without a justification,
    # what was chosen is kept; with a justification it is recorded.
    login(page, cast.commune_sc, cast.passwords[cast.commune_sc.username])
    go(page, subject_url(member.pk))
    page.select_option("#level-decide", "3")
    expect(page.locator('#allowed-decide li.blocking[data-rule="R-50"]')).to_have_count(1)
    shot("decision-over-quota-preview")
    submit(page, "#btn-decide")
    expect(page.locator("#errors")).to_contain_text("R-50")
    expect(page.locator("#errors")).to_contain_text("lý do, căn cứ")
    expect(page.locator("#level-decide")).to_have_value("3")
    expect(page.locator('#rating-history tr[data-stage="DECIDED"]')).to_have_count(0)
    shot("decision-refused-r-50")
    page.fill("#justification-decide", "Thành tích nổi bật trong chuyển đổi số của xã.")
    submit(page, "#btn-decide")
    decided = page.locator('#rating-history tr[data-stage="DECIDED"]')
    expect(decided).to_contain_text("HTXS")
    expect(decided).to_contain_text("Thành tích nổi bật")
    shot("decision-justified")

    # Before publication the member sees only the self rating.
    login(page, cast.cell_a1_member, cast.passwords[cast.cell_a1_member.username])
    go(page, subject_url(member.pk))
    expect(page.locator("#results-hidden")).to_be_visible()
    stages = page.locator("#rating-history tr[data-stage]")
    expect(stages).to_have_count(1)
    expect(stages).to_have_attribute("data-stage", "SELF")
    expect(page.locator("#appeal-form")).to_have_count(0)
    shot("member-before-publication")

    # The standing committee sees the quota table (over by one) and publishes the commune's results.
    login(page, cast.commune_sc, cast.passwords[cast.commune_sc.username])
    go(page, f"/dot-danh-gia/{campaign.pk}/to-chuc/{cast.commune_a1.pk}/ty-le/")
    over = page.locator("#quota-table tr.over")
    expect(over).to_contain_text("R-50")
    expect(over).to_contain_text("Lê Thị Cúc")
    shot("quota-before-publication")
    # Publishing asks first: what, for how many, and that it cannot be undone (issue 12 item 7).
    page.click("#btn-publish")
    expect(page.locator("#publish-summary")).to_contain_text("Việc công bố không thể hoàn tác")
    shot("publish-confirmation")
    submit(page, "#btn-publish-confirm")
    expect(page.locator(".messages li").first).to_be_visible()
    expect(page.locator("h1")).to_have_text("Công khai kết quả xếp loại chất lượng")
    shot("published")

    # The member sees the decided and published levels, and may appeal: from their home.
    login(page, cast.cell_a1_member, cast.passwords[cast.cell_a1_member.username])
    page.get_by_role("link", name=re.compile("Kết quả xếp loại đã công bố")).first.click()
    expect(page.locator("#results-hidden")).to_have_count(0)
    expect(page.locator('#rating-history tr[data-stage="DECIDED"]')).to_contain_text("HTXS")
    expect(page.locator('#rating-history tr[data-stage="PUBLISHED"]')).to_contain_text("HTXS")
    expect(page.locator("#appeal-form")).to_be_visible()
    expect(page.locator("#kien-nghi + p")).to_contain_text(re.compile(r"R-81, R-89"))
    shot("member-sees-published-results")


def test_admin_shows_workflow_rows_view_only(page, cast, login):
    """Staff look at the workflow rows in the admin; nothing writes there (no add, save, delete)."""
    from playwright.sync_api import expect

    from xeploai.campaigns import reviews
    from xeploai.campaigns.models import Rating, Review, Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=cast.province)
    campaign_open(campaign=campaign)
    cell = Subject.objects.get(campaign=campaign, organization=cast.cell_a1)
    grades = {f"criterion_{c}": "2" for c in CELL_CRITERIA}
    text = {"strengths": "Tốt", "limitations": "Chưa đều", "causes": "Chủ quan", "responsibility": "Bí thư"}
    reviews.review_submit(subject=cell, by=cast.cell_a1_secretary,
                          data={**text, **grades, "self_party_level": "2"})  # fmt: skip
    review, rating = Review.objects.get(), Rating.objects.get()
    cast.passwords["root"] = "root-Mk2023!"
    cast.superuser.set_password(cast.passwords["root"])
    cast.superuser.save(update_fields=["password"])

    login(page, cast.superuser, cast.passwords[cast.superuser.username])
    go(page, "/admin/campaigns/")
    for model in ("review", "evidence", "opinion", "ballot", "appeal", "rating"):
        expect(page.locator(f'a[href="/admin/campaigns/{model}/"]').first).to_be_visible()
    expect(page.locator('a[href="/admin/campaigns/review/add/"]')).to_have_count(0)
    shot = page.shot
    go(page, "/admin/campaigns/review/")
    expect(page.locator("#result_list")).to_contain_text("Chi bộ ấp 1")
    expect(page.locator("#result_list")).to_contain_text("Đã nộp")
    expect(page.locator("select[name=action]")).to_have_count(0)
    go(page, f"/admin/campaigns/review/{review.pk}/change/")
    expect(page.locator("#content")).to_contain_text("Chưa đều")
    expect(page.locator("textarea, input[name=_save], a.deletelink")).to_have_count(0)
    shot("admin-review-view-only")
    go(page, f"/admin/campaigns/rating/{rating.pk}/change/")
    expect(page.locator("#content")).to_contain_text("HTT")
    expect(page.locator("input[name=_save], a.deletelink")).to_have_count(0)
    assert page.goto(page.live_server_url + "/admin/campaigns/rating/add/").status == 403
    for model in ("evidence", "opinion", "ballot", "appeal"):
        assert page.goto(f"{page.live_server_url}/admin/campaigns/{model}/").status == 200, model
    go(page, f"/admin/campaigns/subject/{cell.pk}/change/")  # ratings inline, view only
    expect(page.locator("#ratings-group")).to_contain_text("HTT")
    expect(page.locator("#ratings-group input[type=checkbox]")).to_have_count(0)  # no "Xóa" to tick
    expect(page.locator("#ratings-group .add-row a")).not_to_be_visible()
    shot("admin-subject-ratings-inline")
