"""An rdflib graph copied into a pyoxigraph store, for the checks that run SPARQL at scale.

rdflib's SPARQL engine evaluates ``FILTER NOT EXISTS`` once per row, without indexes: the
project's checks grew with the square of the graph there (78 s at 10^4 triples for one
check). pyoxigraph answers the same queries in milliseconds. The copy keeps every term as
rdflib reads it: a typed literal (other than a plain string) goes in with its lexical form
under a private datatype, because pyoxigraph stores numbers and dates by value and would
give ``STR("50.0"^^xsd:decimal)`` as ``"50"`` where rdflib gives ``"50.0"``. So a check's
rows (``STR`` of any term included) are the same on both stores, provided the check does
not compute with typed values (``DATATYPE``, arithmetic, ``<`` on numbers), which none of
``graph/checks/*.rq`` does (``tests/graph/test_validate.py`` runs each on both).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..prefixes import PREFIX_IRIS

log = logging.getLogger(__name__)

#: Typed literals are stored under this datatype + their own (see the module docstring).
LEXICAL = "urn:kgenesis:lexical:"
_XSD_STRING = PREFIX_IRIS["xsd"] + "string"


def to_store(graph: Graph) -> Any:
    """A pyoxigraph ``Store`` (in memory) holding the triples of ``graph`` (its union, for a
    Dataset) in its default graph."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_extend(
        _quads(((s, p, o, None) for s, p, o in graph.triples((None, None, None))), lexical=True)
    )
    return store


def quads_of(graph: Graph) -> Iterator[Any]:
    """The quads of an rdflib graph (a Dataset's named graphs kept) as pyoxigraph quads,
    typed literals with their own datatype (for queries, not for the checks)."""
    from rdflib import Dataset
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    if not isinstance(graph, Dataset):
        return _quads(((s, p, o, None) for s, p, o in graph.triples((None, None, None))))

    def name(g: Any) -> Any:
        ident = getattr(g, "identifier", g)
        return None if ident is None or ident == DATASET_DEFAULT_GRAPH_ID else ident

    return _quads((s, p, o, name(g)) for s, p, o, g in graph.quads((None, None, None, None)))


def _quads(
    quads: Iterable[tuple[Node, Node, Node, Node | None]], *, lexical: bool = False
) -> Iterator[Any]:
    import pyoxigraph as ox

    named: dict[str, Any] = {}
    blank: dict[str, Any] = {}
    datatypes: dict[str, Any] = {}

    def resource(term: Node) -> Any:
        if isinstance(term, URIRef):
            node = named.get(term)
            if node is None:
                node = named[term] = ox.NamedNode(str(term))
            return node
        if isinstance(term, BNode):
            node = blank.get(term)
            if node is None:
                node = blank[term] = ox.BlankNode(_bnode_id(str(term)))
            return node
        raise TypeError(f"not an IRI or blank node: {term!r}")

    def value(term: Node) -> Any:
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is None or str(term.datatype) == _XSD_STRING:
                return ox.Literal(str(term))
            dt = datatypes.get(term.datatype)
            if dt is None:
                prefix = LEXICAL if lexical else ""
                dt = datatypes[term.datatype] = ox.NamedNode(prefix + str(term.datatype))
            return ox.Literal(str(term), datatype=dt)
        return resource(term)

    for s, p, o, g in quads:
        if g is None:
            yield ox.Quad(resource(s), resource(p), value(o))
        else:
            yield ox.Quad(resource(s), resource(p), value(o), resource(g))


def _bnode_id(label: str) -> str:
    """rdflib's blank node label, kept where pyoxigraph accepts it (letters, digits, _ -)."""
    return (
        label if label.replace("_", "").replace("-", "").isalnum() else "b" + label.encode().hex()
    )


def term_text(term: Any) -> str | None:
    """A result term of a check as rdflib's ``str()`` would give it (None if unbound)."""
    if term is None:
        return None
    return str(term.value)
