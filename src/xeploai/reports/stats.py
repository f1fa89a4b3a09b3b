"""Statistical tables of a campaign's results (R-95; plan S-10, S-15; conventions.md §2.6): the shapes.

A table (``Section``) covers one family of subjects: party organizations, party members, leadership
collectives, leaders, CBCCVC. Each row counts, for one kind / tier / category (or one directly
subordinate unit):

- ``total``: every subject of the campaign in that row;
- ``not_classified``: those not classified (không đánh giá, xếp loại), split by reason, one column per
  reason the section shows (exempt, suspended, admitted under 6 months, …; "OTHER" for the rest);
- ``pending``: classified subjects without a level yet at the chosen stage;
- ``levels``: the count per level (HTXS, HTT, HTNV, KHTNV), and the percentage **of those rated**,
  one decimal, half up (conventions.md §2.6: "percentages are usually computed over the number rated").

R-95 says the official layout was not found and the report should be configurable: the sections, their
row keys and their reason columns are the ``SECTION_SPECS`` table below, not code branches.

This module holds no queries: ``xeploai.reports.selectors`` fills these shapes from one grouped query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_noop

from xeploai.rules.kinds import (
    CivilServiceCategory,
    CollectiveKind,
    OrgKind,
    ReasonCode,
    SubjectType,
    Tier,
)
from xeploai.rules.levels import Level

OTHER_REASON = "OTHER"
LEVELS_DESC: tuple[Level, ...] = (Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED)
REASON_LABELS: dict[str, str] = {
    ReasonCode.EXEMPT: gettext_noop("Miễn công tác và sinh hoạt đảng"),
    ReasonCode.SUSPENDED: gettext_noop("Đình chỉ sinh hoạt đảng"),
    ReasonCode.NEW_MEMBER: gettext_noop("Mới kết nạp chưa đủ 6 tháng"),
    ReasonCode.NEW_UNIT: gettext_noop("Mới thành lập chưa đủ 6 tháng"),
    ReasonCode.SMALL_COLLECTIVE: gettext_noop("Tập thể dưới 3 thành viên"),
    ReasonCode.WORKED_UNDER_6_MONTHS: gettext_noop("Công tác chưa đủ 6 tháng"),
    OTHER_REASON: gettext_noop("Lý do khác"),
}
_ONE_DECIMAL = Decimal("0.1")


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in percent, one decimal, half up; None when nothing was rated.

    >>> percent(1, 8), percent(2, 3), percent(0, 0)
    (Decimal('12.5'), Decimal('66.7'), None)
    """
    if whole <= 0:
        return None
    return (Decimal(part * 100) / Decimal(whole)).quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)


def format_percent(value: Decimal | None) -> str:
    """The percentage as read on screen, Vietnamese decimal comma: ``12,5 %``; an en dash when none.

    >>> format_percent(Decimal("12.5")), format_percent(Decimal("100.0")), format_percent(None)
    ('12,5 %', '100,0 %', '–')
    """
    if value is None:
        return "–"
    return f"{value:.1f}".replace(".", ",") + " %"


@dataclass(slots=True)
class Counts:
    """The figures of one row."""

    total: int = 0
    not_classified: dict[str, int] = field(default_factory=dict)  # reason column → count
    pending: int = 0
    levels: dict[Level, int] = field(default_factory=lambda: dict.fromkeys(LEVELS_DESC, 0))

    @property
    def not_classified_total(self) -> int:
        return sum(self.not_classified.values())

    @property
    def rated(self) -> int:
        return sum(self.levels.values())

    def percent(self, level: Level) -> Decimal | None:
        return percent(self.levels[level], self.rated)

    def add(self, other: Counts) -> None:
        self.total += other.total
        self.pending += other.pending
        for reason, n in other.not_classified.items():
            self.not_classified[reason] = self.not_classified.get(reason, 0) + n
        for level, n in other.levels.items():
            self.levels[level] += n


@dataclass(slots=True)
class Row:
    """A row of a table: its label, its figures; ``subtotal`` rows are drawn bold."""

    key: str
    label: str
    counts: Counts = field(default_factory=Counts)
    subtotal: bool = False


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """How a table is cut (configurable, R-95): which subjects, which row key, which reason columns."""

    key: str
    title: str
    subject_types: tuple[SubjectType, ...]
    row_by: str  # "unit_kind" | "tier_collective_kind" | "category"
    reasons: tuple[str, ...]
    row_labels: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Section:
    """One statistical table: its rows (by kind / tier / category or by unit) and the total row."""

    spec: SectionSpec
    rows: list[Row]
    total: Counts

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.spec.reasons

    def reason_labels(self) -> list[str]:
        return [REASON_LABELS.get(r, r) for r in self.spec.reasons]

    def display_rows(self, links: dict[str, int] | None = None) -> list[DisplayRow]:
        """The rows as shown on screen, numbered (subtotals unnumbered), the "Cộng" row last.

        ``links`` maps a row key (a unit's path) to the organization id the row links to.
        """
        shown, number = [], 0
        links = links or {}
        for row in self.rows:
            if not row.subtotal:
                number += 1
            shown.append(DisplayRow.of(row.counts, self, "" if row.subtotal else str(number), row.label,
                                       links.get(row.key), bold=row.subtotal))
        shown.append(DisplayRow.of(self.total, self, "", gettext_noop("Cộng"), None, bold=True))
        return shown


@dataclass(frozen=True, slots=True)
class DisplayRow:
    """A row ready for a template: counts in column order, percentages as "12,5 %"."""

    tt: str
    label: str
    link_id: int | None
    bold: bool
    total: int
    not_classified: int
    reasons: list[int]
    pending: int
    rated: int
    levels: list[tuple[int, str]]

    @classmethod
    def of(cls, c: Counts, section: Section, tt: str, label: str, link_id: int | None, *,
           bold: bool) -> DisplayRow:
        return cls(
            tt=tt, label=label, link_id=link_id, bold=bold, total=c.total,
            not_classified=c.not_classified_total,
            reasons=[c.not_classified.get(r, 0) for r in section.reasons], pending=c.pending, rated=c.rated,
            levels=[(c.levels[lv], format_percent(c.percent(lv))) for lv in LEVELS_DESC],
        )


@dataclass(slots=True)
class Statistics:
    """The statistics of one campaign over one subtree, at one rating stage."""

    year: int
    root_name: str
    stage: str
    sections: list[Section]
    by_unit: list[Section] = field(default_factory=list)
    unit_ids: dict[str, int] = field(default_factory=dict)  # path of a by-unit row → organization id

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def kind_tables(self) -> list[tuple[Section, list[DisplayRow]]]:
        """The tables by kind / tier / category with their display rows (for templates)."""
        return [(s, s.display_rows()) for s in self.sections]

    def unit_tables(self) -> list[tuple[Section, list[DisplayRow]]]:
        """The tables by directly subordinate unit, each unit row linking to its organization id."""
        return [(s, s.display_rows(self.unit_ids)) for s in self.by_unit]

    def unit_section(self, key: str) -> Section:
        for s in self.by_unit:
            if s.key == key:
                return s
        raise KeyError(key)


_PARTY_ORG_ORDER = [k for k in OrgKind]
_CATEGORY_ORDER = [k for k in CivilServiceCategory]
_TIER_ORDER = [k for k in Tier]
_COLLECTIVE_ORDER = [k for k in CollectiveKind]

SECTION_SPECS: tuple[SectionSpec, ...] = (
    SectionSpec(
        key="organizations", title=gettext_noop("Tổ chức đảng"), subject_types=(SubjectType.ORGANIZATION,),
        row_by="unit_kind", reasons=(ReasonCode.NEW_UNIT, OTHER_REASON),
    ),
    SectionSpec(
        key="party_members", title=gettext_noop("Đảng viên"), subject_types=(SubjectType.PARTY_MEMBER,),
        row_by="unit_kind",
        reasons=(ReasonCode.EXEMPT, ReasonCode.SUSPENDED, ReasonCode.NEW_MEMBER, OTHER_REASON),
        row_labels={
            OrgKind.GRASSROOTS_CELL: gettext_noop("Đảng viên sinh hoạt ở chi bộ cơ sở"),
            OrgKind.CELL: gettext_noop("Đảng viên sinh hoạt ở chi bộ trực thuộc"),
        },
    ),
    SectionSpec(
        key="collectives", title=gettext_noop("Tập thể lãnh đạo, quản lý"),
        subject_types=(SubjectType.COLLECTIVE,),
        row_by="tier_collective_kind",
        reasons=(ReasonCode.NEW_UNIT, ReasonCode.SMALL_COLLECTIVE, OTHER_REASON),
    ),
    SectionSpec(
        key="leaders", title=gettext_noop("Cá nhân cán bộ lãnh đạo, quản lý"),
        subject_types=(SubjectType.LEADER,),
        row_by="category", reasons=(ReasonCode.WORKED_UNDER_6_MONTHS, OTHER_REASON),
    ),
    SectionSpec(
        key="civil_servants", title=gettext_noop("Cán bộ, công chức, viên chức"),
        subject_types=(SubjectType.CIVIL_SERVANT,),
        row_by="category", reasons=(ReasonCode.WORKED_UNDER_6_MONTHS, OTHER_REASON),
    ),
)


@dataclass(frozen=True, slots=True)
class Group:
    """One row of the grouped query, already reduced to what the tables need."""

    subject_type: str
    unit_kind: str
    tier: str
    collective_kind: str
    category: str
    unit_key: str  # path of the directly subordinate unit the subject falls under
    classified: bool
    reason: str  # first reason code when not classified ("" otherwise)
    level: int | None
    n: int


def _member(enum: type, value: str):  # noqa: ANN202 - the enum member or None (Python 3.11 has no "in")
    try:
        return enum(value)
    except ValueError:
        return None


def _row_key(spec: SectionSpec, g: Group) -> tuple[tuple[int, ...], str, str]:
    """Sort key, row key, label of the by-kind row ``g`` falls in."""
    if spec.row_by == "category":
        cat = _member(CivilServiceCategory, g.category)
        order = _CATEGORY_ORDER.index(cat) if cat else 99
        return (order,), g.category, cat.label if cat else g.category
    if spec.row_by == "tier_collective_kind":
        tier = _member(Tier, g.tier)
        kind = _member(CollectiveKind, g.collective_kind)
        order = (_TIER_ORDER.index(tier) if tier else 99, _COLLECTIVE_ORDER.index(kind) if kind else 99)
        return order, f"{g.tier}|{g.collective_kind}", kind.label if kind else g.collective_kind
    kind = _member(OrgKind, g.unit_kind)
    label = spec.row_labels.get(g.unit_kind) or (kind.label if kind else g.unit_kind)
    return (_PARTY_ORG_ORDER.index(kind) if kind else 99,), g.unit_kind, label


def _count(counts: Counts, spec: SectionSpec, g: Group) -> None:
    counts.total += g.n
    if not g.classified:
        column = g.reason if g.reason in spec.reasons else OTHER_REASON
        counts.not_classified[column] = counts.not_classified.get(column, 0) + g.n
    elif g.level is None:
        counts.pending += g.n
    else:
        counts.levels[Level(g.level)] += g.n


def _folded(groups: Iterable[Group], *, by_unit: bool) -> list[Group]:
    """The groups added up over what a kind of table does not show, in the order first seen.

    The grouped query counts per unit (some 20,000 rows for a province); the tables by kind need only
    a few hundred distinct (type, kind, tier, collective kind, category, classified, reason, level), the
    tables by unit a few hundred (type, unit, classified, reason, level). Rows come out in the order
    their first group came in, so equal sort keys keep their order.
    """
    totals: dict[tuple[str, str, str, str, str, str, bool, str, int | None], int] = {}
    get = totals.get
    for g in groups:
        if by_unit:
            key = (g.subject_type, "", "", "", "", g.unit_key, g.classified, g.reason, g.level)
        else:
            key = (g.subject_type, g.unit_kind, g.tier, g.collective_kind, g.category, "", g.classified,
                   g.reason, g.level)
        totals[key] = get(key, 0) + g.n
    return [Group(*key, n=n) for key, n in totals.items()]


def build_sections(
    groups: Iterable[Group], *, specs: tuple[SectionSpec, ...] = SECTION_SPECS
) -> list[Section]:
    """Fold the grouped rows into one table per spec, rows by kind / tier / category.

    Collective tables get a bold subtotal row per tier above that tier's kinds ("by kind and tier").
    """
    groups = _folded(groups, by_unit=False)
    sections = []
    for spec in specs:
        rows: dict[str, tuple[tuple[int, ...], Row]] = {}
        tier_rows: dict[str, tuple[tuple[int, ...], Row]] = {}
        total = Counts()
        for g in groups:
            if g.subject_type not in spec.subject_types:
                continue
            order, key, label = _row_key(spec, g)
            if key not in rows:
                rows[key] = (order, Row(key=key, label=label))
            _count(rows[key][1].counts, spec, g)
            if spec.row_by == "tier_collective_kind":
                tier = _member(Tier, g.tier)
                tier_label = tier.label if tier else g.tier
                if g.tier not in tier_rows:
                    tier_rows[g.tier] = ((order[0], -1), Row(key=g.tier, label=tier_label, subtotal=True))
                _count(tier_rows[g.tier][1].counts, spec, g)
            _count(total, spec, g)
        ordered = sorted([*rows.values(), *tier_rows.values()], key=lambda pair: pair[0])
        sections.append(Section(spec=spec, rows=[row for _, row in ordered], total=total))
    return sections


def build_unit_sections(
    groups: Iterable[Group], unit_names: dict[str, str], *, specs: tuple[SectionSpec, ...] = SECTION_SPECS
) -> list[Section]:
    """Fold the grouped rows into one table per spec with one row per directly subordinate unit.

    This is the "TT | Đơn vị | Tổng số | …" layout of the tables sent upward (conventions.md §2.6).
    Units come in tree order; the root itself (its own committee, its own collectives) is a row too.
    """
    groups = _folded(groups, by_unit=True)
    sections = []
    for spec in specs:
        rows: dict[str, Row] = {}
        total = Counts()
        for g in groups:
            if g.subject_type not in spec.subject_types:
                continue
            if g.unit_key not in rows:
                rows[g.unit_key] = Row(key=g.unit_key, label=unit_names.get(g.unit_key, g.unit_key))
            _count(rows[g.unit_key].counts, spec, g)
            _count(total, spec, g)
        sections.append(Section(spec=spec, rows=[rows[k] for k in sorted(rows)], total=total))
    return sections
