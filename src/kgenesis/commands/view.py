"""``kgenesis view``: render the built graph (or any RDF files) as one interactive HTML page."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ..errors import UsageError
from . import options

log = logging.getLogger(__name__)

DEFAULT_OUTPUT = Path("kgenesis-view.html")
DEFAULT_DEPTH = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "view",
        help="render the graph as an interactive HTML page",
        description="Render the built graph (outputs/graph.ttl) or the given RDF files as one "
        "self-contained HTML page: nodes are entities, edges are facts, a click shows each "
        "fact's evidence. Above 2,000 nodes the page is refused unless --force: use --focus "
        "or --query to draw a part of the graph.",
    )
    p.add_argument(
        "files", nargs="*", type=Path, metavar="FILE",
        help="RDF files to render (default: outputs/graph.ttl of the project)",
    )  # fmt: skip
    p.add_argument(
        "-o", "--output", type=Path, default=None, metavar="OUT.html",
        help=f"where to write the page ('-' for stdout; default: {DEFAULT_OUTPUT})",
    )  # fmt: skip
    p.add_argument("--open", action="store_true", help="open the page in the web browser")
    what = p.add_mutually_exclusive_group()
    what.add_argument(
        "--focus", metavar="ENTITY",
        help="draw only this entity's neighbourhood (IRI, prefixed name, or Korean/English label)",
    )  # fmt: skip
    what.add_argument(
        "--query", type=Path, metavar="FILE.rq",
        help="draw the result of this SPARQL CONSTRUCT query",
    )  # fmt: skip
    p.add_argument(
        "--depth", type=int, default=None, metavar="N",
        help=f"with --focus: how many links away to draw (default: {DEFAULT_DEPTH})",
    )  # fmt: skip
    p.add_argument("--lang", choices=("ko", "en"), default="ko", help="initial label language")
    options.add_timeout(p, "the --query CONSTRUCT query")
    options.add_max_size(p)
    p.add_argument("--title", default=None, help="page heading (default: the input's name)")
    p.add_argument(
        "--force", action="store_true",
        help="render even above 2,000 nodes (the page may be slow to open)",
    )  # fmt: skip
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .. import view
    from ..atomic import write_atomic
    from ..graph.built import load_built
    from ..graph.load import load_files
    from ..paths import regular_file

    if args.focus is not None and not args.focus.strip():
        raise UsageError("--focus needs an entity (IRI, prefixed name or label), not ''")
    if args.depth is not None:
        if args.focus is None:
            raise UsageError("--depth only applies with --focus ENTITY")
        if args.depth < 0:
            raise UsageError("--depth must be 0 or more")
    if args.files:
        paths, title = list(args.files), ", ".join(f.name for f in args.files)
        for path in paths:
            regular_file(path)  # a FIFO or /dev/zero is refused by name, never read
        if args.focus is None and not args.query and not args.force:
            _refuse_early(paths, args.max_size or None)
        graph = load_files(paths, max_size=args.max_size or None)
    else:
        graph, title = load_built(args.root), "kgenesis"  # the same graph `kgenesis query` uses
    if args.focus is not None:
        depth = DEFAULT_DEPTH if args.depth is None else args.depth
        model = view.ViewModel(graph)  # built once: to find the entity, select and render
        focus = view.resolve_entity(graph, args.focus, model)
        selection = view.select(graph, focus=focus, depth=depth, model=model)
        title = f"{title} — {args.focus}"
    elif args.query:
        selection = view.select(graph, construct=_construct(graph, args.query, args.timeout))
        title = f"{title} — {args.query.name}"
    else:
        selection = view.select(graph)
    whole = args.focus is None and not args.query  # opens on the overview, the rest a click away
    count = len(selection.nodes)
    if count > view.LARGE_VIEW:
        advice = "draw a part with --focus ENTITY --depth N or --query FILE.rq"
        if not args.force:
            raise UsageError(
                f"the view would have {count} nodes (more than {view.LARGE_VIEW}); {advice}, "
                "or pass --force to render it anyway"
            )
        sys.stderr.write(
            f"kgenesis: warning: {count} nodes (more than {view.LARGE_VIEW}); the page may "
            f"open slowly; {advice}\n"
        )
    if count == 0:
        sys.stderr.write(
            "kgenesis: warning: no entities to draw (no typed entity in the graph or "
            "the query's result)\n"
        )
    page = view.render_html(
        graph, title=args.title or title, lang=args.lang, selection=selection,
        overview=whole, generated_by="kgenesis view",
    )  # fmt: skip
    if args.output is not None and str(args.output) == "-":
        sys.stdout.buffer.write(page.encode("utf-8"))
        sys.stdout.flush()
        return 0
    out = args.output or DEFAULT_OUTPUT
    write_atomic(out, page.encode("utf-8"))
    print(f"wrote {out} ({count} nodes, {len(selection.edges)} edges)")
    if args.open:
        import webbrowser

        webbrowser.open(out.resolve().as_uri())
    return 0


def _refuse_early(paths: list[Path], max_size: int | None) -> None:
    """Refuse an oversized whole view before loading anything: pyoxigraph counts the
    entities with a fact (a lower bound of what the view draws) in about a second.
    Regression (issue 13): the refusal came after the full load, 30 s and 0.9 GB."""
    from ..sparql.store import drawn_at_least
    from ..view import LARGE_VIEW

    count = drawn_at_least(paths, max_size)
    if count is not None and count > LARGE_VIEW:
        raise UsageError(
            f"the view would have at least {count} nodes (more than {LARGE_VIEW}); draw a "
            "part with --focus ENTITY --depth N or --query FILE.rq, or pass --force to "
            "render it anyway"
        )


def _construct(graph, path: Path, timeout: float):  # noqa: ANN001, ANN202 - rdflib types, lazy
    """Run a CONSTRUCT query from ``path`` on ``graph`` with the query command's safety rules
    (no SERVICE, LOAD, FROM or updates) and time limit; refuse anything that is not one."""
    from ..sparql.engine import execute, resolve

    if path.suffix not in (".rq", ".sparql"):
        raise UsageError(f"--query {path}: a query file ends .rq or .sparql")
    _, text = resolve(path)  # as `kgenesis query` reads it: a byte-order mark is skipped
    result = execute(graph, text, timeout=timeout)
    if result.kind != "CONSTRUCT":
        raise UsageError(f"{path}: --query needs a CONSTRUCT query (this is a {result.kind})")
    out = result.graph  # binds the project's prefixes
    log.info("query %s: %d triples", path, len(out))
    return out
