"""The interactive HTML view: graph → model (which nodes, facts, evidence) → layout → page.

``model`` selects what to draw, ``layout`` places it, ``page`` writes the self-contained
HTML (``html``: vis-network inlined, data as escaped JSON); ``assets/`` holds the page's
template, styles and script. A graph too large to draw is counted (``census``) and drawn
as a summary (``summary``).

The names below are imported when first used: the summary of a large graph reads only
``census``, ``summary``, ``html`` and ``style``, and never imports rdflib.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# imported now (light): once its module is imported, ``view.layout`` must stay the function
from .layout import layout

if TYPE_CHECKING:
    from .census import LARGE_VIEW
    from .html import VIS_DIR, embed_json
    from .model import (
        LANGS,
        Selection,
        ViewModel,
        curie,
        labels,
        refuse_large,
        resolve_entity,
        select,
    )  # fmt: skip
    from .page import render_html, view_data

_WHERE = {
    "LARGE_VIEW": "census", "VIS_DIR": "html", "embed_json": "html",
    "LANGS": "model", "Selection": "model", "ViewModel": "model", "curie": "model",
    "labels": "model", "refuse_large": "model", "resolve_entity": "model", "select": "model",
    "render_html": "page", "view_data": "page",
}  # fmt: skip

__all__ = [
    "LANGS", "LARGE_VIEW", "VIS_DIR", "Selection", "ViewModel", "curie", "embed_json", "labels",
    "layout", "refuse_large", "render_html", "resolve_entity", "select", "view_data",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
