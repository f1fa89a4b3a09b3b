"""Enumerate the kinds the rules core and the Django models share.

Every enum is a ``StrEnum`` whose value is the stable string stored in the database, so a
Django field can use ``choices=[(k.value, k.label) for k in OrgKind]``. The Vietnamese label of
each member is ``member.label``.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "CivilServiceCategory",
    "CollectiveKind",
    "DisciplineForm",
    "OrgKind",
    "QuotaKind",
    "ReasonCode",
    "Side",
    "StatusKind",
    "SubjectType",
    "Tier",
]


class _Labelled(StrEnum):
    """Give each member a Vietnamese ``label`` looked up in the class's ``_LABELS`` table."""

    @property
    def label(self) -> str:
        """Return the Vietnamese label of this member."""
        return _LABELS[(type(self), self.value)]


class SubjectType(_Labelled):
    """Name the role in which somebody or something is reviewed and classified."""

    PARTY_MEMBER = "PARTY_MEMBER"
    CIVIL_SERVANT = "CIVIL_SERVANT"
    LEADER = "LEADER"
    COLLECTIVE = "COLLECTIVE"
    ORGANIZATION = "ORGANIZATION"


class Tier(_Labelled):
    """Name the level of the political system an organization or collective sits at."""

    PROVINCE = "PROVINCE"
    DISTRICT = "DISTRICT"
    GRASSROOTS = "GRASSROOTS"
    BELOW_GRASSROOTS = "BELOW_GRASSROOTS"


class OrgKind(_Labelled):
    """Name the kind of an organization (party organization or organization of the system)."""

    PROVINCIAL_COMMITTEE = "PROVINCIAL_COMMITTEE"
    DISTRICT_COMMITTEE = "DISTRICT_COMMITTEE"
    GRASSROOTS_COMMITTEE = "GRASSROOTS_COMMITTEE"
    GRASSROOTS_CELL = "GRASSROOTS_CELL"
    SUB_COMMITTEE = "SUB_COMMITTEE"
    CELL = "CELL"
    PEOPLES_COMMITTEE = "PEOPLES_COMMITTEE"
    PEOPLES_COUNCIL = "PEOPLES_COUNCIL"
    FATHERLAND_FRONT = "FATHERLAND_FRONT"
    MASS_ORGANIZATION = "MASS_ORGANIZATION"
    ADVISORY_AGENCY = "ADVISORY_AGENCY"
    AGENCY = "AGENCY"
    ENTERPRISE = "ENTERPRISE"

    @property
    def is_party(self) -> bool:
        """Return True for party organizations (tổ chức đảng)."""
        return self in _PARTY_ORG_KINDS


class CollectiveKind(_Labelled):
    """Name the kind of a leadership collective (tập thể lãnh đạo, quản lý)."""

    STANDING_COMMITTEE = "STANDING_COMMITTEE"
    EXECUTIVE_COMMITTEE = "EXECUTIVE_COMMITTEE"
    PARTY_AFFAIRS_COMMITTEE = "PARTY_AFFAIRS_COMMITTEE"
    PARTY_DELEGATION = "PARTY_DELEGATION"
    ADVISORY_LEADERSHIP = "ADVISORY_LEADERSHIP"
    COUNCIL_STANDING = "COUNCIL_STANDING"
    PEOPLES_COMMITTEE_LEADERSHIP = "PEOPLES_COMMITTEE_LEADERSHIP"
    FRONT_STANDING = "FRONT_STANDING"
    MASS_ORG_STANDING = "MASS_ORG_STANDING"
    MASS_ORG_EXECUTIVE = "MASS_ORG_EXECUTIVE"
    CELL_COMMITTEE = "CELL_COMMITTEE"
    SUB_COMMITTEE_EXECUTIVE = "SUB_COMMITTEE_EXECUTIVE"
    OTHER = "OTHER"


class StatusKind(_Labelled):
    """Name a status period of a person (party statuses and leaves)."""

    EXEMPT = "EXEMPT"
    SUSPENDED = "SUSPENDED"
    COMMITTEE_SUSPENDED = "COMMITTEE_SUSPENDED"
    SICK_LEAVE = "SICK_LEAVE"
    MATERNITY_LEAVE = "MATERNITY_LEAVE"


class CivilServiceCategory(_Labelled):
    """Name the civil-service category of a person (state side)."""

    CADRE = "CADRE"
    CIVIL_SERVANT = "CIVIL_SERVANT"
    PUBLIC_EMPLOYEE = "PUBLIC_EMPLOYEE"
    PART_TIME = "PART_TIME"
    EMPLOYEE = "EMPLOYEE"
    NONE = "NONE"

    @property
    def is_cbccvc(self) -> bool:
        """Return True for cán bộ, công chức, viên chức: ND90/ND48/ND335 apply to them only.

        Người hoạt động không chuyên trách and người lao động are evaluated by their agency, but the
        CBCCVC rules (R-25, R-26, R-30(3), R-33c, R-45..R-55, R-76) do not apply to them.
        """
        return self in _CBCCVC


class Side(_Labelled):
    """Name who imposed a discipline: the party or the state."""

    PARTY = "PARTY"
    STATE = "STATE"


class DisciplineForm(_Labelled):
    """Name a discipline form; ``severity`` orders them from reprimand (1) to expulsion (6)."""

    REPRIMAND = "REPRIMAND"
    WARNING = "WARNING"
    DEMOTION = "DEMOTION"
    DISMISSAL = "DISMISSAL"
    FORCED_RESIGNATION = "FORCED_RESIGNATION"
    EXPULSION = "EXPULSION"

    @property
    def severity(self) -> int:
        """Return 1 for a reprimand up to 6 for expulsion."""
        return _SEVERITY[self]


class ReasonCode(_Labelled):
    """Name why a subject is (or is not) reviewed or classified."""

    EXEMPT = "EXEMPT"
    SUSPENDED = "SUSPENDED"
    NEW_MEMBER = "NEW_MEMBER"
    COMMITTEE_SUSPENDED_STILL_REVIEWED = "COMMITTEE_SUSPENDED_STILL_REVIEWED"
    SMALL_COLLECTIVE = "SMALL_COLLECTIVE"
    NEW_UNIT = "NEW_UNIT"
    WORKED_UNDER_6_MONTHS = "WORKED_UNDER_6_MONTHS"
    NOT_A_SUBJECT_KIND = "NOT_A_SUBJECT_KIND"


class QuotaKind(_Labelled):
    """Name a family of the 20 % quota; the ruleset maps each to its rule id and scope."""

    PARTY_MEMBERS = "PARTY_MEMBERS"
    ORGANIZATIONS = "ORGANIZATIONS"
    COLLECTIVES = "COLLECTIVES"
    LEADERS = "LEADERS"
    CIVIL_SERVANTS = "CIVIL_SERVANTS"


_PARTY_ORG_KINDS = frozenset(
    {
        OrgKind.PROVINCIAL_COMMITTEE,
        OrgKind.DISTRICT_COMMITTEE,
        OrgKind.GRASSROOTS_COMMITTEE,
        OrgKind.GRASSROOTS_CELL,
        OrgKind.SUB_COMMITTEE,
        OrgKind.CELL,
    }
)

_CBCCVC = frozenset(
    {CivilServiceCategory.CADRE, CivilServiceCategory.CIVIL_SERVANT, CivilServiceCategory.PUBLIC_EMPLOYEE}
)

_SEVERITY = {form: i for i, form in enumerate(DisciplineForm, start=1)}


def gettext_noop(text: str) -> str:
    """Return ``text`` unchanged: marks a label for the translation catalogue without Django.

    Django's ``makemessages`` extracts strings passed to a function of this name; the screens translate
    the label when they show it (``xeploai.registry.models`` builds its choices from these enums).
    """
    return text


# Keyed by (enum class, value): members of different enums may share a value (SubjectType.CIVIL_SERVANT
# and CivilServiceCategory.CIVIL_SERVANT are both "CIVIL_SERVANT"), and a StrEnum hashes as its value.
_LABEL_ITEMS: tuple[tuple[StrEnum, str], ...] = (
    (SubjectType.PARTY_MEMBER, gettext_noop("Đảng viên")),
    (SubjectType.CIVIL_SERVANT, gettext_noop("Cán bộ, công chức, viên chức")),
    (SubjectType.LEADER, gettext_noop("Cán bộ lãnh đạo, quản lý")),
    (SubjectType.COLLECTIVE, gettext_noop("Tập thể lãnh đạo, quản lý")),
    (SubjectType.ORGANIZATION, gettext_noop("Tổ chức")),
    (Tier.PROVINCE, gettext_noop("Cấp tỉnh")),
    (Tier.DISTRICT, gettext_noop("Cấp huyện và tương đương")),
    (Tier.GRASSROOTS, gettext_noop("Cấp cơ sở")),
    (Tier.BELOW_GRASSROOTS, gettext_noop("Trực thuộc cấp cơ sở")),
    (OrgKind.PROVINCIAL_COMMITTEE, gettext_noop("Đảng bộ tỉnh")),
    (OrgKind.DISTRICT_COMMITTEE, gettext_noop("Đảng bộ cấp huyện và tương đương")),
    (OrgKind.GRASSROOTS_COMMITTEE, gettext_noop("Đảng bộ cơ sở")),
    (OrgKind.GRASSROOTS_CELL, gettext_noop("Chi bộ cơ sở")),
    (OrgKind.SUB_COMMITTEE, gettext_noop("Đảng bộ bộ phận")),
    (OrgKind.CELL, gettext_noop("Chi bộ trực thuộc")),
    (OrgKind.PEOPLES_COMMITTEE, gettext_noop("Ủy ban nhân dân")),
    (OrgKind.PEOPLES_COUNCIL, gettext_noop("Hội đồng nhân dân")),
    (OrgKind.FATHERLAND_FRONT, gettext_noop("Ủy ban Mặt trận Tổ quốc")),
    (OrgKind.MASS_ORGANIZATION, gettext_noop("Tổ chức chính trị - xã hội")),
    (OrgKind.ADVISORY_AGENCY, gettext_noop("Cơ quan tham mưu, giúp việc cấp ủy")),
    (OrgKind.AGENCY, gettext_noop("Cơ quan, đơn vị")),
    (OrgKind.ENTERPRISE, gettext_noop("Doanh nghiệp")),
    (CollectiveKind.STANDING_COMMITTEE, gettext_noop("Ban thường vụ cấp ủy")),
    (CollectiveKind.EXECUTIVE_COMMITTEE, gettext_noop("Ban chấp hành đảng bộ (cấp ủy)")),
    (CollectiveKind.PARTY_AFFAIRS_COMMITTEE, gettext_noop("Ban cán sự đảng")),
    (CollectiveKind.PARTY_DELEGATION, gettext_noop("Đảng đoàn")),
    (CollectiveKind.ADVISORY_LEADERSHIP, gettext_noop("Tập thể lãnh đạo cơ quan tham mưu, giúp việc")),
    (CollectiveKind.COUNCIL_STANDING, gettext_noop("Thường trực Hội đồng nhân dân")),
    (CollectiveKind.PEOPLES_COMMITTEE_LEADERSHIP, gettext_noop("Tập thể lãnh đạo Ủy ban nhân dân")),
    (CollectiveKind.FRONT_STANDING, gettext_noop("Ban thường trực Ủy ban Mặt trận Tổ quốc")),
    (CollectiveKind.MASS_ORG_STANDING, gettext_noop("Ban thường vụ tổ chức chính trị - xã hội")),
    (CollectiveKind.MASS_ORG_EXECUTIVE, gettext_noop("Ban chấp hành tổ chức chính trị - xã hội")),
    (CollectiveKind.CELL_COMMITTEE, gettext_noop("Chi ủy")),
    (CollectiveKind.SUB_COMMITTEE_EXECUTIVE, gettext_noop("Đảng ủy bộ phận")),
    (CollectiveKind.OTHER, gettext_noop("Tập thể lãnh đạo, quản lý khác")),
    (StatusKind.EXEMPT, gettext_noop("Miễn công tác và sinh hoạt đảng")),
    (StatusKind.SUSPENDED, gettext_noop("Đình chỉ sinh hoạt đảng")),
    (StatusKind.COMMITTEE_SUSPENDED, gettext_noop("Đình chỉ sinh hoạt cấp ủy")),
    (StatusKind.SICK_LEAVE, gettext_noop("Nghỉ ốm")),
    (StatusKind.MATERNITY_LEAVE, gettext_noop("Nghỉ thai sản")),
    (CivilServiceCategory.CADRE, gettext_noop("Cán bộ")),
    (CivilServiceCategory.CIVIL_SERVANT, gettext_noop("Công chức")),
    (CivilServiceCategory.PUBLIC_EMPLOYEE, gettext_noop("Viên chức")),
    (CivilServiceCategory.PART_TIME, gettext_noop("Người hoạt động không chuyên trách")),
    (CivilServiceCategory.EMPLOYEE, gettext_noop("Người lao động")),
    (CivilServiceCategory.NONE, gettext_noop("Không")),
    (Side.PARTY, gettext_noop("Kỷ luật đảng")),
    (Side.STATE, gettext_noop("Kỷ luật hành chính")),
    (DisciplineForm.REPRIMAND, gettext_noop("Khiển trách")),
    (DisciplineForm.WARNING, gettext_noop("Cảnh cáo")),
    (DisciplineForm.DEMOTION, gettext_noop("Hạ bậc lương")),
    (DisciplineForm.DISMISSAL, gettext_noop("Cách chức")),
    (DisciplineForm.FORCED_RESIGNATION, gettext_noop("Buộc thôi việc")),
    (DisciplineForm.EXPULSION, gettext_noop("Khai trừ")),
    (QuotaKind.PARTY_MEMBERS, gettext_noop("Đảng viên trong từng tổ chức cơ sở đảng")),
    (QuotaKind.ORGANIZATIONS, gettext_noop("Tổ chức đảng")),
    (QuotaKind.COLLECTIVES, gettext_noop("Tập thể lãnh đạo, quản lý")),
    (QuotaKind.LEADERS, gettext_noop("Cá nhân cán bộ lãnh đạo, quản lý")),
    (QuotaKind.CIVIL_SERVANTS, gettext_noop("Cán bộ, công chức, viên chức")),
    (ReasonCode.EXEMPT, gettext_noop("Được miễn công tác và sinh hoạt đảng")),
    (ReasonCode.SUSPENDED, gettext_noop("Bị đình chỉ sinh hoạt đảng")),
    (ReasonCode.NEW_MEMBER, gettext_noop("Mới kết nạp chưa đủ 06 tháng")),
    (
        ReasonCode.COMMITTEE_SUSPENDED_STILL_REVIEWED,
        gettext_noop("Bị đình chỉ sinh hoạt cấp ủy, vẫn kiểm điểm"),
    ),
    (ReasonCode.SMALL_COLLECTIVE, gettext_noop("Tập thể dưới 03 thành viên")),
    (ReasonCode.NEW_UNIT, gettext_noop("Mới thành lập chưa đủ 06 tháng")),
    (ReasonCode.WORKED_UNDER_6_MONTHS, gettext_noop("Công tác chưa đủ 06 tháng trong năm")),
    (ReasonCode.NOT_A_SUBJECT_KIND, gettext_noop("Không thuộc đối tượng")),
)
_LABELS: dict[tuple[type[StrEnum], str], str] = {(type(m), m.value): text for m, text in _LABEL_ITEMS}
