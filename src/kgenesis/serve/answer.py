"""The served graph and its answers: the same engines, safety checks and time limit as
``kgenesis query``, for many requests at once.

The graph is read once when the server starts: the built graph into a pyoxigraph store
(the fast path) and an rdflib graph (everything else), or ``--data`` files into an rdflib
graph only. Each query then runs as ``kgenesis query`` runs it: a plainly safe SELECT or
ASK on pyoxigraph (``sparql.fast.run_on``), the rest parsed, checked and evaluated by
rdflib (``sparql.engine.prepare`` and ``execute``), each in a forked worker under the time
limit and memory cap (``timelimit.run_limited``). Parsing happens in the worker too, so
no thread of the server ever holds rdflib's parse lock when another forks.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import KgenesisError
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
    ) -> None:
        from ..sparql import fast
        from ..sparql.engine import load_data

        self.limits = limits or Limits()
        self.store: Any = None
        if data:
            self.graph: Graph = load_data(list(data), max_size=max_size)
            self.about = "files " + ", ".join(str(p) for p in data)
            #: what clients are told (the service description, the page): no local paths
            self.public = "RDF files given to kgenesis serve: " + ", ".join(p.name for p in data)
            self.path: Path | None = None
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
        self._slots = threading.BoundedSemaphore(self.limits.workers)
        self._warm()

    def _warm(self) -> None:
        """Import rdflib's SPARQL parser and evaluator, and run one query, before serving: the
        workers are forked from this process and start warm (no 0.2 s import each)."""
        from ..sparql.engine import execute, prepare

        execute(self.graph, prepare("ASK { ?s ?p ?o }"), timeout=None)

    def triples(self) -> int:
        return len(self.graph)

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

    def in_worker(self, work: Callable[[Graph], Any], timeout: float | None = None) -> Any:
        """``work(graph)`` in a forked worker under the time limit and memory cap."""
        limit = self.limits.timeout if timeout is None else timeout
        try:
            return run_limited(lambda: work(self.graph), limit, self.limits.max_memory)
        except QueryTimeout:
            # the message names --timeout: say this server's limit instead
            raise QueryTimeout(
                f"query stopped after {self.limits.timeout:g} s (this server's time limit, "
                "--timeout); simplify it or add LIMIT"
            ) from None

    def run(self, work: Callable[[Graph], Any]) -> Any:
        """``in_worker``, holding one of the server's query slots."""
        with self._slots:
            return self.in_worker(work)


def _rdflib(graph: Graph, text: str) -> QueryResult:
    """In the worker: parse, check and run ``text`` on rdflib, as ``kgenesis query`` does."""
    from ..sparql.engine import execute, prepare

    return execute(graph, prepare(text), timeout=None)  # already in the limited worker
