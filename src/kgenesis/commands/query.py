"""``kgenesis query QUERY``: run inline SPARQL, a ``.rq`` file or a saved query.

Exit codes: 0 results (or ASK true), 1 ASK false or bad data, 2 bad or refused query,
3 time limit reached.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UsageError
from ..querying import DEFAULT_TIMEOUT

FORMATS = ("table", "csv", "tsv", "json", "xml", "md", "turtle", "ttl", "jsonld", "nt")
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
        type=Path,
        metavar="FILE",
        help="write the result to FILE (atomically) instead of standard output",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"stop the query after this long (default {DEFAULT_TIMEOUT:g}; 0: no limit)",
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


def _choose_format(args: argparse.Namespace, is_graph: bool) -> str:
    fmt = args.format
    if fmt is None and args.output is not None:
        fmt = BY_EXTENSION.get(args.output.suffix.lower())
    graph_formats = ("turtle", "ttl", "jsonld", "nt")
    if is_graph:
        if fmt is None or (args.format is None and fmt not in graph_formats):
            return "turtle"
        if fmt not in graph_formats:
            raise UsageError(
                f"--format {fmt} is for rows; CONSTRUCT and DESCRIBE give a graph: "
                "use --format turtle, jsonld or nt"
            )
        return fmt
    if fmt is None or (args.format is None and fmt in graph_formats):
        return "table" if args.output is None and sys.stdout.isatty() else "tsv"
    if fmt in graph_formats:
        raise UsageError(
            f"--format {fmt} is for CONSTRUCT and DESCRIBE; use table, csv, tsv, json, xml or md"
        )
    return fmt


def _emit(args: argparse.Namespace, text: str) -> None:
    if args.output is not None:
        from ..export import write_atomic

        write_atomic(args.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def run(args: argparse.Namespace) -> int:
    from .. import results
    from ..querying import execute, label_map, load_built, load_data, resolve

    if args.labels_only and not args.labels:
        raise UsageError("--labels-only needs --labels ko or --labels en")
    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit must be 0 (no cap) or more")
    _, text = resolve(args.query)
    graph = load_data(args.data) if args.data else load_built(args.root)
    result = execute(graph, text, timeout=args.timeout)

    if result.kind == "ASK":
        fmt = _choose_format(args, is_graph=False)
        _emit(args, results.render_boolean(fmt, bool(result.boolean)))
        return 0 if result.boolean else 1
    if result.kind in ("CONSTRUCT", "DESCRIBE"):
        fmt = _choose_format(args, is_graph=True)
        if not result.triples:
            sys.stderr.write("kgenesis: the query returned no triples\n")
        _emit(args, results.render_graph(result.graph, fmt))
        return 0

    fmt = _choose_format(args, is_graph=False)
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
        labels = label_map(graph, (t for row in rows for t in row), args.labels)
    _emit(args, results.render_rows(fmt, result.vars, rows, labels, args.labels_only))
    return 0
