"""The Python API: ``kgenesis.load()`` and ``kgenesis.query()`` for notebooks and scripts."""

from __future__ import annotations

import datetime
import subprocess
import sys
import types
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

import kgenesis
from kgenesis.errors import KgenesisError, UsageError
from kgenesis.sparql.engine import QuerySyntaxError, UnsafeQueryError

FIXTURE = Path(__file__).parent / "data" / "valid" / "query-fixture.ttl"


def test_import_kgenesis_does_not_import_rdflib() -> None:
    code = "import sys, kgenesis; print(any(m.startswith('rdflib') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_load_returns_the_built_graph(project: Path) -> None:
    graph = kgenesis.load(project)
    assert len(graph) > 20


def test_load_without_a_build_says_how_to_make_one(project: Path) -> None:
    (project / "outputs" / "graph.ttl").unlink()
    with pytest.raises(KgenesisError, match="kgenesis build"):
        kgenesis.load(str(project))


def test_query_rows_are_python_values(project: Path) -> None:
    result = kgenesis.query(
        "SELECT ?m ?budget ?share ?deadline ?target ?missing WHERE { ?m kgo:budgetKrw ?budget ; "
        "kgo:share ?share ; kgo:deadline ?deadline ; kgo:targets ?target "
        "OPTIONAL { ?m kgo:nothing ?missing } }",
        root=project,
    )
    (row,) = list(result)
    assert row == {
        "m": "https://w3id.org/kgenesis/id/measure-ai-talent",
        "budget": 1_200_000_000_000,
        "share": Decimal("0.25"),
        "deadline": datetime.date(2030, 12, 31),
        "target": "https://w3id.org/kgenesis/id/ai",
        "missing": None,
    }
    assert type(row["m"]) is str
    assert result.terms[0][0].n3() == "<https://w3id.org/kgenesis/id/measure-ai-talent>"


def test_query_accepts_saved_names_and_graphs(project: Path) -> None:
    graph = kgenesis.load(project)
    rows = kgenesis.query("labels", graph=graph).rows
    assert {
        "entity": "https://w3id.org/kgenesis/id/bae-kyunghoon",
        "ko": "배경훈",
        "en": "Bae Kyung-hoon",
    } in rows


def test_query_data_files_and_ask() -> None:
    assert kgenesis.query("ASK { kg:ai a kgo:Technology }", data=[FIXTURE]).boolean is True
    assert not kgenesis.query("ASK { kg:ai a kgo:Person }", data=[FIXTURE])


def test_query_applies_the_same_safety_rules(project: Path) -> None:
    with pytest.raises(UnsafeQueryError):
        kgenesis.query(
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", root=project
        )
    with pytest.raises(UnsafeQueryError):
        kgenesis.query("DELETE WHERE { ?s ?p ?o }", root=project)


def test_kgenesis_query_stays_callable_after_the_module_is_imported(project: Path) -> None:
    """`kgenesis.query` is the API function even after the query engine module is imported."""
    import kgenesis.graph.load  # noqa: F401 - importing a submodule must not shadow the API
    import kgenesis.sparql.engine  # noqa: F401

    assert callable(kgenesis.load)

    assert callable(kgenesis.query)
    assert len(kgenesis.query("classes", root=project)) == 5


def test_construct_result_has_a_graph(project: Path) -> None:
    result = kgenesis.query("CONSTRUCT WHERE { kg:ai ?p ?o }", root=project)
    assert result.kind == "CONSTRUCT" and len(result.graph) == 3


def test_to_dataframe_without_pandas_says_how_to_get_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        kgenesis.query("classes", root=project).to_dataframe()


def test_to_dataframe_passes_rows_and_columns(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = types.ModuleType("pandas")
    fake.DataFrame = lambda data, columns: ("frame", data, columns)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pandas", fake)
    _, data, columns = kgenesis.query("classes", root=project).to_dataframe()
    assert columns == ["class", "instances"]
    assert data[0] == {"class": "https://w3id.org/kgenesis/ontology#Organization", "instances": 2}


def test_to_dataframe_with_real_pandas(project: Path) -> None:
    pytest.importorskip("pandas", reason="pandas is optional and not installed")
    frame = kgenesis.query("classes", root=project).to_dataframe()
    assert list(frame.columns) == ["class", "instances"] and len(frame) == 5


def test_gregorian_literals_come_back_as_their_lexical_string() -> None:
    """``toPython()`` gives back the Literal for gYear & co.; rows hold the lexical string."""
    graph = Graph()
    values = {
        "year": Literal("2030", datatype=XSD.gYear),
        "month": Literal("2030-12", datatype=XSD.gYearMonth),
        "monthday": Literal("--12-31", datatype=XSD.gMonthDay),
        "day": Literal("---31", datatype=XSD.gDay),
        "mon": Literal("--12", datatype=XSD.gMonth),
        "custom": Literal("x", datatype=URIRef("urn:type")),
        "illtyped": Literal("many", datatype=XSD.integer),
        "span": Literal("P1D", datatype=XSD.dayTimeDuration),
        "date": Literal("2030-12-31", datatype=XSD.date),
    }
    for name, value in values.items():
        graph.add((URIRef("urn:s"), URIRef(f"urn:{name}"), value))
    names = list(values)
    text = "SELECT * WHERE { " + " ".join(f"<urn:s> <urn:{n}> ?{n} ." for n in names) + " }"
    (row,) = kgenesis.query(text, graph=graph).rows
    assert row == {
        "year": "2030",
        "month": "2030-12",
        "monthday": "--12-31",
        "day": "---31",
        "mon": "--12",
        "custom": "x",
        "illtyped": "many",
        "span": datetime.timedelta(days=1),
        "date": datetime.date(2030, 12, 31),
    }
    assert all(type(v) is str for k, v in row.items() if k not in ("span", "date"))


@pytest.mark.parametrize("timeout", [float("nan"), float("inf"), 1e300, -1])
def test_query_refuses_a_timeout_that_is_not_a_finite_number_up_to_a_day(
    timeout: float,
) -> None:
    with pytest.raises(UsageError, match="timeout must be a number of seconds"):
        kgenesis.query("ASK { ?s ?p ?o }", data=[FIXTURE], timeout=timeout)


@pytest.mark.parametrize("text", ["", "# comment", "PREFIX a: <http://a/>"])
def test_empty_query_raises_query_syntax_error(text: str, tmp_path: Path) -> None:
    # checked before any graph is loaded: tmp_path has no built graph
    with pytest.raises(QuerySyntaxError, match="empty query: nothing to run"):
        kgenesis.query(text, root=tmp_path)


def test_data_accepts_one_file_as_a_string_or_a_path() -> None:
    fixture = Path(__file__).parent / "data" / "valid" / "query-fixture.ttl"
    for data in (str(fixture), fixture, [fixture]):
        assert kgenesis.query("ASK { ?s ?p ?o }", data=data).boolean is True


def test_iterating_a_construct_result_gives_its_triples(project: Path) -> None:
    result = kgenesis.query("CONSTRUCT WHERE { kg:bae-kyunghoon ?p ?o }", root=project)
    triples = list(result)
    assert len(triples) == len(result) > 0
    assert all(len(t) == 3 for t in triples)


def test_query_runs_in_process_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """The API forked for every query (a 30 s default limit): in a notebook kernel with
    threads that warns of deadlocks on Python 3.12 (issue 8). No fork unless asked."""
    import os

    def no_fork() -> int:
        raise AssertionError("kgenesis.query forked without a timeout")

    monkeypatch.setattr(os, "fork", no_fork)
    assert kgenesis.query("ASK { ?s ?p ?o }", data=[FIXTURE]).boolean is True


def test_a_timeout_still_stops_a_runaway_query() -> None:
    from kgenesis.timelimit import QueryTimeout

    runaway = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    )
    with pytest.raises(QueryTimeout):
        kgenesis.query(runaway, data=[FIXTURE], timeout=0.5)


def test_query_takes_a_path_object(tmp_path: Path) -> None:
    """`kgenesis.query(Path("x.rq"))` raised TypeError (issue 9)."""
    rq = tmp_path / "x.rq"
    rq.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert kgenesis.query(rq, data=FIXTURE).boolean is True


def test_the_api_refuses_a_remote_jsonld_context(tmp_path: Path, listener: object) -> None:
    """The API's data= goes through the same guard as every command (issue 9)."""
    import json

    from kgenesis.errors import SourceError

    path = tmp_path / "nested.jsonld"
    url = f"http://127.0.0.1:{listener.port}/c"  # type: ignore[attr-defined]
    path.write_text(json.dumps({"@context": [[url]], "@id": "https://example.org/s"}))
    with pytest.raises(SourceError, match="refused to reach"):
        kgenesis.query("ASK { ?s ?p ?o }", data=path)
    assert listener.connections == 0  # type: ignore[attr-defined]
