"""The work due for a user ("Việc của tôi"): per role held, what is left to do in the open campaigns.

Counts come from one grouped query per (role, campaign) — never one per subject — so the home page's
queries grow with the user's roles, not with the size of their subtree. Each item names the route of the
page that does the work (URL name and arguments), the web layer turns it into a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Length
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.accounts.access import Grant, user_scope
from xeploai.accounts.models import Role
from xeploai.campaigns.models import (
    Appeal,
    AppealStatus,
    Campaign,
    CampaignStatus,
    Deadline,
    DeadlineKind,
    Opinion,
    Rating,
    RatingStage,
    ReviewStatus,
    Subject,
)
from xeploai.registry.models import PATH_SEGMENT, Organization, in_subtree

COLLECTIVE_TYPES = ("ORGANIZATION", "COLLECTIVE")
# Which deadline applies to the work of each role (plan S-10, S-12).
ROLE_DEADLINE = {
    Role.MEMBER: DeadlineKind.REVIEW_AND_REPORT,
    Role.CELL_SECRETARY: DeadlineKind.REVIEW_AND_REPORT,
    Role.SUPERVISOR: DeadlineKind.SUPERVISOR_COMMENTS,
    Role.COMMITTEE_OFFICER: DeadlineKind.REVIEW_AND_REPORT,
    Role.ORG_COMMISSION: DeadlineKind.DECISION,
    Role.STANDING_COMMITTEE: DeadlineKind.DECISION,
}


@dataclass(frozen=True)
class WorkItem:
    """One line of the home page: what, how many, by when, and the page (route, args) that does it."""

    label: str
    count: int | None
    due_on: date | None
    late: bool
    route: str
    args: tuple[int | str, ...]
    query: str = ""


def _rated(stage: str) -> Exists:
    return Exists(Rating.objects.filter(subject=OuterRef("pk"), stage=stage))


def _decidable(grant: Grant) -> Q:
    """The subjects a standing committee decides (R-86): at most one level down; an organization only by
    the committee above it (nobody decides its own level). Needs the ``depth`` annotation of ``_counts``."""
    return Q(depth__lte=len(grant.path) + PATH_SEGMENT) & ~Q(subject_type="ORGANIZATION", org_path=grant.path)


def _counts(subjects: object, decidable: Q | None = None) -> dict[str, int]:
    """Every count a role may need, in one aggregate over the subjects (a queryset); ``decidable`` narrows
    the decisions to those of the role (R-86)."""
    annotated = subjects.annotate(  # type: ignore[attr-defined]
        depth=Length("org_path"),
        p=_rated(RatingStage.PROPOSED),
        a=_rated(RatingStage.APPRAISED),
        d=_rated(RatingStage.DECIDED),
        u=_rated(RatingStage.PUBLISHED),
        o=Exists(Opinion.objects.filter(subject=OuterRef("pk"))),
    )
    return annotated.aggregate(
        to_propose=Count("pk", filter=Q(classify=True, p=False)),
        to_review=Count("pk", filter=Q(review=True, o=False)),
        to_appraise=Count("pk", filter=Q(classify=True, p=True, a=False)),
        to_decide=Count("pk", filter=Q(classify=True, p=True, d=False) & (decidable or Q())),
        to_publish=Count("pk", filter=Q(d=True, u=False)),
    )


def _open_appeals(campaign: Campaign, grant: Grant) -> int:
    """The appeals still open that this committee resolves (R-81): on subjects at least two levels down
    (the committee above the one that decided), one level down at the root, where nobody is above."""
    down = 1 if len(grant.path) == PATH_SEGMENT else 2
    appeals = Appeal.objects.filter(subject__campaign=campaign, status=AppealStatus.OPEN).filter(
        in_subtree("subject__org_path", grant.path)
    )
    lowest = len(grant.path) + down * PATH_SEGMENT
    return appeals.alias(depth=Length("subject__org_path")).filter(depth__gte=lowest).count()


def _collective_reviews(campaign: Campaign, grant: Grant) -> int:
    """The reviews (Mẫu 01) not yet submitted of the grant's own organization and its collectives: the
    committee writes them for the unit it serves (S-13), the units below write their own."""
    own = Subject.objects.filter(
        campaign=campaign, org_path=grant.path, review=True, subject_type__in=COLLECTIVE_TYPES
    )
    return own.exclude(written_review__status=ReviewStatus.SUBMITTED).count()


def _campaigns_for(grant: Grant) -> list[Campaign]:
    """The open campaigns whose tree meets the grant's subtree (above it or below it)."""
    campaigns = Campaign.objects.filter(status=CampaignStatus.OPEN).select_related("root")
    return [c for c in campaigns if grant.covers(c.root.path) or grant.path.startswith(c.root.path)]


def _due(campaign: Campaign, tier: str, kind: str, today: date) -> tuple[date | None, bool]:
    due = Deadline.objects.filter(campaign=campaign, tier=tier, kind=kind).order_by("due_on").first()
    return (due.due_on, due.due_on < today) if due else (None, False)


ROLE_LINES = {
    Role.CELL_SECRETARY: [
        ("to_propose", gettext_lazy("Đề xuất mức xếp loại của chi bộ")),
        ("to_review", gettext_lazy("Kiểm điểm tập thể, góp ý đảng viên")),
    ],
    Role.SUPERVISOR: [("to_review", gettext_lazy("Cho ý kiến đối với đối tượng phụ trách"))],
    Role.COMMITTEE_OFFICER: [
        ("own_reviews", gettext_lazy("Kiểm điểm tập thể của cấp ủy, tổ chức đảng")),  # Mẫu 01, S-13
        ("to_propose", gettext_lazy("Đề xuất mức xếp loại")),  # the committee proposes its subtree
        ("to_review", gettext_lazy("Cho ý kiến của cấp ủy")),
    ],
    Role.ORG_COMMISSION: [("to_appraise", gettext_lazy("Thẩm định mức xếp loại"))],
    Role.STANDING_COMMITTEE: [
        ("to_decide", gettext_lazy("Quyết định mức xếp loại")),
        ("to_publish", gettext_lazy("Công bố kết quả")),
        ("appeals", gettext_lazy("Giải quyết kiến nghị")),
    ],
}


def _officer_items(grant: Grant, tier: str, today: date) -> list[WorkItem]:
    items = []
    for campaign in _campaigns_for(grant):
        decidable = _decidable(grant) if grant.role == Role.STANDING_COMMITTEE else None
        counts = _counts(Subject.objects.filter(campaign=campaign).subtree(grant.path), decidable)
        if grant.role == Role.STANDING_COMMITTEE:
            counts["appeals"] = _open_appeals(campaign, grant)
        if grant.role == Role.COMMITTEE_OFFICER:
            counts["own_reviews"] = _collective_reviews(campaign, grant)
        due_on, late = _due(campaign, tier, ROLE_DEADLINE.get(grant.role, DeadlineKind.DECISION), today)
        # The page of the grant's organization in the campaign, or of the campaign's root when the grant
        # is held above it (a campaign of one district seen from the province).
        where = grant.organization_id if grant.path.startswith(campaign.root.path) else campaign.root_id
        for key, label in ROLE_LINES.get(grant.role, []):
            if not counts[key]:
                continue
            if key == "to_publish":  # publishing opens its confirmation page
                route, args = "campaigns:publish", (campaign.pk, where)
            else:
                route, args = _page_of(key, counts[key], campaign, where)
            items.append(WorkItem(str(label), counts[key], due_on, late, route, args))
    return items


# Work done on a whole list (web/views/stage_lists.py): the count's key → the list's URL slug.
LIST_SLUGS = {"to_propose": "de-xuat", "to_appraise": "tham-dinh", "to_decide": "quyet-dinh"}


def _page_of(key: str, count: int, campaign: Campaign, org_id: int) -> tuple[str, tuple[int | str, ...]]:
    """The page that does the work: the unit's list for several subjects to rate, else the unit's page."""
    if key in LIST_SLUGS and count > 1:
        return "campaigns:stage_list", (campaign.pk, org_id, LIST_SLUGS[key])
    return "campaigns:organization", (campaign.pk, org_id)


def _tiers(grants: tuple[Grant, ...]) -> dict[int, str]:
    pks = [g.organization_id for g in grants]
    return dict(Organization.objects.filter(pk__in=pks).values_list("pk", "tier"))


def _member_items(person_ids: frozenset[int], today: date) -> list[WorkItem]:
    """The user's own self-reviews not yet submitted, in open campaigns."""
    rows = (
        Subject.objects.filter(person_id__in=person_ids, review=True, campaign__status=CampaignStatus.OPEN)
        .exclude(written_review__status=ReviewStatus.SUBMITTED)
        .select_related("campaign", "unit")
    )
    items = []
    for s in rows:
        due_on, late = _due(s.campaign, s.unit.tier, DeadlineKind.REVIEW_AND_REPORT, today)
        items.append(WorkItem(_("Viết bản tự kiểm điểm"), 1, due_on, late, "campaigns:subject", (s.pk,)))
    return items


def _published_items(person_ids: frozenset[int]) -> list[WorkItem]:
    """The user's own results already published (R-88): one line per subject, to read it and appeal."""
    if not person_ids:
        return []
    rows = (
        Subject.objects.filter(person_id__in=person_ids)
        .filter(_rated(RatingStage.PUBLISHED))
        .select_related("campaign")
        .order_by("-campaign__year", "pk")
    )
    label = _("Kết quả xếp loại đã công bố: %(campaign)s")
    return [
        WorkItem(label % {"campaign": s.campaign.name}, None, None, False, "campaigns:subject", (s.pk,))
        for s in rows
    ]


def work_items(user: object, today: date) -> list[WorkItem]:
    """Every line of the user's home page, in the order of their grants."""
    scope = user_scope(user)  # type: ignore[arg-type]
    items = _member_items(scope.own_person_ids, today) + _published_items(scope.own_person_ids)
    tiers = _tiers(scope.grants)
    for grant in scope.grants:
        if grant.role != Role.MEMBER:
            items += _officer_items(grant, tiers.get(grant.organization_id, ""), today)
        if grant.role in (Role.CELL_SECRETARY, Role.COMMITTEE_OFFICER, Role.STANDING_COMMITTEE):
            items.append(WorkItem(_("Gửi báo cáo lên cấp trên"), None, None, False, "submissions:home", (),
                                  f"?org={grant.organization_id}"))  # fmt: skip
    return items
