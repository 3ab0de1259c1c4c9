"""Facts and their evidence, as rows: what ``stats`` counts and the facts CSV lists.

A fact is a triple about a node of the projection (an entity or a detail) whose property
states something rather than names or classifies it (``projection.NOT_FACTS``, the
``missing-evidence`` check's list). Each fact carries the quotes its rdf:Statement nodes
derive it from, and each quote the documents it cites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import DCTERMS, TIME
from rdflib.term import Node

from ..graph.namespaces import KGO, SCHEMA
from ..terms import pick_text
from .projection import LANGS, NOT_FACTS, Kinds, classify, curie, evidence_index, labels, origin

if TYPE_CHECKING:
    from .triples import Readable

#: Classes of helper nodes: their facts (an interval's beginning) are facts too.
HELPERS = frozenset(
    {TIME.Instant, TIME.Interval, TIME.ProperInterval, TIME.TemporalEntity,
     TIME.DateTimeDescription, TIME.Duration}
)  # fmt: skip


@dataclass(frozen=True)
class Source:
    """A document a quote cites: title, publisher, date, address ("" where it has none)."""

    iri: str
    title: str  # dcterms:title by the label rule, "" without one
    name: str  # the title, else the document's label: what a table or a citation shows
    publisher: dict[str, str] | None  # the publisher's labels by language
    date: str
    address: str  # schema:url as written
    url: str  # the address where it is http(s), the only kind a page may link

    @property
    def publisher_en(self) -> str:
        return self.publisher["en"] if self.publisher else ""


@dataclass(frozen=True)
class Quote:
    """One quote: its text (Korean first), where it is in its document, what it cites, and
    the project's English rendering of it (kgo:projectTranslation, never the evidence)."""

    iri: str
    text: str
    locator: str
    quoted_from: str
    sources: tuple[Source, ...]
    translation: str = ""


@dataclass(frozen=True)
class Fact:
    """One fact (subject, property, value) with its evidence."""

    subject: URIRef
    prop: URIRef
    value: Node
    quotes: tuple[Quote, ...]
    origin: str  # article, outside, both, none


def facts(graph: Readable, kinds: Kinds | None = None) -> list[Fact]:
    """Every fact of the graph, sorted by subject, property and value, with its evidence."""
    kinds = kinds or classify(graph)
    index = evidence_index(graph)
    quotes: dict[Node, Quote] = {}
    out = []
    for s in sorted(subjects(graph, kinds)):
        for p, o in sorted(graph.predicate_objects(s)):
            if p in NOT_FACTS:
                continue
            found = index.get((s, p, o), [])
            for q in found:
                if q not in quotes:
                    quotes[q] = read_quote(graph, q)
            out.append(Fact(s, p, o, tuple(quotes[q] for q in found), origin(graph, found)))  # type: ignore[arg-type]
    return out


def subjects(graph: Readable, kinds: Kinds) -> set[URIRef]:
    """What facts are about: the projection's nodes, helper nodes (time instants and
    intervals) and untyped IRIs; never evidence bookkeeping or ontology terms."""
    found: set[URIRef] = set(kinds.nodes())
    for s in set(graph.subjects()):
        if not isinstance(s, URIRef) or s in found or str(s).startswith(str(KGO)):
            continue
        types = set(graph.objects(s, RDF.type))
        if not types or types <= HELPERS:
            found.add(s)
    return found


def read_quote(graph: Readable, quote: Node) -> Quote:
    """A quote node's text (the label rule: Korean, else English, else the first), locator,
    the document it is copied from, what it cites and the project's English rendering. The
    one reader of quotes: the view, ``kgenesis path`` and the facts CSV all show this."""
    texts = list(graph.objects(quote, KGO.quoteText))
    text = pick_text(texts, "ko") or pick_text(texts, "en") or _first(texts)
    rendering = pick_text(graph.objects(quote, KGO.projectTranslation), "en") or ""
    return Quote(
        iri=str(quote),
        text=text,
        locator=_first(graph.objects(quote, KGO.locator)),
        quoted_from=_first(graph.objects(quote, KGO.quotedFrom)),
        sources=tuple(
            read_source(graph, doc) for doc in sorted(graph.objects(quote, DCTERMS.source), key=str)
        ),
        translation=rendering if rendering != text else "",
    )


def read_source(graph: Readable, doc: Node) -> Source:
    titles = list(graph.objects(doc, DCTERMS.title))
    title = pick_text(titles, "ko") or pick_text(titles, "en") or _first(titles)
    publishers = sorted(p for p in graph.objects(doc, DCTERMS.publisher) if isinstance(p, URIRef))
    address = _first(graph.objects(doc, SCHEMA.url))
    return Source(
        iri=str(doc),
        title=title,
        name=title or labels(graph, doc)["ko"],
        publisher=labels(graph, publishers[0]) if publishers else None,
        date=_first(graph.objects(doc, DCTERMS.issued)),
        address=address,
        url=address if re.match(r"https?://", address) else "",
    )


def value_labels(graph: Readable, value: Node) -> dict[str, str]:
    """A value as each language shows it: a literal's text (its own language only where it
    has one), an IRI's labels."""
    if isinstance(value, Literal):
        lang = (value.language or "").lower().split("-")[0]
        return {code: str(value) if not lang or lang == code else "" for code in LANGS}
    return labels(graph, value)


def _first(values: object) -> str:
    found = sorted(str(v) for v in values)  # type: ignore[attr-defined]
    return found[0] if found else ""


__all__ = ["Fact", "Quote", "Source", "curie", "facts", "read_quote", "read_source", "value_labels"]
