"""``kgenesis path A B``: the shortest chains of facts, each step with its quote and source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph

from analysis.cli import kgenesis
from conftest import REPO
from kgenesis.analysis.paths import shortest_paths
from kgenesis.analysis.projection import project
from kgenesis.graph.load import load_files
from kgenesis.graph.namespaces import KG

BUILT = REPO / "outputs" / "graph.ttl"
CHOI_TO_LG = ["choi-minhee", "nst-summit-2025", "jeong-soo-heon", "lg-science-park"]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_files([BUILT])


def test_choi_min_hee_to_lg_science_park_with_its_quotes(graph: Graph) -> None:
    projection = project(graph)
    found = shortest_paths(graph, projection, KG["choi-minhee"], KG["lg-science-park"], max_hops=4)
    assert found is not None and found.length == 3 and found.total == 1
    (path,) = found.paths
    steps = [step for hop in path for step in hop]
    visited = [str(KG[n]) for n in CHOI_TO_LG]
    for hop, (u, v) in zip(path, zip(visited, visited[1:], strict=False), strict=True):
        assert hop and all({s.subject, s.obj} == {u, v} for s in hop)
    texts = [q.text for s in steps for q in s.quotes]
    assert any("최민희 위원장" in t for t in texts)  # she attended the summit
    assert any("LG사이언스파크 대표" in t for t in texts)  # he heads LG Science Park
    assert all(q.sources and q.sources[0].publisher for s in steps for q in s.quotes)


def test_path_command_prints_sentences_with_quotes_and_sources() -> None:
    run = kgenesis("path", "최민희", "LG사이언스파크")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.startswith("최민희 → LG사이언스파크: 3 steps (1 shortest path)")
    assert "정수헌 — 대표(장) → LG사이언스파크" in out
    assert "“행사에는 국회 과학기술정보방송통신위원회 최민희 위원장을" in out
    assert "— JoongAng Ilbo, " in out and "(paragraph 1, sentence 3)" in out


def test_path_in_english_by_alternative_names() -> None:
    run = kgenesis("path", "K-Genesis Mission", "Choi Min-hee", "--lang", "en", "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["from"]["curie"] == "kg:k-genesis-mission" and data["to"]["en"] == "Choi Min-hee"
    assert data["paths"] and all(step["evidence"] for p in data["paths"] for h in p for step in h)


def test_no_path_within_max_says_so() -> None:
    run = kgenesis("path", "최민희", "LG사이언스파크", "--max", "2")
    assert run.returncode == 0, run.stderr
    assert (
        run.stdout
        == "no path of at most 2 facts links 최민희 and LG사이언스파크; try a larger --max\n"
    )


def test_an_ambiguous_name_lists_the_candidates(tmp_path: Path) -> None:
    data = tmp_path / "kims.ttl"
    data.write_text(
        """@prefix kg: <https://w3id.org/kgenesis/id/> . @prefix kgo: <https://w3id.org/kgenesis/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        kg:kim-1 a kgo:Person ; rdfs:label "김"@ko , "Kim"@en ; kgo:knows kg:lee .
        kg:kim-2 a kgo:Person ; rdfs:label "김"@ko , "Kim"@en .
        kg:lee a kgo:Person ; rdfs:label "이"@ko , "Lee"@en .""",
        encoding="utf-8",
    )
    run = kgenesis("path", "Kim", "Lee", "--data", str(data))
    assert run.returncode == 2
    assert "several entitys" not in run.stderr
    assert (
        "path A Kim: several entities have this name (kg:kim-1 (김 / Kim), kg:kim-2 (김 / Kim))"
        in run.stderr
    )


def test_unknown_name_suggests_near_matches() -> None:
    run = kgenesis("path", "최민", "LG사이언스파크")
    assert (
        run.returncode == 2 and "no entity has this name; did you mean kg:choi-minhee" in run.stderr
    )
