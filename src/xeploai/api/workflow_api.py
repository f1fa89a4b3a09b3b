"""Campaign writes: reviews, opinions, ballots, ratings of every stage, publication and appeals.

Each endpoint fetches the object as the pages do (``campaigns.access``: outside the user's subtree → 404,
an action the user may not do → 403), then calls the pages' own service (``campaigns.reviews``,
``campaigns.decisions``, ``campaigns.appeals``) with its checks and audit events, inside ``api_write``.
A rating or an appeal's resolution carries ``based_on_version`` (the subject's ``state_version`` the client
read): a stale one is refused with 409, as the pages refuse a stale form.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, Literal, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.responses import Status

from xeploai.accounts import predicates as P
from xeploai.accounts.access import get_organization_for_user
from xeploai.api.campaigns_api import opinion_out, rating_out, router
from xeploai.api.errors import Conflict, responses
from xeploai.api.schemas import OpinionOut, RatingOut, ReviewOut
from xeploai.api.writes import api_write
from xeploai.campaigns import appeals, decisions, reviews
from xeploai.campaigns.access import get_campaign_for_user, get_subject_for_user, subjects_visible_to
from xeploai.campaigns.decisions import STALE
from xeploai.campaigns.models import Appeal, OpinionSource, Subject

T = TypeVar("T")
TEXT = 20_000
LevelValue = int


class ReviewIn(Schema):
    """The review form (conventions.md §2.2, §2.3): sections I–VII, a grade (0–3) per criterion code, or a
    score out of 100 when the ruleset scores (R-58) — on the HD43 forms the general group's points (…/30)
    and the task results' (…/70), whose sum is the total — and the self-proposed levels (0–3)."""

    strengths: str = Field("", max_length=TEXT)
    limitations: str = Field("", max_length=TEXT)
    causes: str = Field("", max_length=TEXT)
    remedy_results: str = Field("", max_length=TEXT)
    explanations: str = Field("", max_length=TEXT)
    responsibility: str = Field("", max_length=TEXT)
    direction: str = Field("", max_length=TEXT)
    criteria: dict[str, int] = Field(default_factory=dict, max_length=50)
    score: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)
    # Part B of the HD43 forms (QĐ366 rulesets): the total is their sum (campaigns.review_forms).
    general_points: Decimal | None = Field(None, ge=0, le=30, max_digits=4, decimal_places=2)
    task_points: Decimal | None = Field(None, ge=0, le=70, max_digits=4, decimal_places=2)
    self_party_level: int | None = Field(None, ge=0, le=3)
    self_state_level: int | None = Field(None, ge=0, le=3)

    def form_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(self, name) for name in reviews.TEXT_SECTIONS}
        data.update({f"criterion_{code[:40]}": grade for code, grade in self.criteria.items()})
        data.update(
            score=self.score, self_party_level=self.self_party_level, self_state_level=self.self_state_level
        )
        data.update(general_points=self.general_points, task_points=self.task_points)
        return data


class OpinionIn(Schema):
    source: str = Field(..., max_length=20, description="OpinionSource: CELL_COMMITTEE, RESIDENCE, …")
    text: str = Field(..., max_length=TEXT)
    proposed_level: int | None = Field(None, ge=0, le=3)


class BallotIn(Schema):
    """The cell's tally (R-83): counts per level and attendance, never per voter."""

    votes_excellent: int = Field(0, ge=0, le=100_000)
    votes_good: int = Field(0, ge=0, le=100_000)
    votes_completed: int = Field(0, ge=0, le=100_000)
    votes_not_completed: int = Field(0, ge=0, le=100_000)
    present: int = Field(..., ge=0, le=100_000)
    eligible: int = Field(..., ge=0, le=100_000)


class BallotOut(Schema):
    subject_id: int
    votes_excellent: int
    votes_good: int
    votes_completed: int
    votes_not_completed: int
    present: int
    eligible: int


class RatingIn(Schema):
    stage: Literal["PROPOSED", "APPRAISED", "DECIDED"]
    level: int = Field(..., ge=0, le=3, description="3 HTXSNV, 2 HTTNV, 1 HTNV, 0 KHTNV")
    based_on_version: int = Field(..., ge=0, le=2_000_000_000)
    justification: str = Field("", max_length=TEXT)
    score: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)
    # Part B of the HD43 forms (QĐ366 rulesets): the total is their sum (campaigns.review_forms).
    general_points: Decimal | None = Field(None, ge=0, le=30, max_digits=4, decimal_places=2)
    task_points: Decimal | None = Field(None, ge=0, le=70, max_digits=4, decimal_places=2)


class PublishIn(Schema):
    organization: int = Field(..., ge=1, le=2_000_000_000)


class PublishOut(Schema):
    published: int
    subjects: list[int]


class AppealIn(Schema):
    text: str = Field(..., max_length=TEXT)


class ResolveIn(Schema):
    resolution: str = Field(..., max_length=TEXT)
    new_level: int | None = Field(None, ge=0, le=3)
    based_on_version: int = Field(..., ge=0, le=2_000_000_000)


class AppealOut(Schema):
    id: int
    subject_id: int
    text: str
    status: str
    resolution: str
    new_level: int | None


def _stale_or(subject_pk: int, seen: int, exc: ValidationError) -> Exception:
    """409 when the subject's version moved away from ``seen`` (a concurrent write); else the refusal."""
    current = Subject.objects.get(pk=subject_pk).state_version
    if current != seen:
        return Conflict(str(STALE % {"current": current, "seen": seen}))
    return exc


def _versioned(subject: Subject, seen: int, call: Callable[[], T]) -> T:
    """Refuse a stale ``seen`` version with 409 before and after the service's own check."""
    if subject.state_version != seen:
        raise Conflict(str(STALE % {"current": subject.state_version, "seen": seen}))
    try:
        return call()
    except ValidationError as exc:
        raise _stale_or(subject.pk, seen, exc) from None


@router.put("/subjects/{subject_id}/review", response=responses(ReviewOut), summary="Lưu nháp bản kiểm điểm")
def review_save(request: HttpRequest, subject_id: int, payload: ReviewIn) -> Any:
    """Save the review as a draft (S-13: only after the collective's review is submitted)."""
    subject = get_subject_for_user(request.user, subject_id, action="write_review")
    with api_write(request, "review.save"):
        return reviews.review_save(subject=subject, by=request.user, data=payload.form_data())


@router.post(
    "/subjects/{subject_id}/review/submit", response=responses(ReviewOut), summary="Nộp bản kiểm điểm"
)
def review_submit(request: HttpRequest, subject_id: int, payload: ReviewIn) -> Any:
    """Save and submit (S-14: limitations, causes and — for a leader or a collective — responsibility
    filled in); writes the SELF ratings."""
    subject = get_subject_for_user(request.user, subject_id, action="write_review")
    with api_write(request, "review.submit"):
        return reviews.review_submit(subject=subject, by=request.user, data=payload.form_data())


@router.post(
    "/subjects/{subject_id}/opinions", response=responses(OpinionOut, status=201), summary="Thêm ý kiến"
)
def opinion_add(request: HttpRequest, subject_id: int, payload: OpinionIn) -> Status[dict[str, Any]]:
    """One side's opinion (S-12, S-15, S-16, R-82): each source is written by its own role only."""
    subject = get_subject_for_user(request.user, subject_id)
    if payload.source not in OpinionSource.values:
        raise ValidationError({"source": [_("Nguồn ý kiến không hợp lệ.")]})
    if not (P.is_superuser(request.user) or P.can_write_opinion(request.user, subject, payload.source)):
        label = OpinionSource(payload.source).label
        raise PermissionDenied(str(decisions.OPINION_NOT_ALLOWED % {"source": label}))
    with api_write(request, "opinion.add"):
        opinion = decisions.opinion_add(
            subject=subject,
            by=request.user,
            source=payload.source,
            text=payload.text,
            proposed_level=payload.proposed_level,
        )
    return Status(201, opinion_out(opinion))


@router.post("/subjects/{subject_id}/ballot", response=responses(BallotOut), summary="Kết quả biểu quyết")
def ballot_record(request: HttpRequest, subject_id: int, payload: BallotIn) -> Any:
    """The cell's ballot for a subject (R-83)."""
    subject = get_subject_for_user(request.user, subject_id, action="record_ballot")
    votes = {
        3: payload.votes_excellent,
        2: payload.votes_good,
        1: payload.votes_completed,
        0: payload.votes_not_completed,
    }
    with api_write(request, "ballot.record"):
        ballot = decisions.ballot_record(
            subject=subject, by=request.user, votes=votes, present=payload.present, eligible=payload.eligible
        )
    return ballot


STAGE_ACTIONS = {"PROPOSED": "propose", "APPRAISED": "appraise", "DECIDED": "decide"}


@router.post(
    "/subjects/{subject_id}/ratings", response=responses(RatingOut, status=201), summary="Ghi mức xếp loại"
)
def rating_record(request: HttpRequest, subject_id: int, payload: RatingIn) -> Status[dict[str, Any]]:
    """A PROPOSED (R-82), APPRAISED (S-16) or DECIDED (R-86) level, after every check of the pages: caps and
    linkage, the order of R-70, the quota of R-50 (over it only with a justification, by a committee
    competent for the whole scope), the ballot (R-83); 409 on a stale ``based_on_version``."""
    subject = get_subject_for_user(request.user, subject_id, action=STAGE_ACTIONS[payload.stage])
    with api_write(request, f"rating.{payload.stage.lower()}"):
        rating = _versioned(
            subject,
            payload.based_on_version,
            lambda: decisions.rating_record(
                subject=subject,
                stage=payload.stage,
                level=payload.level,
                by=request.user,
                based_on_version=payload.based_on_version,
                justification=payload.justification,
                score=payload.score,
            ),
        )
    return Status(201, rating_out(rating))


@router.post("/campaigns/{campaign_id}/publish", response=responses(PublishOut), summary="Công bố kết quả")
def publish(request: HttpRequest, campaign_id: int, payload: PublishIn) -> Any:
    """Publish every decided, not yet published result under ``organization`` (R-88)."""
    campaign = get_campaign_for_user(request.user, campaign_id)
    root = get_organization_for_user(request.user, payload.organization)
    if not request.user.has_perm("campaigns.publish_results", root):
        raise PermissionDenied(str(decisions.PUBLISH_NOT_ALLOWED))
    with api_write(request, "rating.publish"):
        result = decisions.results_publish(campaign=campaign, root=root, by=request.user)
    return PublishOut(published=result.published, subjects=result.subjects)


def appeal_out(a: Appeal) -> dict[str, Any]:
    return {
        "id": a.pk,
        "subject_id": a.subject_id,
        "text": a.text,
        "status": a.status,
        "resolution": a.resolution,
        "new_level": a.new_level,
    }


@router.post(
    "/subjects/{subject_id}/appeals", response=responses(AppealOut, status=201), summary="Gửi kiến nghị"
)
def appeal_lodge(request: HttpRequest, subject_id: int, payload: AppealIn) -> Status[dict[str, Any]]:
    """The subject asks for a review of its published result within the window (R-81, R-89)."""
    subject = get_subject_for_user(request.user, subject_id, action="lodge_appeal")
    with api_write(request, "appeal.lodge"):
        appeal = appeals.appeal_lodge(subject=subject, by=request.user, text=payload.text)
    return Status(201, appeal_out(appeal))


@router.post("/appeals/{appeal_id}/resolve", response=responses(AppealOut), summary="Kết luận kiến nghị")
def appeal_resolve(request: HttpRequest, appeal_id: int, payload: ResolveIn) -> Any:
    """The committee above the deciding one upholds or re-classifies (R-81); 409 on a stale version."""
    appeal = Appeal.objects.filter(pk=appeal_id, subject__in=subjects_visible_to(request.user)).first()
    if appeal is None:
        raise Http404(_("Không tìm thấy kiến nghị."))
    subject = get_subject_for_user(request.user, appeal.subject_id, action="resolve_appeal")
    with api_write(request, "appeal.resolve"):
        resolved = _versioned(
            subject,
            payload.based_on_version,
            lambda: appeals.appeal_resolve(
                appeal=appeal,
                by=request.user,
                resolution=payload.resolution,
                new_level=payload.new_level,
                based_on_version=payload.based_on_version,
            ),
        )
    return appeal_out(resolved)
