"""Deadline reminders by e-mail (S-10: grassroots before 15/10/2023, district before 30/11/2023, …).

For each open campaign, every deadline due in exactly N days (7 and 1 by default) is e-mailed to the users
holding CELL_SECRETARY or COMMITTEE_OFFICER at organizations of the deadline's tier inside the campaign's
root subtree: one message per user and deadline, listing their organizations. Each message sent is
recorded (``SentReminder``), so a second run on the same day sends nothing again. Users without an e-mail
address are reported as skipped.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from xeploai.accounts.models import Role, RoleAssignment
from xeploai.campaigns.models import CampaignStatus, Deadline
from xeploai.questions.models import SentReminder
from xeploai.registry.models import in_subtree

DEFAULT_DAYS = (7, 1)
RECIPIENT_ROLES = (Role.CELL_SECRETARY, Role.COMMITTEE_OFFICER)


@dataclass
class ReminderReport:
    sent: list[tuple[str, str]] = field(default_factory=list)  # (e-mail, deadline)
    already_sent: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (username, organizations) without e-mail


def deadlines_due(*, today: dt.date, days: int) -> list[Deadline]:
    """Deadlines of open campaigns due exactly ``days`` after ``today``."""
    return list(
        Deadline.objects.filter(campaign__status=CampaignStatus.OPEN, due_on=today + dt.timedelta(days=days))
        .select_related("campaign", "campaign__root")
        .order_by("due_on", "campaign_id", "tier", "kind")
    )


def recipients(deadline: Deadline) -> dict[object, list[str]]:
    """User → names of their organizations the deadline concerns (tier, root subtree, role)."""
    root = deadline.campaign.root.path
    rows = (
        RoleAssignment.objects.filter(
            in_subtree("organization__path", root), role__in=RECIPIENT_ROLES, organization__tier=deadline.tier
        )
        .select_related("user", "organization")
        .order_by("user_id", "organization__path")
    )
    found: dict[object, list[str]] = defaultdict(list)
    for ra in rows:
        if ra.user.is_active and ra.organization.name not in found[ra.user]:
            found[ra.user].append(ra.organization.name)
    return found


def _message(deadline: Deadline, user: object, organizations: list[str], days: int) -> tuple[str, str]:
    params = {
        "kind": deadline.get_kind_display(), "tier": deadline.get_tier_display(),
        "campaign": deadline.campaign.name, "due": deadline.due_on.strftime("%d/%m/%Y"), "days": days,
        "rule": deadline.rule_id or "S-10", "orgs": "; ".join(organizations),
        "name": user.get_full_name() or user.get_username(),  # type: ignore[attr-defined]
    }
    subject = _("Nhắc hạn: %(kind)s trước ngày %(due)s") % params
    body = _(
        "Kính gửi %(name)s,\n\n"
        "Nhắc hạn: %(kind)s (%(tier)s) của %(campaign)s phải hoàn thành trước ngày %(due)s "
        "(còn %(days)s ngày; căn cứ %(rule)s).\n"
        "Đơn vị: %(orgs)s\n\n"
        "Thư này được gửi tự động từ hệ thống xếp loại chất lượng."
    ) % params
    return subject, body


def reminders_send(*, today: dt.date, days: tuple[int, ...] = DEFAULT_DAYS) -> ReminderReport:
    """Send the reminders due ``today`` (S-10); idempotent per day."""
    report = ReminderReport()
    with translation.override(settings.LANGUAGE_CODE):
        for n in sorted(set(days), reverse=True):
            for deadline in deadlines_due(today=today, days=n):
                sent_today = SentReminder.objects.filter(deadline=deadline, sent_on=today)
                already = set(sent_today.values_list("user_id", flat=True))
                for user, organizations in recipients(deadline).items():
                    if user.pk in already:
                        report.already_sent += 1
                        continue
                    if not user.email:
                        report.skipped.append((user.get_username(), "; ".join(organizations)))
                        continue
                    subject, body = _message(deadline, user, organizations, n)
                    try:
                        with transaction.atomic():
                            # Record first: if two runs race, the unique constraint stops the second.
                            SentReminder.objects.create(
                                deadline=deadline, user=user, sent_on=today, days_before=n, email=user.email
                            )
                            send_mail(subject, body, None, [user.email])
                    except IntegrityError:
                        report.already_sent += 1
                        continue
                    report.sent.append((user.email, str(deadline)))
    return report
