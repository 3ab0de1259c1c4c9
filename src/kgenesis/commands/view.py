"""``kgenesis view``: render the built graph (or any RDF files) as one interactive HTML page."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from . import options

if TYPE_CHECKING:
    from ..view.census import Census

log = logging.getLogger(__name__)

DEFAULT_OUTPUT = Path("kgenesis-view.html")
DEFAULT_DEPTH = 1
#: Even with --force, no page of more nodes than this: a browser takes seconds a thousand
#: nodes (bench/view_bench.py), the Python side about 10 s at this size.
FORCE_LIMIT = 10_000


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "view",
        help="render the graph as an interactive HTML page",
        description="Render the built graph (outputs/graph.ttl) or the given RDF files as one "
        "self-contained HTML page: nodes are entities, edges are facts, a click shows each "
        "fact's evidence. Above 2,000 nodes the whole graph is drawn as a summary (classes "
        "as clusters with their counts, the 100 most connected entities, a --focus command "
        "for each); --force draws every node up to 10,000; --focus or --query draws a part.",
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
    options.add_store(p, "the files a page draws", fast="parsed by pyoxigraph")
    p.add_argument("--title", default=None, help="page heading (default: the input's name)")
    p.add_argument(
        "--force", action="store_true",
        help="draw every node even above 2,000 (at most 10,000; the page may open slowly)",
    )  # fmt: skip
    p.add_argument(
        "--summary-above", type=int, default=None, metavar="N",
        help="draw the whole graph as a summary above N nodes (default: 2,000; at most 10,000)",
    )  # fmt: skip
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .. import view
    from ..graph.built import load_built
    from ..paths import regular_file

    if args.focus is not None and not args.focus.strip():
        raise UsageError("--focus needs an entity (IRI, prefixed name or label), not ''")
    if args.depth is not None:
        if args.focus is None:
            raise UsageError("--depth only applies with --focus ENTITY")
        if args.depth < 0:
            raise UsageError("--depth must be 0 or more")
    line = view.LARGE_VIEW if args.summary_above is None else args.summary_above
    if not 0 <= line <= FORCE_LIMIT:  # above, a graph between the two had no page at all
        raise UsageError(
            f"--summary-above must be from 0 to {FORCE_LIMIT:,} (the most nodes a page draws, "
            "even with --force)"
        )
    whole = args.focus is None and not args.query  # opens on the overview, the rest a click away
    if args.query and args.store == "oxigraph":
        raise UsageError(
            "--query runs its CONSTRUCT query on rdflib's engine: drop --store oxigraph "
            "(large files are still parsed by pyoxigraph), or draw a part with --focus"
        )
    census = None
    if args.files:
        paths, title = list(args.files), ", ".join(f.name for f in args.files)
        for path in paths:
            regular_file(path)  # a FIFO or /dev/zero is refused by name, never read
        if whole and args.store != "memory":  # counted first: summary, refusal or full view
            from ..view.census import census_files

            census = census_files(paths, args.max_size or None)
            if census is not None and _summarised(args, census, line, title):
                return 0
        # JSON-LD, RDF/XML (no census from the files): counted below from rdflib's graph
        graph = _load(args, paths, rdflib=whole and census is None)
    else:
        graph, title = load_built(args.root), "kgenesis"  # the same graph `kgenesis query` uses
    if whole and census is None:  # the built graph, JSON-LD, RDF/XML, --store memory
        from ..view.census import census_graph

        census = census_graph(graph)  # counted before the view model is built
        if _summarised(args, census, line, title):
            return 0
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
    count = len(selection.nodes)
    if count > line:
        advice = "draw a part with --focus ENTITY --depth N or --query FILE.rq"
        if not args.force:
            raise UsageError(
                f"the view would have {count} nodes (more than {line}); {advice}, "
                "or pass --force to render it anyway"
            )
        sys.stderr.write(
            f"kgenesis: warning: {count} nodes (more than {line}); the page may "
            f"open slowly; {advice}\n"
        )
    if count > FORCE_LIMIT:
        raise UsageError(
            f"the view would have {count} nodes, more than {FORCE_LIMIT:,} even with --force; "
            "draw a part with --focus ENTITY --depth N or --query FILE.rq"
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
    _write(args, page, f"{count} nodes, {len(selection.edges)} edges")
    return 0


def _load(args: argparse.Namespace, paths: list[Path], *, rdflib: bool) -> Any:
    """The files as the analyses read them (``source.read_files``: the page is the same
    byte for byte either way), except as rdflib's graph where asked (``--query``: rdflib's
    engine runs it; a whole view the census must count from the graph)."""
    from .source import read_files

    store = "memory" if args.query or rdflib else args.store
    return read_files(paths, store, args.max_size or None)


def _write(args: argparse.Namespace, page: str, what: str) -> None:
    """The page to stdout (``-o -``) or, atomically, to its file (and opened if asked)."""
    from ..atomic import write_atomic

    if args.output is not None and str(args.output) == "-":
        sys.stdout.buffer.write(page.encode("utf-8"))
        sys.stdout.flush()
        return
    out = args.output or DEFAULT_OUTPUT
    write_atomic(out, page.encode("utf-8"))
    print(f"wrote {out} ({what})")
    if args.open:
        import webbrowser

        webbrowser.open(out.resolve().as_uri())


def _summarised(args: argparse.Namespace, census: Census, line: int, title: str) -> bool:
    """Above ``line`` nodes: the summary page written (True), or with --force, a refusal
    above FORCE_LIMIT before anything is built; False where the whole view is drawn."""
    count = len(census.entities)
    if count <= line:
        return False
    if args.force:
        if count > FORCE_LIMIT:
            raise UsageError(
                f"the view would have {count:,} nodes, more than {FORCE_LIMIT:,} even with "
                "--force; drop --force for the summary page, or draw a part with --focus "
                "ENTITY --depth N or --query FILE.rq"
            )
        return False
    from ..view.summary import TOP, render_summary

    files = [str(f) for f in args.files]
    page = render_summary(
        census, files=files, title=args.title or title, lang=args.lang, line=line,
        generated_by="kgenesis view",
    )  # fmt: skip
    sys.stderr.write(
        f"kgenesis: {count:,} nodes (more than {line:,}): drawing a summary (classes as "
        f"clusters, the {TOP} most connected entities); --focus ENTITY draws a part, "
        "--force every node\n"
    )
    _write(args, page, f"summary of {count:,} nodes")
    return True


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
