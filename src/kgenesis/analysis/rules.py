"""The projection's rules as plain strings, importable without rdflib: which classes are
evidence bookkeeping, details or say nothing, which properties name a node rather than
state a fact, and which of an entity's classes is the most telling.

``projection`` makes its rdflib terms from these; the view's census (``view.census``)
reads them as they are, so a summary page never imports rdflib.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from ..prefixes import PREFIX_IRIS


def _terms(prefix: str, *names: str) -> list[str]:
    return [PREFIX_IRIS[prefix] + name for name in names]


KGO = PREFIX_IRIS["kgo"]

#: Classes whose instances are evidence bookkeeping or vocabulary, never nodes.
BOOKKEEPING = frozenset(
    {
        *_terms("rdf", "Statement", "Property"),
        *_terms("rdfs", "Class", "Datatype"),
        *_terms("kgo", "Quote", "SourceDocument"),
        *_terms(
            "owl", "Class", "Ontology", "ObjectProperty", "DatatypeProperty", "AnnotationProperty",
            "FunctionalProperty", "TransitiveProperty", "SymmetricProperty",
            "InverseFunctionalProperty", "Restriction",
        ),
        *_terms("sh", "NodeShape", "PropertyShape"),
        *_terms(
            "time", "Instant", "Interval", "ProperInterval", "TemporalEntity",
            "DateTimeDescription", "Duration",
        ),
    }
)  # fmt: skip
#: Classes whose instances are details of what points to them (a measure's target).
DETAIL = frozenset(_terms("kgo", "QuantitativeTarget"))
#: Types that say nothing about what an entity is (ignored when picking its class).
UNINFORMATIVE = frozenset({*_terms("owl", "NamedIndividual", "Thing"), *_terms("rdfs", "Resource")})
#: The properties that name a node, in the order their names are preferred.
LABELS = (PREFIX_IRIS["rdfs"] + "label", PREFIX_IRIS["skos"] + "prefLabel")
#: Properties that name, describe or classify a node rather than state a fact about it
#: (the same list as the ``missing-evidence`` check's).
NOT_FACTS = frozenset(
    {
        *_terms("rdf", "type", "subject", "predicate", "object"),
        *_terms("rdfs", "label", "comment"),
        *_terms(
            "skos", "prefLabel", "altLabel", "definition", "scopeNote", "inScheme",
            "topConceptOf", "hasTopConcept",
        ),
        *_terms("prov", "wasDerivedFrom"),
    }
)  # fmt: skip

S = TypeVar("S", bound=str)


def primary_class(types: Iterable[S]) -> S:
    """The most telling class: a kgo: class first, then any other, sorted by IRI (rdflib's
    terms or plain strings; the one given is returned)."""
    ordered = sorted(types)
    informative = [t for t in ordered if str(t) not in UNINFORMATIVE] or ordered
    ours = [t for t in informative if t.startswith(KGO)]
    return (ours or informative)[0]
