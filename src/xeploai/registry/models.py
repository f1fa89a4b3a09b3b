"""The registry: organizations (a tree), leadership collectives, people, status periods, discipline.

Kinds and categories are the rules core's (``xeploai.rules.kinds``): values and labels come from there,
translated when shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xeploai.lib.vietnamese import clean, fold, name_sort_key
from xeploai.rules import kinds

PATH_SEGMENT = 8  # digits per tree level: zero-padded primary key
PATH_END = ":"  # the character after "9": path < prefix + ":" bounds a subtree (binary collation)


def choices_from(name: str, enum: type[StrEnum]) -> Any:
    """A Django ``TextChoices`` with the rules core's values and labels, translated when shown.

    The core (``xeploai.rules.kinds``) is the one source of the kinds: a stored value the core does not
    know could not reach it, and a label written twice drifts.
    """
    return models.TextChoices(name, [(k.name, (k.value, _(k.label))) for k in enum])


OrganizationKind = choices_from("OrganizationKind", kinds.OrgKind)  # plan S-01, S-05
Tier = choices_from("Tier", kinds.Tier)
CollectiveKind = choices_from("CollectiveKind", kinds.CollectiveKind)  # plan S-01, S-06
CivilServiceCategory = choices_from("CivilServiceCategory", kinds.CivilServiceCategory)  # plan S-08
StatusKind = choices_from("StatusKind", kinds.StatusKind)  # S-03, R-10, R-13, R-14
DisciplineForm = choices_from("DisciplineForm", kinds.DisciplineForm)  # mildest first
DisciplineSide = choices_from("DisciplineSide", kinds.Side)

PARTY_ORGANIZATION_KINDS = frozenset(OrganizationKind(k.value) for k in kinds.OrgKind if k.is_party)
# Party organizations a member belongs to directly (chi bộ).
CELL_KINDS = frozenset({OrganizationKind.GRASSROOTS_CELL, OrganizationKind.CELL})


class Gender(models.TextChoices):
    MALE = "M", _("Nam")
    FEMALE = "F", _("Nữ")


code_validator = RegexValidator(
    r"^[A-Za-z0-9_.-]{1,40}$",
    _("Mã chỉ gồm chữ cái không dấu, chữ số và các dấu . _ - (tối đa 40 ký tự)."),
)
CITIZEN_ID_RE = re.compile(r"^\d{12}$")


def validate_citizen_id(value: str) -> None:
    """Check a citizen ID (CCCD / số định danh cá nhân): 12 digits; see conventions.md §3.3."""
    if value and not CITIZEN_ID_RE.match(value):
        raise ValidationError(_("Số CCCD phải gồm đúng 12 chữ số."), code="citizen_id")


def minimal_paths(paths: Iterable[str]) -> list[str]:
    """Sorted distinct paths without those inside a shorter one, so subtree conditions stay few."""
    kept: list[str] = []
    for p in sorted(set(paths)):
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return kept


def path_segment(pk: int) -> str:
    return str(pk).zfill(PATH_SEGMENT)


def subtree_bounds(path: str) -> tuple[str, str]:
    """The range of tree paths in the subtree at ``path``: ``low <= p < high`` (for raw SQL)."""
    return path, path + PATH_END


def in_subtree(field: str, paths: str | Iterable[str], *, strictly_below: bool = False) -> Q:
    """Rows whose tree path ``field`` lies in the subtree of ``paths`` (one path or several).

    A range on the binary-collated path, so the index is used on SQLite and PostgreSQL alike (ADR 0001);
    ``strictly_below`` leaves out the node itself. No path at all matches nothing.
    """
    low = f"{field}__gt" if strictly_below else f"{field}__gte"
    cond = Q(pk__in=[])
    for p in [paths] if isinstance(paths, str) else paths:
        cond |= Q(**{low: p, f"{field}__lt": p + PATH_END})
    return cond


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def subtree(self, root: Organization | str) -> OrganizationQuerySet:
        """The organizations under ``root`` (a node or a path), itself included."""
        return self.filter(in_subtree("path", root if isinstance(root, str) else root.path))

    def within_any(self, paths: list[str]) -> OrganizationQuerySet:
        """The organizations under any of ``paths``."""
        return self.filter(in_subtree("path", paths)) if paths else self.none()


class Organization(models.Model):
    """An organization of the political system: a party body, a government body, a front or mass body."""

    code = models.CharField(_("mã"), max_length=40, unique=True, validators=[code_validator])
    name = models.CharField(_("tên"), max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField(_("loại"), max_length=32, choices=OrganizationKind.choices)
    tier = models.CharField(_("cấp"), max_length=20, choices=Tier.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("trực thuộc"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialized path: the zero-padded primary keys from the root down (binary "C" collation on
    # PostgreSQL, see migration 0002). Set by the registry services, never by hand.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("tổ chức")
        verbose_name_plural = _("tổ chức")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name = clean(self.name)
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        parent = self.parent
        expected = (parent.path if parent else "") + path_segment(self.pk)
        if self.path != expected:
            organization_rebuild_paths(root=self)
            self.refresh_from_db(fields=["path", "depth"])

    def clean(self) -> None:
        if self.pk and self.parent_id:
            ancestor: Organization | None = self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    raise ValidationError(
                        {"parent": _("Không thể đặt tổ chức trực thuộc chính nó hoặc cấp dưới của nó.")}
                    )
                ancestor = ancestor.parent

    @property
    def is_party_organization(self) -> bool:
        return self.kind in PARTY_ORGANIZATION_KINDS


def organization_rebuild_paths(*, root: Organization | None = None) -> int:
    """Recompute ``path`` and ``depth`` for ``root``'s subtree (every tree when None); return rows changed.

    Reads the parent links of the whole table once and walks them in memory (a province is ~1,500
    organizations, a nation ~60,000), then writes only the rows that changed. A cycle is refused.
    """
    parent_of: dict[int, int | None] = {}
    current: dict[int, tuple[str, int]] = {}
    children: dict[int | None, list[int]] = {}
    for pk, parent_id, path, depth in Organization.objects.values_list("pk", "parent_id", "path", "depth"):
        parent_of[pk] = parent_id
        current[pk] = (path, depth)
        children.setdefault(parent_id, []).append(pk)
    if root is None:
        starts = [(pk, "", -1) for pk in children.get(None, [])]
    else:
        chain: list[int] = []
        node: int | None = parent_of[root.pk]
        while node is not None:
            if node == root.pk or node in chain:
                raise ValidationError(_("Cây tổ chức có vòng lặp."), code="cycle")
            chain.append(node)
            node = parent_of[node]
        prefix = "".join(path_segment(pk) for pk in reversed(chain))
        starts = [(root.pk, prefix, len(chain) - 1)]
    changed: list[Organization] = []
    stack = list(starts)
    seen: set[int] = set()
    while stack:
        pk, parent_path, parent_depth = stack.pop()
        if pk in seen:
            raise ValidationError(_("Cây tổ chức có vòng lặp."), code="cycle")
        seen.add(pk)
        path, depth = parent_path + path_segment(pk), parent_depth + 1
        if current[pk] != (path, depth):
            changed.append(Organization(pk=pk, path=path, depth=depth))
        stack.extend((child, path, depth) for child in children.get(pk, []))
    if root is None and len(seen) != len(parent_of):
        raise ValidationError(_("Cây tổ chức có vòng lặp."), code="cycle")
    Organization.objects.bulk_update(changed, ["path", "depth"], batch_size=1000)
    return len(changed)


class Collective(models.Model):
    """A leadership collective (tập thể lãnh đạo, quản lý) of an organization (S-01, S-06)."""

    code = models.CharField(_("mã"), max_length=40, unique=True, validators=[code_validator])
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=32, choices=CollectiveKind.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="collectives"
    )
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)

    class Meta:
        ordering = ["organization__path", "code"]
        verbose_name = _("tập thể lãnh đạo")
        verbose_name_plural = _("tập thể lãnh đạo")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name = clean(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Person(models.Model):
    """A person: party member, cadre, civil servant, public employee or employee."""

    code = models.CharField(_("mã"), max_length=40, unique=True, validators=[code_validator])
    full_name = models.CharField(_("họ và tên"), max_length=120)
    name_folded = models.CharField(max_length=120, editable=False, db_index=True)
    # Hex of the ICU "vi" keys of given, middle, family name; binary collation (migration 0002).
    name_sort = models.CharField(max_length=400, editable=False, db_index=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    gender = models.CharField(_("giới tính"), max_length=1, choices=Gender.choices, blank=True)
    citizen_id = models.CharField(
        _("số CCCD"), max_length=12, blank=True, validators=[validate_citizen_id], db_index=True
    )
    party_card_number = models.CharField(_("số thẻ đảng viên"), max_length=20, blank=True)
    party_organization = models.ForeignKey(
        Organization, verbose_name=_("chi bộ sinh hoạt"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="party_members",
    )
    admitted_on = models.DateField(_("ngày vào Đảng"), null=True, blank=True)
    full_member_on = models.DateField(_("ngày chính thức"), null=True, blank=True)
    civil_service_category = models.CharField(
        _("ngạch, đối tượng"), max_length=20, choices=CivilServiceCategory.choices,
        default=CivilServiceCategory.NONE,
    )
    workplace = models.ForeignKey(
        Organization, verbose_name=_("cơ quan, đơn vị công tác"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="staff",
    )
    positions = models.CharField(_("chức vụ"), max_length=255, blank=True)
    is_head = models.BooleanField(_("người đứng đầu"), default=False)
    managing_committee = models.ForeignKey(
        Organization, verbose_name=_("cấp ủy quản lý"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="managed_people",
    )
    # when the person started at the current agency (six months worked in the year).
    employed_from = models.DateField(_("ngày bắt đầu công tác tại cơ quan"), null=True, blank=True)
    # the unit a leader who is not its head (a deputy) leads directly; its level caps theirs.
    led_unit = models.ForeignKey(
        Organization, verbose_name=_("đơn vị trực tiếp phụ trách"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="deputies",
    )

    class Meta:
        ordering = ["name_sort"]
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.full_name = clean(self.full_name)
        self.name_folded = fold(self.full_name)
        self.name_sort = name_sort_key(self.full_name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_party_member(self) -> bool:
        return self.admitted_on is not None


class Membership(models.Model):
    """A person's seat in a leadership collective, over a period."""

    collective = models.ForeignKey(
        Collective, verbose_name=_("tập thể"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("chức danh trong tập thể"), max_length=120, blank=True)
    is_head = models.BooleanField(_("người đứng đầu"), default=False)
    start = models.DateField(_("từ ngày"), null=True, blank=True)
    end = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["collective", "-is_head", "pk"]
        verbose_name = _("thành viên tập thể")
        verbose_name_plural = _("thành viên tập thể")
        constraints = [
            models.UniqueConstraint(fields=["collective", "person", "start"], name="membership_unique_start"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="membership_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.collective}"


class StatusPeriod(models.Model):
    """A period in which a person is exempt, suspended, on sick or maternity leave."""

    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), on_delete=models.CASCADE, related_name="status_periods"
    )
    kind = models.CharField(_("tình trạng"), max_length=24, choices=StatusKind.choices)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        ordering = ["person", "start"]
        verbose_name = _("tình trạng")
        verbose_name_plural = _("tình trạng")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="status_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.person})"


class Discipline(models.Model):
    """A disciplinary decision on a person, a collective or an organization (exactly one of them)."""

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="disciplines",
        verbose_name=_("cá nhân"),
    )
    collective = models.ForeignKey(
        Collective, null=True, blank=True, on_delete=models.CASCADE, related_name="disciplines",
        verbose_name=_("tập thể"),
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="disciplines",
        verbose_name=_("tổ chức"),
    )
    form = models.CharField(_("hình thức"), max_length=24, choices=DisciplineForm.choices)
    side = models.CharField(_("loại kỷ luật"), max_length=8, choices=DisciplineSide.choices)
    decided_on = models.DateField(_("ngày quyết định"))
    violation_year = models.PositiveSmallIntegerField(_("năm xảy ra vi phạm"))
    # One violation counts once across years and sides (R-33d, R-76): both decisions name it alike.
    violation_ref = models.CharField(_("mã vi phạm"), max_length=60, blank=True)
    self_remedied = models.BooleanField(_("tự phát hiện và khắc phục xong hậu quả"), default=False)
    # R-33d, R-76: the violation was already the basis of a KHTNV in an earlier year: not counted again.
    # Bulk writers that name no value for it (the demo's rows) get the database's default.
    counted_before = models.BooleanField(
        _("đã làm căn cứ xếp loại không hoàn thành nhiệm vụ năm trước"), default=False, db_default=False
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        ordering = ["-decided_on"]
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, collective__isnull=True, organization__isnull=True)
                    | Q(person__isnull=True, collective__isnull=False, organization__isnull=True)
                    | Q(person__isnull=True, collective__isnull=True, organization__isnull=False)
                ),
                name="discipline_exactly_one_subject",
            ),
        ]

    def __str__(self) -> str:
        subject = self.person or self.collective or self.organization
        return f"{self.get_form_display()} — {subject}"


# The task register's models live in their own module; imported here so Django loads them with the registry.
from xeploai.registry.facts_register import (  # noqa: E402, F401
    Conclusion,
    ReviewMeeting,
    TemporaryActivity,
    Transfer,
)
from xeploai.registry.task_register import ConfidenceVote, Target, Task  # noqa: E402, F401
