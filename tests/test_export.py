"""Export: canonical bytes in every format, and atomic writes that never lose the old file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import DATA, REPO
from kgenesis.errors import UsageError
from kgenesis.export import serialize
from kgenesis.graph.evidence import skolemize_statements
from kgenesis.graph.load import load_files


@pytest.fixture
def graph() -> Graph:
    return skolemize_statements(load_files([DATA / "valid" / "minimal-graph.ttl"]))


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld", "xml"])
def test_every_format_round_trips(graph: Graph, fmt: str) -> None:
    data = serialize(graph, fmt)
    back = Graph()
    back.parse(
        data=data.decode("utf-8"),
        format={"turtle": "turtle", "jsonld": "json-ld", "xml": "xml"}.get(fmt, fmt),
    )
    assert len(back) == len(graph)


def test_turtle_binds_every_prefix_and_has_no_blank_nodes(graph: Graph) -> None:
    text = serialize(graph, "turtle", ["generated"]).decode("utf-8")
    assert text.startswith("# generated\n")
    assert "ns1:" not in text and "_:" not in text
    assert "PREFIX kg: <https://w3id.org/kgenesis/id/>" in text
    assert "kg:stmt-" in text


def test_ntriples_lines_are_sorted(graph: Graph) -> None:
    lines = [x for x in serialize(graph, "nt").decode("utf-8").splitlines() if x]
    assert lines == sorted(lines)


def test_unknown_format_is_a_usage_error(graph: Graph) -> None:
    with pytest.raises(UsageError):
        serialize(graph, "csv")


def test_export_command_writes_each_format_atomically(tmp_path: Path) -> None:
    import subprocess
    import sys

    source = DATA / "valid" / "minimal-graph.ttl"
    for fmt, parse_as in (
        ("nt", "nt"),
        ("jsonld", "json-ld"),
        ("xml", "xml"),
        ("turtle", "turtle"),
    ):
        out = tmp_path / f"out.{fmt}"
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "kgenesis.cli",
                "export",
                "--data",
                str(source),
                "--format",
                fmt,
                "-o",
                str(out),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
        )
        assert run.returncode == 0, run.stderr
        back = Graph()
        back.parse(out, format=parse_as)
        assert len(back) == len(load_files([source]))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "out.jsonld",
        "out.nt",
        "out.turtle",
        "out.xml",
    ]


def test_export_command_without_a_build_says_what_to_do(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "ontology").mkdir()
    (tmp_path / "graph").mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "kgenesis.cli", "--root", str(tmp_path), "export"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1
    assert "run `kgenesis build` first" in run.stderr


LIST_TTL = """@prefix ex: <https://example.org/> .
ex:s ex:p ( ex:c ex:a ex:b ) ; ex:q [ ex:r "blank" ] .
"""


def _export(
    tmp_path: Path, source: Path, fmt: str, seed: str, cwd: Path, *extra: str
) -> bytes:
    import subprocess
    import sys

    out = tmp_path / f"out-{seed}.{fmt}"
    run = subprocess.run(
        [sys.executable, "-m", "kgenesis.cli", "export", "--data", str(source), "--format", fmt,
         "-o", str(out), *extra],
        capture_output=True, text=True, timeout=60, cwd=cwd,
        env={**os.environ, "PYTHONHASHSEED": seed},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    return out.read_bytes()


@pytest.mark.parametrize("fmt", ["xml", "jsonld", "nt", "turtle"])
def test_export_is_byte_identical_across_hash_seeds_and_folders(tmp_path: Path, fmt: str) -> None:
    """Regression: RDF/XML and blank-node labels changed with PYTHONHASHSEED; the header held
    an absolute path."""
    source = tmp_path / "list.ttl"
    source.write_text(LIST_TTL, encoding="utf-8")
    other = tmp_path / "elsewhere"
    other.mkdir()
    first = _export(tmp_path, source, fmt, "1", tmp_path)
    second = _export(tmp_path, source, fmt, "777", other)
    assert first == second
    assert str(tmp_path).encode() not in first


def test_jsonld_export_keeps_the_order_of_rdf_lists(tmp_path: Path) -> None:
    """Regression: sorting JSON arrays reordered @list items (c, a, b became a, b, c)."""
    source = tmp_path / "list.ttl"
    source.write_text(LIST_TTL, encoding="utf-8")
    back = Graph()
    back.parse(data=_export(tmp_path, source, "jsonld", "0", tmp_path), format="json-ld")
    items = [
        str(row[0])
        for row in back.query(
            "SELECT ?i WHERE { <https://example.org/s> <https://example.org/p>/rdf:rest*/rdf:first ?i }"
        )
    ]
    assert items == [f"https://example.org/{x}" for x in "cab"]


def test_export_keeps_the_files_own_prefixes(tmp_path: Path) -> None:
    """Regression: --data exports wrote ns1: for the file's own ex: prefix."""
    source = tmp_path / "list.ttl"
    source.write_text(LIST_TTL, encoding="utf-8")
    text = _export(tmp_path, source, "turtle", "0", tmp_path).decode("utf-8")
    assert "PREFIX ex: <https://example.org/>" in text and "ns1:" not in text


def test_export_of_named_graphs_is_their_union(tmp_path: Path) -> None:
    """Regression: exporting a TriG file with a named graph raised a traceback."""
    source = tmp_path / "g.trig"
    source.write_text(
        "@prefix ex: <https://example.org/> .\nex:g { ex:a ex:b ex:c . }\nex:d ex:e ex:f .\n",
        encoding="utf-8",
    )
    nt = _export(tmp_path, source, "nt", "0", tmp_path).decode("utf-8")
    assert "<https://example.org/a>" in nt and "<https://example.org/d>" in nt


def test_export_command_offers_every_graph_format_of_the_registry() -> None:
    from kgenesis import formats
    from kgenesis.cli import make_parser
    from kgenesis.export import FORMATS

    export = make_parser()._subparsers._group_actions[0].choices["export"]  # type: ignore[union-attr]
    offered = next(a.choices for a in export._actions if a.dest == "format")
    assert set(FORMATS) == {f.name for f in formats.of_kind(formats.GRAPH)}
    assert set(FORMATS) <= set(offered)


GRAPH_EXTENSIONS = [
    (".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld"), (".rdf", "xml"),
    (".xml", "xml"), (".trig", "trig"), (".nq", "nquads"),
]  # fmt: skip


@pytest.mark.parametrize(("suffix", "parse_as"), GRAPH_EXTENSIONS)
def test_export_output_follows_the_extension(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str, parse_as: str
) -> None:
    """`export -o g.rdf` once wrote Turtle into the file (issue 7): the extension decides."""
    from rdflib import Dataset
    from rdflib.compare import isomorphic

    from kgenesis.cli import main

    source = DATA / "valid" / "minimal-graph.ttl"
    out = tmp_path / f"g{suffix}"
    assert main(["export", "--data", str(source), "-o", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().err
    back = Dataset() if parse_as in ("trig", "nquads") else Graph()
    back.parse(out, format=parse_as)
    union = Graph()
    for triple in (
        back.triples((None, None, None))
        if isinstance(back, Graph) and not isinstance(back, Dataset)
        else (q[:3] for q in back.quads((None, None, None, None)))
    ):
        union.add(triple)
    assert isomorphic(union, Graph().parse(source))


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        ("g.ttl", "nt", "--format nt asks for N-Triples"),
        ("g.rdf", "turtle", ".rdf means RDF/XML, but --format turtle"),
        ("g.tsv", None, ".tsv means SPARQL results TSV, which does not fit an export"),
        ("g.csv", "turtle", ".csv means facts with evidence CSV, but --format turtle"),
        ("g.csv", "csv", "--format csv writes nodes.csv and edges.csv into a folder"),
        ("g.foo", None, "kgenesis export does not write .foo files"),
        ("g.n3", "turtle", "kgenesis export does not write .n3 files"),
    ],
)
def test_export_refuses_an_extension_it_does_not_write_or_a_contradicting_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, fmt: str | None, message: str
) -> None:
    from kgenesis.cli import main

    out = tmp_path / name
    out.write_text("old", encoding="utf-8")
    extra = ["--format", fmt] if fmt else []
    source = DATA / "valid" / "minimal-graph.ttl"
    code = main(["export", "--data", str(source), "-o", str(out), *extra])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "old"


def test_trig_and_nquads_keep_named_graphs_in_a_stable_order(tmp_path: Path) -> None:
    from rdflib import Dataset

    source = tmp_path / "two.trig"
    source.write_text(
        "@prefix ex: <https://example.org/> .\n"
        'ex:g2 { ex:b ex:p ex:c . }\nex:g1 { ex:a ex:p ex:b . ex:a ex:q "x" . }\n'
        "ex:d ex:p ex:e .\n",
        encoding="utf-8",
    )
    data = load_files([source])
    trig = serialize(data, "trig").decode("utf-8")
    assert trig.index("GRAPH <https://example.org/g1>") < trig.index(
        "GRAPH <https://example.org/g2>"
    )
    back = Dataset().parse(data=trig, format="trig")
    assert {str(g.identifier) for g in back.graphs() if len(g)} >= {
        "https://example.org/g1", "https://example.org/g2",
    }  # fmt: skip
    nq = serialize(data, "nq").decode("utf-8").splitlines()
    assert nq == sorted(nq) and len(nq) == 4
    assert sum(line.endswith("<https://example.org/g1> .") for line in nq) == 2
    assert serialize(load_files([source]), "trig").decode("utf-8") == trig


def test_export_has_a_time_limit_and_leaves_the_old_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 16 MB literal took over 100 s to export as Turtle, with no limit (issue 9)."""
    from kgenesis.cli import main

    big = tmp_path / "big.nt"
    big.write_text(
        "".join(
            f'<https://example.org/s{i}> <https://example.org/p> "{i}" .\n' for i in range(50_000)
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out.ttl"
    out.write_text("old", encoding="utf-8")
    assert main(["export", "--data", str(big), "-o", str(out), "--timeout", "0.2"]) == 3
    err = capsys.readouterr().err
    assert err == "kgenesis: error: export stopped after 0.2 s (time limit); raise --timeout\n"
    assert out.read_text(encoding="utf-8") == "old"


def test_trig_keeps_a_blank_node_shared_by_two_graphs_as_one(tmp_path: Path) -> None:
    """Each graph was written as its own Turtle block, so `[ ]` split a blank node that
    two named graphs share into two nodes (a review found it)."""
    from rdflib import BNode, Dataset

    source = tmp_path / "shared.trig"
    source.write_text(
        "@prefix ex: <https://example.org/> .\n"
        "ex:g1 { ex:a ex:p _:b . }\nex:g2 { _:b ex:q 'x' . }\n",
        encoding="utf-8",
    )
    trig = serialize(load_files([source]), "trig").decode("utf-8")
    back = Dataset().parse(data=trig, format="trig")
    nodes = {t for s, p, o, g in back.quads((None, None, None, None)) for t in (s, o)}
    assert len([n for n in nodes if isinstance(n, BNode)]) == 1, trig


@pytest.mark.parametrize(
    "data",
    [
        "outputs/graph.ttl",  # Korean, quotes, newlines, typed literals, a tab
        "tests/data/valid/query-fixture.ttl",
        "tests/data/valid/view-xss.ttl",
    ],
)
def test_export_data_gives_the_same_bytes_from_pyoxigraph_and_rdflib(
    data: str, tmp_path: Path
) -> None:
    """Regression (issue 13): ``export --data --format nt`` took 109 s at 10^6 triples. A
    large file now streams through pyoxigraph; the bytes must stay what rdflib writes."""
    from kgenesis.cli import main

    for fmt in ("nt", "nq"):
        outs = []
        for store in ("memory", "oxigraph"):
            out = tmp_path / f"{store}.{fmt}"
            argv = ["export", "--data", str(REPO / data), "--format", fmt, "--store", store]
            assert main([*argv, "-o", str(out)]) == 0
            outs.append(out.read_bytes())
        assert outs[0] == outs[1], (data, fmt)


def test_export_data_typed_literals_and_blank_nodes_read_as_rdflib_writes_them(
    tmp_path: Path,
) -> None:
    from kgenesis.cli import main

    data = tmp_path / "typed.ttl"
    data.write_text(
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<urn:a> <urn:v> "01"^^xsd:integer , "1.5E3"^^xsd:double , "50.0"^^xsd:decimal , '
        '"a\\\\tb\\tc" , "x"^^xsd:string , "1"^^xsd:boolean .\n'
        "<urn:b> <urn:w> [ <urn:c> <urn:d> ] .\n",
        encoding="utf-8",
    )
    outs = []
    for store in ("memory", "oxigraph"):
        out = tmp_path / f"{store}.nt"
        assert main(["export", "--data", str(data), "--store", store, "-o", str(out)]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    no_blank = tmp_path / "typed-only.ttl"
    no_blank.write_text(data.read_text("utf-8").split("<urn:b>")[0], encoding="utf-8")
    outs = []
    for store in ("memory", "oxigraph"):
        out = tmp_path / f"{store}-2.nt"
        assert main(["export", "--data", str(no_blank), "--store", store, "-o", str(out)]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


OX_FORMATS = ["turtle", "trig", "xml", "jsonld", "nt", "nq"]
_RDFLIB_PARSER = {"xml": "xml", "jsonld": "json-ld", "nq": "nquads"}


@pytest.mark.parametrize("fmt", OX_FORMATS)
@pytest.mark.parametrize(
    "data", ["outputs/graph.ttl", "tests/data/valid/view-xss.ttl", "tests/data/valid/query-fixture.ttl"]
)
def test_export_on_pyoxigraph_reads_back_to_the_same_graph(
    data: str, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression (issue 13): Turtle, TriG, RDF/XML and JSON-LD exports of a large graph went
    through rdflib's writers, 64 to 78 times pyoxigraph's parse and serialise at 10^5 triples.
    On pyoxigraph's store every format is pyoxigraph's writing: the same graph, read back."""
    from rdflib import Dataset
    from rdflib.compare import isomorphic

    import kgenesis.export
    from kgenesis.cli import main

    def refused(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("rdflib's writer ran")

    monkeypatch.setattr(kgenesis.export, "serialize", refused)
    out = tmp_path / f"out.{fmt}"
    argv = ["export", "--data", str(REPO / data), "--format", fmt, "--store", "oxigraph"]
    assert main([*argv, "-o", str(out)]) == 0
    back = Dataset()
    back.parse(out, format=_RDFLIB_PARSER.get(fmt, fmt))
    read = Graph()
    for s, p, o, _g in back.quads((None, None, None, None)):
        read.add((s, p, o))
    assert isomorphic(read, load_files([REPO / data]))
    text = out.read_bytes()
    if fmt in ("turtle", "trig", "nt", "nq"):
        assert text.startswith(b"# Generated by `kgenesis export --format ")
    elif fmt == "xml":
        assert text.split(b"\n")[1].startswith(b"<!-- Generated by `kgenesis export")
    if fmt in ("turtle", "trig"):
        assert b"@prefix kg: <https://w3id.org/kgenesis/id/> ." in text and b"ns1:" not in text
    if fmt == "xml":
        assert b'xmlns:kgo="https://w3id.org/kgenesis/ontology#"' in text


@pytest.mark.parametrize("fmt", ["turtle", "trig", "xml", "jsonld"])
def test_export_on_pyoxigraph_is_byte_identical_across_hash_seeds(tmp_path: Path, fmt: str) -> None:
    source = REPO / "tests" / "data" / "valid" / "view-xss.ttl"
    other = tmp_path / "elsewhere"
    other.mkdir()
    first = _export(tmp_path, source, fmt, "1", tmp_path, "--store", "oxigraph")
    second = _export(tmp_path, source, fmt, "777", other, "--store", "oxigraph")
    assert first == second
    shuffled = tmp_path / "shuffled.nt"  # the same graph, its lines in another order
    lines = serialize(load_files([source]), "nt").splitlines(keepends=True)
    shuffled.write_bytes(b"".join(reversed(lines)))
    again = _export(tmp_path, shuffled, fmt, "5", other, "--store", "oxigraph")

    def body(data: bytes) -> list[bytes]:  # the header names the file
        return [line for line in data.split(b"\n") if b"Generated by" not in line]

    assert body(again) == body(first)


def test_export_of_a_large_built_graph_goes_through_pyoxigraph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The built graph is held by size too (here forced): pyoxigraph writes it, header kept."""
    from rdflib.compare import isomorphic

    import kgenesis.export
    from kgenesis.cli import main

    def refused(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("rdflib's writer ran")

    monkeypatch.setattr(kgenesis.export, "serialize", refused)
    out = tmp_path / "built.ttl"
    assert main(["--root", str(REPO), "export", "--store", "oxigraph", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Generated by `kgenesis export --format turtle` from the built")
    assert "CC BY 4.0" in text.split("\n\n")[0]
    assert isomorphic(Graph().parse(out), Graph().parse(REPO / "outputs" / "graph.ttl"))


@pytest.mark.parametrize("fmt", ["turtle", "trig", "xml", "jsonld"])
def test_export_on_pyoxigraph_labels_blank_nodes_canonically(
    tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large file with blank nodes went to rdflib's writers (minutes at 10^6 triples); now
    pyoxigraph relabels them by RDFC-1.0, so the labels a file happens to use do not show."""
    from rdflib.compare import isomorphic

    import kgenesis.export
    from kgenesis.cli import main

    def refused(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("rdflib's writer ran")

    monkeypatch.setattr(kgenesis.export, "serialize", refused)
    outs = []
    for label in ("x", "other"):
        source = tmp_path / f"{label}.nt"
        source.write_text(
            f'<urn:a> <urn:b> _:{label} .\n_:{label} <urn:c> "5"^^<http://www.w3.org/2001/'
            f"XMLSchema#int> .\n_:{label} <urn:d> _:{label}2 .\n_:{label}2 <urn:e> <urn:f> .\n",
            encoding="utf-8",
        )
        out = tmp_path / f"{label}.{fmt}"
        argv = ["export", "--data", str(source), "-f", fmt, "--store", "oxigraph", "-o", str(out)]
        assert main(argv) == 0
        back = Graph().parse(out, format=_RDFLIB_PARSER.get(fmt, fmt))
        assert isomorphic(back, load_files([source]))
        outs.append([line for line in out.read_bytes().split(b"\n") if b"Generated" not in line])
    assert outs[0] == outs[1]
