"""Is an uploaded file what its name says? A look at its first bytes (and, for Office files, its parts).

Evidence is downloaded and opened by other officers, so a file named ``.pdf`` must be a PDF, not an
executable or an HTML page renamed. Only the formats evidence may take are known here.
"""

from __future__ import annotations

import zipfile
from typing import IO

SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
# An Office Open XML file is a zip holding its main part under this name.
OFFICE_PARTS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
ZIP_SIGNATURE = b"PK\x03\x04"


def content_matches(file: IO[bytes], suffix: str) -> bool:
    """True if the content of ``file`` is of the type its suffix (".pdf", ".docx", …) names."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if suffix in SIGNATURES:
        return head.startswith(SIGNATURES[suffix])
    if suffix in OFFICE_PARTS:
        if not head.startswith(ZIP_SIGNATURE):
            return False
        try:
            with zipfile.ZipFile(file) as book:
                return OFFICE_PARTS[suffix] in book.NameToInfo
        except zipfile.BadZipFile:
            return False
        finally:
            file.seek(0)
    return False
