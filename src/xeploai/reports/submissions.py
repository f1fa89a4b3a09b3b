"""Reports sent upward (S-10, R-95): submit, return with comments, accept; the inbox; submission dates.

Who may do what (checked here, on the server, for every write; the pages call the same functions):

- submit: a COMMITTEE_OFFICER or CELL_SECRETARY role held **at** the submitting organization, an ADMIN
  role covering it, or a superuser;
- read the inbox, return, accept: an ORG_COMMISSION, STANDING_COMMITTEE or COMMITTEE_OFFICER role held
  at a **strict ancestor** of the submitting organization (the superior side), or a superuser;
- read a submission: the inbox readers above, and any role other than MEMBER covering the sender.
  Anything else answers 404 (``get_submission_for_user``).

Every transition is one row change plus one audit event (``xeploai.audit.services.audit_record``) in the
same transaction; the row is locked first (``select_for_update``) so two reviewers cannot both act.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Min, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.accounts.access import User, user_scope
from xeploai.accounts.models import Role
from xeploai.audit.services import audit_record
from xeploai.campaigns.models import Campaign, Deadline, DeadlineKind
from xeploai.registry.models import PARTY_ORGANIZATION_KINDS, Organization, in_subtree
from xeploai.reports import docx, selectors
from xeploai.reports.exports import organization_issuer
from xeploai.reports.models import ReportSubmission, SubmissionStatus
from xeploai.reports.xlsx import statistics_xlsx

SUBMIT_ROLES = frozenset({Role.COMMITTEE_OFFICER, Role.CELL_SECRETARY})
REVIEW_ROLES = frozenset({Role.ORG_COMMISSION, Role.STANDING_COMMITTEE, Role.COMMITTEE_OFFICER})
COUNTED = (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)  # a returned revision does not count

NOT_ALLOWED_SUBMIT = gettext_lazy("Bạn không có quyền gửi báo cáo của tổ chức này lên cấp trên.")
NOT_ALLOWED_REVIEW = gettext_lazy("Bạn không có quyền xử lý báo cáo của tổ chức này.")
NO_SUPERIOR = gettext_lazy("Tổ chức này không có cấp ủy cấp trên trong hệ thống để nhận báo cáo.")
NOT_COVERED = gettext_lazy("Đợt đánh giá không bao trùm tổ chức này.")
ALREADY_PENDING = gettext_lazy("Báo cáo lần %(revision)s đang chờ cấp trên tiếp nhận; không gửi thêm.")
ALREADY_ACCEPTED = gettext_lazy("Báo cáo đã được cấp trên tiếp nhận; không gửi lại.")
NOT_PENDING = gettext_lazy("Báo cáo này không còn chờ xử lý (trạng thái: %(status)s).")
COMMENT_REQUIRED = gettext_lazy("Khi trả lại báo cáo phải ghi rõ ý kiến (trường: ý kiến của cấp trên).")


# --- permissions ------------------------------------------------------------------------------------

def can_submit(user: User, organization: Organization) -> bool:
    scope = user_scope(user)
    if scope.everything:
        return True
    return any(
        (g.role in SUBMIT_ROLES and g.path == organization.path)
        or (g.role == Role.ADMIN and g.covers(organization.path))
        for g in scope.grants
    )


def _review_paths(user: User) -> list[str]:
    return sorted({g.path for g in user_scope(user).grants if g.role in REVIEW_ROLES})


def can_review(user: User, submission: ReportSubmission) -> bool:
    """A reviewing role at a strict ancestor of the sender (the superior side), or a superuser."""
    if user_scope(user).everything:
        return True
    path = submission.org_path
    return any(path.startswith(p) and path != p for p in _review_paths(user))


def _sees_as_sender(user: User, submission: ReportSubmission) -> bool:
    scope = user_scope(user)
    return any(g.role != Role.MEMBER and g.covers(submission.org_path) for g in scope.grants)


# --- reads ------------------------------------------------------------------------------------------

def inbox_for(user: User, *, campaign: Campaign | None = None) -> QuerySet[ReportSubmission]:
    """Submissions the user reviews: senders strictly below a reviewing role's organization."""
    qs = ReportSubmission.objects.select_related("organization", "recipient", "campaign", "submitted_by")
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if user_scope(user).everything:
        return qs
    return qs.filter(in_subtree("org_path", _review_paths(user), strictly_below=True))


def get_submission_for_user(user: User, pk: int) -> ReportSubmission:
    """The submission ``pk`` if the user reviews it or sits on the sender's side; 404 otherwise."""
    submission = (
        ReportSubmission.objects.select_related("organization", "recipient", "campaign", "submitted_by",
                                                "reviewed_by")
        .filter(pk=pk).first()
    )
    if submission is None or not (can_review(user, submission) or _sees_as_sender(user, submission)):
        raise Http404(_("Không tìm thấy báo cáo."))
    return submission


def submissions_of(*, campaign: Campaign, organization: Organization) -> list[ReportSubmission]:
    """Every revision a committee sent for a campaign, oldest first (the history)."""
    return list(
        ReportSubmission.objects.filter(campaign=campaign, organization=organization)
        .select_related("submitted_by", "reviewed_by").order_by("revision")
    )


# --- services ---------------------------------------------------------------------------------------

def _snapshot(s: ReportSubmission) -> dict[str, object]:
    return {
        "campaign": s.campaign_id, "organization": s.organization_id, "revision": s.revision,
        "status": s.status, "review_comment": s.review_comment,
    }


@transaction.atomic
def report_submit(
    *, campaign: Campaign, organization: Organization, by: AbstractBaseUser, note: str = "",
    on: date | None = None,
) -> ReportSubmission:
    """Generate the summary report and the statistical tables of ``organization`` and send them upward."""
    if not can_submit(by, organization):
        raise PermissionDenied(NOT_ALLOWED_SUBMIT)
    if organization.parent_id is None:
        raise ValidationError(NO_SUPERIOR)
    if not selectors.campaigns_covering(organization).filter(pk=campaign.pk).exists():
        raise ValidationError(NOT_COVERED)
    # Lock the committee's rows so two officers submitting at once get revisions 1 and 2, not a clash.
    rows = list(
        ReportSubmission.objects.select_for_update()
        .filter(campaign=campaign, organization=organization).order_by("revision")
    )
    pending = next((r for r in rows if r.status == SubmissionStatus.SUBMITTED), None)
    if pending is not None:
        raise ValidationError(ALREADY_PENDING % {"revision": pending.revision})
    if any(r.status == SubmissionStatus.ACCEPTED for r in rows):
        raise ValidationError(ALREADY_ACCEPTED)
    revision = max((r.revision for r in rows), default=0) + 1
    stats = selectors.campaign_statistics(campaign=campaign, root=organization)
    summary = docx.summary_report(campaign=campaign, root=organization, stats=stats, on=on)
    workbook = statistics_xlsx(stats, issuer=organization_issuer(organization))
    submission = ReportSubmission(
        campaign=campaign, organization=organization, recipient_id=organization.parent_id,
        org_path=organization.path, revision=revision, note=note.strip(), submitted_by=by,
        submitted_at=timezone.now(),
    )
    name = f"{campaign.year}-{organization.code}"
    submission.summary_document.save(f"bao-cao-{name}.docx", ContentFile(summary), save=False)
    submission.statistics_workbook.save(f"thong-ke-{name}.xlsx", ContentFile(workbook), save=False)
    submission.save()
    audit_record(action="report.submitted", obj=submission, actor=by, org_path=organization.path,
                 after=_snapshot(submission))
    return submission


def _locked_pending(submission: ReportSubmission, by: AbstractBaseUser) -> ReportSubmission:
    if not can_review(by, submission):
        raise PermissionDenied(NOT_ALLOWED_REVIEW)
    locked = ReportSubmission.objects.select_for_update().get(pk=submission.pk)
    if locked.status != SubmissionStatus.SUBMITTED:
        raise ValidationError(NOT_PENDING % {"status": locked.get_status_display()})
    return locked


@transaction.atomic
def report_return(*, submission: ReportSubmission, by: AbstractBaseUser, comment: str) -> ReportSubmission:
    """Return a pending submission with comments; the committee then submits a new revision."""
    if not comment.strip():
        _locked_pending(submission, by)  # the permission and the state are checked first
        raise ValidationError(COMMENT_REQUIRED)
    return _close_review(submission, by, SubmissionStatus.RETURNED, comment, "report.returned")


@transaction.atomic
def report_accept(
    *, submission: ReportSubmission, by: AbstractBaseUser, comment: str = ""
) -> ReportSubmission:
    """Accept a pending submission (its date stays the submission date counted against the deadline)."""
    return _close_review(submission, by, SubmissionStatus.ACCEPTED, comment, "report.accepted")


def _close_review(submission: ReportSubmission, by: AbstractBaseUser, status: str, comment: str,
                  action: str) -> ReportSubmission:
    """Set the pending submission's review (status, comment, reviewer, time) and audit it."""
    locked = _locked_pending(submission, by)
    before = _snapshot(locked)
    locked.status = status
    locked.review_comment = comment.strip()
    locked.reviewed_by = by
    locked.reviewed_at = timezone.now()
    locked.save(update_fields=["status", "review_comment", "reviewed_by", "reviewed_at"])
    audit_record(action=action, obj=locked, actor=by, org_path=locked.org_path, before=before,
                 after=_snapshot(locked))
    return locked


# --- deadlines (S-10) -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SubmissionDate:
    """A committee under the root: its first accepted-or-pending submission against its tier's deadline."""

    organization_id: int
    name: str
    tier: str
    path: str
    submitted_on: date | None
    due_on: date | None
    days_late: int  # 0 when on time (or no deadline); counted to ``on`` while nothing is submitted
    status: str  # latest revision's status, "" when nothing was sent
    revisions: int

    @property
    def late(self) -> bool:
        return self.days_late > 0

    @property
    def status_label(self) -> str:
        return str(SubmissionStatus(self.status).label) if self.status else ""


def _local_date(value: datetime | None) -> date | None:
    return timezone.localdate(value) if value is not None else None


def submission_dates(
    campaign: Campaign, root: Organization, *, on: date | None = None
) -> list[SubmissionDate]:
    """Per party organization strictly under ``root``: first SUBMITTED/ACCEPTED date vs its tier's deadline.

    A returned revision does not count (the report was not good enough); its resubmission's date does.
    The deadline is the campaign's REVIEW_AND_REPORT deadline of the organization's tier (S-10), else its
    DECISION deadline. Three queries whatever the size; late ones first.
    """
    on = on or timezone.localdate()
    due: dict[str, date] = {}
    for tier, kind, due_on in Deadline.objects.filter(
        campaign=campaign, kind__in=[DeadlineKind.REVIEW_AND_REPORT, DeadlineKind.DECISION]
    ).values_list("tier", "kind", "due_on"):
        if kind == DeadlineKind.REVIEW_AND_REPORT or tier not in due:
            due[tier] = due_on
    grouped = (
        ReportSubmission.objects
        .filter(in_subtree("org_path", root.path, strictly_below=True), campaign=campaign)
        .order_by().values("organization_id")
        .annotate(
            first=Min("submitted_at", filter=Q(status__in=COUNTED)),
            revisions=Max("revision"),
        )
    )
    firsts = {g["organization_id"]: (g["first"], g["revisions"]) for g in grouped}
    latest_status = dict(
        ReportSubmission.objects.filter(campaign=campaign, organization_id__in=list(firsts))
        .order_by("organization_id", "revision").values_list("organization_id", "status")
    )
    orgs = (
        Organization.objects.subtree(root).exclude(pk=root.pk).filter(kind__in=PARTY_ORGANIZATION_KINDS)
        .order_by("path").values_list("pk", "name", "tier", "path")
    )
    rows = []
    for pk, name, tier, path in orgs:
        first, revisions = firsts.get(pk, (None, 0))
        submitted_on = _local_date(first)
        deadline = due.get(tier)
        counted = submitted_on or on
        days_late = max(0, (counted - deadline).days) if deadline else 0
        rows.append(SubmissionDate(pk, name, tier, path, submitted_on, deadline, days_late,
                                   latest_status.get(pk, ""), revisions))
    rows.sort(key=lambda r: (-r.days_late, r.path))
    return rows
