"""Order a campaign's decisions and refuse a decision that comes too early.

Rules: R-70 (QĐ124 Art. 11 / HD21 II.B.6: state activities before the party organization,
lower before higher, collectives before their members), R-70b (ND90 Art. 20(2): CBCCVC before
party members), R-62 (heads after their units), S-13 (a member's review opens after the
collective's). ``plan_order`` turns ``OrderFacts`` into stages (batches that may be decided in
parallel); ``OrderPlan.check`` refuses one decision whose prerequisites are not decided yet.

R-61 (collective not above its unit) is a cap, not an order edge: a chi ủy is decided before
its members (R-70), who come before their chi bộ (R-34), so an edge "unit before collective"
would make a cycle. The cap is checked whenever the unit's level is known.
"""

from __future__ import annotations

from collections.abc import Container, Hashable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .findings import Finding, SubjectKey
from .model import OrderFacts
from .rulesets.base import Ruleset

__all__ = ["OrderPlan", "Prerequisite", "plan_order"]

Prerequisite = tuple[SubjectKey, str, str]
"""``(subject that must be decided first, rule id, refusal code)``."""


def _sort_key(key: SubjectKey) -> tuple[str, int, int | str]:
    ident: Hashable = key[1]
    return (key[0].value, 0, ident) if isinstance(ident, int) else (key[0].value, 1, str(ident))


@dataclass(frozen=True, slots=True)
class OrderPlan:
    """Hold the stages of a campaign and each subject's prerequisites.

    ``stages[0]`` may be decided first; a subject in a cycle is in no stage and has an
    ``order.cycle`` finding in ``findings``.
    """

    stages: tuple[tuple[SubjectKey, ...], ...]
    findings: tuple[Finding, ...]
    prerequisites: Mapping[SubjectKey, tuple[Prerequisite, ...]]

    def stage_of(self, key: SubjectKey) -> int | None:
        """Return the index of the stage ``key`` is in, or None."""
        for i, stage in enumerate(self.stages):
            if key in stage:
                return i
        return None

    def check(self, key: SubjectKey, decided: Container[SubjectKey]) -> tuple[Finding, ...]:
        """Refuse deciding ``key`` while a prerequisite is undecided: one finding per missing one."""
        out = []
        for before, rule_id, code in self.prerequisites.get(key, ()):
            if before not in decided:
                params = MappingProxyType({"subject": key, "waiting_for": before})
                out.append(Finding(rule_id, code, params, True))
        return tuple(out)


def plan_order(ruleset: Ruleset, facts: Iterable[OrderFacts]) -> OrderPlan:
    """Build the decision order of a campaign from its subjects' ``OrderFacts``.

    Prerequisites that are not subjects of the campaign are ignored for staging (they are
    facts from elsewhere) and reported once as non-blocking ``order.unknown_reference``.
    """
    collective_rule = ruleset.collective_first_rule
    pre: dict[SubjectKey, list[Prerequisite]] = {}
    nodes: set[SubjectKey] = set()
    for f in facts:
        nodes.add(f.key)
        mine = pre.setdefault(f.key, [])
        if f.parent is not None:
            pre.setdefault(f.parent, []).append((f.key, "R-70", "order.higher_before_lower"))
        if f.collective is not None:
            mine.append((f.collective, collective_rule, "order.individual_before_collective"))
        if f.head_of is not None:
            mine.append((f.head_of, "R-62", "order.head_before_unit"))
        if f.civil_service is not None:
            mine.append((f.civil_service, "R-70b", "order.party_before_civil_service"))
        for state in f.same_level_state:
            mine.append((state, "R-70", "order.party_org_before_state"))

    findings: list[Finding] = []
    waiting: dict[SubjectKey, int] = {}
    followers: dict[SubjectKey, list[SubjectKey]] = {}
    for key in nodes:
        n = 0
        for before, _rule, _code in pre.get(key, ()):
            if before in nodes:
                n += 1
                followers.setdefault(before, []).append(key)
            else:
                params = MappingProxyType({"subject": key, "waiting_for": before})
                findings.append(Finding("R-70", "order.unknown_reference", params, False))
        waiting[key] = n
    stages: list[tuple[SubjectKey, ...]] = []
    ready = sorted((k for k, n in waiting.items() if n == 0), key=_sort_key)
    while ready:
        stages.append(tuple(ready))
        nxt = []
        for key in ready:
            for follower in followers.get(key, ()):
                waiting[follower] -= 1
                if waiting[follower] == 0:
                    nxt.append(follower)
        ready = sorted(nxt, key=_sort_key)
    stuck = sorted((k for k, n in waiting.items() if n > 0), key=_sort_key)
    if stuck:
        findings.append(Finding("R-70", "order.cycle", MappingProxyType({"subjects": tuple(stuck)}), True))
    findings.sort(key=lambda f: (f.code, repr(f.params)))
    prerequisites = MappingProxyType({k: tuple(v) for k, v in pre.items() if k in nodes or v})
    return OrderPlan(tuple(stages), tuple(findings), prerequisites)
