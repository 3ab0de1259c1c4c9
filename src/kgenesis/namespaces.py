"""Namespaces and the prefixes bound in every graph, query and output."""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD

KG = Namespace("https://w3id.org/kgenesis/id/")
KGO = Namespace("https://w3id.org/kgenesis/ontology#")
SCHEMA = Namespace("https://schema.org/")

#: Every prefix the project binds, in a fixed order (outputs and queries use these names).
PREFIXES: dict[str, Namespace] = {
    "kg": KG,
    "kgo": KGO,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "schema": SCHEMA,
    "foaf": Namespace(str(FOAF)),
    "org": Namespace(str(ORG)),
    "prov": Namespace(str(PROV)),
    "dcterms": Namespace(str(DCTERMS)),
    "time": Namespace(str(TIME)),
    "sh": Namespace(str(SH)),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind exactly the project's prefixes (replacing rdflib's defaults) and return the graph."""
    nm = graph.namespace_manager
    for prefix, ns in PREFIXES.items():
        nm.bind(prefix, ns, override=True, replace=True)
    return graph


def new_graph() -> Graph:
    """An empty graph that binds only the project's prefixes (no ``ns1:``, no rdflib extras)."""
    graph = Graph(bind_namespaces="none")
    return bind_prefixes(graph)


def sparql_prolog() -> str:
    """``PREFIX`` declarations for every bound prefix, to put before a user's query."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
