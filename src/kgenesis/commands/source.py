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
    options.add_store(parser, fast="parsed by pyoxigraph into a compact index")


def load(args: argparse.Namespace) -> Readable:
    """``--data`` files (each a regular file, within ``--max-size``), else the built graph.

    Large files (``--store``, else their size: ``sparql.store.wanted``) are read by
    pyoxigraph's parser into ``analysis.triples.Triples``, never into an rdflib graph.
    """
    if args.data:
        from ..paths import regular_file

        for path in args.data:
            regular_file(path)
        return read_files(args.data, args.store, args.max_size or None)
    from ..graph.built import load_built

    return load_built(args.root)


def read_files(paths: list[Path], store: str, max_size: int | None) -> Readable:
    """Files as the analyses and the view read them: large ones (``store``, else their
    size: ``sparql.store.wanted``) by pyoxigraph's parser into ``analysis.triples.Triples``,
    the others into rdflib's graph."""
    from ..graph.load import load_files
    from ..sparql.store import wanted

    if wanted(store, paths):
        from ..analysis.triples import Triples

        return Triples.read(paths, max_size)
    return load_files(paths, max_size=max_size)
