"""Loading: read the hand-edited Turtle sources into one rdflib graph, or refuse clearly.

Every refusal names the file (and the line where the parser knows it) and says how to fix
it: syntax errors, empty files, non-UTF-8 bytes, deep nesting, IRIs with spaces or
relative IRIs without a base, ill-typed literals, control characters and lone surrogates.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from ..errors import SourceError
from ..formats import readable
from ..paths import DEFAULT_MAX_SIZE, LARGE_DATA, Project, sized_file
from .guard import sealed
from .namespaces import bind_prefixes, new_graph

log = logging.getLogger(__name__)

#: Base given to the parser so that relative IRIs can be recognised and refused.
_NO_BASE = "http://no-base.kgenesis.invalid/"
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\\ud800-\udfff]')
_BAD_TEXT_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_COMMENT_OR_BLANK = re.compile(r"^\s*(#.*)?$")
#: rdflib parser names of the formats that can hold named graphs: parsed as a dataset,
#: queried as their union.
_QUAD_FORMATS = {f.parser for f in readable().values() if f.quads}

#: RDF formats chosen by file extension: extension → rdflib parser name (``kgenesis.formats``).
FORMATS = {ext: f.parser for ext, f in readable().items() if f.parser}


#: The SHACL shapes file in ontology/: validation input, not part of the graph.
SHAPES_FILE = "shapes.ttl"


def source_files(project: Project) -> list[Path]:
    """The graph's sources in build order: ontology/*.ttl (not the shapes), then graph/**/*.ttl
    and the quote blocks, graph/**/*.trig."""
    ontology = [p for p in sorted(project.ontology.glob("*.ttl")) if p.name != SHAPES_FILE]
    curated = [*project.graph.rglob("*.ttl"), *project.graph.rglob("*.trig")]
    files = ontology + sorted(curated, key=lambda p: p.relative_to(project.graph).as_posix())
    if not files:
        raise SourceError(f"{project.root}: no .ttl files in ontology/ or graph/")
    return files


def load_sources(project: Project) -> Graph:
    """Parse every source file of the project into one graph (project prefixes bound)."""
    return load_files(source_files(project), display_root=project.root)


def parse_sources(project: Project) -> list[Graph]:
    """Every source file of the project parsed on its own (strictly, as ``load_files`` does),
    for ``evidence.derive_statements`` to merge in its one copy."""
    parts = []
    for path in source_files(project):
        parts.append(parse_file(path, shown=_display(path, project.root)))
        log.info("loaded %s", _display(path, project.root))
    return parts


def load_shapes(project: Project) -> Graph:
    """The SHACL shapes (ontology/shapes.ttl)."""
    path = project.ontology / SHAPES_FILE
    if not path.is_file():
        raise SourceError(f"{path}: missing; the SHACL shapes are needed to validate")
    return parse_file(path, shown=_display(path, project.root))


def load_files(
    paths: Sequence[Path],
    *,
    display_root: Path | None = None,
    trusted: bool = False,
    max_size: int | None = DEFAULT_MAX_SIZE,
) -> Graph:
    """Parse RDF files (format by extension) into one graph; raise SourceError on bad input.

    Files with named graphs (TriG, N-Quads, JSON-LD) make the result a Dataset whose default
    graph is the union, so ``GRAPH ?g`` still works; otherwise it is a plain Graph.
    """
    parts = [
        (
            path,
            parse_file(
                path, shown=_display(path, display_root), trusted=trusted, max_size=max_size
            ),
        )
        for path in paths
    ]
    if any(isinstance(part, Dataset) and _has_named_graphs(part) for _, part in parts):
        dataset = Dataset(default_union=True)
        bind_prefixes(dataset)
        for _path, part in parts:
            if isinstance(part, Dataset):
                for s, p, o, g in part.quads((None, None, None, None)):
                    target = dataset if g is None else dataset.graph(g)
                    target.add((s, p, o))
            else:
                for triple in part:
                    dataset.add(triple)
        return dataset
    if len(parts) == 1 and not isinstance(parts[0][1], Dataset):
        # one file: the graph as parsed, its prefixes bound as a merge would bind them
        # (issue 13: the copy cost one rdflib add per triple, 10 s at 10^6)
        path, part = parts[0]
        own = sorted(part.namespaces())
        part.namespace_manager = NamespaceManager(part, bind_namespaces="none")
        bind_prefixes(part)
        _bind_prefix_list(part, own)
        log.info("loaded %s", _display(path, display_root))
        return part
    merged = new_graph()
    for _path, part in parts:  # keep each file's own prefixes (never ns1:)
        _bind_own_prefixes(merged, part)
    for path, part in parts:
        for triple in part.triples((None, None, None)):
            merged.add(triple)
        log.info("loaded %s", _display(path, display_root))
    return merged


def _bind_own_prefixes(target: Graph, source: Graph) -> None:
    _bind_prefix_list(target, sorted(source.namespaces()))


def _bind_prefix_list(target: Graph, pairs: Sequence[tuple[str, URIRef]]) -> None:
    taken = {prefix for prefix, _ns in target.namespaces()}
    used = {ns for _prefix, ns in target.namespaces()}
    for prefix, ns in pairs:
        if prefix and prefix not in taken and ns not in used:
            target.bind(prefix, ns, override=False)
            taken.add(prefix)
            used.add(ns)


def _has_named_graphs(dataset: Dataset) -> bool:
    return any(g.identifier != DATASET_DEFAULT_GRAPH_ID for g in dataset.graphs() if len(g) > 0)


def parse_file(
    path: Path,
    *,
    shown: str | None = None,
    trusted: bool = False,
    raw: bytes | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
) -> Graph:
    """Parse one RDF file strictly; the error message names ``shown`` (default: the path).

    ``trusted`` skips the per-term checks (IRIs, literals) for files this project generated
    and validated itself, such as ``outputs/graph.ttl``: the query path's biggest saving.
    ``raw`` gives the file's bytes when the caller has already read them. Only a regular
    file of at most ``max_size`` bytes is read (None: no limit), and while it is parsed
    nothing may be fetched or opened (``guard.sealed``): a JSON-LD context or XML entity
    that is not inline is refused.
    """
    shown = shown or str(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise SourceError(
            f"{shown}: unknown RDF file extension {path.suffix!r}; "
            f"use one of {', '.join(sorted(FORMATS))}"
        )
    if raw is None:
        sized_file(path, max_size, shown)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise SourceError(f"{shown}: cannot read file: {exc.strerror or exc}") from exc
    if fmt == "xml":
        _refuse_doctype(raw, shown)  # before decoding: a DOCTYPE in UTF-16 is still one
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            f"{shown}:{line}: not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8"
        ) from exc
    if fmt == "xml":
        _refuse_doctype(text, shown)  # as rdflib will read it: a str is UTF-8 to expat,
        # whatever its XML declaration says (a UTF-8 file declaring UTF-16 fails the check
        # on the bytes, yet rdflib reads it and expands its entities)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise SourceError(
            f"{shown}:{line}: NUL bytes: not UTF-8 text (UTF-16?); save the file as UTF-8"
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    if all(_COMMENT_OR_BLANK.match(line) for line in text.splitlines()):
        raise SourceError(f"{shown}: empty file (no statements); add triples or delete the file")
    if fmt == "json-ld":
        _check_jsonld(text, shown)
    graph: Graph = Dataset(default_union=True) if fmt in _QUAD_FORMATS else Graph()
    rdflib_log = logging.getLogger("rdflib")
    level = rdflib_log.level
    rdflib_log.setLevel(logging.CRITICAL)  # we report bad IRIs and literals ourselves
    try:
        with sealed() as refused:
            try:
                if fmt in _OX_FORMATS and len(raw) >= OX_PARSE_THRESHOLD:
                    _parse_with_oxigraph(raw, fmt, graph)
                else:
                    graph.parse(data=text, format=fmt, publicID=_NO_BASE)
            except RecursionError as exc:
                raise SourceError(
                    f"{shown}: too deeply nested (blank nodes or collections); flatten the "
                    "structure"
                ) from exc
            except MemoryError:
                raise  # a memory cap is reported by the query's worker (exit 3)
            except Exception as exc:  # rdflib's parsers raise many types; report them alike
                if not refused:
                    raise SourceError(_parse_error_message(shown, text, exc)) from exc
    finally:
        rdflib_log.setLevel(level)
    if refused:
        raise SourceError(
            f"{shown}: refused to {refused[0]} while parsing (a JSON-LD context or XML "
            "entity that is not inline); inline it in the file"
        )
    if len(graph) == 0 or (
        isinstance(graph, Dataset)
        and next(iter(graph.quads((None, None, None, None))), None) is None
    ):
        raise SourceError(f"{shown}: empty graph (no triples); add triples or delete the file")
    if not trusted:
        _check_terms(graph, shown, text)
    return graph


#: From this size on, Turtle, TriG, N-Triples and N-Quads are parsed by pyoxigraph and the
#: terms handed to rdflib: 2.4 times faster than rdflib's parsers (1.6 s against 3.8 s at
#: 10^5 triples). Smaller files keep rdflib's parsers and their error messages.
OX_PARSE_THRESHOLD = LARGE_DATA
_OX_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "trig": "TRIG", "nquads": "N_QUADS"}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class OxTerms:
    """pyoxigraph terms as the rdflib terms rdflib's own parsers give, each made once (a
    typed literal keeps its datatype and lexical form; a blank node gets a fresh label)."""

    def __init__(self) -> None:
        import pyoxigraph as ox

        self._ox_named, self._ox_blank, self._ox_literal = ox.NamedNode, ox.BlankNode, ox.Literal
        self.named: dict[str, URIRef] = {}
        self.literals: dict[tuple[str, str | None, str], Literal] = {}
        self.blanks: dict[str, Node] = {}

    def resource(self, term: object) -> Node:
        if isinstance(term, self._ox_named):
            found = self.named.get(term.value)
            if found is None:
                found = self.named[term.value] = URIRef(term.value)
            return found
        if isinstance(term, self._ox_blank):
            blank = self.blanks.get(term.value)
            if blank is None:
                blank = self.blanks[term.value] = BNode()
            return blank
        raise SyntaxError(f"unsupported term {term!r} (RDF-star)")

    def value(self, term: object) -> Node:
        if not isinstance(term, self._ox_literal):
            return self.resource(term)
        key = (term.value, term.language, term.datatype.value)
        found = self.literals.get(key)
        if found is None:
            if term.language:
                found = Literal(term.value, lang=term.language)
            elif key[2] == _XSD_STRING:
                found = Literal(term.value)
            else:
                found = Literal(term.value, datatype=URIRef(key[2]))
            self.literals[key] = found
        return found


def _parse_with_oxigraph(raw: bytes, fmt: str, graph: Graph) -> None:
    """Parse with pyoxigraph (no base: a relative IRI is an error) into the rdflib ``graph``
    (a Dataset keeps the named graphs). pyoxigraph fetches nothing; a syntax error is
    raised as SyntaxError with its line and column."""
    import pyoxigraph as ox

    terms = OxTerms()
    resource, value = terms.resource, terms.value

    quads = ox.parse(raw, format=getattr(ox.RdfFormat, _OX_FORMATS[fmt]))
    if not isinstance(graph, Dataset):
        graph.addN(
            (resource(q.subject), resource(q.predicate), value(q.object), graph) for q in quads
        )
        return
    default = getattr(graph, "default_graph", None)
    if not isinstance(default, Graph):
        default = graph.default_context
    contexts: dict[str, Graph] = {}

    def context(name: object) -> Graph:
        if isinstance(name, ox.DefaultGraph):
            return default
        key = str(name)
        found = contexts.get(key)
        if found is None:
            found = contexts[key] = graph.graph(resource(name))  # type: ignore[arg-type]
        return found

    graph.addN(
        (resource(q.subject), resource(q.predicate), value(q.object), context(q.graph_name))
        for q in quads
    )


def _refuse_doctype(raw: bytes | str, shown: str) -> None:
    """Refuse RDF/XML that declares a DOCTYPE or entities, in whatever encoding expat reads
    (UTF-16 without a byte-order mark included): entities expand (billion laughs) or fetch."""
    from xml.parsers import expat

    class _Declared(Exception):
        pass

    def stop(*_args: object) -> None:
        raise _Declared

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = stop
    parser.EntityDeclHandler = stop
    try:
        parser.Parse(raw, True)
    except _Declared:
        raise SourceError(
            f"{shown}: RDF/XML with a DOCTYPE or entity declarations is refused"
        ) from None
    except expat.ExpatError:
        pass  # not well-formed: the RDF/XML parser reports it with its line


#: JSON-LD deeper than this is refused before rdflib's recursive parser sees it.
_MAX_JSON_DEPTH = 200


def _check_jsonld(text: str, shown: str) -> None:
    """JSON-LD that is JSON, an object or an array, not too deep, and names no context by
    address (the common case, said plainly; ``guard.sealed`` refuses every other form)."""
    import json

    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"{shown}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from exc
    except RecursionError:
        raise SourceError(f"{shown}: JSON too deeply nested; flatten the structure") from None
    if not isinstance(doc, dict | list):
        kind = {str: "string", int: "number", float: "number", bool: "boolean"}.get(
            type(doc), "null"
        )
        raise SourceError(f"{shown}: a JSON-LD document is an object or an array, not a {kind}")
    todo: list[tuple[object, int]] = [(doc, 0)]
    while todo:
        node, depth = todo.pop()
        if depth > _MAX_JSON_DEPTH:
            raise SourceError(
                f"{shown}: JSON-LD nested more than {_MAX_JSON_DEPTH} levels deep; flatten it"
            )
        if isinstance(node, list):
            todo.extend((item, depth + 1) for item in node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import"):
                    refs = value if isinstance(value, list) else [value]
                    if any(isinstance(ref, str) for ref in refs):
                        raise SourceError(
                            f"{shown}: remote JSON-LD contexts are not fetched; inline the context"
                        )
                todo.append((value, depth + 1))


def _parse_error_message(shown: str, text: str, exc: Exception) -> str:
    offset = getattr(exc, "_i", None)
    first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    why = getattr(exc, "_why", None) or first_line
    if isinstance(offset, int):
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        near = text[offset : offset + 20].split("\n")[0]
        return (
            f"{shown}:{line}:{col}: Turtle syntax error: {why} (near {near!r}); fix the statement"
        )
    for attr in ("getLineNumber", "lineno", "line"):
        value = getattr(exc, attr, None)
        value = value() if callable(value) else value
        if isinstance(value, int):
            return f"{shown}:{value}: syntax error: {why}"
    return f"{shown}: syntax error: {why}"


def _line_of(text: str, needle: str) -> str:
    idx = text.find(needle)
    return "" if idx < 0 else f":{text.count(chr(10), 0, idx) + 1}"


def _check_terms(graph: Graph, shown: str, text: str) -> None:
    """Refuse IRIs that are relative or malformed and literals that are ill-typed or unsafe."""
    for term in _terms(graph):
        if isinstance(term, URIRef):
            _check_iri(term, shown, text)
        elif isinstance(term, Literal):
            if term.datatype is not None:
                _check_iri(URIRef(term.datatype), shown, text)
            value = str(term)
            bad = _BAD_TEXT_CHARS.search(value)
            if bad:
                raise SourceError(
                    f"{shown}: literal {value[:30]!r} contains a control character or lone "
                    f"surrogate U+{ord(bad.group()):04X}; remove it"
                )
            if term.ill_typed:
                raise SourceError(
                    f"{shown}{_line_of(text, value)}: literal {value!r} is not a valid "
                    f"{term.datatype}; fix the value or its datatype"
                )


def _check_iri(term: URIRef, shown: str, text: str) -> None:
    iri = str(term)
    if iri.startswith(_NO_BASE):
        rel = iri[len(_NO_BASE) :]
        raise SourceError(
            f"{shown}{_line_of(text, '<' + rel + '>')}: relative IRI <{rel}> without a "
            "base; write the full IRI or a prefixed name"
        )
    if _BAD_IRI_CHARS.search(iri):
        raise SourceError(
            f"{shown}{_line_of(text, iri)}: malformed IRI <{iri!r}> (spaces, control characters, "
            "lone surrogates or forbidden characters); percent-encode them or fix the IRI"
        )


def _terms(graph: Graph) -> Iterable[Node]:
    for s, p, o in graph.triples((None, None, None)):
        yield s
        yield p
        yield o


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)
