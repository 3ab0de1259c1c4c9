"""Result formats: aligned tables with Korean text, and the W3C formats checked by pyoxigraph."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

import pyoxigraph as ox  # a runtime dependency: never skipped
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kgenesis.errors import KgenesisError
from kgenesis.graph.namespaces import KG, sparql_prolog
from kgenesis.sparql.engine import execute, label_map, load_data
from kgenesis.sparql.results import (
    cell_width,
    render_boolean,
    render_csv,
    render_graph,
    render_json,
    render_markdown,
    render_rows,
    render_table,
    render_tsv,
    render_xml,
)

FIXTURE = Path(__file__).parents[1] / "data" / "valid" / "query-fixture.ttl"

ALL_TERMS = (
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"  # IRIs, tagged, typed, plain literals
)
OPTIONAL = "SELECT ?s ?en WHERE { ?s a ?c OPTIONAL { ?s rdfs:label ?en FILTER(lang(?en)='en') } }"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_data([FIXTURE])


def _bar_columns(line: str) -> list[int]:
    """Terminal cell positions of the column separators on one table line."""
    cols, width = [], 0
    for ch in line:
        if ch in "|+":
            cols.append(width)
        width += cell_width(ch)
    return cols


def test_cell_width_counts_hangul_as_two_cells() -> None:
    assert cell_width("배경훈") == 6
    assert cell_width("AI 인재") == 7
    assert cell_width("e\u0301") == 1  # combining accent takes no cell
    assert cell_width("ＡＢ") == 4  # fullwidth


def test_table_columns_line_up_with_korean_labels(graph: Graph) -> None:
    result = execute(
        graph,
        "SELECT ?s ?ko ?en WHERE { ?s rdfs:label ?ko, ?en "
        "FILTER(lang(?ko)='ko' && lang(?en)='en') }",
    )
    table = render_table(result.vars, result.terms)
    lines = table.splitlines()
    assert any("과학기술정보통신부" in line for line in lines)
    positions = {tuple(_bar_columns(line)) for line in lines}
    assert len(positions) == 1, table
    assert len(lines) == 2 + len(result.terms)


def test_table_shortens_iris_and_right_aligns_numbers(graph: Graph) -> None:
    result = execute(
        graph,
        "SELECT ?class ?n WHERE { VALUES (?class ?n) "
        "{ (kgo:Person 2) (<http://example.org/x> 10) } }",
    )
    table = render_table(result.vars, result.terms)
    assert " kgo:Person " in table
    assert "<http://example.org/x>" in table
    body = table.splitlines()[2:]
    assert body[0].endswith(" 2") and body[1].endswith("10")


def test_table_labels_beside_or_instead_of_iris(graph: Graph) -> None:
    rows = [(KG["bae-kyunghoon"],), (KG["presidential-office"],)]
    labels = label_map(graph, [r[0] for r in rows], "en")
    beside = render_table(["who"], rows, labels)
    instead = render_table(["who"], rows, labels, labels_only=True)
    assert "kg:bae-kyunghoon (Bae Kyung-hoon)" in beside
    assert " Bae Kyung-hoon" in instead and "kg:bae-kyunghoon" not in instead
    assert "kg:presidential-office" in instead  # no English label: the IRI stays


def test_table_escapes_newlines_and_clips_long_cells() -> None:
    rows = [(Literal("one\ntwo"),), (Literal("가" * 100),)]
    table = render_table(["v"], rows, max_width=20)
    assert "one\\ntwo" in table
    assert max(cell_width(line) for line in table.splitlines()) <= 22
    assert "…" in table


def test_table_shows_a_zwj_emoji_but_escapes_terminal_controls() -> None:
    """Regression: the ZWJ inside 👩‍💻 was printed as ``\\u200d``, splitting the emoji in two;
    ESC and a bidi override must still never reach the terminal raw."""
    rows = [(Literal("👩\u200d💻 dev"),), (Literal("a\x1b[2Jb"),), (Literal("x\u202ey"),)]
    table = render_table(["v"], rows)
    assert "👩\u200d💻 dev" in table
    assert "a\\u001b[2Jb" in table and "\x1b" not in table
    assert "x\\u202ey" in table and "\u202e" not in table


def test_markdown_table_keeps_markup_as_text(graph: Graph) -> None:
    rows = [(Literal('AI talent <b>&</b> "training"'), Literal("a|b"))]
    md = render_markdown(["label", "x"], rows)
    assert md.splitlines()[1] == "|---|---|"
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in md and "a\\|b" in md and "<b>" not in md


# --- W3C result formats, checked with pyoxigraph's parsers and serializers -------------------


def _oxi_store() -> object:
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TURTLE)
    return store


def _solutions(results: object) -> Counter:
    names = [v.value for v in results.variables]
    return Counter(tuple(None if s[v] is None else str(s[v]) for v in names) for s in results)


@pytest.mark.parametrize("text", [ALL_TERMS, OPTIONAL], ids=["all-terms", "optional"])
@pytest.mark.parametrize(
    "fmt,ox_fmt",
    [("json", "JSON"), ("xml", "XML"), ("tsv", "TSV")],
)
def test_result_format_parses_to_what_pyoxigraph_computes(
    graph: Graph, text: str, fmt: str, ox_fmt: str
) -> None:
    result = execute(graph, text)
    ours = render_rows(fmt, result.vars, result.terms)
    parsed = ox.parse_query_results(ours, format=getattr(ox.QueryResultsFormat, ox_fmt))
    expected = _oxi_store().query(sparql_prolog() + text)
    assert _solutions(parsed) == _solutions(expected)


@pytest.mark.parametrize("text", [ALL_TERMS, OPTIONAL], ids=["all-terms", "optional"])
def test_csv_matches_pyoxigraph_byte_for_byte(graph: Graph, text: str) -> None:
    result = execute(graph, text + " ORDER BY ?s ?en" if "OPTIONAL" in text else text)
    theirs = _oxi_store().query(
        sparql_prolog() + (text + " ORDER BY ?s ?en" if "OPTIONAL" in text else text)
    )
    expected = theirs.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")
    assert render_csv(result.vars, result.terms) == expected


@pytest.mark.parametrize("value", [True, False])
@pytest.mark.parametrize("fmt,ox_fmt", [("json", "JSON"), ("xml", "XML")])
def test_ask_formats_parse_as_booleans(value: bool, fmt: str, ox_fmt: str) -> None:
    parsed = ox.parse_query_results(
        render_boolean(fmt, value), format=getattr(ox.QueryResultsFormat, ox_fmt)
    )
    assert bool(parsed) is value


def test_ask_plain_text() -> None:
    assert render_boolean("table", True) == "true\n"
    assert render_boolean("csv", False) == "false\n"


def test_json_shape_follows_the_spec() -> None:
    rows = [(KG.a, Literal("배경훈", lang="ko"), Literal(3)), (BNode("b0"), None, Literal("x"))]
    doc = json.loads(render_json(["s", "l", "n"], rows))
    assert doc["head"] == {"vars": ["s", "l", "n"]}
    first, second = doc["results"]["bindings"]
    assert first["s"] == {"type": "uri", "value": str(KG.a)}
    assert first["l"] == {"type": "literal", "value": "배경훈", "xml:lang": "ko"}
    assert first["n"] == {"type": "literal", "value": "3", "datatype": str(XSD.integer)}
    assert second["s"] == {"type": "bnode", "value": "b0"} and "l" not in second
    assert second["n"] == {"type": "literal", "value": "x"}


def test_tsv_escapes_tabs_and_newlines() -> None:
    text = render_tsv(["v"], [(Literal("a\tb\nc"),)])
    assert text == '?v\n"a\\tb\\nc"\n'


def test_xml_refuses_characters_xml_cannot_carry() -> None:
    with pytest.raises(KgenesisError, match="use --format json"):
        render_xml(["v"], [(Literal("bell\x07"),)])


def test_construct_graph_formats(graph: Graph) -> None:
    result = execute(
        graph, "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a kgo:Person ; rdfs:label ?l }"
    )
    turtle = render_graph(result.graph, "turtle")
    assert "kg:bae-kyunghoon" in turtle and "ns1:" not in turtle
    assert len(Graph().parse(data=turtle, format="turtle")) == 4
    nt = render_graph(result.graph, "nt")
    assert nt.splitlines() == sorted(nt.splitlines()) and len(nt.splitlines()) == 4
    jsonld = render_graph(result.graph, "jsonld")
    assert len(Graph().parse(data=jsonld, format="json-ld")) == 4


def test_unknown_format_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        render_rows("yaml", ["v"], [(URIRef("urn:x"),)])


def test_render_graph_uses_the_one_serializer(
    graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CONSTRUCT/DESCRIBE output goes through kgenesis.export.serialize, never its own code."""
    import kgenesis.export

    calls: list[str] = []

    def fake(g: Graph, fmt: str, header_lines: list[str] | None = None) -> bytes:
        calls.append(fmt)
        return f"serialized as {fmt}\n".encode()

    monkeypatch.setattr(kgenesis.export, "serialize", fake)
    result = execute(graph, "CONSTRUCT WHERE { kg:ai ?p ?o }")
    for fmt in ("turtle", "ttl", "jsonld", "nt", "xml", "trig", "nq"):
        assert (
            render_graph(result.graph, fmt)
            == f"serialized as {'turtle' if fmt == 'ttl' else fmt}\n"
        )
    assert calls == ["turtle", "turtle", "jsonld", "nt", "xml", "trig", "nq"]
    with pytest.raises(ValueError, match="unknown graph format"):
        render_graph(result.graph, "csv")


def test_construct_output_equals_the_export_bytes(graph: Graph) -> None:
    from kgenesis.export import serialize

    result = execute(graph, "CONSTRUCT WHERE { ?s ?p ?o }")
    for fmt in ("turtle", "jsonld", "nt"):
        assert render_graph(result.graph, fmt).encode() == serialize(result.graph, fmt)


# --- terminal width by the terminal's rules (issue 15) -----------------------------------------


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        (unicodedata.normalize("NFD", "한국"), 4),  # two syllables of jamo: 2 cells each, not 4
        ("한국", 4),
        ("👩\u200d💻", 2),  # woman + ZWJ + laptop: one glyph
        ("❤\ufe0f", 2),  # VS16: emoji presentation, wide
        ("「국가」。", 10),  # CJK punctuation is wide
        ("a\u0301", 1),  # a combining accent takes no cell
        ("AI", 2),
    ],
)
def test_cell_width_follows_the_terminal(text: str, cells: int) -> None:
    assert cell_width(text) == cells


@pytest.mark.parametrize(
    ("text", "same_width"),
    [
        (unicodedata.normalize("NFD", "배경훈"), "배경훈"),  # a terminal draws NFD as NFC
        ("👩\u200d💻", "가"),  # ZWJ sequence: one wide glyph
        ("❤\ufe0f", "가"),  # VS16: one wide glyph
        ("「국가」。", "가가가가가"),  # CJK punctuation: wide
    ],
)
def test_a_table_stays_aligned_whatever_the_text(text: str, same_width: str) -> None:
    """Decomposed Hangul counted 4 cells where the terminal draws 2, pushing columns out;
    ZWJ emoji and VS16 were miscounted too. The table drawn around ``text`` must be the one
    drawn around text the terminal shows just as wide: same padding, same rules."""

    def table(cell: str) -> str:
        return render_table(
            ["name", "v"], [(Literal(cell), Literal("x")), (Literal("AI"), Literal("y"))]
        )

    assert table(text).replace(text, same_width) == table(same_width)


def test_clipping_never_cuts_inside_a_grapheme() -> None:
    from kgenesis.sparql.results import _clip

    nfd = unicodedata.normalize("NFD", "가나다라마바사")
    clipped = _clip(nfd, 7)
    assert clipped.endswith("…") and cell_width(clipped) <= 7
    assert unicodedata.normalize("NFC", clipped[:-1]) == "가나다"


# --- what a mutation run of results.py found untested (issue 15): every format, byte for byte --


def test_table_right_aligns_numbers_under_a_left_aligned_header_and_shows_blank_nodes() -> None:
    rows = [(BNode("b0"), Literal(7)), (KG["a"], Literal(12))]
    assert render_table(["thing", "n"], rows) == (
        " thing | n\n-------+----\n _:b0  |  7\n kg:a  | 12\n"
    )


def test_a_cell_as_wide_as_the_limit_is_whole_and_one_cell_more_is_clipped() -> None:
    assert (
        render_table(["v"], [(Literal("가" * 5),)], max_width=10).splitlines()[2] == " 가가가가가"
    )
    clipped = render_table(["v"], [(Literal("가" * 5 + "a"),)], max_width=10).splitlines()[2]
    assert clipped == " 가가가가…"


def test_the_default_cell_limit_is_80_cells() -> None:
    assert render_table(["v"], [(Literal("x" * 80),)]).splitlines()[2] == " " + "x" * 80
    assert render_table(["v"], [(Literal("x" * 81),)]).splitlines()[2] == " " + "x" * 79 + "…"


def test_labels_go_beside_the_name_unless_asked_instead() -> None:
    labels = {KG["a"]: "배경훈"}
    assert render_rows("table", ["x"], [(KG["a"],)], labels) == (
        " x\n---------------\n kg:a (배경훈)\n"
    )
    assert render_markdown(["x"], [(KG["a"],)], labels) == "| x |\n|---|\n| kg:a (배경훈) |\n"


def test_markdown_escapes_bars_and_breaks_lines_exactly() -> None:
    assert render_markdown(["v", "w"], [(Literal("a|b\nc"), None)]) == (
        "| v | w |\n|---|---|\n| a\\|b<br>c |  |\n"
    )


def test_csv_is_rfc_4180_with_crlf_and_blank_nodes_named() -> None:
    rows = [(BNode("b0"), Literal('x, "y"')), (None, KG["a"])]
    assert render_csv(["s", "o"], rows) == (
        's,o\r\n_:b0,"x, ""y"""\r\n,https://w3id.org/kgenesis/id/a\r\n'
    )


def test_tsv_escapes_backslash_quote_and_control_characters() -> None:
    rows = [(Literal('back\\slash "q" cr\r tab\t'), BNode("b1"))]
    assert render_tsv(["o", "b"], rows) == '?o\t?b\n"back\\\\slash \\"q\\" cr\\r tab\\t"\t_:b1\n'


def test_json_is_indented_and_keeps_korean_as_is() -> None:
    out = render_json(["s", "o"], [(None, Literal("배경훈", lang="ko"))])
    assert out == (
        '{\n  "head": {\n    "vars": [\n      "s",\n      "o"\n    ]\n  },\n'
        '  "results": {\n    "bindings": [\n      {\n        "o": {\n'
        '          "type": "literal",\n          "value": "배경훈",\n'
        '          "xml:lang": "ko"\n        }\n      }\n    ]\n  }\n}\n'
    )


def test_xml_escapes_markup_and_keeps_bindings_after_an_unbound_one() -> None:
    out = render_xml(["s", "o"], [(None, Literal('a<b>&"c"'))])
    assert '<binding name="o"><literal>a&lt;b&gt;&amp;&quot;c&quot;</literal></binding>' in out
    assert '<binding name="s">' not in out


def test_xml_refuses_a_character_it_cannot_carry_saying_what_to_use() -> None:
    with pytest.raises(KgenesisError) as info:
        render_xml(["v"], [(Literal("bell\x07"),)])
    assert str(info.value) == "a value holds a character XML cannot carry; use --format json"


def test_an_unknown_row_format_is_named() -> None:
    with pytest.raises(ValueError) as info:
        render_rows("yaml", ["v"], [])
    assert str(info.value) == "unknown result format 'yaml'"


def test_a_graph_is_turtle_unless_asked() -> None:
    graph = Graph()
    graph.add((KG["a"], KG["b"], Literal("배경훈")))
    assert render_graph(graph) == render_graph(graph, "turtle")
    assert '"배경훈"' in render_graph(graph)


def test_an_unbound_middle_cell_is_padded_to_its_column() -> None:
    assert render_table(["a", "b", "c"], [(Literal("x"), None, Literal("y"))]) == (
        " a | b | c\n---+---+---\n x |   | y\n"
    )


def test_a_cell_limit_of_0_clips_nothing_and_1_leaves_the_ellipsis() -> None:
    assert render_table(["v"], [(Literal("x" * 120),)], max_width=0).splitlines()[2] == (
        " " + "x" * 120
    )
    assert render_table(["v"], [(Literal("xy"),)], max_width=1).splitlines()[2] == " …"
