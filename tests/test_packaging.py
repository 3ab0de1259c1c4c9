"""The wheel: it carries the built graph (and its build stamp), the package data and
py.typed, and never the article. CI also installs it into a fresh environment and runs
every command from an empty folder (scripts/check-wheel.sh)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow

#: What a wheel is built from (the sdist's files; MANIFEST.in adds the outputs).
BUILD_INPUTS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "src", "outputs")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """A wheel built, offline, from a copy of the checkout's build inputs."""
    work = tmp_path_factory.mktemp("wheel-build")
    for name in BUILD_INPUTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(
                source, work / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
        else:
            shutil.copy(source, work / name)
    run = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", "dist"],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=300,
        env={"SOURCE_DATE_EPOCH": "1764028800", "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    (built,) = (work / "dist").glob("kgenesis-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_carries_the_built_graph_and_its_stamp(wheel: zipfile.ZipFile) -> None:
    graph = wheel.read("kgenesis/data/graph.ttl")
    assert graph == (REPO / "outputs" / "graph.ttl").read_bytes()
    stamp = json.loads(wheel.read("kgenesis/data/build.json"))
    lines = (REPO / "outputs" / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert stamp == {
        "built": "2025-11-25",  # SOURCE_DATE_EPOCH
        "from": "outputs/graph.ttl",
        "sha256": hashlib.sha256(graph).hexdigest(),
        "triples": sum(1 for line in lines if line.strip() and not line.startswith("#")),
        "version": stamp["version"],
    }


def test_the_wheel_carries_package_data_and_py_typed(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    modules = {
        p.relative_to(REPO / "src").as_posix() for p in (REPO / "src" / "kgenesis").rglob("*.py")
    }
    assert modules <= names, f"modules missing from the wheel: {sorted(modules - names)}"
    assert "kgenesis/py.typed" in names
    assert "kgenesis/view/assets/view.js" in names
    assert any(n.startswith("kgenesis/sparql/queries/cq-01") for n in names)
    assert any(n.startswith("kgenesis/graph/checks/") for n in names)


def test_the_wheel_carries_the_query_page_and_yasgui_with_its_licence(
    wheel: zipfile.ZipFile,
) -> None:
    """kgenesis serve's page is served from the package: YASGUI vendored, licence kept."""
    from kgenesis.serve.page import ASSETS

    names = set(wheel.namelist())
    for name in ("index.html", *ASSETS):
        assert f"kgenesis/serve/assets/{name}" in names, name
    licence = wheel.read("kgenesis/serve/assets/yasgui/LICENSE").decode("utf-8")
    assert "MIT License" in licence and "Permission is hereby granted" in licence


def test_the_wheel_carries_no_source_text_file(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    assert not [n for n in names if n.endswith((".ko.txt", ".en.md")) or "shared" in n]
    assert all(n.startswith(("kgenesis/", "kgenesis-")) for n in names)


def test_the_wheel_never_carries_a_paragraph_of_the_article(
    wheel: zipfile.ZipFile, article_sources: Path
) -> None:
    names = wheel.namelist()
    article = article_sources / "joongang-2025-12-18-k-genesis.ko.txt"
    paragraphs = [x.strip() for x in article.read_text(encoding="utf-8").splitlines()]
    paragraphs = [x for x in paragraphs if len(x) > 150]
    for name in names:
        text = wheel.read(name).decode("utf-8", errors="replace")
        assert not [p for p in paragraphs if p in text], name
