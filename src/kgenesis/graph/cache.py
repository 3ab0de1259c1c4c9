"""A cache of parsed built graphs: parsing outputs/graph.ttl is most of a query's cost.

The key is the file's SHA-256 with the Python and rdflib versions, so any change to the
file (or the libraries) parses afresh. The cache lives in the user's cache folder
(``KGENESIS_CACHE``, else ``$XDG_CACHE_HOME/kgenesis``), never in the project; a cache
that cannot be read or written is ignored.

A cached graph is a pickle, and unpickling runs code, so a cache file is only ever read
from a private folder: owned by this user and writable by no one else (it is made with
mode 0700; one that is not is left alone), and only when it carries an HMAC-SHA256 made
with this folder's own random key (``key``, mode 0600). A file planted under the
predictable name, copied from another machine or altered is parsed afresh, never loaded.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import pickle
import secrets
import stat
import sys
from pathlib import Path

from rdflib import Graph

from ..errors import SourceError
from .load import parse_file
from .namespaces import bind_prefixes

log = logging.getLogger(__name__)

#: Environment variable naming the cache folder.
CACHE_ENV = "KGENESIS_CACHE"
_KEY_FILE = "key"
_MAC_SIZE = 32


def cache_dir() -> Path:
    """Where parsed copies of built graphs are kept."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kgenesis"


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    owner = getattr(os, "getuid", lambda: info.st_uid)()
    return info.st_uid == owner and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def private_dir(create: bool) -> Path | None:
    """The cache folder, if it is private (made so when ``create``); else None."""
    folder = cache_dir()
    if create and not folder.exists():
        try:
            folder.mkdir(mode=0o700, parents=True)
        except OSError:
            return None
    try:
        info = os.stat(folder, follow_symlinks=False)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or not _private(info):
        log.info("graph cache %s ignored: not a private folder of this user", folder)
        return None
    return folder


def _key(folder: Path, create: bool) -> bytes | None:
    """The folder's HMAC key (32 random bytes, mode 0600), made on first use."""
    path = folder / _KEY_FILE
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        if not create:
            return None
        key = secrets.token_bytes(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError:
            return None
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        if not _private(os.fstat(handle.fileno())) or os.fstat(handle.fileno()).st_mode & 0o044:
            return None
        key = handle.read()
    return key if len(key) == 32 else None


def _read(path: Path, key: bytes) -> Graph | None:
    """The graph cached at ``path`` if the file is private and its HMAC verifies."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or not _private(info):
            return None
        data = handle.read()
    mac, body = data[:_MAC_SIZE], data[_MAC_SIZE:]
    if not hmac.compare_digest(mac, hmac.new(key, body, hashlib.sha256).digest()):
        log.info("graph cache %s ignored: its HMAC does not verify", path)
        return None
    graph = pickle.loads(body)  # noqa: S301 - authenticated above, written by us
    return graph if isinstance(graph, Graph) else None


def load_built_file(path: Path) -> Graph:
    """Load a graph that ``kgenesis build`` wrote (trusted: validated at build time)."""
    import rdflib

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read file: {exc.strerror or exc}") from exc
    digest = hashlib.sha256(raw).hexdigest()[:32]
    tag = f"py{sys.version_info[0]}{sys.version_info[1]}-rdflib{rdflib.__version__}"
    folder = private_dir(create=False)
    key = _key(folder, create=False) if folder is not None else None
    name = f"graph-{digest}-{tag}.pickle"
    if folder is not None and key is not None:
        try:
            cached = _read(folder / name, key)
        except Exception:  # noqa: BLE001 - corrupt or foreign: parse afresh
            cached = None
        if cached is not None:
            log.info("loaded %s from cache %s", path, folder / name)
            return cached
    graph = bind_prefixes(parse_file(path, trusted=True, raw=raw))
    try:
        from ..atomic import write_atomic

        folder = private_dir(create=True)
        key = _key(folder, create=True) if folder is not None else None
        if folder is not None and key is not None:
            body = pickle.dumps(graph, protocol=pickle.HIGHEST_PROTOCOL)
            mac = hmac.new(key, body, hashlib.sha256).digest()
            write_atomic(folder / name, mac + body, mode=0o600)
    except Exception as exc:  # noqa: BLE001 - a cache is an optimisation, never an error
        log.info("graph cache not written (%s)", exc)
    return graph
