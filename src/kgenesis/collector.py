"""Python's cycle collector paused while a pass over a large graph builds its containers.

A pass over 10^5–10^6 triples makes millions of tuples, dictionaries and sets; each of the
collector's rounds walks them all again (a third of the view's census, 2 s of a 10^6-triple
``rank``) and finds no cycle in them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused(*, freeze: bool = False) -> Iterator[None]:
    """The collector off inside the block, back on after (if it was on). ``freeze``: what
    the block built is also kept out of later rounds (``gc.freeze``), for an index that
    lives until the process ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
    if freeze:
        gc.freeze()
