"""``--store`` on the analysis commands and the network exports: the same answers whether
the files are held in rdflib's graph or read by pyoxigraph's parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.cli import kgenesis
from conftest import REPO

BUILT = REPO / "outputs" / "graph.ttl"
ANALYSES = [
    ["rank"],
    ["rank", "--by", "betweenness", "--sample", "40"],
    ["rank", "--by", "pagerank", "--class", "kgo:Person"],
    ["stats", "--format", "json"],
    ["communities"],
    ["path", "최민희", "LG사이언스파크"],
    ["path", "최민희", "LG사이언스파크", "--format", "json"],
]


@pytest.mark.parametrize("argv", ANALYSES, ids=" ".join)
def test_analyses_answer_the_same_on_either_store(argv: list[str]) -> None:
    memory = kgenesis(*argv, "--data", str(BUILT), "--store", "memory")
    oxigraph = kgenesis(*argv, "--data", str(BUILT), "--store", "oxigraph")
    assert memory.returncode == oxigraph.returncode == 0, memory.stderr + oxigraph.stderr
    assert memory.stdout == oxigraph.stdout and memory.stdout


def test_sampled_betweenness_says_it_is_an_approximation_on_the_fast_store() -> None:
    out = kgenesis(
        "rank", "--by", "betweenness", "--sample", "40", "--data", str(BUILT), "--store", "oxigraph"
    ).stdout
    assert "approximation: betweenness estimated from 40 of" in out and "(seed 42)" in out


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "facts", "csv"])
def test_network_exports_write_the_same_bytes_on_either_store(fmt: str, tmp_path: Path) -> None:
    written = {}
    for store in ("memory", "oxigraph"):
        ext = "csv" if fmt == "facts" else fmt
        out = tmp_path / (store if fmt == "csv" else f"{store}.{ext}")
        done = kgenesis(
            "export", "--data", str(BUILT), "--store", store, "--format", fmt, "-o", str(out)
        )
        assert done.returncode == 0, done.stderr
        files = sorted(out.iterdir()) if fmt == "csv" else [out]
        written[store] = [f.read_bytes() for f in files]
    assert written["memory"] == written["oxigraph"]


@pytest.mark.parametrize("command", ["rank", "path", "stats", "communities"])
def test_store_option_is_querys(command: str) -> None:
    help_text = " ".join(kgenesis(command, "--help").stdout.split())
    query_help = " ".join(kgenesis("query", "--help").stdout.split())
    start = query_help.index("from 8 MiB of files on")
    wanted = query_help[start : query_help.index("oxigraph to choose", start)]
    assert wanted in help_text


@pytest.mark.parametrize("command", ["rank", "path", "stats", "communities", "view", "export"])
def test_store_help_says_the_analyses_parse_without_a_store(command: str) -> None:
    """The analyses', the view's and the export's --store help said "pyoxigraph's store",
    where they read large files with pyoxigraph's parser (a store turns
    "50.0"^^xsd:decimal into 50); the export writes them with pyoxigraph too."""
    help_text = " ".join(kgenesis(command, "--help").stdout.split())
    assert "parsed by pyoxigraph" in help_text
    assert "pyoxigraph's store" not in help_text
