"""The one networkx projection: entities as nodes, facts between them as typed edges with
evidence, literal values as attributes, and no evidence bookkeeping in the topology."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Graph, URIRef

from conftest import REPO
from kgenesis.analysis.projection import entity_view, project
from kgenesis.graph.load import load_files
from kgenesis.graph.namespaces import KG, sparql_prolog
from kgenesis.view import select

BUILT = REPO / "outputs" / "graph.ttl"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_files([BUILT])


@pytest.fixture(scope="module")
def projection(graph: Graph) -> nx.MultiDiGraph:
    return project(graph)


def test_no_quote_statement_or_source_is_a_node(graph: Graph, projection: nx.MultiDiGraph) -> None:
    bookkeeping = {
        str(row[0])
        for row in graph.query(
            sparql_prolog()
            + """SELECT ?x WHERE { { ?x a rdf:Statement } UNION { ?x a kgo:Quote }
                 UNION { ?x a/rdfs:subClassOf* kgo:SourceDocument } UNION { ?x a owl:Class }
                 UNION { ?x a time:Instant } UNION { ?x a time:Interval } }"""
        )
    }
    assert bookkeeping and not bookkeeping & set(projection)


def test_nodes_carry_class_labels_in_both_languages_and_literal_values(
    projection: nx.MultiDiGraph,
) -> None:
    bae = projection.nodes[str(KG["bae-kyunghoon"])]
    assert (bae["class"], bae["label_ko"], bae["label_en"]) == (
        "kgo:Person",
        "배경훈",
        "Bae Kyung-hoon",
    )
    target = projection.nodes[str(KG["target-gpu-260k"])]
    assert target["role"] == "detail"
    assert target["kgo_targetValue"] == "260000" and target["kgo_deadline"] == "2030"
    assert target["kgo_measuredQuantity_ko"].startswith("그래픽처리장치")
    mission = projection.nodes[str(KG["k-genesis-mission"])]
    assert "K-Genesis Mission" in mission["alt_en"]


def test_edges_are_facts_with_property_labels_and_evidence(
    graph: Graph, projection: nx.MultiDiGraph
) -> None:
    edge = projection.get_edge_data(str(KG["bae-kyunghoon"]), str(KG["msit"]))["org:headOf"]
    assert edge["property"] == "http://www.w3.org/ns/org#headOf"
    assert (edge["label_ko"], edge["label_en"]) == ("대표(장)", "head of")
    assert edge["origin"] == "article"
    quotes = edge["evidence"].split()
    assert quotes and all((URIRef(q), None, None) in graph for q in quotes)
    for _, _, data in projection.edges(data=True):
        assert data["evidence"], data  # every relation in the curated graph has evidence


def test_scheme_membership_is_an_attribute_not_a_relation(projection: nx.MultiDiGraph) -> None:
    assert all(key != "skos:inScheme" for _, _, key in projection.edges(keys=True))
    assert projection.nodes[str(KG["field-ai"])]["skos_inScheme"]


def test_the_view_draws_the_projection_and_its_networkx_neighbourhoods(
    graph: Graph, projection: nx.MultiDiGraph
) -> None:
    overview = select(graph)
    drawn = {(str(s), str(o)) for s, _, o in overview.edges}
    related = {(s, o) for s, o in projection.edges() if s in map(str, overview.nodes)}
    assert drawn == {(s, o) for s, o in related if o in map(str, overview.nodes)}
    around = entity_view(projection, roles=("entity", "source-only"))
    for depth in (1, 2):
        focus = select(graph, focus=KG["choi-minhee"], depth=depth)
        expected = nx.ego_graph(around, str(KG["choi-minhee"]), radius=depth)
        assert {str(n) for n in focus.nodes} == set(expected)


def test_the_same_graph_gives_the_same_projection_order(graph: Graph) -> None:
    a, b = project(graph), project(graph)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    assert list(a) == sorted(a)


def test_the_rules_sets_hold_the_very_objects_a_reader_makes() -> None:
    """``Triples`` makes the VOCABULARY objects for the graph's terms; a rule set holding
    another object of the same IRI answers by rdflib's slow ``__eq__`` instead."""
    from rdflib import RDF

    from kgenesis.analysis import projection

    made = {str(term): term for term in projection.VOCABULARY}
    for name in ("BOOKKEEPING", "DETAIL", "UNINFORMATIVE", "LABELS", "NOT_FACTS", "NOT_ATTRIBUTES"):
        for term in getattr(projection, name):
            assert made[str(term)] is term, (name, term)
    assert made[str(RDF.type)] is RDF.type
