"""Evidence nodes: give each reified fact (rdf:Statement) a stable IRI.

Curated files write a fact's evidence as a blank node
``[ a rdf:Statement ; rdf:subject S ; rdf:predicate P ; rdf:object O ; prov:wasDerivedFrom Q ]``.
Blank-node labels change from parse to parse, so before anything is written each such node
becomes ``kg:stmt-<hash of S P O>``: the same fact always gets the same IRI, and several
quotes for one fact meet on one node.
"""

from __future__ import annotations

import hashlib

from rdflib import RDF, BNode, Graph, URIRef

from .errors import SourceError
from .namespaces import KG, new_graph


def statement_iri(subject: URIRef, predicate: URIRef, obj: object) -> URIRef:
    """The stable IRI of the rdf:Statement node for one fact."""
    key = " ".join(term.n3() for term in (subject, predicate, obj))  # type: ignore[attr-defined]
    return KG[f"stmt-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"]


def skolemize_statements(graph: Graph) -> Graph:
    """Return a copy of ``graph`` with every reification blank node replaced by its stable IRI.

    Any other blank node is refused: curated data names its nodes (stable, readable IRIs).
    """
    mapping: dict[BNode, URIRef] = {}
    for node in set(graph.subjects(RDF.type, RDF.Statement)):
        if not isinstance(node, BNode):
            continue
        parts = [graph.value(node, prop) for prop in (RDF.subject, RDF.predicate, RDF.object)]
        if any(p is None for p in parts) or not isinstance(parts[1], URIRef):
            raise SourceError(
                "an rdf:Statement evidence node lacks rdf:subject, rdf:predicate or rdf:object; "
                f"complete it (it has: {', '.join(t.n3() for t in parts if t is not None)})"
            )
        mapping[node] = statement_iri(parts[0], parts[1], parts[2])  # type: ignore[arg-type]
    out = new_graph()
    for s, p, o in graph:
        s2 = mapping.get(s, s) if isinstance(s, BNode) else s
        o2 = mapping.get(o, o) if isinstance(o, BNode) else o
        for term in (s2, o2):
            if isinstance(term, BNode):
                raise SourceError(
                    f"blank node in curated data (in a triple with predicate {p.n3()}); "
                    "give the node an IRI under kg: (only evidence statements may be blank)"
                )
        out.add((s2, p, o2))
    return out
