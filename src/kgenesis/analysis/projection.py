"""The one networkx projection of the graph: entities as nodes, relations as typed edges.

Every analysis (``stats``, ``rank``, ``path``, ``communities``), the network exports
(GraphML, GEXF, CSV) and the view's neighbourhoods and components read this projection.

- **Nodes** are the graph's entities (typed IRIs outside the ontology), each with its
  ``class`` (the most telling one), all its ``classes``, its labels per language
  (``label_ko``, ``label_en``), alternative names (``alt_ko``, ``alt_en``) and its literal
  values as attributes (``kgo_targetValue``, ``kgo_purpose_en``…). A ``role`` says what
  kind of node it is: ``entity``; ``detail`` (a quantitative target, drawn inside its
  measure in the view); ``source-only`` (named only by source metadata, a publisher).
- **Edges** are the facts between two nodes, directed subject → object, keyed by the
  property's prefixed name, carrying the ``property`` IRI, its labels, the quotes that
  are its ``evidence`` and its ``origin`` (article, outside, both, none).
- Evidence bookkeeping (``rdf:Statement``, ``kgo:Quote``, source documents), ontology
  terms and helper nodes (time instants) are never nodes: they are kept out of the
  topology, so a path never runs through a quote or a publisher's source.

Nodes and edges are added in sorted order, so every algorithm that follows the graph's
order (Louvain with a seed, shortest paths) gives the same answer under any hash seed.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.namespace import OWL, PROV, SH, SKOS, TIME
from rdflib.term import Node

from ..graph.namespaces import KG, KGO
from ..prefixes import curie
from ..terms import LANGS, labels_from
from . import rules
from .rules import primary_class

if TYPE_CHECKING:
    import networkx as nx

    from .triples import Readable

log = logging.getLogger(__name__)

#: The article the project starts from: evidence quoted from it is "article" evidence.
ARTICLE = KG["src-joongang-2025-12-18"]

#: rdflib's namespaces whose terms rdflib makes once (``RDF.type is RDF.type``).
_DEFINED = (RDF, RDFS, OWL, SKOS, PROV, SH, TIME)
_MADE: dict[str, URIRef] = {}


def _term(iri: str) -> URIRef:
    """One object per IRI: rdflib's own for its defined namespaces, else made once. The
    rules' sets then hold the very objects the look-ups use (see ``VOCABULARY``)."""
    term = _MADE.get(iri)
    if term is None:
        base = next((ns for ns in _DEFINED if iri.startswith(str(ns))), None)
        term = getattr(base, iri[len(str(base)) :]) if base is not None else URIRef(iri)
        _MADE[iri] = term
    return term


# the rules (``rules``, as strings) as rdflib terms, for look-ups in rdflib graphs
BOOKKEEPING = frozenset(map(_term, rules.BOOKKEEPING))
DETAIL = frozenset(map(_term, rules.DETAIL))
UNINFORMATIVE = frozenset(map(_term, rules.UNINFORMATIVE))
LABELS = tuple(map(_term, rules.LABELS))
NOT_FACTS = frozenset(map(_term, rules.NOT_FACTS))
ALT_LABEL = SKOS.altLabel
# looked up once: an rdflib namespace's attribute costs a call, 10^5 times in a large graph
_TYPE, _DERIVED_FROM = RDF.type, PROV.wasDerivedFrom
_QUOTED_FROM, _SOURCE_DOCUMENT = _term(KGO + "quotedFrom"), _term(KGO + "SourceDocument")
_SUBJECT, _PREDICATE, _OBJECT = RDF.subject, RDF.predicate, RDF.object

#: Of those, what is neither an edge nor a node attribute (names and classes have their own
#: attributes; scheme membership and definitions become attributes, not edges).
NOT_ATTRIBUTES = frozenset(
    {RDF.type, *LABELS, SKOS.altLabel, RDF.subject, RDF.predicate, RDF.object, PROV.wasDerivedFrom}
)

ENTITY, DETAIL_ROLE, SOURCE_ONLY = "entity", "detail", "source-only"

#: Every term the rules name: a reader that makes these very objects for the graph's terms
#: (``triples.Triples``) has its look-ups answered by identity, without rdflib's ``__eq__``.
VOCABULARY = frozenset(
    {*BOOKKEEPING, *DETAIL, *UNINFORMATIVE, *LABELS, ALT_LABEL, *NOT_FACTS, *NOT_ATTRIBUTES,
     _TYPE, _QUOTED_FROM, _DERIVED_FROM, _SUBJECT, _PREDICATE, _OBJECT, RDFS.subClassOf,
     _SOURCE_DOCUMENT, ARTICLE}
)  # fmt: skip


def attribute_name(prop: Node | str, lang: str | None = None) -> str:
    """A column- and key-safe attribute name: ``kgo_targetValue``, ``kgo_purpose_en``."""
    name = curie(prop).strip("<>")
    safe = "".join(c if c.isalnum() else "_" for c in name)
    return f"{safe}_{lang}" if lang else safe


def labels(graph: Readable, term: Node) -> dict[str, str]:
    """Korean and English labels of ``term`` (rdfs:label, then skos:prefLabel), with fallbacks:
    the other language, an untagged label, the prefixed name (``terms.labels_from``)."""
    return labels_from((graph.objects(term, prop) for prop in LABELS), lambda: curie(term))


def alt_names(graph: Readable, term: Node) -> dict[str, list[str]]:
    """Alternative names (skos:altLabel) by language; untagged ones count for both."""
    out: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for value in graph.objects(term, ALT_LABEL):
        if not isinstance(value, Literal):
            continue
        lang = (value.language or "").lower().split("-")[0]
        for key in LANGS if not lang else (lang,) if lang in LANGS else ():
            out[key].append(str(value))
    return {lang: sorted(set(names)) for lang, names in out.items()}


@dataclass
class Kinds:
    """Which terms of a graph are entities, details and source-only names, with their types."""

    entities: dict[URIRef, list[URIRef]] = field(default_factory=dict)
    details: dict[URIRef, list[URIRef]] = field(default_factory=dict)
    source_only: set[URIRef] = field(default_factory=set)
    bookkeeping: frozenset[URIRef] = BOOKKEEPING

    def nodes(self) -> dict[URIRef, list[URIRef]]:
        """Every node of the projection (entities and details) with its types."""
        return {**self.entities, **self.details}

    def role(self, term: URIRef) -> str:
        if term in self.details:
            return DETAIL_ROLE
        return SOURCE_ONLY if term in self.source_only else ENTITY


def classify(graph: Readable) -> Kinds:
    """Sort the graph's typed IRIs into entities, details and bookkeeping (left out)."""
    bookkeeping = set(BOOKKEEPING)
    todo = [_SOURCE_DOCUMENT]
    while todo:  # rdfs:subClassOf* kgo:SourceDocument
        for sub in graph.subjects(RDFS.subClassOf, todo.pop()):
            if isinstance(sub, URIRef) and sub not in bookkeeping:
                bookkeeping.add(sub)
                todo.append(sub)
    kinds = Kinds(bookkeeping=frozenset(bookkeeping))
    ontology = str(KGO)
    for s in set(graph.subjects(_TYPE, None)):
        if not isinstance(s, URIRef) or s.startswith(ontology):
            continue
        types = [t for t in graph.objects(s, _TYPE) if isinstance(t, URIRef)]
        if len(types) > 1:
            types.sort()
        if DETAIL.intersection(types):
            kinds.details[s] = types
        elif types and not bookkeeping.intersection(types):
            kinds.entities[s] = types
    nodes = kinds.nodes()
    for e in kinds.entities:  # named by source metadata (a publisher) and linked to nothing
        if any(o in nodes for o in graph.objects(e, None)):
            continue  # (tested first: the cheap look-up, false for most entities)
        cited = any(
            isinstance(s, URIRef | BNode) and bookkeeping.intersection(graph.objects(s, _TYPE))
            for s in graph.subjects(None, e)
        )
        if cited and not any(s in nodes for s in graph.subjects(None, e)):
            kinds.source_only.add(e)
    return kinds


def evidence_index(graph: Readable) -> dict[tuple[Node, Node, Node], list[Node]]:
    """Each fact (s, p, o) → the quotes its rdf:Statement nodes derive it from (sorted)."""
    index: dict[tuple[Node, Node, Node], set[Node]] = defaultdict(set)
    for st in graph.subjects(_TYPE, RDF.Statement):
        key = (graph.value(st, _SUBJECT), graph.value(st, _PREDICATE), graph.value(st, _OBJECT))
        if None in key:
            continue
        index[key].update(graph.objects(st, _DERIVED_FROM))  # type: ignore[index]
    return {key: sorted(q, key=str) if len(q) > 1 else list(q) for key, q in index.items()}


def origin(graph: Readable, quotes: Iterable[Node]) -> str:
    """``article``, ``outside`` or ``both``: where a fact's quotes come from; ``none``."""
    docs = {doc for q in quotes for doc in graph.objects(q, _QUOTED_FROM)}
    if not docs:
        return "none"
    in_article, outside = ARTICLE in docs, bool(docs - {ARTICLE})
    return "both" if in_article and outside else "article" if in_article else "outside"


def project(
    graph: Readable,
    kinds: Kinds | None = None,
    evidence: dict[tuple[Node, Node, Node], list[Node]] | None = None,
) -> nx.MultiDiGraph:
    """The graph as a networkx MultiDiGraph (see the module's docstring for its shape)."""
    import networkx as nx

    kinds = kinds or classify(graph)
    nodes = kinds.nodes()
    evidence = evidence if evidence is not None else evidence_index(graph)
    out = nx.MultiDiGraph(name="kgenesis")
    prop_labels: dict[Node, dict[str, str]] = {}
    edges = []
    for node in sorted(nodes, key=str):  # IRIs: their order, without rdflib's __lt__
        types = nodes[node]
        names, alts = labels(graph, node), alt_names(graph, node)
        attrs: dict[str, str] = {
            "iri": str(node),
            "curie": curie(node),
            "class": curie(primary_class(types)),
            "classes": " ".join(curie(t) for t in types),
            "role": kinds.role(node),
            "label_ko": names["ko"],
            "label_en": names["en"],
        }
        for lang in LANGS:
            if alts[lang]:
                attrs[f"alt_{lang}"] = " | ".join(alts[lang])
        values: dict[str, set[str]] = defaultdict(set)
        for p, o in graph.predicate_objects(node):
            if p in NOT_ATTRIBUTES:
                continue
            if p not in NOT_FACTS and o in nodes and isinstance(o, URIRef):
                edges.append((node, p, o))
            elif isinstance(o, Literal):
                values[attribute_name(p, o.language)].add(str(o))
            else:  # a helper node or an undescribed IRI: its name as a value
                values[attribute_name(p)].add(labels(graph, o)["en"])
        for name in sorted(values):
            attrs.setdefault(name, " | ".join(sorted(values[name])))
        out.add_node(str(node), **attrs)
    for s, p, o in sorted(edges, key=lambda spo: (str(spo[0]), str(spo[1]), str(spo[2]))):
        if p not in prop_labels:
            prop_labels[p] = labels(graph, p)
        quotes = evidence.get((s, p, o), [])
        out.add_edge(
            str(s), str(o), key=curie(p),
            property=str(p), predicate=curie(p),
            label_ko=prop_labels[p]["ko"], label_en=prop_labels[p]["en"],
            evidence=" ".join(str(q) for q in quotes), origin=origin(graph, quotes),
        )  # fmt: skip
    if log.isEnabledFor(logging.INFO):  # counting the edges walks them all (0.2 s at 10^6)
        log.info("projection: %d nodes, %d edges", len(out), out.number_of_edges())
    return out


def entity_view(
    projection: nx.MultiDiGraph, roles: Iterable[str] = (ENTITY, DETAIL_ROLE)
) -> nx.Graph:
    """The projection's nodes of these roles as a simple undirected graph whose edge weight
    is the number of facts between the two (what centrality and communities read)."""
    import networkx as nx

    wanted = set(roles)
    simple = nx.Graph()
    simple.add_nodes_from(n for n, r in projection.nodes(data="role") if r in wanted)
    for s, o in projection.edges():
        if s in simple and o in simple and s != o:
            if simple.has_edge(s, o):
                simple[s][o]["weight"] += 1
            else:
                simple.add_edge(s, o, weight=1)
    return simple
