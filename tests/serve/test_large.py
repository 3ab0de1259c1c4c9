"""``kgenesis serve`` on a large graph (issue 13): held in pyoxigraph's store alone, chosen
by size or ``--store``, with the answers, refusals and statuses of the graph held by rdflib.

Regression: ``serve --data`` read every file into rdflib's graph, whatever its size
(rdflib parses about 30,000 triples a second and needs 2 GB for 10^6)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO
from kgenesis.errors import KgenesisError, UsageError
from kgenesis.serve.answer import Limits, ServedGraph
from kgenesis.serve.page import page_data
from kgenesis.sparql import results, store
from kgenesis.sparql.engine import UpdateRefused, saved_queries
from stores import kgenesis_serve

BUILT = REPO / "outputs" / "graph.ttl"


@pytest.fixture(scope="module")
def pair() -> tuple[ServedGraph, ServedGraph]:
    return (
        ServedGraph([BUILT], store="oxigraph"),
        ServedGraph([BUILT], store="memory"),
    )


def _text(result: object) -> str:
    kind = result.kind  # type: ignore[attr-defined]
    if kind == "ASK":
        return str(result.boolean)  # type: ignore[attr-defined]
    if kind in ("CONSTRUCT", "DESCRIBE"):
        graph = result.graph  # type: ignore[attr-defined]
        return "\n".join(sorted(results.render_graph(graph, "nt").splitlines()))
    return results.render_tsv(result.vars, result.terms)  # type: ignore[attr-defined]


def test_the_store_is_chosen_by_size_or_by_option(tmp_path: Path) -> None:
    large, memory = ServedGraph([BUILT], store="oxigraph"), ServedGraph([BUILT], store="auto")
    assert large.large and large.graph is None and not memory.large
    big = tmp_path / "big.nt"
    big.write_bytes(b"<urn:a> <urn:b> <urn:c> .\n" * (store.THRESHOLD // 26 + 1))
    held = ServedGraph([big])  # the library's default keeps rdflib's graph ...
    assert not held.large
    assert ServedGraph([big], store="auto").large  # ... the command's (auto) goes by size
    assert ServedGraph([big], store="auto").triples() == 1
    built = ServedGraph(root=REPO, store="oxigraph")  # the built graph, forced
    assert built.large and built.answer("ASK { kg:bae-kyunghoon a kgo:Person }").boolean


@pytest.mark.parametrize("name", ["classes", "cq-04-who-leads-what", "cq-11-facts-by-origin"])
def test_answers_are_the_ones_rdflib_gives(pair: tuple[ServedGraph, ServedGraph], name: str) -> None:
    large, memory = pair
    text = saved_queries()[name].text
    assert _text(large.answer(text)) == _text(memory.answer(text))


def test_construct_ask_and_the_page_are_the_same(pair: tuple[ServedGraph, ServedGraph]) -> None:
    large, memory = pair
    for text in (
        "CONSTRUCT WHERE { kg:k-genesis-mission ?p ?o }",
        "ASK { kg:bae-kyunghoon a kgo:Ministry }",
    ):
        assert _text(large.answer(text)) == _text(memory.answer(text)), text
    assert large.triples() == memory.triples()
    assert page_data(large) == page_data(memory)


def test_refusals_stay_in_kgenesis_code(pair: tuple[ServedGraph, ServedGraph]) -> None:
    large, _memory = pair
    with pytest.raises(UpdateRefused):
        large.answer("INSERT DATA { kg:a kg:b kg:c }")
    for text in (
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * FROM <http://127.0.0.1:9/x> WHERE { ?s ?p ?o }",
        "SELECT * WHERE { ?s ?p ?o . FILTER(?o = \"\\u0053ERVICE\") }",
    ):
        with pytest.raises(KgenesisError):
            large.answer(text)
    with pytest.raises(UsageError, match="--store memory"):
        large.run(lambda graph: graph)  # the view is drawn from rdflib's graph


def test_serve_data_holds_a_large_file_in_pyoxigraph(tmp_path: Path) -> None:
    import pyoxigraph as ox

    big = tmp_path / "big.nt"
    data = BUILT.read_bytes()
    lines = ox.serialize(ox.parse(data, format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES)
    filler = b"".join(
        b"<urn:x:%d> <urn:x:p> <urn:x:o> .\n" % i for i in range(store.THRESHOLD // 30)
    )
    big.write_bytes(lines + filler)
    assert store.wanted("auto", [big])
    with kgenesis_serve("--data", str(big), "--timeout", "5", cwd=REPO) as base:
        query = saved_queries()["cq-04-who-leads-what"].text
        body = urllib.parse.urlencode({"query": query}).encode()
        request = urllib.request.Request(
            f"{base}/sparql", data=body, headers={"Accept": "application/sparql-results+json"}
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            rows = json.loads(answer.read())["results"]["bindings"]
        assert len(rows) == 4
        request = urllib.request.Request(f"{base}/view")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=60)
        assert refused.value.code == 400


def test_an_empty_answer_costs_the_server_no_hints(monkeypatch: pytest.MonkeyPatch) -> None:
    """The namespace hints are for the CLI's stderr: a server has no one to tell them to."""

    def refused(*_args: object) -> list[str]:
        raise AssertionError("hints computed")

    monkeypatch.setattr(store, "hints_for", refused)
    large = ServedGraph([BUILT], store="oxigraph", limits=Limits(max_memory=0))
    assert large.answer("ASK { kg:nobody a schema:Nothing }").boolean is False
