"""The project's SPARQL checks: the same rows on pyoxigraph as on rdflib, and linear growth.

Regression (issue 13): ``kgenesis validate`` took 80.8 s on a 10^4-triple graph; the
missing-evidence check alone grew with the square of the graph (4.0 s at 2.3k triples,
348 s at 20k) on rdflib's engine, and its ``FILTER NOT EXISTS`` and the duplicate-label
join grew with the square on pyoxigraph too. The checks now run on a pyoxigraph copy of
the graph (``graph/oxstore.py``), rewritten with ``MINUS`` and a grouping.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, Literal

from conftest import DATA, REPO
from kgenesis.graph.evidence import derive_statements, statement_iri
from kgenesis.graph.load import load_sources
from kgenesis.graph.namespaces import KG, KGO
from kgenesis.graph.oxstore import to_store
from kgenesis.graph.validate import load_checks, run_checks
from kgenesis.paths import Project

sys.path.insert(0, str(REPO / "bench"))
from synth import Synthetic  # noqa: E402

FIXTURES = sorted(
    p.name
    for p in (DATA / "invalid").glob("*.ttl")
    if p.name
    not in {
        "blank-node.ttl",
        "control-character.ttl",
        "deep-nesting.ttl",
        "empty.ttl",
        "ill-typed-literal.ttl",
        "iri-with-space.ttl",
        "lone-surrogate.ttl",
        "not-utf8.ttl",
        "relative-iri.ttl",
        "syntax-error.ttl",
        "truncated.ttl",
    }  # refused by the loader before any check runs
)


def _rows(graph, engine: str) -> list[tuple[str, str, str]]:
    return [(v.rule, v.node, v.detail) for v in run_checks(graph, engine=engine)]


@pytest.mark.parametrize("name", FIXTURES)
def test_each_check_gives_the_same_rows_on_pyoxigraph_as_on_rdflib(make_project, name) -> None:
    root = make_project({name: (DATA / "invalid" / name).read_text(encoding="utf-8")})
    graph = derive_statements(load_sources(Project(root)))
    assert _rows(graph, "oxigraph") == _rows(graph, "rdflib")


def test_typed_literals_keep_their_lexical_form_in_the_checks(make_project) -> None:
    """pyoxigraph stores numbers by value (``STR("50.0"^^xsd:decimal)`` is ``"50"`` there); the
    copy keeps rdflib's form, so the details name the value as the data writes it."""
    root = make_project({"g.ttl": (DATA / "valid" / "minimal-graph.ttl").read_text("utf-8")})
    graph = derive_statements(load_sources(Project(root)))
    for value in (Literal("50.0", datatype=XSD.decimal), Literal("1.5E3", datatype=XSD.double)):
        graph.add((KG["test-target"], KGO.targetValue, value))  # a fact without evidence
        node = statement_iri(KG["test-other"], KGO.targetValue, value)
        graph.add((node, RDF.type, RDF.Statement))  # evidence for a fact nobody asserts
        graph.add((node, RDF.subject, KG["test-other"]))
        graph.add((node, RDF.predicate, KGO.targetValue))
        graph.add((node, RDF.object, value))
    graph.add((KG["test-twin"], RDF.type, KGO.Person))
    graph.add((KG["test-twin"], RDFS.label, Literal("배경훈", lang="ko")))
    rows = _rows(graph, "oxigraph")
    assert rows == _rows(graph, "rdflib")
    details = " ".join(detail for _rule, _node, detail in rows)
    assert "50.0" in details and "1500.0" in details


@pytest.mark.slow
def test_the_checks_give_the_same_rows_on_the_curated_graph_broken_on_purpose(repo: Path) -> None:
    graph = derive_statements(load_sources(Project(repo)))
    statements = sorted(set(graph.subjects(RDF.type, RDF.Statement)))[:5]
    for node in statements[:3]:
        graph.remove((node, None, None))  # facts left without evidence
    for node in statements[3:]:
        subject = graph.value(node, RDF.subject)
        graph.remove((subject, graph.value(node, RDF.predicate), graph.value(node, RDF.object)))
    graph.add((KG["bae-kyunghoon-twin"], RDF.type, KGO.Person))
    graph.add((KG["bae-kyunghoon-twin"], RDFS.label, Literal("배경훈", lang="ko")))
    rows = _rows(graph, "oxigraph")
    assert rows == _rows(graph, "rdflib")
    assert {rule for rule, _n, _d in rows} >= {
        "missing-evidence-violation", "orphan-evidence-violation",
        "duplicate-label-violation", "missing-label-violation",
    }  # fmt: skip


def _check_seconds(triples: int) -> dict[str, float]:
    synthetic = Synthetic(triples)
    from rdflib import Graph

    graph = Graph()
    graph.parse(data="\n".join(synthetic.published_lines()), format="nt")
    store = to_store(graph)
    best: dict[str, float] = {}
    for check in load_checks():
        for _ in range(3):
            start = time.perf_counter()
            run_checks(graph, [check], store=store)
            took = time.perf_counter() - start
            best[check.name] = min(best.get(check.name, took), took)
    return best


def test_no_check_grows_faster_than_the_graph() -> None:
    """Eight times the triples may cost about eight times as long, never 64 times: the
    bound (24×, and 5 ms as the smallest cost counted) is loose enough for a busy machine
    and tight enough to catch a check that grows with the square of the graph."""
    small, large = _check_seconds(2_000), _check_seconds(16_000)
    grown = {
        name: round(large[name] / max(small[name], 0.005), 1)
        for name in small
        if large[name] > 24 * max(small[name], 0.005)
    }
    assert not grown, (
        f"checks growing faster than the graph (cost ratio at 8× the triples): {grown}"
    )
