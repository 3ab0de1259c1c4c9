"""The Python API for notebooks and scripts: ``kgenesis.load()`` and ``kgenesis.query()``.

    >>> import kgenesis
    >>> for row in kgenesis.query("labels"):          # a saved query, inline SPARQL or a .rq path
    ...     print(row["entity"], row["ko"])
    >>> kgenesis.query("classes").to_dataframe()      # needs pandas

Rows are dicts of Python values: IRIs as ``str``, literals via ``Literal.toPython()``
(``xsd:integer`` -> int, ``xsd:date`` -> date, tagged strings -> str), blank nodes as
``"_:id"``, unbound -> None. A literal for which ``toPython()`` has no Python value (it gives
back the Literal itself) comes back as its lexical string instead: ``xsd:gYear``,
``xsd:gYearMonth``, ``xsd:gMonthDay``, ``xsd:gDay`` and ``xsd:gMonth`` (``"2030"^^xsd:gYear``
-> ``"2030"``), datatypes rdflib does not know, and ill-typed literals (``"x"^^xsd:integer``
-> ``"x"``). Durations do convert (``xsd:dayTimeDuration`` -> ``timedelta``; ``xsd:duration``
-> rdflib's ``Duration``). ``result.terms`` keeps the rdflib terms (URIRef, Literal with its
datatype and language) for each row.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from .graph.built import load_built
from .sparql.engine import QueryResult, execute, load_data, prepare, resolve
from .timelimit import check_timeout

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["QueryResult", "load", "query"]


def load(root: str | Path | None = None) -> Graph:
    """The built graph (``outputs/graph.ttl`` of the project at ``root``, default: cwd)."""
    return load_built(root)


def query(
    sparql: str | PathLike[str],
    *,
    graph: Graph | None = None,
    data: str | Path | Sequence[str | Path] | None = None,
    root: str | Path | None = None,
    timeout: float | None = None,
) -> QueryResult:
    """Run SPARQL (text, ``.rq`` path or saved name) on ``graph``, ``data`` files or the built graph.

    The CLI's rules apply: SERVICE, LOAD, FROM and updates raise UnsafeQueryError; a syntax
    error or an empty query raises QuerySyntaxError. By default the query runs in this
    process, with no time limit (no fork: safe in a notebook kernel with threads). A
    ``timeout`` in seconds (up to 86400; 0 or None: none) stops a runaway query, as the CLI's
    ``--timeout`` does: in a forked child where the platform can fork. The query and the
    timeout are checked before any graph is loaded.
    """
    check_timeout(timeout)
    _, text = resolve(sparql)
    prepared = prepare(text)
    if isinstance(data, str | Path):
        data = [data]  # one file, not the characters of its name
    if graph is None:
        graph = load_data(list(data)) if data else load_built(root)
    return execute(graph, prepared, timeout=timeout)
