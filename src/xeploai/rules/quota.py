"""Apply the 20 % quotas: HTXS ≤ 20 % of those whose *final* level is HTT, per scope.

Rules: R-50 (party members, per grassroots party organization), R-50b (party organizations,
RECALLED, behind a switch), R-50c (collectives, per category under the province or district),
R-50d (leaders, per equivalent title), R-50e (QĐ124/QĐ366, per group of similar subjects), R-50g
(ND335 công chức, per agency and task group) and R-50f (CBCCVC HTXS rate ≤ party-member HTXS
rate in the agency, a separate constraint). R-50h (QĐ366 Điều 11): the competent level may raise
one scope's share to 25 % for an outstanding unit (``QuotaException``), under a ruleset that allows it
(``Ruleset.quota_exception_share``).

Demoting an HTXS candidate moves it into HTT, so the split is solved: with ``C`` candidates and
``T`` at HTT, the largest ``x ≤ C`` with ``x ≤ round(r × (C + T − x))``. For 7 candidates and 20
at HTT, ``x ≤ 0.2 × (27 − x)`` gives ``x ≤ 4.5``: 4 HTXS, 23 HTT (regulations.md §4). Rounding
is the ruleset's (floor by default; ``round`` is half-up).

Who keeps HTXS is the competent level's decision, not computable: the core reports capacity,
candidates and over-quota count, and answers what-if questions.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from types import MappingProxyType
from typing import Any, TypeVar

from .batch import gc_paused
from .findings import Finding, QuotaResult, SubjectId
from .kinds import CivilServiceCategory, QuotaKind
from .levels import Level
from .rulesets.base import Ruleset, apply_rounding

__all__ = [
    "QuotaException",
    "QuotaItem",
    "exception_ratio",
    "max_excellent",
    "quota_what_if",
    "solve_quota",
    "solve_state_rate",
]

T = TypeVar("T")
_EX, _GOOD = Level.EXCELLENT, Level.GOOD


@dataclass(frozen=True, slots=True)
class QuotaItem:
    """Hold one subject for a quota: its level after caps and its scope key.

    Scope keys by rule: R-50 the grassroots party organization's id; R-50c ``(tier, parent org
    id, collective kind)``; R-50d ``(tier, title)``; R-50e/R-50g ``(agency id, task group)``.
    """

    subject_id: SubjectId
    level: Level
    scope: Hashable = None


@dataclass(frozen=True, slots=True)
class QuotaException:
    """R-50h: the competent level raised one quota scope's share for an outstanding unit (QĐ366 Điều 11).

    ``share`` is the raised share (1/4: 25 %); ``decided_by`` (who decided, in words), ``decided_on`` and
    ``reason`` go into the over-quota finding so the page can say why the limit is higher.
    """

    share: tuple[int, int] = (1, 4)
    decided_by: str = ""
    decided_on: date | None = None
    reason: str = ""


def exception_ratio(ruleset: Ruleset, exception: QuotaException | None) -> tuple[int, int] | None:
    """Return the share a scope with ``exception`` is held to (R-50h), or None when none applies.

    The ruleset's ``quota_exception_share`` is the most the competent level may allow: a larger share
    asked for is held to it; a ruleset without one (``kh181-2023``) ignores the exception.

    >>> from xeploai.rules import KH181_2023, QD366_2025
    >>> exception_ratio(QD366_2025, QuotaException((1, 4))), exception_ratio(KH181_2023, QuotaException())
    ((1, 4), None)
    """
    allowed = ruleset.quota_exception_share
    if exception is None or allowed is None:
        return None
    num, den = exception.share
    return exception.share if num * allowed[1] <= allowed[0] * den else allowed


def max_excellent(
    ruleset: Ruleset, candidates: int, good: int, *, ratio: tuple[int, int] | None = None
) -> int:
    """Return the most HTXS allowed when ``candidates`` are proposed HTXS and ``good`` are HTT.

    Solves the final split: every demoted candidate joins HTT.

    >>> from xeploai.rules import KH181_2023
    >>> max_excellent(KH181_2023, 7, 20)
    4
    """
    num, den = ratio or ruleset.quota_ratio
    pool = candidates + good
    # floor closed form: x <= num (pool - x) / den  <=>  x <= num pool / (num + den).
    x = min(candidates, num * pool // (num + den))
    mode = ruleset.rounding
    while x < candidates and x + 1 <= apply_rounding(num * (pool - x - 1), den, mode):
        x += 1
    return x


def _result(
    ruleset: Ruleset,
    scope: Hashable,
    rule_id: str,
    candidates: int,
    good: int,
    ratio: tuple[int, int] | None,
    warn_only: bool,
    exception: QuotaException | None = None,
) -> QuotaResult:
    raised = exception_ratio(ruleset, exception)  # R-50h: the scope's raised share, if the ruleset allows
    allowed = max_excellent(ruleset, candidates, good, ratio=raised or ratio)
    findings: tuple[Finding, ...] = ()
    if candidates > allowed:
        params: dict[str, object] = {
            "scope": scope,
            "candidates": candidates,
            "good": good,
            "max_excellent": allowed,
            "over": candidates - allowed,
        }
        if warn_only:
            params["unconfirmed"] = True
        code = "quota.over"
        if raised is not None and exception is not None:
            code = "quota.over_raised"
            params.update(_raised_params(raised, exception))
        findings = (Finding(rule_id, code, MappingProxyType(params), not warn_only),)
    return QuotaResult(scope, rule_id, candidates, good, allowed, findings)


def _raised_params(raised: tuple[int, int], exception: QuotaException) -> dict[str, object]:
    """The words of an R-50h decision for the over-quota finding: share, who, when and why."""
    return {
        "share": round(100 * raised[0] / raised[1]),
        "decided_by": exception.decided_by,
        "decided_on": exception.decided_on or "",
        "reason": exception.reason,
        "exception_rule": "R-50h",
    }


@gc_paused()
def solve_quota(
    ruleset: Ruleset,
    kind: QuotaKind,
    items: Iterable[T],
    *,
    key: Callable[[T], Hashable] = attrgetter("scope"),
    level: Callable[[T], Level] = attrgetter("level"),
    ratio: tuple[int, int] | None = None,
    year: int | None = None,
    category: Callable[[T], CivilServiceCategory | str] | None = None,
    exceptions: Mapping[Hashable, QuotaException] | None = None,
) -> dict[Hashable, QuotaResult]:
    """Group ``items`` by ``key`` and solve the quota of ``kind`` in each scope.

    CBCCVC (``QuotaKind.CIVIL_SERVANTS``): with ``year`` and ``category``, only the items the 20 % quota
    binds count (``Ruleset.state_quota_applies``: R-50g for công chức under ND335, from 2026); the
    others are left to R-50f. Without them every item counts, as before.

    ``level`` gives each item's level after caps; only HTXS (candidates) and HTT count. ``ratio``
    overrides the ruleset's 1/5 for every scope; ``exceptions`` raise single scopes (R-50h, QĐ366
    Điều 11: 25 % for an outstanding unit, where the ruleset has ``quota_exception_share``).
    Returns ``{}`` when the ruleset has no quota of that kind.
    """
    rule_id = ruleset.quota_rule(kind)
    if rule_id is None:
        return {}
    if kind is QuotaKind.CIVIL_SERVANTS and year is not None and category is not None:
        items = [i for i in items if ruleset.state_quota_applies(year, CivilServiceCategory(category(i)))]
    counts: dict[Hashable, list[int]] = {}
    get = counts.get
    for item in items:
        scope = key(item)
        c = get(scope)
        if c is None:
            c = counts[scope] = [0, 0, 0, 0]
        c[level(item)] += 1
    warn_only = kind is QuotaKind.ORGANIZATIONS and ruleset.organization_quota == "warn"
    raised = exceptions or {}
    return {
        scope: _result(ruleset, scope, rule_id, c[_EX], c[_GOOD], ratio, warn_only, raised.get(scope))
        for scope, c in counts.items()
    }


def quota_what_if(
    ruleset: Ruleset,
    result: QuotaResult,
    *,
    demote: int,
    to: Level = Level.GOOD,
    ratio: tuple[int, int] | None = None,
) -> QuotaResult:
    """Return the scope's result if ``demote`` candidates were lowered to ``to`` (HTT by default).

    Demoted to HTT they stay in the pool; demoted below HTT they leave it.
    """
    demote = max(0, min(demote, result.candidates))
    good = result.good + demote if to == _GOOD else result.good
    return _result(ruleset, result.scope, result.rule_id, result.candidates - demote, good, ratio, False)


def solve_state_rate(
    ruleset: Ruleset,
    items: Iterable[T],
    *,
    party_rates: Mapping[Hashable, tuple[int, int]],
    key: Callable[[T], Hashable] = attrgetter("scope"),
    level: Callable[[T], Level] = attrgetter("level"),
    party_pending: Mapping[Hashable, int] | None = None,
) -> dict[Hashable, QuotaResult]:
    """Apply R-50f per agency: the CBCCVC HTXS rate must not exceed the party members' rate.

    ND48: "tỷ lệ cán bộ, công chức, viên chức được xếp loại hoàn thành xuất sắc nhiệm vụ ...
    không vượt quá tỷ lệ đảng viên được xếp loại hoàn thành xuất sắc nhiệm vụ". The mapping of
    "the party members' rate" is ambiguous (regulations.md §4 note 3), so the caller passes it:
    ``party_rates[scope] = (party HTXS count, party denominator)``. The CBCCVC rate is over all
    CBCCVC classified in the scope. A scope without a party rate gets a non-blocking finding, and so
    does a scope where ``party_pending[scope]`` party members are not classified yet: the rate R-50f
    depends on does not exist before they are (CBCCVC are classified first, R-70b).
    Returns ``{}`` when the ruleset does not apply R-50f.
    """
    if not ruleset.state_rate_quota:
        return {}
    counts: dict[Hashable, list[int]] = {}
    for item in items:
        c = counts.setdefault(key(item), [0, 0, 0, 0])
        c[level(item)] += 1
    out: dict[Hashable, QuotaResult] = {}
    for scope, c in counts.items():
        total, candidates = sum(c), c[_EX]
        rate = party_rates.get(scope)
        findings: tuple[Finding, ...] = ()
        if party_pending is not None and party_pending.get(scope, 0) > 0:
            allowed = candidates
            params0 = MappingProxyType({"scope": scope, "pending": party_pending[scope]})
            findings = (Finding("R-50f", "quota.party_rate_pending", params0, False),)
        elif rate is None or rate[1] <= 0:
            allowed = candidates
            findings = (Finding("R-50f", "quota.no_party_rate", MappingProxyType({"scope": scope}), False),)
        else:
            allowed = min(candidates, apply_rounding(total * rate[0], rate[1], ruleset.rounding))
            if candidates > allowed:
                params: dict[str, Any] = {
                    "scope": scope,
                    "candidates": candidates,
                    "total": total,
                    "party_excellent": rate[0],
                    "party_base": rate[1],
                    "max_excellent": allowed,
                    "over": candidates - allowed,
                }
                findings = (Finding("R-50f", "quota.state_rate_over", MappingProxyType(params), True),)
        out[scope] = QuotaResult(scope, "R-50f", candidates, c[_GOOD], allowed, findings)
    return out
