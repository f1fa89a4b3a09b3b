"""Quota: HTXS ≤ 20 % of the final HTT, per scope (R-50..R-50g), as a table; R-50h raises it to 25 %."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from xeploai.rules import (
    KH181_2023,
    QD366_2025,
    Level,
    QuotaException,
    QuotaItem,
    QuotaKind,
    exception_ratio,
    explain,
    max_excellent,
    quota_what_if,
    solve_quota,
    solve_state_rate,
)

EX, GOOD, DONE = Level.EXCELLENT, Level.GOOD, Level.COMPLETED


def items(candidates: int, good: int, scope="s", start=0) -> list[QuotaItem]:
    out = [QuotaItem(start + i, EX, scope) for i in range(candidates)]
    out += [QuotaItem(start + candidates + i, GOOD, scope) for i in range(good)]
    return out


# candidates | good | rounding | max HTXS
TABLE = """
7  | 20 | floor | 4
7  | 20 | ceil  | 5
7  | 20 | round | 4
3  | 14 | round | 3
3  | 14 | floor | 2
0  | 20 | floor | 0
1  | 0  | floor | 0
1  | 4  | floor | 0
1  | 5  | floor | 1
2  | 10 | floor | 2
5  | 0  | ceil  | 1
3  | 12 | floor | 2
"""


@pytest.mark.parametrize("row", [r for r in TABLE.strip().splitlines()])
def test_r_50_quota_table(row):
    c, g, mode, expected = (x.strip() for x in row.split("|"))
    rs = replace(KH181_2023, rounding=mode)
    assert max_excellent(rs, int(c), int(g)) == int(expected), row


def test_r_50_worked_example_seven_candidates_twenty_good_gives_four():
    (res,) = solve_quota(KH181_2023, QuotaKind.PARTY_MEMBERS, items(7, 20)).values()
    assert (res.max_excellent, res.over_quota, res.suggested_excellent, res.suggested_good) == (4, 3, 4, 23)
    (f,) = res.findings
    assert f.rule_id == "R-50"
    assert f.params["over"] == 3
    assert f.blocking


def test_r_50_within_quota_has_no_finding():
    (res,) = solve_quota(KH181_2023, QuotaKind.PARTY_MEMBERS, items(4, 23)).values()
    assert res.findings == ()
    assert res.over_quota == 0


def test_r_50_scopes_are_counted_apart():
    data = items(2, 10, "org-a") + items(2, 4, "org-b", start=100) + [QuotaItem(999, DONE, "org-c")]
    res = solve_quota(KH181_2023, QuotaKind.PARTY_MEMBERS, data)
    assert {k: v.max_excellent for k, v in res.items()} == {"org-a": 2, "org-b": 1, "org-c": 0}
    assert res["org-b"].over_quota == 1


def test_r_50_what_if_demoting_candidates():
    (res,) = solve_quota(KH181_2023, QuotaKind.PARTY_MEMBERS, items(7, 20)).values()
    after = quota_what_if(KH181_2023, res, demote=3)
    assert (after.candidates, after.good, after.max_excellent, after.findings) == (4, 23, 4, ())
    below = quota_what_if(KH181_2023, res, demote=3, to=DONE)
    assert (below.candidates, below.good, below.max_excellent) == (4, 20, 4)
    assert quota_what_if(KH181_2023, res, demote=2).over_quota == 1


def test_r_50_ratio_override_for_outstanding_unit():
    assert max_excellent(KH181_2023, 7, 20) == 4
    assert max_excellent(KH181_2023, 7, 20, ratio=(1, 4)) == 5


def test_r_50b_organization_quota_off_by_default():
    assert solve_quota(KH181_2023, QuotaKind.ORGANIZATIONS, items(3, 5)) == {}


def test_r_50b_organization_quota_warn_is_non_blocking():
    rs = replace(KH181_2023, organization_quota="warn")
    (res,) = solve_quota(rs, QuotaKind.ORGANIZATIONS, items(3, 5)).values()
    (f,) = res.findings
    assert (f.rule_id, f.blocking, f.params["unconfirmed"]) == ("R-50b", False, True)
    rs = replace(KH181_2023, organization_quota="enforce")
    (res,) = solve_quota(rs, QuotaKind.ORGANIZATIONS, items(3, 5)).values()
    assert res.findings[0].blocking


def test_r_50c_collectives_scoped_by_category_under_province_or_district():
    data = [
        QuotaItem(1, EX, ("DISTRICT", "d1", "FRONT_STANDING")),
        QuotaItem(2, GOOD, ("DISTRICT", "d1", "FRONT_STANDING")),
    ]
    data += [QuotaItem(3, EX, ("DISTRICT", "d1", "MASS_ORG_STANDING"))] + [
        QuotaItem(10 + i, GOOD, ("DISTRICT", "d1", "MASS_ORG_STANDING")) for i in range(5)
    ]
    res = solve_quota(KH181_2023, QuotaKind.COLLECTIVES, data)
    assert {v.rule_id for v in res.values()} == {"R-50c"}
    assert res["DISTRICT", "d1", "FRONT_STANDING"].over_quota == 1
    assert res["DISTRICT", "d1", "MASS_ORG_STANDING"].over_quota == 0


def test_r_50d_leaders_scoped_by_equivalent_title():
    res = solve_quota(KH181_2023, QuotaKind.LEADERS, items(1, 4, ("GRASSROOTS", "chairman")))
    assert res["GRASSROOTS", "chairman"].rule_id == "R-50d"
    assert res["GRASSROOTS", "chairman"].over_quota == 1
    assert solve_quota(KH181_2023, QuotaKind.LEADERS, items(1, 5))["s"].over_quota == 0


def test_r_50e_qd366_uses_group_of_similar_subjects():
    (res,) = solve_quota(QD366_2025, QuotaKind.PARTY_MEMBERS, items(7, 20)).values()
    assert (res.rule_id, res.max_excellent) == ("R-50e", 4)
    assert solve_quota(QD366_2025, QuotaKind.COLLECTIVES, items(1, 5))["s"].findings == ()


def test_r_50g_nd335_civil_servants_per_agency_and_task_group():
    assert solve_quota(KH181_2023, QuotaKind.CIVIL_SERVANTS, items(3, 5)) == {}
    (res,) = solve_quota(QD366_2025, QuotaKind.CIVIL_SERVANTS, items(3, 10, ("agency", "group"))).values()
    assert (res.rule_id, res.max_excellent, res.over_quota) == ("R-50g", 2, 1)


RAISED = QuotaException((1, 4), "Ban Thường vụ Tỉnh ủy", date(2025, 12, 15), "vượt kế hoạch")


def test_r_50h_exception_allows_25_percent_and_refuses_above():
    # 4 HTXS of 21 at HTT or above: 4 ≤ 25 % × 17 HTT, but 4 > 20 % × 17 (QĐ366 Điều 11).
    raised = {"s": RAISED}
    (res,) = solve_quota(QD366_2025, QuotaKind.PARTY_MEMBERS, items(4, 17), exceptions=raised).values()
    assert (res.max_excellent, res.over_quota, res.findings) == (4, 0, ())
    (res,) = solve_quota(QD366_2025, QuotaKind.PARTY_MEMBERS, items(5, 16), exceptions=raised).values()
    assert (res.max_excellent, res.over_quota) == (4, 1)
    (f,) = res.findings
    assert (f.rule_id, f.code, f.blocking, f.params["share"]) == ("R-50e", "quota.over_raised", True, 25)
    assert "tỷ lệ được nâng lên 25% theo quyết định của Ban Thường vụ Tỉnh ủy ngày 15/12/2025" in explain(f)
    assert "lý do: vượt kế hoạch" in explain(f)


def test_r_50h_without_an_exception_the_scope_keeps_20_percent():
    other = {"other scope": RAISED}
    (res,) = solve_quota(QD366_2025, QuotaKind.PARTY_MEMBERS, items(4, 17), exceptions=other).values()
    assert (res.max_excellent, res.over_quota, res.findings[0].code) == (3, 1, "quota.over")


def test_r_50h_kh181_ignores_the_exception():
    raised = {"s": RAISED}
    (res,) = solve_quota(KH181_2023, QuotaKind.PARTY_MEMBERS, items(4, 17), exceptions=raised).values()
    assert (res.max_excellent, res.over_quota, res.findings[0].code) == (3, 1, "quota.over")
    assert exception_ratio(KH181_2023, RAISED) is None


def test_r_50h_a_share_above_the_rulesets_is_held_to_25_percent():
    assert exception_ratio(QD366_2025, QuotaException((1, 2))) == (1, 4)
    assert exception_ratio(QD366_2025, QuotaException((2, 9))) == (2, 9)
    assert exception_ratio(QD366_2025, None) is None
    (res,) = solve_quota(
        QD366_2025, QuotaKind.CIVIL_SERVANTS, items(5, 16), exceptions={"s": QuotaException((1, 2))}
    ).values()
    assert (res.rule_id, res.max_excellent) == ("R-50g", 4)


def test_r_50f_civil_servant_rate_not_above_party_rate():
    data = items(3, 7, "agency")  # 3 of 10 = 30 %
    res = solve_state_rate(KH181_2023, data, party_rates={"agency": (1, 5)})  # party rate 20 %
    (f,) = res["agency"].findings
    assert (f.rule_id, f.code, res["agency"].max_excellent, f.params["over"]) == (
        "R-50f",
        "quota.state_rate_over",
        2,
        1,
    )
    ok = solve_state_rate(KH181_2023, data, party_rates={"agency": (3, 10)})
    assert ok["agency"].findings == ()


def test_r_50f_without_party_rate_is_flagged_not_blocked():
    res = solve_state_rate(KH181_2023, items(3, 7, "agency"), party_rates={})
    (f,) = res["agency"].findings
    assert (f.code, f.blocking) == ("quota.no_party_rate", False)
    assert solve_state_rate(replace(KH181_2023, state_rate_quota=False), items(3, 7), party_rates={}) == {}
