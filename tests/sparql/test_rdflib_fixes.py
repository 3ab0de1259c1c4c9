"""The rdflib fix: GROUP BY over no solutions gives no row (RDFLib/rdflib#3382)."""

from __future__ import annotations

from rdflib import Graph, URIRef

from kgenesis.sparql.engine import execute

GROUPED = "SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s <urn:p> ?o } GROUP BY ?s"


def _graph() -> Graph:
    g = Graph()
    g.add((URIRef("urn:a"), URIRef("urn:q"), URIRef("urn:b")))
    return g


def test_group_by_over_no_solutions_gives_no_row() -> None:
    assert execute(_graph(), GROUPED).terms == []


def test_group_by_in_a_sub_select_over_no_solutions_gives_no_row() -> None:
    text = f"SELECT ?s ?n WHERE {{ {{ {GROUPED} }} }}"
    assert execute(_graph(), text).terms == []


def test_aggregates_without_group_by_still_give_one_row() -> None:
    result = execute(_graph(), "SELECT (COUNT(?o) AS ?n) WHERE { ?s <urn:p> ?o }")
    assert [str(t) for t in result.terms[0]] == ["0"]


def test_groups_that_match_are_unchanged() -> None:
    g = _graph()
    g.add((URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:c")))
    g.add((URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:d")))
    assert [tuple(map(str, row)) for row in execute(g, GROUPED).terms] == [("urn:a", "2")]


def test_rdflib_itself_still_has_the_bug() -> None:
    """When this fails, rdflib has fixed #3382: delete kgenesis.sparql.rdflib_fixes and this test."""
    from rdflib.plugins.sparql import CUSTOM_EVALS

    saved = dict(CUSTOM_EVALS)
    CUSTOM_EVALS.clear()
    try:
        bindings = _graph().query(GROUPED).bindings
    finally:
        CUSTOM_EVALS.update(saved)
    assert len(bindings) == 1 and not bindings[0]
