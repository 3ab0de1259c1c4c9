"""``kgenesis validate``: SHACL shapes, SPARQL checks and the verbatim-quote check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check the graph: SHACL shapes, labels, evidence, plain text, verbatim quotes, "
        "undescribed IRIs",
        description="Run the SHACL shapes (ontology/shapes.ttl), the project's SPARQL checks, "
        "the plain-text check (no markup in texts) and the verbatim-quote check; print which "
        "node breaks which rule and how to fix it; exit 1 on any violation.",
    )
    p.add_argument(
        "--sources",
        type=Path,
        default=None,
        help="folder with the source texts for the quote check (default: ../shared/sources)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..graph.build import assemble
    from ..paths import find_project

    graph, report = assemble(find_project(args.root, command="kgenesis validate"), args.sources)
    stream = sys.stdout if report.ok else sys.stderr
    stream.write(report.text() + "\n")
    return 0 if report.ok else 1
