"""Reviews (kiểm điểm): the collective report and the individual self-review, and their evidence files.

Forms after conventions.md §2.2 (Mẫu 02, individual: criteria 1–2, 3–5 for leaders only, the pledge;
sections II–VII) and §2.3 (Mẫu 01, collective: four groups of results; sections II–VI; the proposed
level). The ruleset says whether criteria are graded (Xuất sắc, Tốt, Trung bình, Kém — R-00b) or the
review is scored on 100 points (``Ruleset.scoring == "points"``, R-58). Under the QĐ366 rulesets the
review is written on the HD43 form of its subject (``review_forms.form_for``: Mẫu 01, 2A, 2B, 2C), whose
part B scores the general group on 30 points and the task results on 70; the total is their sum.

Rules:
- S-13: a member's review opens only after the review of the collective(s) it belongs to is submitted —
  the party member's cell (the ORGANIZATION subject of the unit) and every reviewed leadership collective
  the person is an active member of.
- S-14: a review is not submitted while its limitations, causes and — for a leader, a collective or an
  organization — responsibility sections are empty.
- The author gives a self-proposed level on the party side and, for a civil servant, on the state side
  (§2.2 VII). Submitting writes SELF rating rows (on the subject, and on the person's CIVIL_SERVANT
  subject for the state side) through ``rating_writes.ratings_write``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xeploai.accounts import predicates as P
from xeploai.audit.services import snapshot
from xeploai.lib.filetypes import content_matches
from xeploai.registry.models import Membership
from xeploai.rules import Grade, Level

from . import events, locks
from .checking import Entry, stage_verdicts
from .models import Evidence, Rating, RatingStage, Review, ReviewStatus, Subject
from .rating_writes import ratings_write
from .review_forms import (
    COLLECTIVE,
    INDIVIDUAL,
    LEADER_ONLY,
    PLEDGE,
    Criterion,
    form_for,
    is_collective_form,
    is_leader_form,
)
from .ruleset_plan import ruleset_of

NOT_ALLOWED = _("Bạn không có quyền soạn bản kiểm điểm của đối tượng này.")
NOT_OPEN = _("Đợt đánh giá chưa mở hoặc đã kết thúc.")
NOT_REVIEWED = _("Đối tượng này không thuộc diện kiểm điểm trong đợt.")
ALREADY_SUBMITTED = _("Bản kiểm điểm đã nộp, không sửa được nữa.")
COLLECTIVE_FIRST = _(
    "Chưa mở kiểm điểm cá nhân: tập thể “%(names)s” chưa nộp báo cáo kiểm điểm (kiểm điểm tập thể trước, "
    "cá nhân sau)."
)
SECTION_EMPTY = _("Mục “%(section)s” không được để trống khi nộp.")
GRADE_MISSING = _("Chưa chọn mức đánh giá cho tiêu chí “%(criterion)s”.")
GRADE_INVALID = _("Mức đánh giá của tiêu chí “%(criterion)s” không hợp lệ.")
SCORE_MISSING = _("Đợt này chấm điểm theo thang 100 điểm: hãy ghi tổng điểm.")
SCORE_RANGE = _("Tổng điểm phải từ 0 đến 100.")
SCORE_GROUP_RANGE = _("Điểm “%(group)s” phải là số từ 0 đến %(maximum)s.")
SCORE_GROUP_MISSING = _("Hãy chấm điểm “%(group)s”.")
PARTY_LEVEL_MISSING = _("Hãy tự nhận mức xếp loại (phía Đảng).")
STATE_LEVEL_MISSING = _("Hãy tự nhận mức xếp loại cán bộ, công chức, viên chức.")
FILE_TOO_BIG = _("Tệp “%(name)s” lớn hơn %(limit)s MB.")
FILE_TYPE = _("Tệp “%(name)s” không thuộc loại được nhận (%(allowed)s).")
FILE_CONTENT = _("Nội dung tệp “%(name)s” không phải là tệp %(type)s như tên tệp ghi: không nhận tệp này.")
TITLE_MISSING = _("Hãy ghi tên sản phẩm minh chứng.")

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
TEXT_SECTIONS = (
    "strengths",
    "limitations",
    "causes",
    "remedy_results",
    "explanations",
    "responsibility",
    "direction",
)


GRADE_CHOICES = [(g.value, g.label) for g in sorted(Grade, reverse=True)]


def criteria_for(subject: Subject) -> tuple[Criterion, ...]:
    if is_collective_form(subject):
        return COLLECTIVE
    return INDIVIDUAL + (LEADER_ONLY if is_leader_form(subject) else ()) + PLEDGE


def responsibility_required(subject: Subject) -> bool:
    """S-14: section V is required of leaders and collectives; on the HD43 forms, wherever the form has it
    (Mẫu 01 and 2A; 2B and 2C have none)."""
    form = form_for(subject)
    if form.hd43:
        return "responsibility" in form.sections
    return is_collective_form(subject) or is_leader_form(subject)


def state_subject_of(subject: Subject) -> Subject | None:
    """The person's CIVIL_SERVANT subject in the same campaign (the state side of §2.2 VII), if any."""
    if subject.person_id is None:
        return None
    if subject.subject_type == "CIVIL_SERVANT":
        return subject
    return Subject.objects.filter(
        campaign_id=subject.campaign_id, person_id=subject.person_id, subject_type="CIVIL_SERVANT"
    ).first()


def asks_party_level(subject: Subject) -> bool:
    return subject.subject_type != "CIVIL_SERVANT"


def collective_prerequisites(subject: Subject, *, on: date | None = None) -> list[Subject]:
    """The reviewed collective subjects whose review must be submitted before ``subject``'s opens (S-13)."""
    if subject.person_id is None:
        return []
    on = on or subject.counted_to
    active = (Q(start__isnull=True) | Q(start__lte=on)) & (Q(end__isnull=True) | Q(end__gte=on))
    collectives = Membership.objects.filter(active, person_id=subject.person_id).values("collective_id")
    cond = Q(subject_type="COLLECTIVE", collective_id__in=collectives)
    if subject.subject_type == "PARTY_MEMBER":
        cond |= Q(subject_type="ORGANIZATION", organization_id=subject.unit_id)
    return list(
        Subject.objects.filter(cond, campaign_id=subject.campaign_id, review=True)
        .select_related("collective", "organization")
        .order_by("pk")
    )


def waiting_for(subject: Subject) -> list[Subject]:
    """The collectives of S-13 whose review is not submitted yet (empty: the review is open)."""
    return [
        s
        for s in collective_prerequisites(subject)
        if not Review.objects.filter(subject=s, status=ReviewStatus.SUBMITTED).exists()
    ]


def _check_writable(*, subject: Subject, by: AbstractBaseUser) -> None:
    if subject.campaign.status != "OPEN":
        raise ValidationError(NOT_OPEN)
    if not P.allowed(by, "write_review", subject):
        raise ValidationError(NOT_ALLOWED)
    if not subject.review:
        raise ValidationError(NOT_REVIEWED)
    missing = waiting_for(subject)
    if missing:
        names = "”, “".join(str(s.collective or s.organization) for s in missing)
        raise ValidationError(COLLECTIVE_FIRST % {"names": names})


def _clean_content(subject: Subject, data: dict[str, Any]) -> dict[str, Any]:
    """Normalize the posted sections, grades, score and levels (format only; completeness on submit)."""
    errors: dict[str, list[str]] = {}
    out: dict[str, Any] = {k: str(data.get(k) or "").strip() for k in TEXT_SECTIONS}
    grades: dict[str, int] = {}
    for c in criteria_for(subject):
        raw = data.get(f"criterion_{c.code}")
        if raw in (None, ""):
            continue
        try:
            grades[c.code] = Grade(int(raw)).value
        except (TypeError, ValueError):
            errors.setdefault(f"criterion_{c.code}", []).append(str(GRADE_INVALID % {"criterion": c.label}))
    out["criteria"] = grades
    out.update(_clean_scores(subject, data, errors))
    for name in ("self_party_level", "self_state_level"):
        raw = data.get(name)
        out[name] = None
        if raw not in (None, ""):
            try:
                out[name] = Level(int(raw)).value
            except (TypeError, ValueError):
                errors.setdefault(name, []).append(str(_("Mức xếp loại không hợp lệ.")))
    if errors:
        raise ValidationError(errors)
    return out


def _decimal(raw: Any, maximum: Decimal) -> Decimal | None:
    """ "92,5" → 92.5; None when it is not a number from 0 to ``maximum``."""
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except ArithmeticError:
        return None
    return value if value.is_finite() and Decimal(0) <= value <= maximum else None


def _clean_scores(subject: Subject, data: dict[str, Any], errors: dict[str, list[str]]) -> dict[str, Any]:
    """The total on 100 points and, on the HD43 forms, the points of each group of part B (R-58: general
    group …/30, task results …/70); the total is their sum when both are given."""
    out: dict[str, Any] = {"score": None}
    for group in form_for(subject).scores:
        raw = data.get(group.code)
        out[group.code] = None
        if raw not in (None, ""):
            out[group.code] = _decimal(raw, group.maximum)
            if out[group.code] is None:
                message = SCORE_GROUP_RANGE % {"group": group.label, "maximum": group.maximum}
                errors.setdefault(group.code, []).append(str(message))
    groups = [out[g.code] for g in form_for(subject).scores]
    raw = data.get("score")
    if groups and all(v is not None for v in groups):
        out["score"] = sum(groups, Decimal(0))
    elif raw not in (None, ""):
        out["score"] = _decimal(raw, Decimal(100))
        if out["score"] is None:
            errors.setdefault("score", []).append(str(SCORE_RANGE))
    return out


def _check_scores(subject: Subject, review: Review, errors: dict[str, list[str]]) -> None:
    """R-58: a points ruleset needs the total; an HD43 form that has one group scored needs the other."""
    groups = form_for(subject).scores
    given = [g for g in groups if getattr(review, g.code) is not None]
    if given:
        for group in groups:
            if getattr(review, group.code) is None:
                errors[group.code] = [str(SCORE_GROUP_MISSING % {"group": group.label})]
    elif review.score is None:
        errors["score"] = [str(SCORE_MISSING)]


def _check_complete(subject: Subject, review: Review) -> None:
    """S-14 and the form's required parts: every missing piece, each under its field name."""
    errors: dict[str, list[str]] = {}
    fields = {f.name: f for f in Review._meta.fields}
    required = ["limitations", "causes"] + (["responsibility"] if responsibility_required(subject) else [])
    for name in required:
        if not getattr(review, name).strip():
            errors[name] = [str(SECTION_EMPTY % {"section": fields[name].verbose_name})]
    if ruleset_of(subject.campaign).scoring == "points":
        _check_scores(subject, review, errors)
    else:
        for c in criteria_for(subject):
            if c.code not in review.criteria:
                errors[f"criterion_{c.code}"] = [str(GRADE_MISSING % {"criterion": c.label})]
    if asks_party_level(subject) and review.self_party_level is None:
        errors["self_party_level"] = [str(PARTY_LEVEL_MISSING)]
    if state_subject_of(subject) is not None and review.self_state_level is None:
        errors["self_state_level"] = [str(STATE_LEVEL_MISSING)]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def review_save(*, subject: Subject, by: AbstractBaseUser, data: dict[str, Any]) -> Review:
    """Save the review as a draft; S-13: the form opens only after the collective's is submitted."""
    subject = locks.subject_for_update(subject.pk)
    _check_writable(subject=subject, by=by)
    content = _clean_content(subject, data)
    review = locks.review_for_update(subject)
    if review is not None and review.status == ReviewStatus.SUBMITTED:
        raise ValidationError(ALREADY_SUBMITTED)
    before = snapshot(review) if review is not None else None
    if review is None:
        review = Review(subject=subject)
    for name, value in content.items():
        setattr(review, name, value)
    review.author = by
    review.save()
    events.review_saved_event(review=review, by=by, before=before)
    return review


@transaction.atomic
def review_submit(*, subject: Subject, by: AbstractBaseUser, data: dict[str, Any] | None = None) -> Review:
    """Save (when ``data`` is given), check completeness (S-14), submit, and write the SELF ratings."""
    locks.campaign_for_rating(subject_pk=subject.pk)  # the SELF ratings below; first in the lock order
    if data is not None:
        review_save(subject=subject, by=by, data=data)
    subject = locks.subject_for_update(subject.pk)
    _check_writable(subject=subject, by=by)
    review = locks.review_for_update(subject)
    if review is None:
        review = Review(subject=subject)
    if review.status == ReviewStatus.SUBMITTED:
        raise ValidationError(ALREADY_SUBMITTED)
    _check_complete(subject, review)
    before = snapshot(review) if review.pk else None
    review.status = ReviewStatus.SUBMITTED
    review.submitted_at = timezone.now()
    review.author = by
    review.save()
    events.review_submitted_event(review=review, by=by, before=before or {})

    score = review.score if ruleset_of(subject.campaign).scoring == "points" else None
    entries: list[tuple[Subject, int]] = []
    if asks_party_level(subject) and subject.included:
        entries.append((subject, review.self_party_level))  # type: ignore[arg-type]
    state = state_subject_of(subject)
    if state is not None and review.self_state_level is not None:
        state = locks.subject_for_update(state.pk) if state.pk != subject.pk else subject
        if state.included:
            entries.append((state, review.self_state_level))
    if entries:
        _write_self(entries=entries, score=score, by=by)
    return review


def _write_self(*, entries: list[tuple[Subject, int]], score: Any, by: AbstractBaseUser) -> None:
    rows = [Entry(s.pk, RatingStage.SELF.value, Level(level), score, "") for s, level in entries]
    campaign = entries[0][0].campaign
    verdicts = stage_verdicts(campaign=campaign, entries=rows)
    versions = {s.pk: s.state_version for s, _l in entries}
    ratings_write(entries=rows, by=by, versions=versions, verdicts=verdicts)
    for s, _level in entries:
        rating = Rating.objects.filter(subject=s, stage=RatingStage.SELF).order_by("-pk").first()
        events.rating_recorded_event(rating=rating, by=by, before=None)


@transaction.atomic
def evidence_add(*, subject: Subject, by: AbstractBaseUser, title: str, file: UploadedFile) -> Evidence:
    """Attach a file of a concrete product to the subject's review (S-15), within size and type limits."""
    subject = locks.subject_for_update(subject.pk)
    _check_writable(subject=subject, by=by)
    name = PurePath(file.name or "").name
    errors: list[str] = []
    if not title.strip():
        errors.append(str(TITLE_MISSING))
    if (file.size or 0) > EVIDENCE_MAX_BYTES:
        errors.append(str(FILE_TOO_BIG % {"name": name, "limit": EVIDENCE_MAX_BYTES // (1024 * 1024)}))
    suffix = PurePath(name).suffix.lower()
    if suffix not in EVIDENCE_TYPES:
        errors.append(str(FILE_TYPE % {"name": name, "allowed": ", ".join(sorted(EVIDENCE_TYPES))}))
    elif not errors and not content_matches(file, suffix):
        errors.append(str(FILE_CONTENT % {"name": name, "type": suffix.lstrip(".").upper()}))
    if errors:
        raise ValidationError(errors)
    review = locks.review_for_update(subject)
    if review is None:
        review = Review.objects.create(subject=subject, author=by)
    elif review.status == ReviewStatus.SUBMITTED:
        raise ValidationError(ALREADY_SUBMITTED)
    evidence = Evidence(
        review=review,
        title=title.strip(),
        content_type=EVIDENCE_TYPES[suffix],
        size=file.size or 0,
        uploaded_by=by,
    )
    evidence.file.save(name, file, save=False)
    evidence.save()
    events.evidence_added_event(evidence=evidence, by=by)
    return evidence
