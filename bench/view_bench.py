"""Benchmark: does a 5,000-node view open and become interactive within a few seconds?

Generates a synthetic graph that follows the kgenesis data model (entities with Korean and
English labels, facts with evidence, literals), renders it with ``kgenesis.view.render_html``
and opens it in headless Chromium (Debian's /usr/bin/chromium via Playwright). Time to
interactive = from navigation start until a click on a node has opened its details panel.
The same is measured for a blank page and for a 10-node view in the same run, and the ratio
is reported, so the numbers mean something on any machine.

    python bench/view_bench.py [--nodes 5000] [--runs 3] [--budget 5]

Exit status 1 if the median time to interactive exceeds ``--budget`` seconds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal
from rdflib.namespace import DCTERMS, PROV

from kgenesis.graph.namespaces import KG, KGO, SCHEMA, new_graph
from kgenesis.view import render_html

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
CLASSES = ["Person", "Ministry", "Company", "University", "Policy", "Measure",
           "QuantitativeTarget", "TechnologyField", "Event", "Statement"]  # fmt: skip
PROPS = ["memberOf", "about", "announcedBy", "hasTarget", "participatesIn", "cites"]


def synthetic_graph(n: int, seed: int = 7) -> Graph:
    """``n`` entities, a spanning tree plus 40% extra links, evidence on every tenth fact."""
    rng = random.Random(seed)
    g = new_graph()
    for cls in CLASSES:
        g.add((KGO[cls], RDFS.label, Literal(f"{cls} 분류", lang="ko")))
        g.add((KGO[cls], RDFS.label, Literal(cls, lang="en")))
    for prop in PROPS:
        g.add((KGO[prop], RDFS.label, Literal(f"{prop} 관계", lang="ko")))
        g.add((KGO[prop], RDFS.label, Literal(prop, lang="en")))
    doc = KG["src-bench"]
    g.add((doc, RDF.type, KGO.NewsArticle))
    g.add((KGO.NewsArticle, RDFS.subClassOf, KGO.SourceDocument))
    g.add((doc, DCTERMS.title, Literal("벤치마크 기사", lang="ko")))
    g.add((doc, DCTERMS.issued, Literal("2025-12-18", datatype=XSD.date)))
    nodes = [KG[f"node-{i:05d}"] for i in range(n)]
    for i, node in enumerate(nodes):
        g.add((node, RDF.type, KGO[CLASSES[i % len(CLASSES)]]))
        g.add((node, RDFS.label, Literal(f"노드 {i}", lang="ko")))
        g.add((node, RDFS.label, Literal(f"Node {i}", lang="en")))
        g.add((node, SCHEMA.value, Literal(rng.randint(1, 10000))))
    facts = [(nodes[i], nodes[rng.randrange(i)]) for i in range(1, n)]
    facts += [(rng.choice(nodes), rng.choice(nodes)) for _ in range(int(n * 0.4))]
    for k, (s, o) in enumerate(facts):
        if s == o:
            continue
        p = KGO[PROPS[k % len(PROPS)]]
        g.add((s, p, o))
        if k % 10 == 0:
            st, quote = KG[f"stmt-{k}"], KG[f"quote-{k}"]
            g.add((st, RDF.type, RDF.Statement))
            g.add((st, RDF.subject, s))
            g.add((st, RDF.predicate, p))
            g.add((st, RDF.object, o))
            g.add((st, PROV.wasDerivedFrom, quote))
            g.add((quote, RDF.type, KGO.Quote))
            g.add((quote, KGO.quoteText, Literal(f"인용문 {k}", lang="ko")))
            g.add((quote, DCTERMS.source, doc))
    return g


def time_to_interactive(context: object, url: str, node_id: str | None) -> float:
    """Seconds from navigation until the page is drawn and a click on a node opens its panel."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    start = time.perf_counter()
    page.goto(url)
    if node_id is not None:
        page.wait_for_function("window.kgView && window.kgView.ready", timeout=60000)
        x, y = page.evaluate(
            """id => { const n = kgView.network, p = n.canvasToDOM(n.getPosition(id));
               const r = document.getElementById('kg-network').getBoundingClientRect();
               return [r.left + p.x, r.top + p.y]; }""",
            node_id,
        )
        page.mouse.click(x, y)
        page.wait_for_function("!document.getElementById('kg-panel').hidden", timeout=60000)
    elapsed = time.perf_counter() - start
    page.close()
    if errors:
        raise RuntimeError(f"page errors: {errors}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--budget", type=float, default=5.0, help="seconds (median TTI)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pages = {}
        for name, size in (("small", 10), ("large", args.nodes)):
            graph = synthetic_graph(size)
            start = time.perf_counter()
            html = render_html(graph, title=f"bench {size}")
            render = time.perf_counter() - start
            path = folder / f"{name}.html"
            path.write_text(html, encoding="utf-8")
            # click a node near the middle of the list (anywhere works: positions are fixed)
            pages[name] = (path.as_uri(), str(KG[f"node-{size // 2:05d}"]))
            print(f"render {size:>6} nodes: {render:6.2f} s, {len(html) / 1e6:5.1f} MB")
        blank = folder / "blank.html"
        blank.write_text("<!DOCTYPE html><title>blank</title><p>blank</p>", encoding="utf-8")
        pages["blank"] = (blank.as_uri(), None)
        results: dict[str, list[float]] = {name: [] for name in pages}
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                user_data_dir=str(folder / "profile"), executable_path=CHROMIUM,
                headless=True, args=ARGS, viewport={"width": 1280, "height": 800},
            )  # fmt: skip
            for _ in range(args.runs):
                for name, (url, node) in pages.items():
                    results[name].append(time_to_interactive(context, url, node))
            context.close()
    median = {name: statistics.median(times) for name, times in results.items()}
    for name, value in median.items():
        print(f"time to interactive, {name:>5}: {value:6.3f} s (median of {args.runs})")
    print(f"ratio large/blank: {median['large'] / median['blank']:.1f}x, "
          f"large/small view: {median['large'] / median['small']:.1f}x")  # fmt: skip
    if median["large"] > args.budget:
        print(f"FAIL: {median['large']:.2f} s > budget {args.budget:.2f} s", file=sys.stderr)
        return 1
    print(f"ok: within the {args.budget:.1f} s budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
