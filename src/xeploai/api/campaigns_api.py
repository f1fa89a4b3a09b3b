"""Campaign endpoints (reads): campaigns, their subjects with the reasons, and each subject's review,
opinions and ratings of every stage.

Objects come from the same subtree querysets as the pages (``campaigns.access``: outside → 404, an action
not allowed → 403). The review record (ratings, reviews, opinions) is the RATINGS field of the
personal-data policy; a subject reads its own levels beyond its self-evaluation only once published
(R-88, ``predicates.can_see_results``), as on the subject page.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from xeploai.accounts import predicates as P
from xeploai.accounts.access import get_organization_for_user
from xeploai.api.errors import responses
from xeploai.api.pagination import Pages
from xeploai.api.schemas import CampaignOut, OpinionOut, RatingOut, ReasonOut, ReviewOut, SubjectOut
from xeploai.campaigns.access import (
    campaigns_visible_to,
    get_campaign_for_user,
    get_subject_for_user,
    subjects_visible_to,
)
from xeploai.campaigns.decisions import is_published
from xeploai.campaigns.models import Campaign, Opinion, Rating, RatingStage, Review, Subject
from xeploai.campaigns.page_data import reason_sentences, subject_name
from xeploai.campaigns.ruleset_plan import ruleset_of
from xeploai.rules import Level

router = Router(tags=["campaigns"])
SUBJECT_RELATED = ("person", "collective", "organization", "campaign")


def subject_out(subject: Subject, n_ratings: int | None = None) -> dict[str, Any]:
    """The subject as ``SubjectOut`` reads it (``n_ratings`` when the list counted them in its query)."""
    texts = reason_sentences(subject, ruleset_of(subject.campaign).code)
    reasons = [
        ReasonOut(rule_id=d.get("rule_id", ""), code=d.get("code", ""), text=t.text, citation=t.citation)
        for d, t in zip(subject.reason_details or [], texts)
    ]
    count = n_ratings if n_ratings is not None else subject.ratings.count()
    return {
        "id": subject.pk,
        "campaign_id": subject.campaign_id,
        "subject_type": subject.subject_type,
        "name": subject_name(subject),
        "person_id": subject.person_id,
        "collective_id": subject.collective_id,
        "organization_id": subject.organization_id,
        "unit_id": subject.unit_id,
        "review": subject.review,
        "classify": subject.classify,
        "included": subject.included,
        "override": subject.override,
        "reasons": reasons,
        "counted_to": subject.counted_to,
        "state_version": subject.version + count,
    }


@router.get("/campaigns", response=responses(list[CampaignOut]), summary="Đợt đánh giá")
@paginate(Pages)
def campaigns(
    request: HttpRequest,
    year: int | None = Query(None, ge=1900, le=9999),
    period: int | None = Query(None, ge=0, le=4, description="0: the year's campaign; 1 to 4: a quarter's"),
) -> QuerySet[Campaign]:
    """The campaigns the user sees, of ``year`` and of ``period`` (0 the year, 1 to 4 a quarter, R-100)."""
    qs = campaigns_visible_to(request.user)
    if year is not None:
        qs = qs.filter(year=year)
    if period is not None:
        qs = qs.filter(period=period)
    return qs.order_by("-year", "period", "pk")


@router.get("/campaigns/{campaign_id}", response=responses(CampaignOut), summary="Một đợt đánh giá")
def campaign(request: HttpRequest, campaign_id: int) -> Campaign:
    return get_campaign_for_user(request.user, campaign_id)


@router.get(
    "/campaigns/{campaign_id}/subjects", response=responses(list[SubjectOut]), summary="Đối tượng của đợt"
)
@paginate(Pages)
def subjects(
    request: HttpRequest, campaign_id: int, organization: int | None = None, subject_type: str = ""
) -> Any:
    """The subjects of the campaign the user sees (under ``organization``; of ``subject_type``), with the
    reasons they are reviewed or classified, and each one's ``state_version``."""
    found = get_campaign_for_user(request.user, campaign_id)
    qs = subjects_visible_to(request.user).filter(campaign=found)
    if organization is not None:
        qs = qs.subtree(get_organization_for_user(request.user, organization))
    if subject_type:
        qs = qs.filter(subject_type=subject_type[:16])
    return _Lazy(
        qs.select_related(*SUBJECT_RELATED).annotate(n_ratings=Count("ratings")).order_by("org_path", "pk")
    )


class _Lazy:
    """A queryset the paginator slices and counts; each slice is turned into ``SubjectOut`` rows."""

    def __init__(self, qs: QuerySet[Subject]) -> None:
        self.qs = qs

    def __len__(self) -> int:
        return self.qs.count()

    def count(self) -> int:
        return self.qs.count()

    def __getitem__(self, key: slice) -> list[dict[str, Any]]:
        return [subject_out(s, s.n_ratings) for s in self.qs[key]]


@router.get("/subjects/{subject_id}", response=responses(SubjectOut), summary="Một đối tượng")
def subject(request: HttpRequest, subject_id: int) -> dict[str, Any]:
    return subject_out(get_subject_for_user(request.user, subject_id))


def rating_out(r: Rating) -> dict[str, Any]:
    return {
        "id": r.pk,
        "subject_id": r.subject_id,
        "stage": r.stage,
        "level": r.level,
        "level_label": Level(r.level).label,
        "score": r.score,
        "justification": r.justification,
        "author_name": (r.author.get_full_name() or r.author.get_username()) if r.author else "",
        "created_at": r.created_at,
        "based_on_version": r.based_on_version,
        "rule_ids": sorted({f.get("rule_id", "") for f in r.findings or [] if f.get("rule_id")}),
    }


@router.get(
    "/subjects/{subject_id}/ratings", response=responses(list[RatingOut]), summary="Mức xếp loại các bước"
)
@paginate(Pages)
def ratings(request: HttpRequest, subject_id: int) -> list[dict[str, Any]]:
    """Every stage's rows, oldest first; the subject sees past its self-evaluation once published (R-88)."""
    found = get_subject_for_user(request.user, subject_id)
    qs = Rating.objects.filter(subject=found).select_related("author").order_by("pk")
    if not P.can_see_results(request.user, found, published=is_published(found)):
        qs = qs.filter(stage=RatingStage.SELF)
    return [rating_out(r) for r in qs]


@router.get("/subjects/{subject_id}/opinions", response=responses(list[OpinionOut]), summary="Ý kiến")
@paginate(Pages)
def opinions(request: HttpRequest, subject_id: int) -> list[dict[str, Any]]:
    found = get_subject_for_user(request.user, subject_id)
    return [
        opinion_out(o) for o in Opinion.objects.filter(subject=found).select_related("author").order_by("pk")
    ]


def opinion_out(o: Opinion) -> dict[str, Any]:
    return {
        "id": o.pk,
        "subject_id": o.subject_id,
        "source": o.source,
        "text": o.text,
        "proposed_level": o.proposed_level,
        "created_at": o.created_at,
        "author_name": (o.author.get_full_name() or o.author.get_username()) if o.author else "",
    }


@router.get("/subjects/{subject_id}/review", response=responses(ReviewOut), summary="Bản kiểm điểm")
def review(request: HttpRequest, subject_id: int) -> Review:
    """The subject's review (404 while none has been saved)."""
    found = get_subject_for_user(request.user, subject_id)
    current = Review.objects.filter(subject=found).first()
    if current is None:
        raise Http404(_("Đối tượng này chưa có bản kiểm điểm."))
    return current
