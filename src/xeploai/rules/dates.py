"""Count months and days the way the rules do (pure date arithmetic, no ``today``).

Six-month boundary (S-04, R-11, R-12, R-25): a period that starts on ``start`` has lasted *full
six months* on ``counted_to`` when ``add_months(start, 6) <= counted_to``. Admitted on
15/04/2023 and counted to 15/10/2023 is exactly six months and counts as full; counted to
14/10/2023 it does not. A start on the 31st falls back to the last day of the target month
(31/08/2023 + 6 months = 29/02/2024).

>>> from datetime import date
>>> has_full_months(date(2023, 4, 15), date(2023, 10, 15), 6)
True
>>> has_full_months(date(2023, 4, 15), date(2023, 10, 14), 6)
False
>>> add_months(date(2023, 8, 31), 6)
datetime.date(2024, 2, 29)
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

__all__ = [
    "add_months",
    "counting_date",
    "days_in_year",
    "has_full_months",
    "latest_start_for",
    "reaches_months",
]


def add_months(start: date, months: int) -> date:
    """Return ``start`` moved by ``months`` calendar months, clamped to the month's last day."""
    index = start.year * 12 + start.month - 1 + months
    year, month0 = divmod(index, 12)
    day = min(start.day, monthrange(year, month0 + 1)[1])
    return date(year, month0 + 1, day)


@lru_cache(maxsize=4096)
def latest_start_for(counted_to: date, months: int) -> date:
    """Return the latest start date that has full ``months`` months on ``counted_to``.

    Cached: a campaign has few distinct counting dates (meeting dates, deadlines), so
    the eligibility of 100,000 people is one date comparison each.
    """
    candidate = add_months(counted_to, -months)
    # add_months clamps, so step forward while a later start still qualifies (at most 3 days).
    while add_months(candidate + timedelta(days=1), months) <= counted_to:
        candidate += timedelta(days=1)
    while add_months(candidate, months) > counted_to:
        candidate -= timedelta(days=1)
    return candidate


def has_full_months(start: date, counted_to: date, months: int) -> bool:
    """Return True when ``start`` .. ``counted_to`` lasts ``months`` full months or more."""
    return start <= latest_start_for(counted_to, months)


def counting_date(meeting_on: date | None, deadline: date | None, reference: date) -> date:
    """Return the date six months are counted to (S-04): the meeting, else the day before the deadline.

    A deadline reads "trước ngày X" (S-10, R-90, R-91): the work must be done *before* X, so the last
    day a meeting can be held, and the fallback counting date, is the day before X.

    >>> counting_date(None, date(2023, 10, 15), date(2023, 12, 31))
    datetime.date(2023, 10, 14)
    """
    if meeting_on is not None:
        return meeting_on
    if deadline is not None:
        return deadline - timedelta(days=1)
    return reference


def reaches_months(days: int, anchor: date, months: int) -> bool:
    """Return True when ``days`` calendar days last ``months`` calendar months counted from ``anchor``.

    "03 tháng" is three calendar months, not 90 days (R-13, R-26): leave from 01/02 to 30/04 (89
    days) is three months; 01/11 to 31/01 needs 92. Several periods are added up and laid end to end
    from the first one's start.

    >>> reaches_months(89, date(2025, 2, 1), 3), reaches_months(88, date(2025, 2, 1), 3)
    (True, False)
    """
    return days > 0 and days >= (add_months(anchor, months) - anchor).days


def days_in_year(periods: Iterable[tuple[date, date | None]], year: int, until: date | None = None) -> int:
    """Return the number of calendar days (both ends included) the periods cover in ``year``.

    An open period (``end is None``) runs to ``until`` (the campaign's reference or counting date),
    else to 31/12: an October review does not count November and December of an open leave. Overlaps
    are not merged; the bridge stores leave periods without overlaps.
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    if until is not None and until < last:
        last = until
    total = 0
    for start, end in periods:
        lo = start if start > first else first
        hi = last if end is None or end > last else end
        if hi >= lo:
            total += (hi - lo).days + 1
    return total
