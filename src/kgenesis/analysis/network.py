"""Network exports of the projection: GraphML and GEXF for Gephi (and networkx), nodes.csv
and edges.csv for Neo4j's ``LOAD CSV``, and the facts-with-evidence CSV for spreadsheets.

Each writer returns bytes; ``kgenesis export`` writes them atomically. Attribute values
are strings (a node's literal values joined by `` | ``), so every file reads back with
the same values whatever tool opens it.
"""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING

from rdflib import Literal

from .facts import Fact, facts, value_labels
from .projection import curie, labels

if TYPE_CHECKING:
    import networkx as nx

    from .triples import Readable

#: A UTF-8 byte-order mark: spreadsheets (Excel) read the facts CSV as UTF-8 with it.
BOM = "\ufeff"
NODE_COLUMNS = ("id", "curie", "class", "classes", "role", "label_ko", "label_en")
EDGE_COLUMNS = (
    "source", "target", "type", "property", "predicate", "label_ko", "label_en",
    "evidence", "origin",
)  # fmt: skip
FACT_COLUMNS = (
    "subject", "subject_ko", "subject_en", "property", "property_ko", "property_en",
    "value", "value_ko", "value_en", "origin", "quote", "quoted_from", "source_title",
    "publisher", "date", "locator", "address",
)  # fmt: skip


def graphml(projection: nx.MultiDiGraph) -> bytes:
    """GraphML (Gephi, yEd, Cytoscape, networkx); node and edge attributes as strings."""
    import networkx as nx

    buf = io.BytesIO()
    nx.write_graphml(_stringly(projection), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def gexf(projection: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 (Gephi); each node's label is its Korean label, every attribute kept."""
    import networkx as nx

    graph = _stringly(projection)
    for node, data in graph.nodes(data=True):
        data["label"] = data.get("label_ko", node)
    for _, _, key, data in graph.edges(keys=True, data=True):
        data["label"] = key
    buf = io.BytesIO()
    nx.write_gexf(graph, buf, encoding="utf-8", prettyprint=True, version="1.2draft")
    # networkx stamps the file with today's date: the same graph must give the same bytes
    return re.sub(rb'lastmodifieddate="[^"]*"', b'lastmodifieddate="1970-01-01"', buf.getvalue())


def _stringly(projection: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose every attribute is a str (GraphML and GEXF declare one type per
    attribute), in a fixed order: the same graph gives the same bytes."""
    import networkx as nx

    out = nx.MultiDiGraph(name=projection.graph.get("name", "kgenesis"))
    keys = _node_keys(projection)
    for node, data in projection.nodes(data=True):
        out.add_node(node, **{k: str(data[k]) for k in keys if k in data})
    for s, o, key, data in projection.edges(keys=True, data=True):
        out.add_edge(s, o, key=key, **{k: str(v) for k, v in data.items()})
    return out


def _node_keys(projection: nx.MultiDiGraph) -> list[str]:
    """Every node attribute: the fixed columns first, the IRI, then values by name."""
    fixed = [*NODE_COLUMNS[1:], "iri"]
    return fixed + sorted({k for _, d in projection.nodes(data=True) for k in d} - set(fixed))


def relationship_type(predicate: str) -> str:
    """A Neo4j relationship type from a prefixed name: ``org:headOf`` → ``HEAD_OF``."""
    local = predicate.strip("<>").rsplit(":", 1)[-1].rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", local)
    return re.sub(r"[^A-Za-z0-9]+", "_", snake).strip("_").upper() or "RELATED_TO"


def nodes_csv(projection: nx.MultiDiGraph) -> bytes:
    """nodes.csv: one row per node, ``id`` its IRI; every attribute a column."""
    keys = [k for k in _node_keys(projection) if k != "iri"]
    rows = [
        [node, *(str(data.get(k, "")) for k in keys)] for node, data in projection.nodes(data=True)
    ]
    return _csv(["id", *keys], rows).encode("utf-8")


def edges_csv(projection: nx.MultiDiGraph) -> bytes:
    """edges.csv: one row per relation; ``type`` is a Neo4j relationship type."""
    rows = []
    for s, o, key, data in projection.edges(keys=True, data=True):
        rows.append([
            s, o, relationship_type(key), data["property"], key, data["label_ko"],
            data["label_en"], data["evidence"], data["origin"],
        ])  # fmt: skip
    return _csv(list(EDGE_COLUMNS), rows).encode("utf-8")


def facts_csv(graph: Readable, found: list[Fact] | None = None) -> bytes:
    """The facts-with-evidence CSV: one row per fact, labels in Korean and English, then its
    evidence. A fact with several quotes lists them one per line within the cell, in the
    same order in every evidence column; a quote citing several sources separates them
    with ``; ``. UTF-8 with a byte-order mark, so spreadsheets read the Korean."""
    rows = []
    prop_names: dict = {}
    for fact in found if found is not None else facts(graph):
        if fact.prop not in prop_names:
            prop_names[fact.prop] = labels(graph, fact.prop)
        s_names, v_names = labels(graph, fact.subject), value_labels(graph, fact.value)
        value = str(fact.value) if isinstance(fact.value, Literal) else curie(fact.value)

        def each(pick, q: tuple = fact.quotes) -> str:  # noqa: ANN001 - one evidence column
            return "\n".join(pick(quote) for quote in q)

        rows.append([
            curie(fact.subject), s_names["ko"], s_names["en"],
            curie(fact.prop), prop_names[fact.prop]["ko"], prop_names[fact.prop]["en"],
            value, v_names["ko"], v_names["en"], fact.origin,
            each(lambda x: " ".join(x.text.split())),
            each(lambda x: curie(x.quoted_from) if x.quoted_from else ""),
            each(lambda x: "; ".join(s.name for s in x.sources)),
            each(lambda x: "; ".join(s.publisher_en for s in x.sources)),
            each(lambda x: "; ".join(s.date for s in x.sources)),
            each(lambda x: x.locator),
            each(lambda x: "; ".join(s.address for s in x.sources)),
        ])  # fmt: skip
    return (BOM + _csv(list(FACT_COLUMNS), rows)).encode("utf-8")


def _csv(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()
