"""The task register (ND335, R-102): entering one's tasks, a manager confirming them, a unit's targets.

Permissions inside and outside the subtree, member against manager, audit events, stale writes, bad input.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from xeploai.audit.models import AuditEvent
from xeploai.registry import task_services
from xeploai.registry.task_register import Target, Task, TaskQuality

pytestmark = pytest.mark.django_db

TASK_POST = {
    "title": "Báo cáo sơ kết quý I",
    "group": "B",
    "assigned_on": "05/01/2026",
    "due_on": "31/03/2026",
    "done_on": "28/03/2026",
    "note": "",
}


def _task(person, **kw) -> Task:
    values = {"title": "Tổng hợp số liệu", "assigned_on": date(2026, 1, 5), "due_on": date(2026, 3, 31)}
    values.update(kw)
    return task_services.save_task(Task(person=person, **values))


def test_member_enters_own_task_from_the_page_and_it_is_audited(client, personas):
    client.force_login(personas.cell_a1_member)
    page = client.get(reverse("web:my_tasks"))
    assert page.status_code == 200
    assert "Lê Thị Cúc" in page.content.decode()
    response = client.post(reverse("web:my_tasks"), TASK_POST)
    assert response.status_code == 302
    task = Task.objects.get(person=personas.member_a1)
    assert (task.due_on, task.done_on, task.code) == (
        date(2026, 3, 31),
        date(2026, 3, 28),
        f"NV{task.pk:08d}",
    )
    event = AuditEvent.objects.get(action="registry.task.created")
    assert event.actor_id == personas.cell_a1_member.pk
    assert event.org_path == personas.cell_a1.path
    listing = client.get(reverse("web:my_tasks")).content.decode()
    assert "Báo cáo sơ kết quý I" in listing
    assert "28/03/2026" in listing


def test_due_before_assigned_is_refused_with_a_vietnamese_message(client, personas):
    client.force_login(personas.cell_a1_member)
    bad = {**TASK_POST, "due_on": "01/01/2026"}
    response = client.post(reverse("web:my_tasks"), bad)
    assert response.status_code == 200
    assert "Hạn hoàn thành không thể trước ngày giao." in response.content.decode()
    assert not Task.objects.exists()


def test_a_user_without_a_person_has_no_task_page(client, personas):
    client.force_login(personas.district_a_officer)
    assert client.get(reverse("web:my_tasks")).status_code == 403


def test_home_links_the_member_to_own_tasks_and_the_manager_to_the_confirmation(client, personas):
    client.force_login(personas.cell_a1_member)
    assert reverse("web:my_tasks") in client.get(reverse("web:home")).content.decode()
    _task(personas.member_a1, done_on=date(2026, 3, 20))
    client.force_login(personas.district_a_officer)
    home = client.get(reverse("web:home")).content.decode()
    assert reverse("web:confirm_tasks") in home
    assert "Xác nhận nhiệm vụ" in home


def test_manager_confirms_several_tasks_at_once(client, personas):
    a = _task(personas.member_a1, done_on=date(2026, 3, 20))
    b = _task(personas.member_a2, done_on=date(2026, 3, 25))
    open_task = _task(personas.member_a1)  # not done: not listed
    client.force_login(personas.district_a_officer)
    page = client.get(reverse("web:confirm_tasks")).content.decode()
    assert "Lê Thị Cúc" in page
    assert "Đặng Văn Ân" in page
    assert f'value="{open_task.pk}"' not in page
    response = client.post(
        reverse("web:confirm_tasks"),
        {
            "task": [a.pk, b.pk],
            f"version-{a.pk}": a.version,
            f"version-{b.pk}": b.version,
            f"quality-{a.pk}": "MET",
            f"quality-{b.pk}": "MAJOR_ERROR",
        },
    )
    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.confirmed_by == b.confirmed_by == personas.district_a_officer
    assert (a.quality, b.quality) == (TaskQuality.MET, TaskQuality.MAJOR_ERROR)
    assert AuditEvent.objects.filter(action="registry.task.changed").count() == 2


def test_the_confirmation_list_comes_50_a_page_with_every_task_on_some_page(client, personas):
    """A province's list of tasks waiting is cut into pages (it was one page of every task): the count
    names them all, the pager reaches the last one, and a task is on exactly one page."""
    people = [personas.member_a1, personas.member_a2]
    tasks = [_task(people[i % 2], title=f"Nhiệm vụ {i}", done_on=date(2026, 3, 20)) for i in range(53)]
    client.force_login(personas.district_a_officer)
    first = client.get(reverse("web:confirm_tasks")).content.decode()
    last = client.get(reverse("web:confirm_tasks") + "?page=2").content.decode()
    assert "trên 53" in first
    assert "Trang 1 / 2" in first
    on_first = {t.pk for t in tasks if f'name="task" value="{t.pk}"' in first}
    on_last = {t.pk for t in tasks if f'name="task" value="{t.pk}"' in last}
    assert (len(on_first), len(on_last)) == (50, 3)
    assert on_first | on_last == {t.pk for t in tasks}


def test_a_manager_outside_the_subtree_neither_sees_nor_confirms(client, personas):
    a = _task(personas.member_a1, done_on=date(2026, 3, 20))
    client.force_login(personas.district_b_officer)
    assert f'value="{a.pk}"' not in client.get(reverse("web:confirm_tasks")).content.decode()
    response = client.post(
        reverse("web:confirm_tasks"), {"task": [a.pk], f"version-{a.pk}": a.version, f"quality-{a.pk}": "MET"}
    )
    assert response.status_code == 403
    a.refresh_from_db()
    assert a.confirmed_at is None


def test_a_member_cannot_confirm_nor_edit_anothers_task(client, personas):
    other = _task(personas.member_a2, done_on=date(2026, 3, 20))
    client.force_login(personas.cell_a1_member)
    assert client.get(reverse("web:task_edit", args=[other.pk])).status_code == 404
    response = client.post(
        reverse("web:confirm_tasks"),
        {"task": [other.pk], f"version-{other.pk}": 1, f"quality-{other.pk}": "MET"},
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.confirmed_at is None


def test_a_manager_does_not_confirm_own_tasks(personas):
    from xeploai.accounts.task_access import tasks_to_confirm

    own = _task(personas.member_a1, done_on=date(2026, 3, 20))
    # the member's user also holds an officer role over the district
    from xeploai.accounts.models import Role, RoleAssignment

    RoleAssignment.objects.create(
        user=personas.cell_a1_member, role=Role.COMMITTEE_OFFICER, organization=personas.district_a
    )
    assert own not in tasks_to_confirm(personas.cell_a1_member)
    assert not personas.cell_a1_member.has_perm("registry.confirm_task", own)


def test_confirmed_task_is_no_longer_editable_by_its_person(client, personas):
    task = _task(personas.member_a1, done_on=date(2026, 3, 20))
    task_services.confirm_tasks([(task, TaskQuality.MET, task.version)], by=personas.district_a_officer)
    client.force_login(personas.cell_a1_member)
    assert client.get(reverse("web:task_edit", args=[task.pk])).status_code == 403


def test_stale_edit_is_refused_and_nothing_written(client, personas):
    task = _task(personas.member_a1)
    seen = task.version
    _task_change = Task.objects.get(pk=task.pk)
    _task_change.done_on = date(2026, 3, 1)
    task_services.save_task(_task_change, seen_version=seen)  # someone else's change
    client.force_login(personas.cell_a1_member)
    response = client.post(
        reverse("web:task_edit", args=[task.pk]), {**TASK_POST, "title": "Sửa sau", "version": seen}
    )
    assert response.status_code == 200
    assert "hãy tải lại trang" in response.content.decode()
    task.refresh_from_db()
    assert task.title == "Tổng hợp số liệu"


def test_confirming_a_task_not_done_is_refused(personas):
    task = _task(personas.member_a1)
    with pytest.raises(ValidationError):
        task_services.confirm_tasks([(task, TaskQuality.MET, task.version)], by=personas.district_a_officer)
    task.refresh_from_db()
    assert task.confirmed_at is None


def test_database_keeps_one_owner_per_task(personas):
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.create(
            person=personas.member_a1,
            organization=personas.cell_a1,
            title="x",
            assigned_on=date(2026, 1, 1),
            due_on=date(2026, 2, 1),
        )


def test_targets_page_officer_records_member_only_reads(client, personas):
    url = reverse("web:targets", args=[personas.commune_a1.pk]) + "?nam=2026"
    client.force_login(personas.district_a_officer)
    response = client.post(
        url,
        {
            "name": "Tỷ lệ hộ nghèo giảm",
            "unit": "%",
            "planned": "1.5",
            "achieved": "1.8",
            "met": "true",
            "is_basic": "on",
        },
    )
    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.year, target.met, target.is_basic) == (2026, True, True)
    assert AuditEvent.objects.filter(action="registry.target.created").exists()
    page = client.get(url).content.decode()
    assert "Đạt 1 trên 1 chỉ tiêu." in page
    client.force_login(personas.district_b_officer)
    assert client.get(url).status_code == 404
    client.force_login(personas.cell_a1_secretary)
    assert client.post(url, {"name": "Khác"}).status_code in (403, 404)
    assert Target.objects.count() == 1
