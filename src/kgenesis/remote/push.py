"""``kgenesis push``: the built graph into any store that speaks the SPARQL 1.1 Graph Store
HTTP Protocol (Oxigraph, Fuseki, GraphDB, Virtuoso, Amazon Neptune, …)."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import quote

from ..errors import UsageError
from .http import Credentials, check_url, request

log = logging.getLogger(__name__)


def target(store: str, graph: str | None) -> str:
    """The Graph Store URL of ``graph`` (an IRI) at ``store``, or of the default graph."""
    check_url(store)
    join = "&" if "?" in store else "?"
    if graph is None:
        return f"{store}{join}default"
    if ":" not in graph or any(c in graph for c in ' <>"{}|\\^`'):
        raise UsageError(f"--graph {graph}: give an absolute IRI (https://…)")
    return f"{store}{join}graph={quote(graph, safe='')}"


def push(
    store: str,
    path: Path,
    *,
    graph: str | None = None,
    replace: bool = False,
    credentials: Credentials | None = None,
    timeout: float | None = None,
) -> int:
    """Send the Turtle file at ``path``: PUT (``replace``: the graph becomes this one) or POST
    (merged into what the graph holds). Returns the HTTP status the store answered."""
    url = target(store, graph)
    status, _, _ = request(
        "PUT" if replace else "POST",
        url,
        body=path.read_bytes(),
        headers={"Content-Type": "text/turtle; charset=utf-8"},
        credentials=credentials,
        timeout=timeout,
    )
    log.info("pushed %s to %s: %d", path, url, status)
    return status
