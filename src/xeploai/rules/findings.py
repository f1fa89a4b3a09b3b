"""Carry the results of the core: findings with rule ids and codes, never prose.

A ``Finding`` is what a rule says about one subject: the rule id (``R-xx``/``S-xx`` as in
``shared/domain``), a stable machine ``code``, the ``params`` a sentence needs, and whether it
blocks the decision. ``rules.explain.explain(finding)`` turns it into Vietnamese or English.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import NamedTuple

from .kinds import ReasonCode, SubjectType
from .levels import Level

__all__ = [
    "EMPTY_PARAMS",
    "CapResult",
    "Finding",
    "QuotaResult",
    "Reason",
    "SubjectDecision",
    "SubjectId",
    "SubjectKey",
]

SubjectId = Hashable
"""Identifier of a subject as the bridge knows it (a primary key, usually an ``int``)."""

SubjectKey = tuple[SubjectType, Hashable]
"""A subject in one role: ``(SubjectType.PARTY_MEMBER, person_pk)``."""

EMPTY_PARAMS: Mapping[str, object] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Finding:
    """State what one rule says about one subject (rule id + stable code + params)."""

    rule_id: str
    code: str
    params: Mapping[str, object] = field(default_factory=lambda: EMPTY_PARAMS)
    blocking: bool = True


@dataclass(frozen=True, slots=True)
class Reason:
    """Explain one eligibility outcome: a reason code, its rule id and params."""

    code: ReasonCode
    rule_id: str
    params: Mapping[str, object] = field(default_factory=lambda: EMPTY_PARAMS)


class SubjectDecision(NamedTuple):
    """Say whether a subject is reviewed (kiểm điểm) and classified (xếp loại), and why.

    ``counted_to`` is the date the six months were counted to (S-04): the review meeting of the
    subject's organization, else the deadline of its level (S-10), else the reference date.
    A ``NamedTuple`` (immutable, and five times cheaper to build than a frozen dataclass: the
    core builds one per subject role, ~190,000 for a province).
    """

    subject_id: SubjectId
    subject_type: SubjectType
    review: bool
    classify: bool
    reasons: tuple[Reason, ...]
    counted_to: date

    @property
    def key(self) -> SubjectKey:
        """Return ``(subject_type, subject_id)``."""
        return (self.subject_type, self.subject_id)


class CapResult(NamedTuple):
    """Give the highest level a subject may get and every finding behind it.

    ``max_level`` is the minimum of all caps. ``findings`` lists each restricting rule (blocking
    when the proposal exceeds that cap), missing prerequisites of the decision (blocking, no cap:
    the old unit's comment after a transfer) and non-blocking flags such as maternity leave.
    A ``NamedTuple`` for the same reason as ``SubjectDecision``.
    """

    subject_id: SubjectId
    subject_type: SubjectType
    proposed: Level
    max_level: Level
    findings: tuple[Finding, ...]

    @property
    def allowed(self) -> Level:
        """Return the proposal lowered to the cap."""
        return self.proposed if self.proposed <= self.max_level else self.max_level

    @property
    def ok(self) -> bool:
        """Return True when no finding blocks the proposal."""
        return not any(f.blocking for f in self.findings)


@dataclass(frozen=True, slots=True)
class QuotaResult:
    """Report one quota scope: capacity, candidates, over-quota count and findings.

    ``pool`` counts those at HTT or HTXS whose levels are otherwise settled; ``candidates`` those
    proposed HTXS; ``max_excellent`` solves the final split (demoted candidates join HTT).
    """

    scope: Hashable
    rule_id: str
    candidates: int
    good: int
    max_excellent: int
    findings: tuple[Finding, ...] = ()

    @property
    def pool(self) -> int:
        """Return candidates + those at HTT: the HTT-or-above total the split is made from."""
        return self.candidates + self.good

    @property
    def over_quota(self) -> int:
        """Return how many candidates must be demoted to fit the quota."""
        return max(0, self.candidates - self.max_excellent)

    @property
    def suggested_excellent(self) -> int:
        """Return the final HTXS count of the suggested split."""
        return min(self.candidates, self.max_excellent)

    @property
    def suggested_good(self) -> int:
        """Return the final HTT count of the suggested split (demoted candidates included)."""
        return self.pool - self.suggested_excellent
