"""Date formats of the English screens: the same dd/mm/yyyy as the Vietnamese ones (conventions.md §3.4)."""

from xeploai.formats.vi.formats import (  # noqa: F401 - Django reads these names from this module
    DATE_FORMAT,
    DATE_INPUT_FORMATS,
    DATETIME_FORMAT,
    DATETIME_INPUT_FORMATS,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
)
