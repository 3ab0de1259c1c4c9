"""``kgenesis prefixes``: the PREFIX lines declared for every query."""

from __future__ import annotations

import argparse
import sys

from ..prefixes import sparql_prolog


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "prefixes",
        help="list the prefixes every query can use",
        description="Print the PREFIX declarations that every query gets for free.",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(sparql_prolog())
    return 0
