"""Accounts and roles from a workbook's "Tài khoản" sheet (docs/workbook.md, "Sheet Tài khoản").

Each row names a person of the registry (Mã cá nhân), a role (Vai trò, its label or code) and the
organization it is held at (Mã tổ chức), and optionally the username of the person's new account. A
person without an account gets one, with a one-time password shown once on the result page (passwords are
never in a workbook). The file goes through the registry's hostile-file guard and reader
(``registry.workbook.read``); every row is checked by ``account_services`` as the pages are (the importing
officer's subtree); the whole sheet is written in one transaction, or nothing at all when any row is wrong,
each error naming the sheet, the Excel row and the column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xeploai.accounts import account_services as svc
from xeploai.accounts.access import User
from xeploai.accounts.models import Account, Role, RoleAssignment
from xeploai.registry.models import Organization, Person
from xeploai.registry.workbook.errors import WorkbookError
from xeploai.registry.workbook.read import EXTRA_COLUMNS, RawSheet, WorkbookFileError, read_workbook
from xeploai.registry.workbook.schema import column_letter, normalize_header

SHEET = "Tài khoản"
PERSON, USERNAME, ROLE, ORGANIZATION = "Mã cá nhân", "Tên đăng nhập", "Vai trò", "Mã tổ chức"
COLUMNS = (PERSON, USERNAME, ROLE, ORGANIZATION)
REQUIRED = (PERSON, ROLE, ORGANIZATION)
ROLE_LOOKUP = {normalize_header(v): v for v in Role.values} | {
    normalize_header(label): value for value, label in Role.choices
}


@dataclass
class AccountImport:
    """What an import did: accounts created (with their one-time passwords), roles granted, errors."""

    created: list[tuple[str, str, str]] = field(default_factory=list)  # (person's name, username, password)
    granted: int = 0
    unchanged: int = 0
    errors: list[WorkbookError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def columns_for(name: str) -> int | None:
    """Read the "Tài khoản" sheet only (its columns and a few more)."""
    return len(COLUMNS) + EXTRA_COLUMNS if normalize_header(name) == normalize_header(SHEET) else None


def error(row: int | None, column: str, index: int | None, value: object, message: str) -> WorkbookError:
    letter = column_letter(index) if index is not None else ""
    return WorkbookError(SHEET, row, column, letter, "" if value is None else str(value), message)


def header_indexes(sheet: RawSheet) -> tuple[dict[str, int], list[WorkbookError]]:
    """Column name → index, from the header row; the missing required columns as errors."""
    found = {normalize_header(h): i for i, h in enumerate(sheet.header) if h not in (None, "")}
    indexes = {c: found[normalize_header(c)] for c in COLUMNS if normalize_header(c) in found}
    missing = [
        error(1, c, None, "", _("Thiếu cột “%(column)s”.") % {"column": c})
        for c in REQUIRED
        if c not in indexes
    ]
    return indexes, missing


def cell(row: list[Any], index: int | None) -> str:
    value = row[index] if index is not None and index < len(row) else None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def read_sheet(file: IO[bytes]) -> tuple[RawSheet | None, list[WorkbookError]]:
    """The "Tài khoản" sheet through the guard and the reader, or the error saying why not."""
    try:
        sheets = read_workbook(file, columns_for=columns_for)
    except WorkbookFileError as exc:
        return None, [WorkbookError(exc.sheet, None, "", "", "", exc.message)]
    sheet = next((s for s in sheets if s.read), None)
    if sheet is None:
        return None, [
            WorkbookError("", None, "", "", "", _("Tệp không có sheet “%(sheet)s”.") % {"sheet": SHEET})
        ]
    return sheet, []


def account_for(by: User, person: Person, username: str, out: AccountImport) -> AbstractBaseUser:
    """The person's account, created (once) if they have none."""
    existing = Account.objects.filter(person=person).select_related("user").first()
    if existing is not None:
        if username and existing.user.get_username() != username.lower():
            raise ValidationError(
                _("%(name)s đã có tài khoản “%(user)s”.") % {"name": person.full_name, "user": existing.user}
            )
        return existing.user
    created = svc.account_create(by=by, person=person, username=username)
    out.created.append((person.full_name, created.user.get_username(), created.password))
    return created.user


def import_row(by: User, row: list[Any], number: int, idx: dict[str, int], out: AccountImport) -> None:
    """One row: find the person, the role and the organization, then create the account and grant."""
    values = {c: cell(row, idx.get(c)) for c in COLUMNS}
    for column in REQUIRED:
        if not values[column]:
            out.errors.append(error(number, column, idx.get(column), "", _("Ô này không được để trống.")))
            return
    person = Person.objects.filter(code=values[PERSON]).first()
    role = ROLE_LOOKUP.get(normalize_header(values[ROLE]))
    org = Organization.objects.filter(code=values[ORGANIZATION]).first()
    for column, found, message in (
        (PERSON, person, _("Không có cá nhân mang mã này trong danh mục.")),
        (ROLE, role, _("Vai trò không có trong danh sách vai trò (xem docs/workbook.md).")),
        (ORGANIZATION, org, _("Không có tổ chức mang mã này trong danh mục.")),
    ):
        if found is None:
            out.errors.append(error(number, column, idx.get(column), values[column], message))
            return
    if not svc.people_managed_by(by).filter(pk=person.pk).exists():  # type: ignore[union-attr]
        out.errors.append(error(number, PERSON, idx.get(PERSON), values[PERSON], str(svc.OUTSIDE)))
        return
    if not svc.covered(svc.managed_paths(by), org.path):  # type: ignore[union-attr]
        out.errors.append(
            error(number, ORGANIZATION, idx.get(ORGANIZATION), values[ORGANIZATION], str(svc.OUTSIDE))
        )
        return
    try:
        with transaction.atomic():
            user = account_for(by, person, values[USERNAME], out)  # type: ignore[arg-type]
            if RoleAssignment.objects.filter(user=user, role=role, organization=org).exists():
                out.unchanged += 1
                return
            svc.role_grant(by=by, user=user, role=role, organization=org)  # type: ignore[arg-type]
            out.granted += 1
    except (ValidationError, PermissionDenied) as exc:
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc) or str(svc.OUTSIDE)
        out.errors.append(error(number, PERSON, idx.get(PERSON), values[PERSON], message))


def import_accounts(*, by: User, file: IO[bytes]) -> AccountImport:
    """Import the sheet: everything, or nothing when any row is wrong (the errors say where)."""
    out = AccountImport()
    sheet, out.errors = read_sheet(file)
    if sheet is None:
        return out
    idx, out.errors = header_indexes(sheet)
    if out.errors:
        return out
    with transaction.atomic():
        for offset, row in enumerate(sheet.rows):
            if any(cell(row, i) for i in idx.values()):
                import_row(by, row, offset + 2, idx, out)
        if out.errors:
            transaction.set_rollback(True)
            out.created, out.granted, out.unchanged = [], 0, 0
    return out
