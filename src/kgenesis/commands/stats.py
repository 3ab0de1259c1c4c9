"""``kgenesis stats``: entities per class, facts per property, label and evidence coverage."""

from __future__ import annotations

import argparse
import sys

from . import source


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "stats",
        help="count entities per class, facts per property, label and evidence coverage",
        description="What the graph holds: entities per class, facts per property, label "
        "coverage per language, evidence coverage (article, outside reports, both, none) and "
        "the entities no relation links.",
    )
    p.add_argument("--format", "-f", choices=("table", "json", "md"), default="table")
    source.add_data(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..analysis.report import render
    from ..analysis.stats import stats

    sys.stdout.write(render(stats(source.load(args)), args.format))
    return 0
