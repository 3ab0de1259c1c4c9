"""Large ``--data`` files read by pyoxigraph's parser for the analyses, without rdflib's graph.

rdflib's in-memory graph costs about 20 s to fill at 10^6 triples and a few microseconds per
look-up after; ``Triples`` holds the same triples, read by pyoxigraph's parser, in plain
dictionaries (subject → property → values) and answers the few look-ups the analyses make
(``objects``, ``subjects``, ``predicate_objects``, ``value``) as rdflib's ``Graph`` does, with
the same rdflib terms. So the projection's rules (``projection.classify``, ``project``,
``labels``…) read either, and give the same networkx graph from both.

pyoxigraph's parser rather than its store: the store keeps numbers and dates by value
(``"50.0"^^xsd:decimal`` comes back as ``"50"``), the parser as written, as rdflib does, so
an attribute's value is the same whichever way the file was read; parsing is also a third of
the store's bulk load. The checks are the store's (``sparql.store.native_format``: a regular
file, ``--max-size``, not empty, syntax errors with their line); JSON-LD and RDF/XML go
through the strict rdflib loader and are then indexed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

if TYPE_CHECKING:
    from ..graph.load import OxTerms

log = logging.getLogger(__name__)

_EMPTY: tuple[Node, ...] = ()


class _Raw(list):
    """A property's values of which some are still pyoxigraph literals (see ``Triples``)."""


class Triples:
    """A read-only set of triples (a Dataset's graphs merged, as its default union) with the
    part of rdflib's ``Graph`` read API the analyses use."""

    def __init__(self, terms: OxTerms | None = None) -> None:
        #: subject → property → values. Values holding a pyoxigraph literal are a ``_Raw``
        #: list until first read: most literals of a large graph (quotes, statements' labels)
        #: are never read, and rdflib's Literal costs about 10 µs to make.
        self._spo: dict[Node, dict[Node, list[Node]]] = {}
        self._terms = terms
        self._by_predicate: dict[Node, dict[Node, list[Node]]] = {}
        self._by_object: dict[Node, list[Node]] | None = None
        self._count = 0

    @classmethod
    def read(cls, paths: Sequence[Path], max_size: int | None) -> Triples:
        """Every file's triples (Turtle, TriG, N-Triples, N-Quads by pyoxigraph's parser;
        JSON-LD and RDF/XML by the rdflib loader), or a SourceError naming the file."""
        from ..graph.load import OxTerms, parse_file
        from ..sparql.store import native_format, parse
        from .projection import VOCABULARY

        terms = OxTerms()
        terms.named.update((str(term), term) for term in VOCABULARY)
        triples = cls(terms)
        for path in paths:
            rdf_format = native_format(path, max_size)
            if rdf_format is None:
                triples._add(parse_file(path, max_size=max_size).triples((None, None, None)))
            else:
                triples._add(_converted(parse(path, rdf_format), terms))
            log.info("read %s with pyoxigraph's parser", path)
        triples._dedupe()
        return triples

    @classmethod
    def of(cls, triples: Iterable[tuple[Node, Node, Node]]) -> Triples:
        """These triples (rdflib terms), held the same way (for tests and small inputs)."""
        held = cls()
        held._add(triples)
        held._dedupe()
        return held

    def _add(self, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        import pyoxigraph as ox

        spo, raw_literal, count = self._spo, ox.Literal, 0
        for s, p, o in triples:
            by_p = spo.get(s)
            if by_p is None:
                by_p = spo[s] = {}
            values = by_p.get(p)
            if type(o) is raw_literal:
                if values is None:
                    by_p[p] = _Raw((o,))
                elif type(values) is _Raw:
                    values.append(o)
                else:
                    by_p[p] = _Raw((*values, o))
            elif values is None:
                by_p[p] = [o]
            else:
                values.append(o)
            count += 1
        self._count += count

    def _dedupe(self) -> None:
        """A triple read twice (two files, a repeated line) is held once, as in rdflib."""
        removed = 0
        for by_p in self._spo.values():
            for p, values in by_p.items():
                if len(values) > 1:
                    unique = list(dict.fromkeys(values))
                    removed += len(values) - len(unique)
                    by_p[p] = _Raw(unique) if type(values) is _Raw else unique
        self._count -= removed

    def __len__(self) -> int:
        return self._count

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        """The values of ``predicate`` (any, where None) on ``subject`` (any, where None)."""
        if subject is None:
            return (o for s in self._spo for o in self.objects(s, predicate))
        by_p = self._spo.get(subject)
        if by_p is None:
            return iter(_EMPTY)
        if predicate is None:
            return (o for p in list(by_p) for o in self._read(by_p, p))
        values = by_p.get(predicate)
        if values is None:
            return iter(_EMPTY)
        return iter(self._read(by_p, predicate) if type(values) is _Raw else values)

    def predicate_objects(self, subject: Node) -> Iterator[tuple[Node, Node]]:
        by_p = self._spo.get(subject)
        if by_p is None:
            return iter(())
        return ((p, o) for p in list(by_p) for o in self._read(by_p, p))

    def _read(self, by_p: dict[Node, list[Node]], predicate: Node) -> list[Node]:
        """The values of one property as rdflib terms (pyoxigraph's literals made once)."""
        values = by_p[predicate]
        if type(values) is _Raw:
            assert self._terms is not None  # only pyoxigraph's parse holds raw literals
            value = self._terms.value
            unique = list(dict.fromkeys(v if isinstance(v, Node) else value(v) for v in values))
            self._count -= len(values) - len(unique)  # "a"@en read from two kinds of file
            values = by_p[predicate] = unique
        return values

    def subjects(self, predicate: Node | None = None, object: Node | None = None) -> Iterator[Node]:  # noqa: A002 - rdflib's name
        """What has ``predicate`` (any, where None) with value ``object`` (any, where None),
        once per triple, as rdflib gives them."""
        if predicate is None and object is None:
            return iter(self._spo)
        if predicate is None:
            return iter(self._citing().get(object, _EMPTY))  # type: ignore[arg-type]
        index = self._of_predicate(predicate)
        if object is None:
            return (s for subjects in index.values() for s in subjects)
        return iter(index.get(object, _EMPTY))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        """One value of ``predicate`` on ``subject``, or None."""
        return next(self.objects(subject, predicate), None)

    def _of_predicate(self, predicate: Node) -> dict[Node, list[Node]]:
        """value → subjects for one property, made on first use (rdf:type, rdfs:subClassOf)."""
        index = self._by_predicate.get(predicate)
        if index is None:
            index = self._by_predicate[predicate] = {}
            for s, by_p in self._spo.items():
                if predicate not in by_p:
                    continue
                for o in self._read(by_p, predicate):
                    found = index.get(o)
                    if found is None:
                        index[o] = [s]
                    else:
                        found.append(s)
        return index

    def _citing(self) -> dict[Node, list[Node]]:
        """IRI or blank node → the subjects with a triple pointing to it, made on first use."""
        if self._by_object is None:
            index: dict[Node, list[Node]] = {}
            resource = URIRef | BNode
            for s, by_p in self._spo.items():
                for values in by_p.values():
                    for o in values:
                        if not isinstance(o, resource):
                            continue  # a literal, rdflib's or pyoxigraph's
                        found = index.get(o)
                        if found is None:
                            index[o] = [s]
                        else:
                            found.append(s)
            self._by_object = index
        return self._by_object


def _converted(quads: Iterable[Any], terms: OxTerms) -> Iterator[tuple[Node, Node, Node]]:
    """pyoxigraph quads as rdflib triples, but for literals (made when read: ``_read``); IRIs,
    the most of the terms, looked up inline."""
    import pyoxigraph as ox

    named_node, literal, named = ox.NamedNode, ox.Literal, terms.named
    resource = terms.resource
    for s, p, o, _ in quads:
        subject = named.get(s.value) if type(s) is named_node else None
        prop = named.get(p.value)
        kind = type(o)
        obj = named.get(o.value) if kind is named_node else o if kind is literal else None
        yield (
            subject if subject is not None else resource(s),
            prop if prop is not None else resource(p),
            obj if obj is not None else resource(o),
        )


#: What the analyses read: rdflib's graph (small inputs, the built graph) or ``Triples``.
Readable: TypeAlias = Graph | Triples
