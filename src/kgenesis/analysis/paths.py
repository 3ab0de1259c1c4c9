"""``kgenesis path A B``: the shortest chains of facts linking two entities, with evidence.

Paths run over the projection's entities and details, in either direction of a fact (a
chain "A chairs B, C spoke at B" links A and C). Every shortest path is found, then
sorted by the prefixed names along it, so the CLI and the HTML view (which sorts the same
way) list the same paths in the same order.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import URIRef

from ..errors import UsageError
from . import PATHS_SHOWN
from .facts import Quote, read_quote
from .projection import entity_view

if TYPE_CHECKING:
    import networkx as nx

    from .triples import Readable

_ENUMERATED = 1000


@dataclass(frozen=True)
class Step:
    """One fact along a path: subject, property, object (node ids) and its evidence."""

    subject: str
    prop: str  # the property's prefixed name (the edge key)
    obj: str
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Paths:
    """The shortest paths between two nodes: each a list of hops, each hop the facts
    linking two consecutive nodes (usually one)."""

    start: str
    end: str
    length: int
    paths: list[list[list[Step]]]
    total: int  # how many shortest paths there are (up to _ENUMERATED)


def path_key(curies: list[str]) -> str:
    """How paths are ordered, here and in the view's script: the prefixed names along the
    path joined by NUL, compared code unit by code unit."""
    return "\x00".join(curies)


def shortest_paths(
    graph: Readable, projection: nx.MultiDiGraph, start: URIRef, end: URIRef, *, max_hops: int
) -> Paths | None:
    """The shortest paths from ``start`` to ``end`` of at most ``max_hops`` facts, or None."""
    import networkx as nx

    a, b = str(start), str(end)
    if a == b:
        raise UsageError("path: both ends are the same entity")
    simple = entity_view(projection)
    for node in (a, b):
        if node not in simple:
            data = projection.nodes[node]
            raise UsageError(
                f"path: {data['curie']} ({data['label_ko']} / {data['label_en']}) is named only "
                "by source metadata (a publisher); no fact links it to an entity"
            )
    reach = nx.single_source_shortest_path_length(simple, a, cutoff=max_hops)
    if b not in reach:
        return None
    found = list(itertools.islice(nx.all_shortest_paths(simple, a, b), _ENUMERATED))
    name = {n: projection.nodes[n]["curie"] for p in found for n in p}
    found.sort(key=lambda p: path_key([name[n] for n in p]))
    quotes: dict[str, Quote] = {}

    def hop(u: str, v: str) -> list[Step]:
        steps = []
        for s, o in ((u, v), (v, u)):
            for key, data in sorted((projection.get_edge_data(s, o) or {}).items()):
                refs = [q for q in data.get("evidence", "").split() if q]
                for q in refs:
                    if q not in quotes:
                        quotes[q] = read_quote(graph, URIRef(q))
                steps.append(Step(s, key, o, tuple(quotes[q] for q in refs)))
        return steps

    shown = [[hop(u, v) for u, v in itertools.pairwise(p)] for p in found[:PATHS_SHOWN]]
    return Paths(a, b, reach[b], shown, len(found))


def render_text(projection: nx.MultiDiGraph, result: Paths, lang: str) -> str:
    """The paths as numbered sentences, each with its quotes and their sources."""
    label = f"label_{lang}"
    nodes = projection.nodes
    count = f"{result.total} shortest path{'s' if result.total != 1 else ''}"
    if result.total > len(result.paths):
        count += f", the first {len(result.paths)} shown"
    lines = [
        f"{nodes[result.start][label]} → {nodes[result.end][label]}: "
        f"{result.length} step{'s' if result.length != 1 else ''} ({count})"
    ]
    for i, path in enumerate(result.paths, start=1):
        lines.append("")
        lines.append(f"Path {i}")
        for j, hop in enumerate(path, start=1):
            for k, step in enumerate(hop):
                edge = projection.get_edge_data(step.subject, step.obj)[step.prop]
                mark = f"{j}." if k == 0 else "  "
                lines.append(
                    f"  {mark} {nodes[step.subject][label]} — {edge[label]} → "
                    f"{nodes[step.obj][label]}  ({nodes[step.subject]['curie']} {step.prop} "
                    f"{nodes[step.obj]['curie']})"
                )
                if not step.quotes:
                    lines.append("       (no evidence recorded)")
                for quote in step.quotes:
                    lines.append(f"       “{' '.join(quote.text.split())}”")
                    lines.append(f"       — {cite(quote)}")
    return "\n".join(lines) + "\n"


def cite(quote: Quote) -> str:
    """Where a quote comes from: each source's publisher, title, date and address, then the
    quote's locator."""
    parts = []
    for src in quote.sources:
        bits = [b for b in (src.publisher_en, src.name, src.date, src.address) if b]
        parts.append(", ".join(bits))
    where = "; ".join(parts) or quote.quoted_from
    return f"{where} ({quote.locator})" if quote.locator else where


def as_json(projection: nx.MultiDiGraph, result: Paths | None, start: str, end: str) -> dict:
    """The paths as JSON-ready data (``--format json``)."""
    if result is None:
        return {"from": start, "to": end, "paths": []}
    nodes = projection.nodes

    def node(n: str) -> dict:
        return {
            "iri": n,
            "curie": nodes[n]["curie"],
            "ko": nodes[n]["label_ko"],
            "en": nodes[n]["label_en"],
        }

    return {
        "from": node(result.start),
        "to": node(result.end),
        "length": result.length,
        "total": result.total,
        "paths": [
            [
                [
                    {
                        "subject": node(s.subject),
                        "property": s.prop,
                        "object": node(s.obj),
                        "evidence": [
                            {"quote": q.text, "locator": q.locator, "cite": cite(q), "iri": q.iri}
                            for q in s.quotes
                        ],
                    }
                    for s in hop
                ]
                for hop in path
            ]
            for path in result.paths
        ],
    }
