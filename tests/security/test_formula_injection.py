"""Outputs are data, never formulas: names a spreadsheet would run come out as text in every writer.

The statistics workbook and CSV (``stats``, the report pages), the ``subjects`` and ``check_ratings``
CSVs and the registry export, with organization names, person names and codes that start with "=",
"+", "-" or "@".
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from django.core.management import call_command

HYPERLINK = '=HYPERLINK("http://x","y")'
NAMES = [HYPERLINK, "+1", "-1", "@SUM(A1)"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def hostile_names(personas):
    """Hostile names on the units the tables list and on the people the campaign reviews."""
    from xeploai.campaigns.models import Campaign

    P = personas
    for org, name in ((P.district_a, HYPERLINK), (P.district_b, "@SUM(A1)"), (P.province, "+1")):
        org.name = name
        org.save(update_fields=["name"])
    for person, name in ((P.member_a1, HYPERLINK), (P.member_a2, "-1"), (P.teacher_b1, "@SUM(A1)")):
        person.full_name = name
        person.save(update_fields=["full_name"])
    P.secretary_a1.code = "+1"
    P.secretary_a1.save(update_fields=["code"])
    call_command("open_campaign", year=2023, ruleset="kh181-2023", stdout=io.StringIO())
    P.campaign = Campaign.objects.get(year=2023)
    return P


def _run(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **kwargs)
    return out.getvalue()


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_neutral(cells: list[str], expected: list[str]) -> None:
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
    for name in expected:
        assert "'" + name in cells


def _xlsx_parts(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as book:
        return {
            n: book.read(n).decode() for n in book.namelist() if n.startswith("xl/") and n.endswith(".xml")
        }


def _assert_text_not_formula(path, expected: list[str]) -> None:
    parts = _xlsx_parts(path)
    sheets = "".join(v for k, v in parts.items() if k.startswith("xl/worksheets/"))
    assert not re.search(r"<f[ >]", sheets)  # no formula cell at all
    assert "<hyperlink" not in sheets
    text = sheets + parts.get("xl/sharedStrings.xml", "")
    for name in expected:
        assert name.replace('"', "&quot;") in text or name in text


def test_csv_cells_that_start_like_a_formula_get_an_apostrophe():
    from xeploai.lib.spreadsheet import csv_cell

    for value in [*NAMES, "\tx", "\rx"]:
        assert csv_cell(value) == "'" + value
    assert csv_cell("Nguyễn Văn An") == "Nguyễn Văn An"
    assert csv_cell(-1) == -1  # a number stays a number


@pytest.mark.django_db
def test_stats_csv_neutralizes_unit_names(hostile_names):
    _assert_neutral(_cells(_run("stats", year=2023, org="T", format="csv")), [HYPERLINK, "@SUM(A1)"])


@pytest.mark.django_db
def test_stats_xlsx_writes_names_as_text(hostile_names, tmp_path):
    path = tmp_path / "bieu.xlsx"
    _run("stats", year=2023, org="T", format="xlsx", output=str(path))
    _assert_text_not_formula(path, [HYPERLINK, "@SUM(A1)", "+1"])


@pytest.mark.django_db
def test_subjects_csv_neutralizes_names_and_codes(hostile_names):
    cells = _cells(_run("subjects", year=2023, format="csv"))
    _assert_neutral(cells, [HYPERLINK, "-1", "@SUM(A1)", "+1"])


@pytest.mark.django_db
def test_check_ratings_csv_neutralizes_codes(hostile_names):
    from xeploai.campaigns.models import Rating, Subject

    subject = Subject.objects.get(campaign=hostile_names.campaign, person=hostile_names.secretary_a1,
                                  subject_type="PARTY_MEMBER")  # fmt: skip
    Rating.objects.create(subject=subject, stage="DECIDED", level=2, based_on_version=subject.version)
    _assert_neutral(_cells(_run("check_ratings", year=2023, format="csv")), ["+1"])


@pytest.mark.django_db
def test_report_pages_downloads_write_names_as_text(hostile_names, tmp_path):
    from xeploai.reports.exports import organization_issuer, write_csv
    from xeploai.reports.selectors import campaign_statistics
    from xeploai.reports.xlsx import statistics_xlsx

    stats = campaign_statistics(campaign=hostile_names.campaign, root=hostile_names.province)
    out = io.StringIO()
    write_csv(stats, out)
    _assert_neutral(_cells(out.getvalue()), [HYPERLINK, "@SUM(A1)"])
    path = tmp_path / "tai-ve.xlsx"
    path.write_bytes(statistics_xlsx(stats, issuer=organization_issuer(hostile_names.province)))
    _assert_text_not_formula(path, [HYPERLINK, "@SUM(A1)"])


@pytest.mark.django_db
def test_registry_export_writes_names_and_codes_as_text(hostile_names, tmp_path):
    from xeploai.registry.workbook import export_workbook

    path = tmp_path / "xuat.xlsx"
    export_workbook(path=path)
    _assert_text_not_formula(path, [HYPERLINK, "-1", "@SUM(A1)", "+1"])
