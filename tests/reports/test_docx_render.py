"""The Word documents as LibreOffice renders them (issue 5 "done when": each opens cleanly in LibreOffice and
looks like the paper form; conventions.md §1.1, §2.2, §2.3).

Every kind is converted to PDF in one headless ``soffice`` call (a private profile, so parallel runs do not
clash), page 1 is rendered to ``artifacts/docx/<name>.png`` for a person to look at, and the layout is
checked from ``pdftotext -bbox-layout`` coordinates (points, origin top left) and a small greyscale
rendering: A4 pages, "ĐẢNG CỘNG SẢN VIỆT NAM" in the right half of the header with the issuer in the
left half at the same height, the type name centred, the signature on the right at the end, nothing
printed in the margins, every Vietnamese letter in the Times New Roman slot's font.

Needs Debian's ``libreoffice-writer-nogui``, ``poppler-utils`` and ``fonts-liberation2`` (``make browser``
installs them); the test fails, it is not skipped, when they are missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

ON = date(2024, 2, 5)
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "docx"
A4_PT = (595.3, 841.9)
MM = 72 / 25.4  # points per millimetre
TOOLS = ("soffice", "pdftotext", "pdftoppm", "pdffonts")
# Fonts that may stand in for Times New Roman (metric-compatible), and the symbol fonts LibreOffice
# takes the ballot boxes ☐ ☒ from. Another serif (DejaVu Serif) means Vietnamese letters were missing.
TEXT_FONTS = re.compile(r"^(LiberationSerif|TimesNewRoman)")
SYMBOL_FONTS = re.compile(r"^(DejaVuSans|OpenSymbol)")


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    lines: list[Line]

    def find(self, text: str) -> Line:
        for line in self.lines:
            if line.text == text:
                return line
        raise AssertionError(f"no line {text!r} on the page: {[ln.text for ln in self.lines]}")


def _pages(pdf: Path) -> list[Page]:
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in etree.fromstring(out).iterfind(".//x:page", ns):
        lines = []
        for line in page.iterfind(".//x:line", ns):
            words = [w.text or "" for w in line.iterfind("x:word", ns)]
            box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            lines.append(Line(" ".join(words), *box))
        pages.append(Page(float(page.get("width")), float(page.get("height")), lines))
    return pages


def _grey(pdf: Path, dpi: int = 20) -> tuple[int, int, bytes]:
    """Page 1 as 8-bit grey pixels (a binary PGM from pdftoppm: no image library needed)."""
    data = subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", "1", "-l", "1", str(pdf)],
                          capture_output=True, check=True).stdout
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    assert match, "pdftoppm did not write a PGM"
    width, height = int(match[1]), int(match[2])
    return width, height, data[match.end():match.end() + width * height]


def _dark_share(pixels: tuple[int, int, bytes], x0_mm: float, y0_mm: float, x1_mm: float,
                y1_mm: float) -> float:
    """The share of dark pixels in a rectangle given in millimetres from the top left of the page."""
    width, height, data = pixels
    sx, sy = width / 210, height / 297
    cols = range(int(x0_mm * sx), min(width, int(x1_mm * sx)))
    rows = range(int(y0_mm * sy), min(height, int(y1_mm * sy)))
    dark = sum(1 for y in rows for x in cols if data[y * width + x] < 160)
    return dark / max(1, len(cols) * len(rows))


@pytest.fixture
def documents(province_campaign, tmp_path) -> dict[str, bytes]:
    from xeploai.campaigns.models import Subject
    from xeploai.reports import docx

    p = province_campaign

    def forms(suffix: str) -> dict[str, bytes]:
        collective = Subject.objects.select_related("campaign").get(campaign=p.campaign,
                                                                     collective=p.cell_committee)
        subjects = list(Subject.objects.filter(campaign=p.campaign, person=p.secretary_a1)
                        .select_related("unit", "campaign"))
        return {
            f"bao-cao-tap-the{suffix}": docx.collective_report(subject=collective, on=ON),
            f"ban-kiem-diem{suffix}": docx.self_review(
                person=p.secretary_a1, subjects=subjects,
                levels=docx.subject_levels([s.pk for s in subjects]),
                memberships=list(p.secretary_a1.memberships.select_related("collective")),
                collectives=[("Chi ủy Chi bộ ấp 1", 2)], on=ON,
            ),
        }

    documents = {
        "bao-cao-tong-hop": docx.summary_report(campaign=p.campaign, root=p.district_a, on=ON),
        "danh-sach-xep-loai": docx.decided_list(campaign=p.campaign, root=p.province, on=ON),
        **forms(""),
    }
    p.campaign.ruleset, p.campaign.year = "qd366-2025", 2025  # the HD43 forms, Mẫu 01 and 2A
    p.campaign.save()
    return {**documents, **forms("-hd43")}


# What each kind shows: (issuer in the header's left column, type name, the last signature line on the right,
# whether "Nơi nhận:" sits left of it).
EXPECTED = {
    "bao-cao-tong-hop": ("HUYỆN ỦY A", "BÁO CÁO", "T/M BAN THƯỜNG VỤ", True),
    "danh-sach-xep-loai": ("TỈNH ỦY THỬ NGHIỆM", "DANH SÁCH", "T/M BAN THƯỜNG VỤ", False),
    "bao-cao-tap-the": ("CHI BỘ ẤP 1", "BÁO CÁO", "T/M CHI ỦY", True),
    "ban-kiem-diem": ("CHI BỘ ẤP 1", "BẢN KIỂM ĐIỂM CÁ NHÂN", "T/M ĐẢNG ỦY (CHI ỦY)", False),
    "bao-cao-tap-the-hd43": ("CHI BỘ ẤP 1", "BÁO CÁO", "T/M CHI ỦY", True),
    "ban-kiem-diem-hd43": (
        "CHI BỘ ẤP 1", "BẢN KIỂM ĐIỂM, TỰ ĐÁNH GIÁ, XẾP LOẠI", "T/M ĐẢNG ỦY (CHI ỦY)", False
    ),
}


@pytest.mark.slow
@pytest.mark.django_db
def test_every_kind_opens_in_libreoffice_and_looks_like_the_party_form(documents, tmp_path):
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: run `make browser` "
                    "(apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation2)")
    for name, data in documents.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
    out = tmp_path / "pdf"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out), *sorted(str(p) for p in tmp_path.glob("*.docx"))],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, (issuer, type_name, signature, recipients) in EXPECTED.items():
        pdf = out / f"{name}.pdf"
        assert pdf.exists(), f"LibreOffice did not convert {name}.docx: {result.stdout} {result.stderr}"
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(ARTIFACTS / name)], check=True)
        pages = _pages(pdf)
        assert pages, name
        for page in pages:  # A4 portrait
            assert (round(page.width, 1), round(page.height, 1)) == A4_PT, name
        first, last = pages[0], pages[-1]
        middle = first.width / 2
        # The header: the party's name right, the issuer left, on the same band at the top.
        title = first.find("ĐẢNG CỘNG SẢN VIỆT NAM")
        assert title.x0 > middle, (name, title)
        assert title.y0 < 45 * MM, (name, title)
        left = first.find(issuer)
        assert left.x1 < middle, (name, left)
        assert abs(left.y0 - title.y0) < 25, (name, left, title)
        date_line = next(ln for ln in first.lines if "ngày 05 tháng 02 năm 2024" in ln.text)
        assert date_line.x0 > middle, (name, date_line)
        assert date_line.y0 > title.y1, (name, date_line)
        # The type name, centred on the text area (30 mm left margin, 15 mm right), under the header.
        heading = first.find(type_name)
        centre = (30 * MM + first.width - 15 * MM) / 2
        assert abs((heading.x0 + heading.x1) / 2 - centre) < 12, (name, heading)
        assert heading.y0 > date_line.y1, (name, heading)
        # The signature block on the right; nothing of the body follows it.
        sign = last.find(signature)
        assert sign.x0 > middle, (name, sign)
        assert not [ln for ln in last.lines if ln.y0 > sign.y1 and ln.x1 < middle and not (
            ln.text.startswith("- ") or ln.text == "Nơi nhận:")], name
        if recipients:
            received = last.find("Nơi nhận:")
            assert received.x1 < middle, (name, received)
            assert abs(received.y0 - sign.y0) < 5, (name, received, sign)
        # Every line inside the margins (left 30 mm, right 15 mm, top and bottom 20 mm; the page number
        # sits in the top margin from page 2).
        for page in pages:
            for ln in page.lines:
                assert ln.x0 >= 30 * MM - 2, (name, ln)
                assert ln.x1 <= page.width - 15 * MM + 2, (name, ln)
                assert ln.y1 <= page.height - 20 * MM + 2, (name, ln)
        # The picture: mostly white paper, ink in both header columns, blank margins.
        pixels = _grey(pdf)
        assert _dark_share(pixels, 0, 0, 210, 297) < 0.15, name
        assert _dark_share(pixels, 30, 18, 105, 40) > 0.02, f"{name}: nothing printed top left"
        assert _dark_share(pixels, 105, 18, 195, 40) > 0.02, f"{name}: nothing printed top right"
        assert _dark_share(pixels, 0, 0, 26, 297) == 0, f"{name}: ink in the left margin"
        assert _dark_share(pixels, 197, 0, 210, 297) == 0, f"{name}: ink in the right margin"
        # Vietnamese letters all come from the Times New Roman slot's font (no serif fallback).
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        names = [row.split()[0].split("+", 1)[-1] for row in fonts.splitlines()[2:] if row.strip()]
        assert names, name
        strays = [f for f in names if not (TEXT_FONTS.match(f) or SYMBOL_FONTS.match(f))]
        assert not strays, f"{name}: fonts {names}; fonts-liberation2 needed (1.07 lacks Vietnamese letters)"
