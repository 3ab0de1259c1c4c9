"""Which built graph the commands use: --root, the checkout, the one shipped in the wheel."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from kgenesis.cli import main
from kgenesis.errors import KgenesisError
from kgenesis.graph import built

BUILT = REPO / "outputs" / "graph.ttl"


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """As in an installed wheel: a packaged graph with its stamp, no source checkout."""
    data = tmp_path / "site" / "kgenesis" / "data"
    data.mkdir(parents=True)
    shutil.copy(BUILT, data / "graph.ttl")
    stamp = {"built": "2026-12-01", "sha256": "ab" * 32, "triples": 4321, "version": "0.1.0"}
    (data / "build.json").write_text(json.dumps(stamp), encoding="utf-8")
    monkeypatch.setattr(built, "PACKAGED_DIR", data)
    monkeypatch.setattr(built, "_source_checkout", lambda: None)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return data


def test_outside_a_checkout_the_installed_graph_is_used(
    installed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = built.locate()
    assert found.origin == "installed" and found.path == installed / "graph.ttl"
    assert main(["query", "ASK { kg:bae-kyunghoon a kgo:Person }"]) == 0
    assert capsys.readouterr().out == "true\n"


def test_version_shows_the_installed_graphs_build_date(
    installed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    line = capsys.readouterr().out.splitlines()[1]
    assert (
        line
        == "graph installed with the package, built 2026-12-01 (4321 triples, sha256 abababababab)"
    )


def test_a_checkout_wins_over_the_installed_graph(
    installed: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "graph")
    found = built.locate()
    assert found.origin == "checkout" and found.path == project / "outputs" / "graph.ttl"
    assert built.locate(project).path == project / "outputs" / "graph.ttl"


def test_root_that_is_not_a_checkout_is_an_error_even_with_an_installed_graph(
    installed: Path, tmp_path: Path
) -> None:
    with pytest.raises(KgenesisError, match="not a kgenesis project"):
        built.locate(tmp_path)


def test_no_graph_anywhere_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(built, "PACKAGED_DIR", tmp_path / "none")
    monkeypatch.setattr(built, "_source_checkout", lambda: None)
    monkeypatch.chdir(tmp_path)
    assert main(["query", "classes"]) == 1
    err = capsys.readouterr().err
    assert "no built graph" in err and "--root DIR" in err and len(err.splitlines()) == 1


def test_an_editable_install_outside_its_checkout_uses_the_checkouts_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(built, "PACKAGED_DIR", tmp_path / "none")
    monkeypatch.chdir(tmp_path)
    found = built.locate()
    assert found.origin == "checkout" and found.path == BUILT


def test_a_graph_that_its_build_stamp_does_not_vouch_for_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A build killed between two replaces left new outputs beside old ones (issue 9): the
    stamp, written last, no longer matches, and every engine says so."""
    import hashlib

    outputs = project / "outputs"
    good = {
        "sha256": {"graph.ttl": hashlib.sha256((outputs / "graph.ttl").read_bytes()).hexdigest()}
    }
    (outputs / "build-stamp.json").write_text(json.dumps(good), encoding="utf-8")
    assert main(["--root", str(project), "query", "ASK { ?s ?p ?o }"]) == 0
    capsys.readouterr()
    (outputs / "graph.ttl").write_bytes((outputs / "graph.ttl").read_bytes() + b"\n# half\n")
    for engine in ("auto", "rdflib", "oxigraph"):
        assert main(["--root", str(project), "query", "ASK { ?s ?p ?o }", "--engine", engine]) == 1
        err = capsys.readouterr().err
        assert "does not match build-stamp.json" in err and "run `kgenesis build` again" in err
