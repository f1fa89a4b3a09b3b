"""The subjects of an organization's subtree as a list to work with: filters, sort keys, rows for export.

Each subject carries its current stage and level: the stage and level of its latest rating row (rows are
appended, never changed: ADR 0002), read as two correlated subqueries through the (subject, stage, id)
index, so a page of 50 is one query whatever the size of the campaign. Filters (all optional, each a
value the page offered): the stage reached ("NONE" for no rating yet), the current level, an eligibility
reason code (S-01 … S-08: ``Subject.reasons`` holds the codes joined by ","), a unit of the subtree
(its whole subtree) and the kind of subject.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from xeploai.registry.models import Organization
from xeploai.rules import Level
from xeploai.rules.kinds import ReasonCode, SubjectType

from .models import Campaign, Rating, RatingStage, Subject
from .selectors import subjects_in_scope

NO_STAGE = "NONE"
STAGE_ORDER = {stage: i for i, stage in enumerate(RatingStage.values, start=1)}
# How deep below the page's organization the unit filter offers units (a district: communes and cells).
UNIT_DEPTH = 2


def stage_choices() -> list[tuple[str, Any]]:
    return [(NO_STAGE, _("Chưa có kết quả")), *RatingStage.choices]


def level_filter_choices() -> list[tuple[str, Any]]:
    return [(str(lv.value), f"{lv.short} — {_(lv.label)}") for lv in sorted(Level, reverse=True)]


def reason_choices() -> list[tuple[str, Any]]:
    return [(code.value, _(code.label)) for code in ReasonCode]


def kind_choices() -> list[tuple[str, Any]]:
    return [(kind.value, _(kind.label)) for kind in SubjectType]


def unit_choices(root: Organization) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The organization and its units down to ``UNIT_DEPTH`` below, in tree order and indented, and the
    path of each (one query)."""
    units = list(
        Organization.objects.subtree(root).filter(depth__lte=root.depth + UNIT_DEPTH)
        .order_by("path").values_list("pk", "name", "depth", "path")
    )
    choices = [(str(pk), "\u00a0\u00a0" * (depth - root.depth) + name) for pk, name, depth, _p in units]
    return choices, {str(pk): path for pk, _n, _d, path in units}


def with_current_stage(qs: QuerySet[Subject]) -> QuerySet[Subject]:
    """Annotate ``current_stage``, ``current_level`` (latest rating row) and ``stage_rank`` (stage order)."""
    latest = Rating.objects.filter(subject=OuterRef("pk")).order_by("-id")
    rank = Case(
        *[When(stage=stage, then=Value(rank)) for stage, rank in STAGE_ORDER.items()],
        default=Value(0), output_field=IntegerField(),
    )
    return qs.annotate(
        current_stage=Subquery(latest.values("stage")[:1]),
        current_level=Subquery(latest.values("level")[:1]),
        stage_rank=Coalesce(Subquery(latest.annotate(rank=rank).values("rank")[:1]), Value(0)),
    )


def reason_condition(code: str) -> Q:
    """Subjects whose comma-joined ``reasons`` hold ``code`` as a whole item."""
    return (
        Q(reasons=code) | Q(reasons__startswith=f"{code},") | Q(reasons__endswith=f",{code}")
        | Q(reasons__contains=f",{code},")
    )


def subject_rows(
    *, campaign: Campaign, root: Organization, filters: dict[str, str], unit_paths: dict[str, str]
) -> QuerySet[Subject]:
    """The campaign's subjects under ``root`` narrowed by the chosen ``filters`` (values already checked)."""
    qs = with_current_stage(subjects_in_scope(campaign=campaign, root=root))
    if stage := filters.get("giai-doan"):
        qs = qs.filter(current_stage__isnull=True) if stage == NO_STAGE else qs.filter(current_stage=stage)
    if level := filters.get("muc"):
        qs = qs.filter(current_level=int(level))
    if reason := filters.get("ly-do"):
        qs = qs.filter(reason_condition(reason))
    if kind := filters.get("loai"):
        qs = qs.filter(subject_type=kind)
    if unit := filters.get("don-vi"):
        qs = qs.subtree(unit_paths[unit])
    return qs.select_related("person", "collective", "organization", "unit")


# Sort keys of the list → ``order_by`` terms. People by the Vietnamese name key (given name first, ICU
# ``vi``: Person.name_sort), then collectives and organizations by their folded names.
SORTS: dict[str, tuple[Any, ...]] = {
    "ten": ("person__name_sort", "collective__name", "organization__name_folded"),
    "don-vi": ("unit__name_folded", "org_path"),
    "loai": ("subject_type",),
    "giai-doan": ("stage_rank",),
    "muc": ("current_level",),
}
DEFAULT_ORDER = ("org_path", "subject_type", "pk")


def level_label(level: int | None) -> str:
    return "" if level is None else Level(level).short


def stage_label(stage: str | None) -> str:
    return "" if not stage else str(RatingStage(stage).label)

