"""``kgenesis path A B``: the shortest chains of facts linking two entities, with evidence."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import UsageError
from . import source


def register(sub: argparse._SubParsersAction) -> None:
    from ..analysis import PATH_MAX

    p = sub.add_parser(
        "path",
        help="how two entities are connected: the shortest chains of facts, with quotes",
        description="The shortest chains of facts linking A and B (each an IRI, a prefixed "
        "name, or a Korean or English label, alternative names included), printed as "
        "sentences, each step with its evidence quote and source.",
    )
    p.add_argument("start", metavar="A", help="one entity")
    p.add_argument("end", metavar="B", help="the other entity")
    p.add_argument(
        "--max", type=int, default=PATH_MAX, metavar="N",
        help=f"at most this many facts long (default {PATH_MAX})",
    )  # fmt: skip
    p.add_argument("--lang", choices=("ko", "en"), default="ko", help="label language")
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    source.add_data(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rdflib import URIRef

    from ..analysis.names import resolve
    from ..analysis.paths import as_json, render_text, shortest_paths
    from ..analysis.projection import project

    if args.max < 1:
        raise UsageError("--max must be 1 or more")
    graph = source.load(args)
    projection = project(graph)
    candidates = {URIRef(n) for n in projection}
    a = resolve(graph, args.start, candidates, option="path A")
    b = resolve(graph, args.end, candidates, option="path B")
    found = shortest_paths(graph, projection, a, b, max_hops=args.max)
    if args.format == "json":
        data = as_json(projection, found, str(a), str(b))
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    if found is None:
        label = f"label_{args.lang}"
        sys.stdout.write(
            f"no path of at most {args.max} facts links {projection.nodes[str(a)][label]} "
            f"and {projection.nodes[str(b)][label]}; try a larger --max\n"
        )
        return 0
    sys.stdout.write(render_text(projection, found, args.lang))
    return 0
