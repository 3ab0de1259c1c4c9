"""The projection's rules as plain strings, importable without rdflib: which classes are
evidence bookkeeping, details or say nothing, which properties name a node rather than
state a fact, and which of an entity's classes is the most telling.

``projection`` makes its rdflib terms from these; the view's census (``view.census``)
reads them as they are, so a summary page never imports rdflib.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from ..prefixes import PLAIN

RDF, RDFS, OWL, SKOS, PROV, SH, TIME = (
    PLAIN[p] for p in ("rdf", "rdfs", "owl", "skos", "prov", "sh", "time")
)
KGO = PLAIN["kgo"]

#: Classes whose instances are evidence bookkeeping or vocabulary, never nodes.
BOOKKEEPING = frozenset(
    {
        RDF.Statement, RDF.Property, RDFS.Class, RDFS.Datatype, KGO.Quote, KGO.SourceDocument,
        OWL.Class, OWL.Ontology, OWL.ObjectProperty, OWL.DatatypeProperty,
        OWL.AnnotationProperty, OWL.FunctionalProperty, OWL.TransitiveProperty,
        OWL.SymmetricProperty, OWL.InverseFunctionalProperty, OWL.Restriction,
        SH.NodeShape, SH.PropertyShape, TIME.Instant, TIME.Interval, TIME.ProperInterval,
        TIME.TemporalEntity, TIME.DateTimeDescription, TIME.Duration,
    }
)  # fmt: skip
#: Classes whose instances are details of what points to them (a measure's target).
DETAIL = frozenset({KGO.QuantitativeTarget})
#: Types that say nothing about what an entity is (ignored when picking its class).
UNINFORMATIVE = frozenset({OWL.NamedIndividual, OWL.Thing, RDFS.Resource})
#: The properties that name a node, in the order their names are preferred.
LABELS = (RDFS.label, SKOS.prefLabel)
#: Properties that name, describe or classify a node rather than state a fact about it
#: (the same list as the ``missing-evidence`` check's).
NOT_FACTS = frozenset(
    {
        RDF.type, RDFS.label, RDFS.comment, SKOS.prefLabel, SKOS.altLabel, SKOS.definition,
        SKOS.scopeNote, SKOS.inScheme, SKOS.topConceptOf, SKOS.hasTopConcept,
        RDF.subject, RDF.predicate, RDF.object, PROV.wasDerivedFrom,
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
