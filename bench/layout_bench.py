"""Benchmark: how long the view's layout takes at 10^3 and 10^4 nodes (issue 11).

For each size, a synthetic graph in the project's shape (``view_bench.synthetic_graph``) is
laid out as ``kgenesis view`` lays it out (overview core first, label boxes in both
languages); the baseline, run in the same process on the same graph, is rdflib parsing its
N-Triples, which every view pays anyway. Reported: seconds (median) and the ratio.

    python bench/layout_bench.py [--sizes 1000 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from rdflib import Graph

sys.path.insert(0, str(Path(__file__).resolve().parent))
from view_bench import synthetic_graph  # noqa: E402

from kgenesis.view.layout import layout  # noqa: E402
from kgenesis.view.model import _Model, _select  # noqa: E402
from kgenesis.view.page import label_box  # noqa: E402
from kgenesis.view.style import in_graph, style  # noqa: E402


def inputs(graph: Graph) -> tuple[list[str], list[tuple[str, str]], dict, set[str]]:
    model = _Model(graph)
    sel = _select(model, focus=None, depth=0, construct=None)
    nodes = sorted(str(n) for n in sel.nodes)
    edges = [(str(s), str(o)) for s, _, o in sel.edges]
    boxes = {
        str(n): max((label_box(model.label(n)[c]) for c in ("ko", "en")), key=lambda b: b[0] * b[1])
        for n in sel.nodes
    }
    supers = in_graph(graph)
    core = {str(n) for n in sel.nodes if style(model.primary_class(n), supers).overview}
    return nodes, edges, boxes, core


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print("| nodes | layout (s) | parse N-Triples (s) | ratio |")
    print("|---:|---:|---:|---:|")
    for size in args.sizes:
        graph = synthetic_graph(size)
        text = graph.serialize(format="nt")
        nodes, edges, boxes, core = inputs(graph)
        lay, parse = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            Graph().parse(data=text, format="nt")
            parse.append(time.perf_counter() - start)
            start = time.perf_counter()
            layout(nodes, edges, boxes=boxes, core=core)
            lay.append(time.perf_counter() - start)
        a, b = statistics.median(lay), statistics.median(parse)
        print(f"| {len(nodes)} | {a:.2f} | {b:.2f} | {a / b:.1f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
