"""The page's preview reads only one subject's scope, and says exactly what the full campaign check says.

``decisions.rating_preview`` (the "allowed level" fragment, and every PROPOSED / APPRAISED / DECIDED write)
reads what the subject's verdict depends on (``campaigns/scoped.py``) instead of the whole campaign. Here,
for EVERY subject, every stage and two levels, its ``max_level``, findings and quota scope are compared with
``services._evaluate`` over the whole campaign (what the checks command and the old preview ran): caps and
linkage (R-13, R-30, R-33c, R-34, R-61, R-62, R-63), quota (R-50 per grassroots organization across its
cells, R-50c collectives under a district, R-50d equivalent titles, R-50g / R-50f agency), and the order of
decisions (R-70, R-70b, R-62, S-13).

Order findings name one undecided prerequisite; which one the full check names depends on the iteration
order of a set of the whole campaign's subjects, so for them only the rule ids, codes and blocking flags
are compared (every other finding is compared whole, params included).
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from io import StringIO
from types import SimpleNamespace

import pytest

pytestmark = pytest.mark.django_db

LEVELS = (3, 2)
STAGES = ("PROPOSED", "APPRAISED", "DECIDED")


def _build(P, *, outside: bool) -> SimpleNamespace:  # noqa: ANN001, C901
    """Add to the ``province`` fixture: a second commune, a grassroots committee in district B, agencies,
    collectives of one kind in three communes, heads with equal titles in two districts, disciplines,
    a member in two collectives, and (``outside``) a second province beside the campaign's root."""
    from xeploai.registry.models import (
        CivilServiceCategory,
        Collective,
        CollectiveKind,
        Discipline,
        Membership,
        Organization,
        OrganizationKind,
        Person,
        StatusKind,
        StatusPeriod,
        Tier,
    )

    K, T, C = OrganizationKind, Tier, CivilServiceCategory

    def org(code, name, kind, tier, parent, **kw):  # noqa: ANN001, ANN202
        return Organization.objects.create(code=code, name=name, kind=kind, tier=tier, parent=parent, **kw)

    n = iter(range(1000))

    def person(cell, **kw):  # noqa: ANN001, ANN202
        i = next(n)
        if cell is not None:
            kw.setdefault("admitted_on", date(2012, 3, 3))
        return Person.objects.create(
            code=f"P-Q{i:03}", full_name=f"Người Thứ {i}", party_organization=cell, **kw
        )

    def collective(code, kind, at, people, head=None):  # noqa: ANN001, ANN202
        c = Collective.objects.create(code=code, name=f"Tập thể {code}", kind=kind, organization=at)
        for p in people:
            Membership.objects.create(collective=c, person=p, is_head=p is head, start=date(2020, 1, 1))
        return c

    def discipline(**kw):  # noqa: ANN202
        kw.setdefault("form", "REPRIMAND")
        kw.setdefault("side", "PARTY")
        Discipline.objects.create(decided_on=date(2023, 4, 1), violation_year=2023, **kw)

    # District A: a second commune with two cells; the quota of R-50 crosses its cells.
    commune_a2 = org("T.A.X2", "Đảng bộ xã A2", K.GRASSROOTS_COMMITTEE, T.GRASSROOTS, P.district_a)
    cell_a21 = org("T.A.X2.C1", "Chi bộ ấp 1 xã A2", K.CELL, T.BELOW_GRASSROOTS, commune_a2)
    cell_a22 = org("T.A.X2.C2", "Chi bộ ấp 2 xã A2", K.CELL, T.BELOW_GRASSROOTS, commune_a2)
    ubnd_a2 = org("T.A.X2.UB", "Ủy ban nhân dân xã A2", K.PEOPLES_COMMITTEE, T.GRASSROOTS, commune_a2)
    front_a2 = org("T.A.X2.MT", "Ủy ban MTTQ xã A2", K.FATHERLAND_FRONT, T.GRASSROOTS, commune_a2)
    ubnd_a1 = org("T.A.X1.UB", "Ủy ban nhân dân xã A1", K.PEOPLES_COMMITTEE, T.GRASSROOTS, P.commune_a1)
    a21 = [person(cell_a21) for _ in range(7)]
    a22 = [person(cell_a22) for _ in range(6)]
    # Civil servants of the commune's People's Committee, party members of both cells (R-50f, R-70b, R-30).
    for p in a21[:3] + a22[:2]:
        p.workplace, p.civil_service_category = ubnd_a2, C.CIVIL_SERVANT
        p.save()
    staff = [person(None, workplace=ubnd_a2, civil_service_category=C.CIVIL_SERVANT) for _ in range(3)]
    # Civil servants at district A's People's Committee, and party members there (R-50f).
    for p in (P.member_a2, P.staff_a):
        p.civil_service_category = C.CIVIL_SERVANT
        p.save()
    a1_cs = person(P.cell_a1, workplace=P.district_a_ubnd, civil_service_category=C.PUBLIC_EMPLOYEE)

    # Heads with equal titles in two communes (R-50d) heading their units and collectives.
    chair_a1 = person(P.cell_a2, workplace=ubnd_a1, is_head=True, positions="Chủ tịch UBND xã",
                      civil_service_category=C.CADRE)  # fmt: skip
    chair_a2 = person(cell_a21, workplace=ubnd_a2, is_head=True, positions="  chủ tịch ubnd xã ",
                      civil_service_category=C.CADRE)  # fmt: skip
    secretary_a2 = person(cell_a22, positions="Bí thư Đảng ủy xã", managing_committee=P.district_a)
    P.commune_secretary.positions = "Bí thư Đảng ủy xã"
    P.commune_secretary.save()

    # Collectives of one kind in communes of district A (R-50c scope) and one in district B.
    committee_a2 = collective("COL-X2", CollectiveKind.EXECUTIVE_COMMITTEE, commune_a2,
                              [secretary_a2, *a22[2:5], a21[0]], head=secretary_a2)  # fmt: skip
    ubnd_board_a2 = collective("COL-UB2", CollectiveKind.PEOPLES_COMMITTEE_LEADERSHIP, ubnd_a2,
                               [chair_a2, *a21[1:3]], head=chair_a2)  # fmt: skip
    cell_committee_a21 = collective("COL-C21", CollectiveKind.CELL_COMMITTEE, cell_a21, a21[3:6], head=a21[3])
    ubnd_board_a1 = collective("COL-UB1", CollectiveKind.PEOPLES_COMMITTEE_LEADERSHIP, ubnd_a1,
                               [chair_a1, P.member_a2, P.deputy], head=chair_a1)  # fmt: skip
    # a21[0] sits in two classified collectives (commune committee and its cell's), S-13 picks one.
    Membership.objects.create(collective=cell_committee_a21, person=a21[0], start=date(2021, 1, 1))

    # District B: a grassroots committee with two cells, a commune committee of the same kind as A's.
    commune_b1 = org("T.B.X1", "Đảng bộ xã B1", K.GRASSROOTS_COMMITTEE, T.GRASSROOTS, P.district_b)
    cell_b11 = org("T.B.X1.C1", "Chi bộ ấp 1 xã B1", K.CELL, T.BELOW_GRASSROOTS, commune_b1)
    cell_b12 = org("T.B.X1.C2", "Chi bộ ấp 2 xã B1", K.CELL, T.BELOW_GRASSROOTS, commune_b1)
    ubnd_b1 = org("T.B.X1.UB", "Ủy ban nhân dân xã B1", K.PEOPLES_COMMITTEE, T.GRASSROOTS, commune_b1)
    b11 = [person(cell_b11) for _ in range(5)]
    b12 = [person(cell_b12) for _ in range(4)]
    chair_b1 = person(cell_b12, workplace=ubnd_b1, is_head=True, positions="Chủ tịch UBND xã",
                      civil_service_category=C.CADRE)  # fmt: skip
    committee_b1 = collective("COL-XB1", CollectiveKind.EXECUTIVE_COMMITTEE, commune_b1, b11[:4], head=b11[0])
    collective("COL-UBB1", CollectiveKind.PEOPLES_COMMITTEE_LEADERSHIP, ubnd_b1, [chair_b1, *b12[:2]],
               head=chair_b1)  # fmt: skip
    # A district collective (tier DISTRICT: its own R-50c scope).
    district_sc = collective(
        "COL-HA", CollectiveKind.STANDING_COMMITTEE, P.district_a,
        [P.commune_secretary, secretary_a2, chair_a1], head=P.commune_secretary,
    )  # fmt: skip

    # Caps: leave, disciplines of a person, a collective and a collective's member.
    StatusPeriod.objects.create(person=a21[4], kind=StatusKind.SICK_LEAVE, start=date(2023, 1, 2),
                                end=date(2023, 6, 30))  # fmt: skip
    discipline(person=a22[1])
    discipline(person=a21[1], side="STATE", form="WARNING")
    discipline(collective=committee_b1)
    discipline(person=a22[3])  # a member of committee_a2 (R-33d on the collective)
    discipline(organization=cell_b12)
    a_members = [P.member_a1, P.secretary_a1, P.new_a1, P.sick_a1, a1_cs]

    out = None
    if outside:
        # A second province beside the campaign's root: the registry is no longer the campaign's whole tree.
        other = org("U", "Đảng bộ tỉnh Khác", K.PROVINCIAL_COMMITTEE, T.PROVINCE, None)
        other_cell = org("U.C1", "Chi bộ ngoài", K.GRASSROOTS_CELL, T.GRASSROOTS, other)
        out = person(other_cell)
        Membership.objects.create(collective=committee_a2, person=out, start=date(2020, 1, 1))
        discipline(person=out)
        loose = person(None)  # no cell, no workplace: outside every subtree
        Membership.objects.create(collective=committee_b1, person=loose, start=date(2020, 1, 1))
        discipline(person=loose, form="WARNING")
    return SimpleNamespace(
        commune_a2=commune_a2, cell_a21=cell_a21, cell_a22=cell_a22, front_a2=front_a2, ubnd_a2=ubnd_a2,
        staff=staff,
        a21=a21, a22=a22, b11=b11, b12=b12, a_members=a_members, district_sc=district_sc,
        committee_a2=committee_a2, ubnd_board_a2=ubnd_board_a2, ubnd_board_a1=ubnd_board_a1,
    )  # fmt: skip


def _rate_everyone(campaign, seed: int) -> None:  # noqa: ANN001
    """Seeded levels at every stage for most classified subjects: many HTXS (quota), some gaps (order)."""
    from xeploai.campaigns.models import Rating, Subject

    rnd = random.Random(seed)
    rows = []
    for s in Subject.objects.filter(campaign=campaign).order_by("pk"):
        if not s.included:
            continue
        level = rnd.choice((3, 3, 3, 2, 2, 1))
        for stage, chance in (("PROPOSED", 0.9), ("APPRAISED", 0.6), ("DECIDED", 0.5)):
            if rnd.random() < chance:
                rows.append(Rating(subject=s, stage=stage, level=level, based_on_version=s.version))
                level = max(1, level - (rnd.random() < 0.2))
    Rating.objects.bulk_create(rows)


def _full(campaign, stage: str, pk: int, level: int, base):  # noqa: ANN001, ANN202
    """The whole campaign's verdict on ``pk`` (what the preview computed before it was scoped)."""
    import copy

    from xeploai.campaigns.checking import evaluate_stage
    from xeploai.campaigns.quota_rows import scope_path as _scope_path
    from xeploai.campaigns.ruleset_plan import ruleset_of

    snap, subjects, levels = base
    levels = copy.deepcopy(levels)
    levels.setdefault(pk, {})[stage] = (level, None)
    result = evaluate_stage(ruleset_of(campaign), campaign, snap, subjects, levels, stage).get(pk)
    scoped = _scope_path(snap, subjects.rows[pk]) if pk in subjects.rows else None
    return result, scoped[2] if scoped else None


def _torn(base) -> dict[tuple[str, int], set[int]]:  # noqa: ANN001
    """People in two or more classified collectives (S-13) or heading two or more collectives (R-62):
    ``(rule id, person pk)`` → the subject pks of those collectives."""
    snap, subjects, _levels = base
    out: dict[tuple[str, int], set[int]] = {}
    for coll, people in snap.members.items():
        c_pk = subjects.by_collective.get(coll)
        if c_pk in subjects.classified:
            for p in people:
                out.setdefault(("S-13", p), set()).add(c_pk)
    for p, headed in snap.heads.items():
        out[("R-62", p)] = {subjects.by_collective.get(c) for c in headed}
    return {k: c for k, c in out.items() if len(c) > 1}


def _split(findings):  # noqa: ANN001, ANN202
    order = Counter((f.rule_id, f.code, f.blocking) for f in findings if f.code.startswith("order."))
    return [f for f in findings if not f.code.startswith("order.")], order


@pytest.mark.parametrize("outside", [False, True])
def test_scoped_preview_equals_the_full_campaign_check_for_every_subject(province, outside):
    from django.db import connection

    from xeploai.campaigns.decisions import rating_preview
    from xeploai.campaigns.facts import campaign_subjects, latest_levels
    from xeploai.campaigns.models import Rating, Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open
    from xeploai.campaigns.snapshot import registry_snapshot
    from xeploai.rules import Level

    P = province
    extra = _build(P, outside=outside)
    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=P.province)
    campaign_open(campaign=campaign)
    # Classified by hand: the commune's front and People's Committee (R-63, R-70 same-level state first).
    Subject.objects.filter(campaign=campaign, organization__in=[extra.front_a2, extra.ubnd_a2]).update(
        override="INCLUDED", override_reason="Thử"
    )
    subjects = list(Subject.objects.filter(campaign=campaign).select_related("campaign__root").order_by("pk"))
    assert len({s.subject_type for s in subjects}) == 5
    seen: Counter[tuple[str, str]] = Counter()
    compared = 0
    for seed in (1, 2, 3):  # three sets of ratings on the same registry
        with connection.cursor() as cursor:  # ratings are never deleted by the app: start over by hand
            cursor.execute(f"DELETE FROM {Rating._meta.db_table}")
        _rate_everyone(campaign, seed)
        base = (
            registry_snapshot(root=campaign.root, reference=campaign.reference_date),
            campaign_subjects(campaign),
            latest_levels(campaign),
        )
        torn = _torn(base)
        for s in subjects:
            for stage in STAGES:
                for level in LEVELS:
                    full, scope_path = _full(campaign, stage, s.pk, level, base)
                    preview = rating_preview(subject=s, stage=stage, level=level)
                    where = f"seed {seed}: {s} {stage} {level}"
                    if full is None:
                        assert (preview.max_level, preview.findings) == (Level.EXCELLENT, ()), where
                        continue
                    assert preview.max_level == full[1], where
                    mine, mine_order = _split(preview.findings)
                    theirs, their_order = _split(full[2])
                    assert mine == theirs, where
                    for rule_id, code in (("S-13", "order.individual_before_collective"),
                                          ("R-62", "order.head_before_unit")):  # fmt: skip
                        if not outside or (rule_id, s.person_id) not in torn:
                            continue
                        # The first collective a person sits in (S-13) or heads is the first in the
                        # membership rows' order, which the full read's joined query leaves to the database:
                        # the finding must name one of the person's collectives, the rest must be equal.
                        mine_order.pop((rule_id, code, True), None)
                        their_order.pop((rule_id, code, True), None)
                        for f in preview.findings:
                            if f.code == code:
                                assert f.params["waiting_for"][1] in torn[(rule_id, s.person_id)], where
                    assert mine_order == their_order, where
                    assert preview.quota_scope_path == scope_path, where
                    seen.update((f.rule_id, f.code) for f in full[2])
                    compared += 1
    assert compared >= 1500
    # The comparison covered every family of finding the scope has to get right.
    codes = {code for _r, code in seen}
    rules = {rule for rule, _c in seen}
    assert {"quota.over", "order.higher_before_lower", "order.individual_before_collective"} <= codes
    assert {
        "order.party_before_civil_service",
        "order.head_before_unit",
        "order.party_org_before_state",
    } <= codes
    assert {"R-13", "R-30", "R-33d", "R-34", "R-50", "R-50c", "R-50d", "R-50f", "R-61", "R-62"} <= rules


def test_scoped_read_skips_other_grassroots_organizations(province):
    """A party member's preview reads its grassroots organization's people, not the province's (R-50)."""
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open
    from xeploai.campaigns.ruleset_plan import ruleset_of
    from xeploai.campaigns.scoped import scoped_inputs

    P = province
    extra = _build(P, outside=False)
    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=P.province)
    campaign_open(campaign=campaign)
    member = Subject.objects.select_related("campaign__root").get(
        campaign=campaign, person=extra.b11[2], subject_type="PARTY_MEMBER"
    )
    snap, subjects, _levels = scoped_inputs(campaign=campaign, subject=member, rs=ruleset_of(campaign))
    assert {p.pk for p in extra.b11 + extra.b12} <= set(snap.people)
    assert not {p.pk for p in extra.a21 + extra.a22 + extra.a_members} & set(snap.people)
    district_a = {p.pk for p in extra.a21 + extra.a22 + extra.a_members}
    assert not {row[3] for row in subjects.rows.values()} & district_a


def test_quota_panel_of_every_organization_equals_the_full_campaign_count(province):
    """The quota page (``decisions.quota_panel``) of a commune or a cell reads only the scopes it shows
    (``scoped.panel_inputs``), and shows for every organization exactly what the whole campaign's count
    shows: the same scopes (R-50 across a grassroots organization's cells, R-50c collectives under a
    district, R-50d equivalent titles in two districts), capacities and over-quota lists."""
    from xeploai.campaigns.decisions import quota_panel
    from xeploai.campaigns.facts import campaign_subjects, latest_levels
    from xeploai.campaigns.models import Rating
    from xeploai.campaigns.opening import campaign_create, campaign_open
    from xeploai.campaigns.quota_rows import quota_rows
    from xeploai.campaigns.ruleset_plan import ruleset_of
    from xeploai.campaigns.snapshot import registry_snapshot
    from xeploai.registry.models import Organization

    P = province
    _build(P, outside=True)
    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=P.province)
    campaign_open(campaign=campaign)
    rs = ruleset_of(campaign)
    orgs = list(Organization.objects.subtree(campaign.root).order_by("path"))
    rules: set[str] = set()
    over = 0
    for seed in (1, 2):
        Rating.objects.all()._raw_delete(Rating.objects.db)  # ratings are never deleted by the app
        _rate_everyone(campaign, seed)
        snap = registry_snapshot(root=campaign.root, reference=campaign.reference_date)
        subjects = campaign_subjects(campaign)
        levels = latest_levels(campaign, subjects)
        unit_path = {pk: snap.orgs[ref.unit_id].path for pk, ref in subjects.rows.items()}
        for org in orgs:

            def under(pk: int, path: str = org.path, units: dict[int, str] = unit_path) -> bool:
                return units[pk].startswith(path)

            full = quota_rows(rs, campaign, snap, subjects, levels, "DECIDED", under)
            assert quota_panel(campaign=campaign, root=org) == full, f"seed {seed}: {org}"
            rules.update(r.rule_id for r in full)
            over += sum(r.over_quota > 0 for r in full)
    assert {"R-50", "R-50c", "R-50d"} <= rules
    assert over > 0  # some scope is over quota: the over-quota lists are compared too


def test_quota_panel_of_a_cell_reads_its_grassroots_organization_not_the_province(province):
    """R-50: a cell's quota page counts its grassroots organization's members and reads no one of another
    district."""
    from xeploai.campaigns.opening import campaign_create, campaign_open
    from xeploai.campaigns.ruleset_plan import ruleset_of
    from xeploai.campaigns.scoped import panel_inputs

    P = province
    extra = _build(P, outside=False)
    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=P.province)
    campaign_open(campaign=campaign)
    cell = extra.b11[0].party_organization
    snap, _subjects, _levels = panel_inputs(campaign=campaign, root=cell, rs=ruleset_of(campaign))
    assert {p.pk for p in extra.b11 + extra.b12} <= set(snap.people)
    assert not {p.pk for p in extra.a21 + extra.a22 + extra.a_members} & set(snap.people)


# --- the whole-list pages (``list_ratings.list_check``) ----------------------------------------------------
# ``list_check`` (the list page, its htmx quota check and the server-side refusals of the save) reads
# ``scoped.unit_inputs``: below the campaign's root, the subjects under the unit, the peers of their quota
# scopes outside it (R-50 a cell's grassroots organization, R-50c a district's collectives of a kind, R-50d
# equivalent titles, R-50f the party members working at an agency) and what their verdicts depend on. For
# EVERY organization of the test province and of the tiny demo, at each stage, with levels chosen (the
# previous stage's, every other row HTXS so that quotas bind), its verdicts, caps, quota rows and scope
# paths are compared with ``list_check_on`` over the whole campaign (what the pages computed before).
# Order findings are compared by rule, code and blocking flag, as above (``_split``).


def _same(mine, theirs, where: str) -> None:  # noqa: ANN001
    """Two ``ListCheck``s are equal: verdicts (order findings by rule and code), caps, quota, scope paths."""
    assert set(mine.verdicts) == set(theirs.verdicts), where
    for pk, verdict in theirs.verdicts.items():
        ours = mine.verdicts[pk]
        assert (ours.level, ours.max_level) == (verdict.level, verdict.max_level), where
        assert _split(ours.findings) == _split(verdict.findings), f"{where}: {pk}"
    assert mine.caps == theirs.caps, where
    assert mine.quota == theirs.quota, where
    assert mine.scope_paths == theirs.scope_paths, where


def _compare_every_list(campaign, user, top=None) -> tuple[set[str], int, int]:  # noqa: ANN001
    """Compare the scoped and the whole check of every organization's list at each stage; returns the rule
    ids of the quota rows and findings seen, the lists compared and the quota rows over quota."""
    from xeploai.campaigns.facts import campaign_subjects, latest_levels
    from xeploai.campaigns.list_ratings import list_check, list_check_on, list_rows, take_previous
    from xeploai.campaigns.ruleset_plan import ruleset_of
    from xeploai.campaigns.snapshot import registry_snapshot
    from xeploai.campaigns.task_scores import campaign_period
    from xeploai.registry.models import Organization
    from xeploai.rules import Level

    rs = ruleset_of(campaign)
    snap = registry_snapshot(
        root=campaign.root, reference=campaign.reference_date, period=campaign_period(campaign)
    )
    subjects = campaign_subjects(campaign)
    whole = (snap, subjects, latest_levels(campaign, subjects))
    rules: set[str] = set()
    compared = over = 0
    orgs = Organization.objects.subtree(top or campaign.root).order_by("path")
    for org in [campaign.root, *orgs] if top is not None else orgs:
        for stage in STAGES:
            rows, _truncated = list_rows(user=user, campaign=campaign, root=org, stage=stage)
            if not rows:
                continue
            chosen = take_previous(rows)
            chosen.update({r.subject.pk: Level.EXCELLENT for r in rows[::2]})
            where = f"{org} {stage}"
            mine = list_check(campaign=campaign, root=org, stage=stage, rows=rows, chosen=chosen)
            theirs = list_check_on(rs, campaign, whole, stage=stage, rows=rows, chosen=chosen)
            _same(mine, theirs, where)
            rules.update(r.rule_id for r in theirs.quota)
            rules.update(f.rule_id for v in theirs.verdicts.values() for f in v.findings)
            over += sum(r.over_quota > 0 for r in theirs.quota)
            compared += 1
    return rules, compared, over


def test_list_check_of_every_organization_equals_the_whole_campaign_check(province):
    """A test province with every quota family (R-50, R-50c, R-50d, R-50f) crossing the units' borders,
    a second province beside the root, disciplines, leave and people in two collectives."""
    from django.contrib.auth import get_user_model

    from xeploai.campaigns.models import Rating, Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    P = province
    extra = _build(P, outside=True)
    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=P.province)
    campaign_open(campaign=campaign)
    Subject.objects.filter(campaign=campaign, organization__in=[extra.front_a2, extra.ubnd_a2]).update(
        override="INCLUDED", override_reason="Thử"
    )
    admin = get_user_model().objects.create_superuser(username="root_lists", password="pw")
    rules: set[str] = set()
    compared = over = 0
    for seed in (1, 2):
        Rating.objects.all()._raw_delete(Rating.objects.db)  # ratings are never deleted by the app
        _rate_everyone(campaign, seed)
        seen, n, o = _compare_every_list(campaign, admin)
        rules |= seen
        compared += n
        over += o
    assert compared >= 60
    assert over > 0  # some list is over quota: the over-quota findings and lists are compared too
    assert {"R-13", "R-30", "R-50", "R-50c", "R-50d", "R-50f", "R-61", "R-62", "R-70"} <= rules


@pytest.mark.slow
def test_list_check_of_every_list_of_the_tiny_demo_equals_the_whole_campaign_check(settings):
    """The tiny demo (``manage.py demo --scale tiny``) with its 2023 campaign opened and rated: the
    province's list and every list of its first district (its committee, communes, cells, agencies) at each
    stage, as the list pages compute them, equal the whole campaign's check (every district: minutes)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from xeploai.campaigns.models import Campaign

    settings.DEBUG = True  # the demo command runs only on a development machine
    call_command("demo", "--seed", "1", "--scale", "tiny", stdout=StringIO())
    settings.DEBUG = False
    call_command("open_campaign", "--year", "2023", "--ruleset", "kh181-2023", stdout=StringIO())
    campaign = Campaign.objects.select_related("root").get(year=2023)
    _rate_everyone(campaign, 1)
    admin = get_user_model().objects.filter(
        is_superuser=True
    ).first() or get_user_model().objects.create_superuser(username="root_lists", password="pw")
    district = campaign.root.children.filter(kind="DISTRICT_COMMITTEE").order_by("path").first()
    rules, compared, over = _compare_every_list(campaign, admin, top=district)
    assert compared >= 20
    assert over > 0
    assert {"R-50", "R-50c"} <= rules
