"""A whole graph's census in one pass of the parser: which entities a whole view would draw,
their classes and the facts between them, without building the rdflib graph or the view
model.

``kgenesis view`` reads it before anything else: it says how many nodes the page would
have (to refuse an oversized ``--force`` early) and is all the summary page needs (issue
13: a 20,000-node graph summarised within 2× pyoxigraph's own parse of the file). A pass
over pyoxigraph's triples keeps, as plain strings, what the rules read (types, links
between IRIs, labels, what evidence statements name); the rules are then applied once
(``_settle``): the projection's (``projection.classify``, and ``analysis.rules``:
``primary_class``, ``BOOKKEEPING``, ``DETAIL``, ``NOT_FACTS``, ``LABELS``), and a test
holds the census to the view model on the same graphs. One simplification: an entity
named only by the subject or object of an ``rdf:Statement`` counts as cited by evidence,
whatever the statement's own type.

A large N-Triples or N-Quads file is counted in line-aligned shares, one per processor, at
the same time (``fanout``): each share's pass keeps its strings (an IRI as itself, a blank
node as ``_:label``, which no IRI can be), and the shares are joined in the file's order
before the rules are applied. Lines are whole triples in these two formats, and a blank
node's label names the same node anywhere in the file, so the joined shares are the file
read whole (a test compares them).
"""

from __future__ import annotations

import io
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from operator import itemgetter
from pathlib import Path
from typing import Any

from .. import fanout
from ..analysis.rules import BOOKKEEPING, DETAIL, KGO, LABELS, NOT_FACTS, primary_class
from ..collector import paused
from ..prefixes import PREFIX_IRIS, curie
from ..terms import Term, labels_from

log = logging.getLogger(__name__)

_RDF, _RDFS = PREFIX_IRIS["rdf"], PREFIX_IRIS["rdfs"]
_TYPE = _RDF + "type"
_SUBCLASS = _RDFS + "subClassOf"
#: What evidence bookkeeping says about a fact: never a link between two nodes.
_STATED = (_RDF + "subject", _RDF + "object")
_SKIPPED = (_RDF + "predicate", PREFIX_IRIS["prov"] + "wasDerivedFrom")
#: Statement nodes are the bulk of a published graph's typed nodes and never entities.
_STATEMENT = _RDF + "Statement"
#: What a predicate says in a pass (``_Tally.kinds``); any other names a link.
_IS_TYPE, _STATES, _SKIP, _LABEL = 0, 1, 2, 3

#: Above this many nodes a whole ``kgenesis view`` is a summary (``summary.py``), a
#: ``--focus`` or ``--query`` page is refused unless ``--force`` (see commands/view.py).
LARGE_VIEW = 2000
#: A file is split into shares of at least this many bytes (below, it is read whole); only
#: N-Triples and N-Quads, whose lines are whole triples (or quads), so any line starts one.
SHARE = 4 << 20


@dataclass
class Census:
    """What a whole view of a graph draws: entities (IRI → types), the facts between them,
    and the labels and class hierarchy the summary needs."""

    entities: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: (subject, property, object) IRIs, each once, in the files' order.
    facts: list[tuple[str, str, str]] = field(default_factory=list)
    subclass: list[tuple[str, str]] = field(default_factory=list)
    #: The rdfs:label and skos:prefLabel literals: (subject, property, text, language).
    labelled: list[tuple[str, str, str, str | None]] = field(default_factory=list, repr=False)

    def classes(self) -> dict[str, str]:
        """Each entity's most telling class (``rules.primary_class``)."""
        picked: dict[tuple[str, ...], str] = {}
        out = {}
        for entity, types in self.entities.items():
            if types not in picked:
                picked[types] = primary_class(types)
            out[entity] = picked[types]
        return out

    def degrees(self) -> Counter[str]:
        """Facts per entity, either direction."""
        found: Counter[str] = Counter(map(itemgetter(0), self.facts))
        found.update(map(itemgetter(2), self.facts))
        return found

    def names(self, terms: Iterable[str]) -> dict[str, dict[str, str]]:
        """The Korean and English labels of ``terms``, by the projection's rule
        (``terms.labels_from``: rdfs:label, then skos:prefLabel, then the prefixed name)."""
        wanted = set(terms)
        given: dict[str, dict[str, list[Term]]] = {t: {p: [] for p in LABELS} for t in wanted}
        for subject, prop, text, lang in self.labelled:
            if subject in wanted:
                given[subject][prop].append(Term("literal", text, lang))
        return {t: labels_from(given[t].values(), partial(curie, t)) for t in sorted(wanted)}

    def superclasses(self, cls: str) -> list[str]:
        """A class's direct superclasses (rdfs:subClassOf), for ``style.style``."""
        return self._above.get(cls, [])

    @cached_property
    def _above(self) -> dict[str, list[str]]:
        above: dict[str, list[str]] = {}
        for sub, sup in self.subclass:
            above.setdefault(sub, []).append(sup)
        return above


def census_files(paths: Sequence[Path], max_size: int | None) -> Census | None:
    """The census of RDF files pyoxigraph parses itself (Turtle, TriG, N-Triples, N-Quads),
    read as a stream (a large N-Triples or N-Quads file in shares, at once); None for
    other formats (the caller loads them as before). Each file is checked and its errors
    named as the store reads them (``sparql.store``)."""
    from ..sparql.store import NATIVE, native_format, reading

    if any(path.suffix.lower() not in NATIVE for path in paths):
        return None
    formats = [native_format(path, max_size) for path in paths]  # sized, not empty
    found = _Found()
    with paused():
        for path, rdf_format in zip(paths, formats, strict=True):
            shares = _shares(path, rdf_format, fanout.processors())
            with reading(path):
                try:
                    parts = fanout.run_shares(_count_share, shares)
                except (fanout.Failed, SyntaxError) as exc:
                    if len(shares) == 1:
                        raise
                    # a share knows neither the file's name nor its own first line: the
                    # file is read whole again, for the error as a whole read gives it
                    log.info("%s: read whole again (%s)", path, exc)
                    parts = [_count_share((path, rdf_format, 0, None))]
            for part in parts:
                found.join(part)
        return _settle(found)


def _shares(
    path: Path, rdf_format: Any, processors: int
) -> list[tuple[Path, Any, int, int | None]]:
    """``(path, format, start, end)`` byte ranges of a file, cut after a line feed: one per
    processor for a large N-Triples or N-Quads file, else the whole file (end None)."""
    import pyoxigraph as ox

    size = path.stat().st_size
    count = min(processors, size // SHARE)
    if count < 2 or rdf_format not in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
        return [(path, rdf_format, 0, None)]
    cuts = [0]
    with path.open("rb") as handle:
        for i in range(1, count):
            handle.seek(max(size * i // count, cuts[-1]))
            at = handle.tell()
            while block := handle.read(1 << 16):
                end = block.find(b"\n")
                if end >= 0:
                    cuts.append(at + end + 1)
                    break
                at += len(block)
            else:
                break  # no line feed after this point: the rest is one share
    cuts = sorted(set(cuts) - {size})
    bounds = [*cuts[1:], None]
    return [(path, rdf_format, start, end) for start, end in zip(cuts, bounds, strict=True)]


def _count_share(share: tuple[Path, Any, int, int | None]) -> _Found:
    """One share's pass, as plain strings."""
    import pyoxigraph as ox

    path, rdf_format, start, end = share
    tally = _Tally()
    if start == 0 and end is None:
        tally.feed(ox.parse(path=str(path), format=rdf_format))
    else:
        with path.open("rb", buffering=0) as handle:
            handle.seek(start)
            # buffered in C: the parser asks for a few KiB at a time
            stream = io.BufferedReader(_Range(handle, end), buffer_size=1 << 20)
            tally.feed(ox.parse(input=stream, format=rdf_format))
    return tally.found


class _Range(io.RawIOBase):
    """A file read from where it stands to ``end`` (None: its end), streamed to the parser
    as the whole file would be (a share is never held in memory at once)."""

    def __init__(self, handle: io.FileIO, end: int | None) -> None:
        super().__init__()
        self.handle = handle
        self.left = None if end is None else end - handle.tell()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        if self.left is not None:
            view = view[: max(0, self.left)]
        got = self.handle.readinto(view) if len(view) else 0
        if self.left is not None:
            self.left -= got
        return got


def census_graph(graph: Any) -> Census:
    """The census of an rdflib graph already loaded (the built graph, JSON-LD, RDF/XML)."""
    from ..graph.oxstore import quads_of

    return census(quads_of(graph))


def census(quads: Iterable[Any]) -> Census:
    """The census of pyoxigraph quads (or triples)."""
    tally = _Tally()
    with paused():
        tally.feed(quads)
        return _settle(tally.found)


@dataclass
class _Found:
    """What passes kept, as plain strings (an IRI as itself, a blank node as ``_:label``),
    joined in the files' order."""

    types: dict[str, list[str]] = field(default_factory=dict)
    links: list[tuple[str, str, str]] = field(default_factory=list)
    labels: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    stated: set[str] = field(default_factory=set)

    def join(self, other: _Found) -> None:
        if not self.types:
            self.types = other.types
        else:
            for term, found in other.types.items():
                self.types.setdefault(term, []).extend(found)
        self.links.extend(other.links)
        self.labels.extend(other.labels)
        self.stated.update(other.stated)


class _Tally:
    """One pass over the triples, keeping as strings what the rules read: types, links
    between IRIs, labels, and what evidence statements name. Per triple, one dictionary
    look-up of the predicate, which also says what to keep; a string is made only for what
    is kept (0.55 s for 4·10^5 triples read whole, 0.35 s of it the parse)."""

    def __init__(self) -> None:
        import pyoxigraph as ox

        node = ox.NamedNode
        #: predicate → what it says: an int for the rules' own, else the link's property
        self.kinds: dict[Any, Any] = {node(_TYPE): _IS_TYPE}
        self.kinds.update({node(p): _STATES for p in _STATED})
        self.kinds.update({node(p): _SKIP for p in _SKIPPED})
        self.kinds.update({node(p): _LABEL + i for i, p in enumerate(LABELS)})
        self.found = _Found()
        self.strings: dict[str, str] = {}

    def feed(self, quads: Iterable[Any]) -> None:
        import pyoxigraph as ox

        node, literal, statement = ox.NamedNode, ox.Literal, ox.NamedNode(_STATEMENT)
        kinds, types = self.kinds, self.found.types
        link, label = self.found.links.append, self.found.labels.append
        state = self.found.stated.add
        # one string object per term: pickled once (a share's answer is a third the size),
        # and the rules' set look-ups compare the very object
        one = self.strings.setdefault
        for q in quads:
            p = q.predicate
            k = kinds.get(p)
            if k is None:  # a property first seen: a link's, named once
                k = kinds[p] = p.value
            if type(k) is str:
                o = q.object
                if type(o) is node:
                    s = q.subject
                    key = s.value if type(s) is node else "_:" + s.value
                    value = o.value
                    link((one(key, key), k, one(value, value)))
            elif k == _IS_TYPE:
                o = q.object
                if type(o) is node and o != statement:
                    s = q.subject
                    key = s.value if type(s) is node else "_:" + s.value
                    value = o.value
                    types.setdefault(one(key, key), []).append(one(value, value))
            elif k == _STATES:
                o = q.object
                if type(o) is node:
                    value = o.value
                    state(one(value, value))
            elif k >= _LABEL:
                o = q.object
                if type(o) is literal:  # an IRI given as a label is no text to show
                    s = q.subject
                    key = s.value if type(s) is node else "_:" + s.value
                    label((one(key, key), LABELS[k - _LABEL], o.value, o.language))


def _settle(found: _Found) -> Census:
    """``projection.classify``'s rules on what the passes kept."""
    types, links, stated = found.types, found.links, found.stated
    subclass = sorted({(s, o) for s, p, o in links if p == _SUBCLASS and s[:2] != "_:"})
    bookkeeping = set(BOOKKEEPING)
    todo = [KGO.SourceDocument]
    while todo:  # rdfs:subClassOf* kgo:SourceDocument
        sup = todo.pop()
        for sub, above in subclass:
            if above == sup and sub not in bookkeeping:
                bookkeeping.add(sub)
                todo.append(sub)
    skipped = ("_:", KGO)  # blank nodes, the ontology's own terms
    by_types: dict[tuple[str, ...], tuple[str, ...]] = {}
    entities: dict[str, tuple[str, ...]] = {}
    nodes: set[str] = set()  # entities and details
    keeper: set[str] = set()  # typed as bookkeeping: what cites a source-only entity
    for term, found_types in types.items():
        key = tuple(found_types)
        names = by_types.get(key)
        if names is None:
            names = by_types[key] = tuple(sorted(set(found_types)))
        if not bookkeeping.isdisjoint(names):
            keeper.add(term)
        elif not term.startswith(skipped):
            nodes.add(term)
            if DETAIL.isdisjoint(names):
                entities[term] = names
    linked: set[str] = set()
    cited = stated & nodes
    facts = []
    for s, p, o in links:
        if o not in nodes:
            continue
        if s not in nodes:
            if s in keeper:
                cited.add(o)
            continue
        linked.add(s)
        linked.add(o)
        if p not in NOT_FACTS and s in entities and o in entities:
            facts.append((s, p, o))
    out = Census(subclass=subclass, labelled=found.labels)
    out.entities = {e: t for e, t in entities.items() if e in linked or e not in cited}
    drawn = out.entities
    # in the files' order (what reads them counts, or sorts); a fact in two files once
    out.facts = list(dict.fromkeys(f for f in facts if f[0] in drawn and f[2] in drawn))
    log.info("census: %d entities drawn, %d facts", len(drawn), len(out.facts))
    return out
