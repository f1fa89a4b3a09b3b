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

_SEVERITY = {form: i for i, form in enumerate(DisciplineForm, start=1)}

# Keyed by (enum class, value): members of different enums may share a value (SubjectType.CIVIL_SERVANT
# and CivilServiceCategory.CIVIL_SERVANT are both "CIVIL_SERVANT"), and a StrEnum hashes as its value.
_LABEL_ITEMS: tuple[tuple[StrEnum, str], ...] = (
    (SubjectType.PARTY_MEMBER, "Đảng viên"),
    (SubjectType.CIVIL_SERVANT, "Cán bộ, công chức, viên chức"),
    (SubjectType.LEADER, "Cán bộ lãnh đạo, quản lý"),
    (SubjectType.COLLECTIVE, "Tập thể lãnh đạo, quản lý"),
    (SubjectType.ORGANIZATION, "Tổ chức"),
    (Tier.PROVINCE, "Cấp tỉnh"),
    (Tier.DISTRICT, "Cấp huyện và tương đương"),
    (Tier.GRASSROOTS, "Cấp cơ sở"),
    (Tier.BELOW_GRASSROOTS, "Trực thuộc cấp cơ sở"),
    (OrgKind.PROVINCIAL_COMMITTEE, "Đảng bộ tỉnh"),
    (OrgKind.DISTRICT_COMMITTEE, "Đảng bộ cấp huyện và tương đương"),
    (OrgKind.GRASSROOTS_COMMITTEE, "Đảng bộ cơ sở"),
    (OrgKind.GRASSROOTS_CELL, "Chi bộ cơ sở"),
    (OrgKind.SUB_COMMITTEE, "Đảng bộ bộ phận"),
    (OrgKind.CELL, "Chi bộ trực thuộc"),
    (OrgKind.PEOPLES_COMMITTEE, "Ủy ban nhân dân"),
    (OrgKind.PEOPLES_COUNCIL, "Hội đồng nhân dân"),
    (OrgKind.FATHERLAND_FRONT, "Ủy ban Mặt trận Tổ quốc"),
    (OrgKind.MASS_ORGANIZATION, "Tổ chức chính trị - xã hội"),
    (OrgKind.ADVISORY_AGENCY, "Cơ quan tham mưu, giúp việc"),
    (OrgKind.AGENCY, "Cơ quan, đơn vị"),
    (OrgKind.ENTERPRISE, "Doanh nghiệp"),
    (CollectiveKind.STANDING_COMMITTEE, "Ban thường vụ cấp ủy"),
    (CollectiveKind.EXECUTIVE_COMMITTEE, "Ban chấp hành (cấp ủy)"),
    (CollectiveKind.PARTY_AFFAIRS_COMMITTEE, "Ban cán sự đảng"),
    (CollectiveKind.PARTY_DELEGATION, "Đảng đoàn"),
    (CollectiveKind.ADVISORY_LEADERSHIP, "Tập thể lãnh đạo cơ quan tham mưu, giúp việc"),
    (CollectiveKind.COUNCIL_STANDING, "Thường trực Hội đồng nhân dân"),
    (CollectiveKind.PEOPLES_COMMITTEE_LEADERSHIP, "Tập thể lãnh đạo Ủy ban nhân dân"),
    (CollectiveKind.FRONT_STANDING, "Ban thường trực Ủy ban Mặt trận Tổ quốc"),
    (CollectiveKind.MASS_ORG_STANDING, "Ban thường vụ tổ chức chính trị - xã hội"),
    (CollectiveKind.MASS_ORG_EXECUTIVE, "Ban chấp hành tổ chức chính trị - xã hội"),
    (CollectiveKind.CELL_COMMITTEE, "Chi ủy"),
    (CollectiveKind.SUB_COMMITTEE_EXECUTIVE, "Đảng ủy bộ phận"),
    (CollectiveKind.OTHER, "Tập thể lãnh đạo, quản lý khác"),
    (StatusKind.EXEMPT, "Miễn công tác và sinh hoạt đảng"),
    (StatusKind.SUSPENDED, "Đình chỉ sinh hoạt đảng"),
    (StatusKind.COMMITTEE_SUSPENDED, "Đình chỉ sinh hoạt cấp ủy"),
    (StatusKind.SICK_LEAVE, "Nghỉ ốm"),
    (StatusKind.MATERNITY_LEAVE, "Nghỉ thai sản"),
    (CivilServiceCategory.CADRE, "Cán bộ"),
    (CivilServiceCategory.CIVIL_SERVANT, "Công chức"),
    (CivilServiceCategory.PUBLIC_EMPLOYEE, "Viên chức"),
    (CivilServiceCategory.PART_TIME, "Người hoạt động không chuyên trách"),
    (CivilServiceCategory.EMPLOYEE, "Người lao động"),
    (CivilServiceCategory.NONE, "Không"),
    (Side.PARTY, "Kỷ luật đảng"),
    (Side.STATE, "Kỷ luật chính quyền"),
    (DisciplineForm.REPRIMAND, "Khiển trách"),
    (DisciplineForm.WARNING, "Cảnh cáo"),
    (DisciplineForm.DEMOTION, "Hạ bậc lương"),
    (DisciplineForm.DISMISSAL, "Cách chức"),
    (DisciplineForm.FORCED_RESIGNATION, "Buộc thôi việc"),
    (DisciplineForm.EXPULSION, "Khai trừ"),
    (QuotaKind.PARTY_MEMBERS, "Đảng viên trong từng tổ chức cơ sở đảng"),
    (QuotaKind.ORGANIZATIONS, "Tổ chức đảng"),
    (QuotaKind.COLLECTIVES, "Tập thể lãnh đạo, quản lý"),
    (QuotaKind.LEADERS, "Cá nhân cán bộ lãnh đạo, quản lý"),
    (QuotaKind.CIVIL_SERVANTS, "Cán bộ, công chức, viên chức"),
    (ReasonCode.EXEMPT, "Được miễn công tác và sinh hoạt đảng"),
    (ReasonCode.SUSPENDED, "Bị đình chỉ sinh hoạt đảng"),
    (ReasonCode.NEW_MEMBER, "Mới kết nạp chưa đủ 06 tháng"),
    (ReasonCode.COMMITTEE_SUSPENDED_STILL_REVIEWED, "Bị đình chỉ sinh hoạt cấp ủy, vẫn kiểm điểm"),
    (ReasonCode.SMALL_COLLECTIVE, "Tập thể dưới 03 thành viên"),
    (ReasonCode.NEW_UNIT, "Mới thành lập chưa đủ 06 tháng"),
    (ReasonCode.WORKED_UNDER_6_MONTHS, "Công tác chưa đủ 06 tháng trong năm"),
    (ReasonCode.NOT_A_SUBJECT_KIND, "Không thuộc đối tượng"),
)
_LABELS: dict[tuple[type[StrEnum], str], str] = {(type(m), m.value): text for m, text in _LABEL_ITEMS}
