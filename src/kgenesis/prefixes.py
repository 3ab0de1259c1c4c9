"""The project's prefixes as plain strings, importable without rdflib.

``namespaces`` turns them into rdflib namespaces for graphs; the fast query path and the
result formatters use them as they are, so ``kgenesis query`` need not import rdflib.
"""

from __future__ import annotations

import re

#: Every prefix the project binds, in a fixed order (outputs and queries use these names).
PREFIX_IRIS: dict[str, str] = {
    "kg": "https://w3id.org/kgenesis/id/",
    "kgo": "https://w3id.org/kgenesis/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "time": "http://www.w3.org/2006/time#",
    "sh": "http://www.w3.org/ns/shacl#",
}


def sparql_prolog() -> str:
    """``PREFIX`` declarations for every bound prefix, to put before a user's query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIX_IRIS.items())


_LOCAL_RE = re.compile(r"^[\w\-.]*$")


def shorten(iri: str) -> str:
    """``kg:bae-kyunghoon`` for an IRI under a project prefix (the longest that fits), else
    ``<iri>``: always a form SPARQL and Turtle read back as the same IRI."""
    best = ""
    for prefix, ns in PREFIX_IRIS.items():
        if iri.startswith(ns) and len(ns) > len(PREFIX_IRIS.get(best, "")):
            best = prefix
    if best:
        local = iri[len(PREFIX_IRIS[best]) :]
        if _LOCAL_RE.match(local) and not local.endswith("."):
            return f"{best}:{local}"
    return f"<{iri}>"
