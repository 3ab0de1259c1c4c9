"""Large ``--data`` graphs in pyoxigraph's store (issue 13): same answers, same refusals.

Regression: ``query --data`` on 10^6 triples took 63.6 s and 2.0 GB (pyoxigraph directly:
3.5 s, 0.40 GB), and ``--engine oxigraph`` was refused for ``--data``.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import DATA, REPO, Listener
from kgenesis.cli import main
from kgenesis.errors import KgenesisError, SourceError
from kgenesis.sparql import results, store
from kgenesis.sparql.engine import execute, load_data, saved_queries

BUILT = REPO / "outputs" / "graph.ttl"


def _lines(result: object) -> list[str]:
    kind = result.kind  # type: ignore[attr-defined]
    if kind == "ASK":
        return [str(result.boolean)]  # type: ignore[attr-defined]
    if kind in ("CONSTRUCT", "DESCRIBE"):
        return sorted(results.render_graph(result.graph, "nt").splitlines())  # type: ignore[attr-defined]
    return results.render_tsv(result.vars, result.terms).splitlines()  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def memory_graph():
    return load_data([BUILT])


@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_every_saved_query_answers_alike_on_the_large_store(name: str, memory_graph) -> None:
    text = saved_queries()[name].text
    on_store, _labels, _about = store.run([BUILT], text, None, None)
    assert _lines(on_store) == _lines(execute(memory_graph, text))


def test_construct_and_ask_answer_alike_on_the_large_store(memory_graph) -> None:
    for text in (
        "CONSTRUCT WHERE { kg:k-genesis-mission ?p ?o }",
        "ASK { kg:bae-kyunghoon a kgo:Person }",
        "ASK { kg:bae-kyunghoon a kgo:Ministry }",
    ):
        on_store, _labels, _about = store.run([BUILT], text, None, None)
        assert _lines(on_store) == _lines(execute(memory_graph, text)), text


def test_the_store_is_chosen_by_size_or_by_option(tmp_path: Path) -> None:
    small = DATA / "valid" / "query-fixture.ttl"
    assert not store.wanted("auto", [small])
    assert store.wanted("oxigraph", [small]) and not store.wanted("memory", [BUILT])
    big = tmp_path / "big.nt"
    big.write_bytes(b"<urn:a> <urn:b> <urn:c> .\n" * (store.THRESHOLD // 26 + 1))
    assert store.wanted("auto", [big])


def test_cli_answers_the_same_on_both_stores(capsys: pytest.CaptureFixture[str]) -> None:
    for query in ("cq-04-who-leads-what", "classes"):
        for fmt in ("table", "csv", "json"):
            args = ["query", query, "--data", str(BUILT), "-f", fmt, "--labels", "en"]
            assert main([*args, "--store", "oxigraph"]) == 0
            on_store = capsys.readouterr().out
            assert main([*args, "--store", "memory"]) == 0
            assert capsys.readouterr().out == on_store, (query, fmt)


def test_exit_codes_stay_the_same_on_the_large_store(capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data", str(BUILT), "--store", "oxigraph"]
    assert main(["query", "ASK { kg:bae-kyunghoon a kgo:Ministry }", *data]) == 1
    assert main(["query", "SELECT ?s WHERE { ?s ?p }", *data]) == 2  # syntax error
    err = capsys.readouterr().err
    assert "line" in err or ":" in err
    for name in ("query-delete.rq", "query-from.rq", "query-load.rq", "query-update.rq"):
        assert main(["query", str(DATA / "invalid" / name), *data]) == 2, name
    capsys.readouterr()
    slow = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    assert main(["query", slow, *data, "--timeout", "1"]) == 3
    assert (
        main(
            [
                "query",
                "classes",
                "--data",
                str(DATA / "invalid" / "empty.ttl"),
                "--store",
                "oxigraph",
            ]
        )
        == 1
    )
    assert (
        main(
            [
                "query",
                "classes",
                "--data",
                str(DATA / "invalid" / "syntax-error.ttl"),
                "--store",
                "oxigraph",
            ]
        )
        == 1
    )
    assert "syntax-error.ttl" in capsys.readouterr().err


def test_bad_files_are_refused_by_name_on_the_large_store(tmp_path: Path) -> None:
    for name in ("relative-iri.ttl", "iri-with-space.ttl", "truncated.ttl", "doctype.rdf"):
        with pytest.raises(SourceError, match=name):
            store.load([DATA / "invalid" / name], None)
    with pytest.raises(SourceError, match="more than"):
        store.load([BUILT], 100)


def test_service_never_reaches_the_network_from_the_large_store(
    capsys: pytest.CaptureFixture[str], listener: Listener
) -> None:
    """pyoxigraph fetches a SERVICE; the refusal stays in kgenesis's code for every store."""
    url = f"http://127.0.0.1:{listener.port}/"
    for text in (
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f'SELECT * WHERE {{ BIND("""\n# """ AS ?x) SERVICE <{url}a> {{ ?s ?p ?o }} }}',
    ):
        argv = ["query", text, "--data", str(BUILT), "--store", "oxigraph", "--timeout", "5"]
        assert main(argv) == 2, text
        capsys.readouterr()
        with pytest.raises(KgenesisError):
            store.check_query(text)
    time.sleep(0.3)
    assert listener.connections == 0
