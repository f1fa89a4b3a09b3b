"""import_ratings: levels in any accepted spelling, located Vietnamese errors, nothing written on error."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

HEADER = ["Mã", "Giai đoạn", "Mức xếp loại"]


@pytest.fixture
def campaign(province, run):  # noqa: ARG001
    from xeploai.campaigns.models import Campaign

    run("open_campaign", year=2023, ruleset="kh181-2023")
    return Campaign.objects.get(year=2023)


def _levels(campaign):
    from xeploai.campaigns.models import Rating

    rows = Rating.objects.filter(subject__campaign=campaign).values_list(
        "subject__person__code", "subject__organization__code", "stage", "level"
    )
    return sorted(rows, key=lambda r: (r[0] or "", r[1] or ""))


def test_levels_are_accepted_as_abbreviations_full_names_and_numbers(campaign, run, workbook):
    path = workbook(
        [
            HEADER,
            ["P-SEC-A1", "Đề xuất", "HTT"],
            ["P-MEM-A1", "đề xuất", "Hoàn thành xuất sắc nhiệm vụ"],
            ["P-CSU-A1", "Đề xuất", 1],
            ["P-TEA-B1", "Quyết định", "0"],
            ["T.A.X1.C1", "Đề xuất", "khtnv"],
        ]
    )
    out = run("import_ratings", str(path), year=2023)
    assert "Đã ghi 5 kết quả" in out
    assert _levels(campaign) == [
        (None, "T.A.X1.C1", "PROPOSED", 0),
        ("P-CSU-A1", None, "PROPOSED", 1),
        ("P-MEM-A1", None, "PROPOSED", 3),
        ("P-SEC-A1", None, "PROPOSED", 2),
        ("P-TEA-B1", None, "DECIDED", 0),
    ]


def test_import_stores_the_version_seen_and_findings_and_moves_the_state_version(campaign, workbook):
    from xeploai.campaigns.models import Rating, Subject
    from xeploai.campaigns.rating_import import ratings_import

    result = ratings_import(
        campaign=campaign, path_or_file=workbook([HEADER, ["P-SIC-A1", "Đề xuất", "HTXS"]])
    )
    assert result.ok, result.errors
    rating = Rating.objects.get(subject__person__code="P-SIC-A1")
    assert rating.based_on_version == 1
    subject = Subject.objects.get(pk=rating.subject_id)
    assert (subject.version, subject.state_version) == (1, 2)  # the row moved it; the subject row untouched
    decided = workbook([HEADER, ["P-SIC-A1", "Quyết định", "HTNV"]])  # R-13 caps the sick member at HTNV
    again = ratings_import(campaign=campaign, path_or_file=decided)
    assert again.ok, again.errors
    latest = Rating.objects.filter(subject=subject).latest("pk")
    assert (latest.stage, latest.based_on_version, subject.state_version) == ("DECIDED", 2, 3)
    assert {f["rule_id"] for f in rating.findings} >= {"R-13"}  # findings snapshot at write time


def test_errors_are_all_listed_located_and_nothing_is_written(campaign, run, workbook):
    from django.core.management.base import CommandError

    path = workbook(
        [
            HEADER,
            ["P-SEC-A1", "Đề xuất", "HTT"],  # fine, but not written because of the others
            ["P-MEM-A1", "Đề xuất", "Tốt lắm"],  # bad level
            ["P-NOPE", "Đề xuất", "HTT"],  # unknown code
            ["P-TEA-B1", "Bình xét", "HTT"],  # bad stage
            ["P-EXE-A1", "Đề xuất", "HTT"],  # exempt: not classified (S-03)
            ["P-SEC-A1", "Đề xuất", "HTNV"],  # duplicate of row 2
        ],
        sheet="Ket_qua",
    )
    with pytest.raises(CommandError, match="Tệp có 5 lỗi; chưa ghi kết quả nào") as exc:
        run("import_ratings", str(path), year=2023)
    assert exc.value.returncode == 1
    from xeploai.campaigns.rating_import import ratings_import

    errors = [str(e) for e in ratings_import(campaign=campaign, path_or_file=path).errors]
    assert errors[0].startswith(
        'Ket_qua!C3 (cột "Mức xếp loại", giá trị "Tốt lắm"): Mức xếp loại phải là HTXS'
    )
    assert errors[1].startswith('Ket_qua!A4 (cột "Mã", giá trị "P-NOPE"): Không có đối tượng mã “P-NOPE”')
    assert errors[2].startswith('Ket_qua!B5 (cột "Giai đoạn", giá trị "Bình xét")')
    assert "không thuộc diện xếp loại" in errors[3]
    assert "Được miễn công tác và sinh hoạt đảng" in errors[3]
    assert "đã có ở dòng 2" in errors[4]
    assert _levels(campaign) == []


def test_a_code_with_several_roles_needs_the_subject_type_column(campaign, workbook):
    from xeploai.campaigns.rating_import import ratings_import

    # Phan Văn Xã is a party member and a leader (managed by the district committee).
    result = ratings_import(
        campaign=campaign, path_or_file=workbook([HEADER, ["P-SEC-X1", "Đề xuất", "HTT"]])
    )
    assert not result.ok
    assert "ứng với nhiều đối tượng" in str(result.errors[0])
    header = [*HEADER, "Loại đối tượng"]
    result = ratings_import(
        campaign=campaign, path_or_file=workbook([header, ["P-SEC-X1", "Đề xuất", "HTT", "Lãnh đạo"]])
    )
    assert result.ok, result.errors
    assert _levels(campaign) == [("P-SEC-X1", None, "PROPOSED", 2)]


def test_r_62_a_decided_head_above_the_unit_is_refused_and_nothing_is_written(campaign, workbook):
    from xeploai.campaigns.rating_import import ratings_import

    header = [*HEADER, "Loại đối tượng"]
    path = workbook(
        [
            header,
            ["COL-X1", "Quyết định", "HTNV", ""],
            ["P-SEC-X1", "Quyết định", "HTT", "Cán bộ lãnh đạo, quản lý"],
        ]
    )
    result = ratings_import(campaign=campaign, path_or_file=path)
    (error,) = result.errors
    assert str(error).startswith(
        'Xep_loai!C3 (cột "Mức xếp loại", giá trị "HTT"): Không thể quyết định mức này'
    )
    assert "(R-62)" in str(error)
    assert _levels(campaign) == []
    # The same as a proposal is accepted: proposals are checked, decisions are refused.
    proposed = workbook(
        [header, ["COL-X1", "Đề xuất", "HTNV", ""], ["P-SEC-X1", "Đề xuất", "HTT", "Lãnh đạo"]]
    )
    assert ratings_import(campaign=campaign, path_or_file=proposed).ok


def test_dry_run_writes_nothing(campaign, run, workbook):
    out = run(
        "import_ratings", str(workbook([HEADER, ["P-SEC-A1", "Đề xuất", "HTT"]])), year=2023, dry_run=True
    )
    assert "1 dòng hợp lệ" in out
    assert _levels(campaign) == []


def test_missing_columns_and_unreadable_files_are_reported(campaign, workbook, tmp_path):
    from xeploai.campaigns.rating_import import ratings_import

    result = ratings_import(campaign=campaign, path_or_file=workbook([["Mã", "Mức"], ["P-SEC-A1", "HTT"]]))
    assert "Thiếu cột Giai đoạn" in str(result.errors[0])
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    assert "không đọc được" in str(ratings_import(campaign=campaign, path_or_file=junk).errors[0])
