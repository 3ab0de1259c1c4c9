"""Network exports: GraphML and GEXF that networkx reads back whole, nodes.csv and edges.csv
for Neo4j's LOAD CSV, and the facts-with-evidence CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from analysis.cli import kgenesis
from conftest import DATA, REPO
from kgenesis.analysis import network
from kgenesis.analysis.facts import facts
from kgenesis.analysis.projection import project
from kgenesis.graph.load import load_files

BUILT = REPO / "outputs" / "graph.ttl"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_files([BUILT])


@pytest.fixture(scope="module")
def projection(graph: Graph) -> nx.MultiDiGraph:
    return project(graph)


def _edges(g: nx.MultiDiGraph, drop: tuple[str, ...] = ()) -> list:
    return sorted(
        (s, o, k, tuple(sorted((a, v) for a, v in d.items() if a not in drop)))
        for s, o, k, d in g.edges(keys=True, data=True)
    )


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_gephi_formats_round_trip_through_networkx(
    projection: nx.MultiDiGraph, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"g.{fmt}"
    run = kgenesis("export", "-o", str(out))
    assert run.returncode == 0, run.stderr
    if fmt == "graphml":
        back = nx.read_graphml(out, force_multigraph=True)
        extra: tuple[str, ...] = ()
        edge_extra: tuple[str, ...] = ()
    else:
        back = nx.read_gexf(out)
        extra, edge_extra = ("label",), ("id", "label")
    assert set(back) == set(projection)
    for node, data in projection.nodes(data=True):
        got = {k: v for k, v in back.nodes[node].items() if k not in extra}
        assert got == {k: str(v) for k, v in data.items()}, node
    assert back.nodes["https://w3id.org/kgenesis/id/choi-minhee"]["label_en"] == "Choi Min-hee"
    assert back.nodes["https://w3id.org/kgenesis/id/choi-minhee"]["label_ko"] == "최민희"
    if fmt == "graphml":
        assert _edges(back) == _edges(projection)
    else:  # GEXF keeps the key as each edge's label
        assert sorted(
            (s, o, d["label"], tuple(sorted((a, v) for a, v in d.items() if a not in edge_extra)))
            for s, o, d in back.edges(data=True)
        ) == _edges(projection)


def test_network_files_are_byte_identical_across_runs(projection: nx.MultiDiGraph) -> None:
    assert network.graphml(projection) == network.graphml(project(load_files([BUILT])))
    assert network.gexf(projection) == network.gexf(projection)
    assert b'lastmodifieddate="1970-01-01"' in network.gexf(projection)


def test_neo4j_csv_pair_holds_every_node_and_relation(
    projection: nx.MultiDiGraph, tmp_path: Path
) -> None:
    run = kgenesis("export", "--format", "csv", "-o", str(tmp_path / "neo4j"))
    assert run.returncode == 0, run.stderr
    with (tmp_path / "neo4j" / "nodes.csv").open(encoding="utf-8", newline="") as f:
        nodes = list(csv.DictReader(f))
    with (tmp_path / "neo4j" / "edges.csv").open(encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    assert {r["id"] for r in nodes} == set(projection)
    assert list(nodes[0])[:7] == list(network.NODE_COLUMNS)
    assert list(edges[0]) == list(network.EDGE_COLUMNS)
    assert sorted((r["source"], r["predicate"], r["target"]) for r in edges) == sorted(
        (s, k, o) for s, o, k in projection.edges(keys=True)
    )
    head = next(r for r in edges if r["predicate"] == "org:headOf")
    assert head["type"] == "HEAD_OF" and head["evidence"].startswith("https://")
    assert all(r["type"].replace("_", "").isalnum() for r in edges)  # a bare Cypher type


def test_facts_csv_one_row_per_fact_with_evidence_for_spreadsheets(
    graph: Graph, tmp_path: Path
) -> None:
    out = tmp_path / "facts.csv"
    run = kgenesis("export", "-o", str(out))
    assert run.returncode == 0, run.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the Korean
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == list(network.FACT_COLUMNS)
    assert len(rows) == len(facts(graph))
    assert len({(r["subject"], r["property"], r["value"]) for r in rows}) == len(rows)
    gpu = next(
        r
        for r in rows
        if r["subject"] == "kg:target-gpu-260k" and r["property"] == "kgo:targetValue"
    )
    assert gpu["value"] == "260000" and "26만장" in gpu["quote"]
    assert gpu["publisher"] == "JoongAng Ilbo" and gpu["date"] == "2025-12-18"
    assert gpu["locator"].startswith("paragraph")
    both = next(r for r in rows if r["origin"] == "both")
    assert both["quote"].count("\n") == both["locator"].count("\n") >= 1
    head = next(
        r for r in rows if r["property"] == "org:headOf" and r["subject"] == "kg:bae-kyunghoon"
    )
    assert (head["subject_ko"], head["property_en"], head["value_en"]) == (
        "배경훈", "head of", "Ministry of Science and ICT",
    )  # fmt: skip


def test_a_failed_network_export_leaves_the_old_files(tmp_path: Path) -> None:
    broken = DATA / "invalid" / "empty.ttl"  # refused when read: nothing to write
    for args in (["-o", str(tmp_path / "g.graphml")], ["--format", "csv", "-o", str(tmp_path)]):
        for name in ("g.graphml", "nodes.csv", "edges.csv"):
            (tmp_path / name).write_text("old", encoding="utf-8")
        run = kgenesis("export", "--data", str(broken), *args)
        assert run.returncode != 0 and "Traceback" not in run.stderr
        for name in ("g.graphml", "nodes.csv", "edges.csv"):
            assert (tmp_path / name).read_text(encoding="utf-8") == "old"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["edges.csv", "g.graphml", "nodes.csv"]


def test_csv_pair_needs_a_folder() -> None:
    run = kgenesis("export", "--format", "csv")
    assert run.returncode == 2 and "give the folder to write them in with -o FOLDER" in run.stderr
