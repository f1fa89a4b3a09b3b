"""A campaign (đợt kiểm điểm, đánh giá, xếp loại): its deadlines, its subjects and their ratings by stage.

Kinds and levels come from the rules core (``xeploai.rules.kinds``, ``xeploai.rules.levels``) so the
database and the core share one list. Stages of a rating are rows that are never updated or deleted
(docs/adr/0002-rating-stages-are-rows.md): the current level of a stage is its latest row.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from xeploai.registry.models import in_subtree
from xeploai.rules import all_rulesets
from xeploai.rules.kinds import QuotaKind, SubjectType, Tier
from xeploai.rules.levels import Level


def reference(to: Any, label: Any, *, optional: bool = False, indexed: bool = True) -> Any:
    """A foreign key that keeps its target (PROTECT), with no reverse accessor; ``optional``: may be empty."""
    return models.ForeignKey(
        to,
        verbose_name=label,
        null=optional,
        blank=optional,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=indexed,
    )


# Choices are callables over the core's enums: one list, and a relabel in the core needs no migration.
def subject_type_choices() -> list[tuple[str, str]]:
    return [(k.value, k.label) for k in SubjectType]


def tier_choices() -> list[tuple[str, str]]:
    return [(k.value, k.label) for k in Tier]


def level_choices() -> list[tuple[int, str]]:
    return [(k.value, format_lazy("{} — {}", k.short, _(k.label))) for k in Level]


def ruleset_choices() -> list[tuple[str, str]]:
    """Offer every ruleset the core knows (evaluated lazily: adding a ruleset needs no migration)."""
    return [(r.code, f"{r.code} — {r.title}") for r in all_rulesets()]


class CampaignStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Dự thảo")
    OPEN = "OPEN", _("Đang thực hiện")
    CLOSED = "CLOSED", _("Đã kết thúc")


YEAR_PERIOD = 0  # ``Campaign.period`` of a yearly campaign; 1 to 4 are the quarters
QUARTER_MONTHS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}


def period_choices() -> list[tuple[int, str]]:
    """The whole year, then the four quarters (R-100: QĐ366 evaluates by year and by quarter)."""
    names = {1: _("Quý I"), 2: _("Quý II"), 3: _("Quý III"), 4: _("Quý IV")}
    return [(YEAR_PERIOD, _("Cả năm")), *names.items()]


class Campaign(models.Model):
    """One campaign over the subtree of ``root``, run under one ruleset, for a year or one of its quarters.

    ``period`` is 0 for the year, 1 to 4 for a quarter (R-100): a year and its four quarters are five
    campaigns of the same root; the year reads its quarters (``campaigns.quarters``).
    """

    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    period = models.PositiveSmallIntegerField(_("kỳ đánh giá"), choices=period_choices, default=YEAR_PERIOD)
    ruleset = models.CharField(_("bộ quy tắc"), max_length=40, choices=ruleset_choices)
    name = models.CharField(_("tên đợt"), max_length=255)
    root = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("tổ chức chủ trì"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    # The counting date of last resort (S-04): six months are counted to the review meeting, else to the
    # deadline of the subject's level (S-10), else to this date.
    reference_date = models.DateField(_("ngày tính mốc"))
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    opened_at = models.DateTimeField(_("ngày mở"), null=True, blank=True)
    # a subject may lodge an appeal within this many days after its result is published.
    appeal_window_days = models.PositiveSmallIntegerField(
        _("thời hạn kiến nghị (ngày sau công bố)"), default=15
    )

    class Meta:
        ordering = ["-year", "period", "pk"]
        verbose_name = _("đợt đánh giá")
        verbose_name_plural = _("đợt đánh giá")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "period", "root"], name="campaign_unique_year_period_root"
            ),
            models.CheckConstraint(condition=Q(period__gte=0, period__lte=4), name="campaign_period_range"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def quarter(self) -> int | None:
        """The quarter (1 to 4) of a quarterly campaign, None for the year's."""
        return self.period or None

    @property
    def period_start(self) -> date:
        """The first day of the campaign's period: 1 January, or the quarter's first day."""
        first = QUARTER_MONTHS[self.period][0] if self.period else 1
        return date(self.year, first, 1)

    @property
    def period_end(self) -> date:
        """The last day of the campaign's period: 31 December, or the quarter's last day."""
        last = QUARTER_MONTHS[self.period][1] if self.period else 12
        return date(self.year, last, monthrange(self.year, last)[1])

    @property
    def period_label(self) -> str:
        """ "năm 2026" or "quý I năm 2026", as a title reads it."""
        if not self.period:
            return str(_("năm %(year)s") % {"year": self.year})
        return str(_("quý %(q)s năm %(year)s") % {"q": ROMAN[self.period], "year": self.year})


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class DeadlineKind(models.TextChoices):
    """What is due (plan S-10, S-11, S-12)."""

    REVIEW_AND_REPORT = "REVIEW_AND_REPORT", _("Kiểm điểm, xếp loại và báo cáo cấp trên")
    DECISION = "DECISION", _("Quyết định xếp loại các tổ chức, tập thể, cá nhân trực thuộc")
    SELF_REVIEW = "SELF_REVIEW", _("Ban Thường vụ Tỉnh ủy tự kiểm điểm")
    STATE_INPUTS = "STATE_INPUTS", _("Ý kiến đánh giá của UBND và kết quả của các đoàn thể")
    SUPERVISOR_COMMENTS = (
        "SUPERVISOR_COMMENTS",
        _("Ý kiến, đề xuất mức xếp loại của Ủy viên Ban Thường vụ phụ trách"),
    )


class Deadline(models.Model):
    """A due date of the campaign for one tier; prefilled from the plan, editable."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("đợt đánh giá"), on_delete=models.CASCADE, related_name="deadlines"
    )
    tier = models.CharField(_("cấp"), max_length=20, choices=tier_choices)
    kind = models.CharField(_("nội dung"), max_length=24, choices=DeadlineKind.choices)
    due_on = models.DateField(_("hạn"))
    rule_id = models.CharField(_("căn cứ"), max_length=10, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        ordering = ["campaign", "due_on", "tier", "kind"]
        verbose_name = _("thời hạn")
        verbose_name_plural = _("thời hạn")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "tier", "kind"], name="deadline_unique_tier_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_tier_display()} — {self.get_kind_display()}: {self.due_on:%d/%m/%Y}"


class Override(models.TextChoices):
    """A hand decision that wins over the computed eligibility."""

    NONE = "", _("Không")
    INCLUDED = "INCLUDED", _("Đưa vào (quyết định thủ công)")
    EXCLUDED = "EXCLUDED", _("Loại ra (quyết định thủ công)")


class SubjectQuerySet(models.QuerySet["Subject"]):
    def subtree(self, root: models.Model | str) -> SubjectQuerySet:
        """The subjects whose organization is under ``root`` (a node or a path): a range on ``org_path``."""
        path = root if isinstance(root, str) else root.path  # type: ignore[attr-defined]
        return self.filter(in_subtree("org_path", path))


class Subject(models.Model):
    """Someone or something reviewed and/or classified in a campaign, in one role (``subject_type``).

    Exactly one of ``organization``/``collective``/``person`` is the subject; ``unit`` is the
    organization it belongs to (itself, the collective's, the person's cell or workplace), and
    ``org_path`` its path, copied for subtree filtering without a join.
    """

    # Few indexes on purpose: a province writes ~125,000 subjects at once. Lookups by campaign use the
    # (campaign, org_path) index; the three partial unique indexes lead with the target, so the foreign key
    # checks on deleting a target find its subjects; the FK columns need none of their own.
    # Every reference is a database foreign key (ADR 0006): a target, a unit or a user that a subject
    # refers to cannot be deleted, through Django (PROTECT) nor in raw SQL. A campaign's subjects go with
    # it (CASCADE, in Django), unless ratings protect them.
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("đợt đánh giá"),
        on_delete=models.CASCADE,
        related_name="subjects",
        db_index=False,
    )
    subject_type = models.CharField(_("loại đối tượng"), max_length=16, choices=subject_type_choices)
    organization = reference("registry.Organization", _("tổ chức"), optional=True, indexed=False)
    collective = reference("registry.Collective", _("tập thể"), optional=True, indexed=False)
    person = reference("registry.Person", _("cá nhân"), optional=True, indexed=False)
    unit = reference("registry.Organization", _("thuộc tổ chức"), indexed=False)
    # Binary ("C") collation on PostgreSQL (migration 0002), like registry.Organization.path.
    org_path = models.CharField(max_length=255, editable=False)
    review = models.BooleanField(_("kiểm điểm"))
    classify = models.BooleanField(_("xếp loại"))
    # Reason codes (xeploai.rules.kinds.ReasonCode) joined by ","; ``reason_details`` keeps rule ids and
    # params ([{"code", "rule_id", "params"}]) for the explanation.
    reasons = models.CharField(_("lý do"), max_length=255, blank=True)
    reason_details = models.JSONField(_("chi tiết lý do"), default=list, blank=True)
    counted_to = models.DateField(_("tính đến ngày"))
    override = models.CharField(
        _("quyết định thủ công"), max_length=8, choices=Override.choices, default=Override.NONE, blank=True
    )
    override_reason = models.TextField(_("lý do quyết định thủ công"), blank=True)
    override_by = reference(settings.AUTH_USER_MODEL, _("người quyết định"), optional=True, indexed=False)
    override_at = models.DateTimeField(_("thời điểm quyết định"), null=True, blank=True)
    # Incremented by every change of the row itself (reopening, a hand include/exclude). The version a page
    # shows and a write compares is ``state_version``: this plus the subject's ratings, which are append-only,
    # so a rating written by anyone moves it without touching this row (architecture.md, "Concurrency").
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    # The level of the subject's latest DECIDED rating, None before the first decision: a copy kept by
    # ``decided_written`` (below) whenever DECIDED rows are appended, so the statistics count subjects in one
    # grouped scan (reports.selectors). The rating rows stay the record (ADR 0002).
    decided_level = models.PositiveSmallIntegerField(
        _("mức đã quyết định"), choices=level_choices, null=True, blank=True, editable=False
    )

    objects = SubjectQuerySet.as_manager()

    class Meta:
        ordering = ["org_path", "subject_type", "pk"]
        verbose_name = _("đối tượng")
        verbose_name_plural = _("đối tượng")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(organization__isnull=False, collective__isnull=True, person__isnull=True)
                    | Q(organization__isnull=True, collective__isnull=False, person__isnull=True)
                    | Q(organization__isnull=True, collective__isnull=True, person__isnull=False)
                ),
                name="subject_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["person", "campaign", "subject_type"],
                condition=Q(person__isnull=False),
                name="subject_unique_person_role",
            ),
            models.UniqueConstraint(
                fields=["collective", "campaign"],
                condition=Q(collective__isnull=False),
                name="subject_unique_collective",
            ),
            models.UniqueConstraint(
                fields=["organization", "campaign"],
                condition=Q(organization__isnull=False),
                name="subject_unique_organization",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "org_path"], name="subject_campaign_path")]

    def __str__(self) -> str:
        target = self.person or self.collective or self.organization
        return f"{target} ({self.get_subject_type_display()})"

    @property
    def state_version(self) -> int:
        """The version a page carries and a write must still find: ``version`` plus the ratings written.

        Ratings are never updated or deleted (ADR 0002), so their count only grows: any rating appended
        since the page was shown, one by one or by a workbook of a whole province, makes the page stale
        without a write to the subject row. Read it with the subject locked (``locks.subject_for_update``).
        """
        return self.version + self.ratings.count()

    @property
    def included(self) -> bool:
        """Whether the subject is classified, a manual override winning over the computed value."""
        if self.override == Override.INCLUDED:
            return True
        if self.override == Override.EXCLUDED:
            return False
        return self.classify


class RatingStage(models.TextChoices):
    """The stages of a rating, in order (R-80, R-81): self, proposed, appraised, decided, published."""

    SELF = "SELF", _("Tự đánh giá, xếp loại")
    PROPOSED = "PROPOSED", _("Đề xuất")
    APPRAISED = "APPRAISED", _("Thẩm định")
    DECIDED = "DECIDED", _("Quyết định")
    PUBLISHED = "PUBLISHED", _("Công bố")


class RatingQuerySet(models.QuerySet["Rating"]):
    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Rating]:
        created = super().bulk_create(objs, *args, **kwargs)
        decided_written((r.subject_id, r.stage) for r in created)  # Subject.decided_level
        return created

    def update(self, **kwargs: object) -> int:
        raise ValidationError(_("Không được sửa kết quả xếp loại đã ghi; hãy ghi một kết quả mới."))

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValidationError(_("Không được xóa kết quả xếp loại đã ghi."))


class Rating(models.Model):
    """One level given to a subject at one stage, by someone, at a moment. Never updated or deleted.

    The current level of a stage is its latest row (``campaigns.selectors.current_levels``).
    ``based_on_version`` is the subject's ``state_version`` the author saw; a stale one is refused by the
    services.
    """

    # Indexed only by (subject, stage, id): ratings are written in bulk and read by subject. A rated subject
    # and a user who wrote ratings cannot be deleted (PROTECT, and the foreign keys in the database).
    subject = models.ForeignKey(
        Subject,
        verbose_name=_("đối tượng"),
        on_delete=models.PROTECT,
        related_name="ratings",
        db_index=False,
    )
    stage = models.CharField(_("giai đoạn"), max_length=10, choices=RatingStage.choices)
    level = models.PositiveSmallIntegerField(_("mức xếp loại"), choices=level_choices)
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    author = reference(settings.AUTH_USER_MODEL, _("người ghi"), optional=True, indexed=False)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    justification = models.TextField(_("lý do, căn cứ"), blank=True)
    # What the rules core said when the row was written: [{"rule_id", "code", "params", "blocking"}].
    findings = models.JSONField(_("kết quả kiểm tra"), default=list, blank=True)
    based_on_version = models.PositiveIntegerField(_("trên phiên bản"))

    objects = RatingQuerySet.as_manager()

    class Meta:
        ordering = ["subject", "stage", "pk"]
        verbose_name = _("kết quả xếp loại")
        verbose_name_plural = _("kết quả xếp loại")
        indexes = [models.Index(fields=["subject", "stage", "id"], name="rating_subject_stage")]
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=0, level__lte=3), name="rating_level_range"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} — {self.get_stage_display()}: {Level(self.level).short}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValidationError(_("Không được sửa kết quả xếp loại đã ghi; hãy ghi một kết quả mới."))
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        decided_written([(self.subject_id, self.stage)])  # Subject.decided_level

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValidationError(_("Không được xóa kết quả xếp loại đã ghi."))


# --- the current decided level ---------------------------------------------------------------------------
# A subject's current decided level is the level of its latest DECIDED row (highest id); it is also kept on
# ``Subject.decided_level`` so the statistics count subjects in one grouped scan (R-81, R-95, ADR 0002).
# Every write that appends ratings calls ``decided_written`` in its transaction (``ratings_write``,
# ``Rating.save``, ``RatingQuerySet.bulk_create``); code that appends rows another way (a benchmark's
# ``insert_rows``) calls ``decided_refresh``. Both recompute from the rating rows, so the copy always
# equals the latest row.
_CHUNK = 500  # ids per statement on SQLite (well under its bound-variable limit)


def decided_written(entries: Iterable[Sequence[Any]]) -> None:
    """After rating rows ``(subject pk, stage, …)`` were appended, refresh their subjects' decided level.

    Only subjects that got a DECIDED row are touched; without one this returns without a query.
    """
    ids = {entry[0] for entry in entries if entry[1] == RatingStage.DECIDED.value}
    if ids:
        decided_refresh(subject_ids=sorted(ids))


def decided_refresh(*, subject_ids: Sequence[int] | None = None, campaign_id: int | None = None) -> None:
    """Set ``decided_level`` to the level of the latest DECIDED row for the given subjects.

    ``subject_ids`` or ``campaign_id`` (all of that campaign's subjects) chooses the subjects; a
    subject without a DECIDED row gets None. One correlated UPDATE, each subject's latest row found
    through the (subject, stage, id) index.
    """
    subject = connection.ops.quote_name(Subject._meta.db_table)
    rating = connection.ops.quote_name(Rating._meta.db_table)
    update = (
        f"UPDATE {subject} SET decided_level = ("
        f"SELECT r.level FROM {rating} r WHERE r.subject_id = {subject}.id AND r.stage = %s "
        f"ORDER BY r.id DESC LIMIT 1)"
    )
    with connection.cursor() as cursor:
        if campaign_id is not None:
            cursor.execute(update + " WHERE campaign_id = %s", [RatingStage.DECIDED.value, campaign_id])
        if not subject_ids:
            return
        if connection.vendor == "postgresql":
            cursor.execute(update + " WHERE id = ANY(%s)", [RatingStage.DECIDED.value, list(subject_ids)])
            return
        for i in range(0, len(subject_ids), _CHUNK):
            chunk = list(subject_ids[i : i + _CHUNK])
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(update + f" WHERE id IN ({marks})", [RatingStage.DECIDED.value, *chunk])


# --- reviews, evidence, opinions, ballots, appeals -------------------------------------------------------


class ReviewStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Đang soạn")
    SUBMITTED = "SUBMITTED", _("Đã nộp")


class Review(models.Model):
    """A subject's written review (kiểm điểm): the collective report (Mẫu 01) or the self-review (Mẫu 02).

    Sections after conventions.md §2.2 (individual) and §2.3 (collective). ``criteria`` holds the grade
    of each criterion (``xeploai.rules.Grade`` value, keyed by the criterion code of
    ``campaigns.reviews.criteria_for``) when the ruleset grades, ``score`` the 100-point total when it
    scores (R-58), the sum of ``general_points`` and ``task_points`` on the HD43 forms. A submitted
    review is not edited again (S-14: it was complete when submitted).
    """

    subject = models.OneToOneField(
        Subject, verbose_name=_("đối tượng"), on_delete=models.CASCADE, related_name="written_review"
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    strengths = models.TextField(_("I. Ưu điểm, kết quả đạt được"), blank=True)
    limitations = models.TextField(_("II.1. Hạn chế, khuyết điểm"), blank=True)
    causes = models.TextField(_("II.2. Nguyên nhân của hạn chế, khuyết điểm"), blank=True)
    remedy_results = models.TextField(_("III. Kết quả khắc phục hạn chế, khuyết điểm"), blank=True)
    explanations = models.TextField(_("IV. Giải trình những vấn đề được gợi ý kiểm điểm"), blank=True)
    responsibility = models.TextField(
        _("V. Trách nhiệm đối với hạn chế, khuyết điểm của tập thể"), blank=True
    )
    direction = models.TextField(_("VI. Phương hướng, biện pháp khắc phục"), blank=True)
    criteria = models.JSONField(_("mức đánh giá từng tiêu chí"), default=dict, blank=True)
    score = models.DecimalField(
        _("tổng điểm (thang 100)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # Part B of the HD43 forms (campaigns.review_forms): the general group on 30, task results on 70.
    general_points = models.DecimalField(
        _("điểm nhóm tiêu chí chung (thang 30)"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    task_points = models.DecimalField(
        _("điểm nhóm tiêu chí kết quả thực hiện nhiệm vụ (thang 70)"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
    )
    self_party_level = models.PositiveSmallIntegerField(
        _("tự nhận mức xếp loại đảng viên / tập thể"), choices=level_choices, null=True, blank=True
    )
    self_state_level = models.PositiveSmallIntegerField(
        _("tự nhận mức xếp loại cán bộ, công chức, viên chức"), choices=level_choices, null=True, blank=True
    )
    author = reference(settings.AUTH_USER_MODEL, _("người soạn"), optional=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)

    class Meta:
        ordering = ["subject"]
        verbose_name = _("bản kiểm điểm")
        verbose_name_plural = _("bản kiểm điểm")

    def __str__(self) -> str:
        return f"{self.subject} — {self.get_status_display()}"


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    """Files go under MEDIA_ROOT/campaigns/<campaign>/<subject>/ (served only through the evidence view)."""
    subject = instance.review.subject
    return f"campaigns/{subject.campaign_id}/{subject.pk}/{filename}"


class Evidence(models.Model):
    """A file of a concrete product attached to a review (S-15: evaluation by concrete products)."""

    review = models.ForeignKey(
        Review, verbose_name=_("bản kiểm điểm"), on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("tên sản phẩm"), max_length=255)
    file = models.FileField(_("tệp"), upload_to=evidence_upload_to, max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        ordering = ["review", "pk"]
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")

    def __str__(self) -> str:
        return self.title


class OpinionSource(models.TextChoices):
    """Who gives an opinion on a subject (S-12, S-15, S-16, R-82)."""

    CELL_COMMITTEE = "CELL_COMMITTEE", _("Chi ủy (bí thư chi bộ)")
    RESIDENCE = "RESIDENCE", _("Cấp ủy nơi cư trú")
    AGENCY_HEAD = "AGENCY_HEAD", _("Thủ trưởng cơ quan, đơn vị")
    ADVISORY = "ADVISORY", _("Cơ quan tham mưu, giúp việc")
    SUPERVISOR = "SUPERVISOR", _("Ủy viên Ban Thường vụ phụ trách")
    PEOPLES_COMMITTEE = "PEOPLES_COMMITTEE", _("Đánh giá của Ủy ban nhân dân")
    MASS_ORGANIZATION = "MASS_ORGANIZATION", _("Kết quả của Mặt trận, đoàn thể")


class Opinion(models.Model):
    """One side's written opinion on a subject, with the level it proposes (rows are only added)."""

    subject = models.ForeignKey(
        Subject, verbose_name=_("đối tượng"), on_delete=models.CASCADE, related_name="opinions"
    )
    source = models.CharField(_("nguồn ý kiến"), max_length=20, choices=OpinionSource.choices)
    author = reference(settings.AUTH_USER_MODEL, _("người cho ý kiến"))
    text = models.TextField(_("nội dung ý kiến"))
    proposed_level = models.PositiveSmallIntegerField(
        _("mức đề xuất"), choices=level_choices, null=True, blank=True
    )
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        ordering = ["subject", "created_at", "pk"]
        verbose_name = _("ý kiến")
        verbose_name_plural = _("ý kiến")

    def __str__(self) -> str:
        return f"{self.subject} — {self.get_source_display()}"


class Ballot(models.Model):
    """The tally of a cell's vote on a subject's level (R-83): counts per level, never who voted how."""

    subject = models.OneToOneField(
        Subject, verbose_name=_("đối tượng"), on_delete=models.CASCADE, related_name="ballot"
    )
    votes_excellent = models.PositiveIntegerField(_("số phiếu HTXS"), default=0)
    votes_good = models.PositiveIntegerField(_("số phiếu HTT"), default=0)
    votes_completed = models.PositiveIntegerField(_("số phiếu HTNV"), default=0)
    votes_not_completed = models.PositiveIntegerField(_("số phiếu KHTNV"), default=0)
    present = models.PositiveIntegerField(_("số đảng viên có mặt"))
    eligible = models.PositiveIntegerField(_("số đảng viên chính thức"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("thời điểm"), auto_now=True)

    class Meta:
        verbose_name = _("kết quả biểu quyết")
        verbose_name_plural = _("kết quả biểu quyết")
        constraints = [
            models.CheckConstraint(
                condition=Q(present__lte=models.F("eligible")), name="ballot_present_le_eligible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} — {self.present}/{self.eligible}"

    def votes_for(self, level: int) -> int:
        return {
            3: self.votes_excellent,
            2: self.votes_good,
            1: self.votes_completed,
            0: self.votes_not_completed,
        }[int(level)]


class AppealStatus(models.TextChoices):
    OPEN = "OPEN", _("Đang xem xét")
    UPHELD = "UPHELD", _("Giữ nguyên kết quả")
    CHANGED = "CHANGED", _("Đánh giá, xếp loại lại")


class Appeal(models.Model):
    """A subject's complaint about a published result, re-evaluated by the superior committee (R-81, R-89)."""

    subject = models.ForeignKey(
        Subject, verbose_name=_("đối tượng"), on_delete=models.CASCADE, related_name="appeals"
    )
    lodged_by = reference(settings.AUTH_USER_MODEL, _("người kiến nghị"))
    text = models.TextField(_("nội dung kiến nghị"))
    lodged_at = models.DateTimeField(_("ngày kiến nghị"))
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=AppealStatus.choices, default=AppealStatus.OPEN
    )
    resolution = models.TextField(_("kết luận"), blank=True)
    new_level = models.PositiveSmallIntegerField(
        _("mức xếp loại lại"), choices=level_choices, null=True, blank=True
    )
    resolved_by = reference(settings.AUTH_USER_MODEL, _("người kết luận"), optional=True)
    resolved_at = models.DateTimeField(_("ngày kết luận"), null=True, blank=True)

    class Meta:
        ordering = ["subject", "lodged_at", "pk"]
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")

    def __str__(self) -> str:
        return f"{self.subject} — {self.get_status_display()}"


def quota_kind_choices() -> list[tuple[str, str]]:
    return [(k.value, k.label) for k in QuotaKind]


class QuotaException(models.Model):
    """R-50h (QĐ366 Điều 11): the competent level raised the HTXS share of one quota scope to 25 % for an
    outstanding unit. The scope is the family's organization (R-50: the grassroots organization; R-50c: the
    committee the collectives are under; R-50g: the agency), for every scope of that family it holds.
    Revoking deletes the row; both are audited."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("đợt đánh giá"), on_delete=models.CASCADE, related_name="quota_exceptions"
    )
    organization = reference("registry.Organization", _("tổ chức, cơ quan"))
    kind = models.CharField(_("nhóm tỷ lệ"), max_length=16, choices=quota_kind_choices)
    share_percent = models.PositiveSmallIntegerField(_("tỷ lệ tối đa (%)"))
    reason = models.TextField(_("lý do"))
    decided_by = reference(settings.AUTH_USER_MODEL, _("người quyết định"))
    # The decider's name as shown when the decision was made: the findings quote it without another query.
    decided_by_name = models.CharField(_("tên người quyết định"), max_length=255)
    decided_at = models.DateTimeField(_("ngày quyết định"))

    class Meta:
        verbose_name = _("quyết định nâng tỷ lệ")
        verbose_name_plural = _("quyết định nâng tỷ lệ")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organization", "kind"], name="quota_exception_unique_scope"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} · {self.organization_id} · {self.kind} · {self.share_percent}%"
