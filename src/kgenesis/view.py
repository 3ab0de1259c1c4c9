"""The interactive HTML view: graph → view model (entities, facts, evidence) → one page.

Nodes are the graph's entities; literals, helper nodes (time instants, intervals) and the
evidence bookkeeping (rdf:Statement, kgo:Quote, source documents) become details of the
entities instead. pyvis builds the vis-network nodes, edges and options; the page itself is
our own template (``kgenesis/viewassets/``) with vis-network inlined, so it makes no network
request, and every piece of data travels as escaped JSON and reaches the DOM as text only.
"""

from __future__ import annotations

import html
import json
import logging
import math
import random
import re
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SH, SKOS, TIME
from rdflib.term import Node

from .errors import UsageError
from .namespaces import KGO, PREFIXES, SCHEMA
from .prefixes import shorten
from .terms import pick_text

log = logging.getLogger(__name__)

LANGS = ("ko", "en")
DEFAULT_TITLE = "kgenesis"
#: Above this many nodes ``kgenesis view`` refuses unless ``--force`` (see commands/view.py).
LARGE_VIEW = 2000
VIS_DIR = "vis-9.1.2"

#: Classes whose instances are bookkeeping or vocabulary, never nodes of the view.
#: Classes whose instances appear in the details of the entity that points to them: a
#: target's number, unit and deadline belong to its measure, not to a loose node.
_INLINE = frozenset({KGO.QuantitativeTarget})

_BOOKKEEPING = frozenset(
    {
        RDF.Statement, RDF.Property, RDFS.Class, RDFS.Datatype, KGO.Quote, KGO.SourceDocument,
        OWL.Class, OWL.Ontology, OWL.ObjectProperty, OWL.DatatypeProperty,
        OWL.AnnotationProperty, OWL.FunctionalProperty, OWL.TransitiveProperty,
        OWL.SymmetricProperty, OWL.InverseFunctionalProperty, OWL.Restriction,
        SH.NodeShape, SH.PropertyShape, TIME.Instant, TIME.Interval, TIME.ProperInterval,
        TIME.TemporalEntity, TIME.DateTimeDescription, TIME.Duration,
    }
)  # fmt: skip
#: Types that say nothing about what an entity is (ignored when picking its class).
_UNINFORMATIVE = frozenset({OWL.NamedIndividual, OWL.Thing, RDFS.Resource})
_LABELS = (RDFS.label, SKOS.prefLabel)
_PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#6b6ecf", "#17becf", "#8c8c3c",
)  # fmt: skip
_SHAPES = ("dot", "diamond", "square", "triangle", "star", "triangleDown", "hexagon")
_FONT = "Noto Sans CJK KR, Noto Sans KR, Apple SD Gothic Neo, Malgun Gothic, sans-serif"


@dataclass(frozen=True)
class Selection:
    """What to draw: these entities, and the facts (s, p, o) between them."""

    nodes: frozenset[URIRef]
    edges: frozenset[tuple[URIRef, URIRef, URIRef]]


def curie(iri: URIRef | str) -> str:
    """``kg:bae-kyunghoon`` for a bound namespace, else ``<iri>`` (``prefixes.shorten``)."""
    return shorten(str(iri))


def labels(graph: Graph, term: URIRef) -> dict[str, str]:
    """Korean and English labels of ``term`` (rdfs:label, then skos:prefLabel), with fallbacks."""
    found: dict[str, str | None] = {lang: None for lang in LANGS}
    plain: str | None = None
    for prop in _LABELS:
        values = list(graph.objects(term, prop))
        for lang in LANGS:
            found[lang] = found[lang] or pick_text(values, lang)
        untagged = sorted(str(v) for v in values if isinstance(v, Literal) and not v.language)
        plain = plain or (untagged[0] if untagged else None)
    fallback = found["ko"] or found["en"] or plain or curie(term)
    return {lang: found[lang] or plain or fallback for lang in LANGS}


class _Model:
    """The view model of one graph: which terms are entities, their labels and evidence."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        bookkeeping = set(_BOOKKEEPING)
        todo = [KGO.SourceDocument]
        while todo:  # rdfs:subClassOf* kgo:SourceDocument
            for sub in graph.subjects(RDFS.subClassOf, todo.pop()):
                if isinstance(sub, URIRef) and sub not in bookkeeping:
                    bookkeeping.add(sub)
                    todo.append(sub)
        self.entities: dict[URIRef, list[URIRef]] = {}
        #: Shown inside the details of what points to them (a measure's target), not as nodes.
        self.inline: set[URIRef] = set()
        for s in set(graph.subjects(RDF.type, None)):
            if not isinstance(s, URIRef) or str(s).startswith(str(KGO)):
                continue
            types = sorted(t for t in graph.objects(s, RDF.type) if isinstance(t, URIRef))
            if _INLINE.intersection(types):
                self.inline.add(s)
            elif types and not bookkeeping.intersection(types):
                self.entities[s] = types
        #: Entities that sources name (a publisher) but that no fact links to another entity.
        self.evidence_only = {
            e
            for e in self.entities
            if any(
                isinstance(s, URIRef | BNode)
                and bookkeeping.intersection(graph.objects(s, RDF.type))
                for s in graph.subjects(None, e)
            )
            and not any(o in self.entities for o in graph.objects(e, None))
            and not any(s in self.entities for s in graph.subjects(None, e))
        }
        self._labels: dict[URIRef, dict[str, str]] = {}
        self.evidence: dict[tuple, list[dict]] = defaultdict(list)
        for st in sorted(set(graph.subjects(RDF.type, RDF.Statement)), key=str):
            key = tuple(graph.value(st, p) for p in (RDF.subject, RDF.predicate, RDF.object))
            for quote in sorted(graph.objects(st, PROV.wasDerivedFrom), key=str):
                if isinstance(quote, URIRef | BNode):
                    self.evidence[key].append(self._quote(quote))

    def label(self, term: URIRef) -> dict[str, str]:
        if term not in self._labels:
            self._labels[term] = labels(self.graph, term)
        return self._labels[term]

    def primary_class(self, entity: URIRef) -> URIRef:
        """The most telling class: a kgo: class first, then any other, sorted by IRI."""
        types = [t for t in self.entities[entity] if t not in _UNINFORMATIVE] or self.entities[
            entity
        ]
        ours = [t for t in types if str(t).startswith(str(KGO))]
        return (ours or types)[0]

    def _quote(self, quote: URIRef | BNode) -> dict:
        """A quote and every source document it cites (sorted: the page bytes stay stable)."""
        g = self.graph
        texts = list(g.objects(quote, KGO.quoteText))
        entry: dict = {
            "quote": pick_text(texts, "ko") or pick_text(texts, "en") or _first(texts),
            "locator": _first(g.objects(quote, KGO.locator)),
            "sources": [
                self._source(doc) for doc in sorted(g.objects(quote, DCTERMS.source), key=str)
            ],
        }
        return entry

    def _source(self, doc: Node) -> dict:
        g = self.graph
        titles = list(g.objects(doc, DCTERMS.title))
        publishers = sorted(p for p in g.objects(doc, DCTERMS.publisher) if isinstance(p, URIRef))
        url = _first(g.objects(doc, SCHEMA.url))
        return {
            "title": pick_text(titles, "ko") or pick_text(titles, "en") or _first(titles),
            "publisher": self.label(publishers[0]) if publishers else None,
            "date": _first(g.objects(doc, DCTERMS.issued)),
            "url": url if url and re.match(r"https?://", url) else None,
            "address": url,
        }

    def value(self, obj: object, drawn: frozenset[URIRef], depth: int = 0) -> dict:
        """One property value for the details panel (helper nodes nested, a few levels deep)."""
        if isinstance(obj, Literal):
            out = {"t": "lit", "text": str(obj)}
            if obj.language:
                out["lang"] = obj.language
            elif obj.datatype is not None:
                out["dt"] = curie(obj.datatype)
            return out
        if isinstance(obj, URIRef) and obj in drawn:
            return {"t": "node", "id": str(obj)}
        if isinstance(obj, URIRef) and obj in self.inline and depth < 2:
            return {"t": "nested", "facts": self.facts(obj, drawn, depth + 1)}
        labelled = isinstance(obj, URIRef) and any(
            self.graph.value(obj, p) is not None for p in _LABELS
        )
        if isinstance(obj, URIRef) and (obj in self.entities or labelled or depth >= 2):
            return {"t": "iri", "curie": curie(obj), **self.label(obj)}
        facts = [] if depth >= 2 else self.facts(obj, drawn, depth + 1)  # type: ignore[arg-type]
        if isinstance(obj, URIRef) and not facts:
            return {"t": "iri", "curie": curie(obj), **self.label(obj)}
        return {"t": "nested", "facts": facts}

    def facts(self, subject: URIRef | BNode, drawn: frozenset[URIRef], depth: int = 0) -> list:
        """Every property and value of ``subject``, each with its evidence, sorted."""
        rows = []
        for p, o in self.graph.predicate_objects(subject):
            fact = {"p": curie(str(p)), "v": self.value(o, drawn, depth)}
            ev = self.evidence.get((subject, p, o))
            if ev:
                fact["ev"] = sorted(ev, key=_dumps)
            rows.append(fact)
        return sorted(rows, key=_dumps)


def _first(values: Iterable[object]) -> str | None:
    found = sorted(str(v) for v in values)
    return found[0] if found else None


def _dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def select(
    graph: Graph,
    *,
    focus: URIRef | None = None,
    depth: int = 1,
    construct: Graph | None = None,
) -> Selection:
    """The entities and facts to draw: all, a neighbourhood, or a CONSTRUCT result's."""
    return _select(_Model(graph), focus=focus, depth=depth, construct=construct)


def _select(
    model: _Model, *, focus: URIRef | None, depth: int, construct: Graph | None
) -> Selection:
    # .triples(), never plain iteration: a TriG/N-Quads input is a Dataset, which yields quads
    source = construct if construct is not None else model.graph
    facts = {
        (s, p, o)
        for s, p, o in source.triples((None, None, None))
        if p != RDF.type and s in model.entities and o in model.entities
    }
    nodes: set[Any]  # URIRefs: entities are named
    if construct is not None:
        nodes = {
            t
            for s, _, o in construct.triples((None, None, None))
            for t in (s, o)
            if t in model.entities
        }
    elif focus is not None:
        if focus not in model.entities:
            raise UsageError(f"{curie(focus)} is not an entity of the graph")
        nodes = _neighbourhood(focus, facts, depth)
    else:  # the overview leaves out what only evidence metadata names (publishers)
        nodes = set(model.entities) - model.evidence_only
    edges = {f for f in facts if f[0] in nodes and f[2] in nodes}
    return Selection(frozenset(nodes), frozenset(edges))  # type: ignore[arg-type]


def _neighbourhood(start: URIRef, facts: set, depth: int) -> set[URIRef]:
    adjacent: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, _, o in facts:
        adjacent[s].add(o)
        adjacent[o].add(s)
    seen, frontier = {start}, deque([(start, 0)])
    while frontier:
        node, dist = frontier.popleft()
        if dist < depth:
            for nxt in sorted(adjacent[node] - seen):
                seen.add(nxt)
                frontier.append((nxt, dist + 1))
    return seen


def resolve_entity(graph: Graph, text: str) -> URIRef:
    """An entity named by IRI (``<…>`` or absolute), prefixed name, or Korean/English label."""
    model = _Model(graph)
    text = text.strip()
    iri: URIRef | None = None
    if text.startswith("<") and text.endswith(">"):
        iri = URIRef(text[1:-1])
    elif re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        iri = URIRef(text)
    elif ":" in text and text.split(":", 1)[0] in PREFIXES:
        prefix, local = text.split(":", 1)
        iri = URIRef(str(PREFIXES[prefix]) + local)
    if iri is not None and iri in model.entities:
        return iri
    wanted = text.casefold()
    exact, partial = [], []
    for entity in sorted(model.entities):
        names = {
            str(v).casefold()
            for p in (*_LABELS, SKOS.altLabel)
            for v in graph.objects(entity, p)
            if isinstance(v, Literal)
        }
        if wanted in names:
            exact.append(entity)
        elif any(wanted in n for n in names):
            partial.append(entity)
    if len(exact) == 1:
        return exact[0]  # a label that looks like an IRI (<img …>) still names its entity
    if iri is not None:
        raise UsageError(f"--focus {text}: {curie(iri)} is not an entity of the graph")
    if exact:
        several = ", ".join(curie(e) for e in exact[:10])
        raise UsageError(f"--focus {text}: several entities have this label ({several}); pick one")
    hint = f"; did you mean {', '.join(curie(e) for e in partial[:10])}?" if partial else ""
    raise UsageError(f"--focus {text}: no entity has this label{hint}")


def layout(
    nodes: list[str], edges: Iterable[tuple[str, str]], *, seed: int = 42
) -> dict[str, tuple[int, int]]:
    """Deterministic positions (pixels): Fruchterman-Reingold per component, then packed.

    Pure Python (no numpy), grid-accelerated repulsion, so 5,000 nodes take seconds; the
    same nodes and edges always give the same integers.
    """
    nodes = sorted(nodes)
    adjacent: dict[str, set[str]] = {n: set() for n in nodes}
    for a, b in edges:
        if a != b:
            adjacent[a].add(b)
            adjacent[b].add(a)
    comps, seen = [], set()
    for n in nodes:
        if n not in seen:
            comp, todo = [], [n]
            seen.add(n)
            while todo:
                cur = todo.pop()
                comp.append(cur)
                for nxt in sorted(adjacent[cur] - seen):
                    seen.add(nxt)
                    todo.append(nxt)
            comps.append(sorted(comp))
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


def view_data(
    graph: Graph,
    *,
    title: str = DEFAULT_TITLE,
    lang: str = "ko",
    selection: Selection | None = None,
) -> dict:
    """The page's data: vis-network nodes/edges/options (made by pyvis) plus details."""
    from pyvis.network import Network

    if lang not in LANGS:
        raise UsageError(f"language {lang!r} is not one of {', '.join(LANGS)}")
    model = _Model(graph)
    sel = selection or _select(model, focus=None, depth=0, construct=None)
    drawn = sel.nodes
    class_ids = sorted({model.primary_class(e) for e in drawn}, key=str)
    classes: list[dict[str, Any]] = []
    for i, cls in enumerate(class_ids):
        count = sum(1 for e in drawn if model.primary_class(e) == cls)
        classes.append(
            {
                "curie": curie(cls),
                **model.label(cls),
                "color": _PALETTE[i % len(_PALETTE)],
                "shape": _SHAPES[i % len(_SHAPES)],
                "count": count,
            }
        )
    index = {cls: i for i, cls in enumerate(class_ids)}
    ordered = sorted(drawn, key=str)
    edges = sorted(sel.edges, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    positions = layout([str(e) for e in ordered], [(str(s), str(o)) for s, _, o in edges])
    net = Network(directed=True, cdn_resources="remote", height="100%", width="100%")
    nodes: dict[str, dict] = {}
    for entity in ordered:
        style = classes[index[model.primary_class(entity)]]
        names = model.label(entity)
        alts = sorted(
            str(v) for v in graph.objects(entity, SKOS.altLabel) if isinstance(v, Literal)
        )
        x, y = positions[str(entity)]
        tooltip = f"{style['ko']} · {style['en']}\n{names['ko']}\n{names['en']}"
        net.add_node(
            str(entity), label=names[lang], title=tooltip, x=x, y=y,
            color=style["color"], shape=style["shape"],
        )  # fmt: skip
        nodes[str(entity)] = {
            "curie": curie(entity),
            **names,
            "alt": alts,
            "cls": index[model.primary_class(entity)],
            "types": [curie(t) for t in model.entities[entity]],
            "facts": model.facts(entity, drawn),
            "in": [],
        }
    props: dict[str, dict[str, str]] = {}
    edge_facts = []
    for i, (s, p, o) in enumerate(edges):
        name = model.label(p)
        props[curie(p)] = name
        net.add_edge(
            str(s), str(o), id=f"e{i}", label=name[lang], title=f"{name['ko']} · {name['en']}"
        )
        ev = sorted(model.evidence.get((s, p, o), []), key=_dumps)
        fact = {"p": curie(p), "from": str(s), "ev": ev}
        nodes[str(o)]["in"].append(fact)
        edge_facts.append(fact)
    for node in nodes.values():
        for fact in node["facts"]:
            props.setdefault(fact["p"], model.label(_expand(fact["p"])))
            _collect_props(fact["v"], props, model)
    net.options = _options(len(ordered), len(edges))
    vis_nodes, vis_edges, _, _, _, options = net.get_network_data()
    log.info("view: %d nodes, %d edges, %d classes", len(vis_nodes), len(vis_edges), len(classes))
    return {
        "title": title,
        "lang": lang,
        "classes": classes,
        "props": dict(sorted(props.items())),
        "nodes": nodes,
        "edges": edge_facts,
        "vis": {"nodes": vis_nodes, "edges": vis_edges, "options": json.loads(options)},
    }


def _collect_props(value: dict, props: dict, model: _Model) -> None:
    for fact in value.get("facts", ()):
        props.setdefault(fact["p"], model.label(_expand(fact["p"])))
        _collect_props(fact["v"], props, model)


def _expand(name: str) -> URIRef:
    if name.startswith("<"):
        return URIRef(name[1:-1])
    prefix, local = name.split(":", 1)
    return URIRef(str(PREFIXES[prefix]) + local)


def _options(n_nodes: int, n_edges: int) -> dict:
    """vis-network options: physics off (positions are precomputed), light edges when large."""
    large = n_nodes + n_edges > 3000
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large},
        "nodes": {"size": 12, "font": {"size": 14, "face": _FONT}, "borderWidth": 1},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9aa5b1", "highlight": "#333333", "hover": "#555555"},
            "font": {"size": 11, "face": _FONT, "color": "#555555", "strokeWidth": 3},
            "smooth": False if large else {"enabled": True, "type": "curvedCW", "roundness": 0.08},
            "width": 1,
        },
    }


def embed_json(data: object) -> str:
    """JSON safe inside ``<script type="application/json">``: ``<``, ``>``, ``&`` escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, code)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _asset(name: str) -> str:
    return resources.files("kgenesis").joinpath("viewassets", name).read_text("utf-8")


def _vis(name: str) -> str:
    return resources.files("pyvis").joinpath("templates", "lib", VIS_DIR, name).read_text("utf-8")


def render_html(
    graph: Graph,
    *,
    title: str = DEFAULT_TITLE,
    lang: str = "ko",
    selection: Selection | None = None,
    generated_by: str = "kgenesis view",
) -> str:
    """The whole self-contained page (vis-network, styles, data and script inline) as a str."""
    data = view_data(graph, title=title, lang=lang, selection=selection)
    command = re.sub(r"-{2,}", "-", generated_by.replace("<", "(").replace(">", ")"))
    parts = {
        "GENERATED": f"Generated by `{command}`. Do not edit: regenerate it with that command.",
        "LANG": lang,
        "TITLE": html.escape(title, quote=True),
        "VIS_CSS": _vis("vis-network.css"),
        "VIEW_CSS": _asset("view.css"),
        "VIS_JS": _vis("vis-network.min.js"),
        "DATA": embed_json(data),
        "VIEW_JS": _asset("view.js"),
    }
    for key in ("VIS_CSS", "VIEW_CSS", "VIS_JS", "VIEW_JS"):
        if re.search(r"</(script|style)", parts[key], re.IGNORECASE):
            raise RuntimeError(f"asset {key} contains a closing tag and cannot be inlined")
    page = re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], _asset("page.html"))
    return page
