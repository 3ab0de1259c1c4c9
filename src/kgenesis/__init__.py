"""kgenesis: an evidence-backed knowledge graph of Korea's national strategic technology policy."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "load", "query"]


def __getattr__(name: str) -> Any:
    """Import the query API only when ``kgenesis.load`` or ``kgenesis.query`` is first used."""
    if name in ("load", "query"):
        from . import api

        value = getattr(api, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
