"""Large ``--data`` graphs held in pyoxigraph's store: load and query at Oxigraph speed.

rdflib parses about 30,000 triples a second and answers a join on 10^6 triples in about
a minute; pyoxigraph loads the same file in 3 s and answers in under one. So ``query
--data`` and ``serve`` (``export`` reads and writes the files with pyoxigraph by the same
rule) hold the data in a pyoxigraph store when the files together reach ``THRESHOLD``
bytes, or when ``--store oxigraph`` (or ``--engine oxigraph``) asks for it; ``--store
memory`` keeps rdflib's in-memory graph.

Safety does not move with the store. The query is parsed by rdflib's parser first and
refused as everywhere else (``engine.prepare``: SERVICE, LOAD, FROM, FROM NAMED, every
update), then, as on the fast path, refused if its text holds a ``\\u`` escape or the word
"service" anywhere (pyoxigraph would fetch a SERVICE). Turtle, TriG, N-Triples and N-Quads
are parsed by pyoxigraph itself, which fetches nothing, refuses relative IRIs without a
base and malformed IRIs, and names the line of a syntax error; JSON-LD and RDF/XML go
through the strict rdflib loader (entities, remote contexts and the rest refused as
always) and are then copied in. A file that holds no triple is refused, as the loader
refuses one. Unlike the rdflib loader, pyoxigraph accepts an ill-typed literal
(``"abc"^^xsd:integer``) or a control character in a literal as it stands: per-term checks
of a million triples in Python would cost what the store saves.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import SourceError, UsageError
from ..paths import LARGE_DATA

log = logging.getLogger(__name__)

#: From this many bytes of data files on, ``--store auto`` holds them in pyoxigraph
#: (about 60,000 triples of N-Triples, 100,000 of Turtle; rdflib takes 2-3 s to parse them).
THRESHOLD = LARGE_DATA
#: File extension → pyoxigraph format name, for the formats pyoxigraph parses itself.
NATIVE = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".trig": "TRIG", ".nq": "N_QUADS"}
STORES = ("auto", "memory", "oxigraph")


def wanted(store: str, paths: Sequence[Path]) -> bool:
    """Whether the files are held in pyoxigraph: ``--store``, else their size."""
    if store == "oxigraph":
        return True
    if store == "memory":
        return False
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            return False  # the loader names the problem
    return total >= THRESHOLD


def load(paths: Sequence[Path], max_size: int | None) -> Any:
    """A pyoxigraph ``Store`` holding every file (named graphs kept), or a SourceError."""
    import pyoxigraph as ox

    store = ox.Store()
    for path in paths:
        rdf_format = native_format(path, max_size)
        if rdf_format is None:
            _copy_parsed(store, path, max_size)  # the rdflib loader refuses an empty file
            continue
        with reading(path):
            store.bulk_load(path=str(path), format=rdf_format)
        log.info("loaded %s into pyoxigraph", path)
    return store


def native_format(path: Path, max_size: int | None) -> Any:
    """The pyoxigraph format of a file pyoxigraph parses itself (None for JSON-LD and
    RDF/XML), once it is known to be a regular file within ``max_size`` holding a triple."""
    import pyoxigraph as ox

    from ..paths import sized_file

    shown = str(path)
    sized_file(path, max_size, shown)
    native = NATIVE.get(path.suffix.lower())
    if native is None:
        return None
    rdf_format = getattr(ox.RdfFormat, native)
    with reading(path):
        # the first triple only (parsing streams): counting the store costs 1 s at 10^6
        if next(iter(ox.parse(path=shown, format=rdf_format)), None) is None:
            raise SourceError(f"{shown}: empty graph (no triples); add triples or delete the file")
    return rdf_format


def parse(path: Path, rdf_format: Any) -> Iterator[Any]:
    """The quads of a file as pyoxigraph's parser reads them, without a store: typed literals
    keep their lexical form ("50.0"^^xsd:decimal), where the store keeps numbers and dates by
    value ("50"); parse errors become SourceErrors naming the file and line."""
    import pyoxigraph as ox

    with reading(path):
        yield from ox.parse(path=str(path), format=rdf_format)


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """pyoxigraph's errors while reading ``path`` as one-line SourceErrors."""
    try:
        yield
    except SyntaxError as exc:
        raise SourceError(f"{path}: syntax error: {' '.join(str(exc).split())}") from None
    except (OSError, ValueError) as exc:
        raise SourceError(f"{path}: cannot load: {exc}") from None


def _copy_parsed(store: Any, path: Path, max_size: int | None) -> None:
    """JSON-LD and RDF/XML: the strict rdflib loader, then a copy into the store."""
    from ..graph.load import parse_file
    from ..graph.oxstore import quads_of

    store.bulk_extend(quads_of(parse_file(path, max_size=max_size)))


def check_query(text: str) -> Any:
    """Refuse what the store must never run; return rdflib's prepared query (its kind)."""
    from .engine import prepare
    from .fast import _ESCAPE, _NETWORK

    prepared = prepare(text)  # syntax errors with line and column; SERVICE, LOAD, FROM, updates
    if _ESCAPE.search(text):
        raise UsageError(
            "this query holds a \\u escape, which pyoxigraph would decode before parsing; "
            "write the character itself, or use --store memory"
        )
    if _NETWORK.search(text):
        raise UsageError(
            "this query mentions SERVICE (even in a string or comment), which pyoxigraph could "
            "fetch; reword it, or use --store memory"
        )
    return prepared


def run(
    paths: Sequence[Path], text: str, max_size: int | None, labels: str | None
) -> tuple[Any, dict[Any, str], list[str] | None]:
    """Check and run ``text`` on the files held in pyoxigraph: (result, labels, the namespace
    hints after an empty answer, else None).

    Runs in the query's worker (``timelimit.run_limited``): call it from there.
    """
    from ..timelimit import outlive

    prepared = check_query(text)  # a bad query is refused before the files are read
    held = load(paths, max_size)
    outlive(held)
    return answer(held, text, labels, prepared)


def answer(
    store: Any, text: str, labels: str | None = None, prepared: Any = None, hints: bool = True
) -> tuple[Any, dict[Any, str], list[str] | None]:
    """``run`` on a store already loaded (``kgenesis serve`` holds one for every request);
    ``prepared``: what ``check_query`` gave, else it is called here; ``hints``: whether an
    empty answer gets its namespace hints (a server has no one to tell). In a worker too."""
    import pyoxigraph as ox

    from ..prefixes import PREFIX_IRIS
    from .engine import QueryResult
    from .fast import _label_map, written

    if prepared is None:
        prepared = check_query(text)
    kind = prepared.algebra.name
    try:  # pyoxigraph evaluates as its answer is read: errors come while reading it too
        answer = store.query(text, prefixes=PREFIX_IRIS, use_default_graph_as_union=True)
        if isinstance(answer, ox.QueryBoolean):
            result = QueryResult("ASK", boolean=bool(answer))
        elif isinstance(answer, ox.QueryTriples):
            triples = [
                (_rdflib_term(t.subject), _rdflib_term(t.predicate), _rdflib_term(t.object))
                for t in answer
            ]
            form = "DESCRIBE" if "Describe" in kind else "CONSTRUCT"
            result = QueryResult(form, triples=triples)
        else:
            names = [v.value for v in answer.variables]
            result = QueryResult("SELECT", vars=names, solutions=written(answer))
    except (SyntaxError, ValueError, OSError, RuntimeError) as exc:
        raise UsageError(f"pyoxigraph: {' '.join(str(exc).split())}") from None
    label_map: dict[Any, str] = {}
    if labels and result.kind == "SELECT":  # read here for the labels, still sent as TSV
        label_map = _label_map(store, (t for row in result.terms for t in row), labels)
    about = None
    if not result and hints:  # no rows, a false ASK, no triples (counted, not read)
        about = hints_for(store, text)
    return result, label_map, about


def hints_for(store: Any, text: str) -> list[str]:
    """The namespace hints after an empty answer, read from ``store`` without passing over
    all of it (``hints.probed_hints``: a look-up for each IRI the query names, then at most
    ``hints.PROBE`` IRIs of the store)."""
    import pyoxigraph as ox

    from ..prefixes import PREFIX_IRIS
    from .hints import probed_hints

    def occurs(iri: str) -> bool:
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            return False  # not an IRI as written (an escape in a prefixed name)
        patterns = ((node, None, None), (None, node, None), (None, None, node))
        return any(next(iter(store.quads_for_pattern(*p)), None) is not None for p in patterns)

    def iris() -> Any:
        for quad in store:
            for term in (quad.subject, quad.predicate, quad.object):
                if isinstance(term, ox.NamedNode):
                    yield term.value

    return probed_hints(text, PREFIX_IRIS, occurs, iris())


def _rdflib_term(term: Any) -> Any:
    """A pyoxigraph term as the rdflib term the rdflib engine would give."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise SourceError(f"pyoxigraph gave a term rdflib cannot hold: {term!r}")
