"""The campaigns' side of the rules core's rulesets: finding one by code, and the plan's dates.

The core's ``Ruleset.deadlines`` holds the review deadline of each tier (S-10). The plan's other dates
(the province's self-review, the inputs of S-11, the supervisors' comments of S-12) are not ruleset
data yet; they are kept here, per ruleset code, until the core carries them (reported to the rules
engineer). Nothing else here knows a year or a ruleset by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xeploai.registry.models import Organization, in_subtree
from xeploai.rules import Ruleset, Tier, all_rulesets, get_ruleset, quarter_due_date

from .models import Campaign

__all__ = [
    "PlanDeadline",
    "default_reference_date",
    "known_rulesets",
    "plan_deadlines",
    "quarter_deadlines",
    "resolve_ruleset",
    "ruleset_named",
    "ruleset_of",
]

UNKNOWN_RULESET = _("Không có bộ quy tắc “%(code)s”. Các bộ quy tắc hiện có: %(known)s.")


@dataclass(frozen=True, slots=True)
class PlanDeadline:
    tier: Tier
    kind: str  # campaigns.models.DeadlineKind value
    due_on: date
    rule_id: str


# (tier, kind, month, day, year offset, rule id) beyond the core's per-tier review deadlines.
_EXTRA: dict[str, tuple[tuple[Tier, str, int, int, int, str], ...]] = {
    "kh181-2023": (
        # S-10: "Ban Thường vụ Tỉnh ủy tự kiểm điểm ... trước ngày 31/12/2023".
        (Tier.PROVINCE, "SELF_REVIEW", 12, 31, 0, "S-10"),
        # S-11: UBND's evaluation and the mass organizations' results "trước ngày 30/11/2023".
        (Tier.PROVINCE, "STATE_INPUTS", 11, 30, 0, "S-11"),
        # S-12: "Trong tháng 11/2023" the supervising Standing Committee members send comments.
        (Tier.PROVINCE, "SUPERVISOR_COMMENTS", 11, 30, 0, "S-12"),
    ),
}


def known_rulesets() -> tuple[Ruleset, ...]:
    """Return every ruleset registered in the core."""
    return all_rulesets()


def resolve_ruleset(code: str) -> Ruleset | None:
    """Return the ruleset named ``code``, or None when the core does not know it."""
    try:
        return get_ruleset(code)
    except KeyError:
        return None


def ruleset_named(code: str) -> Ruleset:
    """Return the ruleset named ``code``; a clear error naming the known ones when there is none."""
    rs = resolve_ruleset(code)
    if rs is None:
        known = ", ".join(r.code for r in known_rulesets())
        raise ValidationError(UNKNOWN_RULESET % {"code": code, "known": known})
    return rs


def ruleset_of(campaign: Campaign) -> Ruleset:
    """Return the ruleset a campaign is judged by."""
    return ruleset_named(campaign.ruleset)


def plan_deadlines(ruleset: Ruleset, year: int) -> list[PlanDeadline]:
    """Return the plan's deadlines for a campaign of ``year`` (S-10, S-11, S-12), earliest first.

    The review-and-report deadline of each tier comes from ``ruleset.deadline_for``; at the province,
    whose committee decides the levels of its direct subordinates, the same date is the decision
    deadline (S-10: "quyết định xếp loại ... trước ngày 15/12/2023").
    """
    out: list[PlanDeadline] = []
    for tier in Tier:
        due = ruleset.deadline_for(tier, year)
        if due is None:
            continue
        kind = "DECISION" if tier is Tier.PROVINCE else "REVIEW_AND_REPORT"
        out.append(PlanDeadline(tier, kind, due, "S-10"))
    for tier, kind, month, day, offset, rule_id in _EXTRA.get(ruleset.code, ()):
        out.append(PlanDeadline(tier, kind, date(year + offset, month, day), rule_id))
    out.sort(key=lambda d: (d.due_on, list(Tier).index(d.tier), d.kind))
    return out


def default_reference_date(ruleset: Ruleset, year: int) -> date:
    """Return the counting date of last resort (S-04): the latest tier deadline, else 31/12 of ``year``."""
    dates = [d for tier in Tier if (d := ruleset.deadline_for(tier, year)) is not None]
    return max(dates) if dates else date(year, 12, 31)


def quarter_deadlines(ruleset: Ruleset, root: Organization, year: int, quarter: int) -> list[PlanDeadline]:
    """Return a quarter's deadlines (R-101, KL198): every level of ``root``'s tree reports before the 15th
    of the quarter's last month, one row per level (tier) that has organizations; none without quarters.
    """
    due = quarter_due_date(ruleset, year, quarter)
    if due is None:
        return []
    present = set(
        Organization.objects.filter(in_subtree("path", root.path)).values_list("tier", flat=True).distinct()
    )
    return [PlanDeadline(tier, "REVIEW_AND_REPORT", due[0], due[1]) for tier in Tier if tier.value in present]
