"""The criteria of the review forms (conventions.md §2.2 Mẫu 02, §2.3 Mẫu 01), and which grade results."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True, slots=True)
class Criterion:
    """A criterion of the review form; ``result``: it grades the results of the assigned political task
    (HD21: the criteria that must be "Xuất sắc" for HTXS, R-30(2), R-34(2))."""

    code: str
    label: str
    result: bool = False


INDIVIDUAL = (
    Criterion(
        "politics", _("Phẩm chất chính trị, đạo đức, lối sống; ý thức tổ chức kỷ luật; tác phong, lề lối")
    ),
    Criterion("duties", _("Thực hiện chức trách, nhiệm vụ, quyền hạn và chỉ tiêu được giao"), result=True),
)
LEADER_ONLY = (
    Criterion(
        "leadership",
        _("Kết quả lãnh đạo, chỉ đạo, quản lý, điều hành; khả năng tập hợp, đoàn kết"),
        result=True,
    ),
    Criterion(
        "initiative", _("Tinh thần trách nhiệm, năng động, đổi mới, dám nghĩ, dám làm, dám chịu trách nhiệm")
    ),
    Criterion(
        "example", _("Nêu gương của bản thân và gia đình; đấu tranh chống tham nhũng, lãng phí, tiêu cực")
    ),
)
PLEDGE = (Criterion("pledge", _("Thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm")),)
COLLECTIVE = (
    Criterion(
        "principles",
        _("Chấp hành nguyên tắc tổ chức, nhất là nguyên tắc tập trung dân chủ, quy chế làm việc"),
    ),
    Criterion("targets", _("Kết quả thực hiện chỉ tiêu nghị quyết đại hội và kế hoạch năm"), result=True),
    # R-34(2), R-38(2): party building is a result criterion of organizations and collectives.
    Criterion("party_building", _("Xây dựng, chỉnh đốn Đảng; tinh gọn tổ chức bộ máy"), result=True),
    Criterion("responsibility", _("Trách nhiệm của tập thể lãnh đạo trong thực hiện chủ trương của Đảng")),
)
RESULT_CRITERIA = frozenset(c.code for c in (*INDIVIDUAL, *LEADER_ONLY, *PLEDGE, *COLLECTIVE) if c.result)
