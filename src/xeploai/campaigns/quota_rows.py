"""The quota (R-50 …) of the scopes a page shows, computed once for every page that shows one.

The quota page (``decisions.quota_panel``), the list pages (``list_ratings``) and the single-subject
preview all go through ``checking.stage_quota``: one count of each scope, so the limit a form shows next to
a level and the limit the quota page shows are the same number (issue 12).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from xeploai.rules import Level, QuotaKind, Ruleset

from .checking import QUOTA_STAGES, quota_scope, stage_quota, subject_target
from .facts import CampaignSubjects, Levels, SubjectRef
from .models import Campaign, RatingStage
from .snapshot import RegistrySnapshot

__all__ = ["QuotaRow", "quota_rows", "scope_path"]


@dataclass(frozen=True, slots=True)
class QuotaRow:
    kind: str
    rule_id: str
    scope_label: str
    candidates: int
    good: int
    max_excellent: int
    over_quota: int
    over_list: tuple[tuple[int, str, str, str], ...]  # (subject pk, code, name, stage) of the HTXS candidates
    scope: Hashable = None
    family: QuotaKind | None = None  # the quota family (R-50h: a raised share is decided per family and unit)

    @property
    def candidate_ids(self) -> set[int]:
        return {pk for pk, *_rest in self.over_list}


KIND_LABELS = {
    QuotaKind.PARTY_MEMBERS: _("Đảng viên (trong từng tổ chức cơ sở đảng)"),
    QuotaKind.COLLECTIVES: _("Tập thể lãnh đạo, quản lý (cùng loại, cùng cấp)"),
    QuotaKind.LEADERS: _("Cán bộ lãnh đạo, quản lý (chức danh tương đương)"),
    QuotaKind.CIVIL_SERVANTS: _("Cán bộ, công chức, viên chức (cơ quan, nhóm)"),
    QuotaKind.ORGANIZATIONS: _("Tổ chức đảng (cùng loại hình)"),
}


def scope_path(snap: RegistrySnapshot, ref: SubjectRef) -> tuple[QuotaKind, Hashable, str | None] | None:
    """The quota family, scope and (where the scope is an organization) its path of a subject."""
    scoped = quota_scope(snap, ref)
    if scoped is None:
        return None
    kind, scope = scoped
    org_id: Any = None
    if kind in (QuotaKind.PARTY_MEMBERS, QuotaKind.COLLECTIVES):
        org_id = scope[1]  # type: ignore[index]
    elif kind is QuotaKind.CIVIL_SERVANTS:
        org_id = scope[0]  # type: ignore[index]
    path = snap.orgs[org_id].path if org_id in snap.orgs else None
    return kind, scope, path


def scope_label(snap: RegistrySnapshot, kind: QuotaKind, scope: Any) -> str:
    def org(pk: Any) -> str:
        return snap.orgs[pk].name if pk in snap.orgs else "—"

    if kind is QuotaKind.PARTY_MEMBERS:
        return org(scope[1])
    if kind is QuotaKind.COLLECTIVES:
        return f"{org(scope[1])} · {scope[2]}"
    if kind is QuotaKind.LEADERS:
        return f"{scope[0]} · {scope[1]}"
    if kind is QuotaKind.CIVIL_SERVANTS:
        return f"{org(scope[0])} · {scope[1]}"
    return f"{scope[0]} · {scope[1]}"


def _stage_of(levels: Levels, pk: int, stage: str) -> str:
    """The stage a subject's counted level comes from: ``stage`` itself, else its most advanced one."""
    stages = levels.get(pk, {})
    if stage in stages:
        return stage
    usable = [s for s in QUOTA_STAGES if s in stages]
    return usable[-1] if usable else stage


def quota_rows(
    rs: Ruleset,
    campaign: Campaign,
    snap: RegistrySnapshot,
    subjects: CampaignSubjects,
    levels: Levels,
    stage: str,
    shown: Callable[[int], bool],
) -> list[QuotaRow]:
    """One row per quota scope holding a subject for which ``shown(pk)`` is true, solved at ``stage``."""
    _out, groups, _state = stage_quota(rs, campaign, snap, subjects, levels, stage)
    rows: list[QuotaRow] = []
    for kind, items, results in groups:
        wanted = {i.scope for i in items if shown(i.subject_id)}
        for scope, res in results.items():
            if scope not in wanted:
                continue
            over = tuple(
                (
                    i.subject_id,
                    *subject_target(snap, subjects.rows[i.subject_id]),
                    str(RatingStage(_stage_of(levels, i.subject_id, stage)).label),
                )
                for i in items
                if i.scope == scope and i.level == Level.EXCELLENT and res.over_quota
            )
            rows.append(
                QuotaRow(
                    str(KIND_LABELS[kind]),
                    res.rule_id,
                    scope_label(snap, kind, scope),
                    res.candidates,
                    res.good,
                    res.max_excellent,
                    res.over_quota,
                    over,
                    scope,
                    kind,
                )  # fmt: skip
            )
    rows.sort(key=lambda r: (-r.over_quota, r.kind, r.scope_label))
    return rows
