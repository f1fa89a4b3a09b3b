"""One measured step of bench_import.py, in its own process so its peak RSS is its own.

    python bench/_import_child.py MODE XLSX [ROWS]

with ``DATABASE_URL`` pointing at the SQLite file to work on. MODE is

- ``export``: write the registry to XLSX with ``export_workbook``;
- ``import``: ``import_workbook`` (read, validate everything, write) into an empty registry;
- ``floor``: the same rows read with python-calamine and written with a bare ``sqlite3`` executemany,
  no validation: codes are mapped to ids and labels to stored values, and the derived columns the
  import also stores (tree path and depth, folded name, name sort key) are computed, so both write
  identical rows;
- ``import_export``: django-import-export's ``ModelResource`` for Person on the first ROWS rows of the
  people sheet (the organizations must already be in the database).

Prints one JSON object: ``seconds`` (the step alone, Django start-up excluded), ``rows``, ``peak_rss_mib``.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xeploai.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from xeploai.registry.models import (  # noqa: E402
    CivilServiceCategory,
    Collective,
    CollectiveKind,
    Discipline,
    DisciplineForm,
    DisciplineSide,
    Gender,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    StatusKind,
    StatusPeriod,
    Tier,
    path_segment,
)
from xeploai.registry.workbook import schema  # noqa: E402


def _labels(choices: type) -> dict[str, str]:
    return {str(label): value for value, label in choices.choices}


def _day(value: object) -> object:
    if value in ("", None):
        return None
    return value.date() if isinstance(value, datetime) else value


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(model: type, fields: list[str]) -> tuple[str, list[str]]:
    meta = model._meta
    return meta.db_table, [meta.get_field(f).column for f in fields]


def run_export(xlsx: str) -> int:
    from xeploai.registry.workbook import export_workbook

    counts = export_workbook(path=xlsx)
    return counts.get(schema.PEOPLE.name, 0)


def run_import(xlsx: str) -> int:
    from xeploai.registry.workbook import import_workbook

    result = import_workbook(path_or_file=xlsx)
    if result.errors:
        for e in result.errors[:20]:
            print(str(e), file=sys.stderr)
        raise SystemExit(f"import failed with {len(result.errors)} errors")
    return result.created.get(schema.PEOPLE.name, 0)


def run_floor(xlsx: str) -> int:
    import sqlite3

    from python_calamine import CalamineWorkbook

    from xeploai.lib.vietnamese import clean, fold, name_sort_key

    book = CalamineWorkbook.from_path(xlsx)
    sheets = {s.key: book.get_sheet_by_name(s.name).to_python()[1:] for s in schema.SHEETS}
    kind, tier, ckind = _labels(OrganizationKind), _labels(Tier), _labels(CollectiveKind)
    gender, category = _labels(Gender), _labels(CivilServiceCategory)
    skind, form, side = _labels(StatusKind), _labels(DisciplineForm), _labels(DisciplineSide)
    subject = {str(label): value for value, label in schema.SubjectKind.choices}

    org_id: dict[str, int] = {}
    node: dict[str, tuple[str, int]] = {}
    orgs = []
    for i, (code, name, k, t, parent, founded) in enumerate(sheets["organizations"], start=1):
        org_id[code] = i
        ppath, pdepth = node[parent] if parent else ("", -1)
        node[code] = (ppath + path_segment(i), pdepth + 1)
        name = clean(name)
        orgs.append(
            (
                i,
                code,
                name,
                fold(name),
                kind[k],
                tier[t],
                org_id.get(parent) if parent else None,
                node[code][0],
                node[code][1],
                _day(founded),
            )
        )
    coll_id: dict[str, int] = {}
    colls = []
    for i, (code, name, k, org, founded) in enumerate(sheets["collectives"], start=1):
        coll_id[code] = i
        colls.append((i, code, clean(name), ckind[k], org_id[org], _day(founded)))
    person_id: dict[str, int] = {}
    people = []
    for i, r in enumerate(sheets["people"], start=1):
        code, full = r[0], clean(r[1])
        person_id[code] = i
        people.append(
            (
                i,
                code,
                full,
                fold(full),
                name_sort_key(full),
                _day(r[2]),
                gender.get(r[3], ""),
                _text(r[4]),
                _text(r[5]),
                org_id.get(r[6]),
                _day(r[7]),
                _day(r[8]),
                category[r[9]] if r[9] else CivilServiceCategory.NONE,
                org_id.get(r[10]),
                r[11],
                r[12] == "x",
                org_id.get(r[13]),
            )
        )
    members = [
        (i, coll_id[c], person_id[p], role, head == "x", _day(start), _day(end))
        for i, (c, p, role, head, start, end) in enumerate(sheets["memberships"], start=1)
    ]
    statuses = [
        (i, person_id[p], skind[k], _day(start), _day(end), note)
        for i, (p, k, start, end, note) in enumerate(sheets["statuses"], start=1)
    ]
    disciplines = []
    for i, (sk, code, f, s, decided, year, ref, remedied, note) in enumerate(sheets["disciplines"], start=1):
        who = subject[sk]
        disciplines.append(
            (
                i,
                person_id[code] if who == "PERSON" else None,
                coll_id[code] if who == "COLLECTIVE" else None,
                org_id[code] if who == "ORGANIZATION" else None,
                form[f],
                side[s],
                _day(decided),
                int(year),
                _text(ref),
                remedied == "x",
                note,
            )
        )

    db = sqlite3.connect(settings.DATABASES["default"]["NAME"])
    with db:
        for model, fields, rows in (
            (
                Organization,
                [
                    "id",
                    "code",
                    "name",
                    "name_folded",
                    "kind",
                    "tier",
                    "parent",
                    "path",
                    "depth",
                    "founded_on",
                ],
                orgs,
            ),
            (Collective, ["id", "code", "name", "kind", "organization", "founded_on"], colls),
            (
                Person,
                [
                    "id",
                    "code",
                    "full_name",
                    "name_folded",
                    "name_sort",
                    "birth_date",
                    "gender",
                    "citizen_id",
                    "party_card_number",
                    "party_organization",
                    "admitted_on",
                    "full_member_on",
                    "civil_service_category",
                    "workplace",
                    "positions",
                    "is_head",
                    "managing_committee",
                ],
                people,
            ),
            (Membership, ["id", "collective", "person", "role", "is_head", "start", "end"], members),
            (StatusPeriod, ["id", "person", "kind", "start", "end", "note"], statuses),
            (
                Discipline,
                [
                    "id",
                    "person",
                    "collective",
                    "organization",
                    "form",
                    "side",
                    "decided_on",
                    "violation_year",
                    "violation_ref",
                    "self_remedied",
                    "note",
                ],
                disciplines,
            ),
        ):
            table, cols = _table(model, fields)
            sql = (
                f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
                f"VALUES ({', '.join('?' * len(cols))})"
            )
            db.executemany(
                sql, [tuple(v.isoformat() if isinstance(v, date) else v for v in row) for row in rows]
            )
    db.close()
    return len(people)


def run_import_export(xlsx: str, rows: int) -> int:
    import tablib
    from import_export import fields, resources, widgets
    from python_calamine import CalamineWorkbook

    headers = {c.key: c.header for c in schema.PEOPLE.columns}

    class Choice(widgets.Widget):
        def __init__(self, choices: type, default: str = "") -> None:
            super().__init__()
            self.lookup, self.default = _labels(choices), default

        def clean(self, value: object, row: object = None, **kwargs: object) -> object:
            return self.lookup.get(value, value) if value else self.default

    class Mark(widgets.Widget):
        def clean(self, value: object, row: object = None, **kwargs: object) -> bool:
            return value == "x"

    class Text(widgets.CharWidget):
        def clean(self, value: object, row: object = None, **kwargs: object) -> str:
            return _text(value)

    def org(key: str) -> fields.Field:
        return fields.Field(
            attribute=key, column_name=headers[key], widget=widgets.ForeignKeyWidget(Organization, "code")
        )

    def field(key: str, widget: widgets.Widget | None = None) -> fields.Field:
        return fields.Field(attribute=key, column_name=headers[key], widget=widget or widgets.CharWidget())

    class PersonResource(resources.ModelResource):
        code = field("code")
        full_name = field("full_name")
        birth_date = field("birth_date", widgets.DateWidget())
        gender = field("gender", Choice(Gender))
        citizen_id = field("citizen_id", Text())
        party_card_number = field("party_card_number", Text())
        party_organization = org("party_organization")
        admitted_on = field("admitted_on", widgets.DateWidget())
        full_member_on = field("full_member_on", widgets.DateWidget())
        civil_service_category = field(
            "civil_service_category", Choice(CivilServiceCategory, CivilServiceCategory.NONE)
        )
        workplace = org("workplace")
        positions = field("positions")
        is_head = field("is_head", Mark())
        managing_committee = org("managing_committee")

        class Meta:
            model = Person
            import_id_fields = ("code",)
            fields = tuple(headers)

    book = CalamineWorkbook.from_path(xlsx)
    data = book.get_sheet_by_name(schema.PEOPLE.name).to_python()
    dataset = tablib.Dataset(headers=[str(h) for h in data[0]])
    for r in data[1 : rows + 1]:
        dataset.append([None if v == "" else _day(v) for v in r])
    result = PersonResource().import_data(dataset, dry_run=False, raise_errors=True, use_transactions=True)
    if result.has_errors() or result.has_validation_errors():
        raise SystemExit("django-import-export reported errors")
    return len(dataset)


def main() -> None:
    mode, xlsx = sys.argv[1], sys.argv[2]
    started = time.perf_counter()
    if mode == "export":
        rows = run_export(xlsx)
    elif mode == "import":
        rows = run_import(xlsx)
    elif mode == "floor":
        rows = run_floor(xlsx)
    elif mode == "import_export":
        rows = run_import_export(xlsx, int(sys.argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode}")
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"seconds": round(seconds, 3), "rows": rows, "peak_rss_mib": round(peak, 1)}))


if __name__ == "__main__":
    main()
