"""The view's baseline (issue 13): a raw vis-network page with fixed positions, written for
the same graph with nothing of kgenesis.

pyoxigraph parses the file; the nodes are the typed, labelled IRIs outside the ontology and
the evidence bookkeeping (what ``kgenesis view`` draws, near enough), the edges the triples
between two of them; positions are a seeded scatter, physics is off, and the same vendored
vis-network is inlined. It is what a page of that graph costs at the least: ``bench/run.py``
times ``kgenesis view --force`` against it.

    python bench/raw_view.py GRAPH.nt OUT.html
"""

from __future__ import annotations

import json
import random
import sys
from importlib.util import find_spec
from pathlib import Path

import pyoxigraph as ox

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
LABELS = {
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
}
KGO = "https://w3id.org/kgenesis/ontology#"
SKIP = {RDF + "Statement", KGO + "Quote", KGO + "NewsArticle", KGO + "SourceDocument"}
FORMATS = {".nt": ox.RdfFormat.N_TRIPLES, ".ttl": ox.RdfFormat.TURTLE}


def main(source: Path, out: Path) -> int:
    typed: dict[str, bool] = {}
    labels: dict[str, str] = {}
    links: list[tuple[str, str]] = []
    for q in ox.parse(path=str(source), format=FORMATS[source.suffix]):
        s, p, o = q.subject, q.predicate.value, q.object
        if not isinstance(s, ox.NamedNode):
            continue
        if p == RDF + "type":
            typed[s.value] = typed.get(s.value, True) and o.value not in SKIP
        elif p in LABELS and isinstance(o, ox.Literal):
            if o.language == "ko" or s.value not in labels:
                labels[s.value] = o.value
        elif isinstance(o, ox.NamedNode) and not p.startswith(RDF):
            links.append((s.value, o.value))
    nodes = sorted(n for n, ok in typed.items() if ok and n in labels and not n.startswith(KGO))
    rng, side = random.Random(13), 40 * len(nodes) ** 0.5
    index = {n: i for i, n in enumerate(nodes)}
    vis_nodes = [
        {
            "id": i,
            "label": labels[n],
            "x": round(rng.random() * side),
            "y": round(rng.random() * side),
        }
        for n, i in index.items()
    ]
    vis_edges = [{"from": index[a], "to": index[b]} for a, b in links if a in index and b in index]
    spec = find_spec("pyvis")
    assert spec is not None and spec.submodule_search_locations
    vis = Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib" / "vis-9.1.2"
    data = json.dumps({"nodes": vis_nodes, "edges": vis_edges}, ensure_ascii=False)
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
        + (vis / "vis-network.css").read_text("utf-8")
        + '</style></head><body><div id="g" style="height:100vh"></div><script>'
        + (vis / "vis-network.min.js").read_text("utf-8")
        + "</script><script>var d = "
        + data.replace("<", "\\u003c")
        + ';new vis.Network(document.getElementById("g"), d, {physics: {enabled: false}, '
        + "layout: {improvedLayout: false}});</script></body></html>"
    )
    out.write_text(page, encoding="utf-8")
    sys.stdout.write(f"{out}: {len(vis_nodes)} nodes, {len(vis_edges)} edges\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
