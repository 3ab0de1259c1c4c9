"""The view's layout: node positions computed in Python, so the same graph gives the same
picture (and the same bytes), and the page opens without running physics.

Made for labelled graphs (issue 11):

1. the **core** (the overview's nodes) is placed first: communities (Louvain, seeded) start
   on a circle, then ForceAtlas2 (networkx) arranges them on a graph that links two core
   nodes when a fact does, directly or through one hidden node;
2. the picture is shrunk until the labels' boxes fill it, then a **label-overlap removal**
   pass pushes apart every pair of boxes that overlap, so labels stay readable at the
   initial fit;
3. the other nodes are placed beside their placed neighbours (breadth first), the
   unlinked ones packed below, and overlaps removed again with the core held still.

Cores of more than ``FORCE_LIMIT`` nodes skip ForceAtlas2, whose networkx version is
quadratic in time and memory, for a grid-accelerated Fruchterman-Reingold in pure Python;
large graphs also start less crowded and get fewer separation rounds (``bench/``).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping

#: A node's label box: width, height, and how far its centre sits below the node's point.
Box = tuple[float, float, float]
DEFAULT_BOX: Box = (60.0, 40.0, 8.0)
#: ForceAtlas2 (networkx, dense numpy: 11 s at 700 nodes) up to this many core nodes;
#: the grid-accelerated Fruchterman-Reingold above.
FORCE_LIMIT = 300
GAP = 10.0  # pixels kept free between two label boxes


def layout(
    nodes: list[str],
    edges: Iterable[tuple[str, str]],
    *,
    boxes: Mapping[str, Box] | None = None,
    core: Iterable[str] | None = None,
    seed: int = 42,
) -> dict[str, tuple[int, int]]:
    """Deterministic positions (pixels) for ``nodes``; the same input, the same integers."""
    nodes = sorted(set(nodes))
    if not nodes:
        return {}
    box = {n: (boxes or {}).get(n, DEFAULT_BOX) for n in nodes}
    adjacent: dict[str, set[str]] = {n: set() for n in nodes}
    for a, b in edges:
        if a != b and a in adjacent and b in adjacent:
            adjacent[a].add(b)
            adjacent[b].add(a)
    inner = sorted(set(core) & set(nodes)) if core is not None else nodes
    inner = inner or nodes
    pos = _place_core(inner, adjacent, box, seed)
    rest = [n for n in nodes if n not in pos]
    if rest:
        _place_rest(rest, adjacent, box, pos, seed)
        _separate(nodes, box, pos, fixed=set(inner))
    return {n: (round(x), round(y)) for n, (x, y) in pos.items()}


def _core_graph(inner: list[str], adjacent: dict[str, set[str]]):  # noqa: ANN202 - nx.Graph
    """Core nodes linked by a fact, or through one node outside the core (weight 1/2)."""
    import networkx as nx

    members = set(inner)
    g = nx.Graph()
    g.add_nodes_from(inner)
    for a in inner:
        for b in sorted(adjacent[a]):
            if b in members and a < b:
                g.add_edge(a, b, weight=1.0)
    for hub in sorted(set(adjacent) - members):
        linked = sorted(adjacent[hub] & members)
        if 2 <= len(linked) <= 12:  # a hub linking everything says nothing about nearness
            for i, a in enumerate(linked):
                for b in linked[i + 1 :]:
                    if not g.has_edge(a, b):
                        g.add_edge(a, b, weight=0.5)
    return g


def _place_core(
    inner: list[str], adjacent: dict[str, set[str]], box: dict[str, Box], seed: int
) -> dict[str, tuple[float, float]]:
    import networkx as nx

    g = _core_graph(inner, adjacent)
    if len(inner) > FORCE_LIMIT:
        raw = _spring_all(inner, {n: set(g[n]) for n in inner}, seed)
    else:
        groups = nx.community.louvain_communities(g, weight="weight", seed=seed)
        groups = sorted((sorted(c) for c in groups), key=lambda c: (-len(c), c[0]))
        rng = random.Random(seed)
        start: dict[str, list[float]] = {}  # lists: networkx copies each with .copy()
        ring = max(1.0, math.sqrt(len(inner)))
        for i, group in enumerate(groups):
            angle = 2 * math.pi * i / max(1, len(groups))
            cx, cy = ring * math.cos(angle), ring * math.sin(angle)
            for n in group:
                start[n] = [cx + rng.uniform(-0.5, 0.5), cy + rng.uniform(-0.5, 0.5)]
        if g.number_of_edges():
            found = nx.forceatlas2_layout(
                g, pos=start, max_iter=300, seed=seed, weight="weight", gravity=2.0,
                scaling_ratio=2.0,
            )  # fmt: skip
            raw = {n: (float(found[n][0]), float(found[n][1])) for n in inner}
        else:
            raw = {n: (p[0], p[1]) for n, p in start.items()}
    pos = _fill(raw, box)
    _separate(inner, box, pos, fixed=set())
    return pos


def _fill(
    raw: dict[str, tuple[float, float]], box: dict[str, Box]
) -> dict[str, tuple[float, float]]:
    """Scale the raw layout to an area about the size of its label boxes (they will overlap;
    the separation pass spreads them just enough), with a screen-like aspect ratio."""
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    w, h = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    area = sum((b[0] + GAP) * (b[1] + GAP) for n, b in box.items() if n in raw)
    room = 1.0 if len(raw) <= FORCE_LIMIT else 2.5  # large: less to separate
    target_w = math.sqrt(area * room * 1.4)
    target_h = target_w / 1.4
    sx, sy = target_w / w, target_h / h
    return {n: ((x - min(xs)) * sx, (y - min(ys)) * sy) for n, (x, y) in raw.items()}


def _separate(
    nodes: Iterable[str],
    box: dict[str, Box],
    pos: dict[str, tuple[float, float]],
    *,
    fixed: set[str],
    rounds: int | None = None,
) -> None:
    """Push apart every two label boxes that overlap (with GAP between), along the axis
    where they overlap least; nodes in ``fixed`` do not move. Candidate pairs come from a
    k-d tree (scipy), the pushes are summed with numpy: 10^4 nodes take seconds."""
    import numpy as np
    from scipy.spatial import cKDTree

    names = sorted(n for n in nodes if n in pos)
    if len(names) < 2:
        return
    if rounds is None:  # a large graph starts less crowded (_fill) and gets fewer rounds
        rounds = 400 if len(names) <= 2000 else max(30, 400_000 // len(names))
    xy = np.array([pos[n] for n in names], dtype=float)
    size = np.array([box[n] for n in names], dtype=float)  # width, height, centre below
    still = np.array([n in fixed for n in names])
    if still.all():
        return
    reach = float(max(size[:, 0].max(), size[:, 1].max()) + GAP)
    for _ in range(rounds):
        centre = xy + np.column_stack([np.zeros(len(names)), size[:, 2]])
        pairs = cKDTree(centre).query_pairs(reach, p=np.inf, output_type="ndarray")
        if not len(pairs):
            break
        a, b = pairs[:, 0], pairs[:, 1]
        delta = centre[a] - centre[b]
        ox = (size[a, 0] + size[b, 0]) / 2 + GAP - np.abs(delta[:, 0])
        oy = (size[a, 1] + size[b, 1]) / 2 + GAP - np.abs(delta[:, 1])
        hit = (ox > 0) & (oy > 0) & ~(still[a] & still[b])
        if not hit.any():
            break
        a, b, delta, ox, oy = a[hit], b[hit], delta[hit], ox[hit], oy[hit]
        share_a = np.where(still[a], 0.0, np.where(still[b], 1.0, 0.5))
        share_b = 1.0 - share_a
        # ties (same point) broken by index, so the same input always moves the same way
        sx = np.where(delta[:, 0] != 0, np.sign(delta[:, 0]), np.where(a > b, 1.0, -1.0))
        sy = np.where(delta[:, 1] != 0, np.sign(delta[:, 1]), np.where(a > b, 1.0, -1.0))
        along_x = ox / (size[a, 0] + size[b, 0]) < oy / (size[a, 1] + size[b, 1])
        push = np.zeros((len(a), 2))
        push[along_x, 0] = sx[along_x] * ox[along_x]
        push[~along_x, 1] = sy[~along_x] * oy[~along_x]
        shift = _sum_at(
            len(names), [a, b], [push * share_a[:, None], -push * share_b[:, None]]
        )
        shift[still] = 0.0
        xy += shift * 0.6
    for i, n in enumerate(names):
        pos[n] = (float(xy[i, 0]), float(xy[i, 1]))


def _place_rest(
    rest: list[str],
    adjacent: dict[str, set[str]],
    box: dict[str, Box],
    pos: dict[str, tuple[float, float]],
    seed: int,
) -> None:
    """Each remaining node beside its placed neighbours (breadth first from the core); nodes
    no placed node reaches are laid out on their own and put below."""
    rng = random.Random(f"{seed}:rest")
    todo = set(rest)
    done = set(pos)  # kept as nodes are placed: rebuilding it per node was quadratic
    frontier = sorted(n for n in todo if adjacent[n] & done)
    while frontier:
        for n in frontier:
            placed = sorted(adjacent[n] & done)
            cx = sum(pos[m][0] for m in placed) / len(placed)
            cy = sum(pos[m][1] for m in placed) / len(placed)
            angle = rng.uniform(0, 2 * math.pi)
            reach = 60.0 + box[n][0] / 2
            pos[n] = (cx + reach * math.cos(angle), cy + reach * math.sin(angle))
            done.add(n)
            todo.discard(n)
        frontier = sorted(n for n in todo if adjacent[n] & done)
    if todo:
        lonely = sorted(todo)
        raw = _spring_all(lonely, {n: adjacent[n] & todo for n in lonely}, seed)
        placed_box = _bbox(pos, box) if pos else (0.0, 0.0, 0.0, 0.0)
        part = _fill(raw, {n: box[n] for n in lonely})
        top = placed_box[3] + 80.0
        for n, (x, y) in part.items():
            pos[n] = (placed_box[0] + x, top + y)


def _bbox(
    pos: dict[str, tuple[float, float]], box: dict[str, Box]
) -> tuple[float, float, float, float]:
    return (
        min(pos[n][0] - box[n][0] / 2 for n in pos),
        min(pos[n][1] + box[n][2] - box[n][1] / 2 for n in pos),
        max(pos[n][0] + box[n][0] / 2 for n in pos),
        max(pos[n][1] + box[n][2] + box[n][1] / 2 for n in pos),
    )


def _spring_all(
    nodes: list[str], adjacent: Mapping[str, set[str]], seed: int
) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold per connected component (networkx finds them), then packed."""
    import networkx as nx

    linked = nx.Graph()
    linked.add_nodes_from(nodes)
    linked.add_edges_from((a, b) for a in nodes for b in adjacent[a] if b in adjacent)
    comps = [sorted(c) for c in nx.connected_components(linked)]
    comps.sort(key=lambda c: (-len(c), c[0]))
    placed = [_spring(c, adjacent, random.Random(f"{seed}:{c[0]}")) for c in comps]
    total = sum((w + 2) * (h + 2) for _, w, h in placed)
    row_limit, x, y, row_h = max(math.sqrt(total) * 1.3, 4.0), 0.0, 0.0, 0.0
    out: dict[str, tuple[float, float]] = {}
    for p, w, h in placed:
        if x > 0 and x + w > row_limit:
            x, y, row_h = 0.0, y + row_h + 2, 0.0
        for n, (px, py) in p.items():
            out[n] = (x + px, y + py)
        x, row_h = x + w + 2, max(row_h, h)
    return out


def _spring(
    comp: list[str], adjacent: Mapping[str, set[str]], rng: random.Random
) -> tuple[dict, float, float]:
    """Fruchterman-Reingold on one component (ideal edge length 1); positions from (0, 0).
    Repulsion only between nodes closer than 2 (pairs from a k-d tree), numpy sums."""
    import numpy as np
    from scipy.spatial import cKDTree

    n = len(comp)
    if n == 1:
        return {comp[0]: (0.0, 0.0)}, 0.0, 0.0
    side = math.sqrt(n)
    index = {v: i for i, v in enumerate(comp)}
    xy = np.array([[rng.random() * side, rng.random() * side] for _ in comp])
    links = np.array(
        sorted({(index[a], index[b]) for a in comp for b in adjacent[a] if b in index and a < b}),
        dtype=int,
    ).reshape(-1, 2)
    iterations = 60 if n <= 500 else max(30, 30000 // n)
    temp = side / 8
    for it in range(iterations):
        at: list = []  # indices, and the pushes to add there, summed at the end (_sum_at)
        push: list = []
        pairs = cKDTree(xy).query_pairs(2.0, output_type="ndarray")
        if len(pairs):
            i, j = pairs[:, 0], pairs[:, 1]
            d = xy[i] - xy[j]
            dist2 = (d * d).sum(axis=1)
            same = dist2 < 1e-9
            d[same] = np.column_stack(
                [np.where(i[same] < j[same], 0.01, -0.01), np.zeros(same.sum())]
            )
            dist2 = np.maximum(dist2, 1e-4)
            force = d / dist2[:, None]
            at += [i, j]
            push += [force, -force]
        if len(links):
            a, b = links[:, 0], links[:, 1]
            d = xy[a] - xy[b]
            dist = np.sqrt((d * d).sum(axis=1))[:, None]
            at += [a, b]
            push += [-d * dist, d * dist]
        disp = _sum_at(n, at, push)
        step = temp * (1 - it / iterations) + 0.01
        length = np.sqrt((disp * disp).sum(axis=1))
        scale = np.where(length > 0, np.minimum(length, step) / np.where(length > 0, length, 1), 0)
        xy += disp * scale[:, None]
    xy -= xy.min(axis=0)
    out = {v: (float(xy[i, 0]), float(xy[i, 1])) for v, i in index.items()}
    return out, float(xy[:, 0].max()), float(xy[:, 1].max())


def _sum_at(n: int, at: list, push: list):  # noqa: ANN202 - numpy array
    """``np.add.at`` of each push at its indices, in order, onto an (n, 2) array of zeros,
    by ``np.bincount``: the same additions in the same order (so the same floats and the
    same pixels), ten times faster at 10^4 nodes than ``ufunc.at``."""
    import numpy as np

    if not at:
        return np.zeros((n, 2))
    index = np.concatenate(at)
    values = np.concatenate(push)
    return np.column_stack(
        [np.bincount(index, weights=values[:, k], minlength=n) for k in (0, 1)]
    )
