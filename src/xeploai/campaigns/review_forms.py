"""The review forms: which form each subject writes under each ruleset, and what each form holds.

One place decides the form (``form_for``), keyed on the ruleset, never on the letter alone: the letters
swap meaning between the documents (conventions.md §2.1: in HD25, 02A = non-leader and 02B = leader;
in HD43, 2A = leader and 2B = non-leader).

- 2023 (``kh181-2023``, the plan follows HD21): the collective report Mẫu 01 and one individual
  self-review Mẫu 02, criteria graded (R-00b; conventions.md §2.2, §2.3; regulations.md F-01, F-02A).
- 2025 → (``qd366-*`` rulesets): Hướng dẫn 43-HD/BTCTW ngày 31/10/2025, mục 2.1 b (regulations.md
  F-HD43; conventions.md §2.1): Mẫu 01 for collectives; Mẫu 2A for individuals holding a leadership or
  management post; Mẫu 2B for individuals not holding one; Mẫu 2C for party members not working in the
  political system (retirees, students, private business and others). Part A is the review (sections
  I–VI), part B the self-scoring against the criteria framework of QĐ366 (general group …/30, task
  results …/70, total …/100, R-58) and the self-proposed level.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from xeploai.rules.kinds import CivilServiceCategory

if TYPE_CHECKING:
    from .models import Subject


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


@dataclass(frozen=True, slots=True)
class ScoreGroup:
    """A group of criteria scored on the form (R-58: general group 30 points, task results 70)."""

    code: str  # the Review field holding it
    label: str
    maximum: Decimal


# Part B of the HD43 forms (conventions.md §2.2 "HD 43 changes", §2.3 B.I).
HD43_SCORES = (
    ScoreGroup("general_points", _("1. Nhóm tiêu chí chung"), Decimal(30)),
    ScoreGroup("task_points", _("2. Nhóm tiêu chí về kết quả thực hiện nhiệm vụ"), Decimal(70)),
)
SECTION_FIELDS = ("limitations", "causes", "remedy_results", "explanations", "responsibility", "direction")
# Section labels of today's forms (conventions.md §2.2, §2.3), the field names of ``Review``.
LABELS_2023 = {
    "strengths": _("I. Ưu điểm, kết quả đạt được"),
    "limitations": _("II.1. Hạn chế, khuyết điểm"),
    "causes": _("II.2. Nguyên nhân"),
    "remedy_results": _("III. Kết quả khắc phục hạn chế, khuyết điểm đã được chỉ ra"),
    "explanations": _("IV. Giải trình những vấn đề được gợi ý kiểm điểm"),
    "responsibility": _("V. Làm rõ trách nhiệm đối với hạn chế, khuyết điểm của tập thể"),
    "direction": _("VI. Phương hướng, biện pháp khắc phục"),
}
LABELS_HD43 = {
    **LABELS_2023,
    "strengths": _("A. I. Ưu điểm, kết quả đạt được"),
    "limitations": _("II.1. Hạn chế, khuyết điểm"),
    "causes": _("II.2. Nguyên nhân của hạn chế, khuyết điểm"),
    "remedy_results": _(
        "III. Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền kết luận hoặc được "
        "chỉ ra ở các kỳ kiểm điểm trước"
    ),
    "explanations": _("IV. Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)"),
}
RESPONSIBILITY_COLLECTIVE = _(
    "V. Làm rõ trách nhiệm của tập thể và cá nhân đối với những hạn chế, khuyết điểm"
)
RESPONSIBILITY_LEADER = _(
    "V. Làm rõ trách nhiệm của cá nhân đối với những hạn chế, khuyết điểm của tập thể (nếu có)"
)

# Section I of each form: the items the author writes about (conventions.md §2.2, §2.3; the 2C items
# after the criteria framework of QĐ366 Phụ lục 5, which that form applies).
ITEMS_COLLECTIVE = (
    _(
        "Việc chấp hành nguyên tắc tổ chức và hoạt động, nhất là nguyên tắc tập trung dân chủ; thực hiện quy "
        "chế làm việc"
    ),
    _("Kết quả thực hiện các chỉ tiêu nghị quyết đại hội và kế hoạch công tác năm"),
    _("Công tác xây dựng, chỉnh đốn Đảng; tinh gọn tổ chức bộ máy"),
    _("Trách nhiệm của tập thể lãnh đạo, quản lý trong tổ chức thực hiện các chủ trương của Đảng"),
)
ITEMS_MEMBER = (
    _(
        "Về phẩm chất chính trị, đạo đức, lối sống; tinh thần đoàn kết, thống nhất trong nội bộ; ý thức tổ "
        "chức kỷ luật, trách nhiệm nêu gương, việc thực hiện những điều đảng viên không được làm; tác phong, "
        "lề lối làm việc"
    ),
    _(
        "Việc thực hiện chức trách, nhiệm vụ, quyền hạn và kết quả thực hiện các chỉ tiêu, nhiệm vụ được "
        "giao trong năm, gắn với hiệu quả, tiến độ, chất lượng công việc"
    ),
)
ITEMS_LEADER = (
    _(
        "Kết quả lãnh đạo, chỉ đạo, quản lý, điều hành; mức độ hoàn thành nhiệm vụ của cơ quan, đơn vị được "
        "giao phụ trách; khả năng quy tụ, đoàn kết"
    ),
    _("Tinh thần trách nhiệm, năng động, đổi mới, sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm"),
    _(
        "Trách nhiệm nêu gương của bản thân và gia đình; đấu tranh phòng, chống tham nhũng, lãng phí, "
        "tiêu cực"
    ),
)
ITEM_PLEDGE = _("Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu của cá nhân theo quy định")
ITEMS_OUTSIDE = (
    _(
        "Về phẩm chất chính trị, đạo đức, lối sống và ý thức tổ chức kỷ luật; chấp hành quy định nơi lao "
        "động, học tập, sinh sống và nơi cư trú"
    ),
    _("Việc thực hiện quyền và nghĩa vụ của đảng viên; các nhiệm vụ được cấp ủy, chi bộ phân công"),
    _(
        "Tham gia học tập nghị quyết, sinh hoạt chi bộ; các nhiệm vụ đột xuất và hoạt động ở địa phương, phù "
        "hợp với điều kiện, sức khỏe, độ tuổi"
    ),
    ITEM_PLEDGE,
)


@dataclass(frozen=True)
class ReviewForm:
    """One form: its name as printed, the page's heading, section I's items, the sections II–VI it has,
    and, for the HD43 forms, the score groups of part B (empty: criteria are graded)."""

    code: str  # "01", "2A", "2B", "2C" (HD43); "01", "02" (2023)
    name: str  # printed on the form's first line, e.g. "Mẫu 2A-HD KĐ.ĐG 2025"
    heading: Any  # lazy: the page's title of the form
    subtitle: Any = ""
    template: str = ""  # the Word template in reports/docx_templates (without .docx)
    items: tuple[Any, ...] = ()
    labels: dict[str, Any] = field(default_factory=dict)
    sections: tuple[str, ...] = SECTION_FIELDS
    scores: tuple[ScoreGroup, ...] = ()
    annex: Any = ""  # the criteria framework the score follows
    basis: str = ""  # the document and section that assigns the form

    @property
    def hd43(self) -> bool:
        return bool(self.scores)

    @property
    def shows(self) -> dict[str, bool]:
        """Section field → whether the form has it (for the templates)."""
        return {name: name in self.sections for name in SECTION_FIELDS}

    @property
    def collective(self) -> bool:
        return self.code == "01"


HD43_BASIS = "Hướng dẫn 43-HD/BTCTW ngày 31/10/2025, mục 2.1 b"
SUBTITLE_LEADER = _("(Cá nhân giữ chức vụ lãnh đạo, quản lý)")
SUBTITLE_MEMBER = _("(Cá nhân không giữ chức vụ lãnh đạo, quản lý)")
NO_RESPONSIBILITY = tuple(s for s in SECTION_FIELDS if s != "responsibility")

FORM_2023_COLLECTIVE = ReviewForm(
    "01",
    "Mẫu 01-HD KĐ.ĐG 2019",
    _("Báo cáo kiểm điểm tập thể (Mẫu 01)"),
    template="collective_report",
    items=ITEMS_COLLECTIVE,
    labels=LABELS_2023,
    basis="Hướng dẫn 21-HD/BTCTW, Mẫu 01",
)
FORM_2023_INDIVIDUAL = ReviewForm(
    "02",
    "Mẫu 02A-HD KĐ.ĐG 2019",
    _("Bản kiểm điểm cá nhân (Mẫu 02)"),
    template="self_review",
    items=ITEMS_MEMBER,
    labels=LABELS_2023,
    basis="Hướng dẫn 21-HD/BTCTW, Mẫu 02",
)
FORM_01 = ReviewForm(
    "01",
    "Mẫu 01-HD KĐ.ĐG 2025",
    _("Báo cáo kiểm điểm, tự đánh giá, xếp loại chất lượng của tập thể (Mẫu 01)"),
    template="hd43_mau_01",
    items=ITEMS_COLLECTIVE,
    labels={**LABELS_HD43, "responsibility": RESPONSIBILITY_COLLECTIVE},
    scores=HD43_SCORES,
    annex=_("Phụ lục 1 Quy định 366-QĐ/TW"),
    basis=HD43_BASIS,
)
FORM_2A = ReviewForm(
    "2A",
    "Mẫu 2A-HD KĐ.ĐG 2025",
    _("Bản kiểm điểm, tự đánh giá, xếp loại của cá nhân (Mẫu 2A)"),
    SUBTITLE_LEADER,
    template="hd43_mau_2a",
    items=(*ITEMS_MEMBER, *ITEMS_LEADER, ITEM_PLEDGE),
    labels={**LABELS_HD43, "responsibility": RESPONSIBILITY_LEADER},
    scores=HD43_SCORES,
    annex=_("khung tiêu chí đối với cá nhân giữ chức vụ lãnh đạo, quản lý, Quy định 366-QĐ/TW"),
    basis=HD43_BASIS,
)
FORM_2B = ReviewForm(
    "2B",
    "Mẫu 2B-HD KĐ.ĐG 2025",
    _("Bản kiểm điểm, tự đánh giá, xếp loại của cá nhân (Mẫu 2B)"),
    SUBTITLE_MEMBER,
    template="hd43_mau_2b",
    items=(*ITEMS_MEMBER, ITEM_PLEDGE),
    labels={**LABELS_HD43, "direction": _("V. Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm")},
    sections=NO_RESPONSIBILITY,
    scores=HD43_SCORES,
    annex=_("Phụ lục 4 Quy định 366-QĐ/TW"),
    basis=HD43_BASIS,
)
FORM_2C = ReviewForm(
    "2C",
    "Mẫu 2C-HD KĐ.ĐG 2025",
    _("Bản kiểm điểm, tự đánh giá, xếp loại của đảng viên không làm việc trong hệ thống chính trị (Mẫu 2C)"),
    _(
        "(Đảng viên là cán bộ hưu trí, học sinh, sinh viên, làm việc ở doanh nghiệp tư nhân và các trường "
        "hợp khác)"
    ),
    template="hd43_mau_2c",
    items=ITEMS_OUTSIDE,
    labels={**LABELS_HD43, "direction": _("V. Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm")},
    sections=NO_RESPONSIBILITY,
    scores=HD43_SCORES,
    annex=_("Phụ lục 5 Quy định 366-QĐ/TW"),
    basis=HD43_BASIS,
)
HD43_FORMS = (FORM_01, FORM_2A, FORM_2B, FORM_2C)


def is_leader_form(subject: Subject) -> bool:
    """The self-review of someone holding a leadership post (§2.2: criteria 3–5 and section V)."""
    if subject.subject_type == "LEADER":
        return True
    person = subject.person
    return person is not None and (bool(person.is_head) or person.managing_committee_id is not None)


def is_collective_form(subject: Subject) -> bool:
    return subject.subject_type in ("COLLECTIVE", "ORGANIZATION")


def _memberships(subject: Subject) -> list[Any]:
    """The person's memberships of collectives still held when the subject is counted (prefetched in the
    documents zip)."""
    on = subject.counted_to
    return [m for m in subject.person.memberships.all() if on is None or m.end is None or m.end >= on]


def holds_post(subject: Subject) -> bool:
    """HD43 Mẫu 2A: a person holding a leadership or management post — the LEADER subject, the head of a
    unit or of a committee, or the head of a leadership collective (its secretary)."""
    if is_leader_form(subject):
        return True
    return subject.person is not None and any(m.is_head for m in _memberships(subject))


def outside_political_system(subject: Subject) -> bool:
    """HD43 Mẫu 2C: a party member not working in the political system (retirees, students, private
    business and others) — recorded as neither cán bộ, công chức, viên chức, part-time official nor
    employee (category "Không"), with no workplace in the tree and no seat in a leadership collective."""
    person = subject.person
    return (
        subject.subject_type == "PARTY_MEMBER"
        and person is not None
        and person.civil_service_category in ("", CivilServiceCategory.NONE.value)
        and person.workplace_id is None
        and not _memberships(subject)
    )


def uses_hd43(ruleset: str) -> bool:
    """The QĐ366 rulesets (2025 →) review on the HD43 forms; HD43 replaces HD25 from 31/10/2025."""
    return ruleset.startswith("qd366")


def form_for(subject: Subject) -> ReviewForm:
    """The form ``subject`` writes in its campaign (HD43 mục 2.1 b for the QĐ366 rulesets)."""
    collective = is_collective_form(subject)
    if not uses_hd43(subject.campaign.ruleset):
        return FORM_2023_COLLECTIVE if collective else FORM_2023_INDIVIDUAL
    if collective:
        return FORM_01
    if holds_post(subject):
        return FORM_2A
    return FORM_2C if outside_political_system(subject) else FORM_2B


def person_form(subjects: Sequence[Subject]) -> ReviewForm:
    """The one self-review a person writes for all their roles in a campaign: the leader's form first
    (HD43: 2A, then 2B, then 2C)."""
    forms = [form_for(s) for s in subjects]
    return min(forms, key=lambda f: INDIVIDUAL_ORDER.get(f.code, len(INDIVIDUAL_ORDER)))


INDIVIDUAL_ORDER = {"2A": 0, "2B": 1, "2C": 2, "02": 3}
