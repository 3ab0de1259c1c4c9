"""``kgenesis export``: the built graph (or any RDF files) in another RDF format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import formats
from . import options


def register(sub: argparse._SubParsersAction) -> None:
    graph_formats = formats.of_kind(formats.GRAPH)
    p = sub.add_parser(
        "export",
        help="write the built graph as Turtle, N-Triples, JSON-LD, RDF/XML, TriG or N-Quads",
        description="Serialize the built graph (or --data FILE...) canonically in another "
        "format; -o writes atomically and its extension picks the format "
        f"({', '.join(f'{f.extensions[0]} {f.label}' for f in graph_formats)}); "
        "the default is Turtle on stdout.",
    )
    p.add_argument(
        "--format",
        "-f",
        choices=formats.names(formats.GRAPH),
        default=None,
        help="the format (default: the --output extension's, else turtle)",
    )
    p.add_argument("--data", nargs="+", type=Path, metavar="FILE", help="RDF files to export")
    options.add_max_size(p)
    options.add_timeout(p, "reading and writing the graph")
    p.add_argument("-o", "--output", type=Path, help="file to write, atomically (default: stdout)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..atomic import write_atomic
    from ..export import header, serialize

    output = None if args.output is None or str(args.output) == "-" else args.output
    chosen = formats.choose(
        formats.GRAPH, args.format, output, command="export", what="an RDF export", strict=True
    )
    fmt = chosen.name if chosen is not None else "turtle"
    command = f"kgenesis export --format {fmt}"

    def work() -> tuple[bytes, int]:
        """Read and serialize, under the time limit (a 16 MB literal took minutes)."""
        if args.data:
            from ..graph.load import load_files

            graph = load_files(args.data, max_size=args.max_size or None)
            lines = header(
                command, ", ".join(p.name for p in args.data), from_sources=False, release=False
            )
        else:
            from ..graph.built import load_built

            graph = load_built(args.root)
            lines = header(command, "the built kgenesis graph", from_sources=False)
        return serialize(graph, fmt, lines), len(graph)

    from ..timelimit import run_limited

    data, count = run_limited(work, args.timeout, what="export")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(output, data)
        sys.stderr.write(f"kgenesis: wrote {output} ({count} triples, {chosen_label(fmt)})\n")
    return 0


def chosen_label(name: str) -> str:
    spec = formats.by_name(name, formats.GRAPH)
    return spec.label if spec is not None else name
