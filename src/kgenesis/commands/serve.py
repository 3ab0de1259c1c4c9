"""``kgenesis serve``: the graph over the SPARQL 1.1 Protocol, with a query page."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ..errors import UsageError
from . import options

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


def register(subparsers: argparse._SubParsersAction) -> None:
    from ..serve.answer import (
        DEFAULT_MAX_MEMORY,
        DEFAULT_MAX_ROWS,
        DEFAULT_TIMEOUT,
        DEFAULT_WORKERS,
    )  # fmt: skip
    from ..serve.protocol import DEFAULT_MAX_BODY

    p = subparsers.add_parser(
        "serve",
        help="serve the graph as a SPARQL endpoint with a query page",
        description="Serve the built graph (or --data files) read-only over the SPARQL 1.1 "
        "Protocol at /sparql, with a query page (YASGUI) at / and the graph view at /view. "
        "The same engines and safety rules as `kgenesis query`: updates, SERVICE, LOAD and "
        "FROM are refused, and each query has a time limit and a result-size cap.",
    )
    p.add_argument(
        "--host", default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}: this machine only; "
        "0.0.0.0 opens it to the network)",
    )  # fmt: skip
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    p.add_argument(
        "--data", nargs="+", type=Path, metavar="FILE",
        help="serve these RDF files instead of the built graph",
    )  # fmt: skip
    p.add_argument(
        "--timeout", type=options.seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
        help=f"stop a query after this long and answer 503 (default {DEFAULT_TIMEOUT:g}; "
        "0: no limit)",
    )  # fmt: skip
    p.add_argument(
        "--max-rows", type=int, default=DEFAULT_MAX_ROWS, metavar="N",
        help=f"refuse (400) an answer of more rows or triples (default {DEFAULT_MAX_ROWS:,}; "
        "0: no cap)",
    )  # fmt: skip
    p.add_argument(
        "--max-memory", type=options.size, default=DEFAULT_MAX_MEMORY, metavar="SIZE",
        help="stop a query whose worker needs more memory than this "
        f"(default {DEFAULT_MAX_MEMORY >> 30}G; 0: no cap)",
    )  # fmt: skip
    p.add_argument(
        "--max-body", type=options.size, default=DEFAULT_MAX_BODY, metavar="SIZE",
        help=f"refuse (413) a request body larger than this (default {DEFAULT_MAX_BODY >> 20}M)",
    )  # fmt: skip
    p.add_argument(
        "--workers", type=int, default=DEFAULT_WORKERS, metavar="N",
        help=f"queries answered at once; the others wait (default {DEFAULT_WORKERS})",
    )  # fmt: skip
    options.add_max_size(p)
    options.add_store(p, "the graph")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from ..serve.answer import Limits, ServedGraph
    from ..serve.app import create_app

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be from 0 to 65535, not {args.port}")
    if args.max_rows < 0 or args.workers < 1:
        raise UsageError("--max-rows must be 0 (no cap) or more, and --workers 1 or more")
    if args.max_body < 1:
        raise UsageError("--max-body must be more than 0")
    _check_address(args.host, args.port)
    limits = Limits(args.timeout, args.max_memory, args.max_rows, args.workers)
    served = ServedGraph(
        args.data, args.root, limits, max_size=args.max_size or None, store=args.store
    )
    app = create_app(served, max_body=args.max_body)
    host = f"[{args.host}]" if ":" in args.host else args.host
    sys.stderr.write(
        f"kgenesis: serving {served.about} ({served.triples():,} triples)\n"
        f"kgenesis: query page http://{host}:{args.port}/ , "
        f"SPARQL endpoint http://{host}:{args.port}/sparql (Ctrl+C stops)\n"
    )
    sys.stderr.flush()
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="info" if args.verbose else "warning",
        access_log=bool(args.verbose),
        server_header=False,
    )
    return 0


def _check_address(host: str, port: int) -> None:
    """Refuse, in one line, an address that cannot be listened on (a port in use, a host
    that is not this machine's) before the graph is read."""
    import socket

    from ..errors import KgenesisError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise UsageError(f"--host {host}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            raise KgenesisError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
