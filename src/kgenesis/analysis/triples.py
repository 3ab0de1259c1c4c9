"""Large ``--data`` files read by pyoxigraph's parser for the analyses, without rdflib's graph.

Through rdflib's in-memory graph, ``path`` took 48 s at 10^6 triples (``rank`` over 90 s);
``Triples`` holds the same triples, read by pyoxigraph's parser, in plain
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

from rdflib import Graph, Literal
from rdflib.term import Node

from ..collector import paused

if TYPE_CHECKING:
    from ..graph.load import OxTerms

log = logging.getLogger(__name__)

_EMPTY: tuple[Node, ...] = ()


class _Raw(list):
    """A property's values of which some are still pyoxigraph literals (see ``Triples``);
    ``mixed`` where some are IRIs or blank nodes too."""

    mixed = False


class Triples:
    """A read-only set of triples (a Dataset's graphs merged, as its default union) with the
    part of rdflib's ``Graph`` read API the analyses use."""

    def __init__(self, terms: OxTerms) -> None:
        #: subject → property → values. Values holding a pyoxigraph literal are a ``_Raw``
        #: list until first read: most literals of a large graph (quotes, statements' labels)
        #: are never read, and making one of rdflib's costs about 2 µs.
        import pyoxigraph as ox

        self._spo: dict[Node, dict[Node, list[Node]]] = {}
        self._terms = terms
        self._raw_literal = ox.Literal
        self._by_predicate: dict[Node, dict[Node, list[Node]]] = {}
        self._by_object: dict[Node, list[Node]] | None = None
        self._grown: list[list[Any]] = []
        self._count = 0

    @classmethod
    def read(cls, paths: Sequence[Path], max_size: int | None) -> Triples:
        """Every file's triples (Turtle, TriG, N-Triples, N-Quads by pyoxigraph's parser;
        JSON-LD and RDF/XML by the rdflib loader), or a SourceError naming the file."""
        from ..errors import SourceError
        from ..graph.load import parse_file
        from ..graph.oxstore import quads_of
        from ..sparql.store import native_format, parse

        triples = cls(_terms())
        with paused(freeze=True):
            for path in paths:
                rdf_format = native_format(path, max_size)
                try:
                    if rdf_format is None:  # JSON-LD, RDF/XML: the strict rdflib loader's terms
                        triples._add(quads_of(parse_file(path, max_size=max_size)))
                    else:
                        triples._add(parse(path, rdf_format))
                except SyntaxError as exc:  # a term rdflib cannot hold (RDF 1.2 triple terms)
                    raise SourceError(f"{path}: {exc}") from None
                log.info("read %s with pyoxigraph's parser", path)
            triples._dedupe()
        return triples

    @classmethod
    def of(cls, graph: Graph) -> Triples:
        """The triples of an rdflib graph, held the same way (for tests)."""
        from ..graph.oxstore import quads_of

        held = cls(_terms())
        held._add(quads_of(graph))
        held._dedupe()
        return held

    def _add(self, quads: Iterable[Any]) -> None:
        """pyoxigraph's quads, their graphs merged: IRIs made rdflib terms here (looked up
        inline: they are most of the terms), literals when first read (``_read``)."""
        import pyoxigraph as ox

        spo, resource = self._spo, self._terms.resource
        named: dict[str, Any] = self._terms.named  # IRI → URIRef: Any, as Nodes go in too
        named_node, raw_literal, count = ox.NamedNode, self._raw_literal, 0
        last: Any = None
        by_p: dict[Node, list[Node]] = {}
        grown = self._grown  # the lists that got a second value: the only ones to dedupe
        for s, p, o, _ in quads:
            if s != last:  # files group a subject's triples: looked up once per group
                last = s
                subject = named.get(s.value) if type(s) is named_node else None
                if subject is None:
                    subject = resource(s)
                found = spo.get(subject)
                if found is None:
                    found = spo[subject] = {}
                by_p = found
            prop = named.get(p.value)
            if prop is None:
                prop = resource(p)
            values = by_p.get(prop)
            kind = type(o)
            if kind is raw_literal:
                if values is None:
                    by_p[prop] = _Raw((o,))
                elif type(values) is _Raw:
                    values.append(o)
                    grown.append(values)
                else:
                    first, values = values, _Raw((*values, o))
                    first.clear()  # (left in ``grown``: nothing to dedupe there now)
                    values.mixed = True
                    by_p[prop] = values
                    grown.append(values)
                count += 1
                continue
            obj = named.get(o.value) if kind is named_node else None
            if obj is None:
                obj = resource(o)
            if values is None:
                by_p[prop] = [obj]
            else:
                values.append(obj)
                grown.append(values)
                if type(values) is _Raw:
                    values.mixed = True
            count += 1
        self._count += count

    def _dedupe(self) -> None:
        """A triple read twice (two files, a repeated line) is held once, as in rdflib."""
        removed = 0
        for values in self._grown:
            unique = list(dict.fromkeys(values))
            if len(unique) < len(values):
                removed += len(values) - len(unique)
                values[:] = unique
        self._grown.clear()
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
            value, raw = self._terms.value, self._raw_literal
            unique = list(dict.fromkeys(value(v) if type(v) is raw else v for v in values))
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
            raw = self._raw_literal
            for s, by_p in self._spo.items():
                for values in by_p.values():
                    if type(values) is _Raw and not values.mixed:
                        continue  # only pyoxigraph literals
                    for o in values:
                        kind = type(o)
                        if kind is raw or kind is Literal:
                            continue  # a literal, pyoxigraph's or rdflib's
                        found = index.get(o)
                        if found is None:
                            index[o] = [s]
                        else:
                            found.append(s)
            self._by_object = index
        return self._by_object


def _terms() -> OxTerms:
    """A term maker whose IRIs for the rules' own terms are the very objects the rules hold
    (``projection.VOCABULARY``): look-ups by them are answered by identity, not rdflib's
    ``__eq__``."""
    from ..graph.load import OxTerms
    from .projection import VOCABULARY

    terms = OxTerms()
    terms.named.update((str(term), term) for term in VOCABULARY)
    return terms


#: What the analyses read: rdflib's graph (small inputs, the built graph) or ``Triples``.
Readable: TypeAlias = Graph | Triples
