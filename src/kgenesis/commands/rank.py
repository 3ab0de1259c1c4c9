"""``kgenesis rank``: the most central entities by degree, betweenness or PageRank."""

from __future__ import annotations

import argparse
import sys

from ..errors import UsageError
from . import source


def register(sub: argparse._SubParsersAction) -> None:
    from ..analysis.report import REPORT_FORMATS

    p = sub.add_parser(
        "rank",
        help="the most central entities, with their scores",
        description="Rank entities by degree (relations), betweenness (how many shortest "
        "paths pass through them; sampled above 2,000 nodes, and the output says so) or "
        "PageRank. Scores are computed on the whole graph; --class only filters the list.",
    )
    p.add_argument("--by", choices=("degree", "betweenness", "pagerank"), default="degree")
    p.add_argument(
        "--class", dest="cls", metavar="CLASS",
        help="only entities of this class or its subclasses (prefixed name, IRI or label)",
    )  # fmt: skip
    p.add_argument("--top", type=int, default=10, metavar="N", help="how many (default 10)")
    p.add_argument(
        "--sample", type=int, default=None, metavar="K",
        help="betweenness: estimate from K sampled nodes (default: exact up to 2,000 nodes, "
        "else 200 sampled; seeded, so the same graph gives the same scores)",
    )  # fmt: skip
    p.add_argument("--format", "-f", choices=REPORT_FORMATS, default="table")
    source.add_data(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rdflib import OWL, RDF, RDFS, URIRef

    from ..analysis.centrality import rank
    from ..analysis.names import resolve, subclasses
    from ..analysis.projection import classify, project
    from ..analysis.report import render

    if args.top < 1:
        raise UsageError("--top must be 1 or more")
    if args.sample is not None and (args.sample < 1 or args.by != "betweenness"):
        raise UsageError("--sample K (1 or more) applies to --by betweenness only")
    graph = source.load(args)
    kinds = classify(graph)
    projection = project(graph, kinds)
    members = None
    if args.cls is not None:
        nodes = kinds.nodes()
        used = {t for types in nodes.values() for t in types}
        declared = set(graph.subjects(RDF.type, OWL.Class)) | set(
            graph.subjects(RDF.type, RDFS.Class)
        )
        candidates = used | {c for c in declared if isinstance(c, URIRef)}
        cls = resolve(graph, args.cls, candidates, option="--class", what="class")
        wanted = subclasses(graph, cls)
        members = {str(n) for n, types in nodes.items() if wanted.intersection(types)}
    table = rank(projection, by=args.by, members=members, top=args.top, sample=args.sample)
    sys.stdout.write(render([table], args.format))
    return 0
