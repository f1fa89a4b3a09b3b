"""Fixtures for the questions channel (S-17) and reminders (S-10); makes the test URLconf importable."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)


@pytest.fixture
def channel(personas):
    """The personas plus an Organization Commission officer of district A and a province committee officer
    (a role above, but not one that answers), and an open 2023 campaign over the province."""
    from django.contrib.auth import get_user_model

    from xeploai.accounts.models import Role, RoleAssignment
    from xeploai.campaigns.models import Campaign, CampaignStatus

    p = personas
    User = get_user_model()
    p.district_a_commission = User.objects.create_user(username="district_a_commission", password="pw")
    RoleAssignment.objects.create(
        user=p.district_a_commission, role=Role.ORG_COMMISSION, organization=p.district_a
    )
    p.province_clerk = User.objects.create_user(username="province_clerk", password="pw")
    RoleAssignment.objects.create(user=p.province_clerk, role=Role.COMMITTEE_OFFICER, organization=p.province)
    p.campaign = Campaign.objects.create(
        year=2023,
        ruleset="kh181_2023",
        name="Đánh giá, xếp loại năm 2023",
        root=p.province,
        reference_date=dt.date(2023, 12, 15),
        status=CampaignStatus.OPEN,
    )
    return p
