"""``kgenesis rank`` and ``kgenesis communities``: who is central, which groups form.

Both read the projection's entities and details as one undirected graph whose edge weight
is the number of facts between two nodes (``projection.entity_view``). Large graphs get
sampled betweenness, and the output says so; betweenness is computed many sources at a time
with sparse matrices (``betweenness``), networkx's answer in a fraction of its time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .betweenness import betweenness
from .projection import entity_view
from .report import Table

if TYPE_CHECKING:
    import networkx as nx

MEASURES = ("degree", "betweenness", "pagerank")
#: Above this many nodes, betweenness is estimated from a sample of ``SAMPLE`` sources.
EXACT_BETWEENNESS = 2000
SAMPLE = 200
SEED = 42


def rank(
    projection: nx.MultiDiGraph,
    *,
    by: str = "degree",
    members: set[str] | None = None,
    top: int = 10,
    sample: int | None = None,
) -> Table:
    """The ``top`` nodes by ``by`` (of ``members`` only, where given), ties by prefixed name.

    Scores are computed on the whole graph, then filtered, so a class filter does not
    change anyone's score. ``sample`` forces betweenness to be estimated from that many
    sources (default: exact up to EXACT_BETWEENNESS nodes, else SAMPLE).
    """
    import networkx as nx

    simple = entity_view(projection)
    note = None
    scores: dict[str, float]
    if by == "degree":
        scores = {n: projection.degree(n) for n in simple}
        note = "degree: the number of relations (facts between two entities) at each entity"
    elif by == "betweenness":
        n = simple.number_of_nodes()
        k = sample if sample is not None else (SAMPLE if n > EXACT_BETWEENNESS else None)
        if k is not None and k < n:
            scores = betweenness(simple, k=k, seed=SEED)
            note = (
                f"approximation: betweenness estimated from {k} of {n} nodes sampled "
                f"(seed {SEED}); exact up to {EXACT_BETWEENNESS} nodes"
            )
        else:
            scores = betweenness(simple)
            note = "betweenness: exact, normalised to 0–1"
    elif by == "pagerank":
        scores = nx.pagerank(simple, weight="weight")
        note = "pagerank: damping 0.85, edges weighted by their number of facts"
    else:
        raise ValueError(f"unknown measure {by!r}")
    # scores equal but for rounding (summed in another order) tie, broken by prefixed name
    ordered = sorted(
        (n for n in scores if members is None or n in members),
        key=lambda n: (-round(scores[n], 12), projection.nodes[n]["curie"]),
    )
    table = Table(
        "ranking", f"Most central by {by}",
        ("rank", "entity", "label_ko", "label_en", "class", by), note=note,
    )  # fmt: skip
    for i, node in enumerate(ordered[:top], start=1):
        data = projection.nodes[node]
        score = scores[node]
        value: float | int = int(score) if by == "degree" else round(float(score), 6)
        table.rows.append(
            (i, data["curie"], data["label_ko"], data["label_en"], data["class"], value)
        )
    return table


def communities(projection: nx.MultiDiGraph, *, resolution: float = 1.0) -> Table:
    """Groups of closely linked entities by Louvain (seed fixed: the same groups each run),
    largest first; within a group, members by degree, then prefixed name. Entities linked
    to nothing are left out (the note counts them)."""
    import networkx as nx

    simple = entity_view(projection)
    alone = sorted(n for n in simple if simple.degree(n) == 0)
    simple.remove_nodes_from(alone)
    groups = nx.community.louvain_communities(
        simple, weight="weight", resolution=resolution, seed=SEED
    )

    def order(group: set[str]) -> list[str]:
        return sorted(group, key=lambda n: (-projection.degree(n), projection.nodes[n]["curie"]))

    ranked = sorted(
        (order(g) for g in groups), key=lambda m: (-len(m), projection.nodes[m[0]]["curie"])
    )
    table = Table(
        "communities", "Communities (Louvain)",
        ("community", "size", "entity", "label_ko", "label_en", "class"),
        note=f"Louvain, resolution {resolution:g}, seed {SEED}; {len(alone)} entities with "
        "no relation left out",
    )  # fmt: skip
    for i, group in enumerate(ranked, start=1):
        for node in group:
            data = projection.nodes[node]
            table.rows.append(
                (i, len(group), data["curie"], data["label_ko"], data["label_en"], data["class"])
            )
    return table
