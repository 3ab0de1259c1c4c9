"""Namespaces and the prefixes bound in every graph, query and output."""

from __future__ import annotations

from rdflib import Graph, Namespace

from ..prefixes import PREFIX_IRIS, sparql_prolog

__all__ = ["KG", "KGO", "PREFIXES", "SCHEMA", "bind_prefixes", "new_graph", "sparql_prolog"]

#: Every prefix the project binds, as rdflib namespaces, in the order of ``PREFIX_IRIS``.
PREFIXES: dict[str, Namespace] = {p: Namespace(iri) for p, iri in PREFIX_IRIS.items()}
KG = PREFIXES["kg"]
KGO = PREFIXES["kgo"]
SCHEMA = PREFIXES["schema"]


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
