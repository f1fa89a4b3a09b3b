"""A small hand-built province with a 2023 campaign whose counts are known (R-95).

Built on the shared ``personas`` tree::

    Đảng bộ tỉnh Thử Nghiệm (T)
    ├── Đảng bộ huyện A (T.A)            not classified: NEW_UNIT
    │   ├── UBND huyện A                 workplace of staff_a (HTT) and member_a2 (CIVIL_SERVANT, < 6 months)
    │   └── Đảng bộ xã A1 (T.A.X1)       HTT;  Ban Chấp hành xã A1 (collective): HTXS
    │       ├── Chi bộ ấp 1              HTXS; Chi ủy (collective): HTT
    │       │     secretary_a1 HTXS (also LEADER: HTXS), member_a1 HTT, a1_new NEW_MEMBER,
    │       │     a1_exempt EXEMPT, a1_pending (self-rated only: pending at DECIDED)
    │       └── Chi bộ ấp 2              decided HTNV, then HTT (the latest row counts)
    │             member_a2 HTT, a2_susp SUSPENDED, a2_htnv HTNV
    └── Đảng bộ huyện B (T.B)            Ban Thường vụ huyện B (collective): SMALL_COLLECTIVE
        └── Chi bộ Trường Tiểu học B     KHTNV
              teacher_b1 HTT, b1_x KHTNV, b1_y excluded by hand (override, no reason: "OTHER")

Party members, province: 11 = 4 not classified (1 EXEMPT, 1 SUSPENDED, 1 NEW_MEMBER, 1 OTHER)
+ 1 pending + 6 rated (HTXS 1, HTT 3, HTNV 1, KHTNV 1).
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest


@pytest.fixture
def province_campaign(personas):
    from xeploai.campaigns.models import Campaign, Rating, Subject
    from xeploai.registry.models import CivilServiceCategory, Collective, CollectiveKind, Person
    from xeploai.rules.levels import Level

    p = personas
    campaign = Campaign.objects.create(
        year=2023, ruleset="kh181-2023", name="Kiểm điểm năm 2023", root=p.province,
        reference_date=date(2023, 12, 15),
    )

    def person(code: str, name: str, cell, **kw) -> Person:
        return Person.objects.create(code=code, full_name=name, party_organization=cell,
                                     admitted_on=kw.pop("admitted_on", date(2015, 1, 1)), **kw)

    def subject(subject_type: str, *, unit, classify: bool = True, reasons: str = "", override: str = "",
                decided: list[int] | None = None, self_level: int | None = None, **target) -> Subject:
        s = Subject.objects.create(
            campaign=campaign, subject_type=subject_type, unit=unit, org_path=unit.path, review=True,
            classify=classify, reasons=reasons, override=override, counted_to=date(2023, 10, 15), **target,
        )
        if self_level is not None:
            Rating.objects.create(subject=s, stage="SELF", level=self_level, based_on_version=1)
        for level in decided or []:
            Rating.objects.create(subject=s, stage="DECIDED", level=level, based_on_version=1)
        return s

    X, G, C, N = Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED
    # Party organizations
    subject("ORGANIZATION", unit=p.district_a, organization=p.district_a, classify=False, reasons="NEW_UNIT")
    subject("ORGANIZATION", unit=p.commune_a1, organization=p.commune_a1, decided=[G])
    subject("ORGANIZATION", unit=p.cell_a1, organization=p.cell_a1, decided=[X])
    subject("ORGANIZATION", unit=p.cell_a2, organization=p.cell_a2, decided=[C, G])
    subject("ORGANIZATION", unit=p.cell_b1, organization=p.cell_b1, decided=[N])
    # Party members
    a1_new = person("P-A1-NEW", "Võ Văn Mới", p.cell_a1, admitted_on=date(2023, 9, 1))
    a1_exempt = person("P-A1-EX", "Huỳnh Thị Miễn", p.cell_a1)
    a1_pending = person("P-A1-PEN", "Bùi Văn Chờ", p.cell_a1)
    a2_susp = person("P-A2-SUS", "Lý Văn Đình", p.cell_a2)
    a2_htnv = person("P-A2-HTNV", "Phan Thị Hoàn", p.cell_a2)
    b1_x = person("P-B1-X", "Đỗ Văn Yếu", p.cell_b1)
    b1_y = person("P-B1-Y", "Hồ Thị Loại", p.cell_b1)
    subject("PARTY_MEMBER", unit=p.cell_a1, person=p.secretary_a1, decided=[X])
    subject("PARTY_MEMBER", unit=p.cell_a1, person=p.member_a1, decided=[G])
    subject("PARTY_MEMBER", unit=p.cell_a1, person=a1_new, classify=False, reasons="NEW_MEMBER")
    subject("PARTY_MEMBER", unit=p.cell_a1, person=a1_exempt, classify=False, reasons="EXEMPT")
    subject("PARTY_MEMBER", unit=p.cell_a1, person=a1_pending, self_level=G)
    subject("PARTY_MEMBER", unit=p.cell_a2, person=p.member_a2, decided=[G])
    subject("PARTY_MEMBER", unit=p.cell_a2, person=a2_susp, classify=False, reasons="SUSPENDED")
    subject("PARTY_MEMBER", unit=p.cell_a2, person=a2_htnv, decided=[C])
    subject("PARTY_MEMBER", unit=p.cell_b1, person=p.teacher_b1, decided=[G])
    subject("PARTY_MEMBER", unit=p.cell_b1, person=b1_x, decided=[N])
    subject("PARTY_MEMBER", unit=p.cell_b1, person=b1_y, override="EXCLUDED", decided=[G])
    # Leadership collectives
    commune_exec = Collective.objects.create(
        code="COL-X1", name="Ban Chấp hành Đảng bộ xã A1", kind=CollectiveKind.EXECUTIVE_COMMITTEE,
        organization=p.commune_a1,
    )
    district_b_standing = Collective.objects.create(
        code="COL-B-BTV", name="Ban Thường vụ Huyện ủy B", kind=CollectiveKind.STANDING_COMMITTEE,
        organization=p.district_b,
    )
    subject("COLLECTIVE", unit=p.cell_a1, collective=p.cell_committee, decided=[G])
    subject("COLLECTIVE", unit=p.commune_a1, collective=commune_exec, decided=[X])
    subject("COLLECTIVE", unit=p.district_b, collective=district_b_standing, classify=False,
            reasons="SMALL_COLLECTIVE")
    # Leaders and CBCCVC
    Person.objects.filter(pk=p.secretary_a1.pk).update(civil_service_category=CivilServiceCategory.CADRE)
    Person.objects.filter(pk=p.staff_a.pk).update(civil_service_category=CivilServiceCategory.CIVIL_SERVANT)
    Person.objects.filter(pk=p.member_a2.pk).update(civil_service_category=CivilServiceCategory.PUBLIC_EMPLOYEE)
    subject("LEADER", unit=p.cell_a1, person=p.secretary_a1, decided=[X])
    subject("CIVIL_SERVANT", unit=p.district_a_ubnd, person=p.staff_a, decided=[G])
    subject("CIVIL_SERVANT", unit=p.district_a_ubnd, person=p.member_a2, classify=False,
            reasons="WORKED_UNDER_6_MONTHS")
    for obj in (p.secretary_a1, p.staff_a, p.member_a2):
        obj.refresh_from_db()
    return SimpleNamespace(
        campaign=campaign, commune_exec=commune_exec, district_b_standing=district_b_standing,
        a1_new=a1_new, b1_x=b1_x, **vars(p),
    )
