"""Evidence nodes: derive each fact's rdf:Statement from the quote block it is written in.

Curators write a fact once, inside the block of the quote that supports it: a TriG named
graph named after the ``kgo:Quote`` (``graph/evidence-*.trig``). The published graph asserts
every such fact and gives it the evidence node ``kg:stmt-<hash of S P O>`` (rdf:subject,
rdf:predicate, rdf:object, ``prov:wasDerivedFrom`` the quote): the same fact always gets the
same IRI, and several quotes for one fact meet on one node.

The older inline form, a blank node
``[ a rdf:Statement ; rdf:subject S ; rdf:predicate P ; rdf:object O ; prov:wasDerivedFrom Q ]``
beside a fact written elsewhere, is still read (users' own files may use it): each such
node becomes the same ``kg:stmt-<hash>`` IRI.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from rdflib import RDF, BNode, Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import PROV

from ..errors import SourceError
from .namespaces import KG, KGO, new_graph


def statement_iri(subject: URIRef, predicate: URIRef, obj: object) -> URIRef:
    """The stable IRI of the rdf:Statement node for one fact."""
    key = " ".join(term.n3() for term in (subject, predicate, obj))  # type: ignore[attr-defined]
    return KG[f"stmt-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"]


def derive_statements(graph: Graph | Sequence[Graph]) -> Graph:
    """The published graph: every fact of a quote block asserted, with its evidence node.

    ``graph`` is what the loader read: a Dataset where the sources have quote blocks (named
    graphs), else a plain Graph; or the files as parsed one by one (``load.parse_sources``),
    which saves the loader's merge. A named graph that is not a ``kgo:Quote`` is refused.
    Each triple is copied once (the merge, this copy and the blank-node pass each cost
    about as much as parsing at 10^6 triples).
    """
    parts = [graph] if isinstance(graph, Graph) else list(graph)
    plain = new_graph()
    add = plain.add
    blocks: dict[URIRef, list[tuple]] = {}
    blank = False
    for part in parts:
        if isinstance(part, Dataset):
            for s, p, o, g in part.quads((None, None, None, None)):
                name = getattr(g, "identifier", g)
                add((s, p, o))
                blank = blank or isinstance(s, BNode) or isinstance(o, BNode)
                if name is not None and name != DATASET_DEFAULT_GRAPH_ID:
                    if not isinstance(name, URIRef):
                        raise SourceError(
                            f"a quote block is named by a blank node ({p.n3()}); name it"
                        )
                    blocks.setdefault(name, []).append((s, p, o))
        else:
            for s, p, o in part.triples((None, None, None)):
                add((s, p, o))
                blank = blank or isinstance(s, BNode) or isinstance(o, BNode)
    for quote in sorted(blocks):
        if (quote, RDF.type, KGO.Quote) not in plain:
            raise SourceError(
                f"block {quote.n3(plain.namespace_manager)}: a named graph holds the facts of "
                "one quote, and this one is not described as a kgo:Quote; describe it (a "
                "kgo:Quote with kgo:quoteText, kgo:quotedFrom, dcterms:source, kgo:locator) "
                "or move its facts into the block of the quote that supports them"
            )
        for s, p, o in blocks[quote]:
            node = statement_iri(s, p, o)
            add((node, RDF.type, RDF.Statement))
            add((node, RDF.subject, s))
            add((node, RDF.predicate, p))
            add((node, RDF.object, o))
            add((node, PROV.wasDerivedFrom, quote))
    # without a blank node there is nothing to skolemize or refuse: no second copy
    return skolemize_statements(plain) if blank else plain


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
