"""The graph an analysis command reads: ``--data FILE...``, else the built or installed one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from . import options

if TYPE_CHECKING:
    from ..analysis.triples import Readable


def add_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", nargs="+", type=Path, metavar="FILE",
        help="analyse these RDF files instead of the built graph",
    )  # fmt: skip
    options.add_max_size(parser)
    options.add_store(parser)


def load(args: argparse.Namespace) -> Readable:
    """``--data`` files (each a regular file, within ``--max-size``), else the built graph.

    Large files (``--store``, else their size: ``sparql.store.wanted``) are read by
    pyoxigraph's parser into ``analysis.triples.Triples``, never into an rdflib graph.
    """
    if args.data:
        from ..graph.load import load_files
        from ..paths import regular_file
        from ..sparql.store import wanted

        for path in args.data:
            regular_file(path)
        if wanted(args.store, args.data):
            from ..analysis.triples import Triples

            return Triples.read(args.data, args.max_size or None)
        return load_files(args.data, max_size=args.max_size or None)
    from ..graph.built import load_built

    return load_built(args.root)
