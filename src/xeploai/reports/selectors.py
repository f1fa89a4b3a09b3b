"""Reads for the reports: the statistics of a campaign over a subtree as SQL aggregates (R-95, S-10).

``campaign_statistics`` runs one grouped query over the subjects of the root's subtree (the index on
(campaign, org_path)) and one over the subtree's organizations: nothing is read per node or per subject,
and ``stats`` folds the grouped rows into the tables. The decided level (the default stage) is read
from ``Subject.decided_level``, the copy ``campaigns.current`` keeps of the latest DECIDED rating; any
other stage is the latest rating row of that stage, found as an anti-join ("no later row of the same
subject and stage", index ``rating_subject_stage``). The query is SQL rather than ORM because
PostgreSQL refuses to group by a correlated subquery, which Django would put in the GROUP BY. The
person's category is joined for leaders and CBCCVC only (the join key is NULL for other subjects).

``year_statistics`` is the central level's view: the same tables over every outermost campaign of a
year, one grouped query whose rows are already reduced to kind and tier. On PostgreSQL its transaction
sets ``work_mem``, ``random_page_cost`` and JIT (``_YEAR_SETTINGS``) for a scan of the whole year rather
than the connection's settings for subtree reads. Why each setting, with the figures:
docs/performance.md, "Báo cáo / Reports".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet

from xeploai.campaigns.models import YEAR_PERIOD, Campaign, Override, Rating, RatingStage, Subject
from xeploai.registry.models import (
    PATH_END,
    PATH_SEGMENT,
    Collective,
    Organization,
    Person,
    subtree_bounds,
)
from xeploai.reports.stats import Group, Statistics, build_sections, build_unit_sections
from xeploai.rules.kinds import SubjectType
from xeploai.rules.levels import Level

# The level of a subject at a stage other than DECIDED: its latest row of that stage (the anti-join).
_LATEST_JOIN = """
LEFT JOIN (
    SELECT r1.subject_id, r1.level FROM {rating} r1
    WHERE r1.stage = %(stage)s AND NOT EXISTS (
        SELECT 1 FROM {rating} r2
        WHERE r2.subject_id = r1.subject_id AND r2.stage = r1.stage AND r2.id > r1.id
    )
) r ON r.subject_id = s.id"""

_GROUP_SQL = """
SELECT s.subject_type, s.unit_id, c.kind, p.civil_service_category,
       s.classify, s.override, s.reasons, {level}, COUNT(*)
FROM {subject} s
LEFT JOIN {collective} c ON c.id = s.collective_id
LEFT JOIN {person} p
    ON p.id = CASE WHEN s.subject_type IN (%(leader)s, %(civil_servant)s) THEN s.person_id END{latest}
WHERE s.campaign_id = %(campaign)s AND s.org_path >= %(low)s AND s.org_path < %(high)s
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
"""

# Several campaigns, each over its own root's subtree (as ``campaign_statistics`` over the campaign's
# root): the unit's kind and tier are joined (the unit counts only when it lies in that subtree, as the
# subtree read of ``campaign_statistics`` does) so the rows are grouped per campaign, not per unit.
_YEAR_SQL = """
SELECT s.campaign_id, s.subject_type, o.kind, o.tier, c.kind, p.civil_service_category,
       s.classify, s.override, s.reasons, {level}, COUNT(*)
FROM {subject} s
JOIN {campaign} k ON k.id = s.campaign_id
JOIN {organization} top ON top.id = k.root_id
LEFT JOIN {organization} o ON o.id = s.unit_id AND o.path >= top.path AND o.path < top.path || %(end)s
LEFT JOIN {collective} c ON c.id = s.collective_id
LEFT JOIN {person} p
    ON p.id = CASE WHEN s.subject_type IN (%(leader)s, %(civil_servant)s) THEN s.person_id END{latest}
WHERE s.campaign_id IN ({campaigns}) AND s.org_path >= top.path AND s.org_path < top.path || %(end)s
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
"""

# PostgreSQL settings of the year query's transaction: memory to hash ~20,000 groups instead of sorting
# 8 million rows on disk; the server's default cost of a random read (the connection's 1.1, right for
# the subtree reads, made the planner read the year's subjects through an index in a single process);
# JIT, which pays for itself over millions of rows. See the module docstring.
_YEAR_SETTINGS = (("work_mem", "64MB"), ("random_page_cost", "4"), ("jit", "on"))
NATIONAL_NAME = "các đảng bộ trực thuộc Trung ương"  # the scope line of the central view's tables


@dataclass(frozen=True, slots=True)
class _Unit:
    kind: str
    tier: str
    path: str


def _table(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)  # type: ignore[attr-defined]


def _subtree_units(root: Organization) -> tuple[dict[int, _Unit], dict[str, str], dict[str, int]]:
    """Read the subtree's organizations once: id → kind/tier/path; the direct units' names and ids."""
    units: dict[int, _Unit] = {}
    names: dict[str, str] = {}
    ids: dict[str, int] = {}
    child_depth = root.depth + 1
    rows = Organization.objects.subtree(root).values_list("pk", "kind", "tier", "path", "name", "depth")
    for pk, kind, tier, path, name, depth in rows.order_by():
        units[pk] = _Unit(kind, tier, path)
        if pk == root.pk or depth == child_depth:
            names[path], ids[path] = name, pk
    return units, names, ids


def _level_sql(stage: str) -> tuple[str, str]:
    """The level column and the join that provides it, for ``stage`` (see the module docstring)."""
    if stage == RatingStage.DECIDED:
        return "s.decided_level", ""
    return "r.level", _LATEST_JOIN.format(rating=_table(Rating))


def _classified(classify: bool, override: str, reasons: str | None) -> tuple[bool, str]:
    """Whether a subject is classified (an override wins) and, when not, its first reason code."""
    if override == Override.INCLUDED:
        classified = True
    elif override == Override.EXCLUDED:
        classified = False
    else:
        classified = bool(classify)
    return classified, (reasons or "").split(",")[0].strip() if not classified else ""


def campaign_groups(
    *, campaign: Campaign, root: Organization, stage: str = RatingStage.DECIDED,
    units: dict[int, _Unit] | None = None,
) -> list[Group]:
    """The subjects of ``campaign`` under ``root``, counted per kind, tier, category, reason and level.

    The grouped query groups by the subject's unit (organization id); kinds, tiers and the directly
    subordinate unit are looked up in ``units`` (the subtree's organizations, read once), which keeps
    the grouping narrow.
    """
    if units is None:
        units = _subtree_units(root)[0]
    level, latest = _level_sql(stage)
    sql = _GROUP_SQL.format(
        subject=_table(Subject), collective=_table(Collective), person=_table(Person), level=level,
        latest=latest,
    )
    low, high = subtree_bounds(root.path)
    params = {
        "leader": SubjectType.LEADER.value, "civil_servant": SubjectType.CIVIL_SERVANT.value,
        "stage": str(stage), "campaign": campaign.pk, "low": low, "high": high,
    }
    unit_len = len(root.path) + PATH_SEGMENT
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    groups = []
    for row in rows:
        subject_type, unit_id, collective_kind, category, classify, override, reasons, level, n = row
        classified, first_reason = _classified(classify, override, reasons)
        unit = units.get(unit_id) or _Unit("", "", root.path)
        groups.append(
            Group(
                subject_type=subject_type, unit_kind=unit.kind, tier=unit.tier,
                collective_kind=collective_kind or "", category=category or "", unit_key=unit.path[:unit_len],
                classified=classified, reason=first_reason, level=level, n=n,
            )
        )
    return groups


def campaign_statistics(
    *, campaign: Campaign, root: Organization, stage: str = RatingStage.DECIDED
) -> Statistics:
    """The statistical tables of ``campaign`` over ``root``'s subtree at ``stage`` (R-95): two queries."""
    units, names, ids = _subtree_units(root)
    groups = campaign_groups(campaign=campaign, root=root, stage=stage, units=units)
    return Statistics(
        year=campaign.year, root_name=root.name, stage=str(stage),
        sections=build_sections(groups), by_unit=build_unit_sections(groups, names), unit_ids=ids,
    )


def year_campaigns(year: int) -> list[Campaign]:
    """The outermost campaigns of ``year``: those whose root lies under no other campaign's root that year.

    With one campaign per province, these are the provinces' campaigns; a campaign nested inside
    another (a district's own, say) is left out, its subjects being counted in the outer one.
    """
    # The yearly campaigns: a year's quarters are read by the year, not added to it.
    campaigns = Campaign.objects.filter(year=year, period=YEAR_PERIOD).select_related("root")
    campaigns = campaigns.order_by("root__path", "pk")
    outer: list[Campaign] = []
    for campaign in campaigns:  # ancestors sort before their descendants (fixed-width path segments)
        if not any(campaign.root.path.startswith(o.root.path) for o in outer):
            outer.append(campaign)
    return outer


def year_statistics(
    *, year: int, stage: str = RatingStage.DECIDED, campaigns: list[Campaign] | None = None
) -> Statistics | None:
    """The statistical tables of a whole year (R-95, S-10): the central level's view of all provinces.

    The figures are those of ``campaign_statistics`` over each campaign's root, added up over the
    outermost campaigns of ``year`` (``year_campaigns``; or ``campaigns``); the tables by unit have
    one row per campaign, named after its root. One grouped query; None when the year has no campaign.
    """
    if campaigns is None:
        campaigns = year_campaigns(year)
    if not campaigns:
        return None
    return year_tables(year=year, stage=stage, campaigns=campaigns,
                       groups=year_groups(stage=stage, campaigns=campaigns))


def year_groups(*, stage: str, campaigns: list[Campaign]) -> list[Group]:
    """The grouped rows behind ``year_statistics`` (R-95): what a background job keeps, as plain values."""
    level, latest = _level_sql(stage)
    sql = _YEAR_SQL.format(
        subject=_table(Subject), campaign=_table(Campaign), organization=_table(Organization),
        collective=_table(Collective), person=_table(Person), level=level, latest=latest,
        campaigns=", ".join(str(int(c.pk)) for c in campaigns),
    )
    params = {
        "leader": SubjectType.LEADER.value, "civil_servant": SubjectType.CIVIL_SERVANT.value,
        "stage": str(stage), "end": PATH_END,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name, value in _YEAR_SETTINGS:  # for this transaction only (see the module docstring)
                cursor.execute(f"SET LOCAL {name} = '{value}'")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    root_of = {c.pk: c.root for c in campaigns}
    groups = []
    for row in rows:
        campaign_id, subject_type, unit_kind, tier, collective_kind, category = row[:6]
        classify, override, reasons, level, n = row[6:]
        classified, first_reason = _classified(classify, override, reasons)
        groups.append(
            Group(
                subject_type=subject_type, unit_kind=unit_kind or "", tier=tier or "",
                collective_kind=collective_kind or "", category=category or "",
                unit_key=root_of[campaign_id].path, classified=classified, reason=first_reason, level=level,
                n=n,
            )
        )
    return groups


def year_tables(*, year: int, stage: str, campaigns: list[Campaign], groups: list[Group]) -> Statistics:
    """The tables of ``year_statistics`` from its grouped rows (computed now or kept by a job)."""
    roots = [c.root for c in campaigns]
    return Statistics(
        year=year, root_name=NATIONAL_NAME, stage=str(stage),
        sections=build_sections(groups), by_unit=build_unit_sections(groups, {r.path: r.name for r in roots}),
        unit_ids={r.path: r.pk for r in roots},
    )


def campaign_for_year(*, year: int, root: Organization) -> Campaign | None:
    """The yearly campaign of ``year`` that covers ``root``: the one rooted nearest above it (or at it)."""
    ancestors = [root.path[:i] for i in range(PATH_SEGMENT, len(root.path) + 1, PATH_SEGMENT)]
    return (
        Campaign.objects.filter(year=year, period=YEAR_PERIOD, root__path__in=ancestors)
        .select_related("root").order_by("-root__depth").first()
    )


def campaigns_covering(root: Organization) -> QuerySet[Campaign]:
    """Every campaign whose subtree contains ``root``, newest year first, the year before its quarters."""
    ancestors = [root.path[:i] for i in range(PATH_SEGMENT, len(root.path) + 1, PATH_SEGMENT)]
    return Campaign.objects.filter(root__path__in=ancestors).order_by("-year", "-root__depth", "period")


# --- documents -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DecidedRow:
    """A line of the decided list: who or what, their post or unit, the decided level."""

    subject_type: str
    name: str
    position: str
    level: Level
    unit_path: str


def current_levels(subject_ids: list[int], stage: str) -> dict[int, int]:
    """Subject id → level of the latest rating of ``stage`` (one query)."""
    latest = (
        Rating.objects.filter(subject_id__in=subject_ids, stage=stage)
        .filter(~Exists(
            Rating.objects.filter(subject_id=OuterRef("subject_id"), stage=stage, pk__gt=OuterRef("pk"))
        ))
        .values_list("subject_id", "level")
    )
    return dict(latest)


def decided_rows(
    *, campaign: Campaign, root: Organization, stage: str = RatingStage.DECIDED
) -> list[DecidedRow]:
    """The subjects under ``root`` that have a level at ``stage``, in list order (two queries).

    Organizations and collectives come in tree order, people in Vietnamese name order across the
    subtree (given name, then middle and family name; ``Person.name_sort``).
    """
    subjects = list(
        Subject.objects.filter(campaign=campaign).subtree(root)
        .select_related("organization", "collective", "person", "unit")
        .order_by("subject_type", "person__name_sort", "org_path", "pk")
    )
    levels = current_levels([s.pk for s in subjects], stage)
    rows = []
    for s in subjects:
        if s.pk not in levels or not s.included:  # an override may exclude a subject after a rating
            continue
        if s.person_id:
            name, position = s.person.full_name, s.person.positions or s.unit.name
        elif s.collective_id:
            name, position = s.collective.name, s.unit.name
        else:
            name, position = s.organization.name, s.organization.get_kind_display()
        rows.append(DecidedRow(s.subject_type, name, position, Level(levels[s.pk]), s.org_path))
    people_types = {SubjectType.PARTY_MEMBER, SubjectType.LEADER, SubjectType.CIVIL_SERVANT}
    people = [r for r in rows if r.subject_type in people_types]
    others = [r for r in rows if r.subject_type not in people_types]
    return others + people


def subjects_for_documents(*, campaign: Campaign, root: Organization) -> QuerySet[Subject]:
    """The subjects under ``root`` with what the documents read (one query, related rows joined)."""
    return (
        Subject.objects.filter(campaign=campaign).subtree(root)
        .select_related("organization", "collective__organization", "person__party_organization__parent",
                        "person__workplace", "unit__parent")
        .order_by("org_path", "subject_type", "pk")
    )


def today() -> date:
    """The date documents are dated on (a seam for tests)."""
    from django.utils import timezone

    return timezone.localdate()
