"""``kgenesis view --store``: large files (or ``--store oxigraph``) are read by pyoxigraph's
parser into the analyses' ``Triples`` and never into an rdflib graph, and the page is the
same byte for byte as from rdflib's graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO
from kgenesis.cli import main

BUILT = REPO / "outputs" / "graph.ttl"
PAGES = [[], ["--focus", "배경훈"], ["--focus", "kg:choi-minhee", "--depth", "2"], ["--force"]]


@pytest.mark.parametrize("argv", PAGES, ids=lambda a: " ".join(a) or "whole")
def test_view_draws_the_same_page_on_either_store(argv: list[str], tmp_path: Path) -> None:
    pages = {}
    for store in ("memory", "oxigraph"):
        out = tmp_path / f"{store}.html"
        assert main(["view", str(BUILT), *argv, "--store", store, "-o", str(out)]) == 0
        pages[store] = out.read_bytes()
    assert pages["memory"] == pages["oxigraph"]


@pytest.mark.parametrize("fmt", ["json-ld", "xml"])
def test_a_whole_view_of_json_ld_or_rdf_xml_on_the_fast_store(fmt: str, tmp_path: Path) -> None:
    """It stopped with an AttributeError: the census counted the analyses' ``Triples``
    as if they were rdflib's graph. Such files are read by rdflib's loader either way."""
    from rdflib import Graph

    data = tmp_path / f"graph.{'jsonld' if fmt == 'json-ld' else 'rdf'}"
    Graph().parse(BUILT).serialize(data, format=fmt)
    pages = {}
    for store in ("memory", "oxigraph"):
        out = tmp_path / f"{store}.html"
        assert main(["view", str(data), "--store", store, "-o", str(out)]) == 0
        pages[store] = out.read_bytes()
    assert pages["memory"] == pages["oxigraph"]


def test_view_on_the_fast_store_builds_no_rdflib_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kgenesis.graph.load as load

    def refused(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the rdflib loader was called")

    monkeypatch.setattr(load, "load_files", refused)
    out = tmp_path / "focus.html"
    argv = ["view", str(BUILT), "--focus", "배경훈", "--store", "oxigraph", "-o", str(out)]
    assert main(argv) == 0
    assert "배경훈" in out.read_text("utf-8")


def test_view_store_memory_keeps_rdflib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kgenesis.analysis.triples as triples

    def refused(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("pyoxigraph's parser was used")

    monkeypatch.setattr(triples.Triples, "read", refused)
    out = tmp_path / "focus.html"
    argv = ["view", str(BUILT), "--focus", "배경훈", "--store", "memory", "-o", str(out)]
    assert main(argv) == 0


def test_view_query_on_the_oxigraph_store_is_refused_with_advice(tmp_path: Path, capsys) -> None:
    query = tmp_path / "q.rq"
    query.write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "utf-8")
    argv = ["view", str(BUILT), "--query", str(query), "--store", "oxigraph", "-o", "-"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "--query runs its CONSTRUCT query on rdflib's engine" in err
    assert "drop --store oxigraph" in err


@pytest.mark.parametrize("force", [False, True])
def test_a_graph_loaded_by_rdflib_is_counted_before_its_view_model_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    """With --store memory (and for the built graph, JSON-LD, RDF/XML) the whole view's
    model was built first and only then counted: a summary threw it away, and an oversized
    --force page was refused after building it."""
    import kgenesis.commands.view as command
    import kgenesis.view as view

    def refused(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the view model was built")

    monkeypatch.setattr(view, "select", refused)
    out = tmp_path / "whole.html"
    argv = ["view", str(BUILT), "--store", "memory", "--summary-above", "3", "-o", str(out)]
    if force:
        monkeypatch.setattr(command, "FORCE_LIMIT", 5)
        assert main([*argv, "--force"]) == 2  # refused, more than 5 nodes even with --force
    else:
        assert main(argv) == 0 and "summary" in out.read_text("utf-8").lower()
