"""Reads for the campaign pages: what a subject page shows to a given user (R-88 applied here).

Pure reads; the pages call these and render. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext_lazy, gettext_noop

from xeploai.accounts import predicates as P
from xeploai.rules import Explained, Finding, Level, cite, explain, explain_parts

from .appeals import appeal_deadline
from .decisions import is_published, rating_preview
from .models import Appeal, Ballot, Evidence, Opinion, OpinionSource, Rating, RatingStage, Review, Subject
from .quarters import subject_year_reading
from .review_forms import form_for
from .reviews import (
    GRADE_CHOICES,
    asks_party_level,
    criteria_for,
    responsibility_required,
    state_subject_of,
    waiting_for,
)
from .ruleset_plan import ruleset_of
from .task_scores import points_text, score_lines, subject_task_score, task_scores

STAGE_ACTIONS = (
    (RatingStage.PROPOSED, "propose"),
    (RatingStage.APPRAISED, "appraise"),
    (RatingStage.DECIDED, "decide"),
)
# Labels of the rules core (rules/levels.py, rules/kinds.py hold them without Django) that no Django
# model repeats, for the translation catalogue: templates show them with {% translate label %}.
RULE_LABELS = (
    gettext_noop("Hoàn thành xuất sắc nhiệm vụ"),
    gettext_noop("Hoàn thành tốt nhiệm vụ"),
    gettext_noop("Hoàn thành nhiệm vụ"),
    gettext_noop("Không hoàn thành nhiệm vụ"),
    gettext_noop("Cán bộ lãnh đạo, quản lý"),
    gettext_noop("Cấp huyện và tương đương"),
    gettext_noop("Trực thuộc cấp cơ sở"),
    gettext_noop("Ban chấp hành (cấp ủy)"),
)
LEVELS = [
    (lv.value, format_lazy("{} — {}", lv.short, gettext_lazy(lv.label))) for lv in sorted(Level, reverse=True)
]


def subject_name(subject: Subject) -> str:
    return str(subject.person or subject.collective or subject.organization)


def page_lang() -> Literal["vi", "en"]:
    """The core's language for the active translation."""
    return "en" if (get_language() or "").startswith("en") else "vi"


def reason_sentences(subject: Subject, ruleset: str | None = None) -> list[Explained]:
    """The eligibility reasons of the subject (S-01 … S-08, R-10 …): sentence, citation under ``ruleset``
    (the campaign's ruleset code; none without it) and rule id. ``str()`` of each is the plain sentence."""
    lang = page_lang()
    return [
        explain_parts(
            Finding(d.get("rule_id", ""), d.get("code", ""), d.get("params", {})), lang=lang, ruleset=ruleset
        )
        for d in subject.reason_details or []
    ]


def subject_page_data(*, subject: Subject, user: Any) -> dict[str, Any]:
    """Everything the subject page shows ``user``; later stages hidden from the subject until published."""
    rs = ruleset_of(subject.campaign)
    published = is_published(subject)
    see_results = P.can_see_results(user, subject, published=published)
    ratings = list(Rating.objects.filter(subject=subject).select_related("author").order_by("pk"))
    state_version = subject.version + len(ratings)  # Subject.state_version, the forms' hidden "version"
    if not see_results:
        ratings = [r for r in ratings if r.stage == RatingStage.SELF]
    review = Review.objects.filter(subject=subject).first()
    can_write = P.allowed(user, "write_review", subject) and subject.review
    deadline = appeal_deadline(subject) if published else None
    return {
        "subject": subject,
        "state_version": state_version,
        "campaign": subject.campaign,
        "name": subject_name(subject),
        "reasons": reason_sentences(subject, rs.code),
        "ruleset": rs,
        "review": review,
        "criteria": criteria_for(subject),
        "form": form_for(subject),
        "register_score": register_score(subject),
        "grades": GRADE_CHOICES,
        "levels": LEVELS,
        "points": rs.scoring == "points",
        "asks_party_level": asks_party_level(subject),
        "asks_state_level": state_subject_of(subject) is not None,
        "responsibility_required": responsibility_required(subject),
        "waiting_for": waiting_for(subject) if can_write else [],
        "can_write_review": can_write and (review is None or review.status == "DRAFT"),
        "evidence": list(Evidence.objects.filter(review__subject=subject)) if review else [],
        "opinions": list(Opinion.objects.filter(subject=subject).select_related("author")),
        "opinion_sources": [
            (s, OpinionSource(s).label)
            for s in (OpinionSource.values if P.is_superuser(user) else P.opinion_sources_for(user, subject))
        ],
        "ballot_step": rs.ballot_step,
        "ballot": Ballot.objects.filter(subject=subject).first(),
        "can_record_ballot": rs.ballot_step and P.allowed(user, "record_ballot", subject),
        "ratings": ratings,
        "see_results": see_results,
        "published": published,
        "stage_forms": [
            (stage, action) for stage, action in STAGE_ACTIONS if P.allowed(user, action, subject)
        ],
        "appeals": list(Appeal.objects.filter(subject=subject)) if see_results else [],
        "appeal_until": deadline,
        "can_lodge_appeal": published and P.allowed(user, "lodge_appeal", subject),
        "can_resolve_appeal": P.allowed(user, "resolve_appeal", subject),
        "can_include_exclude": P.allowed(user, "include_exclude", subject),
        "self_cap": self_cap(subject, review),
        **_task_score(subject),
        **(_quarters(subject) if see_results else {}),
    }


@dataclass(frozen=True)
class SelfCap:
    """A self-rated level above the subject's cap: shown as a warning, never refused."""

    level: Level
    max_level: Level
    reasons: list[tuple[str, str]]  # (rule id, Vietnamese reason)


def self_cap(subject: Subject, review: Review | None) -> SelfCap | None:
    """Issue 12: a member who rates themself above a cap (R-13, R-30 …) sees it, with the reason."""
    if review is None or review.self_party_level is None or not subject.included:
        return None
    level = Level(review.self_party_level)
    # The caps of the subject (as a proposal would be judged): they do not depend on the level chosen.
    preview = rating_preview(subject=subject, stage=RatingStage.PROPOSED, level=level)
    if level <= preview.max_level:
        return None
    reasons = [
        (f.rule_id, explain(f)) for f in preview.findings if "cap" in f.params and level > f.params["cap"]
    ]
    return SelfCap(level, preview.max_level, reasons)


def register_score(subject: Subject) -> Any:
    """On an individual's HD43 form, the points of the person's task register for the campaign's period
    (R-102), shown beside part B's task results for reference; None without tasks or on other forms."""
    if subject.person_id is None or not form_for(subject).hd43:
        return None
    return task_scores(subject.campaign, [subject.person_id]).get(subject.person_id)


def _task_score(subject: Subject) -> dict[str, Any]:
    """ND335 "Cách tính điểm" of a công chức from the task register (R-59, R-102); nothing for others."""
    score = subject_task_score(subject)
    return {"task_score": score, "score_lines": score_lines(score) if score is not None else []}


def _quarters(subject: Subject) -> dict[str, Any]:
    """The year reads its quarters (R-100, R-91): the quarters' results and the year's reading of them."""
    found = subject_year_reading(subject)
    if found is None:
        return {}
    lines, reading = found
    scored = [line for line in lines if line.score is not None]
    formula = " + ".join(points_text(line.score) for line in scored if line.score is not None)
    return {
        "year_quarters": lines,
        "year_reading": reading,
        "year_formula": f"({formula}) / {len(scored)}" if scored else "",
        "year_mean": points_text(reading.mean_score) if reading.mean_score is not None else "",
        "year_citation": cite(reading.rule_id, subject.campaign.ruleset),
    }
