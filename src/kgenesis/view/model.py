"""The view's model: which nodes and facts a view shows, with their labels and evidence.

Nodes are the graph's entities; literals, helper nodes (time instants, intervals) and the
evidence bookkeeping (rdf:Statement, kgo:Quote, source documents) become details of the
entities instead. ``select`` picks the overview, a neighbourhood (``--focus``) or a
CONSTRUCT result; ``resolve_entity`` finds an entity by IRI, prefixed name or label.
"""

from __future__ import annotations

import json
import logging
import re
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SH, SKOS, TIME
from rdflib.term import Node

from ..errors import UsageError
from ..graph.namespaces import KGO, PREFIXES, SCHEMA
from ..prefixes import shorten
from ..terms import pick_text

log = logging.getLogger(__name__)

LANGS = ("ko", "en")
DEFAULT_TITLE = "kgenesis"
#: Above this many nodes ``kgenesis view`` refuses unless ``--force`` (see commands/view.py).
LARGE_VIEW = 2000

#: Classes whose instances are bookkeeping or vocabulary, never nodes of the view.
#: Classes whose instances appear in the details of the entity that points to them: a
#: target's number, unit and deadline belong to its measure, not to a loose node.
_INLINE = frozenset({KGO.QuantitativeTarget})

_BOOKKEEPING = frozenset(
    {
        RDF.Statement, RDF.Property, RDFS.Class, RDFS.Datatype, KGO.Quote, KGO.SourceDocument,
        OWL.Class, OWL.Ontology, OWL.ObjectProperty, OWL.DatatypeProperty,
        OWL.AnnotationProperty, OWL.FunctionalProperty, OWL.TransitiveProperty,
        OWL.SymmetricProperty, OWL.InverseFunctionalProperty, OWL.Restriction,
        SH.NodeShape, SH.PropertyShape, TIME.Instant, TIME.Interval, TIME.ProperInterval,
        TIME.TemporalEntity, TIME.DateTimeDescription, TIME.Duration,
    }
)  # fmt: skip
#: Types that say nothing about what an entity is (ignored when picking its class).
_UNINFORMATIVE = frozenset({OWL.NamedIndividual, OWL.Thing, RDFS.Resource})
_LABELS = (RDFS.label, SKOS.prefLabel)


@dataclass(frozen=True)
class Selection:
    """What to draw: these entities, and the facts (s, p, o) between them."""

    nodes: frozenset[URIRef]
    edges: frozenset[tuple[URIRef, URIRef, URIRef]]


def curie(iri: URIRef | str) -> str:
    """``kg:bae-kyunghoon`` for a bound namespace, else ``<iri>`` (``prefixes.shorten``)."""
    return shorten(str(iri))


def labels(graph: Graph, term: URIRef) -> dict[str, str]:
    """Korean and English labels of ``term`` (rdfs:label, then skos:prefLabel), with fallbacks."""
    found: dict[str, str | None] = {lang: None for lang in LANGS}
    plain: str | None = None
    for prop in _LABELS:
        values = list(graph.objects(term, prop))
        for lang in LANGS:
            found[lang] = found[lang] or pick_text(values, lang)
        untagged = sorted(str(v) for v in values if isinstance(v, Literal) and not v.language)
        plain = plain or (untagged[0] if untagged else None)
    fallback = found["ko"] or found["en"] or plain or curie(term)
    return {lang: found[lang] or plain or fallback for lang in LANGS}


class _Model:
    """The view model of one graph: which terms are entities, their labels and evidence."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        bookkeeping = set(_BOOKKEEPING)
        todo = [KGO.SourceDocument]
        while todo:  # rdfs:subClassOf* kgo:SourceDocument
            for sub in graph.subjects(RDFS.subClassOf, todo.pop()):
                if isinstance(sub, URIRef) and sub not in bookkeeping:
                    bookkeeping.add(sub)
                    todo.append(sub)
        self.entities: dict[URIRef, list[URIRef]] = {}
        #: Shown inside the details of what points to them (a measure's target), not as nodes.
        self.inline: set[URIRef] = set()
        for s in set(graph.subjects(RDF.type, None)):
            if not isinstance(s, URIRef) or str(s).startswith(str(KGO)):
                continue
            types = sorted(t for t in graph.objects(s, RDF.type) if isinstance(t, URIRef))
            if _INLINE.intersection(types):
                self.inline.add(s)
            elif types and not bookkeeping.intersection(types):
                self.entities[s] = types
        #: Entities that sources name (a publisher) but that no fact links to another entity.
        self.evidence_only = {
            e
            for e in self.entities
            if any(
                isinstance(s, URIRef | BNode)
                and bookkeeping.intersection(graph.objects(s, RDF.type))
                for s in graph.subjects(None, e)
            )
            and not any(o in self.entities for o in graph.objects(e, None))
            and not any(s in self.entities for s in graph.subjects(None, e))
        }
        self._labels: dict[URIRef, dict[str, str]] = {}
        self.evidence: dict[tuple, list[dict]] = defaultdict(list)
        for st in sorted(set(graph.subjects(RDF.type, RDF.Statement)), key=str):
            key = tuple(graph.value(st, p) for p in (RDF.subject, RDF.predicate, RDF.object))
            for quote in sorted(graph.objects(st, PROV.wasDerivedFrom), key=str):
                if isinstance(quote, URIRef | BNode):
                    self.evidence[key].append(self._quote(quote))

    def label(self, term: URIRef) -> dict[str, str]:
        if term not in self._labels:
            self._labels[term] = labels(self.graph, term)
        return self._labels[term]

    def primary_class(self, entity: URIRef) -> URIRef:
        """The most telling class: a kgo: class first, then any other, sorted by IRI."""
        types = [t for t in self.entities[entity] if t not in _UNINFORMATIVE] or self.entities[
            entity
        ]
        ours = [t for t in types if str(t).startswith(str(KGO))]
        return (ours or types)[0]

    def _quote(self, quote: URIRef | BNode) -> dict:
        """A quote and every source document it cites (sorted: the page bytes stay stable)."""
        g = self.graph
        texts = list(g.objects(quote, KGO.quoteText))
        entry: dict = {
            "quote": pick_text(texts, "ko") or pick_text(texts, "en") or _first(texts),
            "locator": _first(g.objects(quote, KGO.locator)),
            "sources": [
                self._source(doc) for doc in sorted(g.objects(quote, DCTERMS.source), key=str)
            ],
        }
        return entry

    def _source(self, doc: Node) -> dict:
        g = self.graph
        titles = list(g.objects(doc, DCTERMS.title))
        publishers = sorted(p for p in g.objects(doc, DCTERMS.publisher) if isinstance(p, URIRef))
        url = _first(g.objects(doc, SCHEMA.url))
        return {
            "title": pick_text(titles, "ko") or pick_text(titles, "en") or _first(titles),
            "publisher": self.label(publishers[0]) if publishers else None,
            "date": _first(g.objects(doc, DCTERMS.issued)),
            "url": url if url and re.match(r"https?://", url) else None,
            "address": url,
        }

    def value(self, obj: object, drawn: frozenset[URIRef], depth: int = 0) -> dict:
        """One property value for the details panel (helper nodes nested, a few levels deep)."""
        if isinstance(obj, Literal):
            out = {"t": "lit", "text": str(obj)}
            if obj.language:
                out["lang"] = obj.language
            elif obj.datatype is not None:
                out["dt"] = curie(obj.datatype)
            return out
        if isinstance(obj, URIRef) and obj in drawn:
            return {"t": "node", "id": str(obj)}
        if isinstance(obj, URIRef) and obj in self.inline and depth < 2:
            return {"t": "nested", "facts": self.facts(obj, drawn, depth + 1)}
        labelled = isinstance(obj, URIRef) and any(
            self.graph.value(obj, p) is not None for p in _LABELS
        )
        if isinstance(obj, URIRef) and (obj in self.entities or labelled or depth >= 2):
            return {"t": "iri", "curie": curie(obj), **self.label(obj)}
        facts = [] if depth >= 2 else self.facts(obj, drawn, depth + 1)  # type: ignore[arg-type]
        if isinstance(obj, URIRef) and not facts:
            return {"t": "iri", "curie": curie(obj), **self.label(obj)}
        return {"t": "nested", "facts": facts}

    def facts(self, subject: URIRef | BNode, drawn: frozenset[URIRef], depth: int = 0) -> list:
        """Every property and value of ``subject``, each with its evidence, sorted."""
        rows = []
        for p, o in self.graph.predicate_objects(subject):
            fact = {"p": curie(str(p)), "v": self.value(o, drawn, depth)}
            ev = self.evidence.get((subject, p, o))
            if ev:
                fact["ev"] = sorted(ev, key=_dumps)
            rows.append(fact)
        return sorted(rows, key=_dumps)


def _first(values: Iterable[object]) -> str | None:
    found = sorted(str(v) for v in values)
    return found[0] if found else None


def _dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def select(
    graph: Graph,
    *,
    focus: URIRef | None = None,
    depth: int = 1,
    construct: Graph | None = None,
) -> Selection:
    """The entities and facts to draw: all, a neighbourhood, or a CONSTRUCT result's."""
    return _select(_Model(graph), focus=focus, depth=depth, construct=construct)


def _select(
    model: _Model, *, focus: URIRef | None, depth: int, construct: Graph | None
) -> Selection:
    # .triples(), never plain iteration: a TriG/N-Quads input is a Dataset, which yields quads
    source = construct if construct is not None else model.graph
    facts = {
        (s, p, o)
        for s, p, o in source.triples((None, None, None))
        if p != RDF.type and s in model.entities and o in model.entities
    }
    nodes: set[Any]  # URIRefs: entities are named
    if construct is not None:
        nodes = {
            t
            for s, _, o in construct.triples((None, None, None))
            for t in (s, o)
            if t in model.entities
        }
    elif focus is not None:
        if focus not in model.entities:
            raise UsageError(f"{curie(focus)} is not an entity of the graph")
        nodes = _neighbourhood(focus, facts, depth)
    else:  # the overview leaves out what only evidence metadata names (publishers)
        nodes = set(model.entities) - model.evidence_only
    edges = {f for f in facts if f[0] in nodes and f[2] in nodes}
    return Selection(frozenset(nodes), frozenset(edges))  # type: ignore[arg-type]


def _neighbourhood(start: URIRef, facts: set, depth: int) -> set[URIRef]:
    adjacent: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, _, o in facts:
        adjacent[s].add(o)
        adjacent[o].add(s)
    seen, frontier = {start}, deque([(start, 0)])
    while frontier:
        node, dist = frontier.popleft()
        if dist < depth:
            for nxt in sorted(adjacent[node] - seen):
                seen.add(nxt)
                frontier.append((nxt, dist + 1))
    return seen


def resolve_entity(graph: Graph, text: str) -> URIRef:
    """An entity named by IRI (``<…>`` or absolute), prefixed name, or Korean/English label."""
    model = _Model(graph)
    text = text.strip()
    iri: URIRef | None = None
    if text.startswith("<") and text.endswith(">"):
        iri = URIRef(text[1:-1])
    elif re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        iri = URIRef(text)
    elif ":" in text and text.split(":", 1)[0] in PREFIXES:
        prefix, local = text.split(":", 1)
        iri = URIRef(str(PREFIXES[prefix]) + local)
    if iri is not None and iri in model.entities:
        return iri
    wanted = text.casefold()
    exact, partial = [], []
    for entity in sorted(model.entities):
        names = {
            str(v).casefold()
            for p in (*_LABELS, SKOS.altLabel)
            for v in graph.objects(entity, p)
            if isinstance(v, Literal)
        }
        if wanted in names:
            exact.append(entity)
        elif any(wanted in n for n in names):
            partial.append(entity)
    if len(exact) == 1:
        return exact[0]  # a label that looks like an IRI (<img …>) still names its entity
    if iri is not None:
        raise UsageError(f"--focus {text}: {curie(iri)} is not an entity of the graph")
    if exact:
        several = ", ".join(curie(e) for e in exact[:10])
        raise UsageError(f"--focus {text}: several entities have this label ({several}); pick one")
    hint = f"; did you mean {', '.join(curie(e) for e in partial[:10])}?" if partial else ""
    raise UsageError(f"--focus {text}: no entity has this label{hint}")
