"""Hints for a query that found nothing: a namespace the graph never uses, and the one the
query probably meant (``http://schema.org/`` for the graph's ``https://schema.org/``,
Dublin Core's ``dc:`` elements for the graph's ``dcterms:``).

A wrong namespace is the commonest reason for a silent empty answer. The check runs only
when a query returned nothing, reads the query's text (no parse) and the set of namespaces
the graph's IRIs use; it imports nothing heavy, so the fast query path can use it.

A large store is not read whole for it (``probed_hints``): passing over every IRI of 10^6
triples cost 1.6 s, half a query. A namespace counts as used when one of the query's own
IRIs in it is in the graph (an index look-up each) or when an IRI among the first
``PROBE`` read is in it; only what is left gets a hint. Where the probe read the whole
graph the hints are the ones ``hints`` gives; where it did not, the line says only what
was checked: none of the query's IRIs in that namespace is in the graph.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Callable, Iterable, Mapping

from ..prefixes import PREFIX_IRIS

_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.\-]*)?:\s*<([^<>\s]*)>", re.IGNORECASE)
_BASE_DECL = re.compile(r"\bBASE\s*<[^<>\s]*>", re.IGNORECASE)
_IRI = re.compile(r"<([A-Za-z][\w+.\-]*:[^<>\"{}|^`\\\s]*)>")
_PNAME = re.compile(r"(?<![\w?$:.\-])([A-Za-z][\w\-]*(?:\.[\w\-]+)*)?:(?=[\w\-%])")
#: A prefixed name's local part (roughly: an escape or a ``%`` stays as written).
_LOCAL = re.compile(r"(?:[\w\-%:]|\.(?=[\w\-%:]))*")
#: How many IRIs ``probed_hints`` reads from a large store: 100,000 triples' worth, 0.1 s.
PROBE = 300_000
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
    return {ns: prefix for ns, (prefix, _iris) in query_iris(text, bindings).items()}


def query_iris(text: str, bindings: Mapping[str, str]) -> dict[str, tuple[str | None, set[str]]]:
    """``query_namespaces``, each namespace with the IRIs the query names in it (a prefixed
    name's IRI as written, escapes and all: it serves only to look the IRI up)."""
    declared = dict(bindings)
    for prefix, iri in _PREFIX_DECL.findall(text):
        declared[prefix] = iri
    kept = _LEXEME.sub(lambda m: m.group(1) or " ", text)  # IRIs stay; strings, comments go
    body = _BASE_DECL.sub(" ", _PREFIX_DECL.sub(" ", kept))
    used: dict[str, tuple[str | None, set[str]]] = {}
    for iri in _IRI.findall(body):
        used.setdefault(namespace_of(iri), (None, set()))[1].add(iri)
    names = _IRI.sub(" ", body)
    for match in _PNAME.finditer(names):
        ns = declared.get(match.group(1))
        if ns is not None:
            local = _LOCAL.match(names, match.end())
            iris = used.get(ns, (None, set()))[1]
            iris.add(ns + (local.group(0) if local else ""))
            used[ns] = (match.group(1), iris)
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
    return _lines(query_namespaces(text, bindings or PREFIX_IRIS), graph_namespaces(iris))


def probed_hints(
    text: str,
    bindings: Mapping[str, str],
    occurs: Callable[[str], bool],
    iris: Iterable[str],
    probe: int = PROBE,
) -> list[str]:
    """``hints`` for a large graph, without reading all of it (see the module's docstring):
    ``occurs(iri)`` says whether an IRI is in the graph, ``iris`` yields its IRIs (only the
    first ``probe`` are read, and only while a namespace is still unaccounted for)."""
    named = query_iris(text, bindings)
    left = {
        ns: prefix for ns, (prefix, found) in named.items() if not any(map(occurs, sorted(found)))
    }
    if not left:
        return []
    known: set[str] = set()
    read = itertools.islice(iris, probe + 1)
    count = 0
    for iri in read:
        count += 1
        ns = namespace_of(iri)
        if ns in known:
            continue
        known.add(ns)
        for wanted in [w for w in left if ns.startswith(w)]:
            del left[wanted]
        if not left:
            return []
    return _lines(left, known, whole=count <= probe)


def _is_used(ns: str, known: set[str]) -> bool:
    return ns in known or any(k.startswith(ns) for k in known)


def _lines(used: Mapping[str, str | None], known: set[str], whole: bool = True) -> list[str]:
    """The hint lines for the query's namespaces ``used`` (namespace → its prefix) that no
    namespace of ``known`` is in; ``whole``: ``known`` is every namespace of the graph."""
    lines = []
    for ns, prefix in used.items():
        if _is_used(ns, known):
            continue
        named = f"{prefix}: <{ns}>" if prefix is not None else f"<{ns}>"
        said = (
            f"hint: the graph has no IRI in {named}"
            if whole
            else f"hint: none of the query's IRIs in {named} is in the graph"
        )
        guess = meant(ns, known)
        if guess is not None:
            lines.append(f"{said}; did you mean <{guess}>{_prefix_for(guess)}?")
        else:
            lines.append(said)
    return lines
