"""The publication page of a unit (S-15 "công khai kết quả", R-88; conventions.md §4.4).

A unit's results are its own level, the levels of its leadership collectives and of the people whose
subjects belong to it (party members of the cell, leaders and CBCCVC of the unit). They are shown to
the unit's members — any role held inside the unit's subtree (a MEMBER of the cell included) and any
role above it — only once they are published: the level shown is the latest PUBLISHED row of each
subject, so a decision taken after the publication stays hidden until it is published in turn. Before
any publication the page says "Kết quả chưa được công khai".

Nothing about ballots is read here (conventions.md §4.4: tallies are counts per level and are not part
of the publication), nor any opinion, review text or score: only who and which level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext as _

from xeploai.accounts.access import User, user_scope
from xeploai.campaigns.models import Campaign, Override, Rating, RatingStage
from xeploai.registry.models import CollectiveKind, Organization
from xeploai.rules.kinds import SubjectType
from xeploai.rules.levels import Level

PERSON_TYPES = (SubjectType.PARTY_MEMBER, SubjectType.LEADER, SubjectType.CIVIL_SERVANT)


@dataclass(frozen=True, slots=True)
class PublishedRow:
    """One published result: whose, in which role, which level, when it was published."""

    subject_id: int
    subject_type: str
    name: str
    detail: str
    level: Level
    published_at: datetime
    sort_key: str = ""

    @property
    def role_label(self) -> str:
        return SubjectType(self.subject_type).label


@dataclass(slots=True)
class Publication:
    """The published results of a unit in one campaign, by family (empty lists when nothing is published)."""

    unit: Organization
    campaign: Campaign | None
    organizations: list[PublishedRow] = field(default_factory=list)
    collectives: list[PublishedRow] = field(default_factory=list)
    people: list[PublishedRow] = field(default_factory=list)

    @property
    def is_published(self) -> bool:
        return bool(self.organizations or self.collectives or self.people)

    @property
    def published_at(self) -> datetime | None:
        rows = [*self.organizations, *self.collectives, *self.people]
        return max((r.published_at for r in rows), default=None)


def can_see_publication(user: User, unit: Organization) -> bool:
    """R-88 / S-15: a role inside the unit's subtree (MEMBER included) or above it; a superuser."""
    scope = user_scope(user)
    if scope.everything:
        return True
    return any(g.path.startswith(unit.path) or unit.path.startswith(g.path) for g in scope.grants)


def publication_unit_for_user(user: User, pk: int) -> Organization:
    """The organization ``pk`` if ``user`` may read its publication; 404 otherwise (existence not leaked)."""
    unit = Organization.objects.filter(pk=pk).select_related("parent").first()
    if unit is None or not can_see_publication(user, unit):
        raise Http404(_("Không tìm thấy tổ chức."))
    return unit


def unit_publication(*, campaign: Campaign | None, unit: Organization) -> Publication:
    """The published results of ``unit`` in ``campaign`` (one query): its own, its collectives', its people's.

    A subject counts when its latest PUBLISHED row exists; the level is that row's (R-88). Subjects
    excluded by hand (``Override.EXCLUDED``) are left out whatever was written before.
    """
    result = Publication(unit=unit, campaign=campaign)
    if campaign is None:
        return result
    later = Rating.objects.filter(
        subject_id=OuterRef("subject_id"), stage=RatingStage.PUBLISHED, pk__gt=OuterRef("pk")
    )
    rows = (
        Rating.objects.filter(stage=RatingStage.PUBLISHED, subject__campaign=campaign)
        .filter(Q(subject__unit=unit) | Q(subject__organization=unit))
        .exclude(subject__override=Override.EXCLUDED)
        .filter(~Exists(later))
        .values_list(
            "subject_id", "subject__subject_type", "level", "created_at",
            "subject__person__full_name", "subject__person__positions", "subject__person__name_sort",
            "subject__collective__name", "subject__collective__kind", "subject__organization__name",
        )
    )
    for sid, stype, level, at, pname, positions, psort, cname, ckind, oname in rows:
        if stype in PERSON_TYPES:
            row = PublishedRow(sid, stype, pname or "", positions or "", Level(level), at, psort or "")
            result.people.append(row)
        elif stype == SubjectType.COLLECTIVE:
            detail = str(CollectiveKind(ckind).label) if ckind in CollectiveKind.values else ckind or ""
            row = PublishedRow(sid, stype, cname or "", detail, Level(level), at, cname or "")
            result.collectives.append(row)
        else:
            result.organizations.append(PublishedRow(sid, stype, oname or "", "", Level(level), at))
    result.people.sort(key=lambda r: (r.sort_key, r.subject_type, r.subject_id))
    result.collectives.sort(key=lambda r: (r.sort_key, r.subject_id))
    return result
