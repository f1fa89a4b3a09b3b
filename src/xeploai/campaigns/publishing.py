"""What a publication would publish, read before the officer confirms it (R-88, issue 12 item 7).

``publication_preview`` counts the decided results under an organization that are not published yet, by
kind of subject and by level; the confirmation page shows them and says that publishing cannot be undone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from xeploai.registry.models import Organization
from xeploai.rules import Level

from .decisions import due_for_publication
from .models import Campaign, Rating, Subject


@dataclass(frozen=True)
class PublishPreview:
    """The results a publication would make public: how many, of which kinds, at which levels."""

    total: int
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    by_level: list[tuple[Level, int]] = field(default_factory=list)


def publication_preview(*, campaign: Campaign, root: Organization) -> PublishPreview:
    """Count the decided, unpublished results under ``root`` by kind of subject and by decided level."""
    latest, _counts, due = due_for_publication(campaign=campaign, root=root)
    if not due:
        return PublishPreview(0)
    decided = [latest[s]["DECIDED"] for s in due]
    levels = Counter(Rating.objects.filter(pk__in=decided).values_list("level", flat=True))
    kinds = Counter(Subject.objects.filter(pk__in=due).values_list("subject_type", flat=True))
    labels = dict(Subject._meta.get_field("subject_type").flatchoices)
    by_kind = [(str(labels.get(k, k)), n) for k, n in sorted(kinds.items())]
    by_level = [(Level(lv), levels[lv]) for lv in sorted(levels, reverse=True)]
    return PublishPreview(len(due), by_kind, by_level)
