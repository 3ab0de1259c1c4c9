"""What a request asks, and which format answers it: the protocol's rules without a server."""

from __future__ import annotations

import pytest

from conftest import REPO
from kgenesis.serve.protocol import HttpError, negotiate, read_request


@pytest.mark.parametrize(
    ("accept", "kind", "name"),
    [
        (None, "rows", "json"),
        ("", "graph", "turtle"),
        ("*/*", "rows", "json"),
        ("text/csv", "rows", "csv"),
        ("text/tab-separated-values", "rows", "tsv"),
        ("application/sparql-results+xml", "rows", "xml"),
        ("application/json", "rows", "json"),
        ("application/json", "graph", "jsonld"),
        ("text/*", "rows", "csv"),
        ("application/ld+json", "graph", "jsonld"),
        ("application/n-triples", "graph", "nt"),
        ("application/rdf+xml", "graph", "xml"),
        ("text/csv;q=0.5, application/sparql-results+xml", "rows", "xml"),
        ("application/sparql-results+json;q=0, */*;q=0.1", "rows", "xml"),
        # SPARQLWrapper's JSON, and a browser's default
        ("application/sparql-results+json,application/json,text/javascript", "rows", "json"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "rows", "xml"),
    ],
)
def test_the_accept_header_picks_the_format(accept: str | None, kind: str, name: str) -> None:
    spec = negotiate(accept, kind)
    assert spec is not None and spec.name == name


@pytest.mark.parametrize(
    "accept", ["image/png", "text/html", "application/sparql-results+json;q=0"]
)
def test_an_accept_header_nothing_fits_gives_none(accept: str) -> None:
    assert negotiate(accept, "rows") is None


def test_the_format_parameter_overrides_accept() -> None:
    spec = negotiate("text/csv", "rows", "json")
    assert spec is not None and spec.name == "json"
    assert negotiate(None, "rows", "turtle") is None


def test_a_get_with_a_query_a_form_and_a_sparql_body_carry_the_query() -> None:
    get = read_request("GET", [("query", "ASK {}")], None, b"")
    form = read_request("POST", [], "application/x-www-form-urlencoded", b"query=ASK+%7B%7D")
    body = read_request("POST", [], "application/sparql-query; charset=utf-8", b"ASK {}")
    assert [r.text for r in (get, form, body) if r] == ["ASK {}"] * 3
    update = read_request("POST", [], "application/sparql-update", b"CLEAR ALL")
    assert update is not None and update.operation == "update"


def test_a_get_without_a_query_asks_for_the_service_description() -> None:
    assert read_request("GET", [], None, b"") is None


@pytest.mark.parametrize(
    ("params", "content_type", "body", "status"),
    [
        ([("query", "ASK {}"), ("query", "ASK {}")], None, b"", 400),
        ([("query", "ASK {}"), ("default-graph-uri", "http://x")], None, b"", 400),
        ([("query", "ASK {}"), ("named-graph-uri", "http://x")], None, b"", 400),
        ([("query", "  ")], None, b"", 400),
        ([], "text/plain", b"ASK {}", 415),
        ([], "application/sparql-query; charset=latin-1", b"ASK {}", 415),
        ([], "application/sparql-query", b"\xff\xfe", 400),
        ([], "application/x-www-form-urlencoded", b"nothing=here", 400),
    ],
)
def test_bad_requests_are_refused_with_their_status(
    params: list[tuple[str, str]], content_type: str | None, body: bytes, status: int
) -> None:
    method = "POST" if content_type else "GET"
    with pytest.raises(HttpError) as refused:
        read_request(method, params, content_type, body)
    assert refused.value.status == status
    assert "\n" not in str(refused.value)


def test_a_built_graph_pyoxigraph_cannot_read_is_served_by_rdflib(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Regression: fast.load_store's Declined (pyoxigraph cannot read the built graph) was
    not caught, so `kgenesis serve` ended in a traceback; `kgenesis query` falls back."""
    from kgenesis.serve.answer import ServedGraph
    from kgenesis.sparql import fast

    def refuse(path: object) -> None:
        raise fast.Declined("pyoxigraph could not load it")

    monkeypatch.setattr(fast, "load_store", refuse)
    served = ServedGraph(root=REPO)
    assert served.store is None
    result = served.answer("ASK { kg:bae-kyunghoon a kgo:Person }")
    assert result.boolean is True


def test_the_served_whole_view_is_held_to_the_view_cap() -> None:
    """Regression: /view rendered any --data graph whole; kgenesis view refuses one over
    LARGE_VIEW nodes (without --force), and so does the server now, saying what to do."""
    from rdflib import RDF, RDFS, Graph, Literal

    from kgenesis.errors import UsageError
    from kgenesis.graph.load import load_files
    from kgenesis.graph.namespaces import KG, KGO
    from kgenesis.serve.page import _whole_view
    from kgenesis.view import LARGE_VIEW, render_html

    built = load_files([REPO / "outputs" / "graph.ttl"])
    assert _whole_view(built) == render_html(built, title="kgenesis", generated_by="kgenesis serve")
    large = Graph()
    for i in range(LARGE_VIEW + 1):
        large.add((KG[f"p{i}"], RDF.type, KGO.Person))
        large.add((KG[f"p{i}"], RDFS.label, Literal(f"사람 {i}", lang="ko")))
    with pytest.raises(UsageError, match="draw a part with a CONSTRUCT query"):
        _whole_view(large)
