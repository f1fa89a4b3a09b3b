"""Synthetic registry data in the 2025 structure: a merged two-tier province, formed on 01/07/2025.

Since 01/7/2025 provinces have two tiers of local government: there is no district tier. Communes and
wards were merged into larger ones whose party committees (Đảng bộ xã, phường) sit directly under the
provincial committee, and provinces were merged too. The demo province is Vĩnh Long as merged from Vĩnh
Long, Bến Tre and Trà Vinh (administrative code 86): the provincial committee, its advisory agencies,
government and front; the party committees of the province-level agencies (party agencies, people's
committee, front and mass organizations, military, police), each with its cells; and the merged communes
and wards, each with its committee's standing committee (R-21), its government, front, advisory bodies
and cells. No organization sits at the district tier.

Everything formed by the reorganization carries its founding date 01/07/2025 and its collectives start
that day, so on the 2025 counting date (31/12/2025, S-04) they are under six months old: the ``qd366-2025``
ruleset's R-11 merger switch classifies them (docs/adr/0015-the-2025-structure.md). A few cells founded
later (a hamlet cell split in September) are new in the ordinary sense and stay unclassified (R-11).
Hamlet cells that were not merged keep their older founding dates.

Like ``generator`` this module is pure: the same seed and the same first ids give the same rows. People,
their statuses and disciplines are placed against the 2025 campaign (``REFERENCE_2025``). The commune
names are places of the merged province; the list and the sizes are illustrative, not the official list.
"""

from __future__ import annotations

import random
from datetime import date

from xeploai.registry.demo import names
from xeploai.registry.demo.generator import (
    COMMUNE_LABEL,
    CS,
    DONG_THAP,
    Builder,
    C,
    DemoAccount,
    Ids,
    K,
    Org,
    ProvinceRows,
    ProvinceSpec,
    Shape,
    Slot,
)
from xeploai.registry.models import Tier

REORGANIZED_ON = date(2025, 7, 1)  # the two-tier local government (R-11 merger switch of qd366-2025)
REFERENCE_2025 = date(2025, 12, 31)  # S-04: qd366-2025 fixes no tier deadline, the counting date is 31/12
NEW_SINCE_2025 = date(2025, 7, 1)  # S-03c / R-11: admitted less than 6 months before REFERENCE_2025
SPLIT_ON = date(2025, 9, 15)  # a hamlet cell split after the reorganization: new, not reorganized

VINH_LONG = ProvinceSpec(code="VL", name="Vĩnh Long", number=86, districts=())
MERGED_FROM = ("Vĩnh Long", "Bến Tre", "Trà Vinh")

# The merged communes (X) and wards (P), directly under the province.
COMMUNES_2025 = tuple(
    (kind, name)
    for kind, name in (item.strip().split(" ", 1) for item in (
        "P Thanh Đức; X Cái Nhum; P Phú Khương; X Ba Tri; P Trà Vinh; X Càng Long; P Long Châu; X Mỏ Cày; "
        "P Phước Hậu; X Tân Long Hội; P An Hội; X Giồng Trôm; P Long Đức; X Cầu Kè; P Tân Hạnh; X Nhơn Phú; "
        "P Sơn Đông; X Thạnh Phú; P Nguyệt Hóa; X Tiểu Cần; P Bình Minh; X An Bình; P Phú Tân; X Chợ Lách; "
        "P Hòa Thuận; X Cầu Ngang; P Cái Vồn; X Long Hồ; P Bến Tre; X Trà Cú; P Đông Thành; X Phú Quới; "
        "P Duyên Hải; X Trung Thành; P Tân Ngãi; X Bình Đại; P Trường Long Hòa; X Quới An; X Tam Bình; "
        "X Trà Ôn; X Vũng Liêm; X Hiếu Phụng; X Mang Thít; X Châu Thành"
    ).split(";"))
)  # fmt: skip

# The party committees of the province-level agencies: code, name, profile, (cell name, workplace key).
# A workplace key names a provincial body built first (adv:<code>, ub, hd, mt, mass:<n>) or, without a
# prefix, a new agency of that name under the people's committee (the departments as merged in 2025).
AGENCY_COMMITTEES = (
    (
        "CQD",
        "Đảng bộ các cơ quan Đảng tỉnh",
        "agency",
        (
            ("Chi bộ Văn phòng Tỉnh ủy", "adv:VP"),
            ("Chi bộ Ban Tổ chức Tỉnh ủy", "adv:BTC"),
            ("Chi bộ Ủy ban Kiểm tra Tỉnh ủy", "adv:UBKT"),
            ("Chi bộ Ban Tuyên giáo và Dân vận Tỉnh ủy", "adv:BTGDV"),
            ("Chi bộ Ban Nội chính Tỉnh ủy", "adv:BNC"),
        ),
    ),
    (
        "UBND",
        "Đảng bộ Ủy ban nhân dân tỉnh",
        "agency",
        (
            ("Chi bộ Văn phòng UBND tỉnh", "ub"),
            ("Chi bộ Sở Tài chính", "Sở Tài chính"),
            ("Chi bộ Sở Nội vụ", "Sở Nội vụ"),
            ("Chi bộ Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp và Môi trường"),
            ("Chi bộ Sở Xây dựng", "Sở Xây dựng"),
            ("Chi bộ Sở Y tế", "Sở Y tế"),
            ("Chi bộ Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo"),
            ("Chi bộ Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ"),
            ("Chi bộ Sở Công Thương", "Sở Công Thương"),
            ("Chi bộ Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
            ("Chi bộ Sở Tư pháp", "Sở Tư pháp"),
            ("Chi bộ Sở Dân tộc và Tôn giáo", "Sở Dân tộc và Tôn giáo"),
            ("Chi bộ Thanh tra tỉnh", "Thanh tra tỉnh"),
        ),
    ),
    (
        "MTDT",
        "Đảng bộ Mặt trận Tổ quốc, các đoàn thể tỉnh",
        "agency",
        (
            ("Chi bộ Cơ quan Ủy ban Mặt trận Tổ quốc tỉnh", "mt"),
            ("Chi bộ Văn phòng Đoàn ĐBQH và HĐND tỉnh", "hd"),
            ("Chi bộ Hội Nông dân tỉnh", "mass:0"),
            ("Chi bộ Hội Liên hiệp Phụ nữ tỉnh", "mass:1"),
            ("Chi bộ Tỉnh Đoàn", "mass:2"),
        ),
    ),
    (
        "QS",
        "Đảng bộ Quân sự tỉnh",
        "armed",
        (
            ("Chi bộ Cơ quan Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
            ("Chi bộ Trung đoàn Bộ binh", "Trung đoàn Bộ binh"),
            ("Chi bộ Đại đội Trinh sát", "Đại đội Trinh sát"),
        ),
    ),
    (
        "CA",
        "Đảng bộ Công an tỉnh",
        "armed",
        (
            ("Chi bộ Phòng Tham mưu", "Phòng Tham mưu Công an tỉnh"),
            ("Chi bộ Phòng Cảnh sát hình sự", "Phòng Cảnh sát hình sự Công an tỉnh"),
            ("Chi bộ Phòng Cảnh sát giao thông", "Phòng Cảnh sát giao thông Công an tỉnh"),
        ),
    ),
)
PROVINCE_ADVISORY = (
    ("BTC", "Ban Tổ chức"),
    ("UBKT", "Ủy ban Kiểm tra"),
    ("BTGDV", "Ban Tuyên giáo và Dân vận"),
    ("BNC", "Ban Nội chính"),
    ("VP", "Văn phòng"),
)
# A merged commune's party advisory bodies (from 01/7/2025): Văn phòng, Ban Xây dựng Đảng, Ủy ban Kiểm tra.
COMMUNE_ADVISORY = (("VP", "Văn phòng"), ("BXD", "Ban Xây dựng Đảng"), ("UBKT", "Ủy ban Kiểm tra"))
PROVINCE_MASS = (
    ("ND", "Hội Nông dân"),
    ("PN", "Hội Liên hiệp Phụ nữ"),
    ("DTN", "Tỉnh Đoàn"),
    ("CCB", "Hội Cựu chiến binh"),
)

SHAPES_2025 = {
    "province": Shape(people=45_000),
    # The tests' scale: three communes, three cells per agency committee, about 2,000 people.
    "tiny": Shape(people=2_000, commune_limit=3, agency_limit=3),
}


class _Builder2025(Builder):
    """The 2025 province: the same people, collectives and statuses as ``Builder``, another tree."""

    reference = REFERENCE_2025
    new_since = NEW_SINCE_2025

    def __init__(self, rng: random.Random, ids: Ids, spec: ProvinceSpec, shape: Shape) -> None:
        super().__init__(rng, ids, spec, shape)
        self.formed: dict[int, date] = {}  # cell id → founding date, for its committee's start
        self.communes: list[tuple[Org, list[Org], Slot]] = []  # committee, hamlet cells, civil servants
        self.province_btv: list[int] = []  # the province's standing committee members but the first four
        self.commune_heads: list[tuple[int, int]] = []  # (secretary, standing deputy) of each commune
        self.agency_officer: tuple[Org, int] | None = None  # the people's committee's party committee

    def new_org(self, code: str, name: str, kind: str, tier: str, parent: Org | None) -> Org:
        """An organization formed by the 01/7/2025 reorganization."""
        org = self.org(code, name, kind, tier, parent, founded=REORGANIZED_ON)
        self.formed[org.id] = REORGANIZED_ON
        return org

    def formed_collective(
        self, org: Org, suffix: str, kind: str, name: str, members: list[tuple[int, str]]
    ) -> int:
        """A collective formed with its unit on 01/7/2025 (its members appointed that day)."""
        return self.collective(org, suffix, kind, name, members, founded=REORGANIZED_ON, start=REORGANIZED_ON)

    # ------------------------------------------------------------------------------- the tree
    def build(self) -> None:
        spec = self.spec
        root = self.new_org(
            spec.code, f"Đảng bộ tỉnh {spec.name}", K.PROVINCIAL_COMMITTEE, Tier.PROVINCE, None
        )
        place = f"tỉnh {spec.name}"
        adv = {
            c: self.new_org(f"{spec.code}.{c}", f"{n} Tỉnh ủy", K.ADVISORY_AGENCY, Tier.PROVINCE, root)
            for c, n in PROVINCE_ADVISORY
        }
        ub, hd, mt = (
            self.new_org(f"{spec.code}.{c}", f"{n} {place}", kind, Tier.PROVINCE, root)
            for c, n, kind in (
                ("UB", "Ủy ban nhân dân", K.PEOPLES_COMMITTEE),
                ("HD", "Hội đồng nhân dân", K.PEOPLES_COUNCIL),
                ("MT", "Ủy ban Mặt trận Tổ quốc Việt Nam", K.FATHERLAND_FRONT),
            )
        )
        mass = [
            self.new_org(
                f"{spec.code}.{c}",
                n if c == "DTN" else f"{n} {place}",
                K.MASS_ORGANIZATION,
                Tier.PROVINCE,
                mt,
            )
            for c, n in PROVINCE_MASS
        ]
        bodies = {"ub": ub, "hd": hd, "mt": mt} | {f"adv:{c}": o for c, o in adv.items()}
        bodies |= {f"mass:{i}": m for i, m in enumerate(mass)}
        committees = [self.agency_committee(root, ub, bodies, *entry) for entry in AGENCY_COMMITTEES]
        self.province_leadership(root, adv, (ub, hd, mt), mass, committees)
        chosen = COMMUNES_2025[: self.shape.commune_limit] if self.shape.commune_limit else COMMUNES_2025
        counters = {"X": 0, "P": 0}
        for ckind, cname in chosen:
            counters[ckind] += 1
            self.commune_2025(root, f"{spec.code}.{ckind}{counters[ckind]:02d}", ckind, cname)
        self.collective(
            root, "BCH", C.EXECUTIVE_COMMITTEE, f"Ban Chấp hành Đảng bộ tỉnh {spec.name}", self.province_bch,
            founded=REORGANIZED_ON, start=REORGANIZED_ON,
        )  # fmt: skip

    def agency_committee(
        self,
        root: Org,
        ub: Org,
        bodies: dict[str, Org],
        code: str,
        name: str,
        profile: str,
        cells: tuple[tuple[str, str], ...],
    ) -> tuple[Org, list[Org], list[Org]]:
        """A province-level agencies' party committee directly under the province, its cells (with their
        workplaces and people) and its executive committee; returns (committee, cells, workplaces)."""
        rng, spec = self.rng, self.spec
        party = self.new_org(f"{spec.code}.{code}", name, K.GRASSROOTS_COMMITTEE, Tier.GRASSROOTS, root)
        chosen = cells[: self.shape.agency_limit] if self.shape.agency_limit else cells
        category = CS.CIVIL_SERVANT if profile == "agency" else CS.NONE
        made, places = [], []
        for i, (cell_name, key) in enumerate(chosen, start=1):
            cell = self.new_org(f"{party.code}.CB{i:02d}", cell_name, K.CELL, Tier.BELOW_GRASSROOTS, party)
            workplace = bodies.get(key) or self.new_org(
                f"{spec.code}.UB.{code}{i:02d}", key, K.AGENCY, Tier.PROVINCE, ub
            )
            self.slot(cell, workplace, rng.uniform(10, 30), profile, party, category=category)
            if profile == "agency":
                self.slot(None, workplace, rng.uniform(3, 8), "staff", None, category=category)
            made.append(cell)
            places.append(workplace)
        return party, made, places

    def province_leadership(
        self,
        root: Org,
        adv: dict[str, Org],
        gov: tuple[Org, Org, Org],
        mass: list[Org],
        committees: list[tuple[Org, list[Org], list[Org]]],
    ) -> None:
        """The merged province's leaders and its collectives, appointed on 01/7/2025."""
        L, name, (ub, hd, mt) = self.leader, self.spec.name, gov
        party_cell, gov_cell = committees[0][1][0], committees[1][1][0]
        bt = L(f"Bí thư Tỉnh ủy {name}", party_cell, root, root, is_head=True)
        pbt = L("Phó Bí thư Thường trực Tỉnh ủy", party_cell, root, root)
        ct_hd = L("Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh", party_cell, hd, root, is_head=True)
        ct_ub = L("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh", gov_cell, ub, root, is_head=True)
        pct_ub = [L("Phó Chủ tịch UBND tỉnh", gov_cell, ub, root) for _ in range(4)]
        pct_hd = [L("Phó Chủ tịch HĐND tỉnh", party_cell, hd, root) for _ in range(2)]
        heads = self.advisory_heads(adv, party_cell, root)
        ct_mt = L(f"Chủ tịch {mt.name}", party_cell, mt, root, is_head=True)
        mass_heads = self.mass_heads(mass, party_cell, root, (1985, 1993), (1965, 1985))
        secretaries = [L(f"Bí thư {c.name}", cells[0], c, root, is_head=True) for c, cells, _w in committees]
        standing = "Ủy viên Ban Thường vụ"
        btv = [(bt, "Bí thư"), (pbt, "Phó Bí thư Thường trực"), (ct_hd, "Phó Bí thư"), (ct_ub, "Phó Bí thư")]
        btv += [(heads[c], standing) for c in ("BTC", "UBKT", "BTGDV", "BNC", "VP")]
        btv += [(pct_ub[0], standing), (ct_mt, standing)] + [(p, standing) for p in secretaries[3:]]
        self.formed_collective(root, "BTV", C.STANDING_COMMITTEE, f"Ban Thường vụ Tỉnh ủy {name}", btv)
        self.province_btv = [pid for pid, _t in btv]
        self.province_bch = btv + [
            (p, "Tỉnh ủy viên") for p in pct_ub[1:] + pct_hd + mass_heads + secretaries[:3]
        ]
        council = [(ct_hd, "Chủ tịch")] + [(p, "Phó Chủ tịch") for p in pct_hd]
        self.formed_collective(hd, "TT", C.COUNCIL_STANDING, f"Thường trực HĐND tỉnh {name}", council)
        leaders = [(ct_ub, "Chủ tịch")] + [(p, "Phó Chủ tịch") for p in pct_ub]
        self.formed_collective(
            ub, "LD", C.PEOPLES_COMMITTEE_LEADERSHIP, f"Tập thể lãnh đạo UBND tỉnh {name}", leaders
        )
        front = [(ct_mt, "Chủ tịch")] + self.deputies(mt, party_cell, root, 3, "Phó Chủ tịch")
        self.formed_collective(mt, "BTT", C.FRONT_STANDING, f"Ban Thường trực {mt.name}", front)
        for m, head in zip(mass, mass_heads, strict=True):
            deputies = self.deputies(m, party_cell, root, 2, "Phó Chủ tịch")
            self.formed_collective(
                m, "BTV", C.MASS_ORG_STANDING, f"Ban Thường vụ {m.name}", [(head, "Chủ tịch")] + deputies
            )
        for c, org in adv.items():
            deputies = self.deputies(org, party_cell, root, self.rng.choice((2, 2, 3)), "Phó Trưởng ban")
            members = [(heads[c], "Trưởng ban")] + deputies
            self.formed_collective(org, "LD", C.ADVISORY_LEADERSHIP, f"Tập thể lãnh đạo {org.name}", members)
        for (committee, cells, _w), secretary in zip(committees, secretaries, strict=True):
            deputy = self.committee_bodies(committee, cells[0], secretary, root, "Đảng ủy")
            if committee.code.endswith(".UBND"):
                self.agency_officer = (committee, deputy)

    def committee_bodies(self, party: Org, cell: Org, secretary: int, managing: Org, title: str) -> int:
        """A grassroots committee's executive and standing committees (R-21: the standing committee of a
        grassroots committee is a collective reviewed and classified); returns its deputy secretary."""
        standing = [(secretary, "Bí thư")] + self.deputies(party, cell, managing, 1, "Phó Bí thư")
        standing += self.deputies(party, cell, managing, 3, "Ủy viên Ban Thường vụ")
        name = party.name.removeprefix("Đảng bộ ")
        self.formed_collective(party, "BTV", C.STANDING_COMMITTEE, f"Ban Thường vụ {title} {name}", standing)
        members = standing + self.deputies(party, cell, managing, self.rng.randint(4, 8), "Đảng ủy viên")
        self.formed_collective(party, "BCH", C.EXECUTIVE_COMMITTEE, f"Ban Chấp hành {party.name}", members)
        return standing[1][0]

    # ------------------------------------------------------------------------ a merged commune
    def commune_2025(self, root: Org, code: str, ckind: str, cname: str) -> None:
        """A merged commune or ward directly under the province: its party committee (with a standing
        committee, R-21), advisory bodies, government, front and mass organizations, and cells."""
        place = f"{COMMUNE_LABEL[ckind]} {cname}"
        gc = self.new_org(code, f"Đảng bộ {place}", K.GRASSROOTS_COMMITTEE, Tier.GRASSROOTS, root)
        ub, hd, mt = (
            self.new_org(f"{code}.{c}", f"{n} {place}", kind, Tier.GRASSROOTS, gc)
            for c, n, kind in (
                ("UB", "Ủy ban nhân dân", K.PEOPLES_COMMITTEE),
                ("HD", "Hội đồng nhân dân", K.PEOPLES_COUNCIL),
                ("MT", "Ủy ban Mặt trận Tổ quốc Việt Nam", K.FATHERLAND_FRONT),
            )
        )
        adv = {
            c: self.new_org(f"{code}.{c}", f"{n} Đảng ủy {place}", K.ADVISORY_AGENCY, Tier.GRASSROOTS, gc)
            for c, n in COMMUNE_ADVISORY
        }
        mass = [
            self.new_org(f"{code}.{c}", f"{n} {place}", K.MASS_ORGANIZATION, Tier.GRASSROOTS, mt)
            for c, n in (("ND", "Hội Nông dân"), ("PN", "Hội Liên hiệp Phụ nữ"), ("DTN", "Đoàn Thanh niên"))
        ]
        agency_cells, civil = self.commune_agency_cells_2025(gc, code, place, cname, (adv["VP"], ub, mt))
        hamlets, hamlet_slots = self.hamlets_2025(gc, code, ckind, cname, len(agency_cells))
        self.commune_leadership(root, gc, place, agency_cells, (ub, hd, mt), adv, mass, hamlet_slots)
        self.communes.append((gc, hamlets, civil))

    def commune_agency_cells_2025(
        self, gc: Org, code: str, place: str, cname: str, workplaces: tuple[Org, Org, Org]
    ) -> tuple[list[Org], Slot]:
        """The cells of the commune's party agencies, people's committee (its công chức), front, and of
        its military, police and a school (some communes); returns them and the committee's slot."""
        rng, (vp, ub, mt) = self.rng, workplaces
        cells = []
        for name, wp, category, weight in (
            ("Chi bộ Cơ quan Đảng", vp, CS.CIVIL_SERVANT, rng.uniform(8, 14)),
            ("Chi bộ Ủy ban nhân dân", ub, CS.CIVIL_SERVANT, rng.uniform(12, 22)),
            ("Chi bộ Mặt trận Tổ quốc và các đoàn thể", mt, CS.CADRE, rng.uniform(6, 12)),
        ):
            name = f"{name} {place}"
            cell = self.new_org(f"{code}.CB{len(cells) + 1:02d}", name, K.CELL, Tier.BELOW_GRASSROOTS, gc)
            slot = self.slot(cell, wp, weight, "agency", gc, category=category)
            cells.append(cell)
            if wp is ub:
                civil = slot
                self.slot(None, ub, rng.uniform(3, 8), "staff", None, category=CS.CIVIL_SERVANT)
        for kind_name in ("Quân sự", "Công an"):
            if rng.random() < 0.7:
                name = f"Chi bộ {kind_name} {place}"
                cell = self.new_org(f"{code}.CB{len(cells) + 1:02d}", name, K.CELL, Tier.BELOW_GRASSROOTS, gc)
                self.slot(cell, ub, rng.uniform(4, 10), "armed", gc)
                cells.append(cell)
        if rng.random() < 0.5:  # a school whose cell was not merged: its older founding date stays
            n = len(cells) + 1
            school = f"Trường {rng.choice(('Tiểu học', 'THCS', 'Mầm non'))} {cname}"
            cell = self.org(f"{code}.CB{n:02d}", f"Chi bộ {school}", K.CELL, Tier.BELOW_GRASSROOTS, gc)
            wp = self.org(f"{code}.TR{n:02d}", school, K.AGENCY, Tier.GRASSROOTS, cell)
            self.slot(cell, wp, rng.uniform(6, 14), "school", gc, category=CS.PUBLIC_EMPLOYEE)
            self.slot(None, wp, rng.uniform(10, 25), "staff", None, category=CS.PUBLIC_EMPLOYEE)
            cells.append(cell)
        return cells, civil

    def hamlets_2025(
        self, gc: Org, code: str, ckind: str, cname: str, n: int
    ) -> tuple[list[Org], list[Slot]]:
        """The hamlet cells: most kept from the old communes, some merged on 01/7/2025; in the first
        commune one split off in September (new, not reorganized: R-11)."""
        rng = self.rng
        hamlet = "khóm" if ckind == "P" else "ấp"
        count = rng.randint(6, 10)
        cells, slots = [], []
        for h in range(count):
            hname = f"{hamlet} {h + 1}" if rng.random() < 0.5 else f"{hamlet} {names.place_name(rng)}"
            ccode = f"{code}.CB{n + h + 1:02d}"
            if not self.communes and h == count - 1:
                cell = self.org(ccode, f"Chi bộ {hname}", K.CELL, Tier.BELOW_GRASSROOTS, gc, founded=SPLIT_ON)
                self.formed[cell.id] = SPLIT_ON
            elif rng.random() < 0.3:
                cell = self.new_org(ccode, f"Chi bộ {hname}", K.CELL, Tier.BELOW_GRASSROOTS, gc)
            else:
                cell = self.org(ccode, f"Chi bộ {hname}", K.CELL, Tier.BELOW_GRASSROOTS, gc)
            cells.append(cell)
            slots.append(self.slot(cell, None, rng.uniform(15, 45), "hamlet", gc))
        return cells, slots

    def commune_leadership(
        self,
        root: Org,
        gc: Org,
        place: str,
        cells: list[Org],
        gov: tuple[Org, Org, Org],
        adv: dict[str, Org],
        mass: list[Org],
        hamlet_slots: list[Slot],
    ) -> None:
        """The commune's leaders and collectives, appointed on 01/7/2025: the standing committee (R-21),
        the executive committee, the council's standing body, the people's committee's leadership, the
        front's standing committee, the advisory bodies' leadership and the mass organizations' committees."""
        L, rng, (ub, hd, mt), party_cell, gov_cell = self.leader, self.rng, gov, cells[0], cells[1]
        bt = L(f"Bí thư Đảng ủy, Chủ tịch HĐND {place}", party_cell, gc, root, is_head=True)
        pbt = L(f"Phó Bí thư Thường trực Đảng ủy {place}", party_cell, gc, root)
        ct_ub = L(f"Phó Bí thư Đảng ủy, Chủ tịch UBND {place}", gov_cell, ub, root, is_head=True)
        pct_ub = [L(f"Phó Chủ tịch UBND {place}", gov_cell, ub, root) for _ in range(rng.choice((2, 2, 3)))]
        pct_hd = L(f"Phó Chủ tịch HĐND {place}", party_cell, hd, root)
        ct_mt = L(f"Chủ tịch {mt.name}", cells[2], mt, root, is_head=True)
        heads = {c: L(f"{'Chánh' if c == 'VP' else 'Trưởng'} {o.name}", party_cell, o, root, is_head=True)
                 for c, o in adv.items()}  # fmt: skip
        mass_heads = self.mass_heads(mass, cells[2], root, (1990, 1998), (1965, 1988))
        others = [
            L(t, gov_cell, ub, root, category=CS.NONE) for t in ("Chỉ huy trưởng Quân sự", "Trưởng Công an")
        ]
        standing = "Ủy viên Ban Thường vụ"
        btv = [(bt, "Bí thư"), (pbt, "Phó Bí thư Thường trực"), (ct_ub, "Phó Bí thư"), (ct_mt, standing)]
        btv += [(heads["UBKT"], standing), (heads["BXD"], standing), (pct_ub[0], standing)]
        self.formed_collective(gc, "BTV", C.STANDING_COMMITTEE, f"Ban Thường vụ Đảng ủy {place}", btv)
        bch = btv + [(p, "Đảng ủy viên") for p in [pct_hd, heads["VP"], *mass_heads, *others, *pct_ub[1:]]]
        pk = self.formed_collective(gc, "BCH", C.EXECUTIVE_COMMITTEE, f"Ban Chấp hành Đảng bộ {place}", bch)
        for s in hamlet_slots[-2:]:
            self.defer(pk, s, 0, "Đảng ủy viên", REORGANIZED_ON)
        council = [(bt, "Chủ tịch"), (pct_hd, "Phó Chủ tịch")]
        council += [(L(f"Trưởng ban HĐND {place}", party_cell, hd, root), "Ủy viên") for _ in range(2)]
        self.formed_collective(hd, "TT", C.COUNCIL_STANDING, f"Thường trực HĐND {place}", council)
        leaders = [(ct_ub, "Chủ tịch")] + [(p, "Phó Chủ tịch") for p in pct_ub]
        self.formed_collective(
            ub, "LD", C.PEOPLES_COMMITTEE_LEADERSHIP, f"Tập thể lãnh đạo UBND {place}", leaders
        )
        front = [(ct_mt, "Chủ tịch")] + [(p, "Phó Chủ tịch") for p in mass_heads[:2]]
        self.formed_collective(mt, "BTT", C.FRONT_STANDING, f"Ban Thường trực {mt.name}", front)
        self.body_collectives(
            gc, party_cell, list(zip(adv.values(), heads.values(), strict=True)), mass, mass_heads
        )
        self.commune_heads.append((bt, pbt))
        if rng.random() < 0.4:
            self.province_bch.append((bt, "Tỉnh ủy viên"))

    def body_collectives(
        self, gc: Org, cell: Org, advisory: list[tuple[Org, int]], mass: list[Org], mass_heads: list[int]
    ) -> None:
        """The leadership of a commune's advisory bodies and its mass organizations' executive committees
        (with part-time members), formed on 01/7/2025."""
        rng = self.rng
        for org, head in advisory:
            deputies = self.deputies(org, cell, gc, rng.choice((1, 2)), "Phó Trưởng ban")
            members = [(head, "Trưởng ban"), *deputies]
            self.formed_collective(org, "LD", C.ADVISORY_LEADERSHIP, f"Tập thể lãnh đạo {org.name}", members)
        for m, head in zip(mass, mass_heads, strict=True):
            staff = self.slot(None, m, rng.uniform(1, 3), "staff", None, category=CS.PART_TIME, min_count=3)
            name = f"Ban Chấp hành {m.name}"
            pk = self.formed_collective(m, "BCH", C.MASS_ORG_EXECUTIVE, name, [(head, "Chủ tịch")])
            for i in range(rng.randint(3, 5)):
                self.defer(pk, staff, i, "Ủy viên Ban Chấp hành", REORGANIZED_ON)

    # ----------------------------------------------------------------- phase 2 and the accounts
    def cell_committee_start(self, cell: Org) -> date:
        """A cell formed by the reorganization (or split later) elects its committee then; the others held
        their congresses for the 2025–2027 term in the spring of 2025."""
        return self.formed.get(cell.id, date(2025, 4, 20))

    def cell_accounts(self, party: list[Slot]) -> None:
        """The demo accounts of the 2025 province, held by the people of the posts (first commune, its
        first hamlet cell, a công chức of its people's committee, the people's committee's party
        committee)."""
        code = self.spec.code.lower()
        gc, hamlets, civil = self.communes[0]
        bt, pbt = self.commune_heads[0]
        lower = gc.code.lower()
        cell = hamlets[0]
        s = next(s for s in party if s.cell is cell)
        member = s.first + min(2, s.count - 1)
        servant = civil.first + min(2, civil.count - 1)
        assert self.agency_officer is not None  # the people's committee's party committee is always built
        ubnd, ubnd_deputy = self.agency_officer
        root, btv = self.spec.code, self.province_btv  # btv: secretary, 3 deputies, then BTC, UBKT, BTGDV…
        self.accounts += [
            DemoAccount(f"bantochuc.{code}", "ORG_COMMISSION", root, btv[4]),
            DemoAccount(f"thuongvu.{code}", "STANDING_COMMITTEE", root, btv[0]),
            DemoAccount(f"phutrach.{lower}", "SUPERVISOR", gc.code, btv[6]),
            DemoAccount(f"thuongvu.{lower}", "STANDING_COMMITTEE", gc.code, bt),
            DemoAccount(f"danguy.{lower}", "COMMITTEE_OFFICER", gc.code, pbt),
            DemoAccount(f"danguy.{ubnd.code.lower()}", "COMMITTEE_OFFICER", ubnd.code, ubnd_deputy),
            DemoAccount(f"bithu.{cell.code.lower()}", "CELL_SECRETARY", cell.code, s.first),
            DemoAccount(f"dangvien.{code}.{member:07d}", "MEMBER", cell.code, member),
            DemoAccount(f"congchuc.{code}.{servant:07d}", "MEMBER", civil.cell.code, servant),
        ]


def generate_province_2025(
    *, rng: random.Random, ids: Ids, spec: ProvinceSpec = VINH_LONG, shape: Shape = SHAPES_2025["province"]
) -> ProvinceRows:
    """Plan the merged 2025 province: the tree, leaders and collectives now; the people when ``people()``
    runs (as ``generator.generate_province``)."""
    b = _Builder2025(rng, ids, spec, shape)
    b.build()
    b.plan()
    return ProvinceRows(
        b.orgs, b.collectives, b.memberships, b.leaders, b.statuses, b.disciplines, b.accounts, b
    )


def province_root_code(structure: str) -> str:
    """The code of the root the demo loads for ``structure`` ("2023": Đồng Tháp, "2025": Vĩnh Long)."""
    return VINH_LONG.code if structure == "2025" else DONG_THAP.code
