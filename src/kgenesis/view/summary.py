"""The summary page: what ``kgenesis view`` draws of a graph too large for a browser.

One node per class (its cluster, labelled with its member count: "Person (4,812)"), the
``TOP`` most connected entities drawn as themselves beside their cluster, and between
clusters one edge per pair of classes that facts link, with the number of facts. A click
shows the way in: the exact ``kgenesis view … --focus …`` command to copy (for a cluster,
its ``MEMBERS`` most connected members, each with its command). Built from the census
(``census.py``) alone: no rdflib graph, view model or layout of the whole graph, and
rdflib is never imported.
"""

from __future__ import annotations

import logging
import math
import shlex
from collections import Counter, defaultdict
from collections.abc import Sequence
from operator import itemgetter

from ..prefixes import curie
from ..terms import LANGS
from .census import Census
from .html import DEFAULT_TITLE, page_html, vis_options
from .style import FAMILY, style

log = logging.getLogger(__name__)

#: The most connected entities (by facts, either direction) drawn as themselves.
TOP = 100
#: A cluster's most connected members listed, each with its --focus command.
MEMBERS = 10


def _count(n: int) -> str:
    return f"{n:,}"


def focus_command(files: Sequence[str], entity: str) -> str:
    """The command that draws ``entity``'s neighbourhood, quoted for a POSIX shell."""
    words = ["kgenesis", "view", *files, "--focus", curie(entity)]
    return shlex.join(words)


def summary_data(
    census: Census,
    *,
    files: Sequence[str],
    title: str = DEFAULT_TITLE,
    lang: str = "ko",
    line: int,
) -> dict:
    """The summary page's data: clusters, central entities, aggregated edges (vis-network
    nodes and edges with fixed positions), and for each node its way in."""
    classes = census.classes()
    degree = census.degrees()
    members: dict[str, list[str]] = defaultdict(list)
    ranked: dict[str, list[str]] = defaultdict(list)  # a cluster's MEMBERS most connected
    # most connected first, then by IRI: sorted by IRI, then (stably) by degree, in C
    by_rank = sorted(sorted(classes), key=degree.__getitem__, reverse=True)
    for entity in by_rank:
        cls = classes[entity]
        members[cls].append(entity)
        if len(ranked[cls]) < MEMBERS:
            ranked[cls].append(entity)
    top = by_rank[:TOP]
    order = sorted(members, key=lambda c: (-len(members[c]), c))
    listed = {e for cls in order for e in ranked[cls]} | set(top)
    names = census.names({*order, *listed})
    clusters = []
    vis_nodes: list[dict] = []
    positions = _positions(order, {c: len(members[c]) for c in order}, top, classes)
    for i, cls in enumerate(order):
        look = style(cls, census.superclasses)
        color = FAMILY[look.family].color
        count = len(members[cls])
        text = {code: f"{names[cls][code]} ({_count(count)})" for code in LANGS}
        clusters.append(
            {
                "curie": curie(cls),
                **names[cls],
                "count": count,
                "color": color,
                "shape": look.shape,
                "members": ranked[cls],
            }
        )
        x, y = positions[f"c{i}"]
        vis_nodes.append(
            {
                "id": f"c{i}", "label": text[lang], "x": x, "y": y, "color": color,
                "shape": look.shape, "size": round(14 + 5 * math.log10(1 + count), 1),
                "font": {"size": 18}, "borderWidth": 2,
            }
        )  # fmt: skip
    index = {cls: i for i, cls in enumerate(order)}
    entities = {}
    for entity in sorted(listed):
        entities[entity] = {
            "curie": curie(entity),
            **names[entity],
            "cluster": index[classes[entity]],
            "degree": degree[entity],
            "command": focus_command(files, entity),
        }
    shown = set(top)
    for entity in sorted(top):
        x, y = positions[entity]
        vis_nodes.append(
            {
                "id": entity, "label": names[entity][lang], "x": x, "y": y,
                "color": clusters[index[classes[entity]]]["color"],
                "shape": clusters[index[classes[entity]]]["shape"],
            }
        )  # fmt: skip
    cluster_of = {entity: index[cls] for entity, cls in classes.items()}.__getitem__
    subjects, objects = map(itemgetter(0), census.facts), map(itemgetter(2), census.facts)
    between = Counter(zip(map(cluster_of, subjects), map(cluster_of, objects), strict=True))
    pairs = Counter((s, o) for s, _, o in census.facts if s in shown and o in shown)
    vis_edges: list[dict] = []
    links: list[dict] = []
    for (a, b), n in sorted(between.items()):
        vis_edges.append(
            {
                "id": f"l{len(links)}", "from": f"c{a}", "to": f"c{b}", "label": _count(n),
                "width": round(1 + 1.5 * math.log10(n), 1), "arrows": "to",
            }
        )  # fmt: skip
        links.append({"from": a, "to": b, "count": n})
    for entity in sorted(top):  # each central entity to its cluster
        vis_edges.append(
            {
                "id": f"m{len(vis_edges)}", "from": entity, "to": f"c{index[classes[entity]]}",
                "dashes": True, "color": {"color": "#c8ced6"},
            }
        )  # fmt: skip
    for (s, o), n in sorted(pairs.items()):
        vis_edges.append({"id": f"f{len(vis_edges)}", "from": s, "to": o, "arrows": "to",
                          "title": _count(n)})  # fmt: skip
    log.info("summary: %d clusters, %d entities shown", len(order), len(top))
    return {
        "title": title,
        "lang": lang,
        "summary": {
            "entities": len(classes),
            "facts": len(census.facts),
            "clusters": len(order),
            "top": len(top),
            "line": line,
            "members": MEMBERS,
        },  # fmt: skip
        "clusters": clusters,
        "links": links,
        "entities": entities,
        "vis": {"nodes": vis_nodes, "edges": vis_edges, "options": _options()},
    }


def _positions(
    order: list[str], sizes: dict[str, int], top: list[str], classes: dict[str, str]
) -> dict[str, tuple[int, int]]:
    """Clusters on a circle, largest first, each given an arc as wide as its ring; its
    central entities on that ring around it. Deterministic integers; no physics to run."""
    out: dict[str, tuple[int, int]] = {}
    around: dict[str, list[str]] = defaultdict(list)
    for entity in sorted(top):
        around[classes[entity]].append(entity)
    rings = {c: 90 + 12 * len(around[c]) for c in order}
    room = {c: 2 * rings[c] + 120 for c in order}  # each cluster's share of the circle
    radius = max(250.0, sum(room.values()) / (2 * math.pi))
    start = -math.pi / 2
    for i, cls in enumerate(order):
        angle = start + math.pi * room[cls] / sum(room.values())
        start += 2 * math.pi * room[cls] / sum(room.values())
        cx, cy = radius * math.cos(angle), radius * math.sin(angle)
        out[f"c{i}"] = (round(cx), round(cy))
        group = around[cls]
        for j, entity in enumerate(group):
            a = angle + 2 * math.pi * j / max(1, len(group))
            x, y = cx + rings[cls] * math.cos(a), cy + rings[cls] * math.sin(a)
            out[entity] = (round(x), round(y))
    return out


def render_summary(
    census: Census,
    *,
    files: Sequence[str],
    title: str = DEFAULT_TITLE,
    lang: str = "ko",
    line: int,
    generated_by: str = "kgenesis view",
) -> str:
    """The whole self-contained summary page, as ``page.render_html`` writes a view's."""
    data = summary_data(census, files=files, title=title, lang=lang, line=line)
    return page_html(data, title=title, lang=lang, generated_by=generated_by, script="summary.js")


def _options() -> dict:
    options = vis_options(0, 0)
    options["edges"]["smooth"] = False
    options["edges"]["font"]["size"] = 13
    options["edges"]["scaling"] = {"label": {"drawThreshold": 6}}
    return options
