"""``kgenesis communities``: groups of closely linked entities (Louvain, fixed seed)."""

from __future__ import annotations

import argparse
import sys

from ..errors import UsageError
from . import source


def register(sub: argparse._SubParsersAction) -> None:
    from ..analysis.report import REPORT_FORMATS

    p = sub.add_parser(
        "communities",
        help="groups of closely linked entities, each with its members",
        description="Groups of closely linked entities by networkx's Louvain method with a "
        "fixed seed, so the same graph always gives the same groups; largest first.",
    )
    p.add_argument(
        "--resolution", type=float, default=1.0, metavar="R",
        help="above 1: smaller groups; below 1: larger ones (default 1)",
    )  # fmt: skip
    p.add_argument("--format", "-f", choices=REPORT_FORMATS, default="table")
    source.add_data(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..analysis.centrality import communities
    from ..analysis.projection import project
    from ..analysis.report import render

    if not args.resolution > 0:
        raise UsageError("--resolution must be a number above 0")
    table = communities(project(source.load(args)), resolution=args.resolution)
    sys.stdout.write(render([table], args.format))
    return 0
