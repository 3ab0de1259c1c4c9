"""``kgenesis build``: validate the sources and write outputs/ (or check it is up to date)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="validate ontology/ and graph/ and write outputs/ (Turtle, JSON-LD, N-Triples, HTML)",
        description="Load ontology/ and graph/, validate them, and write outputs/graph.ttl, "
        "graph.jsonld, graph.nt and graph.html. Refuses to write from an invalid graph.",
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and name each output that differs from what the sources build",
    )
    p.add_argument(
        "--sources",
        type=Path,
        default=None,
        help="folder with the source texts for the quote check (default: ../shared/sources)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import ValidationFailed
    from ..graph.build import build
    from ..paths import find_project

    project = find_project(args.root, command="kgenesis build")
    try:
        result = build(project, sources=args.sources, check=args.check)
    except ValidationFailed as exc:
        sys.stderr.write(exc.report + "\n")
        raise
    for note in result.report.notes:
        sys.stderr.write(f"kgenesis: note: {note}\n")
    if args.check:
        if result.stale:
            for path in result.stale:
                sys.stderr.write(f"kgenesis: stale: {path.relative_to(project.root)}\n")
            sys.stderr.write("kgenesis: run `kgenesis build` to regenerate outputs/\n")
            return 1
        sys.stderr.write("kgenesis: outputs/ is up to date\n")
        return 0
    for path in result.written:
        sys.stderr.write(f"kgenesis: wrote {path.relative_to(project.root)}\n")
    if not result.written:
        sys.stderr.write("kgenesis: outputs/ already up to date\n")
    return 0
