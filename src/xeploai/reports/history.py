"""History of the levels of a person or an organization across campaigns, and the multi-year flags.

The level of a year is the latest DECIDED row of the subject in that year's campaign (ratings are rows,
ADR 0002); ``published`` says whether the latest PUBLISHED row exists. A reader who sees only what is
published (a MEMBER looking at their own page, R-88) gets the published level instead, and nothing for
a year whose result is not published yet.

Flags over consecutive **calendar** years (a year without a level breaks the run), regulations.md §6:

- R-77: a party member rated KHTNV two years running — the chi bộ educates and helps the member before
  considering removal from the Party (not automatic);
- R-78: a leader (cán bộ lãnh đạo, quản lý) rated KHTNV two years running — ground to consider dismissal
  (miễn nhiệm);
- R-79: a civil servant / public employee rated KHTNV two years running — resignation or termination
  of the contract may be considered (RECALLED in regulations.md: shown as "to be confirmed");
- R-79b: a party organization or a party member rated HTXS five years running — may be proposed for
  commendation ("Trong sạch, vững mạnh tiêu biểu" / "Hoàn thành xuất sắc nhiệm vụ 5 năm liền").

Each flag carries the rule id, a stable code and its parameters; the sentence is made at the edge.

For a leader, the levels of a party term (nhiệm kỳ) also roll up into a term level (R-44, QĐ89:
``rules.checks.term_level``). A term is named by its congress years (2020–2025) and holds the five
yearly ratings made under the committee that congress elected: 2020 to 2024 (the congress sits in the
course of the year; the year's rating comes after it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from xeploai.campaigns.models import Override, Rating, RatingStage
from xeploai.registry.models import Organization, Person
from xeploai.rules.checks import term_level
from xeploai.rules.citations import cite
from xeploai.rules.kinds import SubjectType
from xeploai.rules.levels import Level
from xeploai.rules.rulesets import all_rulesets, ruleset_for_year

TERM_CONGRESS_YEAR = 2020  # a congress year of the local party committees (2015, 2020, 2025, …)
TERM_YEARS = 5


@dataclass(frozen=True, slots=True)
class FlagRule:
    rule_id: str
    code: str
    subject_types: frozenset[str]
    level: Level
    years: int
    recalled: bool = False


FLAG_RULES: tuple[FlagRule, ...] = (
    FlagRule("R-77", "history.party_not_completed_twice", frozenset({SubjectType.PARTY_MEMBER}),
             Level.NOT_COMPLETED, 2),
    FlagRule("R-78", "history.leader_not_completed_twice", frozenset({SubjectType.LEADER}),
             Level.NOT_COMPLETED, 2),
    FlagRule("R-79", "history.state_not_completed_twice", frozenset({SubjectType.CIVIL_SERVANT}),
             Level.NOT_COMPLETED, 2, recalled=True),
    FlagRule("R-79b", "history.excellent_five_years",
             frozenset({SubjectType.ORGANIZATION, SubjectType.PARTY_MEMBER}), Level.EXCELLENT, 5),
)

FLAG_MESSAGES: Mapping[str, object] = {
    "history.party_not_completed_twice": _(
        "Hai năm liên tiếp không hoàn thành nhiệm vụ (%(years)s): chi bộ giáo dục, giúp đỡ trước khi xem xét "
        "đưa ra khỏi Đảng (không tự động)."
    ),
    "history.leader_not_completed_twice": _(
        "Hai năm liên tiếp không hoàn thành nhiệm vụ (%(years)s): căn cứ xem xét miễn nhiệm."
    ),
    "history.state_not_completed_twice": _(
        "Hai năm liên tiếp không hoàn thành nhiệm vụ (%(years)s): công chức xem xét giải quyết thôi việc, "
        "viên chức có thể bị đơn phương chấm dứt hợp đồng (quy định chưa được xác minh)."
    ),
    "history.excellent_five_years": _(
        "Năm năm liên tục hoàn thành xuất sắc nhiệm vụ (%(years)s): có thể đề nghị khen thưởng."
    ),
}


@dataclass(frozen=True, slots=True)
class HistoryFlag:
    """A run of years that meets a rule: rule id, code, the role and the years of the run."""

    rule_id: str
    code: str
    subject_type: str
    years: tuple[int, ...]
    recalled: bool = False

    @property
    def message(self) -> str:
        return str(FLAG_MESSAGES[self.code]) % {"years": f"{self.years[0]}–{self.years[-1]}"}

    @property
    def citation(self) -> str:
        """The document and article of the rule ("theo …"), under the ruleset of the run's last year."""
        rs = ruleset_for_year(self.years[-1]) or all_rulesets()[0]
        return cite(self.rule_id, rs.code, "en" if (get_language() or "").startswith("en") else "vi")

    @property
    def is_warning(self) -> bool:
        return self.code != "history.excellent_five_years"


@dataclass(frozen=True, slots=True)
class YearLevel:
    """The level of one role in one year."""

    year: int
    subject_type: str
    level: Level
    published: bool
    name: str = ""  # the collective's name, for an organization's collectives

    @property
    def role_label(self) -> str:
        return SubjectType(self.subject_type).label


@dataclass(frozen=True, slots=True)
class TermLevel:
    """A leader's term roll-up (R-44): the term's congress years, the yearly levels, the term level.

    ``level`` is None while too few years are rated to say (``term_level``).
    """

    first: int
    last: int
    levels: tuple[tuple[int, Level], ...]
    level: Level | None

    @property
    def label(self) -> str:
        return f"{self.first}–{self.last}"


def term_of(year: int) -> int:
    """The congress year of the term whose committee rated ``year`` (2020 for 2020 … 2024)."""
    return TERM_CONGRESS_YEAR + (year - TERM_CONGRESS_YEAR) // TERM_YEARS * TERM_YEARS


def leader_terms(by_year: Mapping[int, int]) -> list[TermLevel]:
    """The leader's yearly levels grouped by term and rolled up (R-44), newest term first.

    >>> X, N = Level.EXCELLENT, Level.NOT_COMPLETED
    >>> [(t.label, t.level.short) for t in leader_terms({2020: X, 2021: X, 2022: X, 2023: X, 2024: N})]
    [('2020–2025', 'HTXS')]
    >>> [(t.label, t.level) for t in leader_terms({2024: X, 2025: X})]
    [('2025–2030', None), ('2020–2025', None)]
    """
    terms: dict[int, list[tuple[int, Level]]] = {}
    for year, level in sorted(by_year.items()):
        terms.setdefault(term_of(year), []).append((year, Level(level)))
    return [
        TermLevel(start, start + TERM_YEARS, tuple(levels), term_level(lv for _y, lv in levels))
        for start, levels in sorted(terms.items(), reverse=True)
    ]


@dataclass(slots=True)
class History:
    """Levels by year (newest first), the flags found in them and a leader's term roll-ups (R-44)."""

    rows: list[YearLevel] = field(default_factory=list)
    flags: list[HistoryFlag] = field(default_factory=list)
    published_only: bool = False
    terms: list[TermLevel] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return sorted({r.year for r in self.rows}, reverse=True)


def consecutive_flags(series: Mapping[str, Mapping[int, int]]) -> list[HistoryFlag]:
    """The flags of ``series`` (role → year → level): one per maximal run of consecutive years at the level.

    >>> [f.rule_id for f in consecutive_flags({"PARTY_MEMBER": {2022: 0, 2023: 0}})]
    ['R-77']
    >>> consecutive_flags({"PARTY_MEMBER": {2021: 0, 2023: 0}})  # 2022 missing: not consecutive
    []
    """
    flags: list[HistoryFlag] = []
    for rule in FLAG_RULES:
        for subject_type in sorted(rule.subject_types):
            by_year = series.get(subject_type, {})
            years = sorted(y for y, lv in by_year.items() if lv == rule.level)
            run: list[int] = []
            for y in [*years, None]:
                if y is not None and run and y == run[-1] + 1:
                    run.append(y)
                    continue
                if len(run) >= rule.years:
                    flag = HistoryFlag(rule.rule_id, rule.code, subject_type, tuple(run), rule.recalled)
                    flags.append(flag)
                run = [y] if y is not None else []
    flags.sort(key=lambda f: (f.years[-1], f.rule_id), reverse=True)
    return flags


def _rows(condition: Q, *, published_only: bool) -> list[tuple]:
    """(year, subject type, stage, level, collective name, rating id) of the latest row per subject/stage."""
    later = Rating.objects.filter(
        subject_id=OuterRef("subject_id"), stage=OuterRef("stage"), pk__gt=OuterRef("pk")
    )
    stages = [RatingStage.PUBLISHED] if published_only else [RatingStage.DECIDED, RatingStage.PUBLISHED]
    return list(
        Rating.objects.filter(condition, stage__in=stages)
        .exclude(subject__override=Override.EXCLUDED)
        .filter(~Exists(later))
        .order_by("pk")
        .values_list("subject__campaign__year", "subject__subject_type", "stage", "level",
                     "subject__collective__name", "pk")
    )


def _history(raw: Iterable[tuple], *, published_only: bool, flag_types: frozenset[str] | None) -> History:
    # (year, type, collective) → {stage: level}; rows come in id order, so a later campaign of a year wins.
    cells: dict[tuple[int, str, str], dict[str, int]] = {}
    for year, stype, stage, level, cname, _pk in raw:
        cells.setdefault((year, stype, cname or ""), {})[stage] = level
    rows: list[YearLevel] = []
    series: dict[str, dict[int, int]] = {}
    shown_stage = RatingStage.PUBLISHED if published_only else RatingStage.DECIDED
    for (year, stype, cname), stages in cells.items():
        if shown_stage not in stages:
            continue
        level = stages[shown_stage]
        rows.append(YearLevel(year, stype, Level(level), RatingStage.PUBLISHED in stages, cname))
        if not cname and (flag_types is None or stype in flag_types):
            series.setdefault(stype, {})[year] = level
    rows.sort(key=lambda r: (-r.year, r.name, r.subject_type))
    terms = leader_terms(series.get(SubjectType.LEADER, {}))
    return History(rows=rows, flags=consecutive_flags(series), published_only=published_only, terms=terms)


def person_history(*, person: Person | int, published_only: bool = False) -> History:
    """Every role of ``person`` by year, with the R-77 / R-78 / R-79 / R-79b flags (one query)."""
    pk = person if isinstance(person, int) else person.pk
    raw = _rows(Q(subject__person_id=pk), published_only=published_only)
    return _history(raw, published_only=published_only, flag_types=None)


def organization_history(*, organization: Organization | int, published_only: bool = False) -> History:
    """The organization's own level by year (R-79b flag) and its collectives' levels (one query)."""
    pk = organization if isinstance(organization, int) else organization.pk
    cond = Q(subject__organization_id=pk) | Q(subject__collective__organization_id=pk)
    raw = _rows(cond, published_only=published_only)
    return _history(raw, published_only=published_only, flag_types=frozenset({SubjectType.ORGANIZATION}))


def flags_by_person(*, person_ids: Iterable[int]) -> dict[int, list[HistoryFlag]]:
    """Person id → flags, for many people at once (one query; used by lists and the benchmark)."""
    ids = list(person_ids)
    later = Rating.objects.filter(
        subject_id=OuterRef("subject_id"), stage=OuterRef("stage"), pk__gt=OuterRef("pk")
    )
    raw = (
        Rating.objects.filter(subject__person_id__in=ids, stage=RatingStage.DECIDED)
        .exclude(subject__override=Override.EXCLUDED)
        .filter(~Exists(later))
        .order_by("pk")
        .values_list("subject__person_id", "subject__campaign__year", "subject__subject_type", "level")
    )
    series: dict[int, dict[str, dict[int, int]]] = {}
    for person_id, year, stype, level in raw:
        series.setdefault(person_id, {}).setdefault(stype, {})[year] = level
    return {pid: flags for pid, s in series.items() if (flags := consecutive_flags(s))}


def sees_unpublished(user: object, paths: Iterable[str | None]) -> bool:
    """Whether ``user`` reads decided levels before publication: a role other than MEMBER covering a path.

    A MEMBER reads only what is published (R-88); officers of the unit or above read the decisions.
    """
    from xeploai.accounts.access import user_scope
    from xeploai.accounts.models import Role

    scope = user_scope(user)  # type: ignore[arg-type]
    officers = frozenset(Role.values) - {Role.MEMBER}
    return scope.everything or any(scope.has_role(officers, p) for p in paths if p)
