"""SPARQL over the graph with rdflib: resolve a query, refuse unsafe ones, run it under a
time limit (``timelimit``).

Only rdflib's SPARQL parser and evaluator are imported, and only when a query is run, so
``kgenesis query`` does not pay for validation or visualisation libraries.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import KgenesisError, SourceError, UsageError
from ..paths import regular_file
from ..timelimit import DEFAULT_TIMEOUT, check_timeout, run_limited

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

log = logging.getLogger(__name__)

#: Folder of the saved queries (competency questions) shipped with the package.
SAVED_DIR = Path(__file__).parent / "queries"

_NAME_RE = re.compile(r"^[A-Za-z0-9_.\-]+$")


class QuerySyntaxError(UsageError):
    """The query text is not SPARQL 1.1; the message marks the line and column."""


class QueryEvaluationError(UsageError):
    """The query parses but cannot be evaluated as written: an invalid regular expression
    in REGEX or REPLACE, or a SPARQL type error such as SUM over text (CLI exit 2)."""


class UnsafeQueryError(UsageError):
    """The query would reach outside the loaded graph (SERVICE, LOAD, FROM) or change data."""


class UpdateRefused(UnsafeQueryError):
    """The text is a SPARQL update: it would change data (``kgenesis serve``: 403)."""


class LoadRefused(UpdateRefused):
    """The update holds a LOAD: it would fetch a document (``kgenesis serve``: 400, as
    SERVICE and FROM are)."""


class SavedQuery(NamedTuple):
    """A ``.rq`` file in the package's saved queries, with its header comments."""

    name: str
    path: Path
    title: str
    description: str

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


#: The ``# key: value`` header keys of a ``.rq`` file (saved queries and validation checks).
HEADER_KEYS = ("title", "description", "rule", "fix")


def read_header(text: str) -> dict[str, str]:
    """The ``# key: value`` comments that open a ``.rq`` text, keys in lower case.

    Keys are ``title``, ``description``, ``rule`` and ``fix`` in any case (``# Title:``);
    other comments are skipped, the first value of a key wins and an empty value is ignored.
    Blank lines are skipped; reading stops at the first line that is not a comment.
    """
    meta: dict[str, str] = {}
    for line in text.removeprefix("\ufeff").splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        key, sep, value = stripped.lstrip("#").partition(":")
        key, value = key.strip().lower(), value.strip()
        if sep and value and key in HEADER_KEYS:
            meta.setdefault(key, value)
    return meta


def saved_queries(folder: Path = SAVED_DIR) -> dict[str, SavedQuery]:
    """The saved queries by name (file stem), sorted by name."""
    found: dict[str, SavedQuery] = {}
    for path in sorted(folder.glob("*.rq")):
        meta = read_header(path.read_text(encoding="utf-8"))
        found[path.stem] = SavedQuery(
            path.stem, path, meta.get("title", path.stem), meta.get("description", "")
        )
    return found


#: Longest query text accepted: parsing a 10 MB query took minutes before it could be refused.
MAX_QUERY_BYTES = 1 << 20


def resolve(query: str | os.PathLike[str], folder: Path = SAVED_DIR) -> tuple[str, str]:
    """Return ``(label, text)`` for inline SPARQL, a ``.rq`` path (``str`` or ``Path``), ``-``
    (stdin, read as UTF-8 bytes whatever the locale) or a saved name."""
    label, text = _resolve(query, folder)
    return label, checked_text(text, f"{label}: ")


def checked_text(text: str, where: str = "") -> str:
    """A query's text within MAX_QUERY_BYTES (``where`` opens the refusal), its byte-order
    mark dropped: what ``kgenesis query`` and ``kgenesis serve`` both ask of a query."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_QUERY_BYTES:
        raise UsageError(
            f"{where}the query is longer than {MAX_QUERY_BYTES:,} bytes; refused unread"
        )
    return text.removeprefix("\ufeff")  # a byte-order mark is not SPARQL


def _decode(raw: bytes, shown: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{shown}: not UTF-8 ({exc.reason} at byte {exc.start})") from None


def _resolve(query: str | os.PathLike[str], folder: Path) -> tuple[str, str]:
    if isinstance(query, os.PathLike):
        query = os.fspath(query)
        if not query.endswith((".rq", ".sparql")):
            raise UsageError(f"{query}: a query file ends .rq or .sparql")
    if query == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream without bytes under it (a test's StringIO)
            return "<stdin>", sys.stdin.read(MAX_QUERY_BYTES + 1)
        return "<stdin>", _decode(stream.read(MAX_QUERY_BYTES + 1), "<stdin>")
    candidate = Path(query)
    if "\n" not in query and "{" not in query and candidate.suffix in (".rq", ".sparql"):
        if not candidate.exists():
            raise UsageError(f"{query}: no such query file")
        size = regular_file(candidate, query)
        if size > MAX_QUERY_BYTES:
            raise UsageError(
                f"{query}: the query is longer than {MAX_QUERY_BYTES:,} bytes; refused unread"
            )
        return str(candidate), _decode(candidate.read_bytes(), query)
    if _NAME_RE.match(query):
        saved = saved_queries(folder)
        if query in saved:
            return query, saved[query].text
        close = _suggest(query, list(saved))
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UsageError(f"unknown saved query {query!r}{hint} (`kgenesis queries` lists them)")
    return "<query>", query


def _suggest(query: str, names: list[str]) -> list[str]:
    """Up to three saved names close to ``query``: by prefix first (``cq-4`` finds
    ``cq-04-…``, ``CLASSES`` finds ``classes``), else by similarity."""
    wanted = re.sub(r"(?<=-)(\d)(?=-|$)", r"0\g<1>", query.lower())
    by_prefix = [name for name in names if name.lower().startswith(wanted)]
    return by_prefix[:3] or difflib.get_close_matches(wanted, names, n=3, cutoff=0.5)


# --- parsing and safety -------------------------------------------------------------------


def _syntax_error(text: str, exc: Any) -> QuerySyntaxError:
    """A one-paragraph message: line, column, the line itself and a caret under the fault."""
    lineno, col = int(getattr(exc, "lineno", 1)), int(getattr(exc, "col", 1))
    lines = text.splitlines() or [""]
    from .results import cell_width

    # pyparsing counts columns in the text with its tabs expanded: show that text
    line = lines[min(lineno, len(lines)) - 1].expandtabs()
    found = re.search(r"found ('.*?'|end of text)", str(exc))
    what = f" near {found.group(1)}" if found else ""
    caret = " " * cell_width(line[: col - 1]) + "^"  # Hangul takes two cells
    return QuerySyntaxError(
        f"SPARQL syntax error at line {lineno}, column {col}{what}:\n  {line}\n  {caret}"
    )


def _walk(node: Any) -> Iterator[Any]:
    """Every value in a parse tree or algebra tree (CompValues, ParseResults, lists)."""
    from pyparsing import ParseResults

    stack, seen = [node], set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, ParseResults | list | tuple):
            stack.extend(item)


def _service_name(term: Any) -> str:
    """How a SERVICE names its endpoint: ``<iri>``, ``kg:x`` (a prefixed name) or ``?var``."""
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Identifier

    if isinstance(term, Identifier):
        return term.n3()
    if isinstance(term, CompValue) and term.name == "pname":
        # not term.get(): a CompValue's get() answers a missing key with the key's own name,
        # which named `SERVICE :x` "prefix:x"
        prefix = term["prefix"] if "prefix" in term else ""
        local = term["localname"] if "localname" in term else ""
        return f"{prefix}:{local}"
    return "(an endpoint)"


def check_safe(tree: Any) -> None:
    """Refuse SERVICE and FROM / FROM NAMED anywhere in a parsed or translated query."""
    from rdflib.plugins.sparql.parserutils import CompValue

    for item in _walk(tree):
        if not isinstance(item, CompValue):
            continue
        if item.name == "ServiceGraphPattern":
            raise UnsafeQueryError(
                f"SERVICE {_service_name(item.get('term'))} is refused: "
                "queries may not reach the network"
            )
        if "datasetClause" in item and item["datasetClause"]:
            raise UnsafeQueryError(
                "FROM / FROM NAMED is refused: queries run only on the loaded graph "
                "(use --data FILE to choose it)"
            )


#: rdflib's SPARQL parser (pyparsing, with a shared packrat cache) is not thread-safe: two
#: threads parsing at once got a TypeError from pyparsing. One parse at a time.
_PARSE_LOCK = threading.Lock()


def prepare(text: str) -> Any:
    """Parse, check and translate a query; raise a syntax or safety error before it can run.

    Safe to call from several threads at once (parsing is serialised)."""
    with _PARSE_LOCK:
        return _prepare(text)


def _prepare(text: str) -> Any:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    from ..graph.namespaces import PREFIXES

    try:
        parsed = parseQuery(text)
    except ParseException as qexc:
        try:
            update = parseUpdate(text)
        except ParseException as uexc:
            raise _syntax_error(text, uexc if uexc.loc > qexc.loc else qexc) from None
        except RecursionError:
            raise _syntax_error(text, qexc) from None
        requests = update["request"] if "request" in update else []
        if not requests:  # only whitespace, comments, PREFIX or BASE: an update of nothing
            raise QuerySyntaxError(
                "empty query: nothing to run (give a SELECT, ASK, CONSTRUCT or DESCRIBE query)"
            ) from None
        names = [_op_name(r.name) for r in requests]
        refused = LoadRefused if "LOAD" in names else UpdateRefused
        ops = ", ".join(names)
        raise refused(f"SPARQL updates are refused ({ops}): queries may not change data") from None
    except RecursionError:
        raise QuerySyntaxError("query too deeply nested") from None
    check_safe(parsed)
    select_star = parsed[1].name == "SelectQuery" and not parsed[1].projection
    try:
        query = translateQuery(parsed, initNs=dict(PREFIXES))
    except RecursionError:
        raise QuerySyntaxError("query too deeply nested") from None
    except Exception as exc:  # rdflib raises bare Exception for e.g. an unknown prefix
        unknown = re.match(r"Unknown namespace prefix : (\S*)", str(exc))
        if unknown:
            raise QuerySyntaxError(
                f"unknown prefix {unknown.group(1)}: declare it with PREFIX "
                "(`kgenesis prefixes` lists those declared for you)"
            ) from None
        raise QuerySyntaxError(f"SPARQL error: {exc}") from None
    check_safe(query.algebra)
    _check_patterns(query.algebra)
    _construct_where_template(query.algebra)
    if select_star:
        # rdflib collects the variables of SELECT * in a set, so their order would follow
        # PYTHONHASHSEED: order them by their first appearance in the text instead.
        first = variable_order(text)
        query.algebra["PV"] = sorted(
            query.algebra.PV, key=lambda v: (first.get(str(v), len(first)), str(v))
        )
    return query


#: Strings, IRIs and comments (matched only to be skipped) and variables (group 1) in SPARQL.
_TOKEN_RE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*"
    r"|[?$]([\w\u00b7\u0300-\u036f\u203f\u2040]+)",
    re.DOTALL,
)


def blank_lexemes(text: str) -> str:
    """``text`` with its strings, IRIs and comments blanked out; variables are kept."""
    return _TOKEN_RE.sub(lambda m: m.group(0) if m.group(1) else " ", text)


def variable_order(text: str) -> dict[str, int]:
    """Each variable's name -> the rank of its first appearance in the query text."""
    order: dict[str, int] = {}
    for match in _TOKEN_RE.finditer(text):
        name = match.group(1)
        if name and name not in order:
            order[name] = len(order)
    return order


def _construct_where_template(algebra: Any) -> None:
    """Give ``CONSTRUCT WHERE { … }`` its template where rdflib cannot find it.

    rdflib takes the template of a CONSTRUCT WHERE from ``query.p.p``, which is the BGP only
    without solution modifiers: with LIMIT, OFFSET or ORDER BY it is a Project and the query
    failed with "'NoneType' object is not iterable". The template is the WHERE clause's
    triples (CONSTRUCT WHERE allows nothing but triples).
    """
    if algebra.name != "ConstructQuery" or algebra.get("template"):
        return
    node = algebra.get("p")
    while node is not None and getattr(node, "name", None) != "BGP":
        node = node.get("p")
    if node is not None:
        algebra["template"] = node.get("triples")


def _check_patterns(algebra: Any) -> None:
    """Refuse a constant REGEX / REPLACE pattern (or replacement) that cannot be compiled."""
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Literal

    for item in _walk(algebra):
        if not isinstance(item, CompValue) or item.name not in ("Builtin_REGEX", "Builtin_REPLACE"):
            continue
        pattern = item.get("pattern")
        if not isinstance(pattern, Literal):
            continue
        function = item.name.removeprefix("Builtin_")
        replacement = item.get("replacement")
        try:
            compiled = re.compile(str(pattern))
            if isinstance(replacement, Literal):  # SPARQL's $1 is Python's \1, as rdflib does
                compiled.sub(re.sub(r"\$([0-9]*)", r"\\\1", str(replacement)), "")
        except re.error as exc:
            raise QueryEvaluationError(
                f"invalid regular expression {str(pattern)!r} in {function}: {exc}"
            ) from None


def _op_name(name: str) -> str:
    """``InsertData`` -> ``INSERT DATA``."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).upper()


class QueryResult:
    """Result of one query: ``kind`` is SELECT, ASK, CONSTRUCT or DESCRIBE.

    ``terms`` holds rdflib terms (None when unbound); ``rows`` holds Python values.
    (A plain class, not a dataclass: importing dataclasses costs the fast path ~8 ms.)

    pyoxigraph's answers come as ``solutions``, its own TSV of the rows, read into ``terms``
    (``kgenesis.terms.Term``) when they are first asked for: so a query's worker sends back
    bytes, where 79,428 rows of terms took 0.5-0.7 s to pickle and unpickle (issue 13).
    """

    def __init__(
        self,
        kind: str,
        vars: list[str] | None = None,
        terms: list[tuple[Node | None, ...]] | None = None,
        boolean: bool | None = None,
        triples: list[tuple[Node, Node, Node]] | None = None,
        solutions: bytes | None = None,
    ) -> None:
        self.kind = kind
        self.vars = vars if vars is not None else []
        #: None while ``solutions`` are not yet read
        self._terms: list[tuple[Node | None, ...]] | None = (
            terms if terms is not None else [] if solutions is None else None
        )
        self._solutions = solutions
        self.boolean = boolean
        self.triples = triples if triples is not None else []

    @property
    def terms(self) -> list[tuple[Node | None, ...]]:
        if self._terms is None:
            from .fast import read_solutions

            self._terms = read_solutions(self._solutions or b"", len(self.vars))  # type: ignore[assignment]
        return self._terms  # type: ignore[return-value]

    @terms.setter
    def terms(self, rows: list[tuple[Node | None, ...]]) -> None:
        self._terms, self._solutions = rows, None

    def __getstate__(self) -> dict[str, Any]:
        """Rows read from pyoxigraph's TSV are pickled as that TSV, never as terms, whoever
        read them first (a worker's label look-up, a comparison)."""
        state = self.__dict__.copy()
        if state["_solutions"] is not None:
            state["_terms"] = None
        return state

    def __repr__(self) -> str:
        size = f"boolean={self.boolean}" if self.kind == "ASK" else f"{len(self)} results"
        return f"QueryResult({self.kind}, vars={self.vars}, {size})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, QueryResult):
            return NotImplemented
        mine = (self.kind, self.vars, self.terms, self.boolean, self.triples)
        return mine == (other.kind, other.vars, other.terms, other.boolean, other.triples)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

    @property
    def rows(self) -> list[dict[str, Any]]:
        """Rows as dicts of Python values: IRIs as ``str``, literals via ``Literal.toPython()``,
        blank nodes as ``"_:id"``, unbound as None (language tags are in ``terms``).

        A literal with no Python value (``xsd:gYear``, ``xsd:gYearMonth``, ``xsd:gMonthDay``,
        ``xsd:gDay``, ``xsd:gMonth``, any datatype rdflib does not convert, an ill-typed
        literal) comes back as its lexical form: ``"2030"^^xsd:gYear`` -> ``"2030"``."""
        return [
            {v: to_python(t) for v, t in zip(self.vars, row, strict=True)} for row in self.terms
        ]

    @property
    def graph(self) -> Graph:
        """The CONSTRUCT or DESCRIBE result as a graph binding the project's prefixes."""
        from ..graph.namespaces import new_graph

        graph = new_graph()
        for triple in self.triples:
            graph.add(triple)
        return graph

    def __iter__(self) -> Iterator[Any]:
        """The rows (SELECT), or the triples (CONSTRUCT, DESCRIBE): what ``len`` counts."""
        if self.kind in ("CONSTRUCT", "DESCRIBE"):
            return iter(self.triples)
        return iter(self.rows)

    def __len__(self) -> int:
        if self.kind in ("CONSTRUCT", "DESCRIBE"):
            return len(self.triples)
        if self._solutions is not None:  # one line per row after the header, not yet read
            return self._solutions.count(b"\n") - 1
        return len(self.terms)

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ASK" else len(self) > 0

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame (pandas is optional: ``pip install pandas``)."""
        try:
            import pandas
        except ImportError:
            raise ImportError(
                "to_dataframe() needs pandas, which kgenesis does not install: pip install pandas"
            ) from None
        if self.kind in ("CONSTRUCT", "DESCRIBE"):
            data = [tuple(to_python(t) for t in triple) for triple in self.triples]
            return pandas.DataFrame(data, columns=["subject", "predicate", "object"])
        return pandas.DataFrame(self.rows, columns=self.vars)


def to_python(term: Node | None) -> Any:
    """A term as a plain Python value (see ``QueryResult.rows``)."""
    from rdflib.term import BNode, Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value  # gYear...: lexical form
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _evaluate(graph: Graph, prepared: Any) -> QueryResult:
    """Run a prepared query and materialise every row (rdflib evaluates lazily)."""
    from .rdflib_fixes import install

    install()
    result = graph.query(prepared)
    kind = result.type
    if kind == "ASK":
        return QueryResult(kind, boolean=bool(result.askAnswer))
    if kind in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None  # CONSTRUCT and DESCRIBE always give one
        return QueryResult(kind, triples=list(result.graph))
    variables = list(result.vars or [])
    # result.bindings, not iter(result): rdflib's iterator skips a row whose variables are
    # all unbound, which OPTIONAL gives and which is still a row.
    rows = [tuple(binding.get(v) for v in variables) for binding in result.bindings]
    return QueryResult(kind, vars=[str(v) for v in variables], terms=rows)  # type: ignore[arg-type]


def execute(graph: Graph, text: Any, timeout: float | None = DEFAULT_TIMEOUT) -> QueryResult:
    """Check and run ``text`` on ``graph`` within ``timeout`` seconds (0 or None: no limit).

    ``text`` is SPARQL, or a query ``prepare`` has already checked.
    """
    limit = check_timeout(timeout)
    prepared = prepare(text) if isinstance(text, str) else text

    def run() -> QueryResult:
        try:
            return _evaluate(graph, prepared)
        except RecursionError:
            raise QuerySyntaxError("query too deeply nested") from None
        except (KgenesisError, MemoryError):
            raise  # a memory cap is reported by the worker (exit 3)
        except re.error as exc:  # a pattern built from data, e.g. REGEX(?a, ?b)
            raise QueryEvaluationError(
                f"invalid regular expression in REGEX or REPLACE: {exc}"
            ) from None
        except Exception as exc:
            from rdflib.plugins.sparql.sparql import SPARQLError

            if isinstance(exc, SPARQLError):  # e.g. SPARQLTypeError: SUM over text
                raise QueryEvaluationError(f"the query cannot be evaluated: {exc}") from None
            raise KgenesisError(f"query failed: {type(exc).__name__}: {exc}") from None

    return run_limited(run, limit)


def label_map(graph: Graph, terms: Iterable[Node | None], lang: str) -> dict[Node, str]:
    """The ``rdfs:label`` (else ``skos:prefLabel``) in ``lang`` of every IRI among ``terms``."""
    from rdflib.namespace import RDFS, SKOS
    from rdflib.term import URIRef

    from ..terms import pick_text

    labels: dict[Node, str] = {}
    for term in terms:
        if not isinstance(term, URIRef) or term in labels:
            continue
        for prop in (RDFS.label, SKOS.prefLabel):
            found = pick_text(graph.objects(term, prop), lang)
            if found is not None:
                labels[term] = found
                break
    return labels


# --- loading --------------------------------------------------------------------------------


def load_data(paths: Sequence[Path | str], max_size: int | None = None) -> Graph:
    """Parse RDF files (format by extension) into one graph, refusing bad input (see load.py);
    a file over ``max_size`` bytes (default 1 GiB; 0: no limit) is refused unread."""
    from ..graph.load import load_files
    from ..paths import DEFAULT_MAX_SIZE

    limit = DEFAULT_MAX_SIZE if max_size is None else (max_size or None)
    return load_files([Path(p) for p in paths], max_size=limit)


def _size(graph: Graph) -> int:
    """Triples in a graph, or quads in every graph of a dataset."""
    from rdflib import Dataset

    if isinstance(graph, Dataset):
        return sum(1 for _ in graph.quads((None, None, None, None)))
    return len(graph)
