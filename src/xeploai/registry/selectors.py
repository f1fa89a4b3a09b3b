"""Reads of the registry for pages, the API and reports (style example 4).

Every function takes the visible querysets (or the user's scope) from ``xeploai.accounts.access``
and works in sets: per-subtree counts are one grouped query per count over the path prefix, never
one query per node (architecture.md, "Tree").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Concat, Length, Substr

from xeploai.lib.vietnamese import fold, sort_key
from xeploai.registry.models import (
    PATH_SEGMENT,
    Collective,
    Membership,
    Organization,
    OrganizationQuerySet,
    Person,
    in_subtree,
)

SEARCH_LIMIT = 50  # results per kind before the page asks to refine the query


@dataclass(slots=True)
class SubtreeCounts:
    """Totals for an organization's whole subtree (itself included)."""

    organizations: int = 0
    party_members: int = 0
    people: int = 0
    collectives: int = 0


@dataclass(slots=True)
class TreeRow:
    organization: Organization
    counts: SubtreeCounts
    has_children: bool


def _prefix_ranges(paths: list[str]) -> Q:
    """Q on ``path`` covering the subtrees of ``paths`` (all the same length); few ranges when siblings."""
    parents = {p[:-PATH_SEGMENT] for p in paths}
    if len(parents) == 1 and next(iter(parents)):
        parent = next(iter(parents))  # siblings: one range, the parent's subtree
        return in_subtree("path", parent)
    return in_subtree("path", paths)


def _on(relation: str, cond: Q) -> Q:
    """Rewrite a Q on ``path`` to a Q on ``<relation>__path``."""
    out = Q()
    out.connector, out.negated = cond.connector, cond.negated
    for child in cond.children:
        if isinstance(child, Q):
            out.children.append(_on(relation, child))
        else:
            key, value = child
            out.children.append((f"{relation}__{key}", value))
    return out


def _grouped(
    qs: QuerySet, relation: str, cond: Q, length: int, pk_of: dict[str, int], **aggregates: object
) -> dict[int, dict]:
    """One grouped query: rows of ``qs`` in the ranges ``cond``, grouped by their path cut to ``length``."""
    column = f"{relation}__path" if relation else "path"
    rows = (
        qs.filter(_on(relation, cond) if relation else cond)
        .annotate(prefix=Substr(column, 1, length)).values("prefix").annotate(**aggregates).order_by()
    )
    return {pk_of[row["prefix"]]: row for row in rows if row["prefix"] in pk_of}


def subtree_counts(organizations: list[Organization]) -> dict[int, SubtreeCounts]:
    """Counts of organizations, party members, people and collectives under each of ``organizations``.

    For each path length among the nodes (one length for siblings): five grouped queries, each
    grouping rows by their organization's path cut to that length. People are those whose party
    organization or workplace is in the subtree, counted once: |cell| + |workplace| - |both|.
    """
    result: dict[int, SubtreeCounts] = {o.pk: SubtreeCounts() for o in organizations}
    by_length: dict[int, dict[str, int]] = defaultdict(dict)
    for o in organizations:
        by_length[len(o.path)][o.path] = o.pk
    for length, pk_of in by_length.items():
        cond = _prefix_ranges(list(pk_of))
        orgs = _grouped(Organization.objects.all(), "", cond, length, pk_of, n=Count("pk"))
        collectives = _grouped(Collective.objects.all(), "organization", cond, length, pk_of, n=Count("pk"))
        cells = _grouped(
            Person.objects.all(), "party_organization", cond, length, pk_of,
            n=Count("pk"), members=Count("pk", filter=Q(admitted_on__isnull=False)),
        )
        workplaces = _grouped(Person.objects.all(), "workplace", cond, length, pk_of, n=Count("pk"))
        both_qs = Person.objects.annotate(
            cell_prefix=Substr("party_organization__path", 1, length),
            work_prefix=Substr("workplace__path", 1, length),
        ).filter(cell_prefix=F("work_prefix"))
        both = _grouped(both_qs, "party_organization", cond, length, pk_of, n=Count("pk"))
        for pk in pk_of.values():
            counts = result[pk]
            counts.organizations = orgs.get(pk, {}).get("n", 0)
            counts.collectives = collectives.get(pk, {}).get("n", 0)
            counts.party_members = cells.get(pk, {}).get("members", 0)
            in_cell, at_work = cells.get(pk, {}).get("n", 0), workplaces.get(pk, {}).get("n", 0)
            counts.people = in_cell + at_work - both.get(pk, {}).get("n", 0)
    return result


def tree_rows(organizations: OrganizationQuerySet) -> list[TreeRow]:
    """Rows of the tree browser: each organization with its subtree counts and whether it has children."""
    orgs = list(organizations.order_by("path"))
    counts = subtree_counts(orgs)
    return [TreeRow(o, counts[o.pk], counts[o.pk].organizations > 1) for o in orgs]


def breadcrumbs(organization: Organization, visible: OrganizationQuerySet) -> list[Organization]:
    """The ancestors of ``organization`` the user may see, root first, itself excluded (one query)."""
    path = organization.path
    ancestors = [path[:i] for i in range(PATH_SEGMENT, len(path), PATH_SEGMENT)]
    if not ancestors:
        return []
    return list(visible.filter(path__in=ancestors).order_by("path"))


def organization_collectives(organization: Organization) -> list[Collective]:
    """The organization's leadership collectives with their members, heads first (two queries)."""
    memberships = Membership.objects.select_related("person").order_by(
        "-is_head", "person__name_sort", "start"
    )
    return list(
        organization.collectives.order_by("code").prefetch_related(
            Prefetch("memberships", queryset=memberships)
        )
    )


def organization_people(organization: Organization, visible_people: QuerySet[Person]) -> QuerySet[Person]:
    """The party members of the cell and the staff of the workplace, in Vietnamese name order."""
    return (
        visible_people.filter(Q(party_organization=organization) | Q(workplace=organization))
        .select_related("party_organization", "workplace")
        .order_by("name_sort", "pk")
    )


@dataclass(slots=True)
class SearchResults:
    query: str
    people: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    too_many_people: bool = False
    too_many_organizations: bool = False

    @property
    def empty(self) -> bool:
        return not self.people and not self.organizations


@dataclass(slots=True)
class SearchQuerysets:
    """The matches of a search, ranked (exact names, then whole words, then the rest), not yet cut."""

    query: str
    people: QuerySet[Person]
    organizations: OrganizationQuerySet


def search_querysets(
    query: str, *, people: QuerySet[Person], organizations: OrganizationQuerySet,
    citizen_id_people: QuerySet[Person] | None = None,
) -> SearchQuerysets:
    """People and organizations matching ``query`` among the visible ones, each annotated with ``rank``.

    The query is folded (no diacritics, no case, đ = d) and each of its words must begin a word of the
    folded name, in any order; a code matches from its start, a citizen ID only in full (12 digits) and
    only among ``citizen_id_people`` (those whose full citizen ID the reader may see; none when omitted).
    People come ranked then in Vietnamese name order, organizations ranked then shallowest first.
    """
    text = " ".join(query.split())
    folded = fold(text)
    words = folded.split()
    if not words:
        return SearchQuerysets(text, people.none(), organizations.none())
    # Each query word must start a word of the name ("an" finds "Ân" and "Anh", not "Văn"); exact names
    # first, then names where every query word is a whole word, then the rest.
    padded = Concat(Value(" "), "name_folded", Value(" "), output_field=CharField())
    starts, whole = Q(), Q()
    for word in words:
        starts &= Q(name_folded__startswith=word) | Q(name_folded__contains=f" {word}")
        whole &= Q(padded__contains=f" {word} ")
    rank = Case(When(name_folded=folded, then=0), When(whole, then=1), default=2, output_field=IntegerField())
    code_cond = Q(code__istartswith=text) if " " not in text else Q(pk__in=[])
    person_cond = starts | code_cond
    if text.isdigit() and len(text) == 12 and citizen_id_people is not None:
        person_cond |= Q(citizen_id=text, pk__in=citizen_id_people.values("pk"))
    found_people = (
        people.annotate(padded=padded, rank=rank).filter(person_cond)
        .select_related("party_organization", "workplace").order_by("rank", "name_sort", "pk")
    )
    found_orgs = (
        organizations.annotate(padded=padded, rank=rank).filter(starts | code_cond).select_related("parent")
        .order_by("rank", Length("path"), "name_folded", "pk")
    )
    return SearchQuerysets(text, found_people, found_orgs)


def search(
    query: str, *, people: QuerySet[Person], organizations: OrganizationQuerySet, limit: int = SEARCH_LIMIT,
    citizen_id_people: QuerySet[Person] | None = None,
) -> SearchResults:
    """The first ``limit`` people and organizations of ``search_querysets`` (two queries); within each
    rank organizations come by the ``vi`` collation of their names."""
    found = search_querysets(query, people=people, organizations=organizations,
                             citizen_id_people=citizen_id_people)  # fmt: skip
    results = SearchResults(query=found.query)
    if not found.query.strip():
        return results
    people_found = list(found.people[: limit + 1])
    results.people, results.too_many_people = people_found[:limit], len(people_found) > limit
    orgs = list(found.organizations[: limit + 1])
    results.too_many_organizations = len(orgs) > limit
    results.organizations = sorted(orgs[:limit], key=lambda o: (o.rank, sort_key(o.name)))
    return results
