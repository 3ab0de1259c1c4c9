"""``kgenesis export``: the built graph (or any RDF files) in another RDF format, or as a
network (GraphML, GEXF, CSV for Neo4j, facts with evidence for spreadsheets)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .. import formats
from . import options, source

if TYPE_CHECKING:
    from ..analysis.triples import Readable

KINDS = (formats.GRAPH, formats.NETWORK)


def register(sub: argparse._SubParsersAction) -> None:
    written = [f for f in formats.of_kind(KINDS) if f.extensions]
    p = sub.add_parser(
        "export",
        help="write the built graph as Turtle, N-Triples, JSON-LD, RDF/XML, TriG, N-Quads, "
        "GraphML, GEXF, CSV for Neo4j, or facts with evidence as CSV",
        description="Serialize the built graph (or --data FILE...) canonically in another "
        "format; -o writes atomically and its extension picks the format "
        f"({', '.join(f'{f.extensions[0]} {f.label}' for f in written)}); "
        "--format csv writes nodes.csv and edges.csv into the folder -o names. "
        "The default is Turtle on stdout.",
    )
    p.add_argument(
        "--format",
        "-f",
        choices=formats.names(KINDS),
        default=None,
        help="the format (default: the --output extension's, else turtle); graphml, gexf "
        "(Gephi), csv (nodes.csv and edges.csv for Neo4j), facts (one row per fact with its "
        "evidence, UTF-8 with a byte-order mark for spreadsheets)",
    )
    p.add_argument("--data", nargs="+", type=Path, metavar="FILE", help="RDF files to export")
    options.add_max_size(p)
    options.add_store(p, fast="parsed by pyoxigraph (and written by it)")
    options.add_timeout(p, "reading and writing the graph")
    p.add_argument("-o", "--output", type=Path, help="file to write, atomically (default: stdout)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..atomic import write_atomic
    from ..export import header, serialize

    output = None if args.output is None or str(args.output) == "-" else args.output
    if args.format == "csv":
        return _export_csv_pair(args, output)
    chosen = formats.choose(
        KINDS, args.format, output, command="export", what="an export", strict=True
    )
    fmt = chosen.name if chosen is not None else "turtle"
    command = f"kgenesis export --format {fmt}"

    if args.data:
        lines = header(
            command, ", ".join(p.name for p in args.data), from_sources=False, release=False
        )
    else:
        lines = header(command, "the built kgenesis graph", from_sources=False)

    def work() -> tuple[bytes, int]:
        """Read and serialize, under the time limit (a 16 MB literal took minutes)."""
        files = _held_in_pyoxigraph(args, fmt)
        if files:
            from ..export import serialize_files

            streamed = serialize_files(files, fmt, lines, args.max_size or None)
            if streamed is not None:
                return streamed
        if chosen is not None and chosen.kind == formats.NETWORK:
            return _network(source.load(args), fmt)
        graph = _load(args)
        return serialize(graph, fmt, lines), len(graph)

    from ..timelimit import run_limited

    data, count = run_limited(work, args.timeout, what="export")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(output, data)
        unit = "rows" if fmt == "facts" else "nodes" if fmt in ("graphml", "gexf") else "triples"
        sys.stderr.write(f"kgenesis: wrote {output} ({count} {unit}, {chosen_label(fmt)})\n")
    return 0


def _held_in_pyoxigraph(args: argparse.Namespace, fmt: str) -> list[Path]:
    """The files pyoxigraph reads and writes in ``fmt`` (``--data``, else the built graph),
    by ``--store``, else by their size; [] where rdflib does (and for a network format)."""
    from ..export import OX_WRITES
    from ..sparql.store import wanted

    if fmt not in OX_WRITES:
        return []
    if args.data:
        files = list(args.data)
    else:
        from ..graph.built import built_path

        files = [built_path(args.root)]  # a half-built outputs/ is refused, as rdflib's is
    return files if wanted(args.store, files) else []


def _load(args: argparse.Namespace):  # noqa: ANN202 - an rdflib Graph, imported lazily
    if args.data:
        from ..graph.load import load_files

        return load_files(args.data, max_size=args.max_size or None)
    from ..graph.built import load_built

    return load_built(args.root)


def _network(graph: Readable, fmt: str) -> tuple[bytes, int]:
    """A network format of the graph's projection, and how many nodes (or fact rows)."""
    from ..analysis import network
    from ..analysis.facts import facts
    from ..analysis.projection import project

    if fmt == "facts":
        found = facts(graph)
        return network.facts_csv(graph, found), len(found)
    projection = project(graph)
    writer = network.graphml if fmt == "graphml" else network.gexf
    return writer(projection), projection.number_of_nodes()


def _export_csv_pair(args: argparse.Namespace, output: Path | None) -> int:
    """``--format csv``: nodes.csv and edges.csv into the folder ``-o`` names, each written
    atomically; both are made before either is written, so a failure writes neither."""
    from ..atomic import write_atomic
    from ..errors import UsageError
    from ..timelimit import run_limited

    if output is None:
        raise UsageError("--format csv writes two files, nodes.csv and edges.csv: give the "
                         "folder to write them in with -o FOLDER")  # fmt: skip
    if output.suffix and not output.is_dir():
        raise UsageError(f"--output {output}: --format csv writes nodes.csv and edges.csv into "
                         "a folder; give a folder (or --format facts for one CSV file)")  # fmt: skip
    if output.exists() and not output.is_dir():
        raise UsageError(f"--output {output}: not a folder")

    def work() -> tuple[bytes, bytes, int, int]:
        from ..analysis import network
        from ..analysis.projection import project

        projection = project(source.load(args))
        return (network.nodes_csv(projection), network.edges_csv(projection),
                projection.number_of_nodes(), projection.number_of_edges())  # fmt: skip

    nodes, edges, n_nodes, n_edges = run_limited(work, args.timeout, what="export")
    output.mkdir(parents=True, exist_ok=True)
    write_atomic(output / "nodes.csv", nodes)
    write_atomic(output / "edges.csv", edges)
    sys.stderr.write(
        f"kgenesis: wrote {output / 'nodes.csv'} ({n_nodes} nodes) and "
        f"{output / 'edges.csv'} ({n_edges} relations)\n"
    )
    return 0


def chosen_label(name: str) -> str:
    spec = formats.by_name(name, KINDS)
    return spec.label if spec is not None else name
