"""``kgenesis query QUERY``: run inline SPARQL, a ``.rq`` file or a saved query.

Exit codes: 0 results (or ASK true), 1 ASK false or bad data, 2 bad or refused query,
3 time limit reached.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..timelimit import DEFAULT_TIMEOUT, MAX_TIMEOUT

ROW_FORMATS = ("table", "csv", "tsv", "json", "xml", "md")
GRAPH_FORMATS = ("turtle", "ttl", "jsonld", "nt")
FORMATS = ROW_FORMATS + GRAPH_FORMATS
#: Formats chosen from the ``--output`` file's extension when ``--format`` is not given.
BY_EXTENSION = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".srj": "json",
    ".xml": "xml",
    ".srx": "xml",
    ".md": "md",
    ".txt": "table",
    ".ttl": "turtle",
    ".jsonld": "jsonld",
    ".nt": "nt",
}
#: RDF and result extensions ``--output`` cannot write: refused, never written as another format.
UNWRITTEN = (".rdf", ".owl", ".xml.rdf", ".trig", ".nq", ".nquads", ".n3", ".trix", ".hext")

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
        choices=FORMATS,
        default=None,
        help="table (default on a terminal), csv, tsv (default otherwise), json, "
        "xml, md; turtle (default), jsonld or nt for CONSTRUCT/DESCRIBE",
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
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"stop the query after this long (default {DEFAULT_TIMEOUT:g}, at most "
        f"{MAX_TIMEOUT:g}; 0: no limit)",
    )
    parser.add_argument(
        "--engine",
        choices=("auto", "rdflib", "oxigraph"),
        default="auto",
        help="auto (default): pyoxigraph for a plainly safe SELECT or ASK on the built graph, "
        "rdflib for the rest; rdflib or oxigraph: that engine only",
    )
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


def _seconds(value: str) -> float:
    """``--timeout``: a number of seconds from 0 (no limit) to MAX_TIMEOUT (not nan or inf)."""
    from ..timelimit import check_timeout

    try:
        seconds = check_timeout(value)
    except UsageError:
        raise argparse.ArgumentTypeError(
            f"must be a number of seconds from 0 (no limit) to {MAX_TIMEOUT:g}, not {value!r}"
        ) from None
    assert seconds is not None
    return seconds


def _choose_format(args: argparse.Namespace, kind: str) -> str:
    """The output format: ``--format``, else the ``--output`` extension's, else the default.

    A format that does not fit the query's kind (rows for SELECT and ASK, a graph for
    CONSTRUCT and DESCRIBE) is refused, never silently replaced.
    """
    is_graph = kind in ("CONSTRUCT", "DESCRIBE")
    fits = GRAPH_FORMATS if is_graph else ROW_FORMATS
    if args.format is not None:
        if args.format in fits:
            return str(args.format)
        if is_graph:
            raise UsageError(
                f"--format {args.format} is for rows; CONSTRUCT and DESCRIBE give a graph: "
                "use --format turtle, jsonld or nt"
            )
        raise UsageError(
            f"--format {args.format} is for CONSTRUCT and DESCRIBE; use table, csv, tsv, "
            "json, xml or md"
        )
    if args.output is not None:
        suffix = args.output.suffix.lower()
        fmt = BY_EXTENSION.get(suffix)
        if fmt is None and suffix in UNWRITTEN:
            raise UsageError(
                f"--output {args.output}: kgenesis query does not write {suffix} files; use "
                f"one of {', '.join(BY_EXTENSION)} (or `kgenesis export` for RDF/XML)"
            )
        if fmt in fits:
            return fmt
        if fmt is not None:
            extensions = ", ".join(ext for ext, f in BY_EXTENSION.items() if f in fits)
            gives = "a graph" if is_graph else "rows" if kind == "SELECT" else "a boolean"
            raise UsageError(
                f"--output {args.output}: {suffix} means {fmt}, which does not fit a {kind} "
                f"query ({kind} gives {gives}); use --format {', '.join(fits)}, "
                f"or a file name ending {extensions}"
            )
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
    from .. import results
    from ..querying import resolve

    if args.labels_only and not args.labels:
        raise UsageError("--labels-only needs --labels ko or --labels en")
    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit must be 0 (no cap) or more")
    _, text = resolve(args.query)
    fast = None if args.engine == "rdflib" else _run_fast(args, text)
    if fast is not None:
        result, label_map = fast
    else:
        result, label_map = _run_rdflib(args, text)

    if result.kind == "ASK":
        fmt = _choose_format(args, result.kind)
        _emit(args, results.render_boolean(fmt, bool(result.boolean)))
        return 0 if result.boolean else 1
    if result.kind in ("CONSTRUCT", "DESCRIBE"):
        fmt = _choose_format(args, result.kind)
        if not result.triples:
            sys.stderr.write("kgenesis: the query returned no triples\n")
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
        if fmt == "table" and args.output is None:
            return 0
    labels = None
    if args.labels and fmt in ("table", "md"):
        labels = label_map((t for row in rows for t in row), args.labels)
    _emit(args, results.render_rows(fmt, result.vars, rows, labels, args.labels_only))
    return 0


def _run_fast(args: argparse.Namespace, text: str) -> tuple[Any, Any] | None:
    """The pyoxigraph fast path (``kgenesis.fastquery``), or None where rdflib must run."""
    from .. import fastquery
    from ..paths import find_project

    if args.data:
        if args.engine == "oxigraph":
            raise UsageError("--engine oxigraph queries the built graph only, not --data files")
        return None
    try:
        built = find_project(args.root).outputs / "graph.ttl"
    except UsageError:
        built = None  # the rdflib engine reports it, after the query's own errors
    fast = None if built is None else fastquery.run(built, text, args.timeout)
    if fast is None and args.engine == "oxigraph":
        if fastquery.eligible(text):
            from ..querying import prepare

            prepare(text)  # a syntax error is reported with its line and column
            raise UsageError("pyoxigraph could not run this query; use --engine auto")
        raise UsageError(
            "--engine oxigraph runs only a plainly safe SELECT or ASK on the built graph "
            "(no SERVICE, FROM, REGEX, aggregates but COUNT, ...); use --engine auto"
        )
    return fast


def _run_rdflib(args: argparse.Namespace, text: str) -> tuple[Any, Any]:
    """The rdflib engine: checks the parsed algebra, runs anything safe, on any data."""
    from ..querying import execute, label_map, load_built, load_data, prepare

    prepared = prepare(text)  # a bad query is reported before the graph is loaded
    graph = load_data(args.data) if args.data else load_built(args.root)
    result = execute(graph, prepared, timeout=args.timeout)
    return result, lambda terms, lang: label_map(graph, terms, lang)
