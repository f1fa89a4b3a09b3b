"""The decision order's prerequisites (R-70, R-62, S-13) do not depend on the order rows are read in.

A party member in two leadership collectives, and a leader heading two, get the same prerequisite
whichever membership row the database returns first (PostgreSQL and SQLite return rows of an unordered
query in different orders).
"""

from __future__ import annotations

from datetime import date

from xeploai.campaigns.facts import CampaignSubjects, SubjectRef, order_facts
from xeploai.campaigns.snapshot import CollectiveRow, OrgRow, PersonRow, RegistrySnapshot
from xeploai.rules import KH181_2023, SubjectType, order_prerequisites


def _snapshot(members: dict[int, list[int]], heads: dict[int, list[int]]) -> RegistrySnapshot:
    orgs = {1: OrgRow("C1", "Chi bộ 1", "PARTY_CELL", "GRASSROOTS", None, "00000001", None)}
    collectives = {
        10: CollectiveRow("T10", "Ban A", "PARTY_COMMITTEE", 1, None),
        20: CollectiveRow("T20", "Ban B", "PARTY_COMMITTEE", 1, None),
    }
    people = {
        100: PersonRow("P100", "Nguyễn Văn A", 1, date(2000, 1, 1), "NONE", None, False, None, "Bí thư"),
    }
    return RegistrySnapshot(date(2023, 12, 1), orgs, collectives, people, members=members, heads=heads)


def _subjects() -> CampaignSubjects:
    rows = {
        1: SubjectRef("ORGANIZATION", 1, None, None, 1),
        2: SubjectRef(
            "COLLECTIVE", None, 20, None, 1
        ),  # the collective with the higher registry id has the lower pk
        3: SubjectRef("COLLECTIVE", None, 10, None, 1),
        4: SubjectRef("PARTY_MEMBER", None, None, 100, 1),
        5: SubjectRef("LEADER", None, None, 100, 1),
    }
    cs = CampaignSubjects(rows, by_org={1: 1}, by_collective={20: 2, 10: 3})
    cs.by_person = {("PARTY_MEMBER", 100): 4, ("LEADER", 100): 5}
    cs.classified = set(rows)
    return cs


def _by_key(snap: RegistrySnapshot) -> dict[object, object]:
    return {f.key: f for f in order_facts(snap, _subjects())}


def test_s13_r62_prerequisites_do_not_depend_on_membership_row_order():
    one = _snapshot(members={10: [100], 20: [100]}, heads={100: [10, 20]})
    other = _snapshot(members={20: [100], 10: [100]}, heads={100: [20, 10]})
    assert _by_key(one) == _by_key(other)
    facts = _by_key(one)
    # S-13: the member waits for the collective with the lowest registry id (10 → subject 3) ...
    assert facts[(SubjectType.PARTY_MEMBER, 4)].collective == (SubjectType.COLLECTIVE, 3)
    # ... R-62: and the head for the lowest collective it heads, the same one.
    assert facts[(SubjectType.LEADER, 5)].head_of == (SubjectType.COLLECTIVE, 3)


def test_r70_s13_r62_facts_of_some_subjects_give_their_prerequisites_as_all_facts_do():
    """A decision's check builds the facts of the subjects decided and their children only
    (``order_facts(only=…)``): their prerequisites are those of the whole campaign's facts."""
    snap = _snapshot(members={10: [100], 20: [100]}, heads={100: [10, 20]})
    subjects = _subjects()
    everything = order_prerequisites(KH181_2023, order_facts(snap, subjects))
    for wanted in ({1}, {4}, {5}, {1, 5}, {2, 3}):
        some = order_facts(snap, subjects, only=wanted)
        # the cell (1) keeps its member (4): R-70, a member is decided before its cell
        assert {pk for _type, pk in (f.key for f in some)} == wanted | ({4} if 1 in wanted else set())
        mine = order_prerequisites(KH181_2023, some)
        for key in everything:
            if key[1] in wanted:
                assert mine.get(key, ()) == everything[key]
    cell = everything[(SubjectType.ORGANIZATION, 1)]
    assert ((SubjectType.PARTY_MEMBER, 4), "R-70", "order.higher_before_lower") in cell
