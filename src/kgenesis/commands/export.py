"""``kgenesis export``: the built graph (or any RDF files) in another RDF format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

#: ``kgenesis.export.FORMATS`` by name, kept here so building the CLI imports no rdflib
#: (a test keeps the two equal).
EXPORT_FORMATS = ("jsonld", "nt", "turtle", "xml")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write the built graph as Turtle, N-Triples, JSON-LD or RDF/XML",
        description="Serialize outputs/graph.ttl (or --data FILE...) canonically in another "
        "format; -o writes atomically, the default is stdout.",
    )
    p.add_argument("--format", "-f", choices=EXPORT_FORMATS, default="turtle")
    p.add_argument("--data", nargs="+", type=Path, metavar="FILE", help="RDF files to export")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..atomic import write_atomic
    from ..export import header, serialize

    command = f"kgenesis export --format {args.format}"
    if args.data:
        from ..loader import load_files

        graph = load_files(args.data)
        lines = header(command, ", ".join(p.name for p in args.data), from_sources=False)
    else:
        from ..querying import load_built

        graph = load_built(args.root)
        lines = header(command, "outputs/graph.ttl")
    data = serialize(graph, args.format, lines)
    if args.output is None or str(args.output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(args.output, data)
        sys.stderr.write(f"kgenesis: wrote {args.output} ({len(graph)} triples)\n")
    return 0
