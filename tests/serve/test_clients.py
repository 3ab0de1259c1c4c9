"""Real SPARQL clients against a running ``kgenesis serve``: SPARQLWrapper, rdflib's
SPARQLStore, curl and Debian's roqet (rasqal-utils) get the answers ``kgenesis query``
gives."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from rdflib import Graph, Literal, URIRef

from conftest import REPO
from kgenesis.sparql.engine import saved_queries
from stores import KGENESIS, kgenesis_serve, need

NAMES = sorted(saved_queries())


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with kgenesis_serve(cwd=REPO) as base:
        yield f"{base}/sparql"


def cli(*args: str) -> bytes:
    run = subprocess.run(
        [str(KGENESIS), "query", *args], cwd=REPO, capture_output=True, timeout=120
    )
    return run.stdout


def local_json(name: str) -> dict:
    return json.loads(cli(name, "--format", "json"))


def local_csv_rows(name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(cli(name, "--format", "csv").decode("utf-8"))))


@pytest.mark.parametrize("name", NAMES)
def test_sparqlwrapper_gets_the_cli_s_answer(endpoint: str, name: str) -> None:
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setQuery(saved_queries()[name].text)
    client.setReturnFormat(JSON)
    client.setMethod(POST)
    assert client.query().convert() == local_json(name)


def test_sparqlwrapper_gets_construct_results_as_turtle(endpoint: str) -> None:
    from SPARQLWrapper import TURTLE, SPARQLWrapper

    query = "CONSTRUCT { ?s org:headOf ?o } WHERE { ?s org:headOf ?o }"
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(TURTLE)
    body = client.query().convert()
    assert body == cli(query, "--format", "turtle")


def test_sparqlwrapper_sees_an_update_refused(endpoint: str) -> None:
    import urllib.error

    from SPARQLWrapper import POST, SPARQLWrapper

    client = SPARQLWrapper(endpoint, updateEndpoint=endpoint)
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }")
    with pytest.raises(urllib.error.HTTPError) as refused:  # SPARQLWrapper passes 403 on
        client.query()
    assert refused.value.code == 403 and b"refused" in refused.value.read()


@pytest.mark.parametrize(
    "name", ["cq-01-government-measures-targets", "cq-05-post-holdings", "labels"]
)
def test_rdflib_sparqlstore_gets_the_same_rows(endpoint: str, name: str) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = Graph(store=SPARQLStore(endpoint, returnFormat="json"))
    remote = store.query(saved_queries()[name].text)
    expected = local_json(name)
    assert [str(v) for v in remote.vars or []] == expected["head"]["vars"]
    rows = []
    for row in remote:
        shaped = {}
        for var, term in zip(expected["head"]["vars"], row, strict=True):  # type: ignore[arg-type]
            if term is None:
                continue
            if isinstance(term, URIRef):
                shaped[var] = {"type": "uri", "value": str(term)}
            else:
                assert isinstance(term, Literal)
                value = {"type": "literal", "value": str(term)}
                if term.language:
                    value["xml:lang"] = term.language
                elif term.datatype:
                    value["datatype"] = str(term.datatype)
                shaped[var] = value
        rows.append(shaped)
    assert rows == expected["results"]["bindings"]


@pytest.mark.parametrize("name", NAMES)
def test_curl_gets_the_cli_s_answer(endpoint: str, name: str) -> None:
    curl = need(shutil.which("curl"), "apt-get install curl")
    run = subprocess.run(
        [str(curl), "-sS", "--fail-with-body", "-H", "Accept: text/tab-separated-values",
         "--data-urlencode", f"query@{saved_queries()[name].path}", endpoint],
        capture_output=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout == cli(name, "--format", "tsv")


def test_curl_sees_refusals_as_http_errors(endpoint: str) -> None:
    curl = need(shutil.which("curl"), "apt-get install curl")
    run = subprocess.run(
        [str(curl), "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
         "-H", "Content-Type: application/sparql-update", "--data", "CLEAR ALL", endpoint],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.stdout == "403"


@pytest.mark.parametrize("name", NAMES)
def test_roqet_gets_the_cli_s_rows(endpoint: str, name: str) -> None:
    roqet = need(shutil.which("roqet"), "apt-get install rasqal-utils (roqet)")
    run = subprocess.run(
        [str(roqet), "-p", endpoint, "-e", saved_queries()[name].text, "-r", "csv"],
        capture_output=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    rows = list(csv.reader(io.StringIO(run.stdout.decode("utf-8"))))
    assert rows == local_csv_rows(name)
