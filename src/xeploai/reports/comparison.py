"""Comparison of equivalent positions (S-15: "có sự so sánh giữa các vị trí tương đương"; R-88, HD21 I.2).

A peer group is a set of units compared side by side, one row per unit, each row the distribution of
the levels its subjects got at a stage (and the mean score when the ruleset scores out of 100, R-58):

- ``organizations``: the organizations of one kind and tier under a root (e.g. every đảng bộ xã of a
  district), each counting the subjects of one type in its subtree (party members by default);
- ``leaders``: the leaders holding one position (``Person.positions``, e.g. "Bí thư Đảng ủy xã") under
  a root, one row per directly subordinate unit of the root;
- ``collectives``: the leadership collectives of one kind under a root, one row per directly
  subordinate unit.

Everything comes from **one grouped query** (subjects in the root's ``org_path`` range joined to the
latest rating of the stage, grouped by the subject's unit and level) plus one read of the subtree's
organizations; units are folded into peer rows in Python by path prefix. No query per unit.

Two flags point at leniency ("nể nang", the plan's warning):

- ``uniform``: the unit rated every one of at least ``min_subjects`` subjects at one level;
- ``lenient``: the unit's share of HTT-and-above is far above its peers'. The statistic is the
  one-sided **two-proportion z-test** of the unit against the rest of the peer group pooled::

      z = (p_unit − p_rest) / sqrt(p̂ (1 − p̂) (1/n_unit + 1/n_rest)),   p̂ = pooled share of both

  flagged when z ≥ ``z_threshold`` (2.33, one-sided α = 1 %) and the unit rated at least
  ``min_subjects``. The test accounts for the unit's size (a 3-member cell at 100 % is not evidence;
  a 40-member cell at 100 % against peers at 50 % is), and needs no spread among the peers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count

from xeploai.campaigns.models import Campaign, Override, Rating, RatingStage, Subject
from xeploai.registry.models import PATH_SEGMENT, Collective, Organization, Person, subtree_bounds
from xeploai.reports.stats import LEVELS_DESC, format_percent, percent
from xeploai.rules.kinds import SubjectType
from xeploai.rules.levels import Level

MIN_SUBJECTS = 5
Z_THRESHOLD = 2.33
HIGH_LEVELS = frozenset({Level.EXCELLENT, Level.GOOD})
MODES = ("organizations", "leaders", "collectives")

_SQL = """
SELECT s.unit_id, r.level, COUNT(*), SUM(r.score), COUNT(r.score)
FROM {subject} s
{join}
LEFT JOIN (
    SELECT r1.subject_id, r1.level, r1.score FROM {rating} r1
    WHERE r1.stage = %(stage)s AND NOT EXISTS (
        SELECT 1 FROM {rating} r2
        WHERE r2.subject_id = r1.subject_id AND r2.stage = r1.stage AND r2.id > r1.id
    )
) r ON r.subject_id = s.id
WHERE s.campaign_id = %(campaign)s AND s.org_path >= %(low)s AND s.org_path < %(high)s
  AND s.subject_type = %(subject_type)s
  AND (s.override = %(included)s OR (s.classify = %(true)s AND s.override <> %(excluded)s))
GROUP BY s.unit_id, r.level
"""


@dataclass(slots=True)
class ComparisonRow:
    """One unit of the peer group: its level counts, HTT-and-above share, mean score, z and flags."""

    unit_id: int
    name: str
    path: str
    levels: dict[Level, int] = field(default_factory=lambda: dict.fromkeys(LEVELS_DESC, 0))
    pending: int = 0
    score_sum: Decimal = Decimal(0)
    score_n: int = 0
    z: float | None = None
    flags: list[str] = field(default_factory=list)
    uniform_level: Level | None = None
    # Names of the unit's parents, nearest first, below the compared root (units alike by name told apart).
    parents: list[str] = field(default_factory=list)

    @property
    def parent_path(self) -> str:
        """"Đảng ủy xã X — Huyện ủy Y": where the unit sits, nearest parent first."""
        return " — ".join(self.parents)

    @property
    def rated(self) -> int:
        return sum(self.levels.values())

    @property
    def high(self) -> int:
        return sum(n for lv, n in self.levels.items() if lv in HIGH_LEVELS)

    @property
    def high_share(self) -> float | None:
        return self.high / self.rated if self.rated else None

    @property
    def high_percent(self) -> str:
        return format_percent(percent(self.high, self.rated))

    @property
    def mean_score(self) -> Decimal | None:
        if not self.score_n:
            return None
        return (self.score_sum / self.score_n).quantize(Decimal("0.1"))

    def level_cells(self) -> list[tuple[int, str]]:
        return [(self.levels[lv], format_percent(percent(self.levels[lv], self.rated))) for lv in LEVELS_DESC]

    @property
    def z_display(self) -> str:
        return "–" if self.z is None else f"{self.z:+.2f}".replace(".", ",")


@dataclass(slots=True)
class Comparison:
    """A peer group compared side by side, with the thresholds the flags used."""

    mode: str
    label: str
    rows: list[ComparisonRow]
    min_subjects: int = MIN_SUBJECTS
    z_threshold: float = Z_THRESHOLD

    @property
    def has_scores(self) -> bool:
        return any(r.score_n for r in self.rows)

    @property
    def pooled_percent(self) -> str:
        rated = sum(r.rated for r in self.rows)
        return format_percent(percent(sum(r.high for r in self.rows), rated))

    @property
    def flagged(self) -> list[ComparisonRow]:
        return [r for r in self.rows if r.flags]


def two_proportion_z(x1: int, n1: int, x2: int, n2: int) -> float | None:
    """One-sided two-proportion z statistic of x1/n1 against x2/n2 (None when undefined).

    >>> round(two_proportion_z(10, 10, 20, 40), 2)
    2.89
    >>> two_proportion_z(5, 10, 20, 40)
    0.0
    >>> two_proportion_z(3, 3, 0, 0) is None
    True
    """
    if n1 <= 0 or n2 <= 0:
        return None
    pooled = (x1 + x2) / (n1 + n2)
    if pooled in (0.0, 1.0):
        return 0.0
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return (x1 / n1 - x2 / n2) / se


def flag_rows(
    rows: Iterable[ComparisonRow], *, min_subjects: int = MIN_SUBJECTS, z_threshold: float = Z_THRESHOLD
) -> None:
    """Set ``z`` and ``flags`` ("uniform", "lenient") on each row against the rest of its peers."""
    rows = list(rows)
    total_high = sum(r.high for r in rows)
    total_rated = sum(r.rated for r in rows)
    for row in rows:
        row.flags = []
        row.z = two_proportion_z(row.high, row.rated, total_high - row.high, total_rated - row.rated)
        if row.rated < min_subjects:
            continue
        used = [lv for lv, n in row.levels.items() if n]
        if len(used) == 1:
            row.flags.append("uniform")
            row.uniform_level = used[0]
        if row.z is not None and row.z >= z_threshold:
            row.flags.append("lenient")


def _table(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)  # type: ignore[attr-defined]


def _grouped(
    *, campaign: Campaign, root: Organization, stage: str, subject_type: str, join: str = "",
    extra: dict[str, object] | None = None,
) -> list[tuple[int, int | None, int, Decimal | None, int]]:
    sql = _SQL.format(subject=_table(Subject), rating=_table(Rating), join=join)
    low, high = subtree_bounds(root.path)
    params: dict[str, object] = {
        "stage": str(stage), "campaign": campaign.pk, "low": low, "high": high,
        "subject_type": str(subject_type), "included": Override.INCLUDED.value,
        "excluded": Override.EXCLUDED.value, "true": True, **(extra or {}),
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _fold(grouped: Iterable[tuple], unit_paths: dict[int, str],
          peer_for: Callable[[str], ComparisonRow | None]) -> None:
    """Add each grouped (unit, level, n, score sum, score n) to the peer row ``peer_for`` the unit's path."""
    for unit_id, level, n, score_sum, score_n in grouped:
        row = peer_for(unit_paths.get(unit_id, ""))
        if row is None:
            continue
        if level is None:
            row.pending += n
        else:
            row.levels[Level(level)] += n
        if score_n:
            row.score_sum += Decimal(score_sum)
            row.score_n += score_n


def set_parent_paths(rows: Iterable[ComparisonRow], root: Organization) -> None:
    """Give each row the names of its parents strictly below ``root``, nearest first (one query)."""
    rows = list(rows)
    wanted = {r.path[:end] for r in rows for end in range(len(root.path) + PATH_SEGMENT, len(r.path),
                                                           PATH_SEGMENT)}  # fmt: skip
    names: dict[str, str] = {}
    if wanted:
        names = dict(Organization.objects.filter(path__in=sorted(wanted)).values_list("path", "name"))
    for r in rows:
        ends = range(len(r.path) - PATH_SEGMENT, len(root.path), -PATH_SEGMENT)
        r.parents = [names[r.path[:end]] for end in ends if r.path[:end] in names]


def _finish(
    mode: str, label: str, rows: list[ComparisonRow], min_subjects: int, z_threshold: float,
    root: Organization | None = None,
) -> Comparison:
    rows = [r for r in rows if r.rated or r.pending]
    if root is not None:
        set_parent_paths(rows, root)
    flag_rows(rows, min_subjects=min_subjects, z_threshold=z_threshold)
    return Comparison(mode, label, rows, min_subjects, z_threshold)


def compare_organizations(
    *, campaign: Campaign, root: Organization, kind: str, tier: str,
    subject_type: str = SubjectType.PARTY_MEMBER, stage: str = RatingStage.DECIDED,
    min_subjects: int = MIN_SUBJECTS, z_threshold: float = Z_THRESHOLD,
) -> Comparison:
    """The organizations of ``kind`` and ``tier`` under ``root``, each counting its subtree's subjects."""
    orgs = list(
        Organization.objects.subtree(root).order_by("path").values_list("pk", "path", "name", "kind", "tier")
    )
    unit_paths = {pk: path for pk, path, _n, _k, _t in orgs}
    peers = [ComparisonRow(pk, name, path) for pk, path, name, k, t in orgs if k == kind and t == tier]
    peer_of = {r.path: r for r in peers}

    def nearest_peer(path: str) -> ComparisonRow | None:
        for end in range(len(path), 0, -PATH_SEGMENT):
            if (row := peer_of.get(path[:end])) is not None:
                return row
        return None

    grouped = _grouped(campaign=campaign, root=root, stage=stage, subject_type=subject_type)
    _fold(grouped, unit_paths, nearest_peer)
    return _finish("organizations", f"{kind}|{tier}|{subject_type}", peers, min_subjects, z_threshold, root)


def _by_child(root: Organization, grouped: list[tuple]) -> list[ComparisonRow]:
    """Fold ``grouped`` into one row per directly subordinate unit of ``root`` (and one for ``root``)."""
    orgs = Organization.objects.subtree(root).order_by("path").values_list("pk", "path", "name", "depth")
    unit_paths: dict[int, str] = {}
    peer_of: dict[str, ComparisonRow] = {}
    for pk, path, name, depth in orgs:
        unit_paths[pk] = path
        if depth == root.depth + 1 or pk == root.pk:
            peer_of[path] = ComparisonRow(pk, name, path)
    cut = len(root.path) + PATH_SEGMENT
    _fold(grouped, unit_paths, lambda path: peer_of.get(path[:cut] if len(path) >= cut else path))
    return list(peer_of.values())


def compare_leaders(
    *, campaign: Campaign, root: Organization, position: str, stage: str = RatingStage.DECIDED,
    min_subjects: int = MIN_SUBJECTS, z_threshold: float = Z_THRESHOLD,
) -> Comparison:
    """The leaders holding ``position`` under ``root``, one row per directly subordinate unit."""
    join = f"JOIN {_table(Person)} p ON p.id = s.person_id AND p.positions = %(position)s"
    grouped = _grouped(campaign=campaign, root=root, stage=stage, subject_type=SubjectType.LEADER, join=join,
                       extra={"position": position})
    rows = _by_child(root, grouped)
    return _finish("leaders", position, rows, min_subjects, z_threshold)


def compare_collectives(
    *, campaign: Campaign, root: Organization, collective_kind: str, stage: str = RatingStage.DECIDED,
    min_subjects: int = MIN_SUBJECTS, z_threshold: float = Z_THRESHOLD,
) -> Comparison:
    """The collectives of ``collective_kind`` under ``root``, one row per directly subordinate unit."""
    join = f"JOIN {_table(Collective)} c ON c.id = s.collective_id AND c.kind = %(collective_kind)s"
    grouped = _grouped(campaign=campaign, root=root, stage=stage, subject_type=SubjectType.COLLECTIVE,
                       join=join, extra={"collective_kind": collective_kind})
    rows = _by_child(root, grouped)
    return _finish("collectives", collective_kind, rows, min_subjects, z_threshold)


# --- what can be compared under a root (for the pickers) ----------------------------------------------

def organization_peer_kinds(root: Organization) -> list[tuple[str, str, int]]:
    """(kind, tier, count) of the organization kinds under ``root`` with at least two units (one query)."""
    rows = (
        Organization.objects.subtree(root).order_by().values_list("kind", "tier")
        .annotate(n=Count("pk")).filter(n__gte=2).order_by("tier", "kind")
    )
    return list(rows)


def leader_positions(*, campaign: Campaign, root: Organization) -> list[tuple[str, int]]:
    """(position, count) of the leaders classified in ``campaign`` under ``root``, most frequent first."""
    rows = (
        Subject.objects.filter(campaign=campaign, subject_type=SubjectType.LEADER).subtree(root)
        .exclude(person__positions="").order_by().values_list("person__positions")
        .annotate(n=Count("pk")).order_by("-n", "person__positions")
    )
    return list(rows[:200])
