"""Shared fixtures: the repository, the source texts, and throw-away project copies."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
SOURCES = REPO.parent / "shared" / "sources"
ARTICLE = SOURCES / "joongang-2025-12-18-k-genesis.ko.txt"


@pytest.fixture(scope="session", autouse=True)
def _private_graph_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the parsed-graph cache of every test run (and its subprocesses) out of ~/.cache."""
    os.environ["KGENESIS_CACHE"] = str(tmp_path_factory.mktemp("graph-cache"))


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def sources() -> Path:
    """The folder with the whole article; tests that need it skip where it is absent."""
    if not ARTICLE.is_file():
        pytest.skip(
            f"the whole article is not here ({ARTICLE}); it is copyrighted and kept only in "
            "../shared/sources/ beside the checkout, so this test cannot run"
        )
    return SOURCES


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """A project folder with the real ontology/ and the given graph files (name → text)."""

    def make(files: dict[str, str | bytes] | None = None, *, real_graph: bool = False) -> Path:
        root = tmp_path / "project"
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
