"""The query page of ``kgenesis serve`` and the graph views it links to.

The page (``assets/index.html``, ``query.js``, ``query.css``) runs YASGUI, vendored in
``assets/yasgui/`` with its licence, so nothing is fetched from elsewhere: YASGUI's prefix
look-ups and its CORS proxy are off, and autocompletion offers the graph's own classes,
properties and prefixes. The saved queries are its examples. A CONSTRUCT result is also
drawn by the kgenesis view (``/view?query=…``), and the whole graph's view is ``/view``.
"""

from __future__ import annotations

import threading
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..errors import UsageError

if TYPE_CHECKING:
    from .answer import ServedGraph

#: The files ``/assets/`` serves, and their media types: nothing else is reachable.
ASSETS = {
    "query.js": "text/javascript; charset=utf-8",
    "query.css": "text/css; charset=utf-8",
    "yasgui/yasgui.min.js": "text/javascript; charset=utf-8",
    "yasgui/yasgui.min.css": "text/css; charset=utf-8",
    "yasgui/LICENSE": "text/plain; charset=utf-8",
    "yasgui/SOURCE.md": "text/markdown; charset=utf-8",
}


def asset(name: str) -> tuple[bytes, str] | None:
    """The bytes and media type of one of ``ASSETS``, else None."""
    media = ASSETS.get(name)
    if media is None:
        return None
    return resources.files("kgenesis.serve").joinpath(
        "assets", *name.split("/")
    ).read_bytes(), media


_TERMS = """SELECT DISTINCT ?term ?kind WHERE {
  { ?s a ?term . BIND("class" AS ?kind) } UNION { ?s ?term ?o . BIND("property" AS ?kind) }
  FILTER(isIRI(?term))
}"""


def page_data(served: ServedGraph) -> dict[str, Any]:
    """What the page needs: the saved queries (with the prefixes they use declared), the
    prefixes, and the graph's classes and properties for autocompletion."""
    from ..prefixes import PREFIX_IRIS, declare_prefixes, shorten
    from ..sparql.engine import saved_queries

    examples = [
        {
            "name": q.name,
            "title": q.title,
            "description": q.description,
            "query": declare_prefixes(q.text),
        }
        for q in saved_queries().values()
    ]
    classes: set[str] = set()
    properties: set[str] = set()
    for term, kind in served.select(_TERMS):
        (classes if kind == "class" else properties).add(shorten(term))
    return {
        "endpoint": "sparql",
        "about": served.public,
        "examples": examples,
        "prefixes": dict(sorted(PREFIX_IRIS.items())),
        "classes": sorted(classes),
        "properties": sorted(properties),
    }


def render(served: ServedGraph) -> bytes:
    """The query page, with its data inline as escaped JSON."""
    from ..view.html import embed_json

    template = resources.files("kgenesis.serve").joinpath("assets", "index.html")
    html = template.read_text("utf-8").replace("{{DATA}}", embed_json(page_data(served)))
    return html.encode("utf-8")


class Views:
    """The kgenesis view of the whole graph (made once, on first request) or of a CONSTRUCT
    query's result, each made in a limited worker as a query is."""

    def __init__(self, served: ServedGraph) -> None:
        self.served = served
        self._whole: str | None = None
        self._lock = threading.Lock()

    def whole(self) -> str:
        with self._lock:
            if self._whole is None:
                self._whole = self.served.run(_whole_view)
            return self._whole

    def construct(self, text: str) -> str:
        return str(self.served.run(lambda graph: _construct_view(graph, text)))


def _whole_view(graph: Any) -> str:
    from .. import view

    selection = view.select(graph)  # held to the cap kgenesis view applies without --force
    view.refuse_large(selection, "draw a part with a CONSTRUCT query on the query page")
    return view.render_html(
        graph, title="kgenesis", selection=selection, overview=True, generated_by="kgenesis serve"
    )


def _construct_view(graph: Any, text: str) -> str:
    """In a worker: the view of what a CONSTRUCT query gives, drawn on the served graph."""
    from .. import view
    from ..sparql.engine import execute, prepare

    result = execute(graph, prepare(text), timeout=None)
    if result.kind != "CONSTRUCT":
        raise UsageError(f"the graph view draws CONSTRUCT results; this is a {result.kind} query")
    selection = view.select(graph, construct=result.graph)
    view.refuse_large(selection, "narrow the query")
    return view.render_html(
        graph, title="kgenesis — CONSTRUCT", selection=selection, generated_by="kgenesis serve"
    )
