"""Facts written once, in the block of their quote: the build derives their evidence nodes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import PROV

from conftest import REPO
from kgenesis.errors import SourceError
from kgenesis.graph.build import assemble
from kgenesis.graph.evidence import derive_statements, statement_iri
from kgenesis.graph.load import load_files, load_sources
from kgenesis.paths import Project

KG = "https://w3id.org/kgenesis/id/"
KGO = "https://w3id.org/kgenesis/ontology#"
PREFIXES = f"@prefix kg: <{KG}> .\n@prefix kgo: <{KGO}> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"


def _trig(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "facts.trig"
    path.write_text(PREFIXES + text, encoding="utf-8")
    return path


def test_a_fact_in_two_quote_blocks_gets_one_node_derived_from_both(tmp_path: Path) -> None:
    path = _trig(
        tmp_path,
        "kg:q1 a kgo:Quote . kg:q2 a kgo:Quote .\n"
        'kg:q1 { kg:a kgo:p kg:b . kg:a kgo:v "x"@ko . }\nkg:q2 { kg:a kgo:p kg:b . }\n',
    )
    graph = derive_statements(load_files([path]))
    a, p, b = URIRef(KG + "a"), URIRef(KGO + "p"), URIRef(KG + "b")
    assert (a, p, b) in graph
    node = statement_iri(a, p, b)
    assert set(graph.objects(node, PROV.wasDerivedFrom)) == {URIRef(KG + "q1"), URIRef(KG + "q2")}
    assert (node, RDF.subject, a) in graph and (node, RDF.object, b) in graph
    literal = statement_iri(a, URIRef(KGO + "v"), Literal("x", lang="ko"))
    assert graph.value(literal, PROV.wasDerivedFrom) == URIRef(KG + "q1")
    assert len(set(graph.subjects(RDF.type, RDF.Statement))) == 2


def test_a_block_named_after_something_that_is_not_a_quote_is_refused(tmp_path: Path) -> None:
    path = _trig(tmp_path, "kg:typo { kg:a kgo:p kg:b . }\n")
    with pytest.raises(SourceError, match="block kg:typo: .* not described as a kgo:Quote"):
        derive_statements(load_files([path]))


def _readme_example() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Adding a fact with its evidence") :]
    return re.search(r"```trig\n(.*?)```", section, re.DOTALL).group(1)  # type: ignore[union-attr]


def test_the_readme_example_adds_a_fact_with_its_evidence(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    """The README's "add a fact" example, added to the real graph without that fact."""
    example = _readme_example()
    fact = "    kg:plan-nst-fostering kgo:discussedBy kg:future-dialogue .\n"
    assert fact in example
    root = make_project(real_graph=True)
    article = root / "graph" / "evidence-article.trig"
    text = article.read_text(encoding="utf-8")
    assert fact in text
    article.write_text(text.replace(fact, ""), encoding="utf-8")
    (root / "graph" / "example.trig").write_text(example, encoding="utf-8")
    graph, report = assemble(Project(root), sources=tmp_path)  # empty: no quote check
    assert report.ok, report.text()
    s, p, o = (
        URIRef(KG + "plan-nst-fostering"),
        URIRef(KGO + "discussedBy"),
        URIRef(KG + "future-dialogue"),
    )
    assert (s, p, o) in graph
    assert graph.value(statement_iri(s, p, o), PROV.wasDerivedFrom) == URIRef(KG + "quote-p1-s2")
    (root / "graph" / "example.trig").unlink()
    without = derive_statements(load_sources(Project(root)))  # no validation needed here
    assert (s, p, o) not in without  # the example is what adds it
