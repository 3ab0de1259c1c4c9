"""The release says what it is, as ODK-style ontologies do: version, licence, creators."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL

from conftest import REPO
from kgenesis import __version__

ONTOLOGY = URIRef("https://w3id.org/kgenesis/ontology")


def test_the_ontology_node_carries_version_licence_creator_and_description() -> None:
    graph = Graph().parse(REPO / "outputs" / "graph.ttl")
    assert graph.value(ONTOLOGY, OWL.versionInfo) == Literal(__version__)
    assert graph.value(ONTOLOGY, OWL.versionIRI) == URIRef(f"{ONTOLOGY}/{__version__}")
    assert graph.value(ONTOLOGY, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert graph.value(ONTOLOGY, DCTERMS.creator) == URIRef(
        "https://w3id.org/kgenesis/id/kgenesis-project"
    )
    for prop in (DCTERMS.description, DCTERMS.rights):
        langs = {o.language for o in graph.objects(ONTOLOGY, prop) if isinstance(o, Literal)}
        assert langs == {"ko", "en"}, prop


def test_every_built_output_names_the_version_and_the_licence() -> None:
    for name in ("graph.ttl", "graph.nt"):
        head = (REPO / "outputs" / name).read_text(encoding="utf-8")[:600]
        assert f"# kgenesis {__version__}. Ontology and graph: CC BY 4.0" in head, name
