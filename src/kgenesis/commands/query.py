"""``kgenesis query QUERY``: run inline SPARQL, a ``.rq`` file or a saved query.

Exit codes: 0 results (or ASK true), 1 ASK false or bad data, 2 bad or refused query,
3 time limit or memory cap reached.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .. import formats
from ..errors import KgenesisError, UsageError
from . import options

#: Rows shown by default in the formats meant for a person to read.
DEFAULT_ROW_CAP = 1000


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "query",
        help="run a SPARQL query on the graph",
        description="Run inline SPARQL, a .rq file, or a saved query (see `kgenesis queries`) "
        "on outputs/graph.ttl or on --data files. The prefixes of `kgenesis prefixes` are "
        "declared for you. SERVICE, LOAD, FROM and updates are refused.",
    )
    parser.add_argument(
        "query",
        metavar="QUERY",
        help="SPARQL text, a .rq file, a saved query name, or - for standard input",
    )
    parser.add_argument(
        "--data",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="query these RDF files (by extension: .ttl .trig .nt .nq .jsonld "
        ".rdf) instead of outputs/graph.ttl",
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=formats.names((formats.ROWS, formats.GRAPH)),
        default=None,
        help="rows: table (default on a terminal), csv, tsv (default otherwise), json, xml "
        "(SPARQL results), md; CONSTRUCT/DESCRIBE: turtle (default), nt, jsonld, xml "
        "(RDF/XML), trig, nq",
    )
    parser.add_argument(
        "--labels",
        choices=("ko", "en"),
        default=None,
        help="show each entity's label in this language beside its IRI (table and md)",
    )
    parser.add_argument(
        "--labels-only",
        action="store_true",
        help="with --labels: show the label instead of the IRI where there is one",
    )
    parser.add_argument(
        "--output",
        "-o",
        type=_output_path,
        metavar="FILE",
        help="write the result to FILE (atomically; - is standard output)",
    )
    options.add_timeout(parser, "the query (reading --data files and the query included)")
    options.add_max_size(parser)
    options.add_max_memory(parser)
    options.add_store(parser)
    parser.add_argument(
        "--engine",
        choices=("auto", "rdflib", "oxigraph"),
        default="auto",
        help="auto (default): pyoxigraph for a plainly safe SELECT or ASK on the built graph, "
        "rdflib for the rest; rdflib or oxigraph: that engine only",
    )
    parser.add_argument(
        "--endpoint",
        metavar="URL",
        default=None,
        help="run the query on this SPARQL endpoint instead (its own rules apply; the "
        "project's prefixes are declared for it); --timeout bounds the wait",
    )
    parser.add_argument(
        "--graph",
        metavar="IRI",
        default=None,
        help="with --endpoint: query this graph of the endpoint as the default graph "
        "(default-graph-uri), e.g. the one `kgenesis push --graph IRI` loaded",
    )
    options.add_credentials(parser)
    parser.add_argument(
        "--limit",
        "--max-rows",
        dest="limit",
        type=int,
        default=None,
        metavar="N",
        help=f"print at most N rows (default {DEFAULT_ROW_CAP} for "
        "table and md, all for other formats; 0: all)",
    )
    parser.set_defaults(func=run)


def _output_path(value: str) -> Path | None:
    """``-o``: a path, or None for ``-`` (stdout); ``./-`` stays a file named ``-``."""
    return None if value == "-" else Path(value)


def _choose_format(args: argparse.Namespace, kind: str) -> str:
    """The output format: ``--format``, else the ``--output`` extension's, else the default.

    A format or extension that does not fit the query's kind (rows for SELECT and ASK, a
    graph for CONSTRUCT and DESCRIBE), or a ``--format`` that contradicts the extension, is
    refused, never silently replaced (``kgenesis.formats.choose``).
    """
    is_graph = kind in ("CONSTRUCT", "DESCRIBE")
    gives = "a graph" if is_graph else "rows" if kind == "SELECT" else "a boolean"
    chosen = formats.choose(
        formats.GRAPH if is_graph else formats.ROWS,
        args.format,
        args.output,
        command="query",
        what=f"a {kind} query ({kind} gives {gives})",
        strict=False,
    )
    if chosen is not None:
        return chosen.name
    if is_graph:
        return "turtle"
    return "table" if args.output is None and sys.stdout.isatty() else "tsv"


def _emit(args: argparse.Namespace, text: str) -> None:
    if args.output is not None:
        from ..atomic import write_atomic

        write_atomic(args.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def run(args: argparse.Namespace) -> int:
    from ..sparql import results
    from ..sparql.engine import resolve

    if args.labels_only and not args.labels:
        raise UsageError("--labels-only needs --labels ko or --labels en")
    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit must be 0 (no cap) or more")
    _, text = resolve(args.query)
    if args.graph is not None and args.endpoint is None:
        raise UsageError("--graph chooses a graph of an --endpoint; give --endpoint URL")
    if args.endpoint is not None:
        result, label_map, about = _run_remote(args, text)
    else:
        fast = None if args.engine == "rdflib" else _run_fast(args, text)
        if fast is not None:
            result, label_map, about = fast
        else:
            result, label_map, about = _run_rdflib(args, text)

    if result.kind == "ASK":
        fmt = _choose_format(args, result.kind)
        if not result.boolean:
            _hint(text, about)
        _emit(args, results.render_boolean(fmt, bool(result.boolean)))
        return 0 if result.boolean else 1
    if result.kind in ("CONSTRUCT", "DESCRIBE"):
        fmt = _choose_format(args, result.kind)
        if not result.triples:
            sys.stderr.write("kgenesis: the query returned no triples\n")
            _hint(text, about)
        _emit(args, results.render_graph(result.graph, fmt))
        return 0

    fmt = _choose_format(args, result.kind)
    rows = result.terms
    cap = (
        args.limit if args.limit is not None else (DEFAULT_ROW_CAP if fmt in ("table", "md") else 0)
    )
    if cap and len(rows) > cap:
        sys.stderr.write(
            f"kgenesis: showing {cap} of {len(rows)} rows; {len(rows) - cap} "
            "left out (--limit 0 shows all)\n"
        )
        rows = rows[:cap]
    if not rows:
        sys.stderr.write("kgenesis: no results\n")
        _hint(text, about)
        if fmt == "table" and args.output is None:
            return 0
    labels = None
    if args.labels and fmt in ("table", "md"):
        labels = label_map((t for row in rows for t in row), args.labels)
    _emit(args, results.render_rows(fmt, result.vars, rows, labels, args.labels_only))
    return 0


def _hint(text: str, about: Any) -> None:
    """After an empty answer: name each namespace the query uses that the graph does not
    (``about()`` gives the lines, read from the graph where it is held)."""
    if about is None:
        return  # another endpoint's graph: its IRIs are not known here
    for line in about():
        sys.stderr.write(f"kgenesis: {line}\n")


def _run_remote(args: argparse.Namespace, text: str) -> tuple[Any, Any, Any]:
    """``--endpoint``: the query runs on that endpoint, nothing locally (``kgenesis.remote``)."""
    from ..remote import query as remote
    from ..remote.http import Credentials

    if args.data:
        raise UsageError("--endpoint queries that endpoint's graph; drop --data")
    if args.engine != "auto":
        raise UsageError("--engine chooses a local engine; drop it with --endpoint")
    if args.labels:
        raise UsageError("--labels reads labels from the local graph; drop it with --endpoint")
    credentials = Credentials.from_options(args.user, args.password_env)
    result = remote.run(
        args.endpoint,
        text,
        credentials=credentials,
        timeout=args.timeout,
        default_graph=args.graph,
    )
    return result, lambda terms, lang: {}, None


def _run_fast(args: argparse.Namespace, text: str) -> tuple[Any, Any, Any] | None:
    """The pyoxigraph fast path (``kgenesis.sparql.fast``), or None where rdflib must run.

    With ``--engine oxigraph`` there is no fall-back: the refusal says why.
    """
    from ..graph.built import built_path
    from ..sparql import fast as fastquery

    if args.data:
        return _run_store(args, text)
    try:
        built = built_path(args.root)  # a half-built outputs/ is refused, as rdflib's is
    except KgenesisError:
        if args.engine == "oxigraph":
            raise
        return None  # the rdflib engine reports it, after the query's own errors
    try:
        result, labels = fastquery.run(built, text, args.timeout, args.max_memory)
    except fastquery.Declined as exc:
        if args.engine != "oxigraph":
            return None
        if str(exc).startswith("pyoxigraph:"):
            from ..sparql.engine import prepare

            prepare(text)  # a syntax error is reported with its line and column
        raise UsageError(
            f"--engine oxigraph cannot run this query: {exc}; use --engine auto"
        ) from None
    from ..prefixes import PREFIX_IRIS
    from ..sparql.hints import hints

    return result, labels, lambda: hints(text, fastquery.iris(built), PREFIX_IRIS)


def _run_store(args: argparse.Namespace, text: str) -> tuple[Any, Any, Any] | None:
    """``--data`` held in pyoxigraph's store (``kgenesis.sparql.store``), or None for rdflib's
    in-memory graph: by ``--store``, else by the files' size; ``--engine oxigraph`` asks for it."""
    from ..sparql import store
    from ..timelimit import run_limited

    if args.engine == "oxigraph" and args.store == "memory":
        raise UsageError("--engine oxigraph runs on pyoxigraph's store; drop --store memory")
    if args.engine != "oxigraph" and not store.wanted(args.store, args.data):
        return None
    limit = args.max_size or None
    result, labels, about = run_limited(
        lambda: store.run(args.data, text, limit, args.labels), args.timeout, args.max_memory
    )
    return result, lambda terms, lang: labels, lambda: about or []


def _run_rdflib(args: argparse.Namespace, text: str) -> tuple[Any, Any, Any]:
    """The rdflib engine: checks the parsed algebra, runs anything safe, on any data.

    Parsing the query, reading the data and evaluating all run in one worker under the
    time limit and memory cap: a 10 MB query or a 20 MB IRI stops at ``--timeout`` too.
    The worker also picks the labels and, for an empty answer, the namespace hints.
    """
    from ..timelimit import run_limited

    def work() -> tuple[Any, dict[Any, str], Any]:
        from ..graph.built import load_built
        from ..sparql.engine import execute, label_map, load_data, prepare

        prepared = prepare(text)  # a bad query is reported before the graph is loaded
        if args.data:
            graph = load_data(args.data, max_size=args.max_size)
        else:
            graph = load_built(args.root)
        result = execute(graph, prepared, timeout=None)  # already in the limited worker
        labels: dict[Any, str] = {}
        if args.labels and result.kind == "SELECT":
            labels = label_map(graph, (t for row in result.terms for t in row), args.labels)
        about = None
        if not result:  # no rows, a false ASK, no triples: a hint may help
            from rdflib import URIRef

            from ..prefixes import PREFIX_IRIS
            from ..sparql.hints import hints

            terms = (t for triple in graph.triples((None, None, None)) for t in triple)
            iris = sorted({str(t) for t in terms if isinstance(t, URIRef)})
            bindings = {str(p): str(ns) for p, ns in graph.namespaces()} | PREFIX_IRIS
            about = hints(text, iris, bindings)
        return result, labels, about

    result, labels, about = run_limited(work, args.timeout, args.max_memory)
    return result, lambda terms, lang: labels, lambda: about or []
