"""Vietnamese names and place names for synthetic demo data (conventions.md §3.5).

Full name = family name (one word: compound family names are left out so ``split_name`` reads every
generated name back as family + middle + given) + middle name (1–2 words, by gender) + given name (by
gender). The family-name weights follow the commonly quoted national shares (Nguyễn ~38 %, Trần ~11 %,
Lê ~9.5 %, Phạm ~7 %, …), with the southern spellings Huỳnh and Võ ahead of Hoàng and Vũ as in the Mekong
delta. Every string is NFC.
"""

from __future__ import annotations

import random
import unicodedata
from itertools import accumulate


def _nfc(items: list[str]) -> tuple[str, ...]:
    return tuple(unicodedata.normalize("NFC", s) for s in items)


# (family name, weight in per mille)
_FAMILY: list[tuple[str, float]] = [
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Huỳnh", 45),
    ("Hoàng", 12),
    ("Phan", 45),
    ("Võ", 40),
    ("Vũ", 10),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Trương", 8),
    ("Đoàn", 5),
    ("Đinh", 4),
    ("Lâm", 4),
    ("Châu", 3),
    ("Mai", 3),
    ("Cao", 3),
    ("Lương", 3),
    ("Tô", 2),
    ("Thái", 2),
    ("Tạ", 2),
    ("Quách", 1),
    ("Lưu", 2),
    ("Trịnh", 2),
    ("Văn", 1),
    ("La", 1),
]
FAMILY_NAMES = _nfc([f for f, _ in _FAMILY])
FAMILY_CUM_WEIGHTS = tuple(accumulate(w for _, w in _FAMILY))

# First middle word by gender (weighted: Văn and Thị dominate), then an optional second word.
_MIDDLE_MALE: list[tuple[str, float]] = [
    ("Văn", 55),
    ("Hữu", 6),
    ("Minh", 7),
    ("Thanh", 6),
    ("Quốc", 5),
    ("Công", 4),
    ("Đức", 3),
    ("Hoàng", 3),
    ("Tấn", 4),
    ("Thành", 3),
    ("Ngọc", 2),
    ("Chí", 2),
    ("Trọng", 2),
    ("Phước", 2),
]
_MIDDLE_FEMALE: list[tuple[str, float]] = [
    ("Thị", 60),
    ("Ngọc", 8),
    ("Thanh", 6),
    ("Kim", 6),
    ("Thúy", 3),
    ("Hồng", 4),
    ("Bích", 3),
    ("Mỹ", 4),
    ("Phương", 2),
    ("Minh", 2),
    ("Hoàng", 2),
]
MIDDLE_MALE = _nfc([m for m, _ in _MIDDLE_MALE])
MIDDLE_MALE_CUM = tuple(accumulate(w for _, w in _MIDDLE_MALE))
MIDDLE_FEMALE = _nfc([m for m, _ in _MIDDLE_FEMALE])
MIDDLE_FEMALE_CUM = tuple(accumulate(w for _, w in _MIDDLE_FEMALE))
SECOND_MIDDLE_MALE = _nfc(["Minh", "Hoàng", "Quốc", "Thanh", "Trung", "Anh", "Bảo", "Gia"])
SECOND_MIDDLE_FEMALE = _nfc(["Kim", "Ngọc", "Mỹ", "Thu", "Hồng", "Bích", "Thanh", "Diễm", "Tuyết"])

GIVEN_MALE = _nfc(
    [
        "Anh",
        "Bình",
        "Cường",
        "Dũng",
        "Đạt",
        "Hải",
        "Hùng",
        "Hưng",
        "Khánh",
        "Long",
        "Minh",
        "Nam",
        "Phong",
        "Phúc",
        "Quang",
        "Sơn",
        "Tài",
        "Tâm",
        "Thắng",
        "Thành",
        "Tiến",
        "Toàn",
        "Trí",
        "Trung",
        "Tuấn",
        "Việt",
        "Vinh",
        "Hòa",
        "Lộc",
        "Nghĩa",
        "Nhân",
        "Phát",
        "Tín",
        "Hiếu",
        "Huy",
        "Khang",
        "Kiệt",
        "Lâm",
        "Luân",
        "Tùng",
        "Bảo",
        "Hậu",
        "Thiện",
        "Đông",
        "Giàu",
        "Sang",
        "Thuận",
        "Lợi",
        "Quý",
        "Hoàng",
        "Duy",
        "Khoa",
        "Nhựt",
        "Thạnh",
        "Tươi",
        "Út",
        "Mến",
        "Của",
        "Chiến",
        "Hiền",
    ]
)
GIVEN_FEMALE = _nfc(
    [
        "Anh",
        "Châu",
        "Diễm",
        "Dung",
        "Hà",
        "Hạnh",
        "Hằng",
        "Hoa",
        "Hồng",
        "Huệ",
        "Hương",
        "Lan",
        "Liên",
        "Linh",
        "Loan",
        "Mai",
        "My",
        "Nga",
        "Ngân",
        "Ngọc",
        "Nhung",
        "Oanh",
        "Phương",
        "Thảo",
        "Thủy",
        "Trang",
        "Trinh",
        "Tuyết",
        "Uyên",
        "Vân",
        "Xuân",
        "Yến",
        "Thúy",
        "Ly",
        "Nhi",
        "Quyên",
        "Hiền",
        "Kiều",
        "Diệu",
        "Thơ",
        "Lệ",
        "Tiên",
        "Trúc",
        "Ánh",
        "Đào",
        "Cúc",
        "Lài",
        "Thắm",
        "Nguyệt",
        "Tuyền",
        "Hạnh",
        "Duyên",
        "Mơ",
        "Phượng",
    ]
)


def person_name(rng: random.Random, female: bool) -> str:
    """Draw a full name: family + middle (1–2 words) + given, for the gender given."""
    family = rng.choices(FAMILY_NAMES, cum_weights=FAMILY_CUM_WEIGHTS)[0]
    if female:
        middle = rng.choices(MIDDLE_FEMALE, cum_weights=MIDDLE_FEMALE_CUM)[0]
        second, given = SECOND_MIDDLE_FEMALE, GIVEN_FEMALE
    else:
        middle = rng.choices(MIDDLE_MALE, cum_weights=MIDDLE_MALE_CUM)[0]
        second, given = SECOND_MIDDLE_MALE, GIVEN_MALE
    if rng.random() < 0.2:
        extra = rng.choice(second)
        if extra != middle:
            middle = f"{middle} {extra}"
    return f"{family} {middle} {rng.choice(given)}"


# Syllables that make up southern place names (ấp, khóm, schools, communes of other provinces).
PLACE_WORDS = _nfc(
    [
        "An",
        "Bình",
        "Hòa",
        "Tân",
        "Phú",
        "Mỹ",
        "Long",
        "Thạnh",
        "Hưng",
        "Lợi",
        "Phước",
        "Thới",
        "Đông",
        "Tây",
        "Trung",
        "Hiệp",
        "Khánh",
        "Thuận",
        "Định",
        "Vĩnh",
        "Hội",
        "Nhơn",
        "Quới",
        "Xuân",
        "Lộc",
        "Thành",
        "Điền",
        "Yên",
        "Hậu",
        "Tiến",
    ]
)


def place_name(rng: random.Random) -> str:
    """A two-syllable place name such as "Tân Hòa" or "Mỹ Thạnh"."""
    a, b = rng.sample(PLACE_WORDS, 2)
    return f"{a} {b}"
