"""Fixes for rdflib bugs that change query answers, installed when rdflib evaluates.

rdflib 7 answers a GROUP BY over no solutions with one row whose variables are all
unbound, where SPARQL gives no row (no solutions, no groups: RDFLib/rdflib#3382). The fix
goes through rdflib's own extension point, ``CUSTOM_EVALS``, and handles only that case.
A test fails once rdflib fixes the bug upstream, so the fix can then be removed.
"""

from __future__ import annotations

import collections
from collections.abc import Iterator
from typing import Any

_NAME = "kgenesis-group-by-without-solutions"
_GRAPH_NAME = "kgenesis-graph-on-a-plain-graph"


def install() -> None:
    """Register the fixes with rdflib's SPARQL evaluator (idempotent)."""
    from rdflib.plugins.sparql import CUSTOM_EVALS

    CUSTOM_EVALS[_NAME] = _aggregate_join
    CUSTOM_EVALS[_GRAPH_NAME] = _graph_without_named_graphs


def _graph_without_named_graphs(ctx: Any, part: Any) -> Iterator[Any]:
    """``GRAPH ?g { … }`` on a graph that has no named graphs matches nothing.

    rdflib raised "You performed a query operation requiring a dataset" for it on a plain
    Graph (the built graph is one), where pyoxigraph, following SPARQL, answers no rows:
    the answer must not depend on the engine.
    """
    from rdflib.graph import ConjunctiveGraph

    if part.name != "Graph" or isinstance(ctx.graph, ConjunctiveGraph):
        raise NotImplementedError  # a dataset (Dataset is one): rdflib's own evaluation
    return iter(())


def _aggregate_join(ctx: Any, part: Any) -> Iterator[Any]:
    """rdflib's evalAggregateJoin for GROUP BY, without the row it adds when nothing matched."""
    if part.name != "AggregateJoin" or part.p.expr is None:
        raise NotImplementedError  # everything else: rdflib's own evaluation
    return _grouped(ctx, part)


def _grouped(ctx: Any, agg: Any) -> Iterator[Any]:
    from rdflib.plugins.sparql.aggregates import Aggregator
    from rdflib.plugins.sparql.evaluate import evalPart
    from rdflib.plugins.sparql.evalutils import _eval
    from rdflib.plugins.sparql.sparql import FrozenBindings

    groups: dict[Any, Any] = collections.defaultdict(lambda: Aggregator(aggregations=agg.A))
    for row in evalPart(ctx, agg.p):
        groups[tuple(_eval(e, row, False) for e in agg.p.expr)].update(row)
    for aggregator in groups.values():
        yield FrozenBindings(ctx, aggregator.get_bindings())
