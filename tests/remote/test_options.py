"""``push`` and ``query --endpoint``: options that cannot work are refused in one line, with
exit 2, before anything is sent; ``declare_prefixes`` writes out the project's prefixes."""

from __future__ import annotations

import pytest

from conftest import REPO
from kgenesis.cli import main
from kgenesis.prefixes import declare_prefixes
from kgenesis.remote.query import query_form


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["query", "ASK {}", "--graph", "http://x/g"], "--endpoint"),
        (["query", "ASK {}", "--endpoint", "http://127.0.0.1:9/s", "--data", "x.ttl"], "--data"),
        (["query", "ASK {}", "--endpoint", "http://127.0.0.1:9/s", "--engine", "rdflib"], "--engine"),
        (["query", "ASK {}", "--endpoint", "http://127.0.0.1:9/s", "--labels", "en"], "--labels"),
        (["query", "ASK {}", "--endpoint", "ftp://127.0.0.1/s"], "http://"),
        (["push", "--endpoint", "http://u:secret-9@127.0.0.1:9/store"], "no user or password"),
        (["push", "--endpoint", "http://127.0.0.1:9/store", "--graph", "not an iri"], "IRI"),
        (["push", "--endpoint", "http://127.0.0.1:9/store", "--user", "dba",
          "--password-env", "KGENESIS_TEST_UNSET_VARIABLE"], "not set"),
    ],
)  # fmt: skip
def test_options_that_cannot_work_are_refused(
    args: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(REPO), *args]) == 2
    err = capsys.readouterr().err
    assert says in err and "secret-9" not in err and "Traceback" not in err


def test_a_user_without_a_password_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("KGENESIS_PASSWORD", raising=False)
    assert (
        main(["--root", str(REPO), "push", "--endpoint", "http://127.0.0.1:9/s", "--user", "u"])
        == 2
    )
    assert "KGENESIS_PASSWORD" in capsys.readouterr().err


def test_the_project_prefixes_are_written_out_for_another_endpoint() -> None:
    text = '# title: x\nSELECT ?p WHERE { ?p a kgo:Person ; rdfs:label "kg:not-a-name" }'
    out = declare_prefixes(text)
    assert out.startswith("# title: x\nPREFIX kgo: <https://w3id.org/kgenesis/ontology#>\n")
    assert "PREFIX rdfs:" in out and "PREFIX kg:" not in out
    declared = "PREFIX kgo: <http://other/>\nASK { ?p a kgo:Person }"
    assert declare_prefixes(declared) == declared


@pytest.mark.parametrize(
    ("text", "form"),
    [
        (
            "# SELECT in a comment\nCONSTRUCT { ?s ?p ?o } WHERE { { SELECT * { ?s ?p ?o } } }",
            "CONSTRUCT",
        ),
        ('ASK { ?s rdfs:label "DESCRIBE" }', "ASK"),
        ("PREFIX describe: <http://x/>\nSELECT ?x { ?x a describe:y }", "SELECT"),
        ("describe kg:msit", "DESCRIBE"),
    ],
)
def test_the_query_form_is_read_past_comments_strings_and_names(text: str, form: str) -> None:
    assert query_form(text) == form
