"""Large files read by pyoxigraph's parser (``Triples``) give the analyses the same answers
as rdflib's graph: the same projection, node for node and edge for edge, in the same order."""

from __future__ import annotations

import argparse
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from conftest import REPO
from kgenesis.analysis import triples as triples_module
from kgenesis.analysis.facts import facts
from kgenesis.analysis.projection import classify, evidence_index, project
from kgenesis.analysis.triples import Triples
from kgenesis.commands import source
from kgenesis.errors import SourceError
from kgenesis.graph.load import load_files
from kgenesis.sparql import store

BUILT = REPO / "outputs" / "graph.ttl"


def assert_same_projection(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert a.graph == b.graph
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


@pytest.mark.parametrize("which", ["curated", "synthetic"])
def test_projection_from_pyoxigraph_parse_equals_projection_from_rdflib(
    which: str, synthetic: Path
) -> None:
    path = BUILT if which == "curated" else synthetic
    graph, held = load_files([path]), Triples.read([path], None)
    assert len(held) == len(graph)
    assert classify(held) == classify(graph)
    assert evidence_index(held) == evidence_index(graph)
    projection = project(held)
    assert projection.number_of_nodes() > 20 and projection.number_of_edges() > 20
    assert_same_projection(projection, project(graph))
    assert facts(held) == facts(graph)


def test_typed_literal_keeps_its_lexical_form(tmp_path: Path) -> None:
    """pyoxigraph's store gives "50.0"^^xsd:decimal back as "50"; the parser, as rdflib, not."""
    path = tmp_path / "g.ttl"
    path.write_text(
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<http://example.org/a> <http://example.org/v> "50.0"^^xsd:decimal, "x"@ko .\n',
        encoding="utf-8",
    )
    held = Triples.read([path], None)
    values = sorted(held.objects(URIRef("http://example.org/a"), URIRef("http://example.org/v")))
    assert sorted(str(v) for v in values) == ["50.0", "x"]
    assert set(values) == set(load_files([path]).objects(None, None))


def test_a_triple_in_two_files_is_held_once(tmp_path: Path) -> None:
    line = '<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "a"@en .\n'
    link = "<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#seeAlso> <http://example.org/b> .\n"
    (tmp_path / "a.nt").write_text(line + link + line + link, encoding="utf-8")
    (tmp_path / "b.ttl").write_text(link + line, encoding="utf-8")
    held = Triples.read([tmp_path / "a.nt", tmp_path / "b.ttl"], None)
    assert len(held) == 2
    assert list(held.objects(URIRef("http://example.org/a"), RDFS.label)) == [
        Literal("a", lang="en")
    ]


def test_json_ld_goes_through_the_strict_loader(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonld"
    path.write_text(
        '{"@id": "http://example.org/a", "http://www.w3.org/2000/01/rdf-schema#label": "a"}',
        encoding="utf-8",
    )
    held = Triples.read([path], None)
    assert list(held.subjects()) == [URIRef("http://example.org/a")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty graph"),
        ("<http://example.org/a> <http://example.org/b> .\n", "syntax error"),
        ("@prefix : <http://e.org/> .\n<< :a :b :c >> :p :o .\n", "unsupported term"),
    ],
)
def test_bad_files_are_refused_with_their_name(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match=rf"bad\.ttl: {message}"):
        Triples.read([path], None)


def test_large_data_is_never_loaded_into_an_rdflib_graph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the rdflib loader was called")

    monkeypatch.setattr(store, "THRESHOLD", 1)  # BUILT counts as large
    monkeypatch.setattr("kgenesis.graph.load.load_files", refuse)
    args = argparse.Namespace(data=[BUILT], store="auto", max_size=None, root=REPO)
    assert isinstance(source.load(args), Triples)
    args.store = "memory"
    with pytest.raises(AssertionError, match="rdflib loader"):
        source.load(args)


def test_subjects_and_objects_answer_as_rdflib_does() -> None:
    graph = load_files([BUILT])
    held = Triples.of(graph)
    assert triples_module.Triples is Triples
    for s in list(graph.subjects(unique=True))[:200]:
        assert sorted(held.predicate_objects(s)) == sorted(graph.predicate_objects(s))
        assert sorted(held.subjects(None, s)) == sorted(graph.subjects(None, s))
    assert sorted(held.subjects(RDFS.subClassOf, None)) == sorted(
        graph.subjects(RDFS.subClassOf, None)
    )
