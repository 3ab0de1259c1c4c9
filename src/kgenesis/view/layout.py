"""The view's layout: node positions computed in Python, so the same graph gives the same
picture (and the same bytes), and the page opens without running physics."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Iterable


def layout(
    nodes: list[str], edges: Iterable[tuple[str, str]], *, seed: int = 42
) -> dict[str, tuple[int, int]]:
    """Deterministic positions (pixels): Fruchterman-Reingold per component, then packed.

    Pure Python (no numpy), grid-accelerated repulsion, so 5,000 nodes take seconds; the
    same nodes and edges always give the same integers.
    """
    import networkx as nx

    nodes = sorted(nodes)
    adjacent: dict[str, set[str]] = {n: set() for n in nodes}
    for a, b in edges:
        if a != b:
            adjacent[a].add(b)
            adjacent[b].add(a)
    linked = nx.Graph()
    linked.add_nodes_from(nodes)
    linked.add_edges_from((a, b) for a, near in adjacent.items() for b in near)
    comps = [sorted(c) for c in nx.connected_components(linked)]
    comps.sort(key=lambda c: (-len(c), c[0]))
    placed = [_spring(c, adjacent, random.Random(f"{seed}:{c[0]}")) for c in comps]
    # shelf packing of the components' boxes, biggest first
    total = sum((w + 2) * (h + 2) for _, w, h in placed)
    row_limit, x, y, row_h, out = max(math.sqrt(total) * 1.3, 4.0), 0.0, 0.0, 0.0, {}
    for pos, w, h in placed:
        if x > 0 and x + w > row_limit:
            x, y, row_h = 0.0, y + row_h + 2, 0.0
        for n, (px, py) in pos.items():
            out[n] = (round((x + px) * 140), round((y + py) * 140))
        x, row_h = x + w + 2, max(row_h, h)
    return out


def _spring(comp: list[str], adjacent: dict, rng: random.Random) -> tuple[dict, float, float]:
    """Fruchterman-Reingold on one component (ideal edge length 1); positions from (0, 0)."""
    n = len(comp)
    if n == 1:
        return {comp[0]: (0.0, 0.0)}, 0.0, 0.0
    side = math.sqrt(n)
    index = {v: i for i, v in enumerate(comp)}
    xs = [rng.random() * side for _ in comp]
    ys = [rng.random() * side for _ in comp]
    pairs = sorted({(index[a], index[b]) for a in comp for b in adjacent[a] if a < b})
    iterations = 60 if n <= 500 else max(20, 30000 // n)
    temp = side / 8
    for it in range(iterations):
        dx, dy = [0.0] * n, [0.0] * n
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in range(n):
            grid[(int(xs[i] // 2), int(ys[i] // 2))].append(i)
        for (cx, cy), members in grid.items():  # repulsion from nodes closer than 2
            near = [
                j
                for ox in (-1, 0, 1)
                for oy in (-1, 0, 1)
                for j in grid.get((cx + ox, cy + oy), ())
            ]
            for i in members:
                xi, yi, fx, fy = xs[i], ys[i], 0.0, 0.0
                for j in near:
                    ddx, ddy = xi - xs[j], yi - ys[j]
                    dist2 = ddx * ddx + ddy * ddy
                    if dist2 < 4.0 and j != i:
                        if dist2 < 1e-9:
                            ddx, dist2 = 0.01 * (1 if i < j else -1), 1e-4
                        fx += ddx / dist2
                        fy += ddy / dist2
                dx[i] += fx
                dy[i] += fy
        for a, b in pairs:  # attraction along edges
            ddx, ddy = xs[a] - xs[b], ys[a] - ys[b]
            dist = math.sqrt(ddx * ddx + ddy * ddy)
            dx[a] -= ddx * dist
            dy[a] -= ddy * dist
            dx[b] += ddx * dist
            dy[b] += ddy * dist
        step = temp * (1 - it / iterations) + 0.01
        for i in range(n):
            length = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i])
            if length > 0:
                scale = min(length, step) / length
                xs[i] += dx[i] * scale
                ys[i] += dy[i] * scale
    min_x, min_y = min(xs), min(ys)
    out = {v: (xs[i] - min_x, ys[i] - min_y) for v, i in index.items()}
    return out, max(xs) - min_x, max(ys) - min_y
