"""kgenesis: an evidence-backed knowledge graph of Korea's national strategic technology policy."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
