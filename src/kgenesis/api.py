"""The Python API for notebooks and scripts: ``kgenesis.load()`` and ``kgenesis.query()``.

    >>> import kgenesis
    >>> for row in kgenesis.query("labels"):          # a saved query, inline SPARQL or a .rq path
    ...     print(row["entity"], row["ko"])
    >>> kgenesis.query("classes").to_dataframe()      # needs pandas

Rows are dicts of Python values: IRIs as ``str``, literals via ``Literal.toPython()``
(``xsd:integer`` -> int, ``xsd:date`` -> date, tagged strings -> str), unbound -> None;
``result.terms`` keeps the rdflib terms (URIRef, Literal with its language) for each row.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .querying import DEFAULT_TIMEOUT, QueryResult, execute, load_built, load_data, resolve

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["QueryResult", "load", "query"]


def load(root: str | Path | None = None) -> Graph:
    """The built graph (``outputs/graph.ttl`` of the project at ``root``, default: cwd)."""
    return load_built(root)


def query(
    sparql: str,
    *,
    graph: Graph | None = None,
    data: Sequence[str | Path] | None = None,
    root: str | Path | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> QueryResult:
    """Run SPARQL (text, ``.rq`` path or saved name) on ``graph``, ``data`` files or the built graph.

    The CLI's safety rules apply: SERVICE, LOAD, FROM and updates raise UnsafeQueryError.
    """
    _, text = resolve(sparql)
    if graph is None:
        graph = load_data(list(data)) if data else load_built(root)
    return execute(graph, text, timeout=timeout)
