"""S-10 deadline reminders: who gets them, when, in Vietnamese, once a day, and who is skipped."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from xeploai.accounts.models import Role, RoleAssignment
from xeploai.campaigns.models import Campaign, CampaignStatus, Deadline, DeadlineKind
from xeploai.questions.models import SentReminder


@pytest.fixture
def deadlines(channel):
    """S-10 deadlines of the open campaign, and recipients at the grassroots tier (one without e-mail)."""
    from django.contrib.auth import get_user_model

    p = channel
    User = get_user_model()
    p.commune_officer = User.objects.create_user(
        username="commune_a1_officer", password="pw", email="xa.a1@example.vn", first_name="Võ Thị Hạnh"
    )
    RoleAssignment.objects.create(
        user=p.commune_officer, role=Role.COMMITTEE_OFFICER, organization=p.commune_a1
    )
    p.cell_b1_secretary = User.objects.create_user(username="cell_b1_secretary", password="pw")  # no e-mail
    RoleAssignment.objects.create(user=p.cell_b1_secretary, role=Role.CELL_SECRETARY, organization=p.cell_b1)
    p.district_a_officer.email = "huyen.a@example.vn"
    p.district_a_officer.save()
    p.district_b_officer.email = "huyen.b@example.vn"
    p.district_b_officer.save()
    p.cell_a1_member.email = "dangvien@example.vn"  # a MEMBER: never a recipient
    p.cell_a1_member.save()
    p.grassroots = Deadline.objects.create(
        campaign=p.campaign,
        tier="GRASSROOTS",
        kind=DeadlineKind.REVIEW_AND_REPORT,
        due_on=dt.date(2023, 10, 15),
        rule_id="S-10",
    )
    p.district = Deadline.objects.create(
        campaign=p.campaign,
        tier="DISTRICT",
        kind=DeadlineKind.REVIEW_AND_REPORT,
        due_on=dt.date(2023, 11, 30),
        rule_id="S-10",
    )
    return p


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_s10_seven_days_before_the_grassroots_deadline(deadlines):
    out = run("--today", "08/10/2023")
    assert [m.to for m in mail.outbox] == [["xa.a1@example.vn"]]
    message = mail.outbox[0]
    assert message.subject.startswith("Nhắc hạn:")
    assert "trước ngày 15/10/2023" in message.body
    assert "Kính gửi Võ Thị Hạnh" in message.body
    assert "Đảng bộ xã A1" in message.body
    assert "còn 7 ngày" in message.body
    # The grassroots cell of district B has a secretary without an e-mail: listed as skipped.
    assert "Bỏ qua (không có e-mail): cell_b1_secretary — Chi bộ Trường Tiểu học B" in out


def test_s10_one_day_before_too(deadlines):
    run("--today", "14/10/2023")
    assert [m.to for m in mail.outbox] == [["xa.a1@example.vn"]]
    assert "còn 1 ngày" in mail.outbox[0].body


def test_s10_nothing_on_other_days(deadlines):
    out = run("--today", "09/10/2023")
    assert mail.outbox == []
    assert "đã gửi 0 thư" in out


def test_s10_second_run_the_same_day_sends_nothing(deadlines):
    run("--today", "08/10/2023")
    out = run("--today", "08/10/2023")
    assert len(mail.outbox) == 1
    assert "đã gửi 0 thư, 1 thư đã gửi trước đó" in out
    assert SentReminder.objects.get().user == deadlines.commune_officer


def test_s10_district_tier_with_chosen_days(deadlines):
    run("--today", "16/11/2023", "--days", "14")
    assert sorted(m.to[0] for m in mail.outbox) == ["huyen.a@example.vn", "huyen.b@example.vn"]
    assert all("trước ngày 30/11/2023" in m.body for m in mail.outbox)


def test_s10_only_inside_the_campaigns_root(deadlines):
    other = Campaign.objects.create(
        year=2024,
        ruleset="kh181_2023",
        name="Huyện B 2024",
        root=deadlines.district_b,
        reference_date=dt.date(2024, 12, 15),
        status=CampaignStatus.OPEN,
    )
    Deadline.objects.create(
        campaign=other, tier="DISTRICT", kind=DeadlineKind.REVIEW_AND_REPORT, due_on=dt.date(2024, 11, 30)
    )
    run("--today", "23/11/2024")
    assert [m.to for m in mail.outbox] == [["huyen.b@example.vn"]]


@pytest.mark.parametrize("status", [CampaignStatus.DRAFT, CampaignStatus.CLOSED])
def test_s10_campaigns_not_open_send_nothing(deadlines, status):
    deadlines.campaign.status = status
    deadlines.campaign.save()
    run("--today", "08/10/2023")
    assert mail.outbox == []


def test_bad_date_is_refused_in_vietnamese(db):
    with pytest.raises(CommandError, match="DD/MM/YYYY"):
        run("--today", "2023-10-08")
