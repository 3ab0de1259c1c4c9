"""A fix for an rdflib bug that changes query answers, installed when rdflib evaluates.

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


def install() -> None:
    """Register the fix with rdflib's SPARQL evaluator (idempotent)."""
    from rdflib.plugins.sparql import CUSTOM_EVALS

    CUSTOM_EVALS[_NAME] = _aggregate_join


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
