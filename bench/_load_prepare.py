"""Set-up of ``bench_load.py`` (not timed): the bench's accounts, their sessions and tokens, as a fixture.

Run by ``bench_load.py`` in a child process with the database and the SECRET_KEY the server will use
(a session's hash is signed with it). On the demo province with its 2023 campaign open, it makes:

- ``members``: party members of some cells, each with an account of their own (role MEMBER, linked to
  their person) whose cell has submitted its own review (S-13: the members' reviews open after it);
- ``secretaries``: one CELL_SECRETARY per cell, proposing the levels of the cell's whole list;
- ``deciders``: one STANDING_COMMITTEE account over each cell's parent, deciding the list of a cell whose
  proposals this script wrote first (through ``list_ratings.list_save``, as a secretary would);
- ``commission``: ORG_COMMISSION accounts at the province and at its districts (statistics, progress);
- ``api``: API tokens of ORG_COMMISSION accounts at districts (subjects through the REST API).

Every account is ``bench.*``, made on the first run and given new roles, a new session and a new token on
each run (the previous tokens are revoked), so a run never reuses another run's secrets. Everything is
written through the services the pages use.

    python bench/_load_prepare.py --has-campaign   (exit 0: the 2023 campaign is there)
    python bench/_load_prepare.py --out FIXTURE.json [--members 20] [--secretaries 6] [--deciders 6]
                                                       [--commission 4] [--api 4]
"""

# ruff: noqa: E402  (django.setup() comes before the project imports)
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import django

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from xeploai.accounts.models import Account, Role, RoleAssignment
from xeploai.api.models import ApiToken
from xeploai.api.tokens import token_create
from xeploai.campaigns import list_ratings as L
from xeploai.campaigns import reviews
from xeploai.campaigns.models import Campaign, RatingStage, Review, ReviewStatus, Subject
from xeploai.registry.models import PARTY_ORGANIZATION_KINDS, Organization
from xeploai.rules import Grade, Level

PREFIX = "bench."
BACKEND = "django.contrib.auth.backends.ModelBackend"
MEMBERS_PER_CELL = 4
TEXT = "Nội dung kiểm điểm của bài đo tải."


def _user(username: str, role: str, org: Organization, person_id: int | None = None) -> Any:
    """The bench account ``username`` (made on the first run, without a usable password) holding ``role``
    at ``org``, linked to ``person_id``."""
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": "Bench", "last_name": username[len(PREFIX) :]}
    )
    if created or not user.is_active:
        user.set_unusable_password()
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
    RoleAssignment.objects.create(user=user, role=role, organization=org, person_id=person_id)
    if person_id is not None:
        Account.objects.filter(person_id=person_id).exclude(user=user).update(person=None)
        Account.objects.update_or_create(user=user, defaults={"person_id": person_id})
    return user


def _session(user: Any) -> str:
    """A logged-in session of ``user`` (what the login page would make), signed with this SECRET_KEY."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return str(store.session_key)


def _clear() -> None:
    """Take back the previous run's roles, person links and tokens from the bench accounts. Their sessions
    die with the previous run's SECRET_KEY (a session's hash is signed with it)."""
    users = get_user_model().objects.filter(username__startswith=PREFIX)
    ApiToken.objects.filter(user__in=users, revoked_at__isnull=True).update(revoked_at=timezone.now())
    RoleAssignment.objects.filter(user__in=users).delete()
    Account.objects.filter(user__in=users).delete()


def _cells(campaign: Campaign, count: int, *, deciding: bool = False) -> list[Organization]:
    """``count`` cells of the campaign with 10–60 classified party members, in tree order. ``deciding``:
    counting only members who are not also CBCCVC, whose decision waits for the state side's (R-70b)."""
    members = Subject.objects.filter(campaign=campaign, subject_type="PARTY_MEMBER", classify=True)
    if deciding:
        servants = Subject.objects.filter(
            campaign=campaign, subject_type="CIVIL_SERVANT", person=OuterRef("person")
        )
        members = members.exclude(Exists(servants))
    per_unit = (
        members.values("unit_id").annotate(n=Count("pk")).filter(n__gte=10, n__lte=60).order_by("unit_id")
    )
    unit_ids = [row["unit_id"] for row in per_unit[: 4 * count]]
    cells = Organization.objects.filter(pk__in=unit_ids).select_related("parent").order_by("path")
    return list(cells)[:count]


def _grades(subject: Subject) -> dict[str, str]:
    return {f"criterion_{c.code}": str(int(Grade.GOOD)) for c in reviews.criteria_for(subject)}


def _review_data(subject: Subject) -> dict[str, str]:
    data = {name: TEXT for name in reviews.TEXT_SECTIONS}
    data.update(_grades(subject), score="80", self_party_level=str(int(Level.GOOD)))
    if reviews.state_subject_of(subject) is not None:
        data["self_state_level"] = str(int(Level.GOOD))
    return data


def _open_cell(campaign: Campaign, cell: Organization, secretary: Any) -> None:
    """S-13: submit the cell's own review (as its secretary), so its members' reviews open."""
    for s in Subject.objects.filter(campaign=campaign, subject_type="ORGANIZATION", organization=cell):
        if s.review and not Review.objects.filter(subject=s, status=ReviewStatus.SUBMITTED).exists():
            reviews.review_submit(subject=s, by=secretary, data=_review_data(s))


def _levels(campaign: Campaign, user: Any, cell: Organization, stage: str) -> dict[int, int]:
    """The rows to rate at ``stage`` and their level: Good, or the row's cap when lower. Rows the rules
    refuse even so (a decision before its prerequisites, R-70, R-70b) are left out: the user leaves them
    empty, as a refused list would be an error of the benchmark, not of the site."""
    rows, _truncated = L.list_rows(user=user, campaign=campaign, root=cell, stage=stage)
    check = L.list_check(
        campaign=campaign, root=cell, stage=stage, rows=rows, chosen={r.subject.pk: Level.GOOD for r in rows}
    )
    L.row_caps(check, rows)
    levels = {r.subject.pk: Level(min(Level.GOOD, r.max_level)) for r in rows}
    check = L.list_check(campaign=campaign, root=cell, stage=stage, rows=rows, chosen=levels)
    refused = {pk for pk, v in check.verdicts.items() if any(f.blocking for f in v.findings)}
    return {pk: int(level) for pk, level in levels.items() if pk not in refused}


def _propose(campaign: Campaign, cell: Organization, secretary: Any) -> dict[int, int]:
    """Propose the cell's list (the deciders' work) as its secretary would; the levels proposed."""
    levels = _levels(campaign, secretary, cell, RatingStage.PROPOSED.value)
    rows, _truncated = L.list_rows(user=secretary, campaign=campaign, root=cell, stage="PROPOSED")
    inputs = {r.subject.pk: L.RowInput(Level(levels[r.subject.pk]), "", r.version) for r in rows}
    L.list_save(campaign=campaign, root=cell, stage=RatingStage.PROPOSED.value, by=secretary, inputs=inputs)
    return levels


def _member_subjects(campaign: Campaign, cells: list[Organization], count: int) -> list[Subject]:
    """Members of ``cells`` whose review is open (S-13: no collective of theirs still to submit)."""
    per_cell = max(1, -(-count // max(1, len(cells))))
    out: list[Subject] = []
    for cell in cells:
        subjects = Subject.objects.filter(
            campaign=campaign, subject_type="PARTY_MEMBER", unit=cell, review=True, person__isnull=False
        ).exclude(written_review__status=ReviewStatus.SUBMITTED)
        subjects = subjects.select_related("campaign", "person", "unit").order_by("pk")
        out.extend([s for s in subjects if not reviews.waiting_for(s)][:per_cell])
    return out[:count]


def _stage_users(campaign: Campaign, args: argparse.Namespace) -> dict[str, Any]:
    """Members, secretaries and deciders, each kind on cells of its own (no two users on one list)."""
    member_cells = max(1, -(-args.members // MEMBERS_PER_CELL))
    cells = _cells(campaign, member_cells + args.secretaries)
    members_cells = cells[:member_cells]
    propose_cells = cells[member_cells:]
    # Two cells a decider: a cell whose every member waits for another decision (R-70, R-70b) is skipped.
    decide_cells = [
        c for c in _cells(campaign, 2 * args.deciders + len(cells), deciding=True) if c not in cells
    ]
    out: dict[str, Any] = {"members": [], "secretaries": [], "deciders": []}
    for i, cell in enumerate(members_cells):
        _open_cell(campaign, cell, _user(f"{PREFIX}open{i}", Role.CELL_SECRETARY, cell))
    for i, s in enumerate(_member_subjects(campaign, members_cells, args.members)):
        user = _user(f"{PREFIX}member{i}", Role.MEMBER, s.unit, s.person_id)
        out["members"].append({"session": _session(user), "subject": s.pk, "data": _review_data(s)})
    for i, cell in enumerate(propose_cells):
        user = _user(f"{PREFIX}secretary{i}", Role.CELL_SECRETARY, cell)
        levels = _levels(campaign, user, cell, RatingStage.PROPOSED.value)
        out["secretaries"].append({"session": _session(user), "org": cell.pk, "levels": levels})
    for cell in decide_cells:
        i = len(out["deciders"])
        if i == args.deciders:
            break
        secretary = _user(f"{PREFIX}proposer{i}", Role.CELL_SECRETARY, cell)
        _propose(campaign, cell, secretary)
        user = _user(f"{PREFIX}decider{i}", Role.STANDING_COMMITTEE, cell.parent)
        levels = _levels(campaign, user, cell, RatingStage.DECIDED.value)
        if levels:
            out["deciders"].append({"session": _session(user), "org": cell.pk, "levels": levels})
        else:
            RoleAssignment.objects.filter(user__in=[user, secretary]).delete()
    return out


def _readers(campaign: Campaign, args: argparse.Namespace) -> dict[str, Any]:
    """Commission officers at the province and its districts; API clients at districts, with tokens."""
    root = campaign.root
    units = Organization.objects.filter(parent=root, kind__in=PARTY_ORGANIZATION_KINDS).order_by("path")
    districts = list(units[: max(args.commission, args.api)])
    places = [root, *districts]
    commission = []
    for i in range(args.commission):
        org = places[i % len(places)]
        user = _user(f"{PREFIX}commission{i}", Role.ORG_COMMISSION, org)
        commission.append({"session": _session(user), "org": org.pk})
    api = []
    for i in range(args.api):
        org = districts[i % len(districts)] if districts else root
        user = _user(f"{PREFIX}api{i}", Role.ORG_COMMISSION, org)
        _token, text = token_create(user=user, by=user, name="bench-load")
        count = Subject.objects.filter(campaign=campaign).subtree(org).count()
        api.append({"token": text, "org": org.pk, "subjects": count})
    return {"commission": commission, "api": api}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="the fixture file to write")
    parser.add_argument("--has-campaign", action="store_true", help="only answer: exit 0 if there is one")
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--secretaries", type=int, default=6)
    parser.add_argument("--deciders", type=int, default=6)
    parser.add_argument("--commission", type=int, default=4)
    parser.add_argument("--api", type=int, default=4)
    args = parser.parse_args()
    campaign = Campaign.objects.select_related("root").filter(year=2023).order_by("pk").first()
    if args.has_campaign:
        raise SystemExit(0 if campaign is not None else 1)
    if campaign is None:
        raise SystemExit("no 2023 campaign: open it first (manage.py open_campaign --year 2023)")
    with transaction.atomic():
        _clear()
    try:
        with transaction.atomic():
            fixture = {"campaign": campaign.pk, **_stage_users(campaign, args), **_readers(campaign, args)}
    except ValidationError as exc:
        raise SystemExit(f"set-up refused by the services: {exc.messages}") from exc
    Path(args.out).write_text(json.dumps(fixture, ensure_ascii=False))
    print({k: len(v) for k, v in fixture.items() if isinstance(v, list)}, flush=True)


if __name__ == "__main__":
    main()
