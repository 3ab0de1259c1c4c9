"""A class looks the same in every view: its family and shape come from one table."""

from __future__ import annotations

from rdflib import RDFS, Graph, URIRef

from conftest import REPO
from kgenesis.graph.load import load_files
from kgenesis.graph.namespaces import KG, KGO
from kgenesis.view import render_html, select, view_data
from kgenesis.view.style import CLASSES, FAMILIES, in_graph, style

BUILT = REPO / "outputs" / "graph.ttl"


def test_at_most_eight_families_and_every_listed_class_has_one() -> None:
    assert len(FAMILIES) <= 8
    keys = {f.key for f in FAMILIES}
    assert all(family in keys for family, _ in CLASSES.values())


def test_a_subclass_takes_its_superclass_family_and_an_unknown_class_is_other() -> None:
    g = Graph()
    think_tank, thing = URIRef("https://example.org/ThinkTank"), URIRef("https://example.org/X")
    g.add((think_tank, RDFS.subClassOf, KGO.Organization))
    look, other = style(think_tank, in_graph(g)), style(thing, in_graph(g))
    assert look.family == "organisations" and look.overview
    assert other.family == "other" and not other.overview


def test_the_table_names_the_projects_own_classes() -> None:
    """The table is written without rdflib; its IRIs are the ontology's."""
    assert str(KGO.Person) in CLASSES and str(KGO.QuantitativeTarget) in CLASSES
    assert "http://xmlns.com/foaf/0.1/Person" in CLASSES


def test_person_looks_the_same_in_the_whole_view_and_every_focused_one() -> None:
    graph = load_files([BUILT])
    looks = []
    for selection in (None, select(graph, focus=KG["bae-kyunghoon"]),
                      select(graph, focus=KG["lg-science-park"])):  # fmt: skip
        data = view_data(graph, selection=selection)
        person = next(c for c in data["classes"] if c["curie"] == "kgo:Person")
        looks.append((person["color"], person["shape"], data["families"][person["family"]]["key"]))
    assert looks[0] == looks[1] == looks[2] == ("#e15759", "dot", "people")


def test_the_page_is_the_same_bytes_twice() -> None:
    graph = load_files([BUILT])
    assert render_html(graph) == render_html(graph)
