"""``kgenesis push``: load the built graph into a triple store (Graph Store HTTP Protocol)."""

from __future__ import annotations

import argparse
import sys

from . import options


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "push",
        help="load the built graph into a triple store (Graph Store HTTP Protocol)",
        description="Send the built graph (outputs/graph.ttl, or the installed one) to a store "
        "that speaks the SPARQL 1.1 Graph Store HTTP Protocol: Oxigraph (/store), Fuseki "
        "(/DATASET/data), GraphDB (/repositories/REPO/rdf-graphs/service), Virtuoso "
        "(/sparql-graph-crud-auth), Amazon Neptune (/sparql/gsp/).",
    )
    p.add_argument(
        "--endpoint", required=True, metavar="URL",
        help="the store's Graph Store Protocol URL (without ?graph=)",
    )  # fmt: skip
    p.add_argument(
        "--graph", metavar="IRI", default=None,
        help="load into this named graph (default: the store's default graph)",
    )  # fmt: skip
    p.add_argument(
        "--replace", action="store_true",
        help="replace what the graph holds (PUT); without it the triples are added (POST)",
    )  # fmt: skip
    options.add_credentials(p)
    options.add_timeout(p, "the upload")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..graph.built import built_path
    from ..remote.http import Credentials
    from ..remote.push import push, target

    credentials = Credentials.from_options(args.user, args.password_env)
    path = built_path(args.root)
    url = target(args.endpoint, args.graph)
    status = push(
        args.endpoint, path, graph=args.graph, replace=args.replace,
        credentials=credentials, timeout=args.timeout,
    )  # fmt: skip
    how = "replaced" if args.replace else "added to"
    where = f"graph <{args.graph}>" if args.graph else "the default graph"
    sys.stderr.write(f"kgenesis: {path.name} {how} {where} at {url} (HTTP {status})\n")
    return 0
