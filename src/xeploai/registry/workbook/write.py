"""Turn validated sheets into inserts and updates (``prepare``), then write them in one go (``apply``).

Rows are written through ``xeploai.registry.bulk`` (executemany on SQLite, COPY on PostgreSQL), so the
derived columns are set here: ``Organization.path/depth/name_folded``, ``Person.name_folded/name_sort``.
New rows get their primary keys reserved up front (``reserve_ids``), which lets the organization paths be
computed in memory and every foreign key be filled without reading anything back.

Re-importing matches rows by code (organizations, collectives, people) or by natural key (memberships:
collective + person + start; status periods: person + kind + start; discipline: subject + form +
decision date); a matched row is updated only if a value changed, so nothing is ever duplicated. A column
missing from a sheet leaves that field unchanged on existing rows and takes the default on new ones.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, NamedTuple

from django.db import connection, models

from xeploai.lib.vietnamese import clean, fold, name_sort_key
from xeploai.registry import bulk
from xeploai.registry.columns import DISCIPLINE_COLUMNS, ORGANIZATION_COLUMNS, PERSON_COLUMNS
from xeploai.registry.models import (
    CivilServiceCategory,
    Collective,
    Discipline,
    Membership,
    Organization,
    Person,
    StatusPeriod,
    path_segment,
)
from xeploai.registry.task_register import Target, Task
from xeploai.registry.workbook import schema
from xeploai.registry.workbook.existing import (
    COLLECTIVE_FIELDS,
    DISCIPLINE_FIELDS,
    FACT_TABLES,
    MEMBERSHIP_FIELDS,
    PERSON_FIELDS,
    STATUS_FIELDS,
    TARGET_FIELDS,
    TASK_FIELDS,
    Existing,
)
from xeploai.registry.workbook.schema import SubjectKind
from xeploai.registry.workbook.validate import SheetData


class Batch(NamedTuple):
    """Rows for one table: each row holds the values of ``fields`` in order (updates: then the id)."""

    model: type[models.Model]
    fields: tuple[str, ...]
    rows: list[tuple[Any, ...]]


@dataclass
class Plan:
    inserts: list[Batch] = field(default_factory=list)
    updates: list[Batch] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, sheet: schema.Sheet, created: int, updated: int, unchanged: int) -> None:
        self.created[sheet.name] = created
        self.updated[sheet.name] = updated
        self.unchanged[sheet.name] = unchanged


@dataclass
class CodeIds:
    """Primary key of every code, existing or new (new ones are added as their keys are reserved)."""

    organizations: dict[str, int]
    collectives: dict[str, int]
    people: dict[str, int]

    def reserve(
        self, model: type[models.Model], codes: list[str], existing: Iterable[Any], *, dry_run: bool
    ) -> None:
        ids = reserve_ids(
            model, len(codes), existing_max=max((v.id for v in existing), default=0), dry_run=dry_run
        )
        target = {Organization: self.organizations, Collective: self.collectives, Person: self.people}[model]
        target.update(zip(codes, ids))


def reserve_ids(model: type[models.Model], count: int, *, existing_max: int, dry_run: bool) -> list[int]:
    """Primary keys for ``count`` new rows of ``model``, reserved so that nobody else takes them."""
    if count == 0:
        return []
    table = model._meta.db_table
    if dry_run:
        return list(range(existing_max + 1, existing_max + 1 + count))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [r[0] for r in cursor.fetchall()]
        # SQLite: the write lock is held since BEGIN IMMEDIATE, so max + 1 is ours; AUTOINCREMENT's
        # counter may be higher than the max (deleted rows) and is respected.
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
        start = max(existing_max, found[0] if found else 0) + 1
        return list(range(start, start + count))


def _getter(fields: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of ``fields`` of a named row, as a tuple (also for one field, or none)."""
    if len(fields) == 1:
        name = fields[0]
        return lambda row: (getattr(row, name),)
    return attrgetter(*fields) if fields else lambda row: ()


def _split(rows: list[dict[str, Any]], existing: dict[Any, Any], key: Any) -> tuple[list[Any], list[Any]]:
    """The rows whose key is new, and (row, existing row) pairs for the others."""
    new, old = [], []
    for row in rows:
        found = existing.get(key(row))
        if found is None:
            new.append(row)
        else:
            old.append((row, found))
    return new, old


def _changed(
    upd_fields: tuple[str, ...], pairs: Iterable[tuple[tuple[Any, ...], Any]]
) -> tuple[list[tuple[int, tuple[Any, ...], Any]], int]:
    """(index, new values, existing row) of the pairs whose values differ, and how many are the same."""
    current = _getter(upd_fields)
    changed = []
    same = 0
    for n, (values, found) in enumerate(pairs):
        if current(found) == values:
            same += 1
        else:
            changed.append((n, values, found))
    return changed, same


def _queue_updates(
    plan: Plan, data: SheetData, model: type[models.Model], upd_fields: tuple[str, ...], new: int, pairs: Any
) -> None:
    """Queue the rows that differ from the database and count the sheet."""
    changed, same = _changed(upd_fields, pairs)
    if changed and upd_fields:
        plan.updates.append(Batch(model, upd_fields, [(*values, found.id) for _n, values, found in changed]))
    plan.count(data.sheet, new, len(changed), same)


# ----------------------------------------------------------------------------------- organizations


def _final_parents(
    new: list[dict[str, Any]], old: list[Any], ex: Existing, org_ids: dict[str, int], present: Any
) -> dict[int, int | None]:
    """The parent of every organization once the workbook is applied."""
    parent: dict[int, int | None] = {v.id: v.parent_id for v in ex.orgs.values()}
    for row in new:
        parent[org_ids[row["code"]]] = org_ids[row["parent"]] if row.get("parent") else None
    if "parent" in present:
        for row, found in old:
            parent[found.id] = org_ids[row["parent"]] if row.get("parent") else None
    return parent


def _paths(parent: dict[int, int | None]) -> dict[int, tuple[str, int]]:
    """(path, depth) of every organization, computed in memory from the roots down."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in parent.items():
        children.setdefault(parent_id, []).append(pk)
    path: dict[int, tuple[str, int]] = {}
    stack = [(pk, "", -1) for pk in children.get(None, [])]
    while stack:
        pk, parent_path, parent_depth = stack.pop()
        own = (parent_path + path_segment(pk), parent_depth + 1)
        path[pk] = own
        stack.extend((child, own[0], own[1]) for child in children.get(pk, []))
    return path


ORG_UPDATE_FIELDS = ("name", "kind", "tier", "parent_id", "founded_on")


def _plan_organizations(plan: Plan, data: SheetData, ex: Existing, ids: CodeIds, dry_run: bool) -> None:
    new, old = _split(data.rows, ex.orgs, lambda r: r["code"])
    ids.reserve(Organization, [r["code"] for r in new], ex.orgs.values(), dry_run=dry_run)
    org_ids = ids.organizations
    parent = _final_parents(new, old, ex, org_ids, data.present)
    path = _paths(parent)
    inserts = []
    for r in new:
        pk = org_ids[r["code"]]
        inserts.append(
            (
                pk,
                r["code"],
                r["name"],
                fold(r["name"]),
                r["kind"],
                r["tier"],
                parent[pk],
                *path[pk],
                r.get("founded_on"),
            )
        )
    plan.inserts.append(Batch(Organization, ("id", *ORGANIZATION_COLUMNS), inserts))
    upd = tuple(f for f in ORG_UPDATE_FIELDS if f.removesuffix("_id") in data.present)
    pairs = [
        (tuple(parent[found.id] if f == "parent_id" else row[f] for f in upd) + path[found.id], found)
        for row, found in old
    ]
    changed, same = _changed((*upd, "path", "depth"), pairs)
    if changed:
        renamed = "name" in upd
        rows = [
            (*values, *((fold(old[n][0]["name"]),) if renamed else ()), found.id)
            for n, values, found in changed
        ]
        plan.updates.append(
            Batch(Organization, (*upd, "path", "depth", *(("name_folded",) if renamed else ())), rows)
        )
    # Organizations not in the workbook whose path moved because an ancestor moved.
    in_sheet = {found.id for _row, found in old}
    moved = [
        (*path[v.id], v.id)
        for v in ex.orgs.values()
        if v.id not in in_sheet and (v.path, v.depth) != path[v.id]
    ]
    if moved:
        plan.updates.append(Batch(Organization, ("path", "depth"), moved))
    plan.count(data.sheet, len(new), len(changed), same)


# ------------------------------------------------------------------------------ collectives, people


def _plan_collectives(plan: Plan, data: SheetData, ex: Existing, ids: CodeIds, dry_run: bool) -> None:
    new, old = _split(data.rows, ex.collectives, lambda r: r["code"])
    ids.reserve(Collective, [r["code"] for r in new], ex.collectives.values(), dry_run=dry_run)
    org_ids, collective_ids = ids.organizations, ids.collectives
    plan.inserts.append(
        Batch(
            Collective,
            ("id", "code", "name", "kind", "organization_id", "founded_on"),
            [
                (
                    collective_ids[r["code"]],
                    r["code"],
                    r["name"],
                    r["kind"],
                    org_ids[r["organization"]],
                    r.get("founded_on"),
                )
                for r in new
            ],
        )
    )
    upd = tuple(f for f in COLLECTIVE_FIELDS if f.removesuffix("_id") in data.present)
    pairs = (
        (tuple(org_ids[r["organization"]] if f == "organization_id" else r[f] for f in upd), found)
        for r, found in old
    )
    _queue_updates(plan, data, Collective, upd, len(new), pairs)


PERSON_FOREIGN_KEYS = {"party_organization_id", "workplace_id", "managing_committee_id", "led_unit_id"}
# What a new person gets for a column the sheet does not have.
PERSON_DEFAULTS: dict[str, Any] = {
    "birth_date": None,
    "gender": "",
    "citizen_id": "",
    "party_card_number": "",
    "party_organization_id": None,
    "admitted_on": None,
    "full_member_on": None,
    "civil_service_category": CivilServiceCategory.NONE.value,
    "workplace_id": None,
    "positions": "",
    "is_head": False,
    "managing_committee_id": None,
    "employed_from": None,
    "led_unit_id": None,
}


def _person_key(f: str) -> str:
    """The sheet's column key for a person field."""
    return f.removesuffix("_id") if f in PERSON_FOREIGN_KEYS else f


def _person_column(rows: list[dict[str, Any]], f: str, present: Any, org_ids: dict[str, int]) -> list[Any]:
    """One field for all ``rows``, column-wise (list comprehensions, no call per cell)."""
    key = _person_key(f)
    if key not in present:
        return [PERSON_DEFAULTS[f]] * len(rows)
    if f in PERSON_FOREIGN_KEYS:
        return [org_ids[v] if v else None for v in (r[key] for r in rows)]
    if f == "civil_service_category":
        none = CivilServiceCategory.NONE.value
        return [r[key] or none for r in rows]
    return [r[key] for r in rows]


def _plan_people(plan: Plan, data: SheetData, ex: Existing, ids: CodeIds, dry_run: bool) -> None:
    new, old = _split(data.rows, ex.people, lambda r: r["code"])
    ids.reserve(Person, [r["code"] for r in new], ex.people.values(), dry_run=dry_run)
    present, org_ids = data.present, ids.organizations
    sort_key = functools.cache(name_sort_key)  # many people share a name
    rest = PERSON_FIELDS[1:]
    names = [r["full_name"] for r in new]
    columns = (
        [ids.people[r["code"]] for r in new],
        [r["code"] for r in new],
        names,
        [fold(n) for n in names],
        [sort_key(n) for n in names],
        *(_person_column(new, f, present, org_ids) for f in rest),
    )
    # The columns the demo's writer does not fill come after the shared ones.
    person_columns = ("id", *PERSON_COLUMNS, "employed_from", "led_unit_id")
    plan.inserts.append(Batch(Person, person_columns, list(zip(*columns))))
    upd = tuple(f for f in PERSON_FIELDS if _person_key(f) in present)
    old_rows = [r for r, _found in old]
    values = zip(*(_person_column(old_rows, f, present, org_ids) for f in upd))
    changed, same = _changed(upd, zip(values, (found for _r, found in old)))
    if changed:
        rows = []
        for n, vals, found in changed:
            name = old_rows[n]["full_name"]
            rows.append((*vals, fold(name), sort_key(name), found.id))
        plan.updates.append(Batch(Person, (*upd, "name_folded", "name_sort"), rows))
    plan.count(data.sheet, len(new), len(changed), same)


# ------------------------------------------------------------------ rows matched by a natural key


def _plan_keyed(
    plan: Plan,
    data: SheetData,
    model: type[models.Model],
    keyed: list[tuple[dict[str, Any], tuple[Any, ...]]],
    existing: dict[Any, Any],
    insert: Batch,
    all_fields: tuple[str, ...],
) -> list[tuple[dict[str, Any], tuple[Any, ...]]]:
    """Queue updates for the (row, key) pairs already in ``existing``; return the new ones.

    ``insert`` is the caller's (empty) batch for the new rows, queued here so the table order stays.
    """
    new = [(r, k) for r, k in keyed if k not in existing]
    plan.inserts.append(insert)
    upd = tuple(f for f in all_fields if f in data.present)
    pairs = ((tuple(r[f] for f in upd), existing[k]) for r, k in keyed if k in existing)
    _queue_updates(plan, data, model, upd, len(new), pairs)
    return new


def _plan_memberships(plan: Plan, data: SheetData, ex: Existing, ids: CodeIds, dry_run: bool) -> None:
    keyed = [
        (r, (ids.collectives[r["collective"]], ids.people[r["person"]], r.get("start"))) for r in data.rows
    ]
    batch = Batch(Membership, ("collective_id", "person_id", "start", "role", "is_head", "end"), [])
    new = _plan_keyed(plan, data, Membership, keyed, ex.memberships, batch, MEMBERSHIP_FIELDS)
    batch.rows.extend((*k, r.get("role", ""), r.get("is_head", False), r.get("end")) for r, k in new)


def _plan_statuses(plan: Plan, data: SheetData, ex: Existing, ids: CodeIds, dry_run: bool) -> None:
    keyed = [(r, (ids.people[r["person"]], r["kind"], r["start"])) for r in data.rows]
    batch = Batch(StatusPeriod, ("person_id", "kind", "start", "end", "note"), [])
    new = _plan_keyed(plan, data, StatusPeriod, keyed, ex.statuses, batch, STATUS_FIELDS)
    batch.rows.extend((*k, r.get("end"), r.get("note", "")) for r, k in new)


def _plan_disciplines(plan: Plan, data: SheetData, ex: Existing, ids: CodeIds, dry_run: bool) -> None:
    ids_of = {
        SubjectKind.PERSON.value: ids.people,
        SubjectKind.COLLECTIVE.value: ids.collectives,
        SubjectKind.ORGANIZATION.value: ids.organizations,
    }
    keyed = [
        (r, (r["subject_kind"], ids_of[r["subject_kind"]][r["subject"]], r["form"], r["decided_on"]))
        for r in data.rows
    ]
    batch = Batch(Discipline, (*DISCIPLINE_COLUMNS, "counted_before"), [])
    new = _plan_keyed(plan, data, Discipline, keyed, ex.disciplines, batch, DISCIPLINE_FIELDS)
    for r, (kind, pk, form, decided_on) in new:
        subject = (
            pk if kind == SubjectKind.PERSON else None,
            pk if kind == SubjectKind.COLLECTIVE else None,
            pk if kind == SubjectKind.ORGANIZATION else None,
        )
        batch.rows.append(
            (
                *subject,
                form,
                r["side"],
                decided_on,
                r["violation_year"],
                r.get("violation_ref", ""),
                r.get("self_remedied", False),
                r.get("note", ""),
                r.get("counted_before", False),
            )
        )


# ------------------------------------------------------------------------ the task register's sheets

TASK_COLUMN = {"person_id": "person", "organization_id": "organization"}


def _task_values(r: dict[str, Any], ids: CodeIds) -> dict[str, Any]:
    """A task row's values by field name (defaults for the columns left out)."""
    return {
        "person_id": ids.people[r["person"]] if r.get("person") else None,
        "organization_id": ids.organizations[r["organization"]] if r.get("organization") else None,
        "title": clean(r["title"]), "group": r.get("group") or "B", "assigned_on": r["assigned_on"],
        "due_on": r["due_on"], "done_on": r.get("done_on"), "quality": r.get("quality") or "",
        "exceeded": r.get("exceeded", False), "excused": r.get("excused", False), "note": r.get("note", ""),
    }


def _ordered(values: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(values[f] for f in TASK_FIELDS)


def _plan_tasks(plan: Plan, data: SheetData, ex: Existing, ids: CodeIds, dry_run: bool) -> None:
    """Tasks by code: new ones inserted; a changed one updated, its version bumped and its manager's
    confirmation cleared (what was confirmed is no longer what the register says)."""
    new, old = _split(data.rows, ex.tasks, lambda r: r["code"])
    insert = ("code", *TASK_FIELDS, "version")
    plan.inserts.append(
        Batch(Task, insert, [(r["code"], *_ordered(_task_values(r, ids)), 1) for r in new])
    )
    upd = tuple(f for f in TASK_FIELDS if TASK_COLUMN.get(f, f) in data.present or f in TASK_COLUMN)
    changed, same = _changed(upd, ((tuple(_task_values(r, ids)[f] for f in upd), found) for r, found in old))
    if changed:
        fields = (*upd, "version", "confirmed_by_id", "confirmed_at")
        plan.updates.append(
            Batch(
                Task, fields, [(*v, found.version + 1, None, None, found.id) for _n, v, found in changed]
            )
        )
    plan.count(data.sheet, len(new), len(changed), same)


def _plan_targets(plan: Plan, data: SheetData, ex: Existing, ids: CodeIds, dry_run: bool) -> None:
    keyed = [(r, (ids.organizations[r["organization"]], r["year"], clean(r["name"]))) for r in data.rows]
    batch = Batch(Target, ("organization_id", "year", "name", *TARGET_FIELDS), [])
    new = _plan_keyed(plan, data, Target, keyed, ex.targets, batch, TARGET_FIELDS)
    batch.rows.extend(
        (*k, r.get("unit", ""), r.get("planned"), r.get("achieved"), r.get("met"), r.get("is_basic", False))
        for r, k in new
    )


# ------------------------------------------------------------------------ the recorded facts' sheets

FACT_DEFAULTS: dict[str, Any] = {
    "note": "", "end": None, "old_unit_from": None, "comment_received": False, "old_unit_exists": True,
    "high": 0, "medium": 0, "low": 0,
}  # fmt: skip


def _fact_key(key: str, r: dict[str, Any], ids: CodeIds) -> tuple[Any, ...]:
    """A recorded fact's natural key (``existing.FACT_TABLES``), references as ids."""
    if key == "meetings":
        return (ids.organizations[r["organization"]], r["held_on"])
    if key == "transfers":
        return (ids.people[r["person"]], r["side"], r["moved_on"])
    if key == "temporary":
        return (ids.people[r["person"]], r["start"])
    if key == "votes":
        return (ids.people[r["person"]], r["year"])
    kind = r["subject_kind"]
    by_kind = {"PERSON": ids.people, "COLLECTIVE": ids.collectives, "ORGANIZATION": ids.organizations}
    pk = by_kind[kind][r["subject"]]
    return (
        pk if kind == "PERSON" else None,
        pk if kind == "COLLECTIVE" else None,
        pk if kind == "ORGANIZATION" else None,
        r["concluded_on"],
    )


def _fact_value(r: dict[str, Any], f: str) -> Any:
    """A cell's value, or the field's default for a blank cell (a blank "còn tồn tại": still there)."""
    value = r.get(f)
    return FACT_DEFAULTS.get(f) if value is None else value


def _plan_facts(key: str) -> Any:
    """The step of one recorded facts' sheet: rows matched by their natural key, new ones inserted, the
    others' columns present in the sheet updated (S-04, R-16, R-17, R-28, R-33a, R-40a, R-106)."""

    def step(plan: Plan, data: SheetData, ex: Existing, ids: CodeIds, dry_run: bool) -> None:
        model, natural, other = FACT_TABLES[key]
        existing = ex.facts.get(key, {})
        keyed = [(r, _fact_key(key, r, ids)) for r in data.rows]
        new = [(r, k) for r, k in keyed if k not in existing]
        rows = [(*k, *(_fact_value(r, f) for f in other)) for r, k in new]
        plan.inserts.append(Batch(model, (*natural, *other), rows))
        upd = tuple(f for f in other if f in data.present)
        changed, same = [], 0
        for r, k in keyed:
            if k in existing:
                values = tuple(_fact_value(r, f) for f in upd)
                old = dict(zip(other, existing[k][1:]))
                if values == tuple(old[f] for f in upd):
                    same += 1
                else:
                    changed.append((*values, existing[k][0]))
        if changed:
            plan.updates.append(Batch(model, upd, changed))
        plan.count(data.sheet, len(new), len(changed), same)

    return step


# Sheet key → its step, in the order the tables are written (a row's references come first).
STEPS = (
    ("organizations", _plan_organizations),
    ("collectives", _plan_collectives),
    ("people", _plan_people),
    ("memberships", _plan_memberships),
    ("statuses", _plan_statuses),
    ("disciplines", _plan_disciplines),
    ("tasks", _plan_tasks),
    ("targets", _plan_targets),
    *((key, _plan_facts(key)) for key in FACT_TABLES),
)


def prepare(sheets: dict[str, SheetData], ex: Existing, *, dry_run: bool) -> Plan:
    """The inserts and updates that bring the database to the workbook, with the counts per sheet."""
    plan = Plan()
    ids = CodeIds(
        organizations={code: v.id for code, v in ex.orgs.items()},
        collectives={code: v.id for code, v in ex.collectives.items()},
        people={code: v.id for code, v in ex.people.items()},
    )
    for key, step in STEPS:
        data = sheets.get(key)
        if data is not None:
            step(plan, data, ex, ids, dry_run)
    return plan


def apply(plan: Plan) -> None:
    """Write the plan; the caller holds the transaction.

    On SQLite the page cache is raised for the duration (and restored), for the people table's indexes
    (docs/performance.md).
    """
    restore = None
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            restore = cursor.fetchone()[0]
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB
    try:
        for model, fields, rows in plan.inserts:
            if rows:
                bulk.insert_rows(model, fields, rows)
        for model, fields, rows in plan.updates:
            if rows:
                bulk.update_rows(model, "id", fields, rows)
    finally:
        if restore is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(restore)}")
