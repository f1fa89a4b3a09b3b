"""Batch work over a whole campaign: the cyclic garbage collector paused while it runs."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (also a decorator); it is switched back on, if it was on, on exit.

    A province is millions of small rows and facts with no reference cycle among them, so reference
    counting frees them all; with the collector on, each burst of allocations makes it scan all of them
    again (figures: docs/performance.md, Rules).
    """
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
