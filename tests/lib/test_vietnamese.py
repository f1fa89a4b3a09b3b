"""Vietnamese text helpers: search folding, name splitting, the Vietnamese name order (conventions §3.5)."""

from __future__ import annotations

import unicodedata

import pytest

from xeploai.lib.vietnamese import clean, fold, name_sort_key, sort_key, split_name


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đặng Văn Ân", "dang van an"),
        ("ĐẶNG VĂN ÂN", "dang van an"),
        ("  Nguyễn   Thị  Minh Khai ", "nguyen thi minh khai"),
        ("Trương Quỳnh Hương", "truong quynh huong"),
        ("Ủy ban nhân dân xã Mỹ Đông", "uy ban nhan dan xa my dong"),
        ("Chi bộ ấp Hòa Định", "chi bo ap hoa dinh"),
    ],
)
def test_fold_removes_diacritics_case_and_maps_d_stroke(text, folded):
    assert fold(text) == folded


def test_fold_accepts_decomposed_input():
    """Text pasted from some systems arrives in NFD (base letter + combining marks)."""
    nfd = unicodedata.normalize("NFD", "Đặng Văn Ân")
    assert nfd != "Đặng Văn Ân"
    assert fold(nfd) == "dang van an"
    assert fold(unicodedata.normalize("NFD", "Hoà")) == fold("Hòa") == "hoa"  # tone mark placement


def test_clean_makes_nfc_single_spaced():
    assert clean(unicodedata.normalize("NFD", " Lê  Thị\tCúc ")) == "Lê Thị Cúc"
    assert clean(None) == ""


@pytest.mark.parametrize(
    ("full", "parts"),
    [
        ("Nguyễn Thị Minh Khai", ("Nguyễn", "Thị Minh", "Khai")),
        ("Lê Lợi", ("Lê", "", "Lợi")),
        ("Sơn", ("", "", "Sơn")),
        ("  trần   văn  bình ", ("trần", "văn", "bình")),
    ],
)
def test_split_name_family_middle_given(full, parts):
    assert split_name(full) == parts


def test_tones_sort_ngang_huyen_hoi_nga_sac_nang():
    syllables = ["Hạ", "Há", "Hã", "Hả", "Hà", "Ha"]
    assert sorted(syllables, key=sort_key) == ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ"]


def test_letters_sort_a_a_breve_a_circumflex_and_d_before_d_stroke():
    assert sorted(["Âu", "Ăn", "An"], key=sort_key) == ["An", "Ăn", "Âu"]
    assert sorted(["Đào", "Dương", "Duy"], key=sort_key) == ["Duy", "Dương", "Đào"]
    assert sorted(["Ưng", "Ung", "Ông", "Ong", "Ơn"], key=sort_key) == ["Ong", "Ông", "Ơn", "Ung", "Ưng"]


# Real names in the order a danh sách đảng viên lists them: given name first, then middle, then family;
# a letter difference (a < â, d < đ) outweighs a tone difference later in the word.
EXPECTED_ORDER = [
    "Nguyễn Văn An",
    "Lê Thị Anh",
    "Nguyễn Thị Ánh",
    "Trần Thị Ân",
    "Lê Bình",
    "Đỗ Thị Bình",
    "Nguyễn Văn Bình",
    "Trần Văn Bình",
    "Phạm Thị Dung",
    "Lê Văn Dũng",
    "Võ Văn Đạt",
    "Hồ Thị Hà",
    "Nguyễn Thị Hạ",
    "Phan Văn Hùng",
    "Bùi Văn Hưng",
]


def test_names_sort_by_given_then_middle_then_family():
    shuffled = EXPECTED_ORDER[::2] + EXPECTED_ORDER[1::2][::-1]
    assert sorted(shuffled, key=name_sort_key) == EXPECTED_ORDER


def test_name_sort_key_is_hex_text_comparable_as_bytes():
    key = name_sort_key("Đặng Văn Ân")
    assert all(c in "0123456789abcdef" for c in key)
    # A shorter given name that is a prefix of a longer one sorts first.
    assert name_sort_key("Trần An") < name_sort_key("Trần Anh")
