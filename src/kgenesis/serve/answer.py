"""The served graph and its answers: the same engines, safety checks and time limit as
``kgenesis query``, for many requests at once.

The graph is read once when the server starts: the built graph into a pyoxigraph store
(the fast path) and an rdflib graph (everything else), or ``--data`` files into an rdflib
graph only. Each query then runs as ``kgenesis query`` runs it: a plainly safe SELECT or
ASK on pyoxigraph (``sparql.fast.run_on``), the rest parsed, checked and evaluated by
rdflib (``sparql.engine.prepare`` and ``execute``), each in a forked worker under the time
limit and memory cap (``timelimit.run_limited``). Parsing happens in the worker too, so
no thread of the server ever holds rdflib's parse lock when another forks.

A large graph (``--store``, else by size, as ``kgenesis query --data`` chooses) is held in
pyoxigraph's store alone: every query is checked as ``query --data`` checks it
(``sparql.store.check_query``) and answered by pyoxigraph (``sparql.store.answer``); the
graph view, drawn from an rdflib graph, is not offered for it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import KgenesisError, UsageError
from ..timelimit import QueryTimeout, run_limited

if TYPE_CHECKING:
    from rdflib import Graph

    from ..sparql.engine import QueryResult

log = logging.getLogger(__name__)

#: What ``kgenesis serve`` allows a query by default.
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_MEMORY = 1 << 30
DEFAULT_MAX_ROWS = 100_000
DEFAULT_WORKERS = 8


class ResultTooLarge(KgenesisError):
    """The answer has more rows (or triples) than the server's ``--max-rows``."""


class Limits:
    """Per-query limits: seconds, bytes a worker may grow by, rows or triples served, and how
    many queries run at once (the rest wait their turn)."""

    def __init__(
        self,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_memory: int | None = DEFAULT_MAX_MEMORY,
        max_rows: int | None = DEFAULT_MAX_ROWS,
        workers: int = DEFAULT_WORKERS,
    ) -> None:
        self.timeout = timeout or None
        self.max_memory = max_memory or None
        self.max_rows = max_rows or None
        self.workers = max(1, workers)


class ServedGraph:
    """The graph a server answers queries on, read once."""

    def __init__(
        self,
        data: Sequence[Path] | None = None,
        root: Path | None = None,
        limits: Limits | None = None,
        max_size: int | None = None,
        store: str = "memory",
    ) -> None:
        from ..sparql import fast
        from ..sparql import store as large
        from ..sparql.engine import load_data

        self.limits = limits or Limits()
        self.store: Any = None
        self.graph: Graph | None = None
        self.path: Path | None = None
        #: the graph is held in pyoxigraph's store alone (``--store``, else by size)
        self.large = False
        self._triples: int | None = None
        self._slots = threading.BoundedSemaphore(self.limits.workers)
        files = list(data) if data else None
        if store != "memory":
            if files is None:
                from ..graph.built import built_path

                files = [built_path(root)]
            self.large = large.wanted(store, files)
        if self.large:
            assert files is not None
            self.store = large.load(files, max_size)
            shown = ", ".join(str(p) for p in files)
            self.about = f"files {shown} in pyoxigraph's store"
            self.public = "RDF files given to kgenesis serve: " + ", ".join(p.name for p in files)
            self._warm()
            return
        if data:
            self.graph = load_data(list(data), max_size=max_size)
            self.about = "files " + ", ".join(str(p) for p in data)
            #: what clients are told (the service description, the page): no local paths
            self.public = "RDF files given to kgenesis serve: " + ", ".join(p.name for p in data)
        else:
            from ..graph.built import built_path, load_built, locate

            self.path = built_path(root)
            self.about = locate(root).describe()
            self.public = "the built kgenesis graph"
            self.graph = load_built(root)
            try:
                self.store = fast.load_store(self.path)
            except fast.Declined as exc:  # as `kgenesis query` does: rdflib answers alone
                log.warning("serving without pyoxigraph: %s", exc)
        self._warm()

    def _warm(self) -> None:
        """Import rdflib's SPARQL parser and evaluator, and run one query, before serving: the
        workers are forked from this process and start warm (no 0.2 s import each)."""
        from ..sparql.engine import execute, prepare

        prepared = prepare("ASK { ?s ?p ?o }")
        if self.graph is not None:
            execute(self.graph, prepared, timeout=None)

    def triples(self) -> int:
        if self._triples is None:  # counting a store of 10^6 triples takes a second: once
            self._triples = len(self.store if self.large else self.graph)  # type: ignore[arg-type]
        return self._triples

    def select(self, text: str) -> list[tuple[str, ...]]:
        """The rows of one of kgenesis's own SELECT queries (the page's vocabulary), as text,
        from wherever the graph is held."""
        if self.large:
            from ..prefixes import PREFIX_IRIS

            rows = self.store.query(text, prefixes=PREFIX_IRIS, use_default_graph_as_union=True)
            return [tuple(term.value for term in row) for row in rows]
        return [tuple(str(term) for term in row) for row in self.graph.query(text)]  # type: ignore[union-attr]

    def answer(self, text: str) -> QueryResult:
        """The result of ``text`` (a SPARQL query), by the rules of ``kgenesis query``.

        Raises the engine's errors (syntax, refusal, evaluation), ``QueryTimeout`` /
        ``QueryMemoryError`` at a limit, ``ResultTooLarge`` past ``max_rows``.
        """
        with self._slots:
            result = self._answer(text)
        cap = self.limits.max_rows
        if cap and len(result) > cap:
            what = "triples" if result.kind in ("CONSTRUCT", "DESCRIBE") else "rows"
            raise ResultTooLarge(
                f"the answer has {len(result):,} {what}, more than this server's cap of "
                f"{cap:,} (--max-rows); add LIMIT or narrow the query"
            )
        return result

    def _answer(self, text: str) -> QueryResult:
        from ..sparql import fast
        from ..sparql.engine import checked_text

        text = checked_text(text)
        if self.large:
            from ..sparql import store as large

            return self.in_worker(lambda held: large.answer(held, text, hints=False)[0])
        limit = self.limits.timeout
        started = time.monotonic()
        if self.store is not None:
            try:
                result, _ = fast.run_on(self.store, text, limit, self.limits.max_memory)
                return result
            except fast.Declined as exc:
                log.debug("fast path declined: %s", exc)
        left = None
        if limit:
            left = limit - (time.monotonic() - started)
            if left <= 0:
                raise QueryTimeout(f"query stopped after {limit:g} s (time limit)")
        return self.in_worker(lambda graph: _rdflib(graph, text), left)

    def in_worker(self, work: Callable[[Any], Any], timeout: float | None = None) -> Any:
        """``work(graph)`` in a forked worker under the time limit and memory cap (the graph:
        rdflib's, or pyoxigraph's store when the graph is held there alone)."""
        limit = self.limits.timeout if timeout is None else timeout
        held = self.store if self.large else self.graph
        try:
            return run_limited(lambda: work(held), limit, self.limits.max_memory)
        except QueryTimeout:
            # the message names --timeout: say this server's limit instead
            raise QueryTimeout(
                f"query stopped after {self.limits.timeout:g} s (this server's time limit, "
                "--timeout); simplify it or add LIMIT"
            ) from None

    def run(self, work: Callable[[Graph], Any]) -> Any:
        """``in_worker`` on rdflib's graph, holding one of the server's query slots."""
        if self.large:
            raise UsageError(
                "the graph view is drawn from rdflib's graph, and this server holds the graph "
                "in pyoxigraph's store (large data, or --store oxigraph); query it at /sparql, "
                "or serve it with --store memory"
            )
        with self._slots:
            return self.in_worker(work)


def _rdflib(graph: Graph, text: str) -> QueryResult:
    """In the worker: parse, check and run ``text`` on rdflib, as ``kgenesis query`` does."""
    from ..sparql.engine import execute, prepare

    return execute(graph, prepare(text), timeout=None)  # already in the limited worker
