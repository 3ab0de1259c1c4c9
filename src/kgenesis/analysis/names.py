"""Entities and classes named the way users name them: an IRI (``<…>`` or absolute), a
prefixed name, or a Korean or English label, alternative names (skos:altLabel) included.

An ambiguous name lists its candidates; a name nothing has suggests near matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rdflib import RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from ..errors import UsageError
from ..graph.namespaces import PREFIXES
from .projection import LABELS, curie, labels

if TYPE_CHECKING:
    from .triples import Readable

_PLURAL = {"entity": "entities", "class": "classes"}


def as_iri(text: str) -> URIRef | None:
    """``text`` as an IRI where it is written as one (``<…>``, absolute, or prefixed)."""
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        return URIRef(text)
    if ":" in text and text.split(":", 1)[0] in PREFIXES:
        prefix, local = text.split(":", 1)
        return URIRef(str(PREFIXES[prefix]) + local)
    return None


def resolve(
    graph: Readable, text: str, candidates: Iterable[URIRef], *, option: str, what: str = "entity"
) -> URIRef:
    """The one of ``candidates`` that ``text`` names; a UsageError naming ``option`` else."""
    text = text.strip()
    pool = sorted(set(candidates))
    members = set(pool)
    iri = as_iri(text)
    if iri is not None and iri in members:
        return iri
    wanted = text.casefold()
    exact, partial = [], []
    for term in pool:
        names = {
            str(v).casefold()
            for p in (*LABELS, SKOS.altLabel)
            for v in graph.objects(term, p)
            if isinstance(v, Literal)
        }
        if wanted in names or wanted == curie(term).casefold():
            exact.append(term)
        elif any(wanted in n for n in names):
            partial.append(term)
    if len(exact) == 1:
        return exact[0]  # a label that looks like an IRI (<img …>) still names its entity
    if iri is not None:
        raise UsageError(f"{option} {text}: {curie(iri)} is not an {what} of the graph")
    if exact:
        raise UsageError(
            f"{option} {text}: several {_PLURAL.get(what, what + 's')} have this name "
            f"({_listing(graph, exact)}); "
            "pick one by its prefixed name"
        )
    hint = f"; did you mean {_listing(graph, partial)}?" if partial else ""
    raise UsageError(f"{option} {text}: no {what} has this name{hint}")


def _listing(graph: Readable, terms: list[URIRef], limit: int = 10) -> str:
    shown = [
        f"{curie(t)} ({labels(graph, t)['ko']} / {labels(graph, t)['en']})" for t in terms[:limit]
    ]
    more = f", and {len(terms) - limit} more" if len(terms) > limit else ""
    return ", ".join(shown) + more


def subclasses(graph: Readable, cls: URIRef) -> set[URIRef]:
    """``cls`` and every class below it (rdfs:subClassOf*)."""
    found, todo = {cls}, [cls]
    while todo:
        for sub in graph.subjects(RDFS.subClassOf, todo.pop()):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                todo.append(sub)
    return found
