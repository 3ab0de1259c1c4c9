"""The query library: resolving queries, refusing unsafe ones, time limits, loading data."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from rdflib import RDFS, Dataset, Graph, Literal, URIRef

from conftest import Audit, Listener
from kgenesis.errors import SourceError, UsageError
from kgenesis.graph.namespaces import KG, sparql_prolog
from kgenesis.sparql.engine import (
    QueryEvaluationError,
    QuerySyntaxError,
    UnsafeQueryError,
    execute,
    label_map,
    load_data,
    read_header,
    resolve,
    saved_queries,
)
from kgenesis.timelimit import QueryTimeout

DATA = Path(__file__).parents[1] / "data"
FIXTURE = DATA / "valid" / "query-fixture.ttl"
INVALID = DATA / "invalid"
ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_data([FIXTURE])


# --- resolving and saved queries ------------------------------------------------------------


def test_saved_queries_have_title_and_description() -> None:
    saved = saved_queries()
    assert {"classes", "labels"} <= set(saved)
    for query in saved.values():
        assert query.title and query.description, f"{query.path} lacks # title / # description"
        assert "\n" not in query.description


def test_resolve_inline_file_and_saved_name(tmp_path: Path) -> None:
    assert resolve("ASK {}") == ("<query>", "ASK {}")
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert resolve(str(rq)) == (str(rq), "ASK { ?s ?p ?o }")
    name, text = resolve("classes")
    assert name == "classes" and "COUNT" in text


def test_unknown_saved_query_suggests_closest_names() -> None:
    with pytest.raises(UsageError, match=r"unknown saved query 'clases'; did you mean classes"):
        resolve("clases")


@pytest.mark.parametrize(
    "typed,meant",
    [("cq-04", "cq-04-who-leads-what"), ("cq-4", "cq-04-who-leads-what"), ("CLASSES", "classes")],
)
def test_unknown_saved_query_suggests_by_prefix_and_case(typed: str, meant: str) -> None:
    with pytest.raises(UsageError, match=f"did you mean {meant}"):
        resolve(typed)


def test_a_byte_order_mark_before_a_query_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.rq"
    path.write_bytes("\ufeffASK { ?s ?p ?o }".encode())
    assert resolve(str(path))[1] == "ASK { ?s ?p ?o }"


def test_syntax_error_caret_lands_under_the_fault_after_tabs() -> None:
    with pytest.raises(QuerySyntaxError) as info:
        execute(Graph(), 'SELECT ?s WHERE {\n\t\t?s rdfs:label "x" ?bad }')
    shown, caret = str(info.value).splitlines()[1:3]
    assert shown[caret.index("^")] == "?"
    assert shown[caret.index("^") :].startswith("?bad")


def test_rows_whose_variables_are_all_unbound_are_kept(graph: Graph) -> None:
    """rdflib's own iterator drops them; an OPTIONAL that matches nothing is still a row."""
    people = execute(graph, "SELECT ?p WHERE { ?p a kgo:Person }")
    result = execute(
        graph, "SELECT ?nick WHERE { ?p a kgo:Person OPTIONAL { ?p kgo:nickname ?nick } }"
    )
    assert len(result.terms) == len(people.terms) >= 2
    assert all(row == (None,) for row in result.terms)


def test_missing_query_file_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="no such query file"):
        resolve("nowhere/missing.rq")


# --- invalid queries: each fails with its own error ------------------------------------------

INVALID_QUERIES = {
    "query-syntax.rq": (QuerySyntaxError, r"line 3, column 19 near '\.'"),
    "query-service.rq": (UnsafeQueryError, r"SERVICE <http://127\.0\.0\.1:9/sparql> is refused"),
    "query-load.rq": (UnsafeQueryError, r"updates are refused \(LOAD\)"),
    "query-from.rq": (UnsafeQueryError, r"FROM / FROM NAMED is refused"),
    "query-from-named.rq": (UnsafeQueryError, r"FROM / FROM NAMED is refused"),
    "query-update.rq": (UnsafeQueryError, r"updates are refused \(INSERT DATA\)"),
    "query-delete.rq": (UnsafeQueryError, r"updates are refused \(DELETE WHERE\)"),
    "query-unknown-prefix.rq": (QuerySyntaxError, r"unknown prefix nope:"),
}


def test_every_invalid_query_fixture_is_covered() -> None:
    assert {p.name for p in INVALID.glob("query-*.rq")} == set(INVALID_QUERIES)


@pytest.mark.parametrize("name", sorted(INVALID_QUERIES))
def test_invalid_query_fails_with_its_error(graph: Graph, name: str) -> None:
    error, message = INVALID_QUERIES[name]
    _, text = resolve(str(INVALID / name))
    with pytest.raises(error, match=message):
        execute(graph, text)


def test_syntax_error_marks_the_column_under_korean_text(graph: Graph) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        execute(graph, 'SELECT * WHERE {\n  ?s rdfs:label "배경훈"@ko ..\n}')
    first, line, caret = str(info.value).splitlines()
    assert first.startswith("SPARQL syntax error at line 2, column 27")
    # 배경훈 is three characters but six terminal cells: the caret sits under the second dot.
    assert caret.index("^") == line.index("..") + 1 + 3


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://x/> { ?s ?p ?o } } }",
        "SELECT * WHERE { { SELECT ?s WHERE { SERVICE SILENT <http://x/> { ?s ?p ?o } } } }",
        "ASK { OPTIONAL { SERVICE ?endpoint { ?s ?p ?o } } }",
    ],
)
def test_nested_service_is_refused(graph: Graph, text: str) -> None:
    with pytest.raises(UnsafeQueryError, match="SERVICE"):
        execute(graph, text)


def test_the_word_service_inside_a_string_is_fine(graph: Graph) -> None:
    text = 'SELECT ?x WHERE { BIND("SERVICE <http://x/> { } FROM <y> LOAD <z>" AS ?x) }'
    assert execute(graph, text).terms == [(Literal("SERVICE <http://x/> { } FROM <y> LOAD <z>"),)]


def test_common_prefixes_are_declared_and_own_prefixes_still_work(graph: Graph) -> None:
    ours = execute(graph, "SELECT ?l WHERE { kg:ai rdfs:label ?l FILTER(lang(?l) = 'en') }")
    own = execute(
        graph,
        "PREFIX kg: <https://w3id.org/kgenesis/ontology#>\n"
        "PREFIX ex: <https://w3id.org/kgenesis/id/>\n"
        "SELECT ?x WHERE { ex:ai a ?x . FILTER(?x = kg:Technology) }",
    )
    assert ours.terms == [(Literal("Artificial intelligence", lang="en"),)]
    assert len(own.terms) == 1  # the query's own kg: overrides the declared one


def test_deeply_nested_query_is_reported_not_a_recursion_error(graph: Graph) -> None:
    text = "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000
    with pytest.raises(QuerySyntaxError, match="too deeply nested"):
        execute(graph, text)


# --- nothing reaches the network or the disk -------------------------------------------------


def _unsafe_queries(port: int, secret: Path) -> list[str]:
    url = f"http://127.0.0.1:{port}"
    return [
        f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        f"LOAD <{url}/data.ttl>",
        f"LOAD <{secret.as_uri()}> INTO GRAPH <urn:g>",
        f"SELECT * FROM <{url}/g.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{secret.as_uri()}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} FROM <{url}/g.ttl> WHERE {{ ?s ?p ?o }}",
        f"ASK FROM <{secret.as_uri()}> {{ ?s ?p ?o }}",
    ]


def test_refused_queries_reach_no_listener_and_read_no_file(
    graph: Graph, listener: Listener, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.ttl"
    secret.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    with Audit(secret) as audit:
        for text in _unsafe_queries(listener.port, secret):
            with pytest.raises(UnsafeQueryError):
                execute(graph, text, timeout=5)
    time.sleep(0.3)  # give a stray connection time to be accepted
    assert listener.connections == 0
    assert audit.events == []


def test_the_harness_would_see_rdflib_reach_out_without_our_checks(
    graph: Graph, listener: Listener, tmp_path: Path
) -> None:
    """Control: plain rdflib does connect and read, so the test above can fail."""
    secret = tmp_path / "secret.ttl"
    secret.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    queries = _unsafe_queries(listener.port, secret)
    with Audit(secret) as audit:
        with pytest.raises(Exception):  # noqa: B017 - the listener answers nothing useful
            list(graph.query(queries[0]))
        list(Dataset().query(queries[4]))  # rdflib loads FROM graphs into a dataset
    time.sleep(0.3)
    assert listener.connections >= 1
    assert any(event == "socket.connect" for event, _ in audit.events)
    assert any(event == "open" for event, _ in audit.events)


# --- time limits --------------------------------------------------------------------------

CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
REGEX = 'SELECT * WHERE { ?s ?p ?o FILTER(REGEX(CONCAT(STR(?o), "' + "a" * 40 + '!"), "(a+)+$")) }'


@pytest.mark.parametrize("text", [CARTESIAN, REGEX], ids=["cartesian", "regex"])
def test_runaway_query_is_stopped_in_the_main_thread(graph: Graph, text: str) -> None:
    start = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"stopped after 0\.5 s"):
        execute(graph, text, timeout=0.5)
    assert time.monotonic() - start < 5


def _in_thread(fn):  # type: ignore[no-untyped-def]
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: B036
            box["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(30)
    assert not thread.is_alive()
    return box


@pytest.mark.parametrize("text", [CARTESIAN, REGEX], ids=["cartesian", "regex"])
def test_runaway_query_is_stopped_off_the_main_thread(graph: Graph, text: str) -> None:
    start = time.monotonic()
    box = _in_thread(lambda: execute(graph, text, timeout=0.5))
    assert isinstance(box.get("error"), QueryTimeout)
    assert time.monotonic() - start < 5


def test_query_off_the_main_thread_returns_its_rows(graph: Graph) -> None:
    box = _in_thread(lambda: execute(graph, "SELECT ?l WHERE { kg:bae-kyunghoon rdfs:label ?l }"))
    result = box["value"]
    assert sorted(result.terms) == sorted(  # type: ignore[attr-defined]
        [(Literal("배경훈", lang="ko"),), (Literal("Bae Kyung-hoon", lang="en"),)]
    )


def test_errors_off_the_main_thread_keep_their_type(graph: Graph) -> None:
    box = _in_thread(lambda: execute(graph, "SELECT * WHERE { ?s ?p ?o .. }"))
    assert isinstance(box.get("error"), QuerySyntaxError)


def test_runaway_regex_is_stopped_even_with_sigalrm_blocked(graph: Graph) -> None:
    """CI hung here: a catastrophic REGEX in the main thread outlived its time limit."""
    import signal

    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    try:
        start = time.monotonic()
        with pytest.raises(QueryTimeout, match=r"stopped after 0\.5 s"):
            execute(graph, REGEX, timeout=0.5)
        assert time.monotonic() - start < 5
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def test_alarm_handler_is_restored_after_a_query(graph: Graph) -> None:
    import signal

    before = signal.getsignal(signal.SIGALRM)
    execute(graph, "ASK { ?s ?p ?o }")
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


# --- loading data files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "suffix,fmt",
    [(".nt", "nt"), (".nq", "nquads"), (".trig", "trig"), (".jsonld", "json-ld"), (".rdf", "xml")],
)
def test_data_formats_are_chosen_by_extension(tmp_path: Path, suffix: str, fmt: str) -> None:
    source = Graph().parse(FIXTURE)
    path = tmp_path / f"data{suffix}"
    if fmt in ("nquads", "trig"):
        ds = Dataset()
        named = ds.graph(URIRef("urn:graph:one"))
        for triple in source:
            named.add(triple)
        ds.serialize(path, format=fmt)
    else:
        source.serialize(path, format=fmt)
    loaded = load_data([path])
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert execute(loaded, count).terms == [(Literal(len(source)),)]


def test_quads_can_be_queried_by_graph(tmp_path: Path) -> None:
    path = tmp_path / "data.nq"
    path.write_text("<urn:a> <urn:b> <urn:c> <urn:graph:one> .\n", encoding="utf-8")
    result = execute(load_data([path]), "SELECT ?g WHERE { GRAPH ?g { <urn:a> ?p ?o } }")
    assert result.terms == [(URIRef("urn:graph:one"),)]


BAD_DATA = {
    "broken.ttl": (
        b"@prefix kg: <https://w3id.org/kgenesis/id/> .\n\nkg:a kg:b .\n",
        r"broken\.ttl:3:10: Turtle syntax error",
    ),
    "empty.ttl": (b"  \n", r"empty\.ttl: empty file"),
    "comments.ttl": (b"# nothing here\n", r"comments\.ttl: empty file"),
    "latin1.ttl": (b'<urn:a> <urn:b> "caf\xe9" .\n', r"latin1\.ttl:1: not UTF-8"),
    "doctype.rdf": (
        b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e "x">]>\n<rdf:RDF xmlns:rdf='
        b'"http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n',
        r"DOCTYPE or entity declarations is refused",
    ),
    "remote.jsonld": (
        b'{"@context": "https://schema.org/", "@id": "urn:a", "name": "x"}',
        r"remote JSON-LD contexts are not fetched",
    ),
    "data.csv": (b"a,b\n", r"unknown RDF file extension"),
}


@pytest.mark.parametrize("name", sorted(BAD_DATA))
def test_bad_data_file_names_the_file(tmp_path: Path, name: str) -> None:
    content, message = BAD_DATA[name]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises((SourceError, UsageError), match=message):
        load_data([path])


def test_missing_data_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="nope.ttl: no such file"):
        load_data([tmp_path / "nope.ttl"])


def test_label_map_picks_the_language(graph: Graph) -> None:
    terms = [KG["bae-kyunghoon"], KG["presidential-office"], Literal("x"), None]
    assert label_map(graph, terms, "en") == {KG["bae-kyunghoon"]: "Bae Kyung-hoon"}
    assert label_map(graph, terms, "ko")[KG["presidential-office"]] == "대통령실"


# --- correctness against an independent engine (pyoxigraph) ----------------------------------


def _norm_ours(term: object) -> object:
    from rdflib.term import BNode

    if term is None:
        return None
    if isinstance(term, Literal):
        return ("literal", str(term), str(term.datatype or ""), (term.language or "").lower())
    if isinstance(term, BNode):
        return ("bnode",)
    return ("iri", str(term))


def _norm_oxi(term: object) -> object:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        lang = (term.language or "").lower()
        datatype = "" if lang else term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            datatype = ""
        return ("literal", term.value, datatype, lang)
    if isinstance(term, ox.BlankNode):
        return ("bnode",)
    return ("iri", term.value)


def _compare_with_oxigraph(path: Path, text: str) -> int:
    import pyoxigraph as ox  # a runtime dependency

    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    theirs = store.query(sparql_prolog() + text)
    ours = execute(load_data([path]), text, timeout=120)
    if isinstance(theirs, ox.QueryBoolean):
        assert ours.boolean == bool(theirs)
        return 1
    if isinstance(theirs, ox.QueryTriples):
        a = Counter(tuple(_norm_ours(t) for t in triple) for triple in ours.triples)
        b = Counter(
            (_norm_oxi(t.subject), _norm_oxi(t.predicate), _norm_oxi(t.object)) for t in theirs
        )
        assert a == b
        return len(a)
    names = [v.value for v in theirs.variables]
    assert ours.vars == names
    a = Counter(tuple(_norm_ours(t) for t in row) for row in ours.terms)
    b = Counter(tuple(_norm_oxi(sol[v]) for v in names) for sol in theirs)
    # rdflib's DECIMAL/DOUBLE lexical forms can differ: compare numbers by value.
    assert _numeric(a) == _numeric(b)
    return sum(a.values())


def _numeric(rows: Counter) -> Counter:
    from decimal import Decimal

    def fix(term: object) -> object:
        if (
            isinstance(term, tuple)
            and term[0] == "literal"
            and term[2].endswith(("#decimal", "#double", "#float"))
        ):
            return ("number", Decimal(term[1]))
        return term

    return Counter({tuple(fix(t) for t in row): n for row, n in rows.items()})


SAVED = sorted(saved_queries())


@pytest.mark.parametrize("name", SAVED)
def test_saved_query_matches_pyoxigraph_on_fixture(name: str) -> None:
    _compare_with_oxigraph(FIXTURE, saved_queries()[name].text)


@pytest.mark.parametrize("name", SAVED)
def test_saved_query_matches_pyoxigraph_on_built_graph(name: str) -> None:
    built = ROOT / "outputs" / "graph.ttl"
    if not built.is_file():
        pytest.skip(
            "outputs/graph.ttl is absent: run `kgenesis build` to compare on the real graph"
        )
    _compare_with_oxigraph(built, saved_queries()[name].text)


def test_saved_queries_find_something_on_the_fixture() -> None:
    assert _compare_with_oxigraph(FIXTURE, saved_queries()["classes"].text) == 5
    assert _compare_with_oxigraph(FIXTURE, saved_queries()["labels"].text) == 7


def test_empty_quad_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.trig"
    path.write_text("@prefix kg: <https://w3id.org/kgenesis/id/> .\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"empty\.trig: empty graph \(no triples\)"):
        load_data([path])


# --- review fixes: empty queries, SELECT * order, bad patterns, time limits, headers ----------


@pytest.mark.parametrize(
    "text", ["", "   \n", "# comment", "PREFIX a: <http://a/>", "BASE <http://a/>\n# only"]
)
def test_empty_query_is_a_syntax_error_not_an_attribute_error(graph: Graph, text: str) -> None:
    with pytest.raises(QuerySyntaxError, match=r"^empty query: nothing to run") as info:
        execute(graph, text)
    assert info.value.exit_code == 2


def test_select_star_columns_follow_the_query_text(graph: Graph) -> None:
    text = (
        "SELECT * WHERE {  # ?zzz in a comment does not count\n"
        '  ?s a kgo:Person ; rdfs:label ?l . BIND("?q" AS ?b) BIND(1 AS ?a)\n'
        "}"
    )
    assert execute(graph, text).vars == ["s", "l", "b", "a"]
    assert execute(graph, "SELECT * WHERE { ?s a kgo:Person ; rdfs:label ?l }").vars == ["s", "l"]


def test_select_star_column_order_does_not_depend_on_pythonhashseed() -> None:
    code = (
        "from kgenesis.sparql.engine import execute, load_data\n"
        f"graph = load_data([{str(FIXTURE)!r}])\n"
        "print(','.join(execute(graph, 'SELECT * WHERE { ?s a kgo:Person ; rdfs:label ?l . "
        "?s kgo:memberOf ?org }').vars))\n"
    )
    outputs = set()
    for seed in ("0", "1"):  # rdflib's set gives l,s under 0 and s,l under 1
        proc = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        outputs.add(proc.stdout)
    assert outputs == {"s,l,org\n"}


@pytest.mark.parametrize(
    "text,message",
    [
        ('SELECT ?o WHERE { ?s ?p ?o FILTER(REGEX(?o, "(")) }', r"'\(' in REGEX: missing \)"),
        ('SELECT ?x WHERE { ?s ?p ?o BIND(REPLACE(?o, "a[", "") AS ?x) }', r"in REPLACE"),
        ('SELECT ?x WHERE { BIND(REPLACE("a", "(a)", "$2") AS ?x) }', "invalid group reference"),
    ],
)
def test_invalid_regex_in_the_query_is_a_usage_error(graph: Graph, text: str, message: str) -> None:
    with pytest.raises(QueryEvaluationError, match=message) as info:
        execute(Graph(), text)  # refused before evaluation: even on an empty graph
    assert info.value.exit_code == 2
    with pytest.raises(QueryEvaluationError, match=message):
        execute(graph, text)


def test_invalid_regex_built_at_run_time_is_a_usage_error(graph: Graph) -> None:
    text = 'SELECT ?o WHERE { ?s ?p ?o BIND("(" AS ?re) FILTER(REGEX(?o, ?re)) }'
    with pytest.raises(QueryEvaluationError, match="invalid regular expression") as info:
        execute(graph, text)
    assert info.value.exit_code == 2


def test_sparql_type_error_of_the_query_is_a_usage_error(graph: Graph) -> None:
    with pytest.raises(QueryEvaluationError, match="does not have a numeric datatype") as info:
        execute(graph, "SELECT (SUM(?l) AS ?n) WHERE { ?s rdfs:label ?l }")
    assert info.value.exit_code == 2


@pytest.mark.parametrize("timeout", [math.nan, math.inf, -math.inf, 1e300, 86400.5, -1, "x"])
def test_timeout_must_be_a_finite_number_of_seconds_up_to_a_day(
    graph: Graph, timeout: object
) -> None:
    with pytest.raises(UsageError, match=r"timeout must be a number of seconds from 0"):
        execute(graph, "ASK { ?s ?p ?o }", timeout=timeout)  # type: ignore[arg-type]


@pytest.mark.parametrize("timeout", [None, 0, 0.5, 86400])
def test_timeout_accepts_none_zero_and_up_to_a_day(graph: Graph, timeout: float | None) -> None:
    assert execute(graph, "ASK { ?s ?p ?o }", timeout=timeout).boolean is True


def test_read_header_is_case_insensitive_and_stops_at_the_first_non_comment_line() -> None:
    text = (
        "\ufeff# Title: People\r\n"
        "#   description :  Everyone, with labels  \r\n"
        "\n"
        "## RULE: every person has a label\n"
        "# an ordinary comment: with a colon\n"
        "# fix: add rdfs:label\n"
        "# title: ignored, the first title wins\n"
        "# other: not a header key\n"
        "SELECT * WHERE { ?s ?p ?o }\n"
        "# description: after the query: not header\n"
    )
    assert read_header(text) == {
        "title": "People",
        "description": "Everyone, with labels",
        "rule": "every person has a label",
        "fix": "add rdfs:label",
    }
    assert read_header("") == {} and read_header("SELECT *\n# title: x") == {}
    assert read_header("# title:\n# title: second\n") == {"title": "second"}


# --- what a mutation run of engine.py found untested (issue 15) -------------------------------


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("SELECT * WHERE { SERVICE kg:x { ?s ?p ?o } }", "kg:x"),
        ("PREFIX : <http://example.org/> SELECT * WHERE { SERVICE :x { ?s ?p ?o } }", ":x"),
        ("SELECT * WHERE { SERVICE kg: { ?s ?p ?o } }", "kg:"),
        ("SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }", "?endpoint"),
        ("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", "<http://x/>"),
    ],
)
def test_a_refused_service_is_named_as_written(graph: Graph, text: str, named: str) -> None:
    """Regression: `SERVICE :x` was named "prefix:x" (a CompValue answers a missing key with
    the key's own name)."""
    with pytest.raises(UnsafeQueryError) as info:
        execute(graph, text)
    assert str(info.value) == f"SERVICE {named} is refused: queries may not reach the network"


def test_a_syntax_error_at_the_end_of_the_text_says_so(graph: Graph) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        execute(graph, "SELECT * WHERE {")
    assert str(info.value) == (
        "SPARQL syntax error at line 1, column 17 near end of text:\n"
        "  SELECT * WHERE {\n"
        "                  ^"
    )


def test_suggestions_are_at_most_three() -> None:
    with pytest.raises(UsageError) as info:
        resolve("cq-")
    assert str(info.value) == (
        "unknown saved query 'cq-'; did you mean cq-01-government-measures-targets, "
        "cq-02-ai-policies, cq-03-summit-speakers-statements? (`kgenesis queries` lists them)"
    )


def test_a_name_only_half_like_a_saved_one_still_gets_a_suggestion() -> None:
    """difflib's cutoff is 0.5, not its default 0.6: 'lablexxx' is 0.57 like 'labels'."""
    import difflib

    assert 0.5 <= difflib.SequenceMatcher(None, "lablexxx", "labels").ratio() < 0.6
    with pytest.raises(UsageError, match=r"did you mean labels\?"):
        resolve("lablexxx")


def test_a_query_file_may_end_sparql_given_as_text_or_path(tmp_path: Path) -> None:
    path = tmp_path / "q.sparql"
    path.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert resolve(str(path)) == (str(path), "ASK { ?s ?p ?o }")
    assert resolve(path) == (str(path), "ASK { ?s ?p ?o }")
    with pytest.raises(UsageError) as info:
        resolve(tmp_path / "q.txt")
    assert str(info.value) == f"{tmp_path / 'q.txt'}: a query file ends .rq or .sparql"


def test_a_query_file_is_named_as_typed_when_it_is_not_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dir.rq").mkdir()
    with pytest.raises(SourceError) as info:
        resolve("./dir.rq")
    assert str(info.value).startswith("./dir.rq: is a folder")


def test_a_query_not_in_utf8_is_named_with_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.rq"
    path.write_bytes(b'ASK { ?s ?p "caf\xe9" }')
    with pytest.raises(SourceError) as info:
        resolve(str(path))
    assert str(info.value) == f"{path}: not UTF-8 (invalid continuation byte at byte 16)"


def test_stdin_is_read_as_utf8_bytes_whatever_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    class Stdin(io.TextIOWrapper):
        pass

    raw = io.BytesIO('ASK { ?s rdfs:label "배경훈" }'.encode())
    monkeypatch.setattr(sys, "stdin", Stdin(raw, encoding="latin-1"))
    assert resolve("-") == ("<stdin>", 'ASK { ?s rdfs:label "배경훈" }')
    monkeypatch.setattr(sys, "stdin", Stdin(io.BytesIO(b"ASK \xff"), encoding="latin-1"))
    with pytest.raises(SourceError) as info:
        resolve("-")
    assert str(info.value) == "<stdin>: not UTF-8 (invalid start byte at byte 4)"


def test_stdin_without_bytes_under_it_is_read_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("ASK {}"))
    assert resolve("-") == ("<stdin>", "ASK {}")


def test_stdin_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from kgenesis.sparql.engine import MAX_QUERY_BYTES

    filler = "#" * (MAX_QUERY_BYTES - len("ASK {}\n") - 1) + "\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(filler + "ASK {}\n"))
    assert len(resolve("-")[1]) == MAX_QUERY_BYTES  # exactly the limit: read
    for stdin in (io.StringIO(filler + "ASK {} \n"), io.TextIOWrapper(io.BytesIO(
        (filler + "ASK {} \n").encode()))):  # fmt: skip
        monkeypatch.setattr(sys, "stdin", stdin)
        with pytest.raises(UsageError) as info:
            resolve("-")
        assert str(info.value) == (
            "<stdin>: the query is longer than 1,048,576 bytes; refused unread"
        )


def test_result_kind_length_truth_and_iteration(graph: Graph) -> None:
    ask_no = execute(graph, "ASK { kg:nobody ?p ?o }")
    assert (ask_no.kind, bool(ask_no), ask_no.vars) == ("ASK", False, [])
    assert repr(ask_no) == "QueryResult(ASK, vars=[], boolean=False)"
    ask_yes = execute(graph, "ASK { ?s ?p ?o }")
    assert bool(ask_yes) and ask_yes.boolean is True
    one = execute(graph, 'SELECT ?s WHERE { ?s rdfs:label "배경훈"@ko }')
    assert (one.kind, len(one), bool(one), list(one)) == ("SELECT", 1, True, one.rows)
    assert repr(one) == "QueryResult(SELECT, vars=['s'], 1 results)"
    none = execute(graph, "SELECT ?s WHERE { ?s a kgo:Nothing }")
    assert (len(none), bool(none)) == (0, False)
    described = execute(graph, "DESCRIBE kg:bae-kyunghoon")
    assert described.kind == "DESCRIBE" and len(described) == len(described.triples) > 1
    assert list(described) == described.triples and bool(described)
    assert execute(graph, "ASK { ?s ?p ?o }") == ask_yes and ask_yes != ask_no
    assert ask_yes != "QueryResult(ASK)"


def test_a_described_or_constructed_result_becomes_a_subject_predicate_object_frame(
    graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    import types

    fake = types.ModuleType("pandas")
    fake.DataFrame = lambda data, columns: (data, columns)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pandas", fake)
    for text in ("DESCRIBE kg:bae-kyunghoon", "CONSTRUCT WHERE { kg:bae-kyunghoon ?p ?o }"):
        data, columns = execute(graph, text).to_dataframe()
        assert columns == ["subject", "predicate", "object"]
        assert ("https://w3id.org/kgenesis/id/bae-kyunghoon", str(RDFS.label), "배경훈") in data


def test_to_dataframe_without_pandas_says_exactly_how_to_get_it(
    graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError) as info:
        execute(graph, "ASK {}").to_dataframe()
    assert str(info.value) == (
        "to_dataframe() needs pandas, which kgenesis does not install: pip install pandas"
    )


def test_from_is_refused_saying_how_to_choose_the_data(graph: Graph) -> None:
    with pytest.raises(UnsafeQueryError) as info:
        execute(graph, "SELECT * FROM <urn:x> WHERE { ?s ?p ?o }")
    assert str(info.value) == (
        "FROM / FROM NAMED is refused: queries run only on the loaded graph "
        "(use --data FILE to choose it)"
    )


def test_a_path_object_ending_rq_is_read(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("ASK {}", encoding="utf-8")
    assert resolve(path) == (str(path), "ASK {}")


@pytest.mark.parametrize("text", ["SELECT * WHERE { ?s ?p ?o } # as in q.rq", "ASK\n# see q.rq"])
def test_inline_sparql_ending_in_rq_is_not_taken_for_a_file(text: str) -> None:
    assert resolve(text) == ("<query>", text)


def test_an_unknown_name_with_nothing_close_gets_no_suggestion() -> None:
    with pytest.raises(UsageError) as info:
        resolve("zzzzzzzzzz")
    assert str(info.value) == "unknown saved query 'zzzzzzzzzz' (`kgenesis queries` lists them)"


def test_a_query_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    from kgenesis.sparql.engine import MAX_QUERY_BYTES

    path = tmp_path / "big.rq"
    path.write_bytes(b"#" * (MAX_QUERY_BYTES - len(b"\nASK {}")) + b"\nASK {}")
    assert len(resolve(str(path))[1]) == MAX_QUERY_BYTES  # exactly the limit: read
    path.write_bytes(path.read_bytes() + b" ")
    with pytest.raises(UsageError) as info:
        resolve(str(path))
    assert str(info.value) == (f"{path}: the query is longer than 1,048,576 bytes; refused unread")


def test_an_endless_stdin_is_refused_not_read_to_its_end(monkeypatch: pytest.MonkeyPatch) -> None:
    """`kgenesis query - < /dev/zero` must stop after the limit, never read all of it."""

    class Endless:
        """Reads ``size`` characters (or bytes) forever; reading to the end never returns."""

        def __init__(self, unit: str | bytes) -> None:
            self.unit = unit

        def read(self, size: int | None = -1) -> str | bytes:
            if size is None or size < 0:
                raise AssertionError("read to the end of an endless stream")
            return self.unit * size

    class Stdin(Endless):
        buffer = Endless(b"#")

    for stdin in (Stdin("#"), Endless("#")):  # with bytes under it, and a text stream without
        monkeypatch.setattr(sys, "stdin", stdin)
        with pytest.raises(UsageError, match="refused unread"):
            resolve("-")
