"""Hints after an empty answer: a namespace the graph never uses, and the one it probably meant."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conftest import REPO
from kgenesis.cli import main
from kgenesis.prefixes import PREFIX_IRIS
from kgenesis.sparql.hints import hints, probed_hints, query_namespaces

GRAPH_IRIS = [
    "https://schema.org/Person",
    "http://purl.org/dc/terms/title",
    "https://w3id.org/kgenesis/id/bae-kyunghoon",
]


def test_http_schema_org_is_taken_for_the_graphs_https_schema_org() -> None:
    text = "PREFIX schema: <http://schema.org/> SELECT ?p WHERE { ?p a schema:Person }"
    assert hints(text, GRAPH_IRIS) == [
        "hint: the graph has no IRI in schema: <http://schema.org/>; did you mean "
        "<https://schema.org/> (schema:)?"
    ]


def test_dublin_core_elements_are_taken_for_dcterms() -> None:
    text = "PREFIX dc: <http://purl.org/dc/elements/1.1/> SELECT * { ?d dc:title ?t }"
    (line,) = hints(text, GRAPH_IRIS)
    assert "dc: <http://purl.org/dc/elements/1.1/>" in line and "(dcterms:)" in line


def test_no_hint_when_every_namespace_is_used() -> None:
    text = "SELECT * { ?p a schema:Person ; dcterms:title ?t . FILTER(?p != kg:x) }"
    assert hints(text, GRAPH_IRIS) == []


def test_iris_and_names_inside_strings_and_comments_are_not_read() -> None:
    text = 'SELECT * { ?p a schema:Person ; ?q "http://schema.org/ foo:bar" } # <http://x.org/y>'
    assert hints(text, GRAPH_IRIS) == []
    assert query_namespaces(text, {"schema": "https://schema.org/"}) == {
        "https://schema.org/": "schema"
    }


def test_a_namespace_with_no_likely_match_is_still_named() -> None:
    assert hints("SELECT * { ?s <http://example.org/ns#p> ?o }", GRAPH_IRIS) == [
        "hint: the graph has no IRI in <http://example.org/ns#>"
    ]


@pytest.mark.parametrize("engine", ["auto", "rdflib"])
@pytest.mark.parametrize(
    ("query", "meant"),
    [
        ("PREFIX schema: <http://schema.org/> SELECT ?p WHERE { ?p a schema:Person }", "schema:"),
        ("SELECT ?t WHERE { ?d dc:title ?t }", "dcterms:"),
        ("ASK { ?p a <http://schema.org/Person> }", "schema:"),
        ("CONSTRUCT WHERE { ?p a <http://schema.org/Person> }", "schema:"),
    ],
)
def test_an_empty_answer_from_a_prefix_mistake_prints_a_hint(
    capsys: pytest.CaptureFixture[str], query: str, meant: str, engine: str
) -> None:
    """These queries used to answer nothing, silently (issue 7)."""
    fmt = "nt" if query.startswith("CONSTRUCT") else "csv"
    main(["--root", str(REPO), "query", query, "--engine", engine, "-f", fmt])
    err = capsys.readouterr().err
    assert "kgenesis: hint: the graph has no IRI in" in err and f"({meant})?" in err


def test_a_query_with_results_prints_no_hint(capsys: pytest.CaptureFixture[str]) -> None:
    query = "PREFIX s: <http://schema.org/> SELECT ?p WHERE { ?p a kgo:Person } LIMIT 1"
    assert main(["--root", str(REPO), "query", query, "-f", "csv"]) == 0
    assert "hint" not in capsys.readouterr().err


SAMPLES = [
    "PREFIX schema: <http://schema.org/> SELECT ?p WHERE { ?p a schema:Person }",
    "SELECT ?t WHERE { ?d dc:title ?t }",
    "ASK { ?p a <http://schema.org/Person> ; kgo:nothing kg:nobody }",
    "SELECT * { ?s <http://example.org/ns#p> ?o ; rdfs:label ?l }",
    "SELECT * { ?s a kgo:Person ; schema:name ?n . ?x time:inXSDDate ?d }",
    "SELECT * { ?s <https://w3id.org/kgenesis/> ?o }",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_hints_from_the_store_are_the_graphs_hints_where_the_probe_reads_it_whole(
    text: str,
) -> None:
    from kgenesis.prefixes import PREFIX_IRIS
    from kgenesis.sparql import fast, store

    built = REPO / "outputs" / "graph.ttl"
    loaded = store.load([built], None)
    assert store.hints_for(loaded, text) == hints(text, fast.iris(built), PREFIX_IRIS)


def test_hints_on_a_large_store_do_not_read_every_iri() -> None:
    """Regression (issue 13): after an empty answer, the hints passed over every IRI of the
    store (1.6 s at 10^6 triples, half the query's time). Now the query's own IRIs are
    looked up, then at most PROBE IRIs are read, and only while a namespace is unaccounted."""
    graph = ["https://schema.org/Person", "https://w3id.org/kgenesis/id/a"] * 50

    def untouchable() -> Iterator[str]:
        raise AssertionError("read the graph's IRIs")
        yield ""

    found = set(graph)
    text = "SELECT * { ?s a schema:Person }"
    assert probed_hints(text, PREFIX_IRIS, found.__contains__, untouchable()) == []

    read: list[str] = []

    def counted() -> Iterator[str]:
        for iri in graph:
            read.append(iri)
            yield iri

    text = "SELECT * { ?s a schema:Nobody ; kgo:x kg:b }"  # kg: is found by the probe
    assert probed_hints(text, PREFIX_IRIS, found.__contains__, counted(), probe=10) == [
        "hint: none of the query's IRIs in kgo: <https://w3id.org/kgenesis/ontology#> "
        "is in the graph"
    ]
    assert len(read) == 11  # the probe, and one more to know it stopped short
    read.clear()
    text = "SELECT * { ?s a schema:Nobody ; kg:x kg:b }"
    assert probed_hints(text, PREFIX_IRIS, found.__contains__, counted(), probe=10) == []
    assert len(read) == 2  # stops once every namespace is accounted for
    read.clear()
    text = "PREFIX s: <http://schema.org/> SELECT * { ?s a s:Person }"
    assert probed_hints(text, PREFIX_IRIS, found.__contains__, counted()) == [
        "hint: the graph has no IRI in s: <http://schema.org/>; did you mean "
        "<https://schema.org/> (schema:)?"
    ]
    assert len(read) == len(graph)  # a graph within the probe is read whole
