"""The prefixes as plain strings: the same as rdflib's namespaces, usable without rdflib."""

from __future__ import annotations

import subprocess
import sys

from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD

from kgenesis.graph.namespaces import PREFIXES
from kgenesis.prefixes import PREFIX_IRIS, shorten, sparql_prolog

KG = "https://w3id.org/kgenesis/id/"
KGO = "https://w3id.org/kgenesis/ontology#"


def test_prefixes_are_the_standard_namespaces() -> None:
    standard = {"rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS, "foaf": FOAF,
                "org": ORG, "prov": PROV, "dcterms": DCTERMS, "time": TIME, "sh": SH}  # fmt: skip
    for prefix, ns in standard.items():
        assert PREFIX_IRIS[prefix] == str(ns), prefix
    assert {p: str(ns) for p, ns in PREFIXES.items()} == PREFIX_IRIS


def test_the_prolog_declares_every_prefix_in_order() -> None:
    lines = sparql_prolog().splitlines()
    assert [line.split()[1] for line in lines] == [f"{p}:" for p in PREFIX_IRIS]


def test_importing_prefixes_does_not_import_rdflib() -> None:
    code = "import sys, kgenesis.prefixes, kgenesis.terms; assert 'rdflib' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_shorten_prefers_the_longest_namespace_and_keeps_odd_iris_whole() -> None:
    assert shorten(KG + "bae-kyunghoon") == "kg:bae-kyunghoon"
    assert shorten(KGO + "Person") == "kgo:Person"
    assert shorten("https://w3id.org/kgenesis/id/a/b") == "<https://w3id.org/kgenesis/id/a/b>"
    assert shorten("urn:x") == "<urn:x>"


def test_a_plain_namespace_gives_plain_strings_and_no_made_up_dunders() -> None:
    """The rules and the view's styles name IRIs this way without importing rdflib."""
    import copy
    import pickle

    from kgenesis.prefixes import PLAIN, PREFIX_IRIS

    person = PLAIN["kgo"].Person
    assert person == PREFIX_IRIS["kgo"] + "Person" and type(person) is str
    assert not hasattr(PLAIN["kgo"], "__deepcopy__")  # not an IRI ending "__deepcopy__"
    assert copy.deepcopy(PLAIN["rdf"]) == pickle.loads(pickle.dumps(PLAIN["rdf"])) == PLAIN["rdf"]
