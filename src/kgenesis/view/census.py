"""A whole graph's census in one streaming pass: which entities a whole view would draw,
their classes and the facts between them, without building the rdflib graph or the view
model.

``kgenesis view`` reads it before anything else: it says how many nodes the page would
have (to refuse an oversized ``--force`` early) and is all the summary page needs (issue
13: a 20,000-node graph summarised within 2× pyoxigraph's own parse of the file). The
rules are the projection's (``analysis.projection``: ``classify``, ``primary_class``,
``BOOKKEEPING``, ``DETAIL``, ``NOT_FACTS``, ``LABELS``), applied to pyoxigraph's terms as
they stream by; a test holds the census to the view model on the same graphs. One
simplification: an entity named only by the subject or object of an ``rdf:Statement``
counts as cited by evidence, whatever the statement's own type.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis.projection import (
    BOOKKEEPING,
    DETAIL,
    LABELS,
    NOT_FACTS,
    primary_class,
)  # fmt: skip
from ..collector import paused
from ..graph.namespaces import KGO
from ..prefixes import PREFIX_IRIS

log = logging.getLogger(__name__)

_RDF, _RDFS = PREFIX_IRIS["rdf"], PREFIX_IRIS["rdfs"]
_TYPE = _RDF + "type"
_SUBCLASS = _RDFS + "subClassOf"
#: What evidence bookkeeping says about a fact: never a link between two nodes.
_STATED = (_RDF + "subject", _RDF + "object")
_SKIPPED = (_RDF + "predicate", PREFIX_IRIS["prov"] + "wasDerivedFrom")
#: Statement nodes are the bulk of a published graph's typed nodes and never entities.
_STATEMENT = _RDF + "Statement"


@dataclass
class Census:
    """What a whole view of a graph draws: entities (IRI → types), the facts between them,
    and the labels and class hierarchy the summary needs (as a small rdflib graph)."""

    entities: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: (subject, property, object) IRIs, each once, in the files' order.
    facts: list[tuple[str, str, str]] = field(default_factory=list)
    subclass: list[tuple[str, str]] = field(default_factory=list)
    #: The rdfs:label and skos:prefLabel quads, as parsed (read for the few terms shown).
    labelled: list[Any] = field(default_factory=list, repr=False)

    def classes(self) -> dict[str, str]:
        """Each entity's most telling class (``projection.primary_class``)."""
        from rdflib import URIRef

        picked: dict[tuple[str, ...], str] = {}
        out = {}
        for entity, types in self.entities.items():
            if types not in picked:
                picked[types] = str(primary_class([URIRef(t) for t in types]))
            out[entity] = picked[types]
        return out

    def degrees(self) -> Counter[str]:
        """Facts per entity, either direction."""
        found: Counter[str] = Counter()
        for s, _, o in self.facts:
            found[s] += 1
            found[o] += 1
        return found

    def graph(self, terms: Iterable[str]) -> Any:
        """A small rdflib graph holding the labels of ``terms`` and the class hierarchy,
        for ``projection.labels`` and ``style.style`` to read as they read the full one."""
        import pyoxigraph as ox
        from rdflib import Graph, Literal, URIRef

        wanted = {ox.NamedNode(t) for t in terms}
        g = Graph()
        for q in self.labelled:
            if q.subject in wanted:
                text, lang = q.object.value, q.object.language
                g.add(
                    (URIRef(q.subject.value), URIRef(q.predicate.value), Literal(text, lang=lang))
                )
        for sub, sup in self.subclass:
            g.add((URIRef(sub), URIRef(_SUBCLASS), URIRef(sup)))
        return g


def census_files(paths: Sequence[Path], max_size: int | None) -> Census | None:
    """The census of RDF files pyoxigraph parses itself (Turtle, TriG, N-Triples, N-Quads),
    read as a stream; None for other formats (the caller loads them as before). Each file
    is checked and its errors named as the store reads them (``sparql.store``)."""
    import pyoxigraph as ox

    from ..sparql.store import NATIVE, native_format, reading

    if any(path.suffix.lower() not in NATIVE for path in paths):
        return None
    formats = [native_format(path, max_size) for path in paths]  # sized, not empty
    tally = _Tally()
    with paused():
        for path, rdf_format in zip(paths, formats, strict=True):
            with reading(path):
                tally.feed(ox.parse(path=str(path), format=rdf_format))
        return tally.settle()


def census_graph(graph: Any) -> Census:
    """The census of an rdflib graph already loaded (the built graph, JSON-LD, RDF/XML)."""
    from ..graph.oxstore import quads_of

    return census(quads_of(graph))


def census(quads: Iterable[Any]) -> Census:
    """The census of pyoxigraph quads (or triples)."""
    tally = _Tally()
    with paused():
        tally.feed(quads)
        return tally.settle()


class _Tally:
    """What one pass keeps of the triples: types, links between IRIs, labels, and what
    evidence statements name. Per triple, one dictionary look-up of the predicate; strings
    are made only for what is kept (0.8 s for 4·10^5 triples, 0.35 s of it the parse)."""

    def __init__(self) -> None:
        import pyoxigraph as ox

        node = ox.NamedNode
        self.kinds = {node(_TYPE): 0, **{node(p): 1 for p in _STATED}}
        self.kinds.update({node(p): 2 for p in _SKIPPED})
        self.kinds.update({node(str(p)): 3 for p in LABELS})
        self.types: dict[Any, list[Any]] = {}
        self.links: list[tuple[Any, Any, Any]] = []
        self.labelled: list[Any] = []
        self.stated: set[Any] = set()

    def feed(self, quads: Iterable[Any]) -> None:
        import pyoxigraph as ox

        node, statement, types = ox.NamedNode, ox.NamedNode(_STATEMENT), self.types
        kind_of, link = self.kinds.get, self.links.append
        label, state = self.labelled.append, self.stated.add
        for q in quads:
            p = q.predicate
            k = kind_of(p)
            if k is None:
                o = q.object
                if type(o) is node:
                    link((q.subject, p, o))
            elif k == 0:
                o = q.object
                if type(o) is node and o != statement:
                    types.setdefault(q.subject, []).append(o)
            elif k == 1:
                state(q.object)
            elif k == 3:
                label(q)

    def settle(self) -> Census:
        return _settle(self.types, self.links, self.labelled, self.stated)


def _settle(
    types: dict[Any, list[Any]],
    links: list[tuple[Any, Any, Any]],
    labelled: list[Any],
    stated: set[Any],
) -> Census:
    """``projection.classify``'s rules on what the pass kept."""
    import pyoxigraph as ox

    node = ox.NamedNode
    sub_of = node(_SUBCLASS)
    subclass = sorted({(s.value, o.value) for s, p, o in links if p == sub_of and type(s) is node})
    bookkeeping = {str(c) for c in BOOKKEEPING}
    todo = [str(KGO.SourceDocument)]
    while todo:  # rdfs:subClassOf* kgo:SourceDocument
        sup = todo.pop()
        for sub, above in subclass:
            if above == sup and sub not in bookkeeping:
                bookkeeping.add(sub)
                todo.append(sub)
    detail, kgo = {str(c) for c in DETAIL}, str(KGO)
    by_types: dict[tuple[Any, ...], tuple[str, ...]] = {}
    entities: dict[Any, tuple[str, ...]] = {}
    details: set[Any] = set()
    keeper: set[Any] = set()  # typed as bookkeeping: what cites a source-only entity
    for term, found in types.items():
        key = tuple(found)
        names = by_types.get(key)
        if names is None:
            names = by_types[key] = tuple(sorted({t.value for t in found}))
        if not bookkeeping.isdisjoint(names):
            keeper.add(term)
        elif type(term) is node and not term.value.startswith(kgo):
            if detail.isdisjoint(names):
                entities[term] = names
            else:
                details.add(term)
    # every node's IRI made once: from here on sets of str, whose hashes Python keeps
    iri = {e: e.value for e in entities}
    drawable = set(iri.values())
    iri.update({d: d.value for d in details})
    get_iri, not_facts = iri.get, {str(p) for p in NOT_FACTS}
    props: dict[Any, str] = {}  # property → its IRI, or "" where it states no fact
    linked: set[str] = set()
    cited = {iri[o] for o in stated if o in iri}
    facts = []
    for s, p, o in links:
        o_iri = get_iri(o)
        if o_iri is None:
            continue
        s_iri = get_iri(s)
        if s_iri is None:
            if s in keeper:
                cited.add(o_iri)
            continue
        linked.add(s_iri)
        linked.add(o_iri)
        prop = props.get(p)
        if prop is None:
            prop = props[p] = "" if p.value in not_facts else p.value
        if prop and s_iri in drawable and o_iri in drawable:
            facts.append((s_iri, prop, o_iri))
    drawn = {e for e in drawable if e in linked or e not in cited}
    out = Census(subclass=subclass, labelled=labelled)
    out.entities = {iri[e]: types for e, types in entities.items() if iri[e] in drawn}
    # in the files' order (what reads them counts, or sorts); a fact in two files once
    out.facts = list(dict.fromkeys(f for f in facts if f[0] in drawn and f[2] in drawn))
    log.info("census: %d entities drawn, %d facts", len(drawn), len(out.facts))
    return out
