"""How a class looks, fixed in one table: its family (colour) and its shape.

A class looks the same in every view, built or focused (issue 11): the style depends on
the class alone, never on which classes a view happens to draw. Classes not in the table
take the family of their nearest listed superclass (rdfs:subClassOf) and that family's
shape; a class with none is "other". The overview (the page's first picture) shows the
families and classes an analyst looks for first; everything else is one action away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from ..prefixes import PLAIN

# the IRIs as plain strings: this table needs no rdflib
KGO, SCHEMA, FOAF, ORG, SKOS = (PLAIN[p] for p in ("kgo", "schema", "foaf", "org", "skos"))


class Family(NamedTuple):
    key: str
    ko: str
    en: str
    color: str
    shape: str  # for classes of the family that the table does not list


#: At most eight families, in legend order; colours from Tableau 10, told apart in print.
FAMILIES: tuple[Family, ...] = (
    Family("people", "인물", "People", "#e15759", "dot"),
    Family("organisations", "조직", "Organisations", "#4e79a7", "square"),
    Family("policies", "정책", "Policies", "#f28e2b", "diamond"),
    Family("technologies", "기술", "Technologies", "#59a14f", "triangle"),
    Family("events", "행사", "Events", "#b07aa1", "star"),
    Family("statements", "발언·개념", "Statements and ideas", "#d4a500", "triangleDown"),
    Family("places", "장소", "Places", "#76b7b2", "hexagon"),
    Family("other", "기타", "Other", "#8c8c8c", "dot"),
)
FAMILY = {f.key: f for f in FAMILIES}

#: class → (family, shape). The one place a class's look is decided.
CLASSES: dict[str, tuple[str, str]] = {
    KGO.Person: ("people", "dot"),
    KGO.Organization: ("organisations", "square"),
    KGO.Ministry: ("organisations", "square"),
    KGO.Government: ("organisations", "hexagon"),
    KGO.Legislature: ("organisations", "triangleDown"),
    KGO.Committee: ("organisations", "triangle"),
    KGO.University: ("organisations", "star"),
    KGO.Company: ("organisations", "diamond"),
    KGO.PublicPrivateBody: ("organisations", "dot"),
    KGO.PoliticalParty: ("organisations", "hexagon"),
    KGO.NewsOrganization: ("organisations", "triangle"),
    KGO.ParticipantGroup: ("organisations", "dot"),
    KGO.Mission: ("policies", "star"),
    KGO.Measure: ("policies", "diamond"),
    KGO.Strategy: ("policies", "square"),
    KGO.Vision: ("policies", "triangle"),
    KGO.Policy: ("policies", "dot"),
    KGO.Legislation: ("policies", "hexagon"),
    KGO.Designation: ("policies", "triangleDown"),
    KGO.QuantitativeTarget: ("policies", "dot"),
    KGO.TechnologyField: ("technologies", "triangle"),
    KGO.TechnologyTopic: ("technologies", "dot"),
    SKOS.ConceptScheme: ("technologies", "square"),
    KGO.Summit: ("events", "star"),
    KGO.Keynote: ("events", "diamond"),
    KGO.Presentation: ("events", "triangle"),
    KGO.Ceremony: ("events", "square"),
    KGO.Event: ("events", "dot"),
    KGO.Assessment: ("statements", "triangleDown"),
    KGO.Pledge: ("statements", "diamond"),
    KGO.Proposal: ("statements", "square"),
    KGO.Statement: ("statements", "dot"),
    KGO.PolicyIdea: ("statements", "dot"),
    KGO.IndicatorObservation: ("statements", "hexagon"),
    KGO.Place: ("places", "hexagon"),
    KGO.Country: ("places", "square"),
    KGO.Sector: ("other", "triangle"),
    KGO.Role: ("other", "square"),
    KGO.PostHolding: ("other", "diamond"),
    KGO.Photograph: ("other", "star"),
    # standard classes a user's own data may use
    FOAF.Person: ("people", "dot"),
    SCHEMA.Person: ("people", "dot"),
    ORG.Organization: ("organisations", "square"),
    FOAF.Organization: ("organisations", "square"),
    SCHEMA.Organization: ("organisations", "square"),
    SCHEMA.Event: ("events", "dot"),
    SCHEMA.Place: ("places", "hexagon"),
    SKOS.Concept: ("technologies", "dot"),
}

#: The overview: what the page shows first (people, organisations, missions and measures,
#: technology fields, events), and their subclasses.
OVERVIEW: frozenset[str] = frozenset(
    {
        KGO.Person, KGO.Organization, KGO.Mission, KGO.Measure, KGO.TechnologyField,
        KGO.Event, FOAF.Person, SCHEMA.Person, ORG.Organization, SCHEMA.Organization,
        SCHEMA.Event,
    }
)  # fmt: skip
_NOT_IN_OVERVIEW = frozenset({KGO.NewsOrganization, KGO.ParticipantGroup})


class Style(NamedTuple):
    family: str
    shape: str
    overview: bool


def style(cls: str, superclasses: Callable[[str], Iterable[str]]) -> Style:
    """The family, shape and overview membership of ``cls`` (by the table, else by its
    nearest listed superclass, breadth first, sorted; else "other"). ``superclasses``
    gives a class's direct superclasses (``in_graph`` reads them from an rdflib graph)."""
    cls = str(cls)
    seen, level = {cls}, [cls]
    found: tuple[str, str] | None = None
    overview = False
    while level:
        for c in level:
            overview = overview or (c in OVERVIEW and cls not in _NOT_IN_OVERVIEW)
        if found is None:
            listed = [c for c in level if c in CLASSES]
            if listed:
                found = (
                    CLASSES[listed[0]]
                    if level == [cls]
                    else (CLASSES[listed[0]][0], FAMILY[CLASSES[listed[0]][0]].shape)
                )
        nxt = sorted({s for c in level for s in superclasses(c)} - seen)
        seen.update(nxt)
        level = nxt
    family, shape = found or ("other", FAMILY["other"].shape)
    return Style(family, shape, overview)


def in_graph(graph: Any) -> Callable[[str], list[str]]:
    """A class's direct superclasses (rdfs:subClassOf, IRIs only) in an rdflib graph."""
    from rdflib import RDFS, URIRef

    def superclasses(cls: str) -> list[str]:
        return [
            str(s) for s in graph.objects(URIRef(cls), RDFS.subClassOf) if isinstance(s, URIRef)
        ]

    return superclasses
