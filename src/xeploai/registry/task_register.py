"""The task register (sổ theo dõi nhiệm vụ), a unit's targets (chỉ tiêu) and confidence votes.

Registry-like data of their own (architecture.md, "Added 2026-12-03"): entered on pages and imported from
the workbook ("Nhiệm vụ", "Chỉ tiêu"). A task belongs to one person or to one unit; the period it counts
in is the one its due date falls in (ND335 Art. 14, R-102: tasks scored monthly or quarterly). The
groups A/B/C/D are the task catalogue the provinces use (R-108, Khánh Hòa). Loaded with the registry's
models (``registry.models`` imports this module last), so the tables belong to the registry app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from xeploai.lib.vietnamese import clean

# The registry's models are named as "registry.Person" and "registry.Organization": ``registry.models``
# imports this module, so importing it back would make a cycle.
PERSON, ORGANIZATION = "registry.Person", "registry.Organization"


class TaskGroup(models.TextChoices):
    """The provinces' task catalogue (R-108): leadership, shared professional, unit-approved, other."""

    A = "A", _("A — Lãnh đạo, chỉ đạo, điều hành")
    B = "B", _("B — Chuyên môn, nghiệp vụ chung")
    C = "C", _("C — Nhiệm vụ được đơn vị phê duyệt")
    D = "D", _("D — Nhiệm vụ khác, đột xuất")


class TaskQuality(models.TextChoices):
    """The quality verdict on a task done (R-102: −25 % for each major error)."""

    NONE = "", _("Chưa đánh giá")
    MET = "MET", _("Đạt yêu cầu")
    MAJOR_ERROR = "MAJOR_ERROR", _("Có sai sót lớn")
    NOT_MET = "NOT_MET", _("Không đạt yêu cầu")


class Task(models.Model):
    """One task assigned to a person (or to a unit): when, by when, when done, how well."""

    person = models.ForeignKey(
        PERSON,
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    organization = models.ForeignKey(
        ORGANIZATION,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    # The workbook's key for a task (re-importing updates it); tasks entered on the pages have none.
    code = models.CharField(_("mã nhiệm vụ"), max_length=40, blank=True)
    title = models.CharField(_("nội dung nhiệm vụ"), max_length=500)
    group = models.CharField(_("nhóm nhiệm vụ"), max_length=1, choices=TaskGroup.choices, default=TaskGroup.B)
    assigned_on = models.DateField(_("ngày giao"))
    due_on = models.DateField(_("hạn hoàn thành"))
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    quality = models.CharField(
        _("chất lượng"), max_length=12, choices=TaskQuality.choices, blank=True, default=TaskQuality.NONE
    )
    exceeded = models.BooleanField(_("vượt tiến độ, chất lượng"), default=False)
    excused = models.BooleanField(_("chậm do nguyên nhân khách quan"), default=False)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="confirmed_tasks",
    )
    confirmed_at = models.DateTimeField(_("ngày xác nhận"), null=True, blank=True)
    # Every change of the row increments it; a page carries the version it showed and a write that finds
    # another one is refused (stale write), as for the campaign's subjects.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        indexes = [
            models.Index(fields=["person", "due_on"], name="task_person_due"),
            models.Index(fields=["organization", "due_on"], name="task_org_due"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="task_unique_code"),
            models.CheckConstraint(
                condition=Q(person__isnull=False, organization__isnull=True)
                | Q(person__isnull=True, organization__isnull=False),
                name="task_person_or_unit",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("assigned_on")),
                name="task_due_after_assigned",
                violation_error_message=_("Hạn hoàn thành không thể trước ngày giao."),
            ),
            models.CheckConstraint(
                condition=Q(done_on__isnull=True) | Q(done_on__gte=F("assigned_on")),
                name="task_done_after_assigned",
                violation_error_message=_("Ngày hoàn thành không thể trước ngày giao."),
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True, confirmed_at__isnull=True)
                | Q(confirmed_by__isnull=False, confirmed_at__isnull=False),
                name="task_confirmed_who_and_when",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.title = clean(self.title)
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        if not self.code:  # a task entered on a page: a code so the workbook can name it
            self.code = task_code(self.pk)
            Task.objects.filter(pk=self.pk).update(code=self.code)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def org_path(self) -> str:
        """Where the task hangs in the tree (for subtree scoping): the person's workplace, else their cell;
        a unit's task: the unit."""
        if self.organization_id:
            return self.organization.path  # type: ignore[union-attr]
        person = self.person
        place = (person.workplace or person.party_organization) if person is not None else None
        return place.path if place is not None else ""


def task_code(pk: int) -> str:
    """The code of a task that has none (entered on a page): "NV" and its number."""
    return f"NV{pk:08d}"


class Target(models.Model):
    """One target of a unit for a year; ``is_basic``: a basic socio-economic target (R-106, committees)."""

    organization = models.ForeignKey(
        ORGANIZATION, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    unit = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    planned = models.DecimalField(_("kế hoạch"), max_digits=14, decimal_places=2, null=True, blank=True)
    achieved = models.DecimalField(_("thực hiện"), max_digits=14, decimal_places=2, null=True, blank=True)
    met = models.BooleanField(_("đạt"), null=True, blank=True)  # None: not assessed yet
    is_basic = models.BooleanField(_("chỉ tiêu cơ bản kinh tế - xã hội"), default=False)

    class Meta:
        ordering = ["organization", "year", "pk"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "name"],
                name="target_unique_name",
                violation_error_message=_("Đơn vị đã có chỉ tiêu cùng tên trong năm này."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name = clean(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ConfidenceVote(models.Model):
    """A confidence vote (lấy phiếu tín nhiệm) on a leader in a year: counts only, never per voter (R-106)."""

    person = models.ForeignKey(
        PERSON, verbose_name=_("cá nhân"), on_delete=models.CASCADE, related_name="confidence_votes"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    voters = models.PositiveIntegerField(_("số phiếu"))
    high = models.PositiveIntegerField(_("tín nhiệm cao"), default=0)
    medium = models.PositiveIntegerField(_("tín nhiệm"), default=0)
    low = models.PositiveIntegerField(_("tín nhiệm thấp"), default=0)

    class Meta:
        ordering = ["person", "year"]
        verbose_name = _("phiếu tín nhiệm")
        verbose_name_plural = _("phiếu tín nhiệm")
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="confidence_vote_unique_year"),
            models.CheckConstraint(
                condition=Q(voters__gte=F("high") + F("medium") + F("low")), name="confidence_vote_counts"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.year})"

    @property
    def low_share(self) -> float:
        """The share of low-confidence votes (R-106: over 50 % is a KHTNV limb for a leader)."""
        return self.low / self.voters if self.voters else 0.0
