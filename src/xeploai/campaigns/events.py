"""Audit events of the campaign workflow: one function per event type (style example 5).

Services call these inside their transaction; views never do. Each records who (the ``by`` user, else
the request's audit context), when, the client IP (audit context), the subject and its organization path
(who may read the event), and the values before and after.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from xeploai.audit.services import audit_record, snapshot


def _record(
    action: str,
    *,
    obj: models.Model,
    by: Any,
    subject: Any = None,
    before: Any = None,
    after: Any = None,
    org_path: str = "",
) -> None:
    audit_record(
        action=action, obj=obj, actor=by, subject=subject, before=before, after=after, org_path=org_path
    )


def campaign_created_event(*, campaign: Any, by: Any) -> None:
    _record("campaign.created", obj=campaign, by=by, after=snapshot(campaign), org_path=campaign.root.path)


def campaign_opened_event(*, campaign: Any, by: Any, summary: dict[str, Any]) -> None:
    _record("campaign.opened", obj=campaign, by=by, after=summary, org_path=campaign.root.path)


def deadline_changed_event(*, deadline: Any, by: Any, before: dict[str, Any]) -> None:
    path = deadline.campaign.root.path
    _record(
        "campaign.deadline_changed",
        obj=deadline,
        by=by,
        before=before,
        after=snapshot(deadline),
        org_path=path,
    )


def subject_override_event(*, subject: Any, by: Any, before: dict[str, Any]) -> None:
    after = snapshot(subject, exclude=["reason_details"])
    _record("subject.override", obj=subject, by=by, subject=subject, before=before, after=after)


def review_saved_event(*, review: Any, by: Any, before: dict[str, Any] | None) -> None:
    _record("review.saved", obj=review, by=by, subject=review.subject, before=before, after=snapshot(review))


def review_submitted_event(*, review: Any, by: Any, before: dict[str, Any]) -> None:
    _record(
        "review.submitted", obj=review, by=by, subject=review.subject, before=before, after=snapshot(review)
    )


def evidence_added_event(*, evidence: Any, by: Any) -> None:
    _record("evidence.added", obj=evidence, by=by, subject=evidence.review.subject, after=snapshot(evidence))


def opinion_added_event(*, opinion: Any, by: Any) -> None:
    _record("opinion.added", obj=opinion, by=by, subject=opinion.subject, after=snapshot(opinion))


def ballot_recorded_event(*, ballot: Any, by: Any, before: dict[str, Any] | None) -> None:
    _record(
        "ballot.recorded", obj=ballot, by=by, subject=ballot.subject, before=before, after=snapshot(ballot)
    )


def rating_recorded_event(*, rating: Any, by: Any, before: dict[str, Any] | None) -> None:
    """Record ``rating.<stage>``: self, proposed, appraised, decided or published."""
    action = f"rating.{rating.stage.lower()}"
    _record(action, obj=rating, by=by, subject=rating.subject, before=before, after=snapshot(rating))


def appeal_lodged_event(*, appeal: Any, by: Any) -> None:
    _record("appeal.lodged", obj=appeal, by=by, subject=appeal.subject, after=snapshot(appeal))


def appeal_resolved_event(*, appeal: Any, by: Any, before: dict[str, Any]) -> None:
    _record(
        "appeal.resolved", obj=appeal, by=by, subject=appeal.subject, before=before, after=snapshot(appeal)
    )


def quota_exception_event(
    *, decision: Any, by: Any, org_path: str, before: dict[str, Any] | None = None
) -> None:
    """R-50h: a raised quota share recorded (``before`` None) or revoked (``before`` its last state)."""
    if before is None:
        _record("quota_exception.granted", obj=decision, by=by, after=snapshot(decision), org_path=org_path)
    else:
        _record("quota_exception.revoked", obj=decision, by=by, before=before, org_path=org_path)
