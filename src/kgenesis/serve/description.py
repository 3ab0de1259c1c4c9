"""The SPARQL 1.1 Service Description of ``kgenesis serve``: what ``GET /sparql`` without a
query answers (https://www.w3.org/TR/sparql11-service-description/)."""

from __future__ import annotations

from .. import formats
from .protocol import GRAPH_FORMATS, ROW_FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
#: The W3C's IRIs of result and RDF formats (https://www.w3.org/ns/formats/).
FORMAT_IRIS = {
    ("rows", "json"): "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    ("rows", "xml"): "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    ("rows", "csv"): "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    ("rows", "tsv"): "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    ("graph", "turtle"): "http://www.w3.org/ns/formats/Turtle",
    ("graph", "jsonld"): "http://www.w3.org/ns/formats/JSON-LD",
    ("graph", "nt"): "http://www.w3.org/ns/formats/N-Triples",
    ("graph", "xml"): "http://www.w3.org/ns/formats/RDF_XML",
    ("graph", "trig"): "http://www.w3.org/ns/formats/TriG",
    ("graph", "nq"): "http://www.w3.org/ns/formats/N-Quads",
}


def describe(endpoint: str, triples: int, about: str, fmt: str = "turtle") -> bytes:
    """The service description of the endpoint at ``endpoint`` (its absolute URL) in ``fmt``,
    by the one serializer (``kgenesis.export``)."""
    from rdflib import BNode, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, RDF, XSD

    from ..export import serialize

    sd, void = Namespace(SD), Namespace(VOID)
    graph = Graph(bind_namespaces="none")
    graph.bind("sd", sd)
    graph.bind("void", void)
    graph.bind("dcterms", DCTERMS)
    graph.bind("xsd", XSD)
    service = URIRef(endpoint)
    # blank nodes get canonical labels in the serializer
    dataset, default = BNode("dataset"), BNode("default-graph")
    graph.add((service, RDF.type, sd.Service))
    graph.add((service, sd.endpoint, service))
    graph.add((service, sd.supportedLanguage, sd.SPARQL11Query))
    for kind, names in (("rows", ROW_FORMATS), ("graph", GRAPH_FORMATS)):
        for name in names:
            graph.add((service, sd.resultFormat, URIRef(FORMAT_IRIS[(kind, name)])))
    graph.add((service, sd.defaultDataset, dataset))
    graph.add((dataset, RDF.type, sd.Dataset))
    graph.add((dataset, sd.defaultGraph, default))
    graph.add((default, RDF.type, sd.Graph))
    graph.add((default, void.triples, Literal(triples, datatype=XSD.integer)))
    graph.add(
        (
            service,
            DCTERMS.description,
            Literal(
                f"kgenesis serve: {about}. Read-only: updates, SERVICE, LOAD, FROM and "
                "FROM NAMED are refused; each query has a time limit and a result-size cap.",
                lang="en",
            ),
        )
    )
    spec = formats.by_name(fmt, formats.GRAPH)
    assert spec is not None
    return serialize(graph, spec.name)
