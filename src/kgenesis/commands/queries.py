"""``kgenesis queries``: the saved queries (competency questions) with one line each."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "queries",
        help="list the saved queries",
        description="List the saved queries; run one with `kgenesis query NAME`.",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..sparql.engine import saved_queries
    from ..sparql.results import cell_width

    saved = saved_queries()
    if not saved:
        sys.stderr.write("kgenesis: no saved queries\n")
        return 0
    width = max(cell_width(name) for name in saved)
    for name, query in saved.items():
        about = query.description or query.title or "(no description)"
        sys.stdout.write(f"{name}{' ' * (width - cell_width(name))}  {about}\n")
    return 0
