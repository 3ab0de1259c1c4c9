"""The vectorised Brandes gives networkx's betweenness: exact, and sampled from the same
sources with the same seed."""

from __future__ import annotations

import inspect

import networkx as nx
import pytest
from networkx.algorithms.centrality import betweenness as _nx_betweenness

from kgenesis.analysis.betweenness import BATCH, _scales, betweenness, sources


def graphs() -> list[nx.Graph]:
    two_parts = nx.Graph([(1, 2), (2, 3), (4, 5)])
    two_parts.add_node(6)
    return [
        nx.karate_club_graph(),
        nx.Graph(nx.les_miserables_graph().edges()),
        nx.barabasi_albert_graph(3 * BATCH + 5, 2, seed=1),  # several batches of sources
        nx.path_graph(4),
        two_parts,
        nx.Graph([("a", "b")]),
    ]


@pytest.mark.parametrize("graph", graphs(), ids=lambda g: f"{len(g)} nodes")
def test_exact_equals_networkx(graph: nx.Graph) -> None:
    expected = nx.betweenness_centrality(graph, normalized=True)
    got = betweenness(graph)
    assert list(got) == list(expected)
    assert all(got[n] == pytest.approx(expected[n], abs=1e-9) for n in graph)
    # k = n is exact too, as in networkx
    assert betweenness(graph, k=len(graph)) == pytest.approx(expected, abs=1e-9)


#: networkx 3.5 changed how a sampled betweenness is scaled (sources by k - 1, the other
#: nodes by k: an unbiased estimate); before, every node was scaled by n / k. kgenesis
#: follows the new rule whatever networkx is installed, so older ones are no reference.
NEW_SAMPLED_SCALE = "sampled_nodes" in inspect.signature(_nx_betweenness._rescale).parameters


@pytest.mark.parametrize("graph", graphs()[:3], ids=lambda g: f"{len(g)} nodes")
@pytest.mark.parametrize("k", [2, 7, 30])
def test_sampled_equals_networkx_for_the_same_sources(graph: nx.Graph, k: int) -> None:
    if not NEW_SAMPLED_SCALE:
        pytest.skip(
            f"networkx {nx.__version__} scales a sampled betweenness by n / k, not as 3.5 and "
            "later do; the sums from the same sources are compared in the next test"
        )
    expected = nx.betweenness_centrality(graph, k=k, seed=42, normalized=True)
    got = betweenness(graph, k=k, seed=42)
    assert all(got[n] == pytest.approx(expected[n], abs=1e-9) for n in graph)


@pytest.mark.parametrize("graph", graphs()[:3], ids=lambda g: f"{len(g)} nodes")
@pytest.mark.parametrize("k", [2, 7, 30])
def test_sampled_sums_are_networkx_subset_betweenness(graph: nx.Graph, k: int) -> None:
    """With any networkx: the dependencies summed over the sampled sources are networkx's
    betweenness from those sources to every node (halved there, as the graph is
    undirected), scaled by the rule in ``_scales``."""
    picked = sources(graph, k, 42)
    assert picked is not None
    raw = nx.betweenness_centrality_subset(graph, picked, list(graph), normalized=False)
    source_scale, other_scale = _scales(len(graph), k)
    got = betweenness(graph, k=k, seed=42)
    for n in graph:
        scale = source_scale if n in picked else other_scale
        assert got[n] == pytest.approx(2 * raw[n] * scale, abs=1e-9)


def test_sources_are_the_ones_networkx_samples() -> None:
    import random

    graph = nx.barabasi_albert_graph(100, 2, seed=3)
    assert sources(graph, 10, 42) == random.Random(42).sample(list(graph), 10)
    assert sources(graph, 100, 42) is None and sources(graph, None, 42) is None
