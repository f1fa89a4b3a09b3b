"""The core's batch entry points (a province's 100,000 subjects at once) run with the collector paused."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (also a decorator); it is switched back on, if it was on, on exit.

    The batch loops build one small result per subject and create no reference cycles, so reference
    counting frees everything; with the collector on, each allocation burst makes it scan every live
    object of the caller again (figures: docs/performance.md, Rules).
    """
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
