"""Progress of a campaign per organization and level (S-10): totals, reviewed, decided, published, late.

One grouped query over the subjects under an organization, grouped by the path prefix of its direct
children (``Substr(org_path, 1, len(path) + 8)``), never one query per node; a second query names the
children. A unit is late when the deadline of its tier (S-10, the campaign's editable deadlines) has
passed and some of its subjects are still not reviewed or not decided; the days overdue are counted
from the deadline to ``on`` (passed in, never ``date.today()`` inside).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Substr

from xeploai.registry.models import PATH_SEGMENT, Organization

from .models import Campaign, Deadline, DeadlineKind, Override, Rating, RatingStage, ReviewStatus, Subject

# The counts a progress row carries, by the names of its fields.
_COUNTED = ("total", "to_review", "reviewed", "to_classify", "decided", "published")


@dataclass(frozen=True, slots=True)
class ProgressRow:
    org_id: int
    name: str
    tier: str
    has_children: bool
    total: int
    to_review: int
    reviewed: int
    to_classify: int
    decided: int
    published: int
    due_on: date | None
    overdue_days: int  # 0 when not late

    @property
    def late(self) -> bool:
        return self.overdue_days > 0


def _due_by_tier(campaign: Campaign) -> dict[str, date]:
    out: dict[str, date] = {}
    kinds = (DeadlineKind.REVIEW_AND_REPORT, DeadlineKind.DECISION)
    for tier, due in Deadline.objects.filter(campaign=campaign, kind__in=kinds).values_list("tier", "due_on"):
        out[tier] = min(due, out.get(tier, due))
    return out


def progress_rows(
    *, campaign: Campaign, root: Organization, on: date
) -> tuple[ProgressRow | None, list[ProgressRow]]:
    """Return (the subjects held at ``root`` itself, one row per direct child of ``root``), late first."""
    width = len(root.path) + PATH_SEGMENT
    decided = Rating.objects.filter(subject=OuterRef("pk"), stage=RatingStage.DECIDED)
    published = Rating.objects.filter(subject=OuterRef("pk"), stage=RatingStage.PUBLISHED)
    classified = (Q(classify=True) & ~Q(override=Override.EXCLUDED)) | Q(override=Override.INCLUDED)
    grouped = (
        Subject.objects.filter(campaign=campaign)
        .subtree(root)
        .annotate(
            prefix=Substr("org_path", 1, width), is_decided=Exists(decided), is_published=Exists(published)
        )
        .order_by()
        .values("prefix")
        .annotate(
            total=Count("pk"),
            to_review=Count("pk", filter=Q(review=True)),
            reviewed=Count("pk", filter=Q(review=True, written_review__status=ReviewStatus.SUBMITTED)),
            to_classify=Count("pk", filter=classified),
            decided=Count("pk", filter=classified & Q(is_decided=True)),
            published=Count("pk", filter=classified & Q(is_published=True)),
        )
    )
    counts = {row["prefix"]: row for row in grouped}
    due = _due_by_tier(campaign)
    children = (
        Organization.objects.filter(parent=root)
        .annotate(has_children=Exists(Organization.objects.filter(parent=OuterRef("pk"))))
        .order_by("path")
        .values_list("pk", "name", "tier", "path", "has_children")
    )

    def row(pk: int, name: str, tier: str, path: str, has_children: bool) -> ProgressRow:
        c = {k: counts.get(path, {}).get(k, 0) for k in _COUNTED}
        unfinished = c["reviewed"] < c["to_review"] or c["decided"] < c["to_classify"]
        deadline = due.get(tier)
        overdue = (on - deadline).days if deadline and on > deadline and unfinished else 0
        return ProgressRow(pk, name, tier, has_children, **c, due_on=deadline, overdue_days=overdue)

    own = row(root.pk, root.name, root.tier, root.path, False) if root.path in counts else None
    rows = [row(*child) for child in children]
    rows.sort(key=lambda r: (-r.overdue_days,))
    return own, rows
