"""``kgenesis serve`` as a running server: the SPARQL 1.1 Protocol, the same answers as
``kgenesis query``, and every bad request refused with its status and a short message,
after which the server keeps answering."""

from __future__ import annotations

import json
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from rdflib import Graph, URIRef

from conftest import REPO
from kgenesis.sparql.engine import saved_queries
from stores import KGENESIS, kgenesis_serve

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CONSTRUCT = "CONSTRUCT { ?s org:headOf ?o } WHERE { ?s org:headOf ?o }"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with kgenesis_serve(
        "--timeout", "3", "--max-rows", "2000", "--max-body", "64K", cwd=REPO
    ) as base:
        yield base


def http(
    url: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def ask(
    base: str, query: str, accept: str | None = None, method: str = "GET"
) -> tuple[int, dict, bytes]:
    headers = {"Accept": accept} if accept else {}
    if method == "GET":
        return http(f"{base}/sparql?{urllib.parse.urlencode({'query': query})}", headers=headers)
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return http(
        f"{base}/sparql",
        method="POST",
        body=urllib.parse.urlencode({"query": query}).encode(),
        headers=headers,
    )


def cli(*args: str) -> bytes:
    run = subprocess.run(
        [str(KGENESIS), "query", *args], cwd=REPO, capture_output=True, timeout=120
    )
    return run.stdout


@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_every_saved_query_answers_as_kgenesis_query_does(server: str, name: str) -> None:
    text = saved_queries()[name].text
    status, headers, body = ask(server, text, "application/sparql-results+json")
    assert status == 200, body
    assert headers["content-type"].startswith("application/sparql-results+json")
    assert body == cli(name, "--format", "json")


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/sparql-results+xml", "xml"),
        ("text/csv", "csv"),
        ("text/tab-separated-values", "tsv"),
    ],
)
def test_each_results_format_is_the_cli_s(server: str, accept: str, fmt: str) -> None:
    name = "cq-04-who-leads-what"
    status, headers, body = ask(server, saved_queries()[name].text, accept, method="POST")
    assert status == 200 and headers["content-type"].startswith(accept)
    assert body == cli(name, "--format", fmt)


def test_a_sparql_query_body_is_answered(server: str) -> None:
    status, _, body = http(
        f"{server}/sparql",
        method="POST",
        body=b"ASK { kg:bae-kyunghoon a kgo:Person }",
        headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json",
        },
    )
    assert status == 200 and json.loads(body)["boolean"] is True


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("text/turtle", "turtle"), ("application/ld+json", "jsonld"), ("application/n-triples", "nt")],
)
def test_construct_results_are_negotiated(server: str, accept: str, fmt: str) -> None:
    status, headers, body = ask(server, CONSTRUCT, accept)
    assert status == 200 and headers["content-type"].startswith(accept)
    assert body == cli(CONSTRUCT, "--format", fmt)
    assert (
        len(Graph().parse(data=body, format={"nt": "nt", "jsonld": "json-ld"}.get(fmt, fmt))) == 4
    )


def test_describe_gives_a_graph(server: str) -> None:
    status, _, body = ask(server, "DESCRIBE kg:msit", "text/turtle")
    assert status == 200 and len(Graph().parse(data=body, format="turtle")) > 5


def test_the_endpoint_without_a_query_describes_the_service(server: str) -> None:
    status, headers, body = http(f"{server}/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = URIRef(f"{server}/sparql")
    assert (endpoint, URIRef(sd + "endpoint"), endpoint) in graph
    assert (endpoint, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in graph
    status, _, body = http(f"{server}/sparql", headers={"Accept": "application/ld+json"})
    assert status == 200 and json.loads(body)


REFUSED = [
    ("update as query", {"query": "INSERT DATA { kg:a kg:b kg:c }"}, None, 403, "refused"),
    ("update= form", {"update": "DELETE WHERE { ?s ?p ?o }"}, None, 403, "refused"),
    ("LOAD", {"update": "LOAD <http://127.0.0.1:9/x.ttl>"}, None, 400, "LOAD"),
    (
        "SERVICE",
        {"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"},
        None,
        400,
        "SERVICE",
    ),
    ("FROM", {"query": "SELECT * FROM <http://127.0.0.1:9/g> { ?s ?p ?o }"}, None, 400, "FROM"),
    ("FROM NAMED", {"query": "SELECT * FROM NAMED <http://x/g> { ?s ?p ?o }"}, None, 400, "FROM"),
    (
        "default-graph-uri",
        {"query": "ASK {}", "default-graph-uri": "http://x/g"},
        None,
        400,
        "default-graph-uri",
    ),
    ("syntax error", {"query": "SELECT ?x WHERE { ?x ?y }"}, None, 400, "syntax error"),
    ("too many rows", {"query": "SELECT * { ?s ?p ?o }"}, None, 400, "--max-rows"),
    ("unacceptable Accept", {"query": "ASK {}"}, "image/png", 406, "Accept"),
    ("graph format for rows", {"query": "ASK {}"}, "text/turtle", 406, "ASK result"),
]


@pytest.mark.parametrize(
    ("why", "form", "accept", "status", "says"), REFUSED, ids=[r[0] for r in REFUSED]
)
def test_refusals_have_their_status_and_a_short_readable_message(
    server: str, why: str, form: dict[str, str], accept: str | None, status: int, says: str
) -> None:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if accept:
        headers["Accept"] = accept
    got, answer, body = http(
        f"{server}/sparql",
        method="POST",
        body=urllib.parse.urlencode(form).encode(),
        headers=headers,
    )
    text = body.decode("utf-8")
    assert got == status, text
    assert says in text and "Traceback" not in text and len(text) < 800
    assert answer["content-type"].startswith("text/plain")


def test_an_update_body_is_forbidden(server: str) -> None:
    status, _, body = http(
        f"{server}/sparql",
        method="POST",
        body=b"CLEAR ALL",
        headers={"Content-Type": "application/sparql-update"},
    )
    assert status == 403 and b"refused" in body


def test_an_oversized_body_gets_413(server: str) -> None:
    big = b"ASK {}" + b" " * (65 << 10)
    status, _, body = http(
        f"{server}/sparql",
        method="POST",
        body=big,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert status == 413 and b"bytes" in body


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "TRACE", "BREW"])
def test_other_methods_get_405_with_allow(server: str, method: str) -> None:
    status, headers, body = http(f"{server}/sparql", method=method)
    assert status == 405 and "POST" in headers["allow"]
    assert b"not allowed" in body and len(body) < 200


def test_a_post_of_another_media_type_gets_415_and_unknown_paths_404(server: str) -> None:
    status, _, body = http(
        f"{server}/sparql", method="POST", body=b"ASK {}", headers={"Content-Type": "text/plain"}
    )
    assert status == 415 and b"application/sparql-query" in body
    status, _, body = http(f"{server}/no/such/page")
    assert status == 404 and b"/sparql" in body and len(body) < 200


def test_cors_headers_let_browser_clients_call_it(server: str) -> None:
    _, headers, _ = ask(server, "ASK {}", "application/sparql-results+json")
    status, headers, _ = http(
        f"{server}/sparql?query=ASK%7B%7D", headers={"Origin": "http://example.org"}
    )
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    status, headers, _ = http(
        f"{server}/sparql",
        method="OPTIONS",
        headers={
            "Origin": "http://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert status == 200 and "POST" in headers["access-control-allow-methods"]


def test_a_slow_query_hits_the_time_limit_and_does_not_hold_up_others(server: str) -> None:
    slow: dict[str, object] = {}

    def run_slow() -> None:
        started = time.monotonic()
        slow["answer"] = ask(server, SLOW, "application/sparql-results+json")
        slow["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.5)
    quick_started = time.monotonic()
    for _ in range(5):
        status, _, body = ask(server, "ASK { ?s ?p ?o }", "application/sparql-results+json")
        assert status == 200 and json.loads(body)["boolean"] is True
    quick = time.monotonic() - quick_started
    thread.join(60)
    status, _, body = slow["answer"]  # type: ignore[misc]
    assert status == 503 and b"time limit" in body, body
    assert 2.5 < slow["seconds"] < 15  # type: ignore[operator]
    assert quick < 2.5, f"five quick queries took {quick:.1f} s beside a slow one"


def test_the_server_keeps_answering_after_every_bad_request(server: str) -> None:
    for form in REFUSED:
        http(f"{server}/sparql", method="POST", body=urllib.parse.urlencode(form[1]).encode(),
             headers={"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    http(f"{server}/sparql", method="POST", body=b"\xff" * 100,
         headers={"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    status, _, body = ask(
        server, "ASK { kg:bae-kyunghoon ?p ?o }", "application/sparql-results+json"
    )
    assert status == 200 and json.loads(body)["boolean"] is True


def _listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on ``port`` (Linux /proc/net/tcp*)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table, encoding="ascii").read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_it_binds_to_127_0_0_1_unless_told_otherwise(server: str) -> None:
    port = int(server.rsplit(":", 1)[1])
    assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else


def test_the_query_page_and_graph_view_are_served(server: str) -> None:
    status, headers, body = http(f"{server}/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"assets/yasgui/yasgui.min.js" in body and b"cq-01-government-measures-targets" in body
    for asset in ("yasgui/yasgui.min.js", "yasgui/yasgui.min.css", "yasgui/LICENSE", "query.js"):
        status, _, data = http(f"{server}/assets/{asset}")
        assert status == 200 and len(data) > 100
    assert http(f"{server}/assets/../answer.py")[0] == 404
    status, _, body = http(f"{server}/view?{urllib.parse.urlencode({'query': CONSTRUCT})}")
    assert status == 200 and b"kgenesis" in body and "배경훈".encode() in body
    status, _, body = http(f"{server}/view?{urllib.parse.urlencode({'query': 'ASK {}'})}")
    assert status == 400 and b"CONSTRUCT" in body


def test_data_files_are_served_instead_of_the_built_graph(tmp_path) -> None:  # noqa: ANN001
    fixture = REPO / "tests" / "data" / "valid" / "query-fixture.ttl"
    with kgenesis_serve("--data", str(fixture), cwd=tmp_path) as base:
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        status, _, body = ask(base, count, "text/tab-separated-values")
        assert status == 200
        assert body == cli(count, "--data", str(fixture), "--format", "tsv")
        status, _, description = http(f"{base}/sparql")
        assert status == 200 and b"query-fixture.ttl" in description
        assert str(tmp_path).encode() not in description and str(REPO).encode() not in description


def test_an_oversized_url_gets_414(server: str) -> None:
    status, _, body = ask(server, "ASK {}" + " " * (70 << 10))
    assert status == 414 and b"POST" in body
    assert ask(server, "ASK {}")[0] == 200


def test_a_port_in_use_is_one_line_and_exit_1() -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run(
            [str(KGENESIS), "serve", "--port", str(port)],
            cwd=REPO, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert run.returncode == 1
    assert (
        run.stderr
        == f"kgenesis: error: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    )
