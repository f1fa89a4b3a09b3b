"""The workbook format: sheets, columns, accepted values (docs/workbook.md says the same for people).

One sheet per entity, Vietnamese headers in row 1, one record per row from row 2. Sheet names and
headers are matched without regard to case, spaces, underscores, diacritics or Unicode normalization,
so "Ca_nhan", "Cá nhân" and "CA NHAN" all name the people sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from xeploai.lib.vietnamese import fold
from xeploai.registry.facts_register import TransferSide
from xeploai.registry.models import (
    CivilServiceCategory,
    CollectiveKind,
    DisciplineForm,
    DisciplineSide,
    Gender,
    OrganizationKind,
    StatusKind,
    Tier,
)
from xeploai.registry.task_register import TaskGroup, TaskQuality


class SubjectKind(models.TextChoices):
    """Who a disciplinary decision is about (a column of the discipline sheet, not a model field)."""

    PERSON = "PERSON", _("Cá nhân")
    COLLECTIVE = "COLLECTIVE", _("Tập thể")
    ORGANIZATION = "ORGANIZATION", _("Tổ chức")


# Column kinds: how a cell is read and written.
CODE, TEXT, NAME, DATE, ENUM, BOOL, YEAR, CITIZEN_ID, CARD, NUMBER, MAYBE_BOOL, COUNT = (
    "code",
    "text",
    "name",
    "date",
    "enum",
    "bool",
    "year",
    "citizen_id",
    "card",
    "number",  # a decimal number (targets)
    "maybe_bool",  # like bool, but a blank cell is "not known yet" (None)
    "count",  # a whole number, 0 or more (ballots)
)


@dataclass(frozen=True)
class Column:
    key: str  # internal name (a model field name where there is one)
    header: str  # the header written in row 1
    kind: str
    required: bool = False  # the cell must have a value (and so the column must be present)
    choices: type[models.TextChoices] | None = None
    max_length: int = 255
    width: int = 16  # column width in exported files
    example: str = ""
    note: str = ""  # accepted values, for the instructions sheet


@dataclass(frozen=True)
class Sheet:
    key: str  # "organizations", ...
    name: str  # the sheet name written in exported files
    title: str  # what the sheet holds, in Vietnamese
    columns: tuple[Column, ...]
    required: bool  # the sheet must be present (it may hold no data rows)

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


DATE_NOTE = "dd/mm/yyyy (ngày Excel hoặc văn bản)"
OWN_CODE_NOTE = "chữ cái không dấu, chữ số, dấu . _ - ; tối đa 40 ký tự; không trùng"


def code_column(
    key: str, header: str, *, required: bool = False, width: int, example: str, note: str = ""
) -> Column:
    """A column of codes: the row's own code or a reference to another row's."""
    return Column(key, header, CODE, required, max_length=40, width=width, example=example, note=note)


BOOL_NOTE = "x, có, 1, TRUE = có; để trống, không, 0, FALSE = không"

ORGANIZATIONS = Sheet(
    key="organizations",
    name="To_chuc",
    title="Tổ chức",
    required=True,
    columns=(
        code_column("code", "Mã tổ chức", required=True, width=16, example="DB_TINH", note=OWN_CODE_NOTE),
        Column("name", "Tên tổ chức", TEXT, True, width=44, example="Đảng bộ tỉnh Đồng Tháp"),
        Column("kind", "Loại tổ chức", ENUM, True, OrganizationKind, width=34, example="Đảng bộ tỉnh"),
        Column("tier", "Cấp", ENUM, True, Tier, width=14, example="Cấp tỉnh"),
        code_column(
            "parent",
            "Mã tổ chức cấp trên",
            width=18,
            example="",
            note="mã một tổ chức trong sheet này hoặc đã có trong hệ thống; để trống nếu là gốc",
        ),
        Column("founded_on", "Ngày thành lập", DATE, width=14, example="03/02/1930", note=DATE_NOTE),
    ),
)

COLLECTIVES = Sheet(
    key="collectives",
    name="Tap_the",
    title="Tập thể lãnh đạo, quản lý",
    required=False,
    columns=(
        code_column("code", "Mã tập thể", required=True, width=16, example="BTV_TINH", note=OWN_CODE_NOTE),
        Column("name", "Tên tập thể", TEXT, True, width=44, example="Ban Thường vụ Tỉnh ủy"),
        Column("kind", "Loại tập thể", ENUM, True, CollectiveKind, width=34, example="Ban thường vụ cấp ủy"),
        code_column(
            "organization",
            "Mã tổ chức",
            required=True,
            width=16,
            example="DB_TINH",
            note="mã tổ chức có tập thể này (trong sheet To_chuc hoặc đã có trong hệ thống)",
        ),
        Column("founded_on", "Ngày thành lập", DATE, width=14, example="", note=DATE_NOTE),
    ),
)

PEOPLE = Sheet(
    key="people",
    name="Ca_nhan",
    title="Cá nhân",
    required=True,
    columns=(
        code_column("code", "Mã cá nhân", required=True, width=14, example="CN000001", note=OWN_CODE_NOTE),
        Column(
            "full_name", "Họ và tên", NAME, True, max_length=120, width=28, example="Nguyễn Thị Minh Khai"
        ),
        Column("birth_date", "Ngày sinh", DATE, width=12, example="15/08/1975", note=DATE_NOTE),
        Column("gender", "Giới tính", ENUM, choices=Gender, width=10, example="Nữ"),
        Column(
            "citizen_id",
            "Số CCCD",
            CITIZEN_ID,
            max_length=12,
            width=15,
            example="087175000123",
            note="đúng 12 chữ số (nhập ở dạng văn bản để giữ số 0 đầu); không trùng giữa hai người",
        ),
        Column(
            "party_card_number",
            "Số thẻ đảng viên",
            CARD,
            max_length=20,
            width=16,
            example="01234567",
            note="văn bản, tối đa 20 ký tự",
        ),
        code_column(
            "party_organization",
            "Mã chi bộ",
            width=14,
            example="CB_VP",
            note="mã một chi bộ (Chi bộ cơ sở hoặc Chi bộ trực thuộc)",
        ),
        Column(
            "admitted_on",
            "Ngày vào Đảng",
            DATE,
            width=14,
            example="19/05/2000",
            note=DATE_NOTE + "; có ngày này là đảng viên",
        ),
        Column(
            "full_member_on",
            "Ngày chính thức",
            DATE,
            width=14,
            example="19/05/2001",
            note=DATE_NOTE + "; không trước ngày vào Đảng",
        ),
        Column(
            "civil_service_category",
            "Đối tượng CBCCVC",
            ENUM,
            choices=CivilServiceCategory,
            width=20,
            example="Công chức",
            note="để trống = Không",
        ),
        code_column("workplace", "Mã cơ quan công tác", width=18, example="VP_TU"),
        Column("positions", "Chức vụ", TEXT, width=28, example="Chánh Văn phòng"),
        Column("is_head", "Người đứng đầu", BOOL, width=10, example="x", note=BOOL_NOTE),
        code_column(
            "managing_committee", "Mã cấp ủy quản lý", width=18, example="DB_TINH", note="mã một tổ chức đảng"
        ),
        Column(
            "employed_from", "Ngày bắt đầu công tác", DATE, width=14, example="",
            note=DATE_NOTE + "; ngày đến cơ quan hiện nay (tính đủ 6 tháng công tác, R-25)",
        ),
        code_column(
            "led_unit", "Mã đơn vị phụ trách", width=18, example="",
            note="cấp phó: mã đơn vị trực tiếp phụ trách (xếp loại không cao hơn đơn vị đó, R-66)",
        ),
    ),
)

MEMBERSHIPS = Sheet(
    key="memberships",
    name="Thanh_vien",
    title="Thành viên tập thể",
    required=False,
    columns=(
        code_column("collective", "Mã tập thể", required=True, width=16, example="BTV_TINH"),
        code_column("person", "Mã cá nhân", required=True, width=14, example="CN000001"),
        Column("role", "Chức danh", TEXT, max_length=120, width=24, example="Ủy viên"),
        Column("is_head", "Người đứng đầu", BOOL, width=10, example="", note=BOOL_NOTE),
        Column("start", "Từ ngày", DATE, width=12, example="01/10/2020", note=DATE_NOTE),
        Column("end", "Đến ngày", DATE, width=12, example="", note=DATE_NOTE + "; không trước Từ ngày"),
    ),
)

STATUSES = Sheet(
    key="statuses",
    name="Tinh_trang",
    title="Tình trạng (miễn, đình chỉ, nghỉ)",
    required=False,
    columns=(
        code_column("person", "Mã cá nhân", required=True, width=14, example="CN000001"),
        Column("kind", "Tình trạng", ENUM, True, StatusKind, width=32, example="Nghỉ thai sản"),
        Column("start", "Từ ngày", DATE, True, width=12, example="01/03/2023", note=DATE_NOTE),
        Column(
            "end", "Đến ngày", DATE, width=12, example="31/08/2023", note=DATE_NOTE + "; không trước Từ ngày"
        ),
        Column("note", "Ghi chú", TEXT, width=30, example=""),
    ),
)

DISCIPLINES = Sheet(
    key="disciplines",
    name="Ky_luat",
    title="Kỷ luật",
    required=False,
    columns=(
        Column("subject_kind", "Đối tượng", ENUM, True, SubjectKind, width=12, example="Cá nhân"),
        code_column(
            "subject",
            "Mã đối tượng",
            required=True,
            width=16,
            example="CN000001",
            note="mã cá nhân, mã tập thể hoặc mã tổ chức, theo cột Đối tượng",
        ),
        Column("form", "Hình thức", ENUM, True, DisciplineForm, width=16, example="Khiển trách"),
        Column("side", "Loại kỷ luật", ENUM, True, DisciplineSide, width=18, example="Kỷ luật đảng"),
        Column("decided_on", "Ngày quyết định", DATE, True, width=14, example="20/06/2023", note=DATE_NOTE),
        Column("violation_year", "Năm vi phạm", YEAR, True, width=10, example="2023", note="năm, 4 chữ số"),
        Column(
            "violation_ref",
            "Mã vi phạm",
            TEXT,
            max_length=60,
            width=14,
            example="VP-2023-01",
            note="cùng một vi phạm bị kỷ luật cả đảng và hành chính thì ghi cùng một mã",
        ),
        Column("self_remedied", "Tự phát hiện và khắc phục", BOOL, width=12, example="", note=BOOL_NOTE),
        Column("note", "Ghi chú", TEXT, width=30, example=""),
        Column(
            "counted_before", "Đã tính ở năm trước", BOOL, width=12, example="",
            note=BOOL_NOTE + "; vi phạm đã là căn cứ xếp loại không hoàn thành nhiệm vụ năm trước",
        ),
    ),
)

TASKS = Sheet(
    key="tasks",
    name="Nhiem_vu",
    title="Nhiệm vụ",
    required=False,
    columns=(
        code_column(
            "code", "Mã nhiệm vụ", required=True, width=14, example="NV-2026-001", note=OWN_CODE_NOTE
        ),
        code_column(
            "person", "Mã cá nhân", width=14, example="CN000001",
            note="mã cá nhân được giao; để trống nếu là nhiệm vụ của đơn vị (điền Mã đơn vị)",
        ),
        code_column(
            "organization", "Mã đơn vị", width=14, example="",
            note="mã tổ chức được giao nhiệm vụ; chỉ điền một trong Mã cá nhân, Mã đơn vị",
        ),
        Column("title", "Nội dung nhiệm vụ", TEXT, True, max_length=500, width=44, example="Báo cáo quý I"),
        Column(
            "group", "Nhóm nhiệm vụ", ENUM, choices=TaskGroup, width=12, example="B",
            note="A, B, C, D; trống = B",
        ),
        Column("assigned_on", "Ngày giao", DATE, True, width=12, example="05/01/2026", note=DATE_NOTE),
        Column(
            "due_on", "Hạn hoàn thành", DATE, True, width=12, example="31/03/2026",
            note=DATE_NOTE + "; không trước Ngày giao",
        ),
        Column(
            "done_on", "Ngày hoàn thành", DATE, width=12, example="28/03/2026",
            note=DATE_NOTE + "; để trống nếu chưa xong",
        ),
        Column("quality", "Chất lượng", ENUM, choices=TaskQuality, width=16, example="Đạt yêu cầu"),
        Column("exceeded", "Vượt tiến độ, chất lượng", BOOL, width=10, example="", note=BOOL_NOTE),
        Column("excused", "Nguyên nhân khách quan", BOOL, width=10, example="", note=BOOL_NOTE),
        Column("note", "Ghi chú", TEXT, width=30, example=""),
    ),
)

TARGETS = Sheet(
    key="targets",
    name="Chi_tieu",
    title="Chỉ tiêu",
    required=False,
    columns=(
        code_column("organization", "Mã đơn vị", required=True, width=14, example="DB_XA_A"),
        Column("year", "Năm", YEAR, True, width=8, example="2026", note="năm, 4 chữ số"),
        Column("name", "Tên chỉ tiêu", TEXT, True, width=40, example="Tỷ lệ hộ nghèo giảm"),
        Column("unit", "Đơn vị tính", TEXT, max_length=40, width=12, example="%"),
        Column("planned", "Kế hoạch", NUMBER, width=12, example="1.5", note="số"),
        Column("achieved", "Thực hiện", NUMBER, width=12, example="1.8", note="số"),
        Column("met", "Đạt", MAYBE_BOOL, width=8, example="x", note=BOOL_NOTE + "; trống = chưa đánh giá"),
        Column("is_basic", "Chỉ tiêu cơ bản", BOOL, width=10, example="x", note=BOOL_NOTE),
    ),
)

MEETINGS = Sheet(
    key="meetings",
    name="Hop_kiem_diem",
    title="Hội nghị kiểm điểm",
    required=False,
    columns=(
        code_column("organization", "Mã tổ chức", required=True, width=14, example="CB_VP"),
        Column(
            "held_on", "Ngày họp", DATE, True, width=12, example="10/12/2025",
            note=DATE_NOTE + "; thời gian 6 tháng tính đến ngày này (S-04)",
        ),
        Column("note", "Ghi chú", TEXT, width=30, example=""),
    ),
)

TRANSFERS = Sheet(
    key="transfers",
    name="Chuyen_den",
    title="Chuyển công tác, chuyển sinh hoạt đảng",
    required=False,
    columns=(
        code_column("person", "Mã cá nhân", required=True, width=14, example="CN000001"),
        Column("side", "Loại", ENUM, True, TransferSide, width=22, example="Chuyển sinh hoạt đảng"),
        Column("moved_on", "Ngày đến đơn vị mới", DATE, True, width=14, example="01/07/2025", note=DATE_NOTE),
        Column("old_unit", "Đơn vị cũ", TEXT, True, width=30, example="Chi bộ Sở Tài chính"),
        Column(
            "old_unit_from", "Ngày đến đơn vị cũ", DATE, width=14, example="",
            note=DATE_NOTE + "; để trống nếu trước năm đánh giá",
        ),
        Column(
            "comment_received", "Đã có nhận xét của đơn vị cũ", BOOL, width=12, example="", note=BOOL_NOTE
        ),
        Column(
            "old_unit_exists", "Đơn vị cũ còn tồn tại", MAYBE_BOOL, width=12, example="x",
            note=BOOL_NOTE + "; trống = còn",
        ),
    ),
)

TEMPORARY = Sheet(
    key="temporary",
    name="Sinh_hoat_tam_thoi",
    title="Sinh hoạt đảng tạm thời",
    required=False,
    columns=(
        code_column("person", "Mã cá nhân", required=True, width=14, example="CN000001"),
        Column("cell", "Chi bộ sinh hoạt tạm thời", TEXT, True, width=30, example="Chi bộ Công ty X"),
        Column("start", "Từ ngày", DATE, True, width=12, example="01/03/2025", note=DATE_NOTE),
        Column("end", "Đến ngày", DATE, width=12, example="", note=DATE_NOTE + "; không trước Từ ngày"),
        Column("comment_received", "Đã có nhận xét", BOOL, width=12, example="", note=BOOL_NOTE),
    ),
)

CONCLUSIONS = Sheet(
    key="conclusions",
    name="Ket_luan",
    title="Kết luận suy thoái, mất đoàn kết",
    required=False,
    columns=(
        Column("subject_kind", "Đối tượng", ENUM, True, SubjectKind, width=12, example="Cá nhân"),
        code_column(
            "subject", "Mã đối tượng", required=True, width=16, example="CN000001",
            note="mã cá nhân (suy thoái, tự diễn biến, tự chuyển hóa); mã tập thể, tổ chức (mất đoàn kết)",
        ),
        Column("concluded_on", "Ngày kết luận", DATE, True, width=14, example="20/06/2025", note=DATE_NOTE),
        Column("note", "Nội dung kết luận", TEXT, width=30, example=""),
    ),
)

VOTES = Sheet(
    key="votes",
    name="Tin_nhiem",
    title="Lấy phiếu tín nhiệm",
    required=False,
    columns=(
        code_column("person", "Mã cá nhân", required=True, width=14, example="CN000001"),
        Column("year", "Năm", YEAR, True, width=8, example="2025", note="năm, 4 chữ số"),
        Column("voters", "Số phiếu", COUNT, True, width=10, example="25", note="số nguyên"),
        Column("high", "Tín nhiệm cao", COUNT, width=10, example="20", note="số nguyên; trống = 0"),
        Column("medium", "Tín nhiệm", COUNT, width=10, example="4", note="số nguyên; trống = 0"),
        Column("low", "Tín nhiệm thấp", COUNT, width=10, example="1", note="số nguyên; trống = 0"),
    ),
)

SHEETS: tuple[Sheet, ...] = (
    ORGANIZATIONS, COLLECTIVES, PEOPLE, MEMBERSHIPS, STATUSES, DISCIPLINES, TASKS, TARGETS,
    MEETINGS, TRANSFERS, TEMPORARY, CONCLUSIONS, VOTES,
)
INSTRUCTIONS_SHEET = "Huong_dan"
LISTS_SHEET = "Danh_muc"


def normalize_header(text: object) -> str:
    """Fold a sheet name or header for matching: no case, diacritics, spaces or underscores."""
    return "".join(ch for ch in fold(str(text)) if ch.isalnum())


def column_letter(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA"."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def choice_lookup(choices: type[models.TextChoices]) -> dict[str, str]:
    """Accepted spellings → stored value: each label and each code, folded."""
    lookup: dict[str, str] = {}
    for value, label in choices.choices:
        lookup[normalize_header(value)] = value
        lookup[normalize_header(label)] = value
    if choices is Gender:
        lookup.update({"male": Gender.MALE, "female": Gender.FEMALE, "nu": Gender.FEMALE})
    if choices is Tier:  # the labels of earlier versions, so workbooks exported then still import
        lookup[normalize_header("Cấp huyện")] = Tier.DISTRICT
        lookup[normalize_header("Dưới cơ sở")] = Tier.BELOW_GRASSROOTS
    if choices is DisciplineSide:  # the short spellings the brief uses
        lookup.update(
            {
                normalize_header("Đảng"): DisciplineSide.PARTY,
                normalize_header("Hành chính"): DisciplineSide.STATE,
            }
        )
    return lookup


TRUE_WORDS = frozenset(normalize_header(w) for w in ("x", "có", "1", "true", "yes", "y", "đúng"))
FALSE_WORDS = frozenset(normalize_header(w) for w in ("", "không", "0", "false", "no", "n", "sai", "-"))
