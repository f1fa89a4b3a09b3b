"""What the per-person and per-collective forms carry: the written review, the opinions given and the
level of each stage with its reason, read for many subjects in a few queries.

The rows are turned into the templates' plain values here (names instead of usernames, level labels,
dd/mm/yyyy), so ``reports.docx`` only places them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef

from xeploai.campaigns.models import Opinion, Rating, RatingStage, Review, Subject
from xeploai.reports.party_doc import paragraphs
from xeploai.rules.levels import Level

STAGE_ORDER = tuple(RatingStage)


@dataclass(slots=True)
class SubjectContent:
    """One subject's written review, opinions and latest rating of each stage."""

    review: Review | None = None
    opinions: list[Opinion] = field(default_factory=list)
    ratings: dict[str, Rating] = field(default_factory=dict)  # stage → latest row


def person_name(user: object) -> str:
    """A user as people know them: their full name, the username only when no name is recorded."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()  # type: ignore[attr-defined]


def latest_ratings(subject_ids: Sequence[int]) -> Iterable[Rating]:
    """The latest rating of each stage of each subject, with its author (one query)."""
    newer = Rating.objects.filter(subject_id=OuterRef("subject_id"), stage=OuterRef("stage"),
                                  pk__gt=OuterRef("pk"))
    return Rating.objects.filter(subject_id__in=subject_ids).filter(~Exists(newer)).select_related("author")


def subject_contents(subject_ids: Sequence[int]) -> dict[int, SubjectContent]:
    """Subject id → its content (three queries whatever the number of subjects)."""
    result: dict[int, SubjectContent] = defaultdict(SubjectContent)
    for rating in latest_ratings(subject_ids):
        result[rating.subject_id].ratings[rating.stage] = rating
    for review in Review.objects.filter(subject_id__in=subject_ids):
        result[review.subject_id].review = review
    for opinion in Opinion.objects.filter(subject_id__in=subject_ids).select_related("author"):
        result[opinion.subject_id].opinions.append(opinion)
    return result


def level_label(level: int | None) -> str:
    return Level(level).label if level is not None else ""


def opinion_rows(opinions: Iterable[Opinion]) -> list[list[str]]:
    """Who, as what, the text and the proposed level of each opinion (the templates' opinions table)."""
    return [
        [person_name(o.author), o.get_source_display(), paragraphs(o.text).replace("\a", "\n"),
         level_label(o.proposed_level)]
        for o in opinions
    ]


def stage_rows(subjects: Sequence[Subject], contents: dict[int, SubjectContent]) -> list[list[str]]:
    """The level of each stage of each subject with its justification (the templates' stages table)."""
    rows = []
    for subject in subjects:
        ratings = contents[subject.pk].ratings if subject.pk in contents else {}
        for stage in STAGE_ORDER:
            rating = ratings.get(stage)
            if rating is not None:
                rows.append([stage.label, subject.get_subject_type_display(), level_label(rating.level),
                             paragraphs(rating.justification).replace("\a", "\n")])
    return rows


def review_texts(review: Review | None) -> dict[str, str]:
    """The sections of a written review as the templates name them (empty strings without a review)."""
    if review is None:
        return dict.fromkeys(("strengths", "limitations", "remedy_results", "explanations", "responsibility",
                              "direction"), "")
    limitations = paragraphs(review.limitations)
    causes = paragraphs(review.causes)
    if causes:
        limitations = "\a".join(filter(None, (limitations, f"Nguyên nhân: {causes}")))
    return {
        "strengths": paragraphs(review.strengths), "limitations": limitations,
        "remedy_results": paragraphs(review.remedy_results), "explanations": paragraphs(review.explanations),
        "responsibility": paragraphs(review.responsibility), "direction": paragraphs(review.direction),
    }
