"""Hints for a query that found nothing: a namespace the graph never uses, and the one the
query probably meant (``http://schema.org/`` for the graph's ``https://schema.org/``,
Dublin Core's ``dc:`` elements for the graph's ``dcterms:``).

A wrong namespace is the commonest reason for a silent empty answer. The check runs only
when a query returned nothing, reads the query's text (no parse) and the set of namespaces
the graph's IRIs use; it imports nothing heavy, so the fast query path can use it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

from ..prefixes import PREFIX_IRIS

_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.\-]*)?:\s*<([^<>\s]*)>", re.IGNORECASE)
_BASE_DECL = re.compile(r"\bBASE\s*<[^<>\s]*>", re.IGNORECASE)
_IRI = re.compile(r"<([A-Za-z][\w+.\-]*:[^<>\"{}|^`\\\s]*)>")
_PNAME = re.compile(r"(?<![\w?$:.\-])([A-Za-z][\w\-]*(?:\.[\w\-]+)*)?:(?=[\w\-%])")
#: Strings, IRIs and comments, found left to right (a ``#`` inside an IRI is not a comment).
_LEXEME = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|(<[^<>"{}|^`\\\s]*>)|#[^\n]*',
    re.DOTALL,
)

#: Namespaces people reach for that are not the ones the graph uses, and what it uses.
KNOWN_MIX_UPS = {
    "http://purl.org/dc/elements/1.1/": "http://purl.org/dc/terms/",
    "http://schema.org/": "https://schema.org/",
    "http://xmlns.com/foaf/spec/": "http://xmlns.com/foaf/0.1/",
    "http://www.w3.org/2006/time/": "http://www.w3.org/2006/time#",
}


def namespace_of(iri: str) -> str:
    """The part of ``iri`` up to its last ``#`` or ``/`` (the whole IRI where neither)."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut >= 0 else iri


def graph_namespaces(iris: Iterable[str]) -> set[str]:
    """The namespaces of the graph's IRIs."""
    return {namespace_of(iri) for iri in iris}


def query_namespaces(text: str, bindings: Mapping[str, str]) -> dict[str, str | None]:
    """Namespace → the prefix the query names it by (None for a full IRI), for every
    namespace the query's IRIs and prefixed names use. ``bindings`` are the prefixes in
    force before the query's own PREFIX lines (the project's, and the engine's)."""
    declared = dict(bindings)
    for prefix, iri in _PREFIX_DECL.findall(text):
        declared[prefix] = iri
    kept = _LEXEME.sub(lambda m: m.group(1) or " ", text)  # IRIs stay; strings, comments go
    body = _BASE_DECL.sub(" ", _PREFIX_DECL.sub(" ", kept))
    used: dict[str, str | None] = {}
    for iri in _IRI.findall(body):
        used.setdefault(namespace_of(iri), None)
    for prefix in _PNAME.findall(_IRI.sub(" ", body)):
        ns = declared.get(prefix)
        if ns is not None:
            used[ns] = prefix
    return used


def _plain(ns: str) -> str:
    """A namespace without the parts people get wrong: scheme, ``www.``, case, the end."""
    return re.sub(r"^https?://(www\.)?", "", ns.lower()).rstrip("/#")


def _prefix_for(ns: str) -> str:
    return next((f" ({p}:)" for p, iri in PREFIX_IRIS.items() if iri == ns), "")


def meant(ns: str, known: set[str]) -> str | None:
    """The graph namespace that ``ns`` probably stands for, or None."""
    if ns in KNOWN_MIX_UPS and KNOWN_MIX_UPS[ns] in known:
        return KNOWN_MIX_UPS[ns]
    plain = {_plain(k): k for k in sorted(known)}
    if _plain(ns) in plain:
        return plain[_plain(ns)]
    close = difflib.get_close_matches(_plain(ns), list(plain), n=1, cutoff=0.85)
    return plain[close[0]] if close else None


def hints(text: str, iris: Iterable[str], bindings: Mapping[str, str] | None = None) -> list[str]:
    """One line for each namespace the query uses that no IRI of the graph is in."""
    known = graph_namespaces(iris)
    lines = []
    for ns, prefix in query_namespaces(text, bindings or PREFIX_IRIS).items():
        if ns in known or any(k.startswith(ns) for k in known):
            continue
        named = f"{prefix}: <{ns}>" if prefix is not None else f"<{ns}>"
        guess = meant(ns, known)
        if guess is not None:
            lines.append(
                f"hint: the graph has no IRI in {named}; did you mean <{guess}>"
                f"{_prefix_for(guess)}?"
            )
        else:
            lines.append(f"hint: the graph has no IRI in {named}")
    return lines
