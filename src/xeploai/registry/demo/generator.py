"""Synthetic registry data: a Đồng Tháp-like province (pre-July-2025 shape) or a nation of 63 provinces.

Pure: nothing here touches the database or the clock. Everything comes from the ``random.Random``
passed in, so the same seed gives the same rows, codes and dates. Rows are plain tuples in the order of
the ``*_FIELDS`` constants (the field names ``xeploai.registry.bulk.insert_rows`` takes), primary keys
included, so tree paths are computed here and the loader writes each table once.

One province is built in two phases. The first plans the tree (party organizations, the government,
front and mass organizations they lead, workplaces), the leaders and the leadership collectives of
plan S-01 (kept in memory: a few thousand rows). The second streams the rank-and-file people cell by
cell (``ProvinceRows.people()``); status periods and disciplines are appended to their lists while it
runs, so insert people first and statuses and disciplines after.

Dates are set against the 2023 campaign: the grassroots deadline 15/10/2023 (S-10) is ``REFERENCE``;
people admitted after ``NEW_SINCE`` (six months before it) are new members (S-03c, R-11).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, NamedTuple

from xeploai.lib.vietnamese import fold, sort_key
from xeploai.registry.columns import DISCIPLINE_COLUMNS, ORGANIZATION_COLUMNS, PERSON_COLUMNS
from xeploai.registry.demo import names
from xeploai.registry.models import (
    CivilServiceCategory,
    CollectiveKind,
    DisciplineForm,
    DisciplineSide,
    OrganizationKind,
    StatusKind,
    Tier,
    path_segment,
)

REFERENCE = date(2023, 10, 15)  # S-10: grassroots deadline of the 2023 campaign
NEW_SINCE = date(2023, 4, 15)  # S-03c / R-11: admitted less than 6 months before REFERENCE
CONGRESS_2020 = date(2020, 7, 15)  # start of the 2020–2025 party committee term
COUNCIL_2021 = date(2021, 6, 25)  # start of the 2021–2026 people's council term

ORGANIZATION_FIELDS = ("id", *ORGANIZATION_COLUMNS)
COLLECTIVE_FIELDS = ("id", "code", "name", "kind", "organization_id", "founded_on")
PERSON_FIELDS = ("id", *PERSON_COLUMNS)
MEMBERSHIP_FIELDS = ("id", "collective_id", "person_id", "role", "is_head", "start", "end")
STATUS_FIELDS = ("id", "person_id", "kind", "start", "end", "note")
DISCIPLINE_FIELDS = ("id", *DISCIPLINE_COLUMNS)

K = OrganizationKind
C = CollectiveKind
CS = CivilServiceCategory


@dataclass(frozen=True)
class Shape:
    """How big one province is."""

    people: int
    district_limit: int | None = None  # keep only the first n districts
    commune_limit: int | None = None  # keep only the first n communes of each district
    extra_grassroots_per_district: int = 3  # schools, enterprises: chi bộ cơ sở under the district
    agency_limit: int | None = None  # keep only the first n grassroots units of each provincial bloc
    party_share: float = 0.7  # share of party members among the people


SHAPES = {
    "province": Shape(people=100_000),
    # Hidden test scale: the same structure, a few thousand people.
    "tiny": Shape(
        people=2_500, district_limit=2, commune_limit=3, extra_grassroots_per_district=1, agency_limit=3
    ),
    # One of 63 provinces of the nation scale: ~87,000 people and ~870 grassroots organizations.
    "nation": Shape(people=87_300, extra_grassroots_per_district=50),
}


@dataclass(frozen=True)
class ProvinceSpec:
    code: str  # ASCII code of the root organization, e.g. "DT"
    name: str  # "Đồng Tháp"
    number: int  # administrative code, e.g. 87 (citizen IDs start with 0 + it: 087)
    districts: tuple[tuple[str, str, bool, tuple[tuple[str, str], ...]], ...]  # code, name, is_city, communes


# Đồng Tháp in 2023 (conventions.md §3.6): 12 district-level units, 143 communes.
# Communes: (kind, name), kind X = xã, P = phường, T = thị trấn.
def _communes(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for item in text.split(";"):
        kind, _, name = item.strip().partition(" ")
        out.append((kind, name))
    return tuple(out)


DONG_THAP = ProvinceSpec(
    code="DT",
    name="Đồng Tháp",
    number=87,
    districts=(
        (
            "CL",
            "Cao Lãnh",
            True,
            _communes(
                "P 1; P 2; P 3; P 4; P 6; P 11; P Hòa Thuận; P Mỹ Phú; X Mỹ Tân; X Mỹ Trà; X Tân Thuận Đông; "
                "X Tân Thuận Tây; X Hòa An; X Tịnh Thới; X Mỹ Ngãi"
            ),
        ),
        (
            "SD",
            "Sa Đéc",
            True,
            _communes(
                "P 1; P 2; P 3; P 4; P An Hòa; P Tân Quy Đông; X Tân Khánh Đông; "
                "X Tân Quy Tây; X Tân Phú Đông"
            ),
        ),
        (
            "HN",
            "Hồng Ngự",
            True,
            _communes("P An Thạnh; P An Lạc; P An Bình A; P An Bình B; P An Lộc; X Tân Hội; X Bình Thạnh"),
        ),
        (
            "TH",
            "Tân Hồng",
            False,
            _communes(
                "T Sa Rài; X Tân Hộ Cơ; X Thông Bình; X Bình Phú; X Tân Thành A; X Tân Thành B; X Tân Phước; "
                "X Tân Công Chí; X An Phước"
            ),
        ),
        (
            "HHN",
            "Hồng Ngự",
            False,
            _communes(
                "T Thường Thới Tiền; X Thường Phước 1; X Thường Phước 2; X Thường Thới Hậu A; X Thường Lạc; "
                "X Long Khánh A; X Long Khánh B; X Long Thuận; X Phú Thuận A; X Phú Thuận B"
            ),
        ),
        (
            "TN",
            "Tam Nông",
            False,
            _communes(
                "T Tràm Chim; X Hòa Bình; X Tân Công Sính; X Phú Hiệp; X Phú Đức; X Phú Thành A; "
                "X Phú Thành B; X Phú Thọ; X Phú Cường; X An Hòa; X An Long; X Phú Ninh"
            ),
        ),
        (
            "TM",
            "Tháp Mười",
            False,
            _communes(
                "T Mỹ An; X Thạnh Lợi; X Hưng Thạnh; X Trường Xuân; X Tân Kiều; X Mỹ Hòa; X Mỹ Quý; "
                "X Mỹ Đông; X Đốc Binh Kiều; X Thanh Mỹ; X Mỹ An; X Phú Điền; X Láng Biển"
            ),
        ),
        (
            "HCL",
            "Cao Lãnh",
            False,
            _communes(
                "T Mỹ Thọ; X Gáo Giồng; X Phương Thịnh; X Ba Sao; X Phong Mỹ; X Tân Nghĩa; X Phương Trà; "
                "X Nhị Mỹ; X Mỹ Thọ; X Tân Hội Trung; X An Bình; X Mỹ Hội; X Mỹ Hiệp; X Mỹ Long; "
                "X Bình Hàng Trung; X Mỹ Xương; X Bình Hàng Tây; X Bình Thạnh"
            ),
        ),
        (
            "TB",
            "Thanh Bình",
            False,
            _communes(
                "T Thanh Bình; X Tân Quới; X Tân Hòa; X An Phong; X Phú Lợi; X Tân Mỹ; X Bình Tấn; "
                "X Tân Huề; X Tân Bình; X Tân Thạnh; X Tân Phú; X Bình Thành; X Tân Long"
            ),
        ),
        (
            "LV",
            "Lấp Vò",
            False,
            _communes(
                "T Lấp Vò; X Mỹ An Hưng A; X Tân Mỹ; X Mỹ An Hưng B; X Tân Khánh Trung; X Long Hưng A; "
                "X Vĩnh Thạnh; X Long Hưng B; X Bình Thành; X Định An; X Định Yên; X Hội An Đông; "
                "X Bình Thạnh Trung"
            ),
        ),
        (
            "LVG",
            "Lai Vung",
            False,
            _communes(
                "T Lai Vung; X Tân Dương; X Hòa Thành; X Long Hậu; X Tân Phước; X Hòa Long; X Tân Thành; "
                "X Long Thắng; X Vĩnh Thới; X Tân Hòa; X Định Hòa; X Phong Hòa"
            ),
        ),
        (
            "CT",
            "Châu Thành",
            False,
            _communes(
                "T Cái Tàu Hạ; X An Hiệp; X An Nhơn; X Tân Nhuận Đông; X Tân Bình; X Tân Phú Trung; "
                "X Phú Long; X An Phú Thuận; X Phú Hựu; X An Khánh; X Tân Phú; X Hòa Tân"
            ),
        ),
    ),
)

# The 63 provinces of 2023 with their administrative codes (citizen ID prefix = 0 + code).
NATION_PROVINCES = (
    (1, "Hà Nội"),
    (2, "Hà Giang"),
    (4, "Cao Bằng"),
    (6, "Bắc Kạn"),
    (8, "Tuyên Quang"),
    (10, "Lào Cai"),
    (11, "Điện Biên"),
    (12, "Lai Châu"),
    (14, "Sơn La"),
    (15, "Yên Bái"),
    (17, "Hòa Bình"),
    (19, "Thái Nguyên"),
    (20, "Lạng Sơn"),
    (22, "Quảng Ninh"),
    (24, "Bắc Giang"),
    (25, "Phú Thọ"),
    (26, "Vĩnh Phúc"),
    (27, "Bắc Ninh"),
    (30, "Hải Dương"),
    (31, "Hải Phòng"),
    (33, "Hưng Yên"),
    (34, "Thái Bình"),
    (35, "Hà Nam"),
    (36, "Nam Định"),
    (37, "Ninh Bình"),
    (38, "Thanh Hóa"),
    (40, "Nghệ An"),
    (42, "Hà Tĩnh"),
    (44, "Quảng Bình"),
    (45, "Quảng Trị"),
    (46, "Thừa Thiên Huế"),
    (48, "Đà Nẵng"),
    (49, "Quảng Nam"),
    (51, "Quảng Ngãi"),
    (52, "Bình Định"),
    (54, "Phú Yên"),
    (56, "Khánh Hòa"),
    (58, "Ninh Thuận"),
    (60, "Bình Thuận"),
    (62, "Kon Tum"),
    (64, "Gia Lai"),
    (66, "Đắk Lắk"),
    (67, "Đắk Nông"),
    (68, "Lâm Đồng"),
    (70, "Bình Phước"),
    (72, "Tây Ninh"),
    (74, "Bình Dương"),
    (75, "Đồng Nai"),
    (77, "Bà Rịa - Vũng Tàu"),
    (79, "Hồ Chí Minh"),
    (80, "Long An"),
    (82, "Tiền Giang"),
    (83, "Bến Tre"),
    (84, "Trà Vinh"),
    (86, "Vĩnh Long"),
    (87, "Đồng Tháp"),
    (89, "An Giang"),
    (91, "Kiên Giang"),
    (92, "Cần Thơ"),
    (93, "Hậu Giang"),
    (94, "Sóc Trăng"),
    (95, "Bạc Liêu"),
    (96, "Cà Mau"),
)

COMMUNE_LABEL = {"X": "xã", "P": "phường", "T": "thị trấn"}
MASS_ORGS = (  # (code, name); the youth union has a "Bí thư", the others a "Chủ tịch"
    ("ND", "Hội Nông dân"),
    ("PN", "Hội Liên hiệp Phụ nữ"),
    ("DTN", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ("CCB", "Hội Cựu chiến binh"),
)
ADVISORY = (
    ("BTC", "Ban Tổ chức"),
    ("UBKT", "Ủy ban Kiểm tra"),
    ("BTG", "Ban Tuyên giáo"),
    ("BDV", "Ban Dân vận"),
    ("VP", "Văn phòng"),
)
DISTRICT_OFFICES = (
    "Phòng Tài chính - Kế hoạch",
    "Phòng Nội vụ",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Tư pháp",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Kinh tế",
    "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Văn hóa và Thông tin",
    "Thanh tra",
)
# Grassroots units of the provincial bloc of agencies: (code, name, is a committee with cells, weight)
PROVINCE_AGENCIES = (
    ("VPTU", "Văn phòng Tỉnh ủy", True, 3),
    ("BTCTU", "Ban Tổ chức Tỉnh ủy", False, 1),
    ("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy", False, 1),
    ("BTGTU", "Ban Tuyên giáo Tỉnh ủy", False, 1),
    ("BDVTU", "Ban Dân vận Tỉnh ủy", False, 1),
    ("BNCTU", "Ban Nội chính Tỉnh ủy", False, 1),
    ("VPUB", "Văn phòng UBND tỉnh", True, 2),
    ("VPHD", "Văn phòng Đoàn ĐBQH và HĐND tỉnh", False, 1),
    ("SYT", "Sở Y tế", True, 2),
    ("BVDK", "Bệnh viện Đa khoa Đồng Tháp", True, 8),
    ("SGD", "Sở Giáo dục và Đào tạo", True, 2),
    ("STC", "Sở Tài chính", False, 1),
    ("SKHDT", "Sở Kế hoạch và Đầu tư", False, 1),
    ("SNN", "Sở Nông nghiệp và Phát triển nông thôn", True, 3),
    ("STNMT", "Sở Tài nguyên và Môi trường", True, 2),
    ("SXD", "Sở Xây dựng", False, 1),
    ("SGTVT", "Sở Giao thông vận tải", True, 2),
    ("SCT", "Sở Công Thương", False, 1),
    ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", True, 2),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", True, 2),
    ("STTTT", "Sở Thông tin và Truyền thông", False, 1),
    ("STP", "Sở Tư pháp", False, 1),
    ("SNV", "Sở Nội vụ", False, 1),
    ("SKHCN", "Sở Khoa học và Công nghệ", False, 1),
    ("TTRA", "Thanh tra tỉnh", False, 1),
    ("TCT", "Trường Chính trị tỉnh", False, 1),
    ("BAO", "Báo Đồng Tháp", False, 1),
    ("DPTTH", "Đài Phát thanh và Truyền hình Đồng Tháp", True, 2),
    ("DHDT", "Trường Đại học Đồng Tháp", True, 4),
    ("CDCD", "Trường Cao đẳng Cộng đồng Đồng Tháp", False, 2),
    ("MTDT", "Cơ quan Mặt trận và các đoàn thể tỉnh", True, 2),
    ("KBNN", "Kho bạc Nhà nước tỉnh", True, 2),
    ("CTHUE", "Cục Thuế tỉnh", True, 3),
    ("BHXH", "Bảo hiểm xã hội tỉnh", True, 2),
    ("TAND", "Tòa án nhân dân tỉnh", False, 1),
    ("VKSND", "Viện Kiểm sát nhân dân tỉnh", False, 1),
    ("CTHADS", "Cục Thi hành án dân sự tỉnh", False, 1),
    ("CTK", "Cục Thống kê tỉnh", False, 1),
)
PROVINCE_ENTERPRISES = (
    ("AGRI", "Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh tỉnh", True, 3),
    ("DL", "Công ty Điện lực tỉnh", True, 3),
    ("CN", "Công ty Cổ phần Cấp nước và Môi trường đô thị", True, 2),
    ("XSKT", "Công ty TNHH MTV Xổ số kiến thiết", False, 1),
    ("VCB", "Ngân hàng Ngoại thương chi nhánh tỉnh", False, 1),
    ("BIDV", "Ngân hàng Đầu tư và Phát triển chi nhánh tỉnh", False, 1),
    ("VNPT", "Viễn thông tỉnh (VNPT)", False, 1),
    ("VTL", "Viettel tỉnh", False, 1),
    ("DUOC", "Công ty Cổ phần Dược phẩm tỉnh", True, 2),
    ("THUYSAN", "Công ty Cổ phần Thủy sản", False, 2),
)
MILITARY = (
    ("CQ", "Cơ quan Bộ Chỉ huy Quân sự tỉnh", True, 3),
    ("TD", "Trung đoàn Bộ binh", True, 4),
    ("TS", "Đại đội Trinh sát", False, 1),
    ("TTHL", "Trung tâm Huấn luyện và Bồi dưỡng", False, 1),
)
POLICE = (
    ("CSHS", "Phòng Cảnh sát hình sự", False, 1),
    ("CSGT", "Phòng Cảnh sát giao thông", True, 2),
    ("ANDT", "Phòng An ninh đối ngoại", False, 1),
    ("CSQLHC", "Phòng Cảnh sát QLHC về TTXH", False, 1),
    ("PC07", "Phòng Cảnh sát PCCC và CNCH", True, 2),
    ("TRAIGIAM", "Trại tạm giam", False, 1),
)
BORDER = (
    ("CQ", "Cơ quan Bộ Chỉ huy Bộ đội Biên phòng tỉnh", True, 2),
    ("TP", "Đồn Biên phòng Thường Phước", False, 1),
    ("DB", "Đồn Biên phòng Dinh Bà", False, 1),
    ("TB", "Đồn Biên phòng Thông Bình", False, 1),
    ("MC", "Đồn Biên phòng Mỹ Cân", False, 1),
)

AGENCY_JOBS = ("Chuyên viên", "Chuyên viên", "Chuyên viên chính", "Cán sự", "Kế toán", "Nhân viên", "Văn thư")
SCHOOL_JOBS = ("Giáo viên", "Giáo viên", "Giáo viên", "Nhân viên", "Tổ trưởng chuyên môn")
HEALTH_JOBS = ("Bác sĩ", "Điều dưỡng", "Điều dưỡng", "Dược sĩ", "Kỹ thuật viên", "Hộ sinh")
ARMED_JOBS = ("Sĩ quan", "Chiến sĩ", "Quân nhân chuyên nghiệp")
ENTERPRISE_JOBS = ("Nhân viên", "Kỹ sư", "Công nhân", "Kế toán", "Trưởng phòng")
# The blocs directly under the province: code, name, units, the units' kind and people's profile.
BLOCS = (
    ("KCQ", "Đảng bộ Khối các cơ quan tỉnh", PROVINCE_AGENCIES, K.AGENCY, "agency"),
    ("KDN", "Đảng bộ Khối Doanh nghiệp tỉnh", PROVINCE_ENTERPRISES, K.ENTERPRISE, "enterprise"),
    ("QS", "Đảng bộ Quân sự tỉnh", MILITARY, K.AGENCY, "armed"),
    ("CA", "Đảng bộ Công an tỉnh", POLICE, K.AGENCY, "armed"),
    ("BP", "Đảng bộ Bộ đội Biên phòng tỉnh", BORDER, K.AGENCY, "armed"),
)
HAMLET_JOBS = ("", "", "", "", "", "", "Trưởng ấp", "Phó Trưởng ấp", "Tổ trưởng tổ nhân dân", "Công an viên")


@dataclass
class Ids:
    """Next primary key of each table; shared by the provinces of one run."""

    next: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ("organization", "collective", "person", "membership", "status", "discipline"), 1
        )
    )

    def take(self, table: str, n: int = 1) -> int:
        first = self.next[table]
        self.next[table] = first + n
        return first


@dataclass
class Org:
    id: int
    code: str
    name: str
    kind: str
    path: str
    depth: int


class DemoAccount(NamedTuple):
    """An account the demo proposes; the accounts app creates it."""

    username: str
    role: str
    organization_code: str
    person_id: int | None


@dataclass
class Slot:
    """A group of rank-and-file people planned in phase 1, generated in phase 2."""

    cell: Org | None  # party cell (None: people who are not party members)
    workplace: Org | None
    weight: float
    profile: str  # hamlet, agency, school, health, armed, enterprise, staff
    managing: Org | None  # committee that manages the cell's secretary
    category: str = CS.NONE
    min_count: int = 1
    first: int = 0
    count: int = 0


class Unit(NamedTuple):
    party: Org  # the grassroots party organization
    cell: Org  # the cell its leaders sit in
    workplace: Org


class Government(NamedTuple):
    ub: Org  # people's committee
    hd: Org  # people's council
    mt: Org  # fatherland front


@dataclass
class Bodies:
    """What a party committee leads: advisory agencies (by code), government and front, mass
    organizations."""

    adv: dict[str, Org]
    gov: Government
    mass: list[Org]


class Bloc(NamedTuple):
    org: Org
    units: list[Unit]


class DistrictOffices(NamedTuple):
    ddt: Org  # the party and mass organizations' agencies' party committee
    vp_cell: Org  # the cell of the committee's office, where the district leaders sit
    cq: Org  # the government agencies' party committee
    gov_cell: Org


# Leaders by position, as person ids: bt secretary, pbt standing deputy, ct_ub / pct_ub chair and
# vice-chairs of the people's committee, ct_hd / pct_hd / tb_hd of the council, ct_mt of the front,
# adv heads of the advisory agencies (by code), mass heads of the mass organizations (in order).
@dataclass
class ProvinceLeaders:
    cell: Org  # the cell of the Văn phòng Tỉnh ủy
    bt: int
    pbt_tt: int
    ct_hd: int
    ct_ub: int
    pct_ub: list[int]
    pct_hd: list[int]
    adv: dict[str, int]
    ct_mt: int
    mass: list[int]
    blocs: dict[str, int]
    others: list[int]


@dataclass
class DistrictLeaders:
    bt: int
    pbt: int
    ct_ub: int
    pct_ub: list[int]
    ct_hd: int
    pct_hd: int
    tb_hd: list[int]
    adv: dict[str, int]
    ct_mt: int
    mass: list[int]


@dataclass
class CommuneLeaders:
    bt: int
    pbt: int
    ct_ub: int
    pct_ub: list[int]
    pct_hd: int
    ct_mt: int
    mass: list[int]
    others: list[int]


@dataclass
class ProvinceRows:
    """The rows of one province; ``people()`` streams, the other lists are complete once it ran."""

    organizations: list[tuple[Any, ...]]
    collectives: list[tuple[Any, ...]]
    memberships: list[tuple[Any, ...]]
    leaders: list[tuple[Any, ...]]
    statuses: list[tuple[Any, ...]]
    disciplines: list[tuple[Any, ...]]
    accounts: list[DemoAccount]
    _builder: Builder = field(repr=False)

    def people(self) -> Iterator[tuple[Any, ...]]:
        """Every person: the leaders first, then the rank-and-file, cell by cell."""
        yield from self.leaders
        yield from self._builder.rank_and_file()

    @property
    def party_organization_count(self) -> int:
        return self._builder.party_orgs


def one_year_after(day: date) -> date:
    """The same day a year later (29 February → 28 February)."""
    return (
        day.replace(year=day.year + 1, day=28)
        if (day.month, day.day) == (2, 29)
        else day.replace(year=day.year + 1)
    )


def _day(rng: random.Random, start: date, end: date) -> date:
    return date.fromordinal(rng.randint(start.toordinal(), end.toordinal()))


class Builder:
    # The dates people are placed against (the 2025 structure moves them: ``structure2025``).
    reference = REFERENCE
    new_since = NEW_SINCE

    def __init__(self, rng: random.Random, ids: Ids, spec: ProvinceSpec, shape: Shape) -> None:
        self.rng, self.ids, self.spec, self.shape = rng, ids, spec, shape
        self.orgs: list[tuple[Any, ...]] = []
        self.collectives: list[tuple[Any, ...]] = []
        self.memberships: list[tuple[Any, ...]] = []
        self.leaders: list[tuple[Any, ...]] = []
        self.statuses: list[tuple[Any, ...]] = []
        self.disciplines: list[tuple[Any, ...]] = []
        self.accounts: list[DemoAccount] = []
        self.slots: list[Slot] = []
        self.deferred: list[tuple[int, Slot, int, str, bool, date | None]] = []
        self.cids: set[str] = set()
        self.communes_of: list[tuple[str, Org, list[tuple[Org, list[Org]]]]] = []  # per district
        self.violations = 0
        self.party_orgs = 0
        self._sort_parts: dict[str, bytes] = {}
        self.leader_ids: list[int] = []  # committee members: candidates for committee suspension

    # ----------------------------------------------------------------------------------- tree
    def org(
        self, code: str, name: str, kind: str, tier: str, parent: Org | None, founded: date | None = None
    ) -> Org:
        pk = self.ids.take("organization")
        path = (parent.path if parent else "") + path_segment(pk)
        depth = parent.depth + 1 if parent else 0
        if founded is None:
            founded = _day(self.rng, date(1975, 5, 1), date(2015, 12, 31))
        self.orgs.append(
            (
                pk,
                code,
                name,
                fold(name),
                str(kind),
                str(tier),
                parent.id if parent else None,
                path,
                depth,
                founded,
            )
        )
        if kind in (
            K.PROVINCIAL_COMMITTEE,
            K.DISTRICT_COMMITTEE,
            K.GRASSROOTS_COMMITTEE,
            K.GRASSROOTS_CELL,
            K.SUB_COMMITTEE,
            K.CELL,
        ):
            self.party_orgs += 1
        return Org(pk, code, name, kind, path, depth)

    def collective(
        self,
        org: Org,
        suffix: str,
        kind: str,
        name: str,
        members: list[tuple[int, str]],
        founded: date | None = None,
        start: date | None = None,
    ) -> int:
        """A collective whose first member is its head; members are (person id, role)."""
        pk = self.ids.take("collective")
        self.collectives.append((pk, f"{org.code}-{suffix}", name, str(kind), org.id, founded or start))
        seen: set[int] = set()
        for i, (pid, role) in enumerate(members):
            if pid in seen:
                continue
            seen.add(pid)
            self.memberships.append((self.ids.take("membership"), pk, pid, role, i == 0, start, None))
        return pk

    # --------------------------------------------------------------------------------- people
    def _citizen_id(self, birth: date, female: bool) -> str:
        century = 0 if birth.year < 2000 else 2
        head = f"0{self.spec.number:02d}{century + (1 if female else 0)}{birth.year % 100:02d}"
        while True:
            cid = f"{head}{self.rng.randrange(1_000_000):06d}"
            if cid not in self.cids:
                self.cids.add(cid)
                return cid

    def _name_sort(self, family: str, middle: str, given: str) -> str:
        parts = self._sort_parts
        keys = []
        for part in (given, middle, family):
            key = parts.get(part)
            if key is None:
                key = parts[part] = sort_key(part).rstrip(b"\x00")
            keys.append(key)
        return b"\x00".join(keys).hex()

    def person(
        self,
        pid: int,
        *,
        cell: Org | None,
        workplace: Org | None,
        positions: str = "",
        category: str = CS.NONE,
        is_head: bool = False,
        managing: Org | None = None,
        born: tuple[int, int] = (1960, 1998),
        female: bool | None = None,
        can_be_new: bool = True,
    ) -> tuple[Any, ...]:
        rng = self.rng
        if female is None:
            female = rng.random() < 0.4
        birth = _day(rng, date(born[0], 1, 1), date(born[1], 12, 28))
        full = names.person_name(rng, female)
        family, _, rest = full.partition(" ")
        middle, _, given = rest.rpartition(" ")
        code = f"{self.spec.code}.{pid:07d}"
        card = ""
        full_member = admitted = None
        if cell is not None:
            if can_be_new and birth.year >= 1963 and rng.random() < 0.02:
                admitted = _day(rng, self.new_since, self.reference - timedelta(days=1))  # S-03c new members
            else:
                lo = date(birth.year + 18, birth.month, 1)
                hi = min(date(birth.year + 45, 12, 31), self.new_since - timedelta(days=1))
                admitted = _day(rng, lo, max(lo, hi))
            card = f"{self.spec.number:02d}{pid:07d}"
            # Probationary for 12 months, then a full member (Điều lệ Đảng, Điều 5).
            anniversary = one_year_after(admitted)
            full_member = anniversary if anniversary <= self.reference else None
        row = (
            pid,
            code,
            full,
            fold(full),
            self._name_sort(family, middle, given),
            birth,
            "F" if female else "M",
            self._citizen_id(birth, female),
            card,
            cell.id if cell else None,
            admitted,
            full_member,
            str(category),
            workplace.id if workplace else None,
            positions,
            is_head,
            managing.id if managing else None,
        )
        if cell is not None:
            self._events(pid, birth, female, admitted, category)
        return row

    def _events(self, pid: int, birth: date, female: bool, admitted: date, category: str) -> None:
        """Status periods and discipline at realistic rates (S-03, R-10, R-13, R-14, R-33)."""
        rng, y = self.rng, self.reference.year
        age = y - birth.year
        r = rng.random()
        exempt = 0.08 if age >= 70 else 0.002  # ~1 % overall, mostly old age
        if r < exempt:
            start = _day(rng, date(2015, 1, 1), date(y, 6, 30))
            self._status(
                pid, StatusKind.EXEMPT, start, None, "Tuổi cao, sức yếu" if age >= 70 else "Lý do sức khỏe"
            )
        elif r < exempt + 0.001:  # ~0.1 %
            start = _day(rng, date(y, 1, 1), date(y, 9, 30))
            self._status(pid, StatusKind.SUSPENDED, start, None, "Đình chỉ sinh hoạt đảng để xem xét kỷ luật")
        r = rng.random()
        if r < 0.03:
            start = _day(rng, date(y, 1, 1), date(y, 9, 15))
            days = rng.choice((7, 14, 30, 45, 60, 95, 120, 180))  # some of three months or more
            self._status(pid, StatusKind.SICK_LEAVE, start, start + timedelta(days=days), "")
        elif female and 22 <= age <= 42 and r < 0.03 + 0.07:  # ~1 % of everyone
            start = _day(rng, date(y - 1, 11, 1), date(y, 9, 1))
            self._status(pid, StatusKind.MATERNITY_LEAVE, start, start + timedelta(days=182), "")
        if admitted < date(y, 1, 1) and rng.random() < 0.005:
            self._discipline_person(pid, category)

    def _status(self, pid: int, kind: str, start: date, end: date | None, note: str) -> None:
        self.statuses.append((self.ids.take("status"), pid, str(kind), start, end, note))

    def _discipline_person(self, pid: int, category: str) -> None:
        rng, y = self.rng, self.reference.year
        form = rng.choices(
            (DisciplineForm.REPRIMAND, DisciplineForm.WARNING, DisciplineForm.DISMISSAL), weights=(75, 21, 4)
        )[0]
        year = y - 1 if rng.random() < 0.1 else y  # a few violations of the year before decided this year
        decided = _day(rng, date(y, 1, 10), date(y, 9, 30))
        self.violations += 1
        ref = f"{self.spec.code}-VP{year}-{self.violations:05d}"
        remedied = rng.random() < 0.15
        civil = category in (CS.CADRE, CS.CIVIL_SERVANT, CS.PUBLIC_EMPLOYEE)
        sides = [DisciplineSide.PARTY]
        if civil:
            roll = rng.random()
            if roll < 0.25:  # one violation disciplined on both sides, same violation_ref (R-33d, R-76)
                sides = [DisciplineSide.PARTY, DisciplineSide.STATE]
            elif roll < 0.4:
                sides = [DisciplineSide.STATE]
        for side in sides:
            when = decided
            if side == DisciplineSide.STATE:
                when = min(decided + timedelta(days=rng.randint(5, 40)), date(y, 10, 10))
            self.disciplines.append(
                (
                    self.ids.take("discipline"),
                    pid,
                    None,
                    None,
                    str(form),
                    str(side),
                    when,
                    year,
                    ref,
                    remedied,
                    "",
                )
            )

    def leader(
        self,
        position: str,
        cell: Org,
        workplace: Org,
        managing: Org,
        *,
        is_head: bool = False,
        category: str = CS.CADRE,
        female: bool | None = None,
        born: tuple[int, int] = (1963, 1985),
    ) -> int:
        pid = self.ids.take("person")
        self.leaders.append(
            self.person(
                pid,
                cell=cell,
                workplace=workplace,
                positions=position,
                category=category,
                is_head=is_head,
                managing=managing,
                born=born,
                female=female,
                can_be_new=False,
            )
        )
        self.leader_ids.append(pid)
        return pid

    def slot(
        self,
        cell: Org | None,
        workplace: Org | None,
        weight: float,
        profile: str,
        managing: Org | None,
        *,
        category: str = CS.NONE,
        min_count: int = 1,
    ) -> Slot:
        s = Slot(cell, workplace, weight, profile, managing, category, min_count)
        self.slots.append(s)
        return s

    def defer(
        self, collective: int, slot: Slot, index: int, role: str, start: date | None, is_head: bool = False
    ) -> None:
        """Seat the ``index``-th person of ``slot`` in ``collective`` once the slot's ids are known."""
        slot.min_count = max(slot.min_count, index + 1)
        self.deferred.append((collective, slot, index, role, is_head, start))

    # ------------------------------------------------------------------------ the whole province
    def build(self) -> None:
        spec = self.spec
        root = self.org(
            spec.code,
            f"Đảng bộ tỉnh {spec.name}",
            K.PROVINCIAL_COMMITTEE,
            Tier.PROVINCE,
            None,
            founded=date(1930, 1, 1),
        )
        # Provincial advisory agencies, government, front and mass organizations.
        place = f"tỉnh {spec.name}"
        bodies = Bodies(
            adv={
                c: self.org(f"{spec.code}.{c}", f"{n} Tỉnh ủy", K.ADVISORY_AGENCY, Tier.PROVINCE, root)
                for c, n in ADVISORY + (("BNC", "Ban Nội chính"),)
            },
            gov=self.government(spec.code, place, Tier.PROVINCE, root),
            mass=self.mass_orgs(spec.code, place, f"Tỉnh Đoàn {spec.name}", Tier.PROVINCE, root),
        )
        blocs = self.blocs(root)
        heads = self.province_leaders(root, bodies, blocs)
        self.province_government(root, bodies, heads)
        self.province_standing_bodies(root, bodies, blocs, heads)
        districts = (
            spec.districts[: self.shape.district_limit] if self.shape.district_limit else spec.districts
        )
        for dcode, dname, is_city, communes in districts:
            self.district(root, f"{spec.code}.{dcode}", dname, is_city, communes)
        self.collective(
            root,
            "BCH",
            C.EXECUTIVE_COMMITTEE,
            f"Ban Chấp hành Đảng bộ tỉnh {spec.name}",
            self.province_bch,
            start=CONGRESS_2020,
        )
        self.province_accounts(root)

    def government(self, code: str, place: str, tier: str, parent: Org) -> Government:
        """The people's committee, the people's council and the front of a place."""
        return Government(
            ub=self.org(f"{code}.UB", f"Ủy ban nhân dân {place}", K.PEOPLES_COMMITTEE, tier, parent),
            hd=self.org(f"{code}.HD", f"Hội đồng nhân dân {place}", K.PEOPLES_COUNCIL, tier, parent),
            mt=self.org(
                f"{code}.MT", f"Ủy ban Mặt trận Tổ quốc Việt Nam {place}", K.FATHERLAND_FRONT, tier, parent
            ),
        )

    def mass_orgs(self, code: str, place: str, youth: str | None, tier: str, parent: Org) -> list[Org]:
        """The mass organizations of a place; ``youth`` names its youth union, None: with the others'
        pattern and without the labour federation (a commune)."""
        orgs = MASS_ORGS + (("LDLD", "Liên đoàn Lao động"),) if youth else MASS_ORGS
        return [
            self.org(
                f"{code}.{c}",
                youth if youth and c == "DTN" else f"{n} {place}",
                K.MASS_ORGANIZATION,
                tier,
                parent,
            )
            for c, n in orgs
        ]

    def blocs(self, root: Org) -> dict[str, Bloc]:
        """The blocs directly under the province (đảng bộ cấp trên cơ sở, equivalent to a district)."""
        spec, shape = self.spec, self.shape
        out = {}
        for bcode, bname, units, wkind, profile in BLOCS:
            bloc = self.org(f"{spec.code}.{bcode}", bname, K.DISTRICT_COMMITTEE, Tier.DISTRICT, root)
            chosen = units[: shape.agency_limit] if shape.agency_limit else units
            out[bcode] = Bloc(
                bloc,
                [
                    self.unit(
                        bloc,
                        f"{spec.code}.{bcode}.{u}",
                        uname.replace("Đồng Tháp", spec.name),
                        has_cells,
                        weight,
                        wkind,
                        profile,
                        Tier.PROVINCE,
                        bloc,
                    )
                    for u, uname, has_cells, weight in chosen
                ],
            )
        return out

    def advisory_heads(self, adv: dict[str, Org], cell: Org, managing: Org) -> dict[str, int]:
        titles = {"UBKT": "Chủ nhiệm", "VP": "Chánh Văn phòng"}
        return {
            c: self.leader(f"{titles.get(c, 'Trưởng ban')} {org.name}", cell, org, managing, is_head=True)
            for c, org in adv.items()
        }

    def mass_heads(
        self, mass: list[Org], cell: Org, managing: Org, youth_born: tuple[int, int], born: tuple[int, int]
    ) -> list[int]:
        return [
            self.leader(
                f"{'Bí thư' if m.code.endswith('DTN') else 'Chủ tịch'} {m.name}",
                cell,
                m,
                managing,
                is_head=True,
                female=True if m.code.endswith(".PN") else None,
                born=youth_born if m.code.endswith("DTN") else born,
            )
            for m in mass
        ]

    def province_leaders(self, root: Org, bodies: Bodies, blocs: dict[str, Bloc]) -> ProvinceLeaders:
        """The provincial leaders, in the cells of the Văn phòng Tỉnh ủy and Văn phòng UBND tỉnh, and the
        standing and executive committees they form (the district secretaries join the latter later)."""
        spec, (ub, hd, mt), L = self.spec, bodies.gov, self.leader
        units = blocs["KCQ"].units
        party_cell = units[0].cell
        gov_cell = units[min(6, len(units) - 1)].cell
        h = ProvinceLeaders(
            cell=party_cell,
            bt=L(f"Bí thư Tỉnh ủy {spec.name}", party_cell, root, root, is_head=True),
            pbt_tt=L("Phó Bí thư Thường trực Tỉnh ủy", party_cell, root, root),
            ct_hd=L("Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh", party_cell, hd, root, is_head=True),
            ct_ub=L("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh", gov_cell, ub, root, is_head=True),
            pct_ub=[L("Phó Chủ tịch UBND tỉnh", gov_cell, ub, root) for _ in range(3)],
            pct_hd=[L("Phó Chủ tịch HĐND tỉnh", party_cell, hd, root) for _ in range(2)],
            adv=self.advisory_heads(bodies.adv, party_cell, root),
            ct_mt=L(f"Chủ tịch {mt.name}", party_cell, mt, root, is_head=True),
            mass=self.mass_heads(bodies.mass, party_cell, root, (1963, 1985), (1963, 1985)),
            blocs={
                c: L(f"Bí thư {b.org.name}", party_cell, b.org, root, is_head=True) for c, b in blocs.items()
            },
            others=[
                L(
                    "Tỉnh ủy viên, Giám đốc Sở",
                    units[i % len(units)].cell,
                    units[i % len(units)].workplace,
                    root,
                )
                for i in range(8)
            ],
        )
        standing = "Ủy viên Ban Thường vụ"
        btv = [
            (h.bt, "Bí thư"),
            (h.pbt_tt, "Phó Bí thư Thường trực"),
            (h.ct_hd, "Phó Bí thư"),
            (h.ct_ub, "Phó Bí thư"),
        ]
        btv += [(h.adv[c], standing) for c in ("BTC", "UBKT", "BTG", "BDV", "BNC", "VP")]
        btv += [
            (h.pct_ub[0], standing),
            (h.ct_mt, standing),
            (h.blocs["QS"], standing),
            (h.blocs["CA"], standing),
        ]
        tu = f"Tỉnh ủy {spec.name}"
        self.collective(root, "BTV", C.STANDING_COMMITTEE, f"Ban Thường vụ {tu}", btv, start=CONGRESS_2020)
        bch = btv + [(p, "Tỉnh ủy viên") for p in h.pct_ub[1:] + h.pct_hd + h.mass + h.others]
        bch += [(p, "Tỉnh ủy viên") for c, p in h.blocs.items() if c not in ("QS", "CA")]
        self.province_bch = bch
        return h

    def province_government(self, root: Org, bodies: Bodies, h: ProvinceLeaders) -> None:
        """Ban cán sự đảng, đảng đoàn (S-01, S-06) and the leadership of the government and the front."""
        name, (ub, hd, mt) = self.spec.name, bodies.gov
        self.collective(
            ub,
            "BCSD",
            C.PARTY_AFFAIRS_COMMITTEE,
            f"Ban cán sự đảng UBND tỉnh {name}",
            [(h.ct_ub, "Bí thư Ban cán sự đảng")] + [(p, "Ủy viên") for p in h.pct_ub],
            start=COUNCIL_2021,
        )
        self.collective(
            hd,
            "DD",
            C.PARTY_DELEGATION,
            f"Đảng đoàn HĐND tỉnh {name}",
            [(h.ct_hd, "Bí thư Đảng đoàn")] + [(p, "Phó Bí thư Đảng đoàn") for p in h.pct_hd],
            start=COUNCIL_2021,
        )
        self.collective(
            hd,
            "TT",
            C.COUNCIL_STANDING,
            f"Thường trực HĐND tỉnh {name}",
            [(h.ct_hd, "Chủ tịch")] + [(p, "Phó Chủ tịch") for p in h.pct_hd],
            start=COUNCIL_2021,
        )
        self.committee_leadership(ub, f"tỉnh {name}", h.ct_ub, h.pct_ub)
        self.collective(
            mt,
            "DD",
            C.PARTY_DELEGATION,
            f"Đảng đoàn {mt.name}",
            [(h.ct_mt, "Bí thư Đảng đoàn")] + self.deputies(mt, h.cell, root, 2, "Phó Chủ tịch"),
            start=CONGRESS_2020,
        )
        self.front_standing(mt, h.ct_mt, self.deputies(mt, h.cell, root, 3, "Phó Chủ tịch"), CONGRESS_2020)

    def committee_leadership(self, ub: Org, place: str, chair: int, vice_chairs: list[int]) -> None:
        """The people's committee's leadership (S-01)."""
        self.collective(
            ub,
            "LD",
            C.PEOPLES_COMMITTEE_LEADERSHIP,
            f"Tập thể lãnh đạo UBND {place}",
            [(chair, "Chủ tịch")] + [(p, "Phó Chủ tịch") for p in vice_chairs],
            start=COUNCIL_2021,
        )

    def front_standing(self, mt: Org, chair: int, deputies: list[tuple[int, str]], start: date) -> None:
        self.collective(
            mt,
            "BTT",
            C.FRONT_STANDING,
            f"Ban Thường trực {mt.name}",
            [(chair, "Chủ tịch")] + deputies,
            start=start,
        )

    def mass_standing(self, m: Org, head: int, deputies: list[tuple[int, str]]) -> None:
        self.collective(
            m,
            "BTV",
            C.MASS_ORG_STANDING,
            f"Ban Thường vụ {m.name}",
            [(head, "Chủ tịch")] + deputies,
            start=CONGRESS_2020,
        )

    def advisory_leadership(
        self, adv: dict[str, Org], heads: dict[str, int], cell: Org, managing: Org, sizes: tuple[int, ...]
    ) -> None:
        """The leadership of each advisory agency: its head and a few deputies."""
        for c, org in adv.items():
            deps = self.deputies(org, cell, managing, self.rng.choice(sizes), "Phó Trưởng ban")
            self.collective(
                org,
                "LD",
                C.ADVISORY_LEADERSHIP,
                f"Tập thể lãnh đạo {org.name}",
                [(heads[c], "Trưởng ban")] + deps,
                start=CONGRESS_2020,
            )

    def province_standing_bodies(
        self, root: Org, bodies: Bodies, blocs: dict[str, Bloc], h: ProvinceLeaders
    ) -> None:
        """The mass organizations' party delegations and standing committees, the advisory agencies'
        leadership and the blocs' standing committees."""
        for m, head in zip(bodies.mass, h.mass, strict=True):
            deps = self.deputies(m, h.cell, root, self.rng.randint(2, 3), "Phó Chủ tịch")
            if not m.code.endswith("DTN"):
                self.collective(
                    m,
                    "DD",
                    C.PARTY_DELEGATION,
                    f"Đảng đoàn {m.name}",
                    [(head, "Bí thư Đảng đoàn")] + deps[:2],
                    start=CONGRESS_2020,
                )
            self.mass_standing(m, head, deps)
        self.advisory_leadership(bodies.adv, h.adv, h.cell, root, (1, 2, 3, 3))
        for c, b in blocs.items():
            self.collective(
                b.org,
                "BTV",
                C.STANDING_COMMITTEE,
                f"Ban Thường vụ {b.org.name}",
                [(h.blocs[c], "Bí thư")]
                + self.deputies(b.org, b.units[0].cell, root, 4, "Ủy viên Ban Thường vụ"),
                start=CONGRESS_2020,
            )

    def province_accounts(self, root: Org) -> None:
        self.accounts.append(DemoAccount("bantochuc", "ORG_COMMISSION", root.code, None))
        self.accounts.append(DemoAccount("thuongvu", "STANDING_COMMITTEE", root.code, None))
        # Huyện Cao Lãnh (or the first district) for the district and commune demo accounts.
        dname, d, communes = next(
            (x for x in self.communes_of if x[1].code.endswith(".HCL")), self.communes_of[0]
        )
        self.accounts.append(
            DemoAccount(f"huyenuy.{fold(dname).replace(' ', '')}", "COMMITTEE_OFFICER", d.code, None)
        )
        gc, cells = communes[0]
        self.accounts.append(DemoAccount(f"danguy.{gc.code.lower()}", "COMMITTEE_OFFICER", gc.code, None))
        self.account_cell = cells[0]

    def deputies(self, org: Org, cell: Org, managing: Org, n: int, title: str) -> list[tuple[int, str]]:
        return [(self.leader(f"{title} {org.name}", cell, org, managing), title) for _ in range(n)]

    def unit(
        self,
        parent: Org,
        code: str,
        name: str,
        has_cells: bool,
        weight: float,
        wkind: str,
        profile: str,
        tier: str,
        managing: Org,
    ) -> Unit:
        """A grassroots party organization of an agency or enterprise, with its workplace and cells."""
        rng = self.rng
        category = {
            "agency": CS.CIVIL_SERVANT,
            "school": CS.PUBLIC_EMPLOYEE,
            "health": CS.PUBLIC_EMPLOYEE,
            "enterprise": CS.EMPLOYEE,
        }.get(profile, CS.NONE)
        if has_cells:
            party = self.org(code, f"Đảng bộ {name}", K.GRASSROOTS_COMMITTEE, Tier.GRASSROOTS, parent)
            workplace = self.org(f"{code}.CQ", name, wkind, tier, party)
            cells = []
            for i in range(max(2, round(weight + rng.uniform(0, 2)))):
                cell = self.org(
                    f"{code}.CB{i + 1:02d}",
                    f"Chi bộ {i + 1:02d}" if i else "Chi bộ Văn phòng",
                    K.CELL,
                    Tier.BELOW_GRASSROOTS,
                    party,
                )
                self.slot(cell, workplace, rng.uniform(8, 30), profile, party, category=category)
                cells.append(cell)
            self.slot(None, workplace, weight * rng.uniform(10, 25), "staff", None, category=category)
            head = self.leader(
                f"Bí thư Đảng ủy {name}", cells[0], workplace, managing, is_head=True, category=category
            )
            members = [(head, "Bí thư")] + self.deputies(
                party, cells[0], managing, rng.randint(4, 8), "Đảng ủy viên"
            )
            self.collective(
                party,
                "BCH",
                C.EXECUTIVE_COMMITTEE,
                f"Ban Chấp hành Đảng bộ {name}",
                members,
                start=date(2020, 5, 1),
            )
            return Unit(party, cells[0], workplace)
        cell = self.org(code, f"Chi bộ {name}", K.GRASSROOTS_CELL, Tier.GRASSROOTS, parent)
        workplace = self.org(f"{code}.CQ", name, wkind, tier, cell)
        self.slot(cell, workplace, rng.uniform(6, 20) * weight, profile, managing, category=category)
        self.slot(None, workplace, weight * rng.uniform(5, 15), "staff", None, category=category)
        return Unit(cell, cell, workplace)

    def district(
        self, root: Org, code: str, dname: str, is_city: bool, communes: tuple[tuple[str, str], ...]
    ) -> None:
        title = f"{'Thành ủy' if is_city else 'Huyện ủy'} {dname}"
        place = f"{'thành phố' if is_city else 'huyện'} {dname}"
        d = self.org(code, f"Đảng bộ {place}", K.DISTRICT_COMMITTEE, Tier.DISTRICT, root)
        bodies = Bodies(
            adv={
                c: self.org(f"{code}.{c}", f"{n} {title}", K.ADVISORY_AGENCY, Tier.DISTRICT, d)
                for c, n in ADVISORY
            },
            gov=self.government(code, place, Tier.DISTRICT, d),
            mass=self.mass_orgs(
                code, place, f"{'Thành Đoàn' if is_city else 'Huyện Đoàn'} {dname}", Tier.DISTRICT, d
            ),
        )
        offices = self.district_offices(d, code, place, title, bodies)
        heads_of_units = self.district_units(d, code, place)
        h = self.district_leaders(root, d, place, title, bodies, offices)
        bch = self.district_standing(d, title, h, heads_of_units)
        self.advisory_leadership(bodies.adv, h.adv, offices.vp_cell, d, (1, 2, 2, 3))
        self.collective(
            bodies.gov.hd,
            "TT",
            C.COUNCIL_STANDING,
            f"Thường trực HĐND {place}",
            [(h.ct_hd, "Chủ tịch"), (h.pct_hd, "Phó Chủ tịch")] + [(p, "Ủy viên") for p in h.tb_hd],
            start=COUNCIL_2021,
        )
        self.committee_leadership(bodies.gov.ub, place, h.ct_ub, h.pct_ub)
        mt = bodies.gov.mt
        deputies = self.deputies(mt, offices.vp_cell, d, self.rng.randint(2, 3), "Phó Chủ tịch")
        self.front_standing(mt, h.ct_mt, deputies, CONGRESS_2020)
        for m, head in zip(bodies.mass, h.mass, strict=True):
            self.mass_standing(
                m, head, self.deputies(m, offices.vp_cell, d, self.rng.choice((1, 2, 2)), "Phó Chủ tịch")
            )
        for grassroots, leader_cell in ((offices.ddt, offices.vp_cell), (offices.cq, offices.gov_cell)):
            head = self.leader(f"Bí thư {grassroots.name}", leader_cell, grassroots, d, is_head=True)
            self.collective(
                grassroots,
                "BCH",
                C.EXECUTIVE_COMMITTEE,
                f"Ban Chấp hành {grassroots.name}",
                [(head, "Bí thư")] + self.deputies(grassroots, leader_cell, d, 4, "Đảng ủy viên"),
                start=date(2020, 5, 1),
            )
        self.district_communes(d, code, dname, place, communes, bch)

    def district_offices(self, d: Org, code: str, place: str, title: str, bodies: Bodies) -> DistrictOffices:
        """The grassroots organizations of the district's party, front and government agencies."""
        rng, adv, (ub, _hd, mt) = self.rng, bodies.adv, bodies.gov
        ddt = self.org(
            f"{code}.DDT",
            f"Đảng bộ Các cơ quan Đảng - Đoàn thể {place}",
            K.GRASSROOTS_COMMITTEE,
            Tier.GRASSROOTS,
            d,
        )
        vp_cell = self.org(
            f"{code}.DDT.CB01", f"Chi bộ Văn phòng {title}", K.CELL, Tier.BELOW_GRASSROOTS, ddt
        )
        self.slot(vp_cell, adv["VP"], 10, "agency", ddt, category=CS.CIVIL_SERVANT)
        for i, (n, wp) in enumerate(
            (
                ("Ban Tổ chức - Ủy ban Kiểm tra", adv["BTC"]),
                ("Ban Tuyên giáo - Dân vận", adv["BTG"]),
                ("Mặt trận - Đoàn thể", mt),
            ),
            start=2,
        ):
            cell = self.org(f"{code}.DDT.CB{i:02d}", f"Chi bộ {n}", K.CELL, Tier.BELOW_GRASSROOTS, ddt)
            self.slot(cell, wp, rng.uniform(8, 16), "agency", ddt, category=CS.CIVIL_SERVANT)
        cq = self.org(
            f"{code}.CQ", f"Đảng bộ Cơ quan Chính quyền {place}", K.GRASSROOTS_COMMITTEE, Tier.GRASSROOTS, d
        )
        gov_cell = self.org(
            f"{code}.CQ.CB01", "Chi bộ Văn phòng HĐND và UBND", K.CELL, Tier.BELOW_GRASSROOTS, cq
        )
        self.slot(gov_cell, ub, 12, "agency", cq, category=CS.CIVIL_SERVANT)
        self.slot(None, ub, 10, "staff", None, category=CS.CIVIL_SERVANT)
        for i, office in enumerate(rng.sample(DISTRICT_OFFICES, rng.randint(3, 5)), start=2):
            wp = self.org(f"{code}.UB.{i:02d}", f"{office} {place}", K.AGENCY, Tier.DISTRICT, ub)
            cell = self.org(f"{code}.CQ.CB{i:02d}", f"Chi bộ {office}", K.CELL, Tier.BELOW_GRASSROOTS, cq)
            self.slot(cell, wp, rng.uniform(6, 14), "agency", cq, category=CS.CIVIL_SERVANT)
            self.slot(None, wp, rng.uniform(3, 8), "staff", None, category=CS.CIVIL_SERVANT)
        return DistrictOffices(ddt, vp_cell, cq, gov_cell)

    def district_units(self, d: Org, code: str, place: str) -> list[int]:
        """The district's armed forces, health centre, schools and enterprises; returns the heads of the
        first three."""
        heads = []
        for ucode, uname, profile in (
            ("QS", f"Ban Chỉ huy Quân sự {place}", "armed"),
            ("CAH", f"Công an {place}", "armed"),
            ("YT", f"Trung tâm Y tế {place}", "health"),
        ):
            weight = 3 if profile == "armed" else 4
            unit = self.unit(d, f"{code}.{ucode}", uname, True, weight, K.AGENCY, profile, Tier.DISTRICT, d)
            category = CS.NONE if profile == "armed" else CS.PUBLIC_EMPLOYEE
            heads.append(
                self.leader(
                    f"Thủ trưởng {uname}", unit.cell, unit.workplace, d, is_head=True, category=category
                )
            )
        for i in range(self.shape.extra_grassroots_per_district):
            kind = ("THPT", "THCS", "ENT")[i % 3] if i >= 2 else ("THPT", "THPT")[i]
            pname = names.place_name(self.rng)
            if kind == "ENT":
                self.unit(
                    d,
                    f"{code}.DN{i + 1:02d}",
                    f"Công ty TNHH {pname}",
                    False,
                    1,
                    K.ENTERPRISE,
                    "enterprise",
                    Tier.DISTRICT,
                    d,
                )
            else:
                school = "Trường THPT" if kind == "THPT" else "Trường THCS"
                self.unit(
                    d,
                    f"{code}.TR{i + 1:02d}",
                    f"{school} {pname}",
                    False,
                    1.5,
                    K.AGENCY,
                    "school",
                    Tier.DISTRICT,
                    d,
                )
        return heads

    def district_leaders(
        self, root: Org, d: Org, place: str, title: str, bodies: Bodies, offices: DistrictOffices
    ) -> DistrictLeaders:
        rng, L, (ub, hd, mt) = self.rng, self.leader, bodies.gov
        vp_cell, gov_cell = offices.vp_cell, offices.gov_cell
        return DistrictLeaders(
            bt=L(f"Bí thư {title}", vp_cell, d, root, is_head=True),
            pbt=L(f"Phó Bí thư Thường trực {title}", vp_cell, d, root),
            ct_ub=L(f"Phó Bí thư {title}, Chủ tịch UBND {place}", gov_cell, ub, root, is_head=True),
            pct_ub=[L(f"Phó Chủ tịch UBND {place}", gov_cell, ub, root) for _ in range(rng.randint(2, 3))],
            ct_hd=L(f"Chủ tịch HĐND {place}", vp_cell, hd, root, is_head=True),
            pct_hd=L(f"Phó Chủ tịch HĐND {place}", vp_cell, hd, root),
            tb_hd=[L(f"Trưởng ban HĐND {place}", vp_cell, hd, root) for _ in range(rng.randint(0, 2))],
            adv=self.advisory_heads(bodies.adv, vp_cell, root),
            ct_mt=L(f"Chủ tịch {mt.name}", vp_cell, mt, root, is_head=True),
            mass=self.mass_heads(bodies.mass, vp_cell, root, (1985, 1993), (1963, 1985)),
        )

    def district_standing(
        self, d: Org, title: str, h: DistrictLeaders, heads_of_units: list[int]
    ) -> list[tuple[int, str]]:
        """The district's standing committee; returns the executive committee's members so far."""
        standing = "Ủy viên Ban Thường vụ"
        btv = [
            (h.bt, "Bí thư"),
            (h.pbt, "Phó Bí thư Thường trực"),
            (h.ct_ub, "Phó Bí thư"),
            (h.ct_hd, standing),
            (h.pct_ub[0], standing),
            (h.ct_mt, standing),
        ]
        btv += [(h.adv[c], standing) for c in ("BTC", "UBKT", "BTG", "BDV")]
        btv += [(p, standing) for p in heads_of_units[:2]]
        self.collective(d, "BTV", C.STANDING_COMMITTEE, f"Ban Thường vụ {title}", btv, start=CONGRESS_2020)
        self.province_bch.append((h.bt, "Tỉnh ủy viên"))
        return btv + [
            (p, "Huyện ủy viên") for p in h.pct_ub[1:] + [h.pct_hd, h.adv["VP"]] + h.mass + heads_of_units[2:]
        ]

    def district_communes(
        self,
        d: Org,
        code: str,
        dname: str,
        place: str,
        communes: tuple[tuple[str, str], ...],
        bch: list[tuple[int, str]],
    ) -> None:
        """The communes, then the district's executive committee (with some commune secretaries)."""
        shape = self.shape
        chosen = communes[: shape.commune_limit] if shape.commune_limit else communes
        counters = {"X": 0, "P": 0, "T": 0}
        built: list[tuple[Org, list[Org]]] = []
        for ckind, cname in chosen:
            counters[ckind] += 1
            ccode = f"{code}.{'TT' if ckind == 'T' else ckind}{counters[ckind]:02d}"
            secretary, gc, cells = self.commune(d, ccode, ckind, cname)
            built.append((gc, cells))
            if self.rng.random() < 0.3:
                bch.append((secretary, "Huyện ủy viên"))
        self.collective(
            d, "BCH", C.EXECUTIVE_COMMITTEE, f"Ban Chấp hành Đảng bộ {place}", bch, start=CONGRESS_2020
        )
        self.communes_of.append((dname, d, built))

    def commune(self, district: Org, code: str, ckind: str, cname: str) -> tuple[int, Org, list[Org]]:
        """A commune, ward or town: its party committee, government, front, mass organizations, cells.

        Returns the secretary's person id, the party committee and its hamlet cells.
        """
        rng = self.rng
        place = f"{COMMUNE_LABEL[ckind]} {cname}"
        # A few grassroots organizations were founded (split, merged) less than 6 months ago.
        new = rng.random() < 0.02
        gc = self.org(
            code,
            f"Đảng bộ {place}",
            K.GRASSROOTS_COMMITTEE,
            Tier.GRASSROOTS,
            district,
            founded=_day(rng, NEW_SINCE, date(2023, 9, 30)) if new else None,
        )
        gov = self.government(code, place, Tier.GRASSROOTS, gc)
        mass = self.mass_orgs(code, place, None, Tier.GRASSROOTS, gc)
        cq = self.org(f"{code}.CB01", "Chi bộ Cơ quan", K.CELL, Tier.BELOW_GRASSROOTS, gc)
        self.slot(cq, gov.ub, rng.uniform(8, 16), "agency", gc, category=CS.CIVIL_SERVANT)
        self.slot(None, gov.ub, rng.uniform(2, 6), "staff", None, category=CS.CIVIL_SERVANT)
        n = self.commune_agency_cells(gc, gov.ub, code, place, cname)
        cells, hamlet_slots = self.hamlets(gc, code, ckind, cname, n)
        h = self.commune_leaders(district, gc, place, cq, gov, mass)
        bch = [
            (h.bt, "Bí thư"),
            (h.pbt, "Phó Bí thư Thường trực"),
            (h.ct_ub, "Phó Bí thư"),
            (h.pct_ub[0], "Đảng ủy viên"),
            (h.pct_hd, "Đảng ủy viên"),
            (h.ct_mt, "Đảng ủy viên"),
        ] + [(p, "Đảng ủy viên") for p in h.mass + h.others]
        pk = self.collective(
            gc, "BCH", C.EXECUTIVE_COMMITTEE, f"Ban Chấp hành Đảng bộ {place}", bch, start=date(2020, 5, 1)
        )
        for s in hamlet_slots[-2:]:
            self.defer(pk, s, 0, "Đảng ủy viên", date(2020, 5, 1))
        self.commune_collectives(district, place, cq, gov, mass, h)
        return h.bt, gc, cells

    def commune_agency_cells(self, gc: Org, ub: Org, code: str, place: str, cname: str) -> int:
        """The cells of the commune's military, police and school (some communes); returns the last
        cell number."""
        rng = self.rng
        n = 1
        for kind_name, chance in (("Quân sự", 0.5), ("Công an", 0.5)):
            if rng.random() < chance:
                n += 1
                cell = self.org(
                    f"{code}.CB{n:02d}", f"Chi bộ {kind_name} {place}", K.CELL, Tier.BELOW_GRASSROOTS, gc
                )
                self.slot(cell, ub, rng.uniform(4, 10), "armed", gc)
        if rng.random() < 0.4:
            n += 1
            school = f"Trường {rng.choice(('Tiểu học', 'THCS', 'Mầm non'))} {cname}"
            cell = self.org(f"{code}.CB{n:02d}", f"Chi bộ {school}", K.CELL, Tier.BELOW_GRASSROOTS, gc)
            wp = self.org(f"{code}.TR{n:02d}", school, K.AGENCY, Tier.GRASSROOTS, cell)
            self.slot(cell, wp, rng.uniform(6, 14), "school", gc, category=CS.PUBLIC_EMPLOYEE)
            self.slot(None, wp, rng.uniform(10, 25), "staff", None, category=CS.PUBLIC_EMPLOYEE)
        return n

    def hamlets(self, gc: Org, code: str, ckind: str, cname: str, n: int) -> tuple[list[Org], list[Slot]]:
        """The hamlet cells (some wards group a few in a đảng bộ bộ phận) and their slots."""
        rng = self.rng
        cells: list[Org] = []
        hamlet_slots: list[Slot] = []
        hamlet = "khóm" if ckind in ("P", "T") else "ấp"
        hamlets = rng.randint(3, 5)
        sub: Org | None = None
        sub_cells = 0
        if hamlets >= 4 and rng.random() < 0.2:
            sub = self.org(
                f"{code}.DB01",
                f"Đảng bộ bộ phận {hamlet} {cname}",
                K.SUB_COMMITTEE,
                Tier.BELOW_GRASSROOTS,
                gc,
            )
            sub_cells = rng.randint(2, 3)
        for h in range(hamlets):
            hname = f"{hamlet} {h + 1}" if rng.random() < 0.5 else f"{hamlet} {names.place_name(rng)}"
            if sub is not None and h < sub_cells:
                parent, ccode = sub, f"{sub.code}.CB{h + 1:02d}"
            else:
                n += 1
                parent, ccode = gc, f"{code}.CB{n:02d}"
            founded = _day(rng, NEW_SINCE, date(2023, 9, 30)) if rng.random() < 0.01 else None
            cell = self.org(ccode, f"Chi bộ {hname}", K.CELL, Tier.BELOW_GRASSROOTS, parent, founded=founded)
            cells.append(cell)
            hamlet_slots.append(self.slot(cell, None, rng.uniform(15, 45), "hamlet", parent))
        if sub is not None:
            # The đảng ủy bộ phận: the secretaries of its cells (S-01 "dưới cơ sở"), the first one heads it.
            start = date(2020, 4, 1)
            name = f"Đảng ủy bộ phận {hamlet} {cname}"
            pk = self.collective(sub, "DUBP", C.SUB_COMMITTEE_EXECUTIVE, name, [], start=start)
            for i, s in enumerate(hamlet_slots[:sub_cells]):
                self.defer(pk, s, 0, "Bí thư" if i == 0 else "Đảng ủy viên", start, is_head=i == 0)
        return cells, hamlet_slots

    def commune_leaders(
        self, district: Org, gc: Org, place: str, cq: Org, gov: Government, mass: list[Org]
    ) -> CommuneLeaders:
        rng, L, (ub, hd, mt) = self.rng, self.leader, gov
        return CommuneLeaders(
            bt=L(f"Bí thư Đảng ủy {place}, Chủ tịch HĐND", cq, gc, district, is_head=True),
            pbt=L(f"Phó Bí thư Thường trực Đảng ủy {place}", cq, gc, district),
            ct_ub=L(f"Phó Bí thư Đảng ủy, Chủ tịch UBND {place}", cq, ub, district, is_head=True),
            pct_ub=[L(f"Phó Chủ tịch UBND {place}", cq, ub, district) for _ in range(rng.choice((1, 2, 2)))],
            pct_hd=L(f"Phó Chủ tịch HĐND {place}", cq, hd, district),
            ct_mt=L(f"Chủ tịch {mt.name}", cq, mt, district, is_head=True),
            mass=self.mass_heads(mass, cq, district, (1988, 1996), (1963, 1988)),
            others=[
                L(t, cq, ub, district, category=CS.CIVIL_SERVANT)
                for t in ("Chỉ huy trưởng Quân sự", "Trưởng Công an")
            ],
        )

    def commune_collectives(
        self, district: Org, place: str, cq: Org, gov: Government, mass: list[Org], h: CommuneLeaders
    ) -> None:
        """The government's and the front's leadership, and the mass organizations' executive committees;
        UBND with one vice-chairman and a council standing of two: collectives under 3 members (S-02)."""
        rng = self.rng
        self.committee_leadership(gov.ub, place, h.ct_ub, h.pct_ub)
        self.collective(
            gov.hd,
            "TT",
            C.COUNCIL_STANDING,
            f"Thường trực HĐND {place}",
            [(h.bt, "Chủ tịch"), (h.pct_hd, "Phó Chủ tịch")],
            start=COUNCIL_2021,
        )
        front_new = rng.random() < 0.03
        self.front_standing(
            gov.mt,
            h.ct_mt,
            self.deputies(gov.mt, cq, district, rng.randint(1, 2), "Phó Chủ tịch"),
            _day(rng, NEW_SINCE, date(2023, 9, 30)) if front_new else CONGRESS_2020,
        )
        for m, head in zip(mass, h.mass, strict=True):
            staff = self.slot(None, m, rng.uniform(2, 4), "staff", None, category=CS.PART_TIME, min_count=3)
            pk = self.collective(
                m,
                "BCH",
                C.MASS_ORG_EXECUTIVE,
                f"Ban Chấp hành {m.name}",
                [(head, "Chủ tịch")],
                start=date(2022, 6, 1),
            )
            for i in range(rng.randint(3, 6)):
                self.defer(pk, staff, i, "Ủy viên Ban Chấp hành", date(2022, 6, 1))

    # ------------------------------------------------------------------ phase 2: rank-and-file
    def plan(self) -> None:
        """Place the people (``place``), the cells' committees, a few suspensions, the demo accounts."""
        self.place()
        party = [s for s in self.slots if s.cell is not None]
        self.cell_committees(party)
        # A few committee members suspended from committee activity (S-03: still reviewed).
        for pid in self.rng.sample(
            self.leader_ids, min(len(self.leader_ids), max(1, len(self.leader_ids) // 400))
        ):
            self._status(
                pid,
                StatusKind.COMMITTEE_SUSPENDED,
                date(self.reference.year, 6, 1),
                None,
                "Đình chỉ sinh hoạt cấp ủy",
            )
        self.cell_accounts(party)

    def place(self) -> None:
        """Turn slot weights into head counts, reserve their ids, and resolve deferred members."""
        shape = self.shape
        leaders = len(self.leaders)
        party_target = max(0, round(shape.people * shape.party_share) - leaders)
        staff_target = max(0, shape.people - leaders - party_target)
        party = [s for s in self.slots if s.cell is not None]
        staff = [s for s in self.slots if s.cell is None]
        for group, target in ((party, party_target), (staff, staff_target)):
            total = sum(s.weight for s in group) or 1.0
            for s in group:
                s.count = max(s.min_count, round(s.weight * target / total))
        for s in self.slots:
            s.first = self.ids.take("person", s.count)
        for collective, s, index, role, is_head, start in self.deferred:
            self.memberships.append(
                (self.ids.take("membership"), collective, s.first + index, role, is_head, start, None)
            )

    def cell_accounts(self, party: list[Slot]) -> None:
        """Demo accounts: a cell secretary and a member of one cell of Huyện Cao Lãnh (or the first cell)."""
        cell = self.account_cell
        s = next(s for s in party if s.cell is cell)
        self.accounts.append(DemoAccount(f"bithu.{cell.code.lower()}", "CELL_SECRETARY", cell.code, s.first))
        member = s.first + min(2, s.count - 1)
        self.accounts.append(
            DemoAccount(f"dangvien.{self.spec.code.lower()}.{member:07d}", "MEMBER", cell.code, member)
        )

    def cell_committees(self, party: list[Slot]) -> None:
        """Chi ủy of the larger cells (S-01: chi ủy chi bộ trực thuộc; chi bộ cơ sở), and a few cells
        or their committees disciplined in the year."""
        rng, y = self.rng, self.reference.year
        for s in party:
            if s.count >= 9:
                size = 5 if s.count >= 30 else 3
                start = self.cell_committee_start(s.cell)
                pk = self.collective(
                    s.cell,
                    "CU",
                    C.CELL_COMMITTEE,
                    f"Chi ủy {s.cell.name}",
                    [(s.first, "Bí thư chi bộ"), (s.first + 1, "Phó Bí thư chi bộ")]
                    + [(s.first + i, "Chi ủy viên") for i in range(2, size)],
                    start=start,
                )
                if rng.random() < 0.01:
                    self.reprimand((None, pk, None), date(y, 8, 20), "Buông lỏng lãnh đạo, để xảy ra vi phạm")
            elif rng.random() < 0.005:
                self.reprimand((None, None, s.cell.id), date(y, 7, 12), "Không duy trì sinh hoạt định kỳ")

    def cell_committee_start(self, cell: Org) -> date:
        """When the committee of ``cell`` took office: the cells' 2022 congresses, grassroots cells' 2020."""
        return date(2022, 7, 1) if cell.kind == K.CELL else date(2020, 5, 1)

    def reprimand(
        self, subject: tuple[int | None, int | None, int | None], decided_on: date, note: str
    ) -> None:
        """A party reprimand of a collective or an organization; ``subject`` is (person, collective,
        organization) id, one of them set."""
        self.disciplines.append(
            (
                self.ids.take("discipline"),
                *subject,
                str(DisciplineForm.REPRIMAND),
                str(DisciplineSide.PARTY),
                decided_on,
                decided_on.year,
                "",
                False,
                note,
            )
        )

    def rank_and_file(self) -> Iterator[tuple[Any, ...]]:
        rng = self.rng
        jobs = {
            "agency": AGENCY_JOBS,
            "school": SCHOOL_JOBS,
            "health": HEALTH_JOBS,
            "armed": ARMED_JOBS,
            "enterprise": ENTERPRISE_JOBS,
            "hamlet": HAMLET_JOBS,
        }
        for s in self.slots:
            for i in range(s.count):
                pid = s.first + i
                if s.cell is None:
                    job_list = jobs["school"] if s.category == CS.PUBLIC_EMPLOYEE else AGENCY_JOBS
                    if s.category == CS.PART_TIME:
                        job_list = ("Ủy viên Ban Chấp hành",)
                    yield self.person(
                        pid,
                        cell=None,
                        workplace=s.workplace,
                        positions=rng.choice(job_list),
                        category=s.category,
                        born=(1965, 2001),
                    )
                    continue
                profile = s.profile
                if i == 0:
                    position, head = "Bí thư chi bộ", True
                elif i == 1 and s.count >= 9:
                    position, head = "Phó Bí thư chi bộ", False
                else:
                    position, head = rng.choice(jobs[profile]), False
                if profile == "hamlet":
                    part_time = position in ("Trưởng ấp", "Phó Trưởng ấp", "Công an viên")
                    yield self.person(
                        pid,
                        cell=s.cell,
                        workplace=None,
                        positions=position,
                        category=CS.PART_TIME if part_time else CS.NONE,
                        is_head=head,
                        managing=s.managing if head else None,
                        born=(1940, 2000),
                    )
                else:
                    yield self.person(
                        pid,
                        cell=s.cell,
                        workplace=s.workplace,
                        positions=position,
                        category=s.category,
                        is_head=head,
                        managing=s.managing if head else None,
                        born=(1963, 2000),
                    )


def generate_province(
    *, rng: random.Random, ids: Ids, spec: ProvinceSpec = DONG_THAP, shape: Shape = SHAPES["province"]
) -> ProvinceRows:
    """Plan one province: the tree, leaders and collectives now; the people when ``people()`` runs."""
    b = Builder(rng, ids, spec, shape)
    b.build()
    b.plan()
    return ProvinceRows(
        b.orgs, b.collectives, b.memberships, b.leaders, b.statuses, b.disciplines, b.accounts, b
    )


def nation_specs(seed: int) -> Iterator[ProvinceSpec]:
    """The 63 provinces; all but Đồng Tháp get generated district and commune names."""
    used: set[str] = set()
    for number, pname in NATION_PROVINCES:
        initials = "".join(w[0] for w in fold(pname).upper().split() if w[0].isalpha())
        code = initials if initials not in used else f"{initials}{number:02d}"
        used.add(code)
        if number == DONG_THAP.number:
            yield ProvinceSpec(code=code, name=pname, number=number, districts=DONG_THAP.districts)
            continue
        rng = random.Random(f"{seed}:{number}:names")
        districts = []
        for i in range(rng.randint(9, 13)):
            dname = names.place_name(rng)
            communes = []
            for _ in range(rng.randint(12, 18)):
                kind = rng.choices(("X", "P", "T"), weights=(80, 13, 7))[0]
                communes.append((kind, names.place_name(rng)))
            districts.append((f"D{i + 1:02d}", dname, i == 0, tuple(communes)))
        yield ProvinceSpec(code=code, name=pname, number=number, districts=tuple(districts))
