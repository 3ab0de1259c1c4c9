"""The interactive HTML view: graph → model (which nodes, facts, evidence) → layout → page.

``model`` selects what to draw, ``layout`` places it, ``page`` writes the self-contained
HTML (vis-network inlined, data as escaped JSON); ``assets/`` holds the page's template,
styles and script.
"""

from __future__ import annotations

from .layout import layout
from .model import (
    LANGS,
    LARGE_VIEW,
    Selection,
    ViewModel,
    curie,
    labels,
    refuse_large,
    resolve_entity,
    select,
)  # fmt: skip
from .page import VIS_DIR, embed_json, render_html, view_data

__all__ = [
    "LANGS", "LARGE_VIEW", "VIS_DIR", "Selection", "ViewModel", "curie", "embed_json", "labels", "layout",
    "refuse_large", "render_html", "resolve_entity", "select", "view_data",
]  # fmt: skip
