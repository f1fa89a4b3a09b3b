"""What the API sends out. Every person field of the personal-data policy goes through
``xeploai.accounts.personal_data`` (the reader is built once per request): shown in full, masked (the last
four characters of an identity number, the year of a birth date) or not at all (null)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Schema

from xeploai.accounts.personal_data import (
    BIRTH_DATE,
    CITIZEN_ID,
    DISCIPLINE,
    PARTY_CARD,
    STATUSES,
    Reader,
    reader_for,
    shown,
)


def reader(request: HttpRequest) -> Reader:
    """The personal-data reader of the request's user, built once per request."""
    cached = getattr(request, "_api_reader", None)
    if cached is None:
        cached = reader_for(request.user)
        request._api_reader = cached  # type: ignore[attr-defined]
    return cached


def _path(org: Any) -> str | None:
    return org.path if org is not None else None


def person_paths(person: Any) -> tuple[str | None, str | None]:
    return (_path(person.party_organization), _path(person.workplace))


def policy_value(context: Any, person: Any, field_name: str, value: Any) -> Any:
    """``value`` of the policy field ``field_name`` of ``person`` as the request's user may read it."""
    levels = reader(context["request"]).levels(person.pk, person_paths(person))
    return shown(field_name, value, levels[field_name])


class OrganizationOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    tier: str
    parent_id: int | None
    depth: int
    founded_on: dt.date | None


class CollectiveOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    organization_id: int
    founded_on: dt.date | None


class PersonOut(Schema):
    """A person; ``citizen_id``, ``party_card_number`` and ``birth_date`` as the policy shows them (a masked
    birth date is its year: "1990")."""

    id: int
    code: str
    full_name: str
    gender: str
    birth_date: str | None
    citizen_id: str | None
    party_card_number: str | None
    party_organization_id: int | None
    workplace_id: int | None
    admitted_on: dt.date | None
    full_member_on: dt.date | None
    civil_service_category: str
    positions: str
    is_head: bool
    managing_committee_id: int | None
    employed_from: dt.date | None  # the start of work at the current agency
    led_unit_id: int | None  # a deputy's unit directly led

    @staticmethod
    def resolve_birth_date(obj: Any, context: Any) -> str | None:
        value = policy_value(context, obj, BIRTH_DATE, obj.birth_date)
        return value.isoformat() if isinstance(value, dt.date) else value

    @staticmethod
    def resolve_citizen_id(obj: Any, context: Any) -> str | None:
        return policy_value(context, obj, CITIZEN_ID, obj.citizen_id)

    @staticmethod
    def resolve_party_card_number(obj: Any, context: Any) -> str | None:
        return policy_value(context, obj, PARTY_CARD, obj.party_card_number)


class StatusOut(Schema):
    """A status period (exemption, suspension, leave); its ``note`` only for a reader of the statuses in
    full (it may carry health details)."""

    id: int
    person_id: int
    kind: str
    start: dt.date
    end: dt.date | None
    note: str | None

    @staticmethod
    def resolve_note(obj: Any, context: Any) -> str | None:
        return policy_value(context, obj.person, STATUSES, obj.note)


class DisciplineOut(Schema):
    """A discipline of a person, a collective or an organization; a person's ``note`` only for a reader of
    the discipline in full."""

    id: int
    person_id: int | None
    collective_id: int | None
    organization_id: int | None
    form: str
    side: str
    decided_on: dt.date
    violation_year: int
    violation_ref: str
    self_remedied: bool
    counted_before: bool  # already the basis of a KHTNV in an earlier year: not counted again (R-33d, R-76)
    note: str | None

    @staticmethod
    def resolve_note(obj: Any, context: Any) -> str | None:
        if obj.person_id is None:
            return obj.note
        return policy_value(context, obj.person, DISCIPLINE, obj.note)


class CampaignOut(Schema):
    """A campaign of a year (``period`` 0) or of one of its quarters (``period`` 1 to 4, R-100), with the
    period's label ("quý I năm 2026") and its first and last days."""

    id: int
    year: int
    period: int
    period_label: str
    period_start: dt.date
    period_end: dt.date
    name: str
    ruleset: str
    root_id: int
    reference_date: dt.date
    status: str
    opened_at: dt.datetime | None


class ReasonOut(Schema):
    rule_id: str
    code: str
    text: str
    citation: str = ""  # the document and article under the campaign's ruleset ("theo …")


class SubjectOut(Schema):
    """A subject of a campaign: who is reviewed and classified, with the reasons (rule ids) and the version
    a rating must be based on (``state_version``)."""

    id: int
    campaign_id: int
    subject_type: str
    name: str
    person_id: int | None
    collective_id: int | None
    organization_id: int | None
    unit_id: int
    review: bool
    classify: bool
    included: bool
    override: str
    reasons: list[ReasonOut]
    counted_to: dt.date
    state_version: int


class RatingOut(Schema):
    id: int
    subject_id: int
    stage: str
    level: int
    level_label: str
    score: Decimal | None
    justification: str
    author_name: str
    created_at: dt.datetime
    based_on_version: int
    rule_ids: list[str]


class OpinionOut(Schema):
    id: int
    subject_id: int
    source: str
    text: str
    proposed_level: int | None
    author_name: str
    created_at: dt.datetime


class ReviewOut(Schema):
    id: int
    subject_id: int
    status: str
    strengths: str
    limitations: str
    causes: str
    remedy_results: str
    explanations: str
    responsibility: str
    direction: str
    criteria: dict[str, int]
    score: Decimal | None
    general_points: Decimal | None  # HD43 part B: …/30
    task_points: Decimal | None  # HD43 part B: …/70
    self_party_level: int | None
    self_state_level: int | None
    submitted_at: dt.datetime | None


class ReviewMeetingOut(Schema):
    """An organization's review meeting: the six months are counted to it (S-04)."""

    id: int
    organization_id: int
    held_on: dt.date
    note: str


class TransferOut(Schema):
    """A move to the person's current cell (PARTY, R-16) or agency (STATE, R-28) during the year."""

    id: int
    person_id: int
    side: str
    moved_on: dt.date
    old_unit: str
    old_unit_from: dt.date | None
    comment_received: bool
    old_unit_exists: bool


class TemporaryActivityOut(Schema):
    """Temporary party activity at another cell (R-17)."""

    id: int
    person_id: int
    cell: str
    start: dt.date
    end: dt.date | None
    comment_received: bool


class ConclusionOut(Schema):
    """The competent level's conclusion of degradation (a person, R-33a) or of disunity (a collective or an
    organization, R-40a, R-37); a person's ``note`` only for a reader of the discipline in full."""

    id: int
    person_id: int | None
    collective_id: int | None
    organization_id: int | None
    concluded_on: dt.date
    note: str | None

    @staticmethod
    def resolve_note(obj: Any, context: Any) -> str | None:
        if obj.person_id is None:
            return obj.note
        return policy_value(context, obj.person, DISCIPLINE, obj.note)
