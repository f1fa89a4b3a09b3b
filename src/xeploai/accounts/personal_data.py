"""The personal-data policy: which roles see which fields of a person, in full, masked or not at all.

One declarative table (``POLICY``) read by every place a person's data leaves the server: the person
page, search, the registry export, the documents, the audit pages (docs/adr/0004-personal-data-policy.md).
Basis: conventions.md §4.1 (least privilege down the tree; review records, health, discipline and the
identity numbers are sensitive).

A field's access for a user and a person is the widest one given by any of the user's roles covering
the person's cell or workplace (``access.person_paths``); a superuser and the person themselves (their
MEMBER role naming them) see everything; a person no role covers is ``HIDDEN``. Management commands run
as the operator and do not go through this module.

Masking: identity numbers keep their last four characters, a birth date keeps its year, the free-text
note of a status period or a discipline is dropped (it may carry health or case details).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from django.db.models import QuerySet

from xeploai.accounts.access import User, people_under, person_paths, user_scope
from xeploai.accounts.models import Role
from xeploai.registry.models import Person

FULL: Final = "full"
MASKED: Final = "masked"
HIDDEN: Final = "hidden"
_RANK = {HIDDEN: 0, MASKED: 1, FULL: 2}

CITIZEN_ID = "citizen_id"
PARTY_CARD = "party_card_number"
BIRTH_DATE = "birth_date"
STATUSES = "statuses"  # status periods: exemption, suspension, sick and maternity leave (health)
DISCIPLINE = "discipline"
RATINGS = "ratings"  # ratings by stage, reviews, opinions, evidence: the review record
FIELDS = (CITIZEN_ID, PARTY_CARD, BIRTH_DATE, STATUSES, DISCIPLINE, RATINGS)

_F, _M, _H = FULL, MASKED, HIDDEN
# role → access per field, in the order of FIELDS. The person themselves and a superuser: all FULL.
POLICY: Final[Mapping[str, Mapping[str, str]]] = {
    role: dict(zip(FIELDS, levels, strict=True))
    for role, levels in {
        #                         CCCD card birth statuses discipline ratings
        Role.ADMIN:              (_F, _F, _F, _F, _F, _F),
        Role.ORG_COMMISSION:     (_F, _F, _F, _F, _F, _F),
        Role.COMMITTEE_OFFICER:  (_M, _M, _F, _F, _F, _F),
        Role.CELL_SECRETARY:     (_M, _M, _F, _F, _F, _F),
        Role.STANDING_COMMITTEE: (_M, _M, _M, _M, _M, _F),
        Role.SUPERVISOR:         (_M, _M, _M, _M, _M, _F),
        Role.ADVISORY_AGENCY:    (_M, _M, _M, _M, _M, _F),
        Role.MEMBER:             (_H, _H, _H, _H, _H, _H),  # other people: not visible at all
    }.items()
}  # fmt: skip
ALL_FULL: Final[Mapping[str, str]] = dict.fromkeys(FIELDS, FULL)
ALL_HIDDEN: Final[Mapping[str, str]] = dict.fromkeys(FIELDS, HIDDEN)


def mask_tail(value: str) -> str:
    """"087123456789" → "••••••••6789": only the last four characters stay."""
    return "•" * (len(value) - 4) + value[-4:] if len(value) > 4 else value


def _mask_date(value: Any) -> str:
    if isinstance(value, dt.date):
        return str(value.year)
    if isinstance(value, str) and len(value) >= 4:  # an ISO date from an audit snapshot
        return value[:4]
    return ""


MASKS = {CITIZEN_ID: mask_tail, PARTY_CARD: mask_tail, BIRTH_DATE: _mask_date}


def shown(field_name: str, value: Any, level: str) -> Any:
    """``value`` of ``field_name`` as a reader with ``level`` may see it (None when hidden)."""
    if level == FULL or value is None or value == "":
        return value
    if level == MASKED and field_name in MASKS:
        return MASKS[field_name](value)
    return None  # hidden, or a note under a masked status/discipline


# The access per field for one place, and the fields not shown in full (what ``mask_row`` touches).
_Entry = tuple[Mapping[str, str], tuple[tuple[str, str], ...]]
_EVERYTHING: _Entry = (ALL_FULL, ())


@dataclass(slots=True)
class Reader:
    """A user's access, computed once per request; ``levels`` for many people reuses it (bulk rows)."""

    everything: bool
    own_person_ids: frozenset[int]
    grants: tuple[tuple[str, Mapping[str, str]], ...]  # (path, levels) of each role
    _cache: dict[tuple[str | None, ...], _Entry] = field(default_factory=dict)

    def levels(self, person_id: int | None, paths: Iterable[str | None]) -> Mapping[str, str]:
        """Access per field to the person ``person_id`` hanging from ``paths`` (cell, workplace)."""
        return self._entry(person_id, paths)[0]

    def _entry(self, person_id: int | None, paths: Iterable[str | None]) -> _Entry:
        if self.everything or (person_id is not None and person_id in self.own_person_ids):
            return _EVERYTHING
        key = tuple(paths)
        entry = self._cache.get(key)
        if entry is None:
            best = dict(ALL_HIDDEN)
            for path, levels in self.grants:
                if any(p and p.startswith(path) for p in key):
                    for name, level in levels.items():
                        if _RANK[level] > _RANK[best[name]]:
                            best[name] = level
            entry = self._cache[key] = (best, tuple((k, v) for k, v in best.items() if v != FULL))
        return entry

    def mask_row(
        self, row: dict[str, Any], *, person_id: int | None, paths: Iterable[str | None]
    ) -> dict[str, Any]:
        """``row`` (field name → value) with each policy field as this reader may see it (a copy when
        anything is masked; ``row`` itself when everything is shown in full)."""
        not_full = self._entry(person_id, paths)[1]
        if not not_full:
            return row
        out = dict(row)
        for k, level in not_full:
            if k in out:
                out[k] = shown(k, out[k], level)
        return out

    def sees(self, field_name: str, *, person_id: int | None, paths: Iterable[str | None]) -> bool:
        """Whether ``field_name`` of that person is shown at all (masked or in full)."""
        return self.levels(person_id, paths)[field_name] != HIDDEN

    def full_roots(self, field_name: str) -> list[str]:
        """Paths of the subtrees where this reader sees ``field_name`` in full."""
        return [path for path, levels in self.grants if levels[field_name] == FULL]

    def shown_roots(self, field_name: str) -> list[str]:
        """Paths of the subtrees where this reader sees ``field_name`` at all (``sees``: the best level of
        the grants above a person's cell or workplace is not hidden)."""
        return [path for path, levels in self.grants if levels[field_name] != HIDDEN]


def reader_for(user: User) -> Reader:
    """The policy applied to ``user``'s roles (read once through the cached scope)."""
    scope = user_scope(user)
    return Reader(
        everything=scope.everything,
        own_person_ids=scope.own_person_ids,
        grants=tuple((g.path, POLICY[g.role]) for g in scope.grants),
    )


def person_fields_for(user: User, person: Person) -> Mapping[str, str]:
    """Access per field of ``user`` to ``person`` (``FULL``, ``MASKED`` or ``HIDDEN``)."""
    return reader_for(user).levels(person.pk, person_paths(person))


def field_access(user: User, person: Person, field_name: str) -> str:
    return person_fields_for(user, person)[field_name]


def mask_row(
    reader: Reader, row: dict[str, Any], *, person_id: int | None, paths: Iterable[str | None]
) -> dict[str, Any]:
    """Bulk rows: ``row`` masked for ``reader`` (built once per request with ``reader_for``)."""
    return reader.mask_row(row, person_id=person_id, paths=paths)


def people_with_full(user: User, field_name: str) -> QuerySet[Person]:
    """The people whose ``field_name`` ``user`` sees in full (for search by a full citizen ID)."""
    reader = reader_for(user)
    if reader.everything:
        return Person.objects.all()
    return people_under(reader.own_person_ids, reader.full_roots(field_name))


def people_seen(reader: Reader, field_name: str) -> QuerySet[Person] | None:
    """The people whose ``field_name`` ``reader`` sees at all, as a query (``Reader.sees`` for every
    person, for a list filtered in the database); None when the reader sees everyone's."""
    if reader.everything:
        return None
    return people_under(reader.own_person_ids, reader.shown_roots(field_name))


def is_member_only(user: User) -> bool:
    """True when the user holds no role other than MEMBER (a party member: never exports the registry)."""
    scope = user_scope(user)
    return not scope.everything and not scope.people_root_paths


def citizen_id_for(user: User, person: Person) -> str:
    """The citizen ID as ``user`` may read it: in full, masked, or empty."""
    return shown(CITIZEN_ID, person.citizen_id, field_access(user, person, CITIZEN_ID)) or ""


mask_citizen_id = mask_tail
