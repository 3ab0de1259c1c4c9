"""The fast path of ``kgenesis query``: SELECT and ASK on the built graph with pyoxigraph.

Importing rdflib and its SPARQL parser costs about 0.2 s before a query even starts;
pyoxigraph loads ``outputs/graph.ttl`` and answers a saved query in about 15 ms. So a
query on the built graph runs here when it is plainly safe, and everything else goes to
the rdflib engine (``querying``), which checks the parsed algebra, refuses what is unsafe
and reports errors with line and column:

* the text holds no ``\\u`` escape (SPARQL decodes them before parsing: they could spell
  SERVICE) and, past its opening comment lines, no "service" anywhere, not even in a
  string (pyoxigraph would fetch a SERVICE);
* it names no FROM, LOAD, update, CONSTRUCT or DESCRIBE, and no function whose errors
  the rdflib engine reports and pyoxigraph would silently turn into unbound values
  (REGEX, REPLACE, SUM, AVG, MIN, MAX), again anywhere past the opening comments;
* pyoxigraph parses it (a syntax error is reported by the rdflib engine).

Every saved query gives the same output on both engines (tests run each through both);
ad-hoc queries can differ where SPARQL leaves the answer open or where rdflib departs from
the standard (the README lists the cases).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from ..prefixes import PREFIX_IRIS
from ..terms import Term, literal, pick_text
from ..timelimit import WorkerDied, run_limited
from .engine import QueryResult, blank_lexemes, variable_order

log = logging.getLogger(__name__)

_RDFS_LABEL = PREFIX_IRIS["rdfs"] + "label"
_SKOS_PREF_LABEL = PREFIX_IRIS["skos"] + "prefLabel"

#: SPARQL decodes \\u escapes before it parses, anywhere: a query holding one never takes the
#: fast path (it could spell SERVICE, or end a comment early).
_ESCAPE = re.compile(r"\\[uU]")
#: Checked on the whole text after its opening comment lines, strings included: no quoting
#: can hide a SERVICE that pyoxigraph would fetch.
_NETWORK = re.compile(r"service", re.IGNORECASE)
#: Also on the raw text; a keyword can be glued to what follows (``FROMkg:x``), so only what
#: precedes it is checked: not part of a name, a variable or a prefixed name.
_SLOW = re.compile(
    r"(?<![?$:\w\-.])(?:load|from|named|insert|delete|clear|drop|create|add|move|copy|with|"
    r"using|construct|describe|regex|replace|sum|avg|min|max)",
    re.IGNORECASE,
)
#: The functions whose errors rdflib reports, wherever they are called: also after a hyphen
#: (``-SUM(?l)``, ``-REGEX(...)``: a minus sign, which the check above took for part of a
#: name). Followed by its parenthesis, past spaces and comments; ``kg:nst-summit`` is a name.
_SLOW_CALL = re.compile(
    r"(?<![?$:\w.])(?:regex|replace|sum|avg|min|max)(?=(?:\s|#[^\r\n]*)*\()",
    re.IGNORECASE,
)
_LINES = re.compile(r"\r\n|\r|\n")  # SPARQL's line ends (a comment ends at either)
_FORM = re.compile(r"(?<![?$:\w])(?:select|ask)(?![\w:])", re.IGNORECASE)
_STAR = re.compile(r"(?<![?$:\w])select\s+(?:(?:distinct|reduced)\s+)?\*", re.IGNORECASE)

Labeller = Callable[[Iterable[Any], str], Mapping[Any, str]]


_SLOW_WHY = {
    "load": "LOAD and updates are refused by the rdflib engine, which checks the parsed query",
    "from": "FROM and FROM NAMED are refused by the rdflib engine, which checks the parsed query",
    "construct": "the fast path answers SELECT and ASK; CONSTRUCT runs on rdflib",
    "describe": "the fast path answers SELECT and ASK; DESCRIBE runs on rdflib",
    "regex": "pyoxigraph would leave a failing REGEX unbound where rdflib reports the error",
}


class Declined(Exception):
    """The fast path cannot answer this query; the message says why (rdflib then runs it)."""


def why_not(text: str) -> str | None:
    """Why ``text`` may not run on the fast path (see the module's docstring), or None.

    Deliberately crude: every check reads the raw text (only the comment lines that open
    it are skipped, where no string or IRI can be open), so a keyword inside a string or a
    comment sends the query to rdflib too. That costs time, never safety.
    """
    if _ESCAPE.search(text):
        return "it holds a \\u escape (it could spell a keyword the checks look for)"
    lines = _LINES.split(text)
    while lines and (not lines[0].strip(" \t") or lines[0].lstrip(" \t").startswith("#")):
        lines.pop(0)
    code = "\n".join(lines)
    if _NETWORK.search(code):
        return "it mentions SERVICE (even in a string or comment), which could reach the network"
    slow = _SLOW.search(code) or _SLOW_CALL.search(code)
    if slow:
        word = slow.group(0).lower()
        reason = _SLOW_WHY.get(word)
        if reason is None and word in ("replace", "sum", "avg", "min", "max"):
            reason = _SLOW_WHY["regex"].replace("REGEX", word.upper())
        if reason is None:
            reason = _SLOW_WHY["load"]
        return f"it uses the word {slow.group(0).upper()}: {reason}"
    if not _FORM.search(code):
        return "it is not a SELECT or ASK query"
    return None


def eligible(text: str) -> bool:
    """Whether ``text`` may run on the fast path (``why_not`` gives no reason against it)."""
    return why_not(text) is None


def run(
    path: Path, text: str, timeout: float | None, max_memory: int | None = None
) -> tuple[QueryResult, Labeller]:
    """Run ``text`` on the built graph at ``path``; raise ``Declined`` where rdflib must.

    Returns the result (its terms are ``kgenesis.terms.Term``) and a function giving the
    labels of terms in a language, as ``querying.label_map`` does for rdflib graphs.
    """
    reason = why_not(text)
    if reason is not None:
        raise Declined(reason)
    return run_on(load_store(path), text, timeout, max_memory)


def load_store(path: Path) -> Any:
    """The built graph at ``path`` in a pyoxigraph store; ``Declined`` where it cannot be read."""
    if not path.is_file():
        raise Declined(f"{path} does not exist (run `kgenesis build`)")
    import pyoxigraph as ox

    store = ox.Store()
    try:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    except (SyntaxError, OSError, ValueError) as exc:
        log.debug("fast path: %s not loaded (%s); using rdflib", path, exc)
        raise Declined(f"pyoxigraph could not load {path}: {exc}") from None
    return store


def run_on(
    store: Any, text: str, timeout: float | None, max_memory: int | None = None
) -> tuple[QueryResult, Labeller]:
    """``run`` on a store already loaded (``kgenesis serve`` keeps one for every request)."""
    reason = why_not(text)
    if reason is not None:
        raise Declined(reason)
    try:
        result = run_limited(lambda: _evaluate(store, text), timeout, max_memory)
    except WorkerDied as exc:  # a stack overflow in native code (10,000 FILTERs): rdflib decides
        raise Declined(f"pyoxigraph's worker died ({exc})") from None
    if isinstance(result, str):
        raise Declined(result)  # the rdflib engine reports it (a syntax error: line and column)
    if result.kind == "SELECT" and _STAR.search(blank_lexemes(text)):
        result = _in_text_order(result, text)

    def labels(terms: Iterable[Any], lang: str) -> Mapping[Any, str]:
        return _label_map(store, terms, lang)

    return result, labels


def iris(path: Path) -> list[str]:
    """Every IRI the built graph at ``path`` uses, in any position (for ``kgenesis.sparql.hints``)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    found: set[str] = set()
    for quad in store:
        for term in (quad.subject, quad.predicate, quad.object):
            if isinstance(term, ox.NamedNode):
                found.add(term.value)
    return sorted(found)


def _evaluate(store: Any, text: str) -> QueryResult | str:
    """The query's result, or what pyoxigraph said when it could not parse or run it."""
    import pyoxigraph as ox

    try:
        answer = store.query(text, prefixes=PREFIX_IRIS)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ASK", boolean=bool(answer))
        names = [v.value for v in answer.variables]
        solutions = written(answer)
    except Exception as exc:  # noqa: BLE001 - any failure (an unknown function): rdflib decides
        log.debug("fast path: %s; using rdflib", exc)
        return f"pyoxigraph: {' '.join(str(exc).split()) or type(exc).__name__}"
    return QueryResult("SELECT", vars=names, solutions=solutions)


def written(solutions: Any) -> bytes:
    """pyoxigraph's solutions (evaluated here) as its own TSV, which keeps every term as it
    is (``read_solutions`` reads them back): what a query's worker sends to its caller."""
    import pyoxigraph as ox

    return solutions.serialize(format=ox.QueryResultsFormat.TSV)


def read_solutions(data: bytes, width: int) -> list[tuple[Term | None, ...]]:
    """What ``written`` wrote, as rows of ``Term``."""
    import pyoxigraph as ox

    solutions = ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV)
    assert isinstance(solutions, ox.QuerySolutions)  # TSV holds solutions, never a boolean
    return solution_rows(solutions, width)


def _in_text_order(result: QueryResult, text: str) -> QueryResult:
    """The columns of SELECT * in order of first appearance in the text, as rdflib's are."""
    first = variable_order(text)
    order = sorted(
        range(len(result.vars)),
        key=lambda i: (first.get(result.vars[i], len(first)), result.vars[i]),
    )
    return QueryResult(
        "SELECT",
        vars=[result.vars[i] for i in order],
        terms=[tuple(row[i] for i in order) for row in result.terms],
    )


def solution_rows(solutions: Iterable[Any], width: int) -> list[tuple[Term | None, ...]]:
    """pyoxigraph's solutions as rows of ``Term``; a term seen before in the answer is the
    same ``Term`` object: converted once (cq-12 repeats its values over 98,039 rows at
    10^6 triples), and pickled as a reference where rows are pickled (``--labels`` on the
    store reads them in the query's worker)."""
    seen: dict[Any, Term | None] = {}
    known = seen.get

    def term(node: Any) -> Term | None:
        found = known(node)
        if found is None and node is not None:
            found = seen[node] = _term(node)
        return found

    from ..collector import paused

    with paused():  # 10^5 new terms: the collector's rounds would walk them all, again and again
        return [tuple(term(solution[i]) for i in range(width)) for solution in solutions]


def _term(node: Any) -> Term | None:
    """A pyoxigraph term as a ``Term`` (datatype left out where rdflib leaves it out)."""
    import pyoxigraph as ox

    if node is None:
        return None
    if isinstance(node, ox.NamedNode):
        return Term("uri", node.value)
    if isinstance(node, ox.BlankNode):
        return Term("bnode", node.value)
    if isinstance(node, ox.Literal):
        return literal(node.value, node.language, node.datatype.value)
    return Term("literal", str(node))  # an RDF-star triple term, which the graph never holds


def _label_map(store: Any, terms: Iterable[Any], lang: str) -> dict[Any, str]:
    """The ``rdfs:label`` (else ``skos:prefLabel``) in ``lang`` of every IRI among ``terms``."""
    import pyoxigraph as ox

    labels: dict[Any, str] = {}
    for term in terms:
        if not isinstance(term, Term) or term.kind != "uri" or term in labels:
            continue
        for prop in (_RDFS_LABEL, _SKOS_PREF_LABEL):
            quads = store.quads_for_pattern(ox.NamedNode(term.value), ox.NamedNode(prop), None)
            found = pick_text((quad.object for quad in quads), lang)
            if found is not None:
                labels[term] = found
                break
    return labels
