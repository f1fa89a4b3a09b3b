"""R-50h (QĐ366 Điều 11): the competent level raises one quota scope's HTXS share to 25 % for an
outstanding unit, as a recorded decision with its reason.

A decision names the scope's organization and quota family (``scope_org``: R-50 the grassroots
organization, R-50c the committee the collectives are under, R-50g the agency); it is made and revoked by
the standing committee competent over quota for that organization (``can_decide_over_quota``), only under a
ruleset that allows it (``Ruleset.quota_exception_share``), and audited. ``checking.stage_quota`` reads a
campaign's decisions in one query (``scope_exceptions``) and passes them to the core.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xeploai.accounts import predicates as P
from xeploai.accounts.names import person_name
from xeploai.audit.services import snapshot
from xeploai.registry.models import Organization
from xeploai.rules import QuotaException as CoreException
from xeploai.rules import QuotaKind

from . import events
from .models import Campaign, QuotaException
from .ruleset_plan import ruleset_of

__all__ = [
    "EXCEPTION_KINDS",
    "ExceptionRow",
    "exception_rows",
    "may_raise",
    "quota_exception_grant",
    "quota_exception_revoke",
    "raised_scopes",
    "scope_exceptions",
    "scope_org",
]

# The families whose scope is one organization (the others, R-50d titles and R-50b types, have none).
EXCEPTION_KINDS = frozenset({QuotaKind.PARTY_MEMBERS, QuotaKind.COLLECTIVES, QuotaKind.CIVIL_SERVANTS})

NOT_ALLOWED = _("Bộ quy tắc của đợt đánh giá này không cho phép nâng tỷ lệ hoàn thành xuất sắc.")
NOT_COMPETENT = _(
    "Chỉ ban thường vụ có thẩm quyền quyết định vượt tỷ lệ của %(org)s mới được nâng tỷ lệ của phạm vi này."
)
REASON_REQUIRED = _("Hãy ghi lý do nâng tỷ lệ (thành tích nổi bật của đơn vị).")
NO_ORGANIZATION = _("Nhóm tỷ lệ này không gắn với một tổ chức, cơ quan: không nâng tỷ lệ được.")
OUTSIDE = _("Tổ chức %(org)s không thuộc đợt đánh giá này.")
ALREADY = _("Phạm vi này của %(org)s đã có quyết định nâng tỷ lệ.")


def scope_org(kind: QuotaKind, scope: Any) -> int | None:
    """The organization a quota scope is held by (``checking.quota_scope``), None where it has none."""
    if kind in (QuotaKind.PARTY_MEMBERS, QuotaKind.COLLECTIVES):
        return scope[1]  # type: ignore[no-any-return]
    if kind is QuotaKind.CIVIL_SERVANTS:
        return scope[0]  # type: ignore[no-any-return]
    return None


def scope_exceptions(campaign: Campaign) -> dict[tuple[QuotaKind, int], CoreException]:
    """The campaign's R-50h decisions for the core, by (quota family, organization id): one query."""
    rows = QuotaException.objects.filter(campaign=campaign).values_list(
        "kind", "organization_id", "share_percent", "decided_by_name", "decided_at", "reason"
    )
    return {
        (QuotaKind(kind), org_id): CoreException((share, 100), name, timezone.localdate(at), reason)
        for kind, org_id, share, name, at, reason in rows
    }


def may_raise(user: Any, organization: Organization) -> bool:
    """The standing committee competent over quota for ``organization`` (R-50h, R-86)."""
    return P.can_decide_over_quota(user, organization.path, scope_path=organization.path)


def _checked(campaign: Campaign, organization: Organization, kind: QuotaKind, by: Any) -> int:
    """Refuse a decision the ruleset, the scope or the user does not allow; return the share (%)."""
    share = ruleset_of(campaign).quota_exception_share
    if share is None:
        raise ValidationError(NOT_ALLOWED)
    if kind not in EXCEPTION_KINDS:
        raise ValidationError(NO_ORGANIZATION)
    if not organization.path.startswith(campaign.root.path):
        raise ValidationError(OUTSIDE % {"org": organization.name})
    if not may_raise(by, organization):
        raise ValidationError(NOT_COMPETENT % {"org": organization.name})
    return round(100 * share[0] / share[1])


@transaction.atomic
def quota_exception_grant(
    *,
    campaign: Campaign,
    organization: Organization,
    kind: QuotaKind | str,
    by: AbstractBaseUser,
    reason: str,
) -> QuotaException:
    """Record that the competent level raised the scope's share to the ruleset's (25 %), with its reason."""
    family = QuotaKind(kind)
    share = _checked(campaign, organization, family, by)
    if not reason.strip():
        raise ValidationError({"reason": [str(REASON_REQUIRED)]})
    try:
        with transaction.atomic():
            decision = QuotaException.objects.create(
                campaign=campaign,
                organization=organization,
                kind=family.value,
                share_percent=share,
                reason=reason.strip(),
                decided_by=by,
                decided_by_name=person_name(by),
                decided_at=timezone.now(),
            )
    except IntegrityError:
        raise ValidationError(ALREADY % {"org": organization.name}) from None
    events.quota_exception_event(decision=decision, by=by, org_path=organization.path)
    return decision


@transaction.atomic
def quota_exception_revoke(*, decision: QuotaException, by: AbstractBaseUser) -> None:
    """Revoke an R-50h decision: the scope is held to 20 % again."""
    organization = decision.organization
    _checked(decision.campaign, organization, QuotaKind(decision.kind), by)
    before = snapshot(decision)
    events.quota_exception_event(decision=decision, by=by, org_path=organization.path, before=before)
    decision.delete()


def raised_scopes(
    kind: QuotaKind, scopes: list[Hashable], raised: dict[tuple[QuotaKind, int], CoreException]
) -> dict[Hashable, CoreException]:
    """The scopes of ``kind`` whose organization has an R-50h decision, for ``solve_quota(exceptions=…)``."""
    out: dict[Hashable, CoreException] = {}
    if not raised or kind not in EXCEPTION_KINDS:
        return out
    for scope in scopes:
        found = raised.get((kind, scope_org(kind, scope)))  # type: ignore[arg-type]
        if found is not None:
            out[scope] = found
    return out


@dataclass(frozen=True, slots=True)
class ExceptionRow:
    """One unit of the quota page that may be raised to 25 % (R-50h): its decision, if any, and whether
    the reader may make or revoke it."""

    family: str
    kind_label: str
    organization_id: int
    organization_name: str
    decision: QuotaException | None
    can_change: bool


def exception_rows(*, campaign: Campaign, rows: Iterable[Any], user: Any) -> list[ExceptionRow]:
    """The units of the quota rows ``rows`` whose share may be raised (R-50h), with their decisions.

    Empty when the campaign's ruleset has no raised share (``kh181-2023``). Two queries: the units and the
    campaign's decisions."""
    if ruleset_of(campaign).quota_exception_share is None:
        return []
    wanted: dict[tuple[QuotaKind, int], str] = {}
    for row in rows:
        org_id = scope_org(row.family, row.scope) if row.family in EXCEPTION_KINDS else None
        if org_id is not None:
            wanted.setdefault((row.family, org_id), row.kind)
    orgs = Organization.objects.in_bulk({org_id for _kind, org_id in wanted})
    decisions = {
        (QuotaKind(d.kind), d.organization_id): d for d in QuotaException.objects.filter(campaign=campaign)
    }
    out = [
        ExceptionRow(
            kind.value,
            label,
            org_id,
            orgs[org_id].name,
            decisions.get((kind, org_id)),
            may_raise(user, orgs[org_id]),
        )
        for (kind, org_id), label in wanted.items()
        if org_id in orgs
    ]
    out.sort(key=lambda r: (r.decision is None, r.kind_label, r.organization_name))
    return out
