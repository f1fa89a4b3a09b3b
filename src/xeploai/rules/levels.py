"""Define the four classification levels and the four criterion grades.

``Level`` is ordinal (``Level.GOOD < Level.EXCELLENT``), so a cap is ``min(level, cap)``.

>>> Level.EXCELLENT.label, Level.EXCELLENT.short
('Hoàn thành xuất sắc nhiệm vụ', 'HTXS')
>>> min(Level.EXCELLENT, Level.COMPLETED).short
'HTNV'
"""

from __future__ import annotations

from enum import IntEnum

__all__ = ["Grade", "Level"]


class Level(IntEnum):
    """Order the quality levels: KHTNV (0) < HTNV (1) < HTT (2) < HTXS (3) — R-00a."""

    NOT_COMPLETED = 0
    COMPLETED = 1
    GOOD = 2
    EXCELLENT = 3

    @property
    def label(self) -> str:
        """Return the full Vietnamese name of the level."""
        return _LEVEL_LABELS[self][0]

    @property
    def short(self) -> str:
        """Return the Vietnamese abbreviation (HTXS, HTT, HTNV, KHTNV)."""
        return _LEVEL_LABELS[self][1]

    @property
    def english(self) -> str:
        """Return the English name of the level."""
        return _LEVEL_LABELS[self][2]


class Grade(IntEnum):
    """Order the criterion grades: Kém (0) < Trung bình (1) < Tốt (2) < Xuất sắc (3) — R-00b."""

    POOR = 0
    AVERAGE = 1
    GOOD = 2
    EXCELLENT = 3

    @property
    def label(self) -> str:
        """Return the Vietnamese name of the grade."""
        return _GRADE_LABELS[self][0]

    @property
    def english(self) -> str:
        """Return the English name of the grade."""
        return _GRADE_LABELS[self][1]


_LEVEL_LABELS = {
    Level.NOT_COMPLETED: ("Không hoàn thành nhiệm vụ", "KHTNV", "not completed"),
    Level.COMPLETED: ("Hoàn thành nhiệm vụ", "HTNV", "completed"),
    Level.GOOD: ("Hoàn thành tốt nhiệm vụ", "HTT", "completed well"),
    Level.EXCELLENT: ("Hoàn thành xuất sắc nhiệm vụ", "HTXS", "completed excellently"),
}

_GRADE_LABELS = {
    Grade.POOR: ("Kém", "poor"),
    Grade.AVERAGE: ("Trung bình", "average"),
    Grade.GOOD: ("Tốt", "good"),
    Grade.EXCELLENT: ("Xuất sắc", "excellent"),
}
