"""Shared by the campaign commands: dates, the campaign of a year, errors, CSV output."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, TextIO

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from xeploai.campaigns.models import Campaign
from xeploai.campaigns.selectors import campaign_for_year
from xeploai.lib.spreadsheet import csv_writer


def parse_date(value: str, *, option: str) -> date:
    """Read DD/MM/YYYY (the format users write), or YYYY-MM-DD."""
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date, no time zone
        except ValueError:
            continue
    raise CommandError(
        _("%(option)s: “%(value)s” không phải là ngày hợp lệ (ghi ngày/tháng/năm, ví dụ 15/10/2023).")
        % {"option": option, "value": value}
    )


def get_campaign(*, year: int, root: str | None = None, quarter: int | None = None) -> Campaign:
    try:
        return campaign_for_year(year=year, root_code=root, quarter=quarter)
    except ValidationError as exc:
        raise CommandError(" ".join(exc.messages)) from exc


def add_quarter_argument(parser: CommandParser) -> None:
    """``--quarter N``: the campaign of quarter N (1 to 4) of the year instead of the year's (R-100)."""
    parser.add_argument(
        "--quarter", type=int, choices=(1, 2, 3, 4), help=_("Quý (1 đến 4); bỏ trống: đợt cả năm.")
    )


def error_text(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


def write_csv(out: TextIO, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write a header line and the rows as CSV (the machine-readable ``--format csv``)."""
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
