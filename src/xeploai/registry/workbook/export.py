"""Export the registry to the workbook format (the same one ``import_workbook`` reads).

xlsxwriter in constant-memory mode: rows stream out in order, so a province of 100,000 people stays
small in memory. Dates are real Excel dates shown dd/mm/yyyy, codes and citizen IDs are text (leading
zeros kept), enumerations are written as their Vietnamese labels.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import xlsxwriter
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from xeploai.lib.spreadsheet import workbook_options
from xeploai.registry.facts_register import TransferSide
from xeploai.registry.models import (
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
)
from xeploai.registry.task_register import Target, Task, TaskGroup, TaskQuality
from xeploai.registry.workbook import schema
from xeploai.registry.workbook.existing import FACT_TABLES
from xeploai.registry.workbook.schema import Sheet, SubjectKind, column_letter

CHUNK = 5000
PERSON_FIELDS = ("citizen_id", "party_card_number", "birth_date")  # the policy's names for these columns


class FieldPolicy(Protocol):
    """What the reader of an export may see of each person (``accounts.personal_data.Reader``).

    Field names: ``citizen_id``, ``party_card_number``, ``birth_date``, ``statuses`` (a status period's
    note), ``discipline`` (a discipline's note); ``paths`` are the person's cell and workplace paths.
    """

    def mask_row(
        self, row: dict[str, Any], *, person_id: int | None, paths: Iterable[str | None]
    ) -> dict[str, Any]: ...

    def sees(self, field_name: str, *, person_id: int | None, paths: Iterable[str | None]) -> bool: ...
MAX_ROW = 1_048_575  # the last 0-based row of an .xlsx sheet


def _labels(choices: Any) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


class BookWriter:
    """The parts of writing shared by the export and the empty template."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.book = xlsxwriter.Workbook(os.fspath(path), workbook_options(constant_memory=True))
        self.bold = self.book.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"}
        )
        self.date = self.book.add_format({"num_format": "dd/mm/yyyy"})
        self.text = self.book.add_format({"num_format": "@"})  # typed values stay text (CCCD, codes)
        # The enumerations, in the order they first appear, and the ranges of the hidden lists sheet.
        self.enums: list[tuple[str, list[str]]] = []
        self.list_ranges: dict[type, str] = {}
        for sheet in schema.SHEETS:
            for column in sheet.columns:
                if column.choices is not None and column.choices not in self.list_ranges:
                    letter = column_letter(len(self.enums))
                    labels = [str(label) for label in column.choices.labels]
                    self.enums.append((column.header, labels))
                    self.list_ranges[column.choices] = (
                        f"={schema.LISTS_SHEET}!${letter}$2:${letter}${len(labels) + 1}"
                    )

    def close(self) -> None:
        self.book.close()

    def data_sheet(self, sheet: Sheet) -> Any:
        """A worksheet with the bold, frozen header row, column widths and dropdowns."""
        ws = self.book.add_worksheet(sheet.name)
        for i, column in enumerate(sheet.columns):
            fmt = (
                self.date
                if column.kind == schema.DATE
                else (self.text if column.kind in (schema.CODE, schema.CITIZEN_ID, schema.CARD) else None)
            )
            ws.set_column(i, i, column.width, fmt)
            if column.choices is not None and column.choices in self.list_ranges:
                ws.data_validation(
                    1,
                    i,
                    MAX_ROW,
                    i,
                    {
                        "validate": "list",
                        "source": self.list_ranges[column.choices],
                        "error_type": "warning",
                        "error_title": _("Giá trị không có trong danh mục"),
                        "error_message": _("Hãy chọn một giá trị trong danh sách."),
                    },
                )
        ws.set_row(0, 30)
        ws.write_row(0, 0, [c.header for c in sheet.columns], self.bold)
        ws.freeze_panes(1, 0)
        return ws

    def write_rows(self, ws: Any, sheet: Sheet, rows: Iterable[Sequence[Any]]) -> int:
        kinds = [c.kind for c in sheet.columns]
        r = 0
        for r, row in enumerate(rows, start=1):
            for c, (kind, value) in enumerate(zip(kinds, row)):
                if kind == schema.MAYBE_BOOL and value is False:
                    ws.write_string(r, c, _("không"))  # not met: a blank would read "not assessed"
                    continue
                if value is None or value == "" or value is False:
                    continue
                if kind == schema.NUMBER:
                    ws.write_number(r, c, float(value))
                    continue
                if kind == schema.DATE and isinstance(value, dt.date):
                    ws.write_datetime(r, c, value, self.date)
                elif kind in (schema.BOOL, schema.MAYBE_BOOL):
                    ws.write_string(r, c, "x")
                elif kind in (schema.YEAR, schema.COUNT):
                    ws.write_number(r, c, value)
                else:
                    ws.write_string(r, c, value)
        return r

    def lists_sheet(self) -> None:
        """The hidden sheet holding the enumerations the dropdowns point at (ignored by the import)."""
        ws = self.book.add_worksheet(schema.LISTS_SHEET)
        ws.set_column(0, len(self.enums) - 1, 36)
        ws.write_row(0, 0, [header for header, _labels in self.enums], self.bold)
        for r in range(max(len(labels) for _header, labels in self.enums)):
            for c, (_header, labels) in enumerate(self.enums):
                if r < len(labels):
                    ws.write_string(r + 1, c, labels[r])
        ws.hide()

    def instructions_sheet(self) -> None:
        """Column-by-column help with one example row per sheet; the import never reads this sheet."""
        ws = self.book.add_worksheet(schema.INSTRUCTIONS_SHEET)
        ws.set_column(0, 0, 16)
        ws.set_column(1, 1, 28)
        ws.set_column(2, 2, 10)
        ws.set_column(3, 3, 70)
        ws.set_column(4, 4, 26)
        r = 0
        ws.write_string(r, 0, _("Hướng dẫn nhập dữ liệu"), self.bold)
        r += 1
        ws.write_string(
            r,
            0,
            _(
                "Mỗi sheet một loại dữ liệu, dòng 1 là tiêu đề, dữ liệu từ dòng 2. Sheet này "
                "và sheet Danh_muc không được nhập. Ví dụ dưới đây chỉ để tham khảo."
            ),
        )
        r += 2
        for sheet in schema.SHEETS:
            ws.write_row(
                r, 0, [_("Sheet"), _("Cột"), _("Bắt buộc"), _("Giá trị nhận"), _("Ví dụ")], self.bold
            )
            r += 1
            for column in sheet.columns:
                accepted = column.note
                if column.choices is not None:
                    accepted = "; ".join(str(label) for label in column.choices.labels)
                ws.write_row(
                    r,
                    0,
                    [
                        f"{sheet.name} ({sheet.title})",
                        column.header,
                        _("có") if column.required else "",
                        accepted,
                        column.example,
                    ],
                )
                r += 1
            r += 1


def _scope(roots: Sequence[Organization] | None) -> tuple[Any, Any, Any]:
    orgs = Organization.objects.all()
    if roots is not None:
        orgs = Organization.objects.within_any([o.path for o in roots])
    collectives = (
        Collective.objects.filter(organization__in=orgs) if roots is not None else Collective.objects.all()
    )
    people = Person.objects.all()
    if roots is not None:
        people = Person.objects.filter(
            Q(party_organization__in=orgs)
            | Q(workplace__in=orgs)
            | Q(managing_committee__in=orgs)
            | Q(pk__in=Membership.objects.filter(collective__in=collectives).values("person_id"))
        )
    return orgs, collectives, people


@dataclass(slots=True)
class _Codes:
    """Codes and tree paths of the rows already written, for the sheets that refer to them."""

    org: dict[int, str]
    org_path: dict[int, str]
    collective: dict[int, str] = field(default_factory=dict)
    person: dict[int, str] = field(default_factory=dict)
    person_paths: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)


def _person_rows(people: Any, codes: _Codes, policy: FieldPolicy | None) -> Iterable[tuple[Any, ...]]:
    gender, category = _labels(Gender), _labels(CivilServiceCategory)
    for r in (
        people.order_by("name_sort", "code")
        .values_list(
            "id", "code", "full_name", "birth_date", "gender", "citizen_id", "party_card_number",
            "party_organization_id", "admitted_on", "full_member_on", "civil_service_category",
            "workplace_id", "positions", "is_head", "managing_committee_id", "employed_from", "led_unit_id",
        )
        .iterator(CHUNK)
    ):
        codes.person[r[0]] = r[1]
        paths = (codes.org_path.get(r[7]), codes.org_path.get(r[11]))
        codes.person_paths[r[0]] = paths
        birth, citizen_id, card = r[3], r[5], r[6]
        if policy is not None:
            shown = policy.mask_row(
                {"birth_date": birth, "citizen_id": citizen_id, "party_card_number": card},
                person_id=r[0], paths=paths,
            )
            birth, citizen_id, card = shown["birth_date"], shown["citizen_id"], shown["party_card_number"]
        yield (
            r[1], r[2], birth, gender.get(r[4], ""), citizen_id, card, codes.org.get(r[7], ""), r[8], r[9],
            category[r[10]] if r[10] != CivilServiceCategory.NONE else "", codes.org.get(r[11], ""),
            r[12], r[13], codes.org.get(r[14], ""), r[15], codes.org.get(r[16], ""),
        )


def _person_note(
    policy: FieldPolicy | None, codes: _Codes, field_name: str, person_id: int, note: str
) -> tuple[bool, str]:
    """(whether the row is shown, its note) for a status or discipline row of ``person_id``."""
    if policy is None:
        return True, note
    paths = codes.person_paths.get(person_id, (None, None))
    if not policy.sees(field_name, person_id=person_id, paths=paths):
        return False, ""
    return True, policy.mask_row({field_name: note}, person_id=person_id, paths=paths)[field_name] or ""


def _status_rows(statuses: Any, codes: _Codes, policy: FieldPolicy | None) -> Iterable[tuple[Any, ...]]:
    skind = _labels(StatusKind)
    for p, k, start, end, note in (
        statuses.order_by("person__code", "start", "kind")
        .values_list("person_id", "kind", "start", "end", "note").iterator(CHUNK)
    ):
        keep, note = _person_note(policy, codes, "statuses", p, note)
        if keep and p in codes.person:
            yield (codes.person[p], skind[k], start, end, note)


def _discipline_rows(discipline: Any, codes: _Codes, policy: FieldPolicy | None) -> list[tuple[Any, ...]]:
    form, side, subject = _labels(DisciplineForm), _labels(DisciplineSide), _labels(SubjectKind)
    rows = []
    for p, c, o, f, s, decided, year, ref, remedied, note, counted in discipline.values_list(
        "person_id", "collective_id", "organization_id", "form", "side", "decided_on", "violation_year",
        "violation_ref", "self_remedied", "note", "counted_before",
    ).iterator(CHUNK):
        if p is not None:
            who, code = SubjectKind.PERSON, codes.person.get(p)
            keep, note = _person_note(policy, codes, "discipline", p, note)
            if not keep:
                continue
        elif c is not None:
            who, code = SubjectKind.COLLECTIVE, codes.collective.get(c)
        else:
            who, code = SubjectKind.ORGANIZATION, codes.org.get(o)
        if code is not None:
            rows.append((subject[who], code, form[f], side[s], decided, year, ref, remedied, note, counted))
    rows.sort(key=lambda r: (r[0], r[1], r[4] or dt.date.min, r[2]))
    return rows


def _organization_rows(orgs: QuerySet[Organization], codes: _Codes) -> Iterator[tuple[Any, ...]]:
    kind, tier = _labels(OrganizationKind), _labels(Tier)
    return (
        (code, name, kind[k], tier[t], codes.org.get(parent_id, ""), founded)
        for code, name, k, t, parent_id, founded in orgs.order_by("path")
        .values_list("code", "name", "kind", "tier", "parent_id", "founded_on").iterator(CHUNK)
    )


def _collective_rows(collectives: QuerySet[Collective], codes: _Codes) -> Iterator[tuple[Any, ...]]:
    ckind = _labels(CollectiveKind)
    return (
        (code, name, ckind[k], codes.org[org_id], founded)
        for code, name, k, org_id, founded in collectives.order_by("organization__path", "code")
        .values_list("code", "name", "kind", "organization_id", "founded_on").iterator(CHUNK)
    )


def _membership_rows(collectives: QuerySet[Collective], codes: _Codes) -> Iterator[tuple[Any, ...]]:
    """The memberships of ``collectives`` whose person is exported."""
    return (
        (codes.collective[c], codes.person[p], role, head, start, end)
        for c, p, role, head, start, end in Membership.objects.filter(collective__in=collectives)
        .order_by("collective__code", "person__code", "start")
        .values_list("collective_id", "person_id", "role", "is_head", "start", "end").iterator(CHUNK)
        if p in codes.person
    )


def _task_rows(tasks: QuerySet[Task], codes: _Codes) -> Iterator[tuple[Any, ...]]:
    """The tasks of the exported people and units; a task entered on a page is named by its code."""
    group, quality = _labels(TaskGroup), _labels(TaskQuality)
    for r in tasks.order_by("due_on", "id").values_list(
        "code", "person_id", "organization_id", "title", "group", "assigned_on", "due_on", "done_on",
        "quality", "exceeded", "excused", "note",
    ).iterator(CHUNK):
        person = codes.person.get(r[1], "") if r[1] else ""
        yield (r[0], person, codes.org.get(r[2], "") if r[2] else "", r[3], group[r[4]], r[5], r[6], r[7],
               quality.get(r[8], "") if r[8] else "", r[9], r[10], r[11])


def _target_rows(targets: QuerySet[Target], codes: _Codes) -> Iterator[tuple[Any, ...]]:
    return (
        (codes.org[org], year, name, unit, planned, achieved, "" if met is None else met, basic)
        for org, year, name, unit, planned, achieved, met, basic in targets.order_by(
            "organization__path", "year", "id"
        ).values_list("organization_id", "year", "name", "unit", "planned", "achieved", "met", "is_basic")
        .iterator(CHUNK)
    )


def _write_task_sheets(w: BookWriter, sheets: dict[str, Any], orgs: Any, people: Any, codes: _Codes,
                       whole: bool) -> dict[str, int]:
    """The sheets "Nhiệm vụ" and "Chỉ tiêu" of the exported people and units."""
    tasks, targets = Task.objects.all(), Target.objects.all()
    if not whole:
        tasks = tasks.filter(Q(person__in=people) | Q(organization__in=orgs))
        targets = targets.filter(organization__in=orgs)
    return {
        schema.TASKS.name: w.write_rows(sheets["tasks"], schema.TASKS, _task_rows(tasks, codes)),
        schema.TARGETS.name: w.write_rows(sheets["targets"], schema.TARGETS, _target_rows(targets, codes)),
    }


def _fact_rows(key: str, codes: _Codes) -> list[tuple[Any, ...]]:
    """The rows of a recorded facts' sheet (S-04, R-16, R-17, R-28, R-33a, R-40a, R-106) whose references
    are exported, in the sheet's column order."""
    model, natural, other = FACT_TABLES[key]
    fields = (*natural, *other)
    qs = model._default_manager.all()
    out: list[tuple[Any, ...]] = []
    side = _labels(TransferSide)
    subject = _labels(SubjectKind)
    for r in qs.values_list(*fields).iterator(CHUNK):
        v = dict(zip(fields, r))
        if key == "meetings":
            row: tuple[Any, ...] | None = _with_code(
                codes.org, v["organization_id"], (v["held_on"], v["note"])
            )
        elif key == "transfers":
            rest = (side[v["side"]], v["moved_on"], v["old_unit"], v["old_unit_from"], v["comment_received"],
                    v["old_unit_exists"])  # fmt: skip
            row = _with_code(codes.person, v["person_id"], rest)
        elif key == "temporary":
            rest = (v["cell"], v["start"], v["end"], v["comment_received"])
            row = _with_code(codes.person, v["person_id"], rest)
        elif key == "votes":
            rest = (v["year"], v["voters"], v["high"], v["medium"], v["low"])
            row = _with_code(codes.person, v["person_id"], rest)
        else:
            if v["person_id"] is not None:
                who, table, pk = SubjectKind.PERSON, codes.person, v["person_id"]
            elif v["collective_id"] is not None:
                who, table, pk = SubjectKind.COLLECTIVE, codes.collective, v["collective_id"]
            else:
                who, table, pk = SubjectKind.ORGANIZATION, codes.org, v["organization_id"]
            found = _with_code(table, pk, (v["concluded_on"], v["note"]))
            row = (subject[who], *found) if found is not None else None
        if row is not None:
            out.append(row)
    return sorted(out, key=lambda r: tuple(str(x) for x in r[:3]))


def _with_code(codes: dict[int, str], pk: int, rest: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """``(code, *rest)`` when the row's person or unit is exported, else None."""
    code = codes.get(pk)
    return (code, *rest) if code is not None else None


def _write_fact_sheets(w: BookWriter, sheets: dict[str, Any], codes: _Codes) -> dict[str, int]:
    """The recorded facts' sheets, of the people and units exported (``codes``)."""
    return {
        sheet.name: w.write_rows(sheets[sheet.key], sheet, _fact_rows(sheet.key, codes))
        for sheet in (schema.MEETINGS, schema.TRANSFERS, schema.TEMPORARY, schema.CONCLUSIONS, schema.VOTES)
    }


def _keep_codes_inside(codes: _Codes, orgs: Any, collectives: Any) -> None:
    """Forget the codes of the organizations and collectives outside the exported subtree."""
    inside = set(orgs.values_list("id", flat=True))
    codes.org = {i: c for i, c in codes.org.items() if i in inside}
    kept = set(collectives.values_list("id", flat=True))
    codes.collective = {i: c for i, c in codes.collective.items() if i in kept}


def export_workbook(
    *,
    path: str | os.PathLike[str],
    root: Organization | None = None,
    roots: Sequence[Organization] | None = None,
    policy: FieldPolicy | None = None,
) -> dict[str, int]:
    """Write the registry (or the subtrees of ``root`` / ``roots``) to ``path``; return rows per sheet.

    A subtree export keeps the codes of organizations outside it that its rows refer to (the root's
    parent, a managing committee higher up), so it re-imports into a database that has them. With
    ``policy`` (the reader's personal-data policy) each person's citizen ID, party card, birth date and
    the notes of their statuses and discipline are written as the reader may see them; rows of a
    status or discipline the reader may not see are left out. Without it (the operator's command):
    everything in full.
    """
    if root is not None:
        roots = [root, *(roots or [])]
    orgs, collectives, people = _scope(roots)
    all_orgs = list(Organization.objects.values_list("id", "code", "path"))
    codes = _Codes(org={i: c for i, c, _p in all_orgs}, org_path={i: p for i, _c, p in all_orgs})
    counts: dict[str, int] = {}
    w = BookWriter(path)
    sheets = {s.key: w.data_sheet(s) for s in schema.SHEETS}
    counts[schema.ORGANIZATIONS.name] = w.write_rows(
        sheets["organizations"], schema.ORGANIZATIONS, _organization_rows(orgs, codes)
    )
    codes.collective = dict(Collective.objects.values_list("id", "code"))
    counts[schema.COLLECTIVES.name] = w.write_rows(
        sheets["collectives"], schema.COLLECTIVES, _collective_rows(collectives, codes)
    )
    counts[schema.PEOPLE.name] = w.write_rows(
        sheets["people"], schema.PEOPLE, _person_rows(people, codes, policy)
    )
    counts[schema.MEMBERSHIPS.name] = w.write_rows(
        sheets["memberships"], schema.MEMBERSHIPS, _membership_rows(collectives, codes)
    )
    statuses = StatusPeriod.objects.all() if roots is None else StatusPeriod.objects.filter(person__in=people)
    counts[schema.STATUSES.name] = w.write_rows(
        sheets["statuses"], schema.STATUSES, _status_rows(statuses, codes, policy)
    )
    discipline = Discipline.objects.all()
    if roots is not None:
        discipline = discipline.filter(
            Q(person__in=people) | Q(collective__in=collectives) | Q(organization__in=orgs)
        )
    counts[schema.DISCIPLINES.name] = w.write_rows(
        sheets["disciplines"], schema.DISCIPLINES, _discipline_rows(discipline, codes, policy)
    )
    counts.update(_write_task_sheets(w, sheets, orgs, people, codes, roots is None))
    if roots is not None:  # a subtree: the facts of units outside it are not exported
        _keep_codes_inside(codes, orgs, collectives)
    counts.update(_write_fact_sheets(w, sheets, codes))
    w.instructions_sheet()
    w.lists_sheet()
    sheets["organizations"].activate()
    w.close()
    return counts
