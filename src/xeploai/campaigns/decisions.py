"""Ratings by stage from the pages: preview, propose, appraise, decide, publish; opinions, ballots, overrides.

Stages (R-80, R-81, R-82; S-15, S-16): SELF (written when the review is submitted, ``reviews.py``),
PROPOSED (the cell secretary for the cell's members, a committee officer for its subtree), APPRAISED
(the Organization Commission, S-16), DECIDED (a standing committee at most one level up, R-86), PUBLISHED
(R-88). Every stage is a new Rating row (``rating_writes.ratings_write``); nothing is updated.

Before saving, ``rating_preview`` runs the rules core on the campaign as it would be with the new level:
caps and linkage (``check_many``), quota (``solve_quota``) and, for a decision, the order of R-70
(``plan_order(...).check``) — the same ``checking.evaluate_stage`` the checks command uses. ``rating_record``
then refuses, in this order:

- a write made on a stale version of the subject (its ``state_version`` moved since the page was shown);
- a level above a cap (any blocking finding that is neither quota nor order);
- a decision whose prerequisites are not decided yet (R-70, R-70b, R-62, S-13);
- a level over quota (R-50 …) at any stage without a written justification, or a decision over quota by
  a user who is not competent for the whole quota scope;
- a proposal against the cell's ballot when the ruleset has the ballot step (R-83).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xeploai.accounts import predicates as P
from xeploai.audit.services import audit_record, snapshot
from xeploai.registry.models import Organization
from xeploai.rules import (
    Explained,
    Finding,
    Level,
    check_ballot,
    explain,
    explain_parts,
)
from xeploai.rules.batch import gc_paused

from . import events, locks
from .checking import Entry
from .models import (
    Ballot,
    Campaign,
    CampaignStatus,
    Opinion,
    OpinionSource,
    Override,
    Rating,
    RatingStage,
    Subject,
)
from .quota_rows import QuotaRow, quota_rows, scope_path
from .rating_writes import ratings_write
from .ruleset_plan import ruleset_of
from .scoped import scoped_evaluate, unit_inputs

# The versions (``current``, ``seen``) are passed but not shown: users read what happened, not numbers.
STALE = _(
    "Trong lúc bạn xem, dữ liệu của đối tượng đã được người khác thay đổi: hãy tải lại trang và kiểm tra "
    "trước khi ghi."
)
NOT_OPEN = _("Đợt đánh giá chưa mở hoặc đã kết thúc.")
NOT_CLASSIFIED = _("Đối tượng này không thuộc diện xếp loại trong đợt.")
NOT_ALLOWED = _("Bạn không có quyền ghi mức xếp loại ở bước “%(stage)s” cho đối tượng này.")
NOT_COMPETENT = _(
    "Cấp của bạn không có thẩm quyền quyết định xếp loại đối tượng này: cấp có thẩm quyền quyết định "
    "không quá một cấp."
)
BAD_STAGE = _("Không ghi được giai đoạn “%(stage)s” ở đây.")
NEEDS_PROPOSAL = _("Chưa có mức đề xuất: hãy đề xuất trước khi %(what)s.")
CAPPED = _("Không thể ghi mức %(level)s: %(why)s")
ORDER = _("Chưa đến lượt quyết định đối tượng này: %(why)s")
QUOTA_NEEDS_JUSTIFICATION = _(
    "Vượt tỷ lệ hoàn thành xuất sắc: %(why)s Hãy ghi rõ lý do, căn cứ để quyết định vượt tỷ lệ."
)
QUOTA_NOT_COMPETENT = _(
    "Vượt tỷ lệ hoàn thành xuất sắc: %(why)s Chỉ cấp có thẩm quyền đối với toàn bộ phạm vi tính tỷ lệ mới "
    "quyết định vượt tỷ lệ."
)
BALLOT_MISSING = _("Đợt này yêu cầu chi bộ biểu quyết: hãy nhập kết quả biểu quyết trước.")
BALLOT_OFF = _("Đợt đánh giá này không có bước biểu quyết.")
BALLOT_SUM = _("Tổng số phiếu (%(total)s) lớn hơn số đảng viên có mặt (%(present)s).")
BALLOT_PRESENT = _("Số có mặt (%(present)s) lớn hơn số đảng viên chính thức (%(eligible)s).")
OPINION_NOT_ALLOWED = _("Bạn không cho ý kiến được với tư cách “%(source)s” đối với đối tượng này.")
OPINION_EMPTY = _("Hãy ghi nội dung ý kiến.")
OVERRIDE_REASON = _("Hãy ghi lý do đưa vào hoặc loại ra.")
NOTHING_TO_PUBLISH = _("Không có kết quả đã quyết định nào chưa công bố trong phạm vi này.")
PUBLISH_NOT_ALLOWED = _("Bạn không có quyền công bố kết quả của tổ chức này.")

STAGE_PREDICATES = {
    RatingStage.PROPOSED: "propose",
    RatingStage.APPRAISED: "appraise",
    RatingStage.DECIDED: "decide",
}


def _is_quota(f: Finding) -> bool:
    return f.code.startswith("quota.")


def _is_order(f: Finding) -> bool:
    return f.code.startswith("order.")


@dataclass(frozen=True, slots=True)
class Preview:
    """What the core says about ``level`` at ``stage`` before it is saved."""

    stage: str
    level: Level
    max_level: Level
    findings: tuple[Finding, ...]
    quota_scope_path: str | None = None
    ballot_findings: tuple[Finding, ...] = ()
    ruleset: str = ""  # the campaign's ruleset code: each message cites its document and article

    @property
    def caps(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking and not _is_quota(f) and not _is_order(f)]

    @property
    def order(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking and _is_order(f)]

    @property
    def over_quota(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking and _is_quota(f)]

    @property
    def messages(self) -> list[tuple[str, Explained, bool]]:
        """(rule id, sentence with its citation, blocking) for every finding, ballot included."""
        rs = self.ruleset or None
        return [
            (f.rule_id, explain_parts(f, ruleset=rs), f.blocking)
            for f in (*self.findings, *self.ballot_findings)
        ]


def rating_preview(*, subject: Subject, stage: str, level: Level | int, score: Any = None) -> Preview:
    """Run caps, linkage, quota and (for a decision) order on the campaign with ``level`` at ``stage``.

    Reads only what the subject's verdict depends on (``scoped.scoped_evaluate``): its facts, its quota
    scope and its prerequisites, not the whole campaign; the verdict is the full evaluation's.
    """
    campaign = subject.campaign
    rs = ruleset_of(campaign)
    # Only what this subject's verdict depends on (scoped.py): the same evaluation as the checks command.
    result, snap, subjects = scoped_evaluate(
        campaign=campaign, subject=subject, rs=rs, stage=stage, level=level, score=score
    )
    lvl = Level(int(level))
    max_level, findings = (result.max_level, tuple(result.findings)) if result else (Level.EXCELLENT, ())
    scoped = scope_path(snap, subjects.rows[subject.pk]) if subject.pk in subjects.rows else None
    ballot_findings: tuple[Finding, ...] = ()
    if stage == RatingStage.PROPOSED and rs.ballot_step:
        ballot = Ballot.objects.filter(subject=subject).first()
        if ballot is not None:
            ballot_findings = check_ballot(
                rs, lvl, votes_for=ballot.votes_for(lvl), full_members=ballot.eligible
            )
    path = scoped[2] if scoped else None
    return Preview(stage, lvl, max_level, findings, path, ballot_findings, rs.code)


def join_explained(findings: list[Finding], ruleset: str = "") -> str:
    """The findings' Vietnamese sentences, one after the other, each citing its document under ``ruleset``."""
    return " ".join(explain(f, ruleset=ruleset or None) for f in findings)


def _recordable(*, subject: Subject, stage: str, by: AbstractBaseUser, based_on_version: int) -> Subject:
    """Lock the campaign and the subject, and refuse a stage the user may not write, a subject not
    classified, a stale version, a missing proposal or a missing ballot. Returns the locked subject."""
    if stage not in STAGE_PREDICATES:
        raise ValidationError(BAD_STAGE % {"stage": stage})
    locks.campaign_for_rating(subject_pk=subject.pk)
    subject = locks.subject_for_update(subject.pk)
    if subject.campaign.status != CampaignStatus.OPEN:
        raise ValidationError(NOT_OPEN)
    if not P.allowed(by, STAGE_PREDICATES[stage], subject):
        if stage == RatingStage.DECIDED and P.allowed(by, "view", subject):
            raise ValidationError(NOT_COMPETENT)
        raise ValidationError(NOT_ALLOWED % {"stage": RatingStage(stage).label})
    if not subject.included:
        raise ValidationError(NOT_CLASSIFIED)
    if subject.state_version != based_on_version:
        raise ValidationError(STALE % {"current": subject.state_version, "seen": based_on_version})
    rs = ruleset_of(subject.campaign)
    if (
        stage != RatingStage.PROPOSED
        and not Rating.objects.filter(subject=subject, stage="PROPOSED").exists()
    ):
        what = _("thẩm định") if stage == RatingStage.APPRAISED else _("quyết định")
        raise ValidationError(NEEDS_PROPOSAL % {"what": what})
    if stage == RatingStage.PROPOSED and rs.ballot_step and subject.subject_type == "PARTY_MEMBER":
        if not Ballot.objects.filter(subject=subject).exists():
            raise ValidationError(BALLOT_MISSING)

    return subject


def refuse_on_findings(
    preview: Preview, *, subject: Subject, by: AbstractBaseUser, justification: str
) -> None:
    """Refuse a level above a cap or against the ballot; a decision before its prerequisites or over quota
    without competence for the whole scope; a level over quota at any stage without a justification."""
    stage = preview.stage
    lvl = preview.level
    if preview.caps:
        why = join_explained(preview.caps, preview.ruleset)
        raise ValidationError(CAPPED % {"level": lvl.short, "why": why})
    blocking_ballot = [f for f in preview.ballot_findings if f.blocking]
    if blocking_ballot:
        why = join_explained(blocking_ballot, preview.ruleset)
        raise ValidationError(CAPPED % {"level": lvl.short, "why": why})
    if stage == RatingStage.DECIDED and preview.order:
        raise ValidationError(ORDER % {"why": join_explained(preview.order, preview.ruleset)})
    if preview.over_quota:
        why = join_explained(preview.over_quota, preview.ruleset)
        competent = P.can_decide_over_quota(by, subject, scope_path=preview.quota_scope_path)
        if stage == RatingStage.DECIDED and not competent:
            raise ValidationError(QUOTA_NOT_COMPETENT % {"why": why})
        # R-50 …: over quota at any stage only with a written reason (issue 12: the label said required).
        if not justification.strip():
            raise ValidationError({"justification": [str(QUOTA_NEEDS_JUSTIFICATION % {"why": why})]})


@transaction.atomic
def rating_record(
    *,
    subject: Subject,
    stage: str,
    level: Level | int,
    by: AbstractBaseUser,
    based_on_version: int,
    justification: str = "",
    score: Any = None,
) -> Rating:
    """Append a PROPOSED, APPRAISED or DECIDED rating after every check of the module docstring."""
    subject = _recordable(subject=subject, stage=stage, by=by, based_on_version=based_on_version)
    preview = rating_preview(subject=subject, stage=stage, level=level, score=score)
    refuse_on_findings(preview, subject=subject, by=by, justification=justification)
    lvl, current = preview.level, based_on_version
    before = _latest(subject, stage)
    ratings_write(
        entries=[Entry(subject.pk, stage, lvl, score, justification.strip())],
        by=by,
        versions={subject.pk: current},
        verdicts={(subject.pk, stage): list(preview.findings) + list(preview.ballot_findings)},
    )
    rating = Rating.objects.filter(subject=subject, stage=stage).order_by("-pk").first()
    assert rating is not None
    events.rating_recorded_event(rating=rating, by=by, before=snapshot(before) if before else None)
    return rating


def _latest(subject: Subject, stage: str) -> Rating | None:
    return Rating.objects.filter(subject=subject, stage=stage).order_by("-pk").first()


def is_published(subject: Subject) -> bool:
    """R-88: the latest decision of the subject has been published."""
    decided = _latest(subject, RatingStage.DECIDED)
    published = _latest(subject, RatingStage.PUBLISHED)
    return published is not None and (decided is None or published.pk > decided.pk)


@dataclass
class PublishResult:
    published: int = 0
    subjects: list[int] = field(default_factory=list)


def due_for_publication(
    *, campaign: Campaign, root: Organization
) -> tuple[dict[int, dict[str, int]], dict[int, int], list[int]]:
    """The subjects under ``root`` whose latest decision is not published yet (R-88).

    Returns each subject's latest rating pk by stage, its number of ratings (its state version's part)
    and the due subject ids. A read: the publication's confirmation page shows what it would publish.
    """
    scope = Subject.objects.filter(campaign=campaign).subtree(root)
    last = (
        Rating.objects.filter(subject__in=scope)
        .values("subject_id", "stage")
        .annotate(last=Max("pk"), n=Count("pk"))
        .values_list("subject_id", "stage", "last", "n")
    )
    latest: dict[int, dict[str, int]] = {}
    counts: dict[int, int] = defaultdict(int)
    for subject_id, stage, pk, n in last:
        latest.setdefault(subject_id, {})[stage] = pk
        counts[subject_id] += n
    due = [s for s, st in latest.items() if "DECIDED" in st and st.get("PUBLISHED", 0) < st["DECIDED"]]
    return latest, counts, due


@transaction.atomic
def results_publish(*, campaign: Campaign, root: Organization, by: AbstractBaseUser) -> PublishResult:
    """Publish every decided, not yet published result under ``root`` (R-88, R-89): PUBLISHED rows."""
    if not P.can_publish_in(by, root.path) and not P.is_superuser(by):
        raise ValidationError(PUBLISH_NOT_ALLOWED)
    campaign = locks.campaign_for_update(campaign.pk)
    if campaign.status != CampaignStatus.OPEN:
        raise ValidationError(NOT_OPEN)
    latest, counts, due = due_for_publication(campaign=campaign, root=root)
    if not due:
        raise ValidationError(NOTHING_TO_PUBLISH)
    locked = locks.subjects_for_update(Subject.objects.filter(pk__in=due))
    levels = dict(
        Rating.objects.filter(pk__in=[latest[s]["DECIDED"] for s in due]).values_list("subject_id", "level")
    )
    entries = [Entry(s.pk, RatingStage.PUBLISHED.value, Level(levels[s.pk]), None, "") for s in locked]
    versions = {s.pk: s.version + counts[s.pk] for s in locked}  # no writer since: the campaign is held
    ratings_write(entries=entries, by=by, versions=versions, verdicts={})
    audit_record(
        action="rating.published",
        obj=campaign,
        actor=by,
        org_path=root.path,
        label=f"{campaign} — {root}",
        after={"organization": root.pk, "subjects": {str(pk): lvl for pk, lvl in sorted(levels.items())}},
    )
    return PublishResult(len(entries), sorted(levels))


# --- opinions, ballots, overrides -----------------------------------------------------------------------


@transaction.atomic
def opinion_add(
    *, subject: Subject, by: AbstractBaseUser, source: str, text: str, proposed_level: int | None = None
) -> Opinion:
    """Add one side's opinion (S-12, S-15, S-16, R-82); each source is a role that writes only its own."""
    subject = locks.subject_for_update(subject.pk)
    if subject.campaign.status != CampaignStatus.OPEN:
        raise ValidationError(NOT_OPEN)
    if source not in OpinionSource.values or not (
        P.is_superuser(by) or P.can_write_opinion(by, subject, source)
    ):
        label = OpinionSource(source).label if source in OpinionSource.values else source
        raise ValidationError(OPINION_NOT_ALLOWED % {"source": label})
    if not text.strip():
        raise ValidationError({"text": [str(OPINION_EMPTY)]})
    opinion = Opinion.objects.create(
        subject=subject,
        source=source,
        author=by,
        text=text.strip(),
        proposed_level=Level(int(proposed_level)).value if proposed_level not in (None, "") else None,
    )
    events.opinion_added_event(opinion=opinion, by=by)
    return opinion


@transaction.atomic
def ballot_record(
    *,
    subject: Subject,
    by: AbstractBaseUser,
    votes: dict[int, int],
    present: int,
    eligible: int,
) -> Ballot:
    """Record the cell's tally for a subject (R-83): counts per level and attendance, never per voter."""
    subject = locks.subject_for_update(subject.pk)
    if subject.campaign.status != CampaignStatus.OPEN:
        raise ValidationError(NOT_OPEN)
    if not ruleset_of(subject.campaign).ballot_step:
        raise ValidationError(BALLOT_OFF)
    if not P.allowed(by, "record_ballot", subject):
        raise ValidationError(NOT_ALLOWED % {"stage": _("Biểu quyết")})
    counts = {lvl: int(votes.get(lvl, 0) or 0) for lvl in (3, 2, 1, 0)}
    errors: list[str] = []
    if any(v < 0 for v in counts.values()) or present < 0 or eligible < 0:
        errors.append(str(_("Số phiếu và số người không được âm.")))
    if present > eligible:
        errors.append(str(BALLOT_PRESENT % {"present": present, "eligible": eligible}))
    if sum(counts.values()) > present:
        errors.append(str(BALLOT_SUM % {"total": sum(counts.values()), "present": present}))
    if errors:
        raise ValidationError(errors)
    ballot = Ballot.objects.select_for_update().filter(subject=subject).first()
    before = snapshot(ballot) if ballot is not None else None
    if ballot is None:
        ballot = Ballot(subject=subject)
    ballot.votes_excellent, ballot.votes_good = counts[3], counts[2]
    ballot.votes_completed, ballot.votes_not_completed = counts[1], counts[0]
    ballot.present, ballot.eligible, ballot.recorded_by = present, eligible, by
    ballot.save()
    events.ballot_recorded_event(ballot=ballot, by=by, before=before)
    return ballot


@transaction.atomic
def subject_override(*, subject: Subject, by: AbstractBaseUser, override: str, reason: str) -> Subject:
    """Include or exclude a subject by hand, with a recorded reason (or clear the hand decision)."""
    subject = locks.subject_for_update(subject.pk)
    if not P.allowed(by, "include_exclude", subject):
        raise ValidationError(_("Bạn không có quyền đưa vào hoặc loại ra đối tượng này."))
    if override not in Override.values:
        raise ValidationError(_("Quyết định thủ công không hợp lệ."))
    if override and not reason.strip():
        raise ValidationError({"reason": [str(OVERRIDE_REASON)]})
    before = snapshot(subject, exclude=["reason_details"])
    subject.override = override
    subject.override_reason = reason.strip() if override else ""
    subject.override_by = by if override else None
    subject.override_at = timezone.now() if override else None
    subject.version += 1
    subject.save(update_fields=["override", "override_reason", "override_by", "override_at", "version"])
    events.subject_override_event(subject=subject, by=by, before=before)
    return subject


# --- quota panel ----------------------------------------------------------------------------------------


@gc_paused()
def quota_panel(*, campaign: Campaign, root: Organization) -> list[QuotaRow]:
    """Capacity and over-quota list of every quota scope with a subject under ``root`` (R-50 …).

    Each subject counts with its most advanced level among PROPOSED, APPRAISED and DECIDED, lowered to its
    cap: ``quota_rows`` at DECIDED, the same computation as the preview and the list pages. Below the
    campaign's root (a commune, a cell, an agency) only what those scopes depend on is read
    (``scoped.unit_inputs``: the subjects under ``root``, the peers of their scopes outside it — a cell's
    grassroots organization for R-50 — and their caps' inputs), not the whole campaign; every scope shown
    is then counted whole. A district's committee holds so much of a province that the whole read (seven
    queries) is as fast as reading its part by ids (docs/performance.md, Pages): it reads the whole.
    """
    rs = ruleset_of(campaign)
    snap, subjects, levels = unit_inputs(campaign=campaign, root=root, rs=rs)
    orgs = snap.orgs

    def under_root(pk: int) -> bool:
        unit = orgs.get(subjects.rows[pk].unit_id)
        return unit is not None and unit.path.startswith(root.path)

    return quota_rows(rs, campaign, snap, subjects, levels, RatingStage.DECIDED, under_root)
