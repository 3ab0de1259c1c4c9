"""Shared fixtures: the repository, the source texts, and throw-away project copies.

Rule tests run on a made-up project: the real ontology/, a few graph files from
tests/data/, and the made-up source text in tests/data/sources/ (never the article). Only
the tests that check the real article itself use ``article_sources``, which skips, saying
why, where ``../shared/sources/`` is absent.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
SOURCES = REPO.parent / "shared" / "sources"
ARTICLE = SOURCES / "joongang-2025-12-18-k-genesis.ko.txt"
#: Made-up source texts the test fixtures quote from (short, not the article).
MADE_UP_SOURCES = DATA / "sources"


@pytest.fixture(scope="session", autouse=True)
def _parse_guard_first() -> None:
    """Install kgenesis's parse guard before any test's audit hook: hooks run in the order
    they were added, so the guard refuses a fetch before a test's hook records an attempt."""
    from kgenesis.graph.guard import sealed

    with sealed():
        pass


@pytest.fixture(scope="session", autouse=True)
def _private_graph_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the parsed-graph cache of every test run (and its subprocesses) out of ~/.cache."""
    os.environ["KGENESIS_CACHE"] = str(tmp_path_factory.mktemp("graph-cache"))
    # the source texts are where each test puts them, never a developer's own folder
    os.environ.pop("KGENESIS_SOURCES", None)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small graph in the project's shape (``bench/synth.py``, 3,000 triples: 145
    entities of 6 classes), written once per run, for the large-graph code paths."""
    sys.path.insert(0, str(REPO / "bench"))
    from synth import published

    path = tmp_path_factory.mktemp("synthetic") / "synthetic.nt"
    published(3_000, path)
    return path


@pytest.fixture(scope="session")
def article_sources() -> Path:
    """The folder with the whole article (and the curation note), for the few tests that
    check the real article itself; they skip where it is absent."""
    if not ARTICLE.is_file():
        pytest.skip(
            f"the whole article is not here ({ARTICLE}); it is copyrighted and kept only in "
            "../shared/sources/ beside the checkout, so this test cannot run"
        )
    return SOURCES


@pytest.fixture
def made_up_sources() -> Path:
    """The made-up source texts the fixtures in tests/data/ quote (tests/data/sources/)."""
    return MADE_UP_SOURCES


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """A project folder with the real ontology/ and the given graph files (name → text),
    laid out as a checkout is: the made-up source texts beside it in ../shared/sources/."""

    def make(files: dict[str, str | bytes] | None = None, *, real_graph: bool = False) -> Path:
        root = tmp_path / "project"
        shutil.copytree(MADE_UP_SOURCES, tmp_path / "shared" / "sources", dirs_exist_ok=True)
        shutil.copytree(REPO / "ontology", root / "ontology")
        if real_graph:
            shutil.copytree(REPO / "graph", root / "graph")
        else:
            (root / "graph").mkdir()
        for name, content in (files or {}).items():
            path = root / "graph" / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose built graph (outputs/graph.ttl) is the small query fixture."""
    for folder in ("ontology", "graph", "outputs"):
        (tmp_path / folder).mkdir()
    shutil.copy(DATA / "valid" / "query-fixture.ttl", tmp_path / "outputs" / "graph.ttl")
    return tmp_path


# --- hostile-input helpers: nothing may reach the network or read a file -----------------


class Listener:
    """A TCP listener on a loopback port that counts the connections it accepts."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stop = True
        self.thread.join()
        self.sock.close()


class Audit:
    """Records socket connections and opens of one file (audit hooks cannot be removed)."""

    active: Audit | None = None
    installed = False

    def __init__(self, watched: Path) -> None:
        self.watched = str(watched)
        self.events: list[tuple[str, str]] = []

    def __enter__(self) -> Audit:
        if not Audit.installed:
            sys.addaudithook(Audit._hook)
            Audit.installed = True
        Audit.active = self
        return self

    def __exit__(self, *exc: object) -> None:
        Audit.active = None

    @staticmethod
    def _hook(event: str, args: tuple) -> None:
        audit = Audit.active
        if audit is None:
            return
        if event == "socket.connect":
            audit.events.append((event, repr(args[1])))
        elif event == "open" and args and audit.watched in str(args[0]):
            audit.events.append((event, str(args[0])))


@pytest.fixture
def listener() -> Iterator[Listener]:
    """A loopback listener; a test asserts ``listener.connections == 0``."""
    server = Listener()
    yield server
    server.close()
