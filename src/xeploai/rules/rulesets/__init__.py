"""Register the rulesets: ``get_ruleset(code)`` and ``all_rulesets()`` (R-01: chosen per campaign)."""

from __future__ import annotations

from .base import Ruleset
from .kh181_2023 import KH181_2023
from .qd366_2025 import QD366_2025

__all__ = ["KH181_2023", "QD366_2025", "Ruleset", "all_rulesets", "get_ruleset", "ruleset_for_year"]

_REGISTRY: dict[str, Ruleset] = {rs.code: rs for rs in (KH181_2023, QD366_2025)}


def get_ruleset(code: str) -> Ruleset:
    """Return the ruleset registered under ``code`` (``KeyError`` names the known codes)."""
    try:
        return _REGISTRY[code]
    except KeyError:
        raise KeyError(f"unknown ruleset {code!r}; known: {', '.join(sorted(_REGISTRY))}") from None


def all_rulesets() -> tuple[Ruleset, ...]:
    """Return every registered ruleset, oldest first."""
    return tuple(sorted(_REGISTRY.values(), key=lambda rs: rs.valid_from_year))


def ruleset_for_year(year: int) -> Ruleset | None:
    """Return the newest ruleset covering campaign ``year``, a default the campaign may override."""
    matches = [rs for rs in all_rulesets() if rs.covers(year)]
    return matches[-1] if matches else None
