"""Loading: valid fixtures load; each invalid input is refused with its own clear error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DATA, REPO
from kgenesis.errors import SourceError
from kgenesis.graph.load import load_files, parse_file, source_files
from kgenesis.paths import Project

INVALID = DATA / "invalid"

#: Each bad input and the words its error must contain (file and line where known).
LOAD_ERRORS = {
    "syntax-error.ttl": ["syntax-error.ttl:4:", "Turtle syntax error"],
    "truncated.ttl": ["truncated.ttl:3:", "Turtle syntax error"],
    "empty.ttl": ["empty.ttl", "empty file"],
    "not-utf8.ttl": ["not-utf8.ttl:2", "not UTF-8", "0xe9"],
    "deep-nesting.ttl": ["deep-nesting.ttl", "too deeply nested"],
    "iri-with-space.ttl": ["iri-with-space.ttl:2", "malformed IRI"],
    "relative-iri.ttl": ["relative-iri.ttl:2", "relative IRI <relative> without a base"],
    "ill-typed-literal.ttl": ["ill-typed-literal.ttl:3", "'abc' is not a valid", "integer"],
    "control-character.ttl": ["control-character.ttl", "U+0007"],
    "lone-surrogate.ttl": ["lone-surrogate.ttl", "U+D800"],
    "doctype.rdf": ["doctype.rdf", "DOCTYPE"],
}


@pytest.mark.parametrize("name", sorted(LOAD_ERRORS))
def test_invalid_input_is_refused_with_its_error(name: str) -> None:
    with pytest.raises(SourceError) as info:
        parse_file(INVALID / name, shown=f"tests/data/invalid/{name}")
    message = str(info.value)
    for words in LOAD_ERRORS[name]:
        assert words in message, message
    assert "\n" not in message, "the CLI prints one line"


def test_every_load_fixture_is_covered() -> None:
    rdf_files = {p.name for p in INVALID.iterdir() if p.suffix in {".ttl", ".rdf"}}
    load_like = rdf_files - VALIDATION_FIXTURES
    assert load_like == set(LOAD_ERRORS)


#: Fixtures that load but must fail validation (tested in test_validate.py).
VALIDATION_FIXTURES = {
    "missing-evidence.ttl",
    "missing-label.ttl",
    "orphan-evidence.ttl",
    "duplicate-label.ttl",
    "undescribed-iri.ttl",
    "quote-not-verbatim.ttl",
    "target-without-number.ttl",
    "blank-node.ttl",
    "quote-cites-wrong-source.ttl",
}


@pytest.mark.parametrize("path", sorted((DATA / "valid").glob("*.ttl")), ids=lambda p: p.name)
def test_valid_fixtures_load(path: Path) -> None:
    assert len(parse_file(path)) > 0


def test_sources_exclude_shapes_and_keep_a_stable_order() -> None:
    files = source_files(Project(REPO))
    names = [p.relative_to(REPO).as_posix() for p in files]
    assert "ontology/shapes.ttl" not in names
    assert names[0].startswith("ontology/")
    assert names == sorted(names[: len([n for n in names if n.startswith("ontology/")])]) + sorted(
        n for n in names if n.startswith("graph/")
    )


def test_merged_graph_binds_only_project_prefixes() -> None:
    graph = load_files([DATA / "valid" / "minimal-graph.ttl"])
    prefixes = {p for p, _ in graph.namespaces()}
    assert "kg" in prefixes and "kgo" in prefixes
    assert not any(p.startswith("ns") for p in prefixes)


def test_unknown_extension_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "graph.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(SourceError, match="unknown RDF file extension"):
        parse_file(path)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read file"):
        parse_file(tmp_path / "absent.ttl")


def test_trusted_load_skips_term_checks_but_not_syntax(tmp_path: Path) -> None:
    """The built graph (validated at build time) is loaded without re-checking every term."""
    ill = INVALID / "ill-typed-literal.ttl"
    assert len(parse_file(ill, trusted=True)) == 1
    with pytest.raises(SourceError, match="Turtle syntax error"):
        parse_file(INVALID / "syntax-error.ttl", trusted=True)


@pytest.mark.parametrize(
    "name,text,words",
    [
        ("reldt.ttl", '<https://e.org/a> <https://e.org/p> "x"^^<rel> .\n', "relative IRI <rel>"),
        (
            "surrogate-iri.ttl",
            "<https://e.org/a\\uD800b> <https://e.org/p> <https://e.org/c> .\n",
            "malformed IRI",
        ),
        (
            "spacedt.ttl",
            '<https://e.org/a> <https://e.org/p> "x"^^<https://e.org/d\\u0020t> .\n',
            "malformed IRI",
        ),
    ],
)
def test_bad_datatype_and_surrogate_iris_are_refused(
    tmp_path: Path, name: str, text: str, words: str
) -> None:
    """Regression: datatype IRIs were never checked, and IRIs could hold lone surrogates."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match=re.escape(words)):
        parse_file(path)


@pytest.mark.parametrize(
    "context",
    [
        '"HTTP://127.0.0.1:9/ctx.jsonld"',
        '"\\u0068ttp://127.0.0.1:9/ctx.jsonld"',
        '[{"ex": "https://example.org/"}, "https://127.0.0.1:9/ctx"]',
        '{"@import": "https://127.0.0.1:9/ctx"}',
    ],
)
def test_remote_jsonld_contexts_are_refused_however_written(tmp_path: Path, context: str) -> None:
    """Regression: an upper-case scheme or a JSON escape slipped past a regex and was fetched."""
    path = tmp_path / "remote.jsonld"
    path.write_text(f'{{"@context": {context}, "@id": "urn:a", "ex:p": "x"}}', encoding="utf-8")
    with pytest.raises(SourceError, match="remote JSON-LD contexts are not fetched"):
        parse_file(path)


def test_inline_jsonld_context_array_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "inline.jsonld"
    path.write_text(
        '{"@context": [{"ex": "https://example.org/"}], "@id": "ex:a", "ex:p": "x"}',
        encoding="utf-8",
    )
    assert len(parse_file(path)) == 1
