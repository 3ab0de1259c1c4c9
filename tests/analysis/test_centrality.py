"""``kgenesis rank`` and ``kgenesis communities`` on the curated graph."""

from __future__ import annotations

import networkx as nx
import pytest

from analysis.cli import kgenesis
from conftest import REPO
from kgenesis.analysis.centrality import communities, rank
from kgenesis.analysis.projection import entity_view, project
from kgenesis.graph.load import load_files

BUILT = REPO / "outputs" / "graph.ttl"


@pytest.fixture(scope="module")
def projection() -> nx.MultiDiGraph:
    return project(load_files([BUILT]))


def test_top_three_by_degree(projection: nx.MultiDiGraph) -> None:
    table = rank(projection, by="degree", top=3)
    assert [row[1] for row in table.rows] == ["kg:nst", "kg:bae-kyunghoon", "kg:nst-summit-2025"]
    scores = [row[-1] for row in table.rows]
    assert scores == sorted(scores, reverse=True)
    bae = "https://w3id.org/kgenesis/id/bae-kyunghoon"
    assert (
        table.rows[1][-1]
        == projection.degree(bae)
        == len(projection.in_edges(bae)) + len(projection.out_edges(bae))
    )


def test_exact_betweenness_says_so_and_sampled_says_it_is_an_approximation(
    projection: nx.MultiDiGraph,
) -> None:
    exact = rank(projection, by="betweenness", top=3)
    assert "exact" in (exact.note or "") and "approximation" not in (exact.note or "")
    expected = nx.betweenness_centrality(entity_view(projection))
    assert exact.rows[0][-1] == round(max(expected.values()), 6)
    sampled = rank(projection, by="betweenness", top=3, sample=10)
    assert "approximation" in (sampled.note or "") and "10 of" in (sampled.note or "")
    assert sampled.rows == rank(projection, by="betweenness", top=3, sample=10).rows  # seeded


def test_rank_command_pagerank_filtered_by_class() -> None:
    run = kgenesis("rank", "--by", "pagerank", "--class", "Person", "--format", "csv")
    assert run.returncode == 0, run.stderr
    rows = run.stdout.splitlines()[1:]
    assert rows and all(",kgo:Person," in row for row in rows)
    assert rows[0].split(",")[1] == "kg:bae-kyunghoon"


def test_rank_command_says_when_betweenness_is_sampled() -> None:
    run = kgenesis("rank", "--by", "betweenness", "--sample", "5")
    assert run.returncode == 0 and "approximation: betweenness estimated from 5 of" in run.stdout


def test_rank_refuses_an_unknown_class_by_name() -> None:
    run = kgenesis("rank", "--class", "Nope")
    assert run.returncode == 2 and "--class Nope: no class has this name" in run.stderr


def test_communities_cover_every_linked_entity_once(projection: nx.MultiDiGraph) -> None:
    table = communities(projection)
    members = [row[2] for row in table.rows]
    assert len(members) == len(set(members))
    linked = {projection.nodes[n]["curie"] for n, d in entity_view(projection).degree() if d}
    assert set(members) == linked
    sizes = [row[1] for row in table.rows]
    assert sizes == sorted(sizes, reverse=True) and len(set(row[0] for row in table.rows)) > 1


def test_communities_are_the_same_under_any_hash_seed() -> None:
    runs = [kgenesis("communities", "--format", "csv", seed=seed) for seed in ("1", "2", "3")]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert runs[0].stdout.startswith("community,size,entity,label_ko,label_en,class\n")
