"""Share the subject lists of the 2023 plan (S-01, S-05, S-06) between rulesets."""

from __future__ import annotations

from ..kinds import CollectiveKind as C
from ..kinds import OrgKind as O
from ..kinds import Tier as T

__all__ = ["PLAN_CLASSIFIED_COLLECTIVES", "PLAN_ORG_KINDS", "PLAN_REVIEWED_COLLECTIVES"]

# S-06: collectives classified (xếp loại). The provincial Youth Union's standing committee is
# added through ``youth_union_classified_tiers``.
PLAN_CLASSIFIED_COLLECTIVES = frozenset(
    {
        (T.PROVINCE, C.PARTY_AFFAIRS_COMMITTEE),
        (T.PROVINCE, C.PARTY_DELEGATION),
        (T.PROVINCE, C.ADVISORY_LEADERSHIP),
        (T.DISTRICT, C.STANDING_COMMITTEE),
        (T.DISTRICT, C.ADVISORY_LEADERSHIP),
        (T.DISTRICT, C.FRONT_STANDING),
        (T.DISTRICT, C.MASS_ORG_STANDING),
        (T.GRASSROOTS, C.EXECUTIVE_COMMITTEE),
        (T.GRASSROOTS, C.PEOPLES_COMMITTEE_LEADERSHIP),
        (T.GRASSROOTS, C.FRONT_STANDING),
        (T.GRASSROOTS, C.MASS_ORG_EXECUTIVE),
    }
)

# S-01: collectives reviewed (kiểm điểm), by level: every classified one, and those reviewed without a
# classification. It holds the provincial part of QĐ124 Art. 5(1): the standing committees of the
# province and district, the grassroots executive committee (where there is no standing committee), the
# party delegations and affairs committees, the leadership of the party's advisory agencies.
PLAN_REVIEWED_COLLECTIVES = PLAN_CLASSIFIED_COLLECTIVES | frozenset(
    {
        (T.PROVINCE, C.STANDING_COMMITTEE),
        (T.PROVINCE, C.MASS_ORG_STANDING),
        (T.DISTRICT, C.COUNCIL_STANDING),
        (T.DISTRICT, C.PEOPLES_COMMITTEE_LEADERSHIP),
        (T.BELOW_GRASSROOTS, C.SUB_COMMITTEE_EXECUTIVE),
        (T.BELOW_GRASSROOTS, C.CELL_COMMITTEE),
    }
)

# S-05: party organizations classified.
PLAN_ORG_KINDS = frozenset(
    {O.DISTRICT_COMMITTEE, O.GRASSROOTS_COMMITTEE, O.GRASSROOTS_CELL, O.SUB_COMMITTEE, O.CELL}
)
