"""A cache of parsed built graphs: parsing outputs/graph.ttl is most of a query's cost.

The key is the file's SHA-256 with the Python and rdflib versions, so any change to the
file (or the libraries) parses afresh. The cache lives in the user's cache folder
(``KGENESIS_CACHE``, else ``$XDG_CACHE_HOME/kgenesis``), never in the project; a cache
that cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
from pathlib import Path

from rdflib import Graph

from ..errors import SourceError
from .load import parse_file
from .namespaces import bind_prefixes

log = logging.getLogger(__name__)

#: Environment variable naming the cache folder.
CACHE_ENV = "KGENESIS_CACHE"


def cache_dir() -> Path:
    """Where parsed copies of built graphs are kept."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kgenesis"


def load_built_file(path: Path) -> Graph:
    """Load a graph that ``kgenesis build`` wrote (trusted: validated at build time)."""
    import rdflib

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read file: {exc.strerror or exc}") from exc
    key = hashlib.sha256(raw).hexdigest()[:32]
    tag = f"py{sys.version_info[0]}{sys.version_info[1]}-rdflib{rdflib.__version__}"
    cached = cache_dir() / f"graph-{key}-{tag}.pickle"
    try:
        with cached.open("rb") as handle:
            graph = pickle.load(handle)
        if isinstance(graph, Graph):
            log.info("loaded %s from cache %s", path, cached)
            return graph
    except Exception:  # noqa: BLE001 - missing, corrupt or foreign: parse afresh
        pass
    graph = bind_prefixes(parse_file(path, trusted=True, raw=raw))
    try:
        from ..atomic import write_atomic

        cached.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(cached, pickle.dumps(graph, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception as exc:  # noqa: BLE001 - a cache is an optimisation, never an error
        log.info("graph cache not written (%s)", exc)
    return graph
