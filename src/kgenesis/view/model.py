"""The view's model: which nodes and facts a view shows, with their labels and evidence.

Nodes are the graph's entities; literals, helper nodes (time instants, intervals) and the
evidence bookkeeping (rdf:Statement, kgo:Quote, source documents) become details of the
entities instead. ``select`` picks the overview, a neighbourhood (``--focus``) or a
CONSTRUCT result; ``resolve_entity`` finds an entity by IRI, prefixed name or label.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..analysis.facts import read_quote
from ..analysis.names import resolve
from ..analysis.projection import (
    ENTITY,
    LABELS,
    LANGS,
    SOURCE_ONLY,
    classify,
    curie,
    entity_view,
    evidence_index,
    labels,
    primary_class,
    project,
)  # fmt: skip
from ..errors import UsageError
from .census import LARGE_VIEW

__all__ = [
    "LANGS",
    "LARGE_VIEW",
    "Selection",
    "ViewModel",
    "curie",
    "labels",
    "resolve_entity",
    "select",
]

log = logging.getLogger(__name__)



@dataclass(frozen=True)
class Selection:
    """What to draw: these entities, and the facts (s, p, o) between them."""

    nodes: frozenset[URIRef]
    edges: frozenset[tuple[URIRef, URIRef, URIRef]]
    #: The model it was selected from, so the page does not build it again.
    model: _Model | None = field(default=None, compare=False, repr=False)


class _Model:
    """The view model of one graph: which terms are entities, their labels and evidence."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        kinds = classify(graph)
        #: The analyses' projection: its entity nodes and relations are what the view draws.
        index = evidence_index(graph)
        self.projection = project(graph, kinds, index)
        self.entities: dict[URIRef, list[URIRef]] = kinds.entities
        #: Shown inside the details of what points to them (a measure's target), not as nodes.
        self.inline: set[URIRef] = set(kinds.details)
        #: Entities that sources name (a publisher) but that no fact links to another entity.
        self.evidence_only = kinds.source_only
        self._labels: dict[URIRef, dict[str, str]] = {}
        quotes: dict[Node, dict] = {}
        self.evidence: dict[tuple, list[dict]] = {}
        for key, found in index.items():  # the analyses' index, read once
            for q in found:
                if q not in quotes:
                    quotes[q] = self._quote(q)
            self.evidence[key] = [quotes[q] for q in found]

    def label(self, term: URIRef) -> dict[str, str]:
        if term not in self._labels:
            self._labels[term] = labels(self.graph, term)
        return self._labels[term]

    def primary_class(self, entity: URIRef) -> URIRef:
        """The most telling class: a kgo: class first, then any other, sorted by IRI."""
        return primary_class(self.entities[entity])

    def _quote(self, quote: Node) -> dict:
        """A quote and every source document it cites, as the page's JSON (``facts.read_quote``
        reads it, as for ``kgenesis path`` and the facts CSV; absent values are null)."""
        q = read_quote(self.graph, quote)
        entry: dict = {
            "id": curie(quote),
            "quote": q.text or None,
            "locator": q.locator or None,
            "sources": [
                {
                    "title": s.title or None,
                    "publisher": s.publisher,
                    "date": s.date or None,
                    "url": s.url or None,
                    "address": s.address or None,
                }
                for s in q.sources
            ],
        }
        if q.translation:
            entry["translation"] = q.translation
        return entry

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
            self.graph.value(obj, p) is not None for p in LABELS
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
    model: _Model | None = None,
) -> Selection:
    """The entities and facts to draw: all, a neighbourhood, or a CONSTRUCT result's.
    ``model`` (``ViewModel(graph)``) saves building it again when the caller has one."""
    return _select(model or _Model(graph), focus=focus, depth=depth, construct=construct)


def _select(
    model: _Model, *, focus: URIRef | None, depth: int, construct: Graph | None
) -> Selection:
    entities = set(model.entities)
    if construct is not None:
        # .triples(), never plain iteration: a TriG/N-Quads input is a Dataset (quads)
        facts = {
            (s, p, o)
            for s, p, o in construct.triples((None, None, None))
            if p != RDF.type and s in entities and o in entities
        }
        nodes: set[Any] = {  # URIRefs: entities are named
            t for s, _, o in construct.triples((None, None, None)) for t in (s, o) if t in entities
        }
    else:
        proj = model.projection
        facts = {
            (URIRef(s), URIRef(proj.edges[s, o, k]["property"]), URIRef(o))
            for s, o, k in proj.edges(keys=True)
            if URIRef(s) in entities and URIRef(o) in entities
        }
        if focus is not None:
            if focus not in entities:
                raise UsageError(f"{curie(focus)} is not an entity of the graph")
            nodes = _neighbourhood(model, focus, depth)
        else:  # the overview leaves out what only evidence metadata names (publishers)
            nodes = entities - model.evidence_only
    edges = {f for f in facts if f[0] in nodes and f[2] in nodes}
    return Selection(frozenset(nodes), frozenset(edges), model)  # type: ignore[arg-type]


def _neighbourhood(model: _Model, start: URIRef, depth: int) -> set[URIRef]:
    """The entities at most ``depth`` relations from ``start``, either direction (networkx)."""
    import networkx as nx

    around = entity_view(model.projection, roles=(ENTITY, SOURCE_ONLY))
    return {URIRef(n) for n in nx.ego_graph(around, str(start), radius=depth)}


def resolve_entity(graph: Graph, text: str, model: _Model | None = None) -> URIRef:
    """An entity named by IRI (``<…>`` or absolute), prefixed name, or Korean/English label
    (``analysis.names.resolve``, the same rules as ``kgenesis path``)."""
    entities = model.entities if model is not None else classify(graph).entities
    return resolve(graph, text, entities, option="--focus")


def refuse_large(selection: Selection, advice: str) -> None:
    """A UsageError where ``selection`` has more than LARGE_VIEW nodes (``advice`` says what
    to draw instead): what every page of a graph is held to."""
    if len(selection.nodes) > LARGE_VIEW:
        raise UsageError(
            f"the view would have {len(selection.nodes)} nodes (more than {LARGE_VIEW}); {advice}"
        )


#: The view model of a graph, for callers that select and render from one (``select``).
ViewModel = _Model
