"""One plain view of an RDF term, whichever engine produced it.

The result formatters read terms through ``view``: rdflib's terms (the default engine) and
``Term`` (what the pyoxigraph fast path returns) print the same, and formatting a result
never needs rdflib imported.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

#: The languages every label is given in, the first preferred.
LANGS = ("ko", "en")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class Term(NamedTuple):
    """An RDF term as plain strings: ``kind`` is ``uri``, ``bnode`` or ``literal``.

    A literal has a ``language`` or a ``datatype`` other than xsd:string, or neither, as
    rdflib's literals do; ``str(term)`` is the IRI, blank-node label or lexical form.
    """

    kind: str
    value: str
    language: str | None = None
    datatype: str | None = None

    def __str__(self) -> str:
        return self.value


def view(term: Any) -> Term:
    """``term`` (a ``Term`` or an rdflib term) as a ``Term``."""
    if isinstance(term, Term):
        return term
    rdflib_term = sys.modules.get("rdflib.term")
    if rdflib_term is not None:
        if isinstance(term, rdflib_term.Literal):
            datatype = str(term.datatype) if term.datatype is not None else None
            return Term(
                "literal", str(term), term.language, shown_datatype(datatype, term.language)
            )
        if isinstance(term, rdflib_term.BNode):
            return Term("bnode", str(term))
        if isinstance(term, rdflib_term.URIRef):
            return Term("uri", str(term))
    raise TypeError(f"not an RDF term: {term!r}")


XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def literal(value: str, language: str | None, datatype: str | None) -> Term:
    """A literal from a store other than rdflib (pyoxigraph, a remote endpoint) as rdflib
    shows it: datatype left out where rdflib leaves it out, and an xsd:decimal written as an
    integer (stores write 50.0 as 50) given rdflib's ``.0``."""
    if datatype == XSD_DECIMAL and not any(c in value for c in ".eE"):
        value += ".0"
    return Term("literal", value, language or None, shown_datatype(datatype, language))


def shown_datatype(datatype: str | None, language: str | None) -> str | None:
    """No datatype for a language-tagged or xsd:string literal, as rdflib writes them."""
    if language or datatype in (XSD_STRING, RDF_LANGSTRING):
        return None
    return datatype


def pick_text(values: Iterable[Any], lang: str) -> str | None:
    """The first (sorted) literal among ``values`` whose language is ``lang`` (``ko`` also
    takes ``ko-KR``), or None: the one rule every label picker follows, on either engine.

    ``values`` are rdflib literals, ``Term``s or pyoxigraph literals; other terms are skipped.
    """
    found = sorted(
        _text(v)
        for v in values
        if _is_literal(v) and (getattr(v, "language", None) or "").lower().split("-")[0] == lang
    )
    return found[0] if found else None


def labels_from(
    per_property: Iterable[Iterable[Any]], fallback: Callable[[], str]
) -> dict[str, str]:
    """A term's label in each of ``LANGS``, from its values of each naming property in order
    of preference (rdflib literals, ``Term``s or pyoxigraph literals): the first property's
    label in that language, else the other language's, else an untagged label, else
    ``fallback()`` (its prefixed name)."""
    found: dict[str, str | None] = {lang: None for lang in LANGS}
    plain: str | None = None
    for given in per_property:
        values = list(given)
        if not values:
            continue  # (most terms have no skos:prefLabel: no sorting of nothing)
        for lang in LANGS:
            found[lang] = found[lang] or pick_text(values, lang)
        untagged = sorted(
            _text(v) for v in values if _is_literal(v) and not getattr(v, "language", None)
        )
        plain = plain or (untagged[0] if untagged else None)
    first = found["ko"] or found["en"] or plain or fallback()
    return {lang: found[lang] or plain or first for lang in LANGS}


def _text(value: Any) -> str:
    """A literal's lexical form: rdflib's is ``str()``, pyoxigraph's and ours ``.value``."""
    if isinstance(value, Term) or type(value).__module__.startswith("pyoxigraph"):
        return str(value.value)
    return str(value)


def _is_literal(value: Any) -> bool:
    if isinstance(value, Term):
        return value.kind == "literal"
    return type(value).__name__ == "Literal"  # rdflib's or pyoxigraph's, neither imported
