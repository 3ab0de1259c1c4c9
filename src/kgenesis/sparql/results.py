"""Query results as text: aligned tables, CSV/TSV, SPARQL JSON and XML, Markdown, RDF.

Tables count East Asian wide characters (Hangul, CJK) as two terminal cells so columns
stay aligned with Korean labels; machine formats follow the W3C result specifications.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .. import formats
from ..prefixes import shorten
from ..terms import view

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

    Row = Sequence[Any]  # rdflib terms or kgenesis.terms.Term, None when unbound

#: ``--format`` values for SELECT/ASK results (graphs: ``kgenesis.formats``).
TABLE_FORMATS = formats.names(formats.ROWS, aliases=False)

_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {f"{_XSD}{t}" for t in ("integer", "decimal", "double", "float", "int", "long")}
_CONTROL = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: Format characters shown as they are, not escaped: the zero-width joiners that make an emoji
#: sequence (👩‍💻) or a ligature one glyph. Every other non-printable character (ESC, a bidi
#: override) is shown as ``\uXXXX``, so no cell can move the cursor or reorder a line.
_JOINERS = {"\u200c", "\u200d"}
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def cell_width(text: str) -> int:
    """Terminal cells ``text`` occupies, by the terminal's rules (``wcwidth``): wide and
    fullwidth characters 2, combining marks 0, and a grapheme drawn as one glyph counted
    once: decomposed (NFD) Hangul syllables, emoji joined by ZWJ, VS16 presentation.

    wcwidth is imported here, not at the top: only tables, Markdown and messages measure
    text, and the fast query path writing TSV stays light.
    """
    from wcwidth import width

    return max(0, width(text))


def _clip(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` cells, ending in an ellipsis when cut; never inside
    a grapheme (a Hangul syllable's jamo or an emoji sequence stay whole)."""
    if limit <= 0 or cell_width(text) <= limit:
        return text
    from wcwidth import iter_graphemes

    out, used = [], 0
    for grapheme in iter_graphemes(text):
        w = cell_width(grapheme)
        if used + w > limit - 1:
            break
        out.append(grapheme)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * (width - cell_width(text))
    return gap + text if right else text + gap


def display(term: Node | None, labels: Mapping[Node, str] | None = None, only: bool = False) -> str:
    """A term as a human reads it: prefixed name, label beside or instead, plain literal text."""
    if term is None:
        return ""
    plain = view(term)
    if plain.kind == "uri":
        name = shorten(plain.value)
        label = labels.get(term) if labels else None
        text = name if label is None else label if only else f"{name} ({label})"
    elif plain.kind == "bnode":
        text = f"_:{plain.value}"
    else:
        text = plain.value
    return "".join(
        _CONTROL.get(ch, ch if ch.isprintable() or ch in _JOINERS else f"\\u{ord(ch):04x}")
        for ch in text
    )


def _is_numeric(term: Node | None) -> bool:
    return term is not None and view(term).datatype in _NUMERIC


def render_table(
    names: Sequence[str],
    rows: Sequence[Row],
    labels: Mapping[Node, str] | None = None,
    labels_only: bool = False,
    max_width: int = 80,
) -> str:
    """An aligned text table; numbers right-aligned, cells clipped to ``max_width`` cells."""
    cells = [[_clip(display(t, labels, labels_only), max_width) for t in row] for row in rows]
    widths = [cell_width(n) for n in names]
    for row in cells:
        widths = [max(w, cell_width(c)) for w, c in zip(widths, row, strict=True)]
    numeric = [
        bool(rows) and all(_is_numeric(r[i]) or r[i] is None for r in rows)
        for i in range(len(names))
    ]

    def line(values: Sequence[str], align: Sequence[bool]) -> str:
        parts = [_pad(v, w, a) for v, w, a in zip(values, widths, align, strict=True)]
        return (" " + " | ".join(parts)).rstrip()

    out = [line(names, [False] * len(names)), "-" + "-+-".join("-" * w for w in widths) + "-"]
    out.extend(line(row, numeric) for row in cells)
    return "\n".join(out) + "\n"


def render_markdown(
    names: Sequence[str],
    rows: Sequence[Row],
    labels: Mapping[Node, str] | None = None,
    labels_only: bool = False,
) -> str:
    """A GitHub Markdown table; ``|``, ``<``, ``>`` and ``&`` in values stay text."""

    def esc(text: str) -> str:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return text.replace("|", "\\|").replace("\\n", "<br>")

    out = ["| " + " | ".join(esc(n) for n in names) + " |", "|" + "---|" * len(names)]
    for row in rows:
        out.append("| " + " | ".join(esc(display(t, labels, labels_only)) for t in row) + " |")
    return "\n".join(out) + "\n"


def render_csv(names: Sequence[str], rows: Sequence[Row]) -> str:
    """SPARQL 1.1 CSV: plain values, CRLF line ends, quotes only where needed."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow(
            ["" if t is None else f"_:{t}" if view(t).kind == "bnode" else str(t) for t in row]
        )
    return buf.getvalue()


def _escape_string(text: str) -> str:
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    return out.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def nt_term(term: Node) -> str:
    """A term in N-Triples/Turtle syntax, as SPARQL TSV writes it."""
    plain = view(term)
    if plain.kind == "bnode":
        return f"_:{plain.value}"
    if plain.kind == "literal":
        text = f'"{_escape_string(plain.value)}"'
        if plain.language:
            return f"{text}@{plain.language}"
        if plain.datatype:
            return f"{text}^^<{plain.datatype}>"
        return text
    return f"<{plain.value}>"


def render_tsv(names: Sequence[str], rows: Sequence[Row]) -> str:
    """SPARQL 1.1 TSV: ``?var`` header, terms in Turtle syntax, LF line ends."""
    out = ["\t".join(f"?{n}" for n in names)]
    out.extend("\t".join("" if t is None else nt_term(t) for t in row) for row in rows)
    return "\n".join(out) + "\n"


def _json_term(term: Node) -> dict[str, str]:
    plain = view(term)
    obj = {"type": plain.kind, "value": plain.value}
    if plain.language:
        obj["xml:lang"] = plain.language
    elif plain.datatype:
        obj["datatype"] = plain.datatype
    return obj


def render_json(names: Sequence[str], rows: Sequence[Row], boolean: bool | None = None) -> str:
    """SPARQL 1.1 Query Results JSON (``boolean`` set: an ASK result)."""
    doc: dict[str, Any]
    if boolean is not None:
        doc = {"head": {}, "boolean": boolean}
    else:
        bindings = [
            {n: _json_term(t) for n, t in zip(names, row, strict=True) if t is not None}
            for row in rows
        ]
        doc = {"head": {"vars": list(names)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _xml_text(text: str) -> str:
    from ..errors import KgenesisError

    if _XML_BAD.search(text):
        raise KgenesisError("a value holds a character XML cannot carry; use --format json")
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def render_xml(names: Sequence[str], rows: Sequence[Row], boolean: bool | None = None) -> str:
    """SPARQL Query Results XML Format."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
        "  <head>",
    ]
    out.extend(f'    <variable name="{_xml_text(n)}"/>' for n in names)
    out.append("  </head>")
    if boolean is not None:
        out.append(f"  <boolean>{'true' if boolean else 'false'}</boolean>")
    else:
        out.append("  <results>")
        for row in rows:
            out.append("    <result>")
            for name, t in zip(names, row, strict=True):
                if t is None:
                    continue
                plain = view(t)
                attr = ""
                if plain.language:
                    attr = f' xml:lang="{_xml_text(plain.language)}"'
                elif plain.datatype:
                    attr = f' datatype="{_xml_text(plain.datatype)}"'
                value = f"<{plain.kind}{attr}>{_xml_text(plain.value)}</{plain.kind}>"
                out.append(f'      <binding name="{_xml_text(name)}">{value}</binding>')
            out.append("    </result>")
        out.append("  </results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def render_rows(
    fmt: str,
    names: Sequence[str],
    rows: Sequence[Row],
    labels: Mapping[Node, str] | None = None,
    labels_only: bool = False,
) -> str:
    """SELECT rows in ``fmt`` (one of ``TABLE_FORMATS``); labels apply to table and md."""
    if fmt == "table":
        return render_table(names, rows, labels, labels_only)
    if fmt == "md":
        return render_markdown(names, rows, labels, labels_only)
    if fmt == "csv":
        return render_csv(names, rows)
    if fmt == "tsv":
        return render_tsv(names, rows)
    if fmt == "json":
        return render_json(names, rows)
    if fmt == "xml":
        return render_xml(names, rows)
    raise ValueError(f"unknown result format {fmt!r}")


def render_boolean(fmt: str, value: bool) -> str:
    """An ASK answer: ``true``/``false``, or the JSON/XML boolean result."""
    if fmt == "json":
        return render_json([], [], boolean=value)
    if fmt == "xml":
        return render_xml([], [], boolean=value)
    return ("true" if value else "false") + "\n"


def render_graph(graph: Graph, fmt: str = "turtle") -> str:
    """A CONSTRUCT/DESCRIBE graph in a graph format of ``kgenesis.formats``, by the one
    serializer (``kgenesis.export.serialize``: canonical, the same bytes under any
    ``PYTHONHASHSEED``)."""
    from ..export import serialize

    spec = formats.by_name(fmt, formats.GRAPH)
    if spec is None:
        raise ValueError(f"unknown graph format {fmt!r}")
    return serialize(graph, spec.name).decode("utf-8")
