"""``kgenesis stats``: what the graph holds, counted on the projection and its facts.

Entities per class, facts per property, label coverage per language, evidence coverage
(facts from the article, from outside reports, from both, from none), and the entities
no relation links to anything.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rdflib import URIRef

from ..terms import pick_text
from .facts import facts
from .projection import LABELS, LANGS, classify, curie, labels, primary_class, project
from .report import Table

if TYPE_CHECKING:
    import networkx as nx

    from .triples import Readable

ORIGINS = ("article", "outside", "both", "none")


def stats(graph: Readable, projection: nx.MultiDiGraph | None = None) -> list[Table]:
    """The tables of ``kgenesis stats``, in the order they are printed."""
    kinds = classify(graph)
    proj = projection if projection is not None else project(graph, kinds)
    found = facts(graph, kinds)
    n_nodes = proj.number_of_nodes()

    nodes = kinds.nodes()
    per_class = Counter(curie(primary_class(nodes[URIRef(n)])) for n in proj)
    iri_of = {curie(primary_class(types)): primary_class(types) for types in nodes.values()}
    classes = Table("classes", "Entities per class", ("class", "label_ko", "label_en", "entities"))
    for cls, count in sorted(per_class.items(), key=lambda kv: (-kv[1], kv[0])):
        names = labels(graph, iri_of[cls])
        classes.rows.append((cls, names["ko"], names["en"], count))

    per_prop = Counter(f.prop for f in found)
    props = Table("properties", "Facts per property", ("property", "label_ko", "label_en", "facts"))
    for prop, count in sorted(per_prop.items(), key=lambda kv: (-kv[1], curie(kv[0]))):
        names = labels(graph, prop)
        props.rows.append((curie(prop), names["ko"], names["en"], count))

    coverage = Table(
        "labels", "Label coverage per language", ("lang", "labelled", "entities", "share")
    )
    for lang in LANGS:
        labelled = sum(1 for n in proj if _has_label(graph, URIRef(n), lang))
        coverage.rows.append((lang, labelled, n_nodes, _share(labelled, n_nodes)))

    per_origin = Counter(f.origin for f in found)
    evidence = Table("evidence", "Evidence coverage of facts", ("origin", "facts", "share"))
    for name in ORIGINS:
        evidence.rows.append((name, per_origin[name], _share(per_origin[name], len(found))))

    unlinked = Table(
        "unlinked", "Entities with no relation", ("entity", "label_ko", "label_en", "class")
    )
    for node in sorted(n for n in proj if proj.degree(n) == 0):
        data = proj.nodes[node]
        unlinked.rows.append((data["curie"], data["label_ko"], data["label_en"], data["class"]))

    totals = Table("totals", "Totals", ("what", "count"))
    totals.rows.extend(
        [
            ("entities", n_nodes),
            ("classes", len(per_class)),
            ("facts", len(found)),
            ("relations between entities", proj.number_of_edges()),
            ("properties", len(per_prop)),
            ("entities with no relation", len(unlinked.rows)),
        ]
    )
    return [totals, classes, props, coverage, evidence, unlinked]


def _has_label(graph: Readable, node: URIRef, lang: str) -> bool:
    return any(pick_text(graph.objects(node, p), lang) for p in LABELS)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
