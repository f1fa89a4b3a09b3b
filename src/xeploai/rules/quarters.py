"""How a year reads its quarters (R-100, R-91): the quarters' results of one subject and what the year makes
of them. Pure: the bridge passes each quarter's decided level and points, the core returns the reading.

- R-100 (QĐ366, SOURCED summary): evaluation by year and by quarter, "the year's classification builds on
  the quarters". How it builds on them is not written in the texts regulations.md quotes.
- R-91 (ND335 Art. 21, công chức from 2026): a công chức absent at rating time is rated on "the total
  monitored scores for time actually worked" — the year's score reads the quarters' scores.

The reading: the year's reference score is the mean of the scores of the quarters that have one (a quarter
without a score — not worked, not yet scored — is left out, as R-91 counts the time actually worked); its
band (the ruleset's 100-point bands, R-58 / R-59) is the highest level the quarters support. The mean is
this project's reading of "builds on" / "total monitored scores" — a number to be confirmed — so the check
sits behind the ruleset switch ``quarters_in_year`` as the RECALLED rules do: "off" shows the reading only,
"warn" flags a year's level above the band (the decision stands), "enforce" caps the year at the band.

>>> from xeploai.rules import QD366_2025
>>> r = read_quarters(QD366_2025, (QuarterResult(1, Level.GOOD, 92.0), QuarterResult(2, Level.GOOD, 80.0)))
>>> r.mean_score, r.band.short
(86.0, 'HTT')
>>> [f.code for f in check_year(QD366_2025, Level.EXCELLENT, r)]
['flag.quarters']
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from .findings import Finding
from .levels import Level
from .rulesets.base import Ruleset

__all__ = ["QUARTERS", "QuarterResult", "YearReading", "check_year", "read_quarters"]

QUARTERS = (1, 2, 3, 4)


@dataclass(frozen=True, slots=True)
class QuarterResult:
    """One quarter of a subject: its decided level (None: not decided) and its points (None: none)."""

    quarter: int
    level: Level | None = None
    score: float | None = None


@dataclass(frozen=True, slots=True)
class YearReading:
    """What the year makes of its quarters (R-100, R-91).

    ``quarters``: the quarters the subject was in, by quarter; ``mean_score``: the mean of the scores given
    (None without any); ``band``: the level that mean reaches; ``lowest``: the lowest decided quarter
    level; ``rule_id``: R-91 for a công chức scored under ND335, else R-100; ``switch``: the ruleset's.
    """

    quarters: tuple[QuarterResult, ...]
    mean_score: float | None
    band: Level | None
    lowest: Level | None
    rule_id: str
    switch: str

    @property
    def scored(self) -> tuple[QuarterResult, ...]:
        return tuple(q for q in self.quarters if q.score is not None)


def _round(value: float) -> float:
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def read_quarters(
    ruleset: Ruleset, quarters: tuple[QuarterResult, ...], *, scored_by_tasks: bool = False
) -> YearReading:
    """Read a subject's quarters for the year (R-100; R-91 with ``scored_by_tasks``: a công chức, ND335)."""
    for q in quarters:
        if q.quarter not in QUARTERS:
            raise ValueError(f"quarter must be 1..4, not {q.quarter}")
    ordered = tuple(sorted(quarters, key=lambda q: q.quarter))
    scores = [q.score for q in ordered if q.score is not None]
    mean = _round(sum(scores) / len(scores)) if scores else None
    levels = [q.level for q in ordered if q.level is not None]
    return YearReading(
        quarters=ordered,
        mean_score=mean,
        band=None if mean is None else ruleset.score_level(mean),
        lowest=min(levels) if levels else None,
        rule_id="R-91" if scored_by_tasks else "R-100",
        switch=ruleset.quarters_in_year,
    )


def check_year(ruleset: Ruleset, level: Level, reading: YearReading) -> tuple[Finding, ...]:
    """Flag (``warn``) or refuse (``enforce``) a year's ``level`` above the band of its quarters' mean.

    Nothing with the switch "off", without a scored quarter, or at or below the band (R-100, R-91).
    """
    if ruleset.quarters_in_year == "off" or reading.band is None or level <= reading.band:
        return ()
    params = MappingProxyType(
        {
            "level": level,
            "band": reading.band,
            "mean": f"{reading.mean_score:.2f}".rstrip("0").rstrip(".").replace(".", ","),
            "quarters": len(reading.scored),
            "unconfirmed": True,
        }
    )
    return (Finding(reading.rule_id, "flag.quarters", params, ruleset.quarters_in_year == "enforce"),)
