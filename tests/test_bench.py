"""``bench/run.py``'s own behaviour (not its numbers): the endpoint row and ``--only``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))


def test_only_measures_the_rows_it_names(monkeypatch: pytest.MonkeyPatch) -> None:
    import run

    monkeypatch.setattr(run, "ONLY", ["endpoint", "turtle"])
    assert run.chosen("endpoint under load (5 clients)")
    assert run.chosen("`export --data --format turtle`")
    assert not run.chosen("`query --data` labels")
    row = run.measure(run.Row(1, "`validate` (project)", "x"), ["false"], ["false"], 3)
    assert row.note == run.SKIPPED and not row.ours
    monkeypatch.setattr(run, "ONLY", [])
    assert run.chosen("`query --data` labels")


def test_the_endpoint_row_times_kgenesis_serve_against_oxigraphs_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression (issue 13): the endpoint row said "pending serve" once serve existed."""
    import run
    from synth import published

    from stores import oxigraph_binary

    oxigraph_binary()  # skipped (failed in CI) without Oxigraph's server
    data = tmp_path / "g.nt"
    n = published(1_000, data)
    monkeypatch.setattr(run, "CLIENTS", 2)
    row = run.bench_endpoint(n, data, tmp_path, 1.0)
    assert row.ours and row.base and row.ours_mem > 0 and row.base_mem > 0
    assert "queries a second" in row.note and "oxigraph serve" in row.baseline
