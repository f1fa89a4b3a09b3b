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

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models

from xeploai.lib.vietnamese import fold, name_sort_key
from xeploai.registry import bulk
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
from xeploai.registry.workbook import schema
from xeploai.registry.workbook.schema import SubjectKind
from xeploai.registry.workbook.validate import (
    COLLECTIVE_FIELDS,
    DISCIPLINE_FIELDS,
    MEMBERSHIP_FIELDS,
    ORG_FIELDS,
    PERSON_FIELDS,
    STATUS_FIELDS,
    Existing,
    SheetData,
)


@dataclass
class Plan:
    inserts: list[tuple[type[models.Model], tuple[str, ...], list[tuple[Any, ...]]]] = field(
        default_factory=list
    )
    updates: list[tuple[type[models.Model], tuple[str, ...], list[tuple[Any, ...]]]] = field(
        default_factory=list
    )
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)


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


def _max_id(values: Any) -> int:
    return max((v[0] for v in values), default=0)


def _count(plan: Plan, sheet: schema.Sheet, created: int, updated: int, unchanged: int) -> None:
    plan.created[sheet.name] = created
    plan.updated[sheet.name] = updated
    plan.unchanged[sheet.name] = unchanged


def _split(
    rows: list[dict[str, Any]], existing: dict[Any, tuple[Any, ...]], key: Any
) -> tuple[list[Any], list[Any]]:
    new, old = [], []
    for row in rows:
        found = existing.get(key(row))
        if found is None:
            new.append(row)
        else:
            old.append((row, found))
    return new, old


def _diff(
    plan: Plan,
    model: type[models.Model],
    all_fields: tuple[str, ...],
    upd_fields: tuple[str, ...],
    pairs: Iterator[tuple[tuple[Any, ...], tuple[Any, ...]]],
) -> tuple[int, int]:
    """Queue updates for (new values, existing (id, *all_fields)) pairs that differ; return counts."""
    index = [all_fields.index(f) + 1 for f in upd_fields]
    rows = []
    same = 0
    for values, found in pairs:
        if all(found[i] == v for i, v in zip(index, values)):
            same += 1
        else:
            rows.append((*values, found[0]))
    if rows and upd_fields:
        plan.updates.append((model, upd_fields, rows))
    return len(rows), same


def prepare(sheets: dict[str, SheetData], ex: Existing, *, dry_run: bool) -> Plan:  # noqa: C901
    plan = Plan()
    org_ids = {code: v[0] for code, v in ex.orgs.items()}
    collective_ids = {code: v[0] for code, v in ex.collectives.items()}
    person_ids = {code: v[0] for code, v in ex.people.items()}

    # Organizations -------------------------------------------------------------------------------
    data = sheets.get("organizations")
    if data is not None:
        present = data.present
        new, old = _split(data.rows, ex.orgs, lambda r: r["code"])
        ids = reserve_ids(Organization, len(new), existing_max=_max_id(ex.orgs.values()), dry_run=dry_run)
        for row, pk in zip(new, ids):
            org_ids[row["code"]] = pk
        # Final parent of every organization, then paths computed in memory from the roots down.
        parent: dict[int, int | None] = {v[0]: v[4] for v in ex.orgs.values()}
        for row in new:
            parent[org_ids[row["code"]]] = org_ids[row["parent"]] if row.get("parent") else None
        if "parent" in present:
            for row, found in old:
                parent[found[0]] = org_ids[row["parent"]] if row.get("parent") else None
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
        fields = (
            "id",
            "code",
            "name",
            "name_folded",
            "kind",
            "tier",
            "parent_id",
            "founded_on",
            "path",
            "depth",
        )
        plan.inserts.append(
            (
                Organization,
                fields,
                [
                    (
                        pk,
                        r["code"],
                        r["name"],
                        fold(r["name"]),
                        r["kind"],
                        r["tier"],
                        parent[pk],
                        r.get("founded_on"),
                        *path[pk],
                    )
                    for r in new
                    for pk in (org_ids[r["code"]],)
                ],
            )
        )
        upd = tuple(
            f for f in ("name", "kind", "tier", "parent_id", "founded_on") if f.removesuffix("_id") in present
        )
        upd_all = (*upd, "path", "depth")
        changed = []
        same = 0
        in_sheet = set()
        for row, found in old:
            pk = found[0]
            in_sheet.add(pk)
            values = tuple(parent[pk] if f == "parent_id" else row[f] for f in upd) + path[pk]
            if all(found[ORG_FIELDS.index(f) + 1] == v for f, v in zip(upd_all, values)):
                same += 1
            else:
                extra = (fold(row["name"]),) if "name" in upd else ()
                changed.append((*values, *extra, pk))
        if changed:
            plan.updates.append(
                (Organization, upd_all + (("name_folded",) if "name" in upd else ()), changed)
            )
        # Organizations not in the workbook whose path moved because an ancestor moved.
        moved = [
            (*path[v[0]], v[0])
            for code, v in ex.orgs.items()
            if v[0] not in in_sheet and (v[6], v[7]) != path[v[0]]
        ]
        if moved:
            plan.updates.append((Organization, ("path", "depth"), moved))
        _count(plan, data.sheet, len(new), len(changed), same)

    # Collectives ---------------------------------------------------------------------------------
    data = sheets.get("collectives")
    if data is not None:
        present = data.present
        new, old = _split(data.rows, ex.collectives, lambda r: r["code"])
        ids = reserve_ids(
            Collective, len(new), existing_max=_max_id(ex.collectives.values()), dry_run=dry_run
        )
        for row, pk in zip(new, ids):
            collective_ids[row["code"]] = pk
        plan.inserts.append(
            (
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
        upd = tuple(f for f in COLLECTIVE_FIELDS if f.removesuffix("_id") in present)
        n_upd, same = _diff(
            plan,
            Collective,
            COLLECTIVE_FIELDS,
            upd,
            (
                (tuple(org_ids[r["organization"]] if f == "organization_id" else r[f] for f in upd), found)
                for r, found in old
            ),
        )
        _count(plan, data.sheet, len(new), n_upd, same)

    # People --------------------------------------------------------------------------------------
    data = sheets.get("people")
    if data is not None:
        present = data.present
        new, old = _split(data.rows, ex.people, lambda r: r["code"])
        ids = reserve_ids(Person, len(new), existing_max=_max_id(ex.people.values()), dry_run=dry_run)
        for row, pk in zip(new, ids):
            person_ids[row["code"]] = pk
        sort_keys: dict[str, str] = {}

        def sort_key(name: str) -> str:
            key = sort_keys.get(name)
            if key is None:
                key = sort_keys[name] = name_sort_key(name)
            return key

        fk = {"party_organization_id", "workplace_id", "managing_committee_id"}
        defaults: dict[str, Any] = {
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
        }

        def column(rows: list[dict[str, Any]], f: str) -> list[Any]:
            """One field for all ``rows``, column-wise (list comprehensions, no call per cell)."""
            key = f.removesuffix("_id") if f in fk else f
            if key not in present:
                return [defaults[f]] * len(rows)
            if f in fk:
                return [org_ids[v] if v else None for v in (r[key] for r in rows)]
            if f == "civil_service_category":
                none = CivilServiceCategory.NONE.value
                return [r[key] or none for r in rows]
            return [r[key] for r in rows]

        rest = PERSON_FIELDS[1:]
        names = [r["full_name"] for r in new]
        plan.inserts.append(
            (
                Person,
                ("id", "code", "full_name", "name_folded", "name_sort", *rest),
                list(
                    zip(
                        [person_ids[r["code"]] for r in new],
                        [r["code"] for r in new],
                        names,
                        [fold(n) for n in names],
                        [sort_key(n) for n in names],
                        *(column(new, f) for f in rest),
                    )
                ),
            )
        )
        upd = tuple(f for f in PERSON_FIELDS if (f.removesuffix("_id") if f in fk else f) in present)
        changed = []
        same = 0
        index = [PERSON_FIELDS.index(f) + 1 for f in upd]
        old_rows = [r for r, _found in old]
        for (r, found), values in zip(old, zip(*(column(old_rows, f) for f in upd))):
            if all(found[i] == v for i, v in zip(index, values)):
                same += 1
                continue
            changed.append((*values, fold(r["full_name"]), sort_key(r["full_name"]), found[0]))
        if changed:
            plan.updates.append((Person, (*upd, "name_folded", "name_sort"), changed))
        _count(plan, data.sheet, len(new), len(changed), same)

    # Memberships ---------------------------------------------------------------------------------
    data = sheets.get("memberships")
    if data is not None:
        present = data.present
        rows = [
            (r, (collective_ids[r["collective"]], person_ids[r["person"]], r.get("start"))) for r in data.rows
        ]
        new = [(r, k) for r, k in rows if k not in ex.memberships]
        old = [(r, ex.memberships[k]) for r, k in rows if k in ex.memberships]
        plan.inserts.append(
            (
                Membership,
                ("collective_id", "person_id", "start", "role", "is_head", "end"),
                [(*k, r.get("role", ""), r.get("is_head", False), r.get("end")) for r, k in new],
            )
        )
        upd = tuple(f for f in MEMBERSHIP_FIELDS if f in present)
        n_upd, same = _diff(
            plan, Membership, MEMBERSHIP_FIELDS, upd, ((tuple(r[f] for f in upd), found) for r, found in old)
        )
        _count(plan, data.sheet, len(new), n_upd, same)

    # Status periods ------------------------------------------------------------------------------
    data = sheets.get("statuses")
    if data is not None:
        present = data.present
        rows = [(r, (person_ids[r["person"]], r["kind"], r["start"])) for r in data.rows]
        new = [(r, k) for r, k in rows if k not in ex.statuses]
        old = [(r, ex.statuses[k]) for r, k in rows if k in ex.statuses]
        plan.inserts.append(
            (
                StatusPeriod,
                ("person_id", "kind", "start", "end", "note"),
                [(*k, r.get("end"), r.get("note", "")) for r, k in new],
            )
        )
        upd = tuple(f for f in STATUS_FIELDS if f in present)
        n_upd, same = _diff(
            plan, StatusPeriod, STATUS_FIELDS, upd, ((tuple(r[f] for f in upd), found) for r, found in old)
        )
        _count(plan, data.sheet, len(new), n_upd, same)

    # Discipline ----------------------------------------------------------------------------------
    data = sheets.get("disciplines")
    if data is not None:
        present = data.present
        ids_of = {
            SubjectKind.PERSON.value: person_ids,
            SubjectKind.COLLECTIVE.value: collective_ids,
            SubjectKind.ORGANIZATION.value: org_ids,
        }
        rows = [
            (r, (r["subject_kind"], ids_of[r["subject_kind"]][r["subject"]], r["form"], r["decided_on"]))
            for r in data.rows
        ]
        new = [(r, k) for r, k in rows if k not in ex.disciplines]
        old = [(r, ex.disciplines[k]) for r, k in rows if k in ex.disciplines]
        inserts = []
        for r, (kind, pk, form, decided_on) in new:
            subject = (
                pk if kind == SubjectKind.PERSON else None,
                pk if kind == SubjectKind.COLLECTIVE else None,
                pk if kind == SubjectKind.ORGANIZATION else None,
            )
            inserts.append(
                (
                    *subject,
                    form,
                    r["side"],
                    decided_on,
                    r["violation_year"],
                    r.get("violation_ref", ""),
                    r.get("self_remedied", False),
                    r.get("note", ""),
                )
            )
        plan.inserts.append(
            (
                Discipline,
                (
                    "person_id",
                    "collective_id",
                    "organization_id",
                    "form",
                    "side",
                    "decided_on",
                    "violation_year",
                    "violation_ref",
                    "self_remedied",
                    "note",
                ),
                inserts,
            )
        )
        upd = tuple(f for f in DISCIPLINE_FIELDS if f in present)
        n_upd, same = _diff(
            plan, Discipline, DISCIPLINE_FIELDS, upd, ((tuple(r[f] for f in upd), found) for r, found in old)
        )
        _count(plan, data.sheet, len(new), n_upd, same)
    return plan


def apply(plan: Plan) -> None:
    """Write the plan; the caller holds the transaction.

    On SQLite the page cache is raised for the duration (and restored): with the default 2 MiB, keeping
    the people table's indexes up to date costs about half again as much time.
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
