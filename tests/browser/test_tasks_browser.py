"""The task register by clicks from "Việc của tôi": a member enters a done task, the manager confirms it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def cast(personas):
    P = personas
    P.passwords = {}
    for user in (P.cell_a1_member, P.district_a_officer):
        P.passwords[user.username] = f"{user.username}-Nv2026!"
        user.set_password(P.passwords[user.username])
        user.save(update_fields=["password"])
    return P


def test_member_enters_a_task_from_home_and_the_manager_confirms_it(page, cast, login):
    from playwright.sync_api import expect

    from xeploai.registry.task_register import Task

    login(page, cast.cell_a1_member, cast.passwords[cast.cell_a1_member.username])
    with page.expect_navigation():
        page.locator(".work-item a", has_text="Nhiệm vụ của tôi").click()
    form = page.locator("#task-form")
    form.get_by_label("Nội dung nhiệm vụ").fill("Báo cáo sơ kết quý I")
    form.get_by_label("Ngày giao").fill("05/01/2026")
    form.get_by_label("Hạn hoàn thành").fill("31/03/2026")
    form.get_by_label("Ngày hoàn thành").fill("28/03/2026")
    form.get_by_label("Vượt tiến độ, chất lượng").check()
    page.shot("member-task-typed")
    with page.expect_navigation():
        form.get_by_role("button", name="Ghi nhiệm vụ").click()
    row = page.locator("#my-tasks tr", has_text="Báo cáo sơ kết quý I")
    expect(row).to_contain_text("28/03/2026")
    expect(row).to_contain_text("chờ xác nhận")
    page.shot("member-task-listed")

    login(page, cast.district_a_officer, cast.passwords[cast.district_a_officer.username])
    with page.expect_navigation():
        page.locator(".work-item a", has_text="Xác nhận nhiệm vụ").click()
    line = page.locator("tr", has_text="Báo cáo sơ kết quý I")
    expect(line).to_contain_text("Lê Thị Cúc")
    line.get_by_role("checkbox").check()
    line.get_by_label("Chất lượng").select_option("MET")
    page.shot("manager-ticks-the-task")
    with page.expect_navigation():
        page.get_by_role("button", name="Xác nhận các nhiệm vụ đã chọn").click()
    expect(page.locator("main")).to_contain_text("Đã xác nhận 1 nhiệm vụ.")
    task = Task.objects.get()
    assert task.confirmed_by_id == cast.district_a_officer.pk
    login(page, cast.cell_a1_member, cast.passwords[cast.cell_a1_member.username])
    page.goto(page.live_server_url + "/nhiem-vu/")
    expect(page.locator("#my-tasks tr", has_text="Báo cáo sơ kết quý I")).not_to_contain_text("chờ xác nhận")
    page.shot("member-task-confirmed")
