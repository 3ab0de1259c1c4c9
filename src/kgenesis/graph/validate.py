"""Validation: SHACL shapes (pySHACL), the project's SPARQL checks, plain text, and verbatim quotes.

A check is a ``.rq`` file in ``kgenesis/graph/checks/`` whose rows are violations
(columns ``?node`` and ``?detail``); its header comments ``# rule:`` and ``# fix:`` say what
it enforces and how to fix a row. The quote check reads the source texts from
``../shared/sources/`` (or a given folder) and is skipped, with a message, where they are absent;
a Markdown source is compared as plain text (``plaintext.plain_text``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import RDF, XSD, Graph, Literal, URIRef

from ..errors import SourceError
from ..prefixes import shorten
from ..sparql.engine import read_header
from .namespaces import KGO, PREFIXES, sparql_prolog
from .oxstore import term_text
from .plaintext import find_markup, plain_text

log = logging.getLogger(__name__)

#: Source files read as Markdown: quotes are checked against their plain text.
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


@dataclass(frozen=True)
class Violation:
    """One broken rule: which node, which rule, what is wrong, how to fix it."""

    rule: str
    node: str
    detail: str
    fix: str


@dataclass
class Report:
    """The outcome of a validation run."""

    violations: list[Violation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.violations

    def text(self) -> str:
        """A readable report: one block per violation, then notes (skipped checks)."""
        lines: list[str] = []
        for v in self.violations:
            lines.append(f"{v.rule}: {v.node}\n    {v.detail}\n    fix: {v.fix}")
        for note in self.notes:
            lines.append(f"note: {note}")
        verdict = (
            "valid: no violations" if self.ok else f"invalid: {len(self.violations)} violation(s)"
        )
        lines.append(verdict)
        return "\n".join(lines)


@dataclass(frozen=True)
class Check:
    """A SPARQL check read from a ``.rq`` file."""

    name: str
    rule: str
    fix: str
    query: str


def load_checks() -> list[Check]:
    """The project's SPARQL checks, sorted by name."""
    checks = []
    folder = resources.files("kgenesis.graph") / "checks"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        meta = read_header(text)
        name = entry.name.removesuffix(".rq")
        checks.append(Check(name, meta.get("rule", name), meta.get("fix", ""), text))
    return checks


def run_checks(
    graph: Graph, checks: list[Check] | None = None, *, engine: str = "oxigraph", store: Any = None
) -> list[Violation]:
    """Run every SPARQL check; each row returned is a violation.

    The checks run on a pyoxigraph copy of the graph (``oxstore``; ``store`` if one is
    given): the same rows as rdflib's engine (``engine="rdflib"``, kept for the tests that
    compare the two), which grew with the square of the graph.
    """
    prolog = sparql_prolog()
    found: list[Violation] = []
    if engine == "oxigraph" and store is None:
        from .oxstore import to_store

        store = to_store(graph)
    for check in checks if checks is not None else load_checks():
        if engine == "oxigraph":
            rows: list[tuple[str, str | None]] = [
                (_short_ox(row[0]), term_text(row[1]) if len(row) > 1 else None)
                for row in store.query(prolog + check.query)
            ]
        else:
            rows = []
            for row in graph.query(prolog + check.query):
                assert isinstance(row, tuple)  # a SELECT: each row a ResultRow
                detail = str(row[1]) if len(row) > 1 and row[1] is not None else None
                rows.append((_short(graph, row[0]), detail))
        for node, detail in rows:
            found.append(
                Violation(
                    check.name,
                    node,
                    f"{check.rule}: {check.rule if detail is None else detail}",
                    check.fix,
                )
            )
        log.info("check %s done (%d rows)", check.name, len(rows))
    return found


def run_shacl(graph: Graph, shapes: Graph) -> list[Violation]:
    """Run the SHACL shapes with pySHACL (no inference: the ontology's subclass axioms are in the data)."""
    from pyshacl import validate as shacl_validate  # heavy: imported only here

    try:
        conforms, results, _text = shacl_validate(
            graph, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True
        )
    except Exception as exc:  # pySHACL raises ShapeLoadError, ConstraintLoadError, ...
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SourceError(f"ontology/shapes.ttl: the SHACL shapes are broken: {first}") from exc
    if conforms:
        return []
    sh = PREFIXES["sh"]
    found = []
    for result in results.subjects(RDF.type, sh.ValidationResult):
        focus = results.value(result, sh.focusNode)
        path = results.value(result, sh.resultPath)
        message = results.value(result, sh.resultMessage)
        shape = results.value(result, sh.sourceShape)
        where = f" (path {_short(graph, path)})" if path is not None else ""
        found.append(
            Violation(
                "shacl",
                _short(graph, focus),
                f"{message}{where}",
                f"see the shape {_short(graph, shape) if isinstance(shape, URIRef) else 'in ontology/shapes.ttl'}"
                " in ontology/shapes.ttl",
            )
        )
    return sorted(found, key=lambda v: (v.node, v.detail))


def check_quotes(graph: Graph, sources: Path) -> tuple[list[Violation], list[str]]:
    """Every kgo:Quote's text must occur verbatim in the local copy of its document."""
    notes: list[str] = []
    found: list[Violation] = []
    texts: dict[str, str | None] = {}
    uncopied: list[str] = []
    for quote in sorted(set(graph.subjects(RDF.type, KGO.Quote)), key=str):
        text = graph.value(quote, KGO.quoteText)
        doc = graph.value(quote, KGO.quotedFrom)
        filename = graph.value(doc, KGO.sourceFile) if doc is not None else None
        if isinstance(text, Literal) and doc is not None and filename is None:
            uncopied.append(_short(graph, quote))
        if not isinstance(text, Literal) or filename is None:
            continue  # SHACL reports a missing text or document
        name = str(filename)
        if name not in texts:
            path = sources / name
            try:
                content = path.read_text(encoding="utf-8") if path.is_file() else None
            except (OSError, UnicodeDecodeError) as exc:
                raise SourceError(f"{path}: cannot read the source text ({exc})") from exc
            if content is not None and path.suffix.lower() in MARKDOWN_SUFFIXES:
                content = plain_text(content)  # quotes hold its words, not its markup
            texts[name] = content
            if content is None:
                notes.append(
                    f"quote check skipped for {name}: {path} is absent "
                    "(the source texts live in ../shared/sources/ or --sources DIR)"
                )
        full = texts[name]
        if full is not None and str(text) not in full:
            found.append(
                Violation(
                    "quote-not-verbatim",
                    _short(graph, quote),
                    f"the quote does not occur verbatim in {name}: {str(text)[:60]!r}",
                    "copy the sentence from the source file exactly (quote marks and spaces "
                    "included; from a Markdown file, its words without the markup, a wrapped "
                    "line joined by one space)",
                )
            )
    if uncopied:
        notes.append(
            f"{len(uncopied)} quote(s) copied from reports the project keeps no copy of "
            f"(no kgo:sourceFile) are not checked verbatim: {', '.join(uncopied)}"
        )
    return found, notes


def check_markup(graph: Graph) -> list[Violation]:
    """Labels, quotes, titles and every other text are plain text: no Markdown or HTML markup.

    Every language-tagged or string literal is read (IRIs, addresses, numbers and dates are
    not text). A quote keeps the words of its source, not its formatting.
    """
    found = []
    for s, p, o in graph.triples((None, None, None)):
        if not isinstance(o, Literal) or not (o.language or o.datatype in (None, XSD.string)):
            continue
        what = find_markup(str(o))
        if what is not None:
            found.append(
                Violation(
                    "markup-in-text",
                    _short(graph, s),
                    f"texts are plain text, with no markup from a source: {what} in "
                    f"{_short(graph, p)}: {str(o)[:60]!r}",
                    "write the words only: a quote keeps what the source says, not how it is "
                    'formatted ("**최민희**" is "최민희"; a Markdown source is quoted as its '
                    "plain text, see kgenesis/graph/plaintext.py)",
                )
            )
    return sorted(found, key=lambda v: (v.node, v.detail))


def validate_graph(graph: Graph, shapes: Graph, sources: Path | None) -> Report:
    """Run SHACL, the SPARQL checks, the plain-text check and (with the sources) the quote check."""
    report = Report()
    report.violations.extend(run_shacl(graph, shapes))
    report.violations.extend(run_checks(graph))
    report.violations.extend(check_markup(graph))
    if sources is not None:
        found, notes = check_quotes(graph, sources)
        report.violations.extend(found)
        report.notes.extend(notes)
    else:
        report.notes.append("quote check skipped: no sources folder given")
    return report


def _short_ox(term: Any) -> str:
    """A pyoxigraph result term as ``_short`` gives the same term from rdflib."""
    import pyoxigraph as ox

    return shorten(term.value) if isinstance(term, ox.NamedNode) else str(term_text(term))


def _short(graph: Graph, term: object) -> str:
    return shorten(str(term)) if isinstance(term, URIRef) else str(term)
