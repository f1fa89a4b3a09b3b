"""What a runner gives back (``Output``), how it reports progress, and the refusal a user must read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Output:
    filename: str  # the name offered at download; "" for a job that writes no file (its result is in params)
    rows: int  # rows of personal data in the file (the audit event's count)


class JobRefused(Exception):  # noqa: N818 - a refusal, not a programming error
    """The work was refused for a reason the user must read (shown on the job's page as it is)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
