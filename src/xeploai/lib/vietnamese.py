"""Vietnamese text: normalization, diacritic-free search folding, names and collation.

- Everything stored is NFC with single spaces (``clean``).
- Search folds to lower-case ASCII with đ → d (``fold``): plain NFD stripping misses đ.
- Names sort the Vietnamese way: by given name, then middle, then family name, each by the ICU ``vi``
  collation (a < ă < â, d < đ, tones ngang < huyền < hỏi < ngã < sắc < nặng).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import icu

_COMBINING_STRIP = {c: None for c in range(0x300, 0x370)}
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def clean(value: object) -> str:
    """Return ``value`` as NFC text with stray and repeated spaces removed."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return " ".join(text.split())


def fold(value: str) -> str:
    """Fold text for search: lower case, no diacritics, đ → d ("Đặng Văn Ân" → "dang van an")."""
    text = unicodedata.normalize("NFD", value.translate(_FOLD_EXTRA))
    return " ".join(text.translate(_COMBINING_STRIP).lower().split())


def split_name(full_name: str) -> tuple[str, str, str]:
    """Split a full name into (family, middle, given).

    "Nguyễn Thị Minh Khai" → ("Nguyễn", "Thị Minh", "Khai").
    """
    parts = clean(full_name).split(" ")
    if len(parts) == 1:
        return "", "", parts[0]
    return parts[0], " ".join(parts[1:-1]), parts[-1]


@lru_cache(maxsize=1)
def _collator() -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale("vi"))


def sort_key(text: str) -> bytes:
    """Return the ICU ``vi`` sort key of ``text`` (compare keys with plain byte order)."""
    return bytes(_collator().getSortKey(clean(text)))


def name_sort_key(full_name: str) -> str:
    """Return a hex sort key: given name, then middle, then family, each by the ``vi`` collation.

    The key is hex text, so a binary ("C") collated column orders people correctly in SQL.
    Each part's key drops its terminating NUL and the parts are joined by one NUL, so a shorter
    given name that is a prefix of a longer one sorts first.
    """
    family, middle, given = split_name(full_name)
    key = b"\x00".join(sort_key(part).rstrip(b"\x00") for part in (given, middle, family))
    return key.hex()
