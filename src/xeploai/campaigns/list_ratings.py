"""Rating a whole list: every subject of a unit at one stage (propose, appraise, decide) in one form.

``list_rows`` gives the page its rows: each subject the user may act on in the unit's subtree at that
stage, with its self-rated level, the previous stage's level, the level already recorded and its version.
``list_check`` runs the rules core on the campaign as it would be with the levels chosen in the form (the
same ``checking.evaluate_stage`` as the single-subject preview, and the quota through ``quota_rows``, the
quota page's computation), reading only what the unit's list depends on (``scoped.unit_inputs``, as the
quota page does): the highest level each row allows, why, and the 20 % quota of every scope the
list touches. ``list_save`` checks again on the server and writes the chosen rows in one transaction with
ONE audit event, or nothing at all:

- a list of which any subject changed since it was loaded (its ``state_version``) is refused whole;
- a row above a cap, against the ballot (R-83) or (a decision) before its prerequisites is refused;
- a row over quota (R-50 …) needs its justification; a decision over quota, a competent decider (R-86).

Rows left without a level are not written. ``take_previous`` fills every row with the previous stage's
level ("take the proposals as decided"): the page shows them, the user changes the exceptions and saves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from xeploai.accounts import predicates as P
from xeploai.audit.services import audit_record
from xeploai.registry.models import Organization
from xeploai.rules import Finding, Level, Ruleset, check_ballot, explain
from xeploai.rules.batch import gc_paused

from . import locks
from .checking import Entry, Verdict, evaluate_stage, stage_caps
from .decisions import NOT_OPEN, Preview, refuse_on_findings
from .models import Ballot, Campaign, CampaignStatus, Rating, RatingStage, Subject
from .quota_rows import QuotaRow, quota_rows, scope_path
from .rating_writes import rating_counts, ratings_write
from .ruleset_plan import ruleset_of
from .scoped import ScopedInputs, unit_inputs

__all__ = [
    "LIST_LIMIT",
    "STAGE_ACTIONS",
    "ListCheck",
    "ListRow",
    "RowInput",
    "list_check",
    "list_check_on",
    "list_rows",
    "list_save",
    "may_act_at",
    "needs_justification",
    "row_caps",
    "take_previous",
]

LIST_LIMIT = 500  # rows on one page: a grassroots organization's list; above it, choose a lower unit
STAGE_ACTIONS = {
    RatingStage.PROPOSED.value: "propose",
    RatingStage.APPRAISED.value: "appraise",
    RatingStage.DECIDED.value: "decide",
}
# The stage whose level a row shows as "previous", the first one present wins.
PREVIOUS = {
    RatingStage.PROPOSED.value: ("SELF",),
    RatingStage.APPRAISED.value: ("PROPOSED",),
    RatingStage.DECIDED.value: ("APPRAISED", "PROPOSED"),
}

LIST_STALE = _(
    "Danh sách đã thay đổi từ khi bạn mở trang (%(names)s): không ghi gì. Hãy tải lại trang, kiểm tra "
    "rồi ghi lại."
)
NOTHING_CHOSEN = _("Chưa chọn mức xếp loại cho đối tượng nào.")
NOT_IN_LIST = _("Có đối tượng không thuộc danh sách bạn được ghi ở bước này: hãy tải lại trang.")
ROW_REFUSED = _("Danh sách chưa được ghi: %(n)s dòng cần sửa (xem từng dòng bên dưới).")


@dataclass
class ListRow:
    """One subject of the list as the page shows it."""

    subject: Subject
    name: str
    version: int
    self_level: Level | None
    previous_level: Level | None
    recorded: Level | None  # the latest level already recorded at this stage
    max_level: Level = Level.EXCELLENT
    caps: list[tuple[str, str]] = field(default_factory=list)  # (rule id, Vietnamese reason)


@dataclass
class ListCheck:
    """The core's answer on the levels chosen: per row the verdict, for the list the quota of each scope."""

    verdicts: dict[int, Verdict]
    caps: dict[int, Verdict]  # each row's cap, as if it were proposed HTXS
    quota: list[QuotaRow]
    scope_paths: dict[int, str | None]

    def over_quota(self, pk: int) -> list[Finding]:
        verdict = self.verdicts.get(pk)
        return [f for f in verdict.findings if f.blocking and f.code.startswith("quota.")] if verdict else []

    def over_cap(self, pk: int, level: Level) -> bool:
        cap = self.caps.get(pk)
        return cap is not None and level > cap.max_level


def _subjects(*, user: AbstractBaseUser, campaign: Campaign, root: Organization, stage: str) -> list[Subject]:
    """The classified subjects under ``root`` the user may rate at ``stage`` (appraise, decide: proposed)."""
    qs = (
        Subject.objects.filter(campaign=campaign)
        .subtree(root)
        .select_related("campaign", "person", "collective", "organization", "unit")
        .order_by("org_path", "subject_type", "pk")
    )
    if stage != RatingStage.PROPOSED:
        qs = qs.filter(Exists(Rating.objects.filter(subject=OuterRef("pk"), stage=RatingStage.PROPOSED)))
    action = STAGE_ACTIONS[stage]
    out: list[Subject] = []
    for s in qs.iterator(chunk_size=1000):
        if s.included and P.allowed(user, action, s):
            out.append(s)
            if len(out) > LIST_LIMIT:
                break
    return out


def list_rows(
    *, user: AbstractBaseUser, campaign: Campaign, root: Organization, stage: str
) -> tuple[list[ListRow], bool]:
    """The rows of the list (at most ``LIST_LIMIT``) and whether more subjects were left out."""
    subjects = _subjects(user=user, campaign=campaign, root=root, stage=stage)
    truncated = len(subjects) > LIST_LIMIT
    subjects = subjects[:LIST_LIMIT]
    latest: dict[int, dict[str, int]] = defaultdict(dict)
    counts: dict[int, int] = defaultdict(int)
    ratings = Rating.objects.filter(subject__in=[s.pk for s in subjects]).order_by("pk")
    for subject_id, st, level in ratings.values_list("subject_id", "stage", "level"):
        latest[subject_id][st] = level
        counts[subject_id] += 1
    rows = []
    for s in subjects:
        mine = latest.get(s.pk, {})
        previous = next((mine[p] for p in PREVIOUS[stage] if p in mine), None)
        rows.append(
            ListRow(
                s,
                str(s.person or s.collective or s.organization),
                s.version + counts[s.pk],
                _level(mine.get("SELF")),
                _level(previous),
                _level(mine.get(stage)),
            )  # fmt: skip
        )
    return rows, truncated


def _level(value: int | None) -> Level | None:
    return Level(value) if value is not None else None


def take_previous(rows: list[ListRow]) -> dict[int, Level]:
    """Each row's previous stage's level: "take the proposals as appraised / decided"."""
    return {r.subject.pk: r.previous_level for r in rows if r.previous_level is not None}


@gc_paused()
def list_check(
    *, campaign: Campaign, root: Organization, stage: str, rows: list[ListRow], chosen: dict[int, Level]
) -> ListCheck:
    """Run the core with ``chosen`` levels at ``stage`` on what the list of ``root`` depends on.

    Reads ``scoped.unit_inputs`` (below the campaign's root, the subjects under ``root``, the peers of their
    quota scopes and what their verdicts depend on), not the whole campaign: the same verdicts, caps and
    quota as on the whole campaign (``tests/campaigns/test_scoped_preview.py``: equal for every list).
    """
    rs = ruleset_of(campaign)
    inputs = unit_inputs(campaign=campaign, root=root, rs=rs)
    return list_check_on(rs, campaign, inputs, stage=stage, rows=rows, chosen=chosen)


def list_check_on(
    rs: Ruleset,
    campaign: Campaign,
    inputs: ScopedInputs,
    *,
    stage: str,
    rows: list[ListRow],
    chosen: dict[int, Level],
) -> ListCheck:
    """``list_check`` on given inputs (the whole campaign's, or ``unit_inputs``): rows' caps, verdicts and
    the quota (R-50 …) of every scope the list touches, through ``checking.stage_quota``."""
    snap, subjects, read = inputs
    levels = dict(read)
    for pk, level in chosen.items():
        levels[pk] = {**levels.get(pk, {}), stage: (int(level), None)}
    verdicts = evaluate_stage(rs, campaign, snap, subjects, levels, stage)
    listed = {r.subject.pk for r in rows}
    # Each row's cap as if proposed HTXS (a cap does not depend on the level proposed).
    as_best = {pk: {**levels.get(pk, {}), stage: (int(Level.EXCELLENT), None)} for pk in listed}
    caps = stage_caps(rs, campaign, snap, subjects, {**levels, **as_best}, stage, only=listed)
    quota = quota_rows(rs, campaign, snap, subjects, levels, stage, listed.__contains__)
    paths = {}
    for pk in listed:
        found = scope_path(snap, subjects.rows[pk]) if pk in subjects.rows else None
        paths[pk] = found[2] if found else None
    return ListCheck({pk: v for pk, v in verdicts.items() if pk in listed}, caps, quota, paths)


def row_caps(check: ListCheck, rows: list[ListRow]) -> None:
    """Give each row its highest allowed level and the reasons (rule id, sentence) of its caps."""
    for r in rows:
        cap = check.caps.get(r.subject.pk)
        if cap is not None:
            r.max_level = cap.max_level
            r.caps = [(f.rule_id, explain(f)) for f in cap.findings if "cap" in f.params]


def needs_justification(check: ListCheck, pk: int, level: Level | None) -> bool:
    """A row over quota must say why (the page marks the field required; ``list_save`` enforces it). A row
    above its cap is refused whatever is written (the cap is the regulation's): the page says so."""
    return level is not None and bool(check.over_quota(pk))


@dataclass(frozen=True, slots=True)
class RowInput:
    """What the form sent for one row: the level chosen (None: left empty) and the justification."""

    level: Level | None
    justification: str
    version: int


def _refuse_stale(locked: list[Subject], inputs: dict[int, RowInput]) -> None:
    counts = rating_counts(Rating.objects.filter(subject__in=[s.pk for s in locked]))
    changed = [s for s in locked if s.version + counts.get(s.pk, 0) != inputs[s.pk].version]
    if changed:
        names = ", ".join(str(s.person or s.collective or s.organization) for s in changed[:5])
        if len(changed) > 5:
            names += ", …"
        raise ValidationError(LIST_STALE % {"names": names})


def _ballot_findings(
    campaign: Campaign, stage: str, chosen: dict[int, Level]
) -> dict[int, tuple[Finding, ...]]:
    """R-83: the cell's tally for each proposed level, when the ruleset has the ballot step."""
    rs = ruleset_of(campaign)
    if stage != RatingStage.PROPOSED or not rs.ballot_step:
        return {}
    ballots = {b.subject_id: b for b in Ballot.objects.filter(subject__in=list(chosen))}
    return {
        pk: check_ballot(rs, lvl, votes_for=b.votes_for(lvl), full_members=b.eligible)
        for pk, lvl in chosen.items()
        if (b := ballots.get(pk)) is not None
    }


def row_errors(
    *,
    check: ListCheck,
    stage: str,
    subjects: dict[int, Subject],
    chosen: dict[int, RowInput],
    by: AbstractBaseUser,
    ballots: dict[int, tuple[Finding, ...]],
) -> dict[int, list[str]]:
    """Each chosen row's refusal, by the single-subject rules (``decisions.refuse_on_findings``)."""
    errors: dict[int, list[str]] = {}
    for pk, row in chosen.items():
        assert row.level is not None
        verdict = check.verdicts.get(pk)
        findings = tuple(verdict.findings) if verdict else ()
        max_level = verdict.max_level if verdict else Level.EXCELLENT
        preview = Preview(
            stage, Level(int(row.level)), max_level, findings, check.scope_paths.get(pk), ballots.get(pk, ())
        )
        try:
            refuse_on_findings(preview, subject=subjects[pk], by=by, justification=row.justification)
        except ValidationError as exc:
            errors[pk] = list(exc.messages)
    return errors


@transaction.atomic
def list_save(
    *,
    campaign: Campaign,
    root: Organization,
    stage: str,
    by: AbstractBaseUser,
    inputs: dict[int, RowInput],
) -> int:
    """Write the chosen rows of the list in one transaction with one audit event; refuse it whole.

    Raises ``ValidationError``: a message for the list (stale, nothing chosen, not open) or, for rows
    refused, ``{"__all__": [...], "row-<pk>": [...]}``. Returns how many ratings were written.
    """
    locks.campaign_for_rating(campaign_pk=campaign.pk)
    campaign = Campaign.objects.select_related("root").get(pk=campaign.pk)
    if campaign.status != CampaignStatus.OPEN:
        raise ValidationError(NOT_OPEN)
    rows, _truncated = list_rows(user=by, campaign=campaign, root=root, stage=stage)
    allowed = {r.subject.pk: r.subject for r in rows}
    if any(pk not in allowed for pk in inputs):
        raise ValidationError(NOT_IN_LIST)
    locked = locks.subjects_for_update(Subject.objects.filter(pk__in=list(inputs)))
    _refuse_stale(locked, inputs)  # any subject of the list moved since the page was loaded
    chosen = {pk: r for pk, r in inputs.items() if r.level is not None}
    if not chosen:
        raise ValidationError(NOTHING_CHOSEN)
    levels = {pk: Level(int(r.level)) for pk, r in chosen.items() if r.level is not None}
    check = list_check(campaign=campaign, root=root, stage=stage, rows=rows, chosen=levels)
    ballots = _ballot_findings(campaign, stage, levels)
    errors = row_errors(check=check, stage=stage, subjects=allowed, chosen=chosen, by=by, ballots=ballots)
    if errors:
        raise ValidationError(
            {
                "__all__": [str(ROW_REFUSED % {"n": len(errors)})],
                **{f"row-{pk}": m for pk, m in errors.items()},
            }
        )
    entries = [Entry(pk, stage, levels[pk], None, chosen[pk].justification.strip()) for pk in sorted(chosen)]
    verdicts = {(pk, stage): list(check.verdicts[pk].findings) + list(ballots.get(pk, ())) for pk in chosen
                if pk in check.verdicts}  # fmt: skip
    ratings_write(
        entries=entries, by=by, versions={pk: inputs[pk].version for pk in chosen}, verdicts=verdicts
    )
    _audit(campaign=campaign, root=root, stage=stage, by=by, entries=entries)
    return len(entries)


def _audit(
    *, campaign: Campaign, root: Organization, stage: str, by: AbstractBaseUser, entries: list[Entry]
) -> None:
    """ONE event for the list: the stage, the unit and every row written (level, justification)."""
    rows: dict[str, Any] = {
        str(e.subject_id): {"level": int(e.level), "justification": e.justification} for e in entries
    }
    audit_record(
        action=f"rating.list_{stage.lower()}",
        obj=campaign,
        actor=by,
        org_path=root.path,
        label=f"{campaign} — {root} — {RatingStage(stage).label}",
        after={"stage": stage, "organization": root.pk, "rows": rows},
    )


def may_act_at(user: AbstractBaseUser, stage: str, org: Organization) -> bool:
    """Whether ``user`` may rate subjects of ``org`` at ``stage`` (a party member of it stands for them)."""
    if stage not in STAGE_ACTIONS:
        return False
    probe = Subject(subject_type="PARTY_MEMBER", org_path=org.path, unit=org)
    return P.allowed(user, STAGE_ACTIONS[stage], probe)
