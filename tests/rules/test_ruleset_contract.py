"""Contract over every ruleset: answers every question, survives empty scopes, cites known ids."""

from __future__ import annotations

from datetime import date

import pytest

from xeploai.rules import (
    RULES,
    CivilServiceCategory,
    CollectiveFacts,
    CollectiveKind,
    DisciplineFact,
    DisciplineForm,
    Grade,
    Level,
    LevelCounts,
    MeetingRole,
    OrderFacts,
    OrganizationFacts,
    OrgKind,
    PersonFacts,
    QuotaKind,
    RatingDetails,
    RatingFacts,
    Side,
    Step,
    SubjectType,
    Tier,
    TransferFact,
    all_rulesets,
    check_ballot,
    check_deadline,
    check_many,
    check_meeting_length,
    check_meeting_order,
    check_steps,
    decide_subjects,
    explain,
    get_ruleset,
    plan_order,
    ruleset_for_year,
    solve_quota,
    solve_state_rate,
)

RULESETS = all_rulesets()


def sample_details(year: int) -> RatingDetails:
    """Every rarer fact set so that every limb that reads it fires."""
    return RatingDetails(
        grades=((Grade.POOR, True), (Grade.AVERAGE, False)),
        tasks_total=10,
        tasks_late=9,
        unit_targets=10,
        unit_targets_met=5,
        unit_targets_on_time=5,
        subunit_counts=LevelCounts(5, 5, 0, 0),
        unit_corruption=True,
        subordinate_count=2,
        degradation_concluded=True,
        transfer=TransferFact(date(year, 9, 1)),
        temporary_comment=False,
        post_levels=(Level.GOOD, Level.COMPLETED),
        state_assessed_on=date(year, 1, 31),
    )


def sample_ratings(year: int) -> list[RatingFacts]:
    d = DisciplineFact("v", DisciplineForm.WARNING, Side.PARTY, date(year, 5, 1))
    later = DisciplineFact(
        "w", DisciplineForm.REPRIMAND, Side.PARTY, date(year + 1, 2, 1), violation_year=year
    )
    earlier = DisciplineFact(
        "x", DisciplineForm.REPRIMAND, Side.PARTY, date(year, 2, 1), violation_year=year - 1
    )
    moved = DisciplineFact("y", DisciplineForm.WARNING, Side.PARTY, date(year, 5, 1), at_previous_unit=True)
    out = []
    for t in SubjectType:
        for cat in (CivilServiceCategory.NONE, CivilServiceCategory.CIVIL_SERVANT):
            out.append(
                RatingFacts(
                    1,
                    t,
                    Level.EXCELLENT,
                    category=cat,
                    disciplines=(d,),
                    members_disciplined=(d,),
                    unit_level=Level.COMPLETED,
                    is_head=True,
                    targets_assigned=4,
                    targets_met=1,
                    key_targets_missed=True,
                    member_counts=LevelCounts(1, 1, 1, 1),
                    same_level_levels=(Level.COMPLETED,),
                    subordinates_disciplined=1,
                    civil_service_level=Level.NOT_COMPLETED,
                    score=40,
                )
            )
            out.append(RatingFacts(2, t, Level.GOOD, category=cat))
            for cs_cat in (cat, CivilServiceCategory.CADRE, CivilServiceCategory.PUBLIC_EMPLOYEE):
                out.append(
                    RatingFacts(
                        3,
                        t,
                        Level.EXCELLENT,
                        category=cs_cat,
                        disciplines=(later, earlier),
                        members_disciplined=(moved,),
                        subordinates_disciplined=2,
                        details=sample_details(year),
                    )
                )
    return out


def sample_subjects(year: int) -> list[PersonFacts | CollectiveFacts | OrganizationFacts]:
    out: list[PersonFacts | CollectiveFacts | OrganizationFacts] = [
        PersonFacts(1, admitted_on=date(year, 11, 1), category=CivilServiceCategory.CADRE, is_leader=True),
    ]
    out += [
        CollectiveFacts(i, k, t, 2) for i, (k, t) in enumerate((k, t) for k in CollectiveKind for t in Tier)
    ]
    out += [
        OrganizationFacts(i, k, Tier.GRASSROOTS, established_on=date(year, 12, 1))
        for i, k in enumerate(OrgKind)
    ]
    return out


@pytest.mark.parametrize("rs", RULESETS, ids=lambda r: r.code)
def test_r_01_registry_finds_each_ruleset(rs):
    assert get_ruleset(rs.code) is rs
    assert rs.covers(rs.valid_from_year)
    assert ruleset_for_year(rs.valid_from_year) is rs


def test_r_01_unknown_code_names_the_known_ones():
    with pytest.raises(KeyError, match="kh181-2023"):
        get_ruleset("nope")
    assert ruleset_for_year(2019) is None


@pytest.mark.parametrize("rs", RULESETS, ids=lambda r: r.code)
def test_contract_empty_scopes_never_raise(rs):
    ref = date(rs.valid_from_year, 12, 31)
    assert decide_subjects(rs, [], reference=ref) == []
    assert check_many(rs, [], year=ref.year) == []
    for kind in QuotaKind:
        assert solve_quota(rs, kind, []) == {}
    assert solve_state_rate(rs, [], party_rates={}) == {}
    plan = plan_order(rs, [])
    assert (plan.stages, plan.findings) == ((), ())


@pytest.mark.parametrize("rs", RULESETS, ids=lambda r: r.code)
def test_contract_answers_every_question_with_known_rule_ids(rs):
    year = rs.valid_from_year
    ref = date(year, 12, 31)
    seen: set[str] = set()
    texts: list[str] = []
    for d in decide_subjects(rs, sample_subjects(year), reference=ref):
        for r in d.reasons:
            seen.add(r.rule_id)
            texts += [explain(r), explain(r, lang="en")]
    for year_ in (year, year + 1):
        for res in check_many(rs, sample_ratings(year_), year=year_):
            assert res.allowed <= res.max_level
            for f in res.findings:
                seen.add(f.rule_id)
                texts += [explain(f), explain(f, lang="en")]
    for kind in QuotaKind:
        for q in solve_quota(
            rs, kind, [(1, Level.EXCELLENT)], key=lambda i: "s", level=lambda i: i[1]
        ).values():
            seen |= {q.rule_id} | {f.rule_id for f in q.findings}
    plan = plan_order(rs, [OrderFacts((SubjectType.LEADER, 1), head_of=(SubjectType.ORGANIZATION, 2))])
    seen |= {f.rule_id for f in plan.findings}
    seen |= {f.rule_id for f in check_ballot(rs, Level.EXCELLENT, votes_for=0, full_members=3)}
    process = [
        *check_meeting_order(
            [((SubjectType.LEADER, 1), MeetingRole.MEMBER), ((SubjectType.LEADER, 2), MeetingRole.HEAD)]
        ),
        *check_meeting_length(rs, 0, tier=Tier.PROVINCE, kind=CollectiveKind.STANDING_COMMITTEE),
        *check_steps(rs, CivilServiceCategory.PUBLIC_EMPLOYEE, frozenset(), manager=True, year=year),
        *check_deadline(
            rs,
            SubjectType.CIVIL_SERVANT,
            date(year + 1, 2, 1),
            year=year,
            category=CivilServiceCategory.CADRE,
        ),
        *check_deadline(rs, SubjectType.ORGANIZATION, date(year + 1, 2, 1), year=year, tier=Tier.GRASSROOTS),
    ]
    assert any(f.params.get("step") is Step.SELF_REPORT for f in process)
    for f in process:
        seen.add(f.rule_id)
        texts += [explain(f), explain(f, lang="en")]
    unknown = seen - set(RULES)
    assert not unknown
    assert rs.rule_ids <= set(RULES)
    for text in texts:
        assert "{" not in text, text


@pytest.mark.parametrize("rs", RULESETS, ids=lambda r: r.code)
def test_contract_parameters_are_sane(rs):
    num, den = rs.quota_ratio
    assert 0 < num < den
    assert rs.rounding in ("floor", "ceil", "round")
    assert rs.six_months == 6
    assert rs.scoring in ("grades", "points")
    assert all(a[0] > b[0] for a, b in zip(rs.score_bands, rs.score_bands[1:]))
