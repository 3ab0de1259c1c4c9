"""The project's prefixes as plain strings, importable without rdflib.

``namespaces`` turns them into rdflib namespaces for graphs; the fast query path and the
result formatters use them as they are, so ``kgenesis query`` need not import rdflib.
"""

from __future__ import annotations

import re
from functools import lru_cache

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


class PlainNamespace(str):
    """A namespace whose attributes are its IRIs as plain strings (``PLAIN["kgo"].Person``),
    for code that must not import rdflib: the rules the census reads, the view's styles."""

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):  # copy, pickle and friends ask for what str has not
            raise AttributeError(name)
        return str.__add__(self, name)


#: Every project prefix as a ``PlainNamespace``.
PLAIN: dict[str, PlainNamespace] = {p: PlainNamespace(iri) for p, iri in PREFIX_IRIS.items()}


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


_DECLARED_RE = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.\-]*)?\s*:")
_OPENING_RE = re.compile(r"\A(?:[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n))*")


def declare_prefixes(text: str) -> str:
    """``text`` with a ``PREFIX`` line for each project prefix it uses but does not declare,
    after its opening comment lines: what ``kgenesis query`` declares for you, written out
    for an endpoint that does not (``--endpoint``) and for the query page's editor."""
    from .sparql.engine import blank_lexemes

    code = blank_lexemes(text)
    declared = {m.group(1) or "" for m in _DECLARED_RE.finditer(code)}
    missing = [
        prefix
        for prefix in PREFIX_IRIS
        if prefix not in declared and re.search(rf"(?<![\w.\-:?$]){re.escape(prefix)}:", code)
    ]
    if not missing:
        return text
    lines = "".join(f"PREFIX {p}: <{PREFIX_IRIS[p]}>\n" for p in missing)
    opening = _OPENING_RE.match(text)
    cut = opening.end() if opening else 0
    return text[:cut] + lines + text[cut:]


@lru_cache(maxsize=1 << 16)
def curie(iri: str) -> str:
    """``shorten``, remembered: a class or a property is named once per node or edge, 10^5
    times in a large graph (rdflib's terms are taken as their IRIs)."""
    return shorten(str(iri))
