"""``kgenesis query --endpoint URL``: a query run by another SPARQL endpoint, its answer read
into the ``QueryResult`` the local engines give, so every output format and exit code is the
same. The project's prefixes are written out (``prefixes.declare_prefixes``), as the
endpoint does not declare them. Nothing runs locally: the endpoint's own rules apply.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlencode

from ..errors import KgenesisError
from ..sparql.engine import QueryResult, blank_lexemes
from ..terms import Term, literal
from .http import Credentials, check_url, request

_FORM_RE = re.compile(r"(?i)(?<![\w?$:])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:])")
ROWS_ACCEPT = "application/sparql-results+json"
GRAPH_ACCEPT = "text/turtle, application/n-triples;q=0.9"


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first form keyword outside strings, IRIs and
    comments (a sub-SELECT comes after its query's own form)."""
    found = _FORM_RE.search(blank_lexemes(text))
    return found.group(1).upper() if found else "SELECT"


def run(
    endpoint: str,
    text: str,
    *,
    credentials: Credentials | None = None,
    timeout: float | None = None,
    default_graph: str | None = None,
) -> QueryResult:
    """Run ``text`` on ``endpoint`` (a POST of the query form) and read its answer; with
    ``default_graph``, the endpoint queries that graph (``default-graph-uri``) rather than
    its own default (Virtuoso's is the union of every graph, its system graphs included)."""
    from ..prefixes import declare_prefixes

    check_url(endpoint)
    text = declare_prefixes(text)
    kind = query_form(text)
    graph = kind in ("CONSTRUCT", "DESCRIBE")
    form = {"query": text}
    if default_graph:
        form["default-graph-uri"] = default_graph
    status, media, body = request(
        "POST",
        endpoint,
        body=urlencode(form).encode("utf-8"),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": GRAPH_ACCEPT if graph else ROWS_ACCEPT,
        },
        credentials=credentials,
        timeout=timeout,
    )
    if graph:
        return QueryResult(kind, triples=_triples(endpoint, media, body))
    return _rows(endpoint, body)


def _rows(endpoint: str, body: bytes) -> QueryResult:
    """A SPARQL 1.1 Query Results JSON document as a result of ``kgenesis.terms.Term``."""
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise KgenesisError(f"{endpoint} did not answer SPARQL results JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise KgenesisError(f"{endpoint} did not answer SPARQL results JSON")
    if "boolean" in doc:
        return QueryResult("ASK", boolean=bool(doc["boolean"]))
    try:
        names = [str(v) for v in doc["head"]["vars"]]
        rows = [
            tuple(_term(binding.get(name)) for name in names)
            for binding in doc["results"]["bindings"]
        ]
    except (KeyError, TypeError, AttributeError) as exc:
        raise KgenesisError(f"{endpoint} answered malformed SPARQL results JSON ({exc})") from None
    return QueryResult("SELECT", vars=names, terms=rows)  # type: ignore[arg-type]


def _term(value: Any) -> Term | None:
    if value is None:
        return None
    kind = value.get("type")
    text = str(value.get("value", ""))
    if kind == "uri":
        return Term("uri", text)
    if kind == "bnode":
        return Term("bnode", text)
    return literal(text, value.get("xml:lang") or None, value.get("datatype"))


def _triples(endpoint: str, media: str, body: bytes) -> list[Any]:
    """The triples of a Turtle or N-Triples answer (parsed with nothing fetched)."""
    from rdflib import Graph

    from ..graph.guard import sealed

    fmt = "nt" if "n-triples" in media or media.startswith("text/plain") else "turtle"
    graph = Graph()
    try:
        with sealed():
            graph.parse(data=body.decode("utf-8"), format=fmt)
    except Exception as exc:  # noqa: BLE001 - any parse failure of someone else's answer
        raise KgenesisError(f"{endpoint} answered a graph kgenesis cannot read: {exc}") from None
    return list(graph.triples((None, None, None)))
