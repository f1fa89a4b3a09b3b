"""The audit trail in words for the pages: event names, and the values of what changed (issue 12 item 7).

Events keep their stable codes (``rating.decided``); the pages show "Quyết định mức xếp loại", the code only
in small print. A changed value is shown as a user reads it: a level by its name, a choice by its label, a
linked record by its name, a date as dd/mm/yyyy, a moment in local time, yes/no in words; never raw JSON.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.accounts.names import names_for
from xeploai.rules import Level

ACTION_LABELS = {
    "rating.self": gettext_lazy("Tự nhận mức xếp loại"),
    "rating.proposed": gettext_lazy("Đề xuất mức xếp loại"),
    "rating.appraised": gettext_lazy("Thẩm định mức xếp loại"),
    "rating.decided": gettext_lazy("Quyết định mức xếp loại"),
    "rating.published": gettext_lazy("Công bố kết quả"),
    "results.published": gettext_lazy("Công bố kết quả"),
    "campaign.created": gettext_lazy("Tạo đợt đánh giá"),
    "campaign.opened": gettext_lazy("Mở đợt đánh giá"),
    "campaign.deadline_changed": gettext_lazy("Sửa thời hạn"),
    "subject.override": gettext_lazy("Đưa vào hoặc loại ra khỏi danh sách xếp loại"),
    "review.saved": gettext_lazy("Lưu nháp bản kiểm điểm"),
    "review.submitted": gettext_lazy("Nộp bản kiểm điểm"),
    "evidence.added": gettext_lazy("Thêm minh chứng"),
    "evidence.downloaded": gettext_lazy("Tải minh chứng"),
    "opinion.added": gettext_lazy("Cho ý kiến"),
    "ballot.recorded": gettext_lazy("Ghi kết quả biểu quyết"),
    "quota_exception.granted": gettext_lazy(
        "Nâng tỷ lệ hoàn thành xuất sắc lên 25% (đơn vị có thành tích nổi bật)"
    ),
    "quota_exception.revoked": gettext_lazy("Thu hồi quyết định nâng tỷ lệ hoàn thành xuất sắc"),
    "appeal.lodged": gettext_lazy("Gửi kiến nghị"),
    "appeal.resolved": gettext_lazy("Kết luận kiến nghị"),
    "question.asked": gettext_lazy("Gửi câu hỏi"),
    "question.answered": gettext_lazy("Trả lời câu hỏi"),
    "question.closed": gettext_lazy("Đóng câu hỏi"),
    "report.submitted": gettext_lazy("Gửi báo cáo lên cấp trên"),
    "report.returned": gettext_lazy("Trả lại báo cáo"),
    "report.accepted": gettext_lazy("Tiếp nhận báo cáo"),
    "report.downloaded": gettext_lazy("Tải báo cáo, tài liệu"),
    "registry.exported": gettext_lazy("Xuất dữ liệu ra tệp"),
    "registry.workbook.imported": gettext_lazy("Nhập dữ liệu từ tệp Excel"),
    "person.viewed": gettext_lazy("Xem hồ sơ cá nhân"),
    "accounts.login": gettext_lazy("Đăng nhập"),
    "accounts.logout": gettext_lazy("Đăng xuất"),
    "accounts.login.failed": gettext_lazy("Đăng nhập không thành công"),
    "accounts.login.locked_out": gettext_lazy("Tạm khóa đăng nhập do nhập sai nhiều lần"),
    "accounts.password.changed": gettext_lazy("Đổi mật khẩu"),
    "accounts.2fa.device_added": gettext_lazy("Thêm thiết bị xác thực hai lớp"),
    "accounts.2fa.device_removed": gettext_lazy("Gỡ thiết bị xác thực hai lớp"),
    "accounts.role.granted": gettext_lazy("Giao vai trò"),
    "accounts.role.changed": gettext_lazy("Sửa vai trò"),
    "accounts.role.revoked": gettext_lazy("Thu hồi vai trò"),
}
# registry.<model>.<verb>: "Thêm cá nhân", "Sửa tổ chức", "Xóa giai đoạn trạng thái" …
REGISTRY_VERBS = {
    "created": gettext_lazy("Thêm %(what)s"),
    "changed": gettext_lazy("Sửa %(what)s"),
    "deleted": gettext_lazy("Xóa %(what)s"),
}
# Keys of the events' values that hold a level (Level's 0..3), whatever the object.
LEVEL_KEYS = frozenset({"level", "new_level", "proposed_level", "decided_level", "self_party_level",
                        "self_state_level"})  # fmt: skip
KEY_LABELS = {
    "level": gettext_lazy("Mức xếp loại"),
    "subjects": gettext_lazy("Đối tượng"),
    "organization": gettext_lazy("Tổ chức"),
    "rows": gettext_lazy("Số dòng dữ liệu"),
}
MAX_TEXT = 200
LEVEL_VALUES = frozenset(int(lv) for lv in Level)


def action_label(action: str) -> str:
    """The event's name in words; an unknown code reads as a generic change (the code stays beside it)."""
    if action in ACTION_LABELS:
        return str(ACTION_LABELS[action])
    parts = action.split(".")
    if len(parts) == 3 and parts[0] == "registry" and parts[2] in REGISTRY_VERBS:
        try:
            what = str(apps.get_model("registry", parts[1])._meta.verbose_name)
        except LookupError:
            what = parts[1]
        return str(REGISTRY_VERBS[parts[2]]) % {"what": what}
    return _("Thay đổi dữ liệu")


def model_field(object_type: str, name: str) -> Any:
    """The model field ``name`` of ``object_type`` ("app.model"), or None (a key that is not a field)."""
    try:
        return apps.get_model(object_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None


def field_label(object_type: str, name: str) -> str:
    """The label of a changed field; a relation from another model (a campaign's "subjects") is named by
    that model's plural, as it has no label of its own."""
    field = model_field(object_type, name)
    if field is None:
        return str(KEY_LABELS.get(name, name))
    if field.auto_created and not field.concrete:
        return str(field.related_model._meta.verbose_name_plural)
    return str(field.verbose_name)


def _moment(value: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%d/%m/%Y %H:%M")


def _day(value: str) -> str:
    try:
        return dt.date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return value


def _related(model: Any, value: Any, names: dict[tuple[str, Any], str]) -> str:
    """The linked record's name (read once per page through ``names``)."""
    key = (model._meta.label_lower, value)
    if key not in names:
        obj = model._default_manager.filter(pk=value).first()
        names[key] = str(obj) if obj is not None else _("(đã xóa, mã %(pk)s)") % {"pk": value}
    return names[key]


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, dict):
        return _("%(n)s mục") % {"n": len(value)}
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    text = str(value)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def shown_value(object_type: str, key: str, value: Any, names: dict[tuple[str, Any], str]) -> str:
    """``value`` of ``key`` as a user reads it ("—" for nothing)."""
    if value is None or value == "":
        return "—"
    if key in LEVEL_KEYS and isinstance(value, int) and value in LEVEL_VALUES:
        return str(_(Level(value).label))
    if key == "subjects" and isinstance(value, dict | list):
        return _("%(n)s đối tượng") % {"n": len(value)}
    field = model_field(object_type, key)
    if field is not None and field.choices and not isinstance(value, dict | list):
        return str(dict(field.flatchoices).get(value, value))
    user_model = get_user_model()
    if isinstance(field, models.ForeignKey) and field.related_model is user_model and isinstance(value, int):
        return names_for([value]).get(value) or "—"  # a person's name, not a login
    if isinstance(field, models.ForeignKey) and (isinstance(value, int) or str(value).isdigit()):
        return _related(field.related_model, value, names)
    if key == "organization" and isinstance(value, int):  # a publication's organization
        return _related(apps.get_model("registry", "organization"), value, names)
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        return _moment(value)
    if isinstance(field, models.DateField) and isinstance(value, str):
        return _day(value)
    return _plain(value)
