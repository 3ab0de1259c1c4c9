"""The view's page data: vis-network nodes, edges and options (in pyvis's shape) plus each
entity's details; ``html`` puts them in the self-contained page (our own template with
vis-network inlined, so it makes no network request; every piece of data travels as
escaped JSON and reaches the DOM as text only).
"""

from __future__ import annotations

import logging
import math
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from ..analysis import PATH_MAX, PATHS_SHOWN
from ..errors import UsageError
from ..graph.namespaces import PREFIXES
from .html import DEFAULT_TITLE, FONT_SIZE, NODE_SIZE, WRAP, page_html, vis_options
from .layout import layout
from .model import LANGS, Selection, _dumps, _Model, _select, curie
from .style import FAMILIES, FAMILY, in_graph, style

log = logging.getLogger(__name__)


def label_box(text: str) -> tuple[float, float, float]:
    """The box a node and its label take (width, height, centre below the node), as the page
    draws them: the label under the shape, wrapped at WRAP pixels; a terminal cell is about
    half an em (Hangul two cells), so ``cell_width`` measures the text."""
    from ..sparql.results import cell_width

    cells = cell_width(text)
    px = cells * FONT_SIZE * 0.55
    lines = max(1, math.ceil(px / WRAP)) if px > WRAP else 1
    width = max(min(px, WRAP) if lines == 1 else WRAP, 2.0 * NODE_SIZE)
    height = 2 * NODE_SIZE + 4 + lines * FONT_SIZE * 1.25
    return (width, height, height / 2 - NODE_SIZE)


def view_data(
    graph: Graph,
    *,
    title: str = DEFAULT_TITLE,
    lang: str = "ko",
    selection: Selection | None = None,
    overview: bool | None = None,
) -> dict:
    """The page's data: vis-network nodes/edges/options (as pyvis made them) plus details.

    ``overview`` (default: when no ``selection`` is given) opens the page on the overview
    classes (``style.OVERVIEW``), the rest hidden until expanded, searched or shown.
    """
    if lang not in LANGS:
        raise UsageError(f"language {lang!r} is not one of {', '.join(LANGS)}")
    model = (
        selection.model if selection is not None and selection.model is not None else _Model(graph)
    )
    if overview is None:
        overview = selection is None
    sel = selection or _select(model, focus=None, depth=0, construct=None)
    drawn = sel.nodes
    class_ids = sorted({model.primary_class(e) for e in drawn}, key=str)
    superclasses = in_graph(graph)
    styles = {cls: style(cls, superclasses) for cls in class_ids}
    families = [f for f in FAMILIES if any(styles[c].family == f.key for c in class_ids)]
    family_index = {f.key: i for i, f in enumerate(families)}
    classes: list[dict[str, Any]] = []
    for cls in class_ids:
        count = sum(1 for e in drawn if model.primary_class(e) == cls)
        look = styles[cls]
        classes.append(
            {
                "curie": curie(cls),
                **model.label(cls),
                "family": family_index[look.family],
                "color": FAMILY[look.family].color,
                "shape": look.shape,
                "count": count,
                "overview": look.overview,
            }
        )
    index = {cls: i for i, cls in enumerate(class_ids)}
    ordered = sorted(drawn, key=str)
    core = {str(e) for e in ordered if styles[model.primary_class(e)].overview}
    if not overview or not core:
        overview, core = False, {str(e) for e in ordered}
    edges = sorted(sel.edges, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    # a label's box in whichever language is wider: switching language keeps labels apart
    boxes = {
        str(e): max((label_box(model.label(e)[code]) for code in LANGS), key=lambda b: b[0] * b[1])
        for e in ordered
    }
    positions = layout(
        [str(e) for e in ordered], [(str(s), str(o)) for s, _, o in edges],
        boxes=boxes, core=core,
    )  # fmt: skip
    vis_nodes: list[dict] = []
    vis_edges: list[dict] = []
    nodes: dict[str, dict] = {}
    for entity in ordered:
        style_ = classes[index[model.primary_class(entity)]]
        names = model.label(entity)
        alts = sorted(
            str(v) for v in graph.objects(entity, SKOS.altLabel) if isinstance(v, Literal)
        )
        x, y = positions[str(entity)]
        tooltip = f"{style_['ko']} · {style_['en']}\n{names['ko']}\n{names['en']}"
        vis_nodes.append(
            vis_node(
                str(entity), label=names[lang], title=tooltip, x=x, y=y,
                color=style_["color"], shape=style_["shape"], hidden=str(entity) not in core,
            )
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
        vis_edges.append(
            vis_edge(
                str(s), str(o), id=f"e{i}", label=name[lang], title=f"{name['ko']} · {name['en']}"
            )
        )
        ev = sorted(model.evidence.get((s, p, o), []), key=_dumps)
        fact = {"p": curie(p), "from": str(s), "to": str(o), "ev": ev}
        nodes[str(o)]["in"].append(fact)
        edge_facts.append(fact)
    for node in nodes.values():
        for fact in node["facts"]:
            props.setdefault(fact["p"], model.label(_expand(fact["p"])))
            _collect_props(fact["v"], props, model)
    options = vis_options(len(ordered), len(edges))
    log.info("view: %d nodes, %d edges, %d classes", len(vis_nodes), len(vis_edges), len(classes))
    return {
        "title": title,
        "lang": lang,
        "overview": overview,
        "families": [{"key": f.key, "ko": f.ko, "en": f.en, "color": f.color} for f in families],
        "classes": classes,
        "props": dict(sorted(props.items())),
        "nodes": nodes,
        "edges": edge_facts,
        "pathMax": PATH_MAX,
        "pathShown": PATHS_SHOWN,
        "vis": {"nodes": vis_nodes, "edges": vis_edges, "options": options},
    }


def vis_node(node_id: str, *, label: str, shape: str, color: str, **options: Any) -> dict:
    """A vis-network node as pyvis's ``Network.add_node`` writes it (same keys, same order,
    so the same page bytes), without its list scan per node: quadratic, 5 s at 20,000."""
    return {"color": color, **options, "id": node_id, "label": label or node_id, "shape": shape}


def vis_edge(source: str, to: str, **options: Any) -> dict:
    """A directed vis-network edge as pyvis's ``Network.add_edge`` writes it, without its
    scan of the node list per edge."""
    return {**options, "from": source, "to": to, "arrows": "to"}


def _collect_props(value: dict, props: dict, model: _Model) -> None:
    for fact in value.get("facts", ()):
        props.setdefault(fact["p"], model.label(_expand(fact["p"])))
        _collect_props(fact["v"], props, model)


def _expand(name: str) -> URIRef:
    if name.startswith("<"):
        return URIRef(name[1:-1])
    prefix, local = name.split(":", 1)
    return URIRef(str(PREFIXES[prefix]) + local)


def render_html(
    graph: Graph,
    *,
    title: str = DEFAULT_TITLE,
    lang: str = "ko",
    selection: Selection | None = None,
    overview: bool | None = None,
    generated_by: str = "kgenesis view",
) -> str:
    """The whole self-contained page (vis-network, styles, data and script inline) as a str."""
    data = view_data(graph, title=title, lang=lang, selection=selection, overview=overview)
    return page_html(data, title=title, lang=lang, generated_by=generated_by)
