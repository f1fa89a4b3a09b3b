"""Ordering of decisions and refusal of early decisions (R-70, R-70b, R-62, S-13)."""

from __future__ import annotations

from xeploai.rules import (
    KH181_2023,
    QD366_2025,
    OrderFacts,
    SubjectType,
    check_prerequisites,
    order_prerequisites,
    plan_order,
)

PM, CS, LD, CO, OR = (
    SubjectType.PARTY_MEMBER,
    SubjectType.CIVIL_SERVANT,
    SubjectType.LEADER,
    SubjectType.COLLECTIVE,
    SubjectType.ORGANIZATION,
)

UBND = (OR, "ubnd-x")
COMMUNE = (OR, "dang-uy-x")
CELL = (OR, "chi-bo-1")
CELL_COMMITTEE = (CO, "chi-uy-1")
SECRETARY = (LD, 7)
MEMBER_CS = (CS, 8)
MEMBER_PM = (PM, 8)
OTHER_PM = (PM, 9)


def campaign() -> list[OrderFacts]:
    return [
        OrderFacts(UBND),
        OrderFacts(COMMUNE, same_level_state=(UBND,)),
        OrderFacts(CELL, parent=COMMUNE),
        OrderFacts(CELL_COMMITTEE),
        OrderFacts(SECRETARY, head_of=COMMUNE),
        OrderFacts(MEMBER_CS),
        OrderFacts(MEMBER_PM, parent=CELL, collective=CELL_COMMITTEE, civil_service=MEMBER_CS),
        OrderFacts(OTHER_PM, parent=CELL, collective=CELL_COMMITTEE),
    ]


def test_r_70_stages_lower_before_higher_state_before_party():
    plan = plan_order(KH181_2023, campaign())
    assert plan.findings == ()
    assert plan.stages == (
        (MEMBER_CS, CELL_COMMITTEE, UBND),
        (MEMBER_PM, OTHER_PM),
        (CELL,),
        (COMMUNE,),
        (SECRETARY,),
    )
    assert plan.stage_of(COMMUNE) == 3


def test_r_70_higher_before_lower_is_refused():
    plan = plan_order(KH181_2023, campaign())
    refusals = plan.check(CELL, decided={MEMBER_PM})
    assert [(f.rule_id, f.code, f.params["waiting_for"]) for f in refusals] == [
        ("R-70", "order.higher_before_lower", OTHER_PM)
    ]
    assert plan.check(CELL, decided={MEMBER_PM, OTHER_PM}) == ()


def test_r_70_party_organization_after_same_level_government():
    plan = plan_order(KH181_2023, campaign())
    (f,) = plan.check(COMMUNE, decided={CELL})
    assert (f.rule_id, f.code) == ("R-70", "order.party_org_before_state")


def test_r_62_head_before_unit_is_refused():
    plan = plan_order(KH181_2023, campaign())
    (f,) = plan.check(SECRETARY, decided=set())
    assert (f.rule_id, f.code, f.blocking) == ("R-62", "order.head_before_unit", True)
    assert plan.check(SECRETARY, decided={COMMUNE}) == ()


def test_r_70b_party_member_before_civil_service_result_is_refused():
    plan = plan_order(KH181_2023, campaign())
    refusals = plan.check(MEMBER_PM, decided={CELL_COMMITTEE})
    assert [(f.rule_id, f.code) for f in refusals] == [("R-70b", "order.party_before_civil_service")]
    assert plan.check(MEMBER_PM, decided={CELL_COMMITTEE, MEMBER_CS}) == ()


def test_s_13_individual_before_collective_is_refused():
    plan = plan_order(KH181_2023, campaign())
    (f,) = plan.check(OTHER_PM, decided=set())
    assert (f.rule_id, f.code) == ("S-13", "order.individual_before_collective")
    assert plan.check(OTHER_PM, decided={CELL_COMMITTEE}) == ()


def test_r_70_qd366_cites_r_70_for_collective_first():
    plan = plan_order(QD366_2025, campaign())
    (f,) = plan.check(OTHER_PM, decided=set())
    assert f.rule_id == "R-70"


def test_r_70_cycle_is_reported_and_left_out_of_stages():
    a, b = (OR, "a"), (OR, "b")
    plan = plan_order(KH181_2023, [OrderFacts(a, parent=b), OrderFacts(b, parent=a), OrderFacts((PM, 1))])
    assert plan.stages == (((PM, 1),),)
    (f,) = plan.findings
    assert (f.code, f.params["subjects"]) == ("order.cycle", (a, b))


def test_r_70_reference_outside_campaign_is_ignored_for_staging():
    plan = plan_order(KH181_2023, [OrderFacts((LD, 1), head_of=(OR, "elsewhere"))])
    assert plan.stages == (((LD, 1),),)
    (f,) = plan.findings
    assert (f.code, f.blocking) == ("order.unknown_reference", False)


def test_r_70_empty_campaign():
    plan = plan_order(KH181_2023, [])
    assert (plan.stages, plan.findings) == ((), ())


def test_r_70_r_70b_r_62_s_13_prerequisites_without_stages_refuse_as_the_plan_does():
    """A decision's check reads only the prerequisites (``order_prerequisites``): it refuses exactly what
    the staged plan refuses, for every subject and every set of subjects already decided."""
    facts = campaign()
    plan = plan_order(KH181_2023, facts)
    prerequisites = order_prerequisites(KH181_2023, facts)
    assert prerequisites == plan.prerequisites
    keys = [f.key for f in facts]
    for decided in ({*keys[:i]} for i in range(len(keys) + 1)):
        for key in keys:
            assert check_prerequisites(prerequisites, key, decided) == plan.check(key, decided)
    waiting = check_prerequisites(prerequisites, MEMBER_PM, decided=set())
    assert {(f.rule_id, f.params["waiting_for"]) for f in waiting} == {
        ("R-70b", MEMBER_CS),
        (KH181_2023.collective_first_rule, CELL_COMMITTEE),
    }
    assert all(f.blocking for f in waiting)
