"""Appeals (kiến nghị, khiếu nại) on a published result, and their re-evaluation (R-81, R-89).

A subject (the person, or for a collective or an organization its secretary or committee officer) may
lodge an appeal within ``Campaign.appeal_window_days`` days after its latest result was published
(default 15 days; the plan does not fix the window, so it is a campaign parameter the organizing committee
sets). One appeal is open at a time. The directly superior committee — a standing committee at least two
levels above the subject's unit, i.e. above the committee that decided (R-86) — re-evaluates: it upholds
the result or re-classifies; a new level is written as new DECIDED and PUBLISHED rows, so the history
(first decision, appeal, re-evaluation) stays in the rows and the audit trail.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xeploai.accounts import predicates as P
from xeploai.audit.services import snapshot
from xeploai.rules import Level

from . import events, locks
from .checking import Entry
from .decisions import CAPPED, STALE, join_explained, rating_preview
from .models import Appeal, AppealStatus, Rating, RatingStage, Subject
from .rating_writes import ratings_write

NOT_OWN = _("Bạn không kiến nghị được về kết quả của đối tượng này.")
NOT_PUBLISHED = _("Kết quả chưa được công bố: chưa kiến nghị được.")
WINDOW_CLOSED = _(
    "Đã quá thời hạn kiến nghị: kết quả công bố ngày %(published)s, được kiến nghị trong %(days)s ngày "
    "(đến hết ngày %(until)s)."
)
ALREADY_OPEN = _("Đã có một kiến nghị đang được xem xét.")
TEXT_EMPTY = _("Hãy ghi nội dung kiến nghị.")
NOT_SUPERIOR = _("Chỉ cấp ủy cấp trên trực tiếp của cấp đã quyết định mới xem xét lại kiến nghị.")
ALREADY_RESOLVED = _("Kiến nghị này đã có kết luận.")
RESOLUTION_EMPTY = _("Hãy ghi kết luận xem xét kiến nghị.")


def published_rating(subject: Subject) -> Rating | None:
    return Rating.objects.filter(subject=subject, stage=RatingStage.PUBLISHED).order_by("-pk").first()


def appeal_deadline(subject: Subject) -> datetime | None:
    """The last moment an appeal may be lodged: publication + the campaign's window (end of that day)."""
    published = published_rating(subject)
    if published is None:
        return None
    day = timezone.localdate(published.created_at) + timedelta(days=subject.campaign.appeal_window_days)
    return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=timezone.get_current_timezone())


@transaction.atomic
def appeal_lodge(*, subject: Subject, by: AbstractBaseUser, text: str, now: datetime | None = None) -> Appeal:
    """Lodge an appeal on the subject's published result, within the window (R-81, R-89)."""
    now = now or timezone.now()
    subject = locks.subject_for_update(subject.pk)
    if not P.allowed(by, "lodge_appeal", subject):
        raise ValidationError(NOT_OWN)
    published = published_rating(subject)
    if published is None:
        raise ValidationError(NOT_PUBLISHED)
    until = appeal_deadline(subject)
    assert until is not None
    if now > until:
        raise ValidationError(
            WINDOW_CLOSED
            % {
                "published": f"{timezone.localdate(published.created_at):%d/%m/%Y}",
                "days": subject.campaign.appeal_window_days,
                "until": f"{until:%d/%m/%Y}",
            }
        )
    if Appeal.objects.filter(subject=subject, status=AppealStatus.OPEN).exists():
        raise ValidationError(ALREADY_OPEN)
    if not text.strip():
        raise ValidationError({"text": [str(TEXT_EMPTY)]})
    appeal = Appeal.objects.create(subject=subject, lodged_by=by, text=text.strip(), lodged_at=now)
    events.appeal_lodged_event(appeal=appeal, by=by)
    return appeal


@transaction.atomic
def appeal_resolve(
    *,
    appeal: Appeal,
    by: AbstractBaseUser,
    resolution: str,
    new_level: int | None,
    based_on_version: int,
) -> Appeal:
    """Uphold the result or re-classify (new DECIDED + PUBLISHED rows); the earlier rows stay (R-81)."""
    locks.campaign_for_rating(subject_pk=appeal.subject_id)
    subject = locks.subject_for_update(appeal.subject_id)
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if not P.allowed(by, "resolve_appeal", subject):
        raise ValidationError(NOT_SUPERIOR)
    if appeal.status != AppealStatus.OPEN:
        raise ValidationError(ALREADY_RESOLVED)
    if not resolution.strip():
        raise ValidationError({"resolution": [str(RESOLUTION_EMPTY)]})
    current = subject.state_version
    if current != based_on_version:
        raise ValidationError(STALE % {"current": current, "seen": based_on_version})
    published = published_rating(subject)
    changed = new_level is not None and published is not None and int(new_level) != published.level
    if changed:
        lvl = Level(int(new_level))  # type: ignore[arg-type]
        preview = rating_preview(subject=subject, stage=RatingStage.DECIDED, level=lvl)
        if preview.caps:
            why = join_explained(preview.caps, preview.ruleset)
            raise ValidationError(CAPPED % {"level": lvl.short, "why": why})
        justification = f"Xem xét lại theo kiến nghị #{appeal.pk}: {resolution.strip()}"
        ratings_write(
            entries=[Entry(subject.pk, RatingStage.DECIDED.value, lvl, None, justification)],
            by=by,
            versions={subject.pk: current},
            verdicts={(subject.pk, RatingStage.DECIDED.value): list(preview.findings)},
        )
        ratings_write(
            entries=[Entry(subject.pk, RatingStage.PUBLISHED.value, lvl, None, justification)],
            by=by,
            versions={subject.pk: current + 1},  # the DECIDED row just written
            verdicts={},
        )
        for stage in (RatingStage.DECIDED, RatingStage.PUBLISHED):
            rating = Rating.objects.filter(subject=subject, stage=stage).order_by("-pk").first()
            events.rating_recorded_event(rating=rating, by=by, before=None)
    before = snapshot(appeal)
    appeal.status = AppealStatus.CHANGED if changed else AppealStatus.UPHELD
    appeal.resolution = resolution.strip()
    appeal.new_level = int(new_level) if changed else None  # type: ignore[arg-type]
    appeal.resolved_by = by
    appeal.resolved_at = timezone.now()
    appeal.save()
    events.appeal_resolved_event(appeal=appeal, by=by, before=before)
    return appeal
