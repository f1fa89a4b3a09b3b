"""Pure rules core: eligibility, caps, quota and order of the yearly classification.

Imports nothing from Django nor from the rest of xeploai. Inputs are frozen facts
(``model.py``); outputs carry rule ids, stable codes and params (``findings.py``);
``explain()`` renders them in Vietnamese or English. The reference date is always an argument.

Batch API, in campaign order::

    rs = get_ruleset("kh181-2023")
    decisions = decide_subjects(rs, persons + collectives + organizations, reference=date(2023, 12, 31))
    caps = check_many(rs, rating_facts, year=2023)
    quota = solve_quota(rs, QuotaKind.PARTY_MEMBERS, items, key=..., level=...)
    plan = plan_order(rs, order_facts); plan.check(key, decided)

Rarer facts (criterion grades, tasks, transfers, several posts) go in ``RatingFacts.details``; the
process checks (meeting turns, steps, due dates) and the term roll-up are functions of their own.
"""

from __future__ import annotations

from .catalog import RULES, RuleStatus
from .checks import check, check_ballot, check_many, term_level
from .citations import Citation, citation, cite
from .dates import add_months, has_full_months
from .explain import Explained, explain, explain_parts
from .findings import CapResult, Finding, QuotaResult, Reason, SubjectDecision, SubjectId, SubjectKey
from .kinds import (
    CivilServiceCategory,
    CollectiveKind,
    DisciplineForm,
    OrgKind,
    QuotaKind,
    ReasonCode,
    Side,
    StatusKind,
    SubjectType,
    Tier,
)
from .levels import Grade, Level
from .model import (
    CollectiveFacts,
    DisciplineFact,
    LeaveFact,
    LevelCounts,
    OrderFacts,
    OrganizationFacts,
    PersonFacts,
    RatingDetails,
    RatingFacts,
    StatusPeriod,
    TransferFact,
)
from .ordering import (
    MeetingRole,
    OrderPlan,
    Step,
    check_deadline,
    check_meeting_length,
    check_meeting_order,
    check_prerequisites,
    check_steps,
    due_date,
    meeting_order,
    order_prerequisites,
    plan_order,
    quarter_due_date,
    required_steps,
)
from .quota import (
    QuotaException,
    QuotaItem,
    exception_ratio,
    max_excellent,
    quota_what_if,
    solve_quota,
    solve_state_rate,
)
from .rulesets import KH181_2023, QD366_2025, Ruleset, all_rulesets, get_ruleset, ruleset_for_year
from .subjects import decide_collective, decide_organization, decide_person, decide_subjects

__all__ = [
    "KH181_2023",
    "QD366_2025",
    "RULES",
    "CapResult",
    "Citation",
    "CivilServiceCategory",
    "CollectiveFacts",
    "CollectiveKind",
    "DisciplineFact",
    "DisciplineForm",
    "Explained",
    "Finding",
    "Grade",
    "LeaveFact",
    "Level",
    "LevelCounts",
    "MeetingRole",
    "OrderFacts",
    "OrderPlan",
    "OrgKind",
    "OrganizationFacts",
    "PersonFacts",
    "QuotaException",
    "QuotaItem",
    "QuotaKind",
    "QuotaResult",
    "RatingDetails",
    "RatingFacts",
    "Reason",
    "ReasonCode",
    "RuleStatus",
    "Ruleset",
    "Side",
    "StatusKind",
    "StatusPeriod",
    "Step",
    "SubjectDecision",
    "SubjectId",
    "SubjectKey",
    "SubjectType",
    "Tier",
    "TransferFact",
    "add_months",
    "all_rulesets",
    "check",
    "check_ballot",
    "check_deadline",
    "check_many",
    "check_meeting_length",
    "check_meeting_order",
    "check_prerequisites",
    "check_steps",
    "decide_collective",
    "decide_organization",
    "decide_person",
    "decide_subjects",
    "due_date",
    "cite",
    "citation",
    "explain",
    "explain_parts",
    "get_ruleset",
    "has_full_months",
    "max_excellent",
    "meeting_order",
    "order_prerequisites",
    "plan_order",
    "quarter_due_date",
    "quota_what_if",
    "required_steps",
    "ruleset_for_year",
    "exception_ratio",
    "solve_quota",
    "solve_state_rate",
    "term_level",
]
