"""``kgenesis stats``: totals that match SPARQL counts, per class, per property, coverage."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from rdflib import Graph

from conftest import REPO
from kgenesis.analysis.stats import stats
from kgenesis.graph.load import load_files
from kgenesis.graph.namespaces import sparql_prolog

BUILT = REPO / "outputs" / "graph.ttl"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_files([BUILT])


@pytest.fixture(scope="module")
def tables(graph: Graph) -> dict:
    return {t.name: t.records() for t in stats(graph)}


def _count(graph: Graph, body: str) -> int:
    return int(next(iter(graph.query(sparql_prolog() + body)))[0])


def test_fact_total_and_origins_match_sparql_counts(graph: Graph, tables: dict) -> None:
    totals = {r["what"]: r["count"] for r in tables["totals"]}
    evidenced = _count(
        graph,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE "
        "{ ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } }",
    )
    assert totals["facts"] == evidenced
    origins = {r["origin"]: r["facts"] for r in tables["evidence"]}
    assert origins["none"] == 0  # the curated graph: every fact has evidence
    article = _count(
        graph,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?st rdf:subject ?s ; "
        "rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom/kgo:quotedFrom "
        "kg:src-joongang-2025-12-18 } }",
    )
    assert origins["article"] + origins["both"] == article
    assert sum(origins.values()) == totals["facts"]
    assert sum(r["facts"] for r in tables["properties"]) == totals["facts"]


def test_entities_per_class_add_up_and_match_sparql(graph: Graph, tables: dict) -> None:
    totals = {r["what"]: r["count"] for r in tables["totals"]}
    assert sum(r["entities"] for r in tables["classes"]) == totals["entities"]
    people = next(r["entities"] for r in tables["classes"] if r["class"] == "kgo:Person")
    assert people == _count(graph, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a kgo:Person }")


def test_label_coverage_and_unlinked_entities(tables: dict) -> None:
    coverage = {r["lang"]: r for r in tables["labels"]}
    assert coverage["ko"]["labelled"] == coverage["ko"]["entities"]
    assert coverage["en"]["share"] == 1.0
    unlinked = {r["entity"] for r in tables["unlinked"]}
    assert "kg:joongang-ilbo" not in unlinked and "kg:bae-kyunghoon" not in unlinked
    assert "kg:zdnet-korea" in unlinked  # a publisher only source metadata names


@pytest.mark.parametrize("fmt", ["table", "json", "md"])
def test_stats_command_formats(fmt: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "kgenesis.cli", "--root", str(REPO), "stats", "--format", fmt],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    if fmt == "json":
        data = json.loads(run.stdout)
        assert set(data) >= {"totals", "classes", "properties", "labels", "evidence", "unlinked"}
    elif fmt == "md":
        assert "## Evidence coverage of facts" in run.stdout and "| article |" in run.stdout
    else:
        assert "Label coverage per language" in run.stdout and " facts " in run.stdout
