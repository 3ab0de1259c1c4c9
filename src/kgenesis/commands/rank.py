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
    from rdflib import RDF, URIRef

    from ..analysis.centrality import rank
    from ..analysis.names import resolve, subclasses
    from ..analysis.projection import project
    from ..analysis.report import render

    if args.top < 1:
        raise UsageError("--top must be 1 or more")
    if args.sample is not None and (args.sample < 1 or args.by != "betweenness"):
        raise UsageError("--sample K (1 or more) applies to --by betweenness only")
    graph = source.load(args)
    projection = project(graph)
    members = None
    if args.cls is not None:
        used = {URIRef(t) for _, d in projection.nodes(data="classes") for t in _expand(d)}
        declared = {c for c in graph.subjects(RDF.type, None) if isinstance(c, URIRef)}
        declared = {c for c in declared if _is_class(graph, c)}
        cls = resolve(graph, args.cls, used | declared, option="--class", what="class")
        wanted = {str(c) for c in subclasses(graph, cls)}
        members = {
            n
            for n, d in projection.nodes(data="classes")
            if wanted.intersection(map(str, _expand(d)))
        }
    table = rank(projection, by=args.by, members=members, top=args.top, sample=args.sample)
    sys.stdout.write(render([table], args.format))
    return 0


def _expand(classes: str) -> list[str]:
    from ..analysis.names import as_iri

    return [str(as_iri(c) or c) for c in classes.split()]


def _is_class(graph, term) -> bool:  # noqa: ANN001 - rdflib terms
    from rdflib import OWL, RDF, RDFS, URIRef

    return isinstance(term, URIRef) and bool(
        {OWL.Class, RDFS.Class}.intersection(graph.objects(term, RDF.type))
    )
