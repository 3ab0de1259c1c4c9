"""Loading: valid fixtures load; each invalid input is refused with its own clear error."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import DATA, REPO, Audit, Listener
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
    "billion-laughs-utf16.rdf": ["billion-laughs-utf16.rdf", "DOCTYPE"],
    "doctype-declared-utf16.rdf": ["doctype-declared-utf16.rdf", "DOCTYPE"],
    "jsonld-only-a-string.jsonld": ["jsonld-only-a-string.jsonld", "not a string"],
    "jsonld-deep-nesting.jsonld": ["jsonld-deep-nesting.jsonld", "nested"],
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
    rdf_files = {p.name for p in INVALID.iterdir() if p.suffix in {".ttl", ".rdf", ".jsonld"}}
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
    "outside-quote-cites-article.ttl",
    "fact-on-curation-note-alone.ttl",
    "markup-in-quote.ttl",
    "missing-translation.ttl",
    "translation-copies-quote.ttl",
    "translation-twice.ttl",
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
    with pytest.raises(SourceError, match="absent.ttl: no such file"):
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


# --- untrusted files (issue 9) ----------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path: Path, listener: Listener) -> Iterator[tuple[Listener, Path, Audit]]:
    """A listener, a secret file, and an audit that records every open of the secret."""
    secret = tmp_path / "secret-context.jsonld"
    secret.write_text('{"@context": {"ex": "https://example.org/"}}', encoding="utf-8")
    with Audit(secret) as audit:
        yield listener, secret, audit


def _contexts(url: str) -> dict[str, object]:
    node = {"@id": "https://example.org/s", "https://example.org/p": "o"}
    return {
        "nested-list": {"@context": [[url]], **node},
        "term-scoped": {
            "@context": {"t": {"@id": "https://example.org/t", "@context": [[url]]}},
            "@id": "https://example.org/s",
            "t": {"@id": "https://example.org/o", "https://example.org/q": "x"},
        },
        "type-scoped": {
            "@context": {"T": {"@id": "https://example.org/T", "@context": [[url]]}},
            "@id": "https://example.org/s",
            "@type": "T",
            "https://example.org/p": "o",
        },
        "in-graph-node": {"@graph": [{"@context": [[url]], **node}]},
    }


@pytest.mark.parametrize("case", ["nested-list", "term-scoped", "type-scoped", "in-graph-node"])
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_jsonld_context_is_never_fetched_nor_read(
    hostile: tuple, tmp_path: Path, case: str, scheme: str
) -> None:
    """Contexts nested in lists, scoped to terms or types, or inside @graph nodes were
    fetched (a listener logged GET /c) or read (file:///etc/passwd) by rdflib (issue 9)."""
    import json

    listener, secret, audit = hostile
    url = f"http://127.0.0.1:{listener.port}/c" if scheme == "http" else secret.as_uri()
    path = tmp_path / f"{case}.jsonld"
    path.write_text(json.dumps(_contexts(url)[case]), encoding="utf-8")
    try:
        load_files([path])
    except SourceError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
    assert listener.connections == 0
    assert audit.events == []  # no connection, no open of the secret


def test_jsonld_context_refusal_is_one_line_in_the_cli(
    hostile: tuple, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from kgenesis.cli import main

    listener, _secret, _audit = hostile
    path = tmp_path / "nested.jsonld"
    url = f"http://127.0.0.1:{listener.port}/c"
    path.write_text(json.dumps(_contexts(url)["nested-list"]), encoding="utf-8")
    commands = (
        ["query", "ASK {?s ?p ?o}", "--data", str(path)],
        ["export", "--data", str(path)],
        ["view", str(path), "-o", str(tmp_path / "v.html")],
    )
    for args in commands:
        assert main(args) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"kgenesis: error: {path}: refused to reach") and err.count("\n") == 1
    assert listener.connections == 0


def test_rdfxml_doctype_in_utf16_without_bom_is_refused() -> None:
    """It slipped past the text check, and its entities expanded for over 100 s (issue 9)."""
    with pytest.raises(SourceError, match="DOCTYPE or entity declarations is refused"):
        load_files([DATA / "invalid" / "billion-laughs-utf16.rdf"])


def test_a_symlink_to_dev_zero_is_refused_not_read(tmp_path: Path) -> None:
    link = tmp_path / "zero.ttl"
    link.symlink_to("/dev/zero")
    with pytest.raises(SourceError, match=r"is a character device \(through a symbolic link\)"):
        load_files([link])


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    with pytest.raises(SourceError, match=r"is a named pipe \(FIFO\), not a regular file"):
        load_files([fifo])


def test_a_folder_named_ttl_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "dir.ttl"
    folder.mkdir()
    with pytest.raises(SourceError, match="is a folder, not a regular file"):
        load_files([folder])


def test_deeply_nested_jsonld_is_a_clear_error() -> None:
    with pytest.raises(SourceError, match="too deeply nested|nested more than"):
        load_files([DATA / "invalid" / "jsonld-deep-nesting.jsonld"])


def test_a_jsonld_document_that_is_only_a_string_is_a_clear_error() -> None:
    with pytest.raises(SourceError, match="an object or an array, not a string"):
        load_files([DATA / "invalid" / "jsonld-only-a-string.jsonld"])


def test_a_file_over_max_size_is_refused_before_it_is_read(tmp_path: Path) -> None:
    from kgenesis.graph.load import parse_file

    path = tmp_path / "big.ttl"
    path.write_text("<https://example.org/s> <https://example.org/p> 'x' .\n" * 100)
    with pytest.raises(SourceError, match="more than the 1,000 allowed; raise --max-size"):
        parse_file(path, max_size=1000)


def test_parsing_works_where_python_writes_fresh_bytecode(tmp_path: Path) -> None:
    """Python writes a new .pyc under a temporary name (x.pyc.1397…) while a parser module
    is first imported; the guard refused that, and every parse failed, wherever bytecode
    was not written yet (a review found it: uv installs do not precompile)."""
    import os
    import subprocess
    import sys

    data = tmp_path / "a.nt"
    data.write_text('<https://example.org/a> <https://example.org/p> "x" .\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "fresh-bytecode")
    run = subprocess.run(
        [sys.executable, "-m", "kgenesis.cli", "query", "ASK { ?s ?p ?o }", "--data", str(data)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0 and run.stdout == "true\n", run.stderr
    assert any((tmp_path / "fresh-bytecode").rglob("*.pyc"))  # bytecode was written


def test_a_python_file_outside_pythons_own_folders_is_not_read_as_a_context(
    tmp_path: Path,
) -> None:
    """The guard let any .py file be opened; only Python's own module folders may be."""
    import json

    planted = tmp_path / "ctx.py"
    planted.write_text('{"@context": {"ex": "https://example.org/"}}', encoding="utf-8")
    path = tmp_path / "doc.jsonld"
    doc = {"@context": [[planted.as_uri()]], "@id": "https://example.org/s", "ex:p": "o"}
    path.write_text(json.dumps(doc), encoding="utf-8")
    with Audit(planted) as audit, pytest.raises(SourceError, match="refused to open"):
        load_files([path])
    assert audit.events == []


# --- what a mutation run of load.py found untested (issue 15) ---------------------------------


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "bad.ttl",
            "@prefix kg: <https://w3id.org/kgenesis/id/> .\nkg:a kg:b kg:c .\n"
            "  kg:d kg:e kg:f kg:g .\n",
            "bad.ttl:3:18: Turtle syntax error: expected '.' or '}' or ']' at end of statement"
            " (near 'kg:g .'); fix the statement",
        ),
        (
            "bad.rdf",
            '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '\n<rdf:Description rdf:about="https://x/a">\n<oops\n</rdf:RDF>\n',
            "bad.rdf:5: syntax error: <unknown>:5:0: not well-formed (invalid token)",
        ),
        (
            "bad.jsonld",
            '{\n  "@id": "https://x/a",\n  "https://x/b": \n}\n',
            "bad.jsonld:4:1: not JSON: Expecting value",
        ),
        (
            "ill.ttl",
            "@prefix kg: <https://w3id.org/kgenesis/id/> .\n"
            "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n"
            'kg:a kg:value "1.5x"^^xsd:decimal .\n',
            "ill.ttl:4: literal '1.5x' is not a valid http://www.w3.org/2001/XMLSchema#decimal;"
            " fix the value or its datatype",
        ),
    ],
)
def test_a_bad_file_is_named_with_its_line_and_what_is_wrong(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        parse_file(path, shown=name)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("doc", "kind"),
    [('"x"', "string"), ("3", "number"), ("2.5", "number"), ("true", "boolean"), ("null", "null")],
)
def test_a_jsonld_document_that_is_a_scalar_is_named_by_its_kind(
    tmp_path: Path, doc: str, kind: str
) -> None:
    path = tmp_path / "s.jsonld"
    path.write_text(doc, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        parse_file(path, shown="s.jsonld")
    assert str(info.value) == (
        f"s.jsonld: a JSON-LD document is an object or an array, not a {kind}"
    )


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ('{"a":' * 200 + "1" + "}" * 200, False),  # the value 200 levels down
        ('{"a":' * 201 + "1" + "}" * 201, True),
        ("[" * 201 + "]" * 201, False),  # the innermost list 200 levels down
        ("[" * 202 + "]" * 202, True),
    ],
)
def test_jsonld_nesting_limit_is_200_levels(tmp_path: Path, text: str, refused: bool) -> None:
    path = tmp_path / "deep.jsonld"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        parse_file(path, shown="deep.jsonld")
    limit = "deep.jsonld: JSON-LD nested more than 200 levels deep; flatten it"
    assert (str(info.value) == limit) is refused, str(info.value)


def test_an_inline_jsonld_context_object_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "inline.jsonld"
    path.write_text(
        '{"@context": {"x": "https://example.org/"}, "@id": "x:a", "x:b": {"@id": "x:c"}}',
        encoding="utf-8",
    )
    assert len(parse_file(path)) == 1


def test_an_rdfxml_doctype_naming_an_outside_dtd_is_refused(tmp_path: Path) -> None:
    """No entity declared, only a DOCTYPE that names a DTD by address: refused all the same."""
    path = tmp_path / "dtd.rdf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "http://127.0.0.1:9/x.dtd">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="https://x/a"><rdf:type rdf:resource="https://x/T"/>'
        "</rdf:Description>\n</rdf:RDF>\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as info:
        parse_file(path, shown="dtd.rdf")
    assert str(info.value) == "dtd.rdf: RDF/XML with a DOCTYPE or entity declarations is refused"


def test_a_trig_file_with_only_an_empty_named_graph_loads_as_a_plain_graph(
    tmp_path: Path,
) -> None:
    from rdflib import Dataset

    path = tmp_path / "g.trig"
    path.write_text(
        "@prefix x: <https://example.org/> .\nx:a x:b x:c .\nx:g { }\n", encoding="utf-8"
    )
    graph = load_files([path])
    assert not isinstance(graph, Dataset) and len(graph) == 1


def test_source_files_take_ttl_and_trig_in_subfolders_in_path_order(tmp_path: Path) -> None:
    root = tmp_path / "p"
    for name in ("ontology/b.ttl", "ontology/a.ttl", "ontology/shapes.ttl", "graph/z.ttl",
                 "graph/sub/m.trig", "graph/a.trig", "graph/notes.md"):  # fmt: skip
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("# x\n", encoding="utf-8")
    names = [p.relative_to(root).as_posix() for p in source_files(Project(root))]
    assert names == [
        "ontology/a.ttl", "ontology/b.ttl", "graph/a.trig", "graph/sub/m.trig", "graph/z.ttl",
    ]  # fmt: skip


def test_a_project_without_sources_or_shapes_says_what_is_missing(tmp_path: Path) -> None:
    from kgenesis.graph.load import load_shapes

    (tmp_path / "ontology").mkdir()
    (tmp_path / "graph").mkdir()
    with pytest.raises(SourceError) as info:
        source_files(Project(tmp_path))
    assert str(info.value) == f"{tmp_path}: no .ttl files in ontology/ or graph/"
    with pytest.raises(SourceError) as info:
        load_shapes(Project(tmp_path))
    assert str(info.value) == (
        f"{tmp_path / 'ontology' / 'shapes.ttl'}: missing; the SHACL shapes are needed to validate"
    )


def test_sources_are_named_relative_to_the_project(make_project) -> None:
    from kgenesis.graph.load import load_sources

    root = make_project({"bad.ttl": "@prefix kg: <https://w3id.org/kgenesis/id/> .\nkg:a kg:b\n"})
    with pytest.raises(SourceError) as info:
        load_sources(Project(root))
    assert str(info.value).startswith("graph/bad.ttl:")


def _quads(graph) -> set:  # noqa: ANN001 - an rdflib Graph or Dataset
    from rdflib import Dataset
    from rdflib.compare import to_canonical_graph

    if isinstance(graph, Dataset):
        return {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in graph.quads()}
    return set(to_canonical_graph(graph))  # blank nodes compared by structure


@pytest.mark.parametrize(
    "path",
    [
        *sorted((REPO / "graph").glob("*.t*")),
        *sorted((REPO / "ontology").glob("*.ttl")),
        REPO / "outputs" / "graph.ttl",
        REPO / "outputs" / "graph.nt",
        *sorted((DATA / "valid").glob("*.ttl")),
    ],
    ids=lambda p: p.name,
)
def test_a_large_file_parsed_by_pyoxigraph_gives_the_same_graph(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files from 8 MiB on are parsed by pyoxigraph (issue 13: 2.4 times faster); the
    threshold set to 0 here, every source gives the same triples and named graphs."""
    from kgenesis.graph import load as load_module

    expected = _quads(load_module.parse_file(path))
    monkeypatch.setattr(load_module, "OX_PARSE_THRESHOLD", 0)
    assert _quads(load_module.parse_file(path)) == expected


@pytest.mark.parametrize(
    "name",
    [
        "control-character.ttl", "ill-typed-literal.ttl", "iri-with-space.ttl",
        "lone-surrogate.ttl", "relative-iri.ttl", "syntax-error.ttl", "truncated.ttl",
        "empty.ttl", "not-utf8.ttl",
    ],
)  # fmt: skip
def test_bad_large_files_are_refused_by_name_with_pyoxigraph_too(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kgenesis.graph import load as load_module

    monkeypatch.setattr(load_module, "OX_PARSE_THRESHOLD", 0)
    with pytest.raises(SourceError, match=name):
        load_module.parse_file(DATA / "invalid" / name)


def test_loading_one_file_adds_each_triple_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression (issue 13): the loader copied every triple into a second graph even for
    one file (198,524 ``graph.add`` calls for 99,262 triples at 10^5)."""
    from rdflib.plugins.stores.memory import Memory

    calls = []
    original = Memory.add

    def counted(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Memory, "add", counted)
    graph = load_files([DATA / "valid" / "query-fixture.ttl"])
    assert len(calls) == len(graph)
    assert str(dict(graph.namespaces())["kg"]) == PREFIX_KG


PREFIX_KG = "https://w3id.org/kgenesis/id/"
