"""The census read in shares on several processors is the census read whole (issue 13:
the summary of a 20,000-node graph within 2× pyoxigraph's parse of the file)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kgenesis import fanout
from kgenesis.cli import main
from kgenesis.errors import SourceError
from kgenesis.view import census as census_module
from kgenesis.view.census import Census, _shares, census_files

KG, KGO = "https://w3id.org/kgenesis/id/", "https://w3id.org/kgenesis/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
FORMATS = {".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS}


def _as_read(census: Census) -> tuple:
    """Everything a census holds, in its order."""
    return (list(census.entities.items()), census.facts, census.subclass, census.labelled)


@pytest.fixture
def in_shares(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file in four shares, however small."""
    monkeypatch.setattr(census_module, "SHARE", 1)
    monkeypatch.setattr(fanout, "processors", lambda: 4)


@pytest.fixture
def whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fanout, "processors", lambda: 1)


def _blank_across_shares(path: Path) -> Path:
    """A blank node typed in the first lines and linked in the last ones, a statement of
    evidence in between, and an IRI given as a label."""
    lines = [
        f"_:org <{RDF}type> <{KGO}Organization> .",
        f'_:org <{LABEL}> "재단"@ko .',
        f"<{KG}a> <{RDF}type> <{KGO}Person> .",
        f'<{KG}a> <{LABEL}> "가"@ko .',
        f"<{KG}a> <{LABEL}> <{KG}not-text> .",
        f"<{KG}b> <{RDF}type> <{KGO}Person> .",
        *(f'<{KG}b> <{KGO}note> "메모 {i}" .' for i in range(40)),
        f"<{KG}st> <{RDF}type> <{RDF}Statement> .",
        f"<{KG}st> <{RDF}subject> <{KG}a> .",
        f"<{KG}a> <{KGO}memberOf> _:org .",
        f"<{KG}a> <{KGO}knows> <{KG}b> .",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_file_read_in_shares_gives_the_census_read_whole(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    caplog.set_level("INFO", logger="kgenesis.view.census")
    small = _blank_across_shares(tmp_path / "small.nt")
    quads = tmp_path / "synthetic.nq"  # the same triples in a named graph, as N-Quads
    quads.write_bytes(
        ox.serialize(
            (
                ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(KG + "g"))
                for t in ox.parse(path=str(synthetic), format=ox.RdfFormat.N_TRIPLES)
            ),
            format=ox.RdfFormat.N_QUADS,
        )  # fmt: skip
    )
    for files in ([synthetic], [small], [quads], [small, synthetic]):
        monkeypatch.setattr(fanout, "processors", lambda: 1)
        read_whole = census_files(files, None)
        monkeypatch.setattr(census_module, "SHARE", 1)
        monkeypatch.setattr(fanout, "processors", lambda: 4)
        assert len(_shares(files[0], FORMATS[files[0].suffix], 4)) == 4
        in_shares = census_files(files, None)
        monkeypatch.undo()
        assert read_whole is not None and in_shares is not None
        assert _as_read(in_shares) == _as_read(read_whole)
    assert "read whole again" not in caplog.text  # every share was read in its process
    assert f"{KG}a" in read_whole.entities and "_:org" not in read_whole.entities


def test_shares_cut_after_a_line_feed_and_cover_the_file(synthetic: Path) -> None:
    data = synthetic.read_bytes()
    shares = _shares(synthetic, ox.RdfFormat.N_TRIPLES, 3)
    assert len(shares) == 1  # 3,000 triples: under SHARE, read whole
    census_module.SHARE, saved = 1000, census_module.SHARE
    try:
        shares = _shares(synthetic, ox.RdfFormat.N_TRIPLES, 3)
        turtle = _shares(synthetic, ox.RdfFormat.TURTLE, 3)
    finally:
        census_module.SHARE = saved
    assert len(shares) == 3 and len(turtle) == 1  # Turtle's lines are not whole triples
    pieces = [data[start:end] for _, _, start, end in shares]
    assert b"".join(pieces) == data
    assert all(piece.endswith(b"\n") for piece in pieces)


@pytest.mark.parametrize("line", [2, 190])  # in the first share, in the last
def test_a_syntax_error_in_any_share_is_told_as_a_whole_read_tells_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: int
) -> None:
    bad = tmp_path / "bad.nt"
    lines = [f"<{KG}e{i}> <{RDF}type> <{KGO}Person> ." for i in range(200)]
    lines[line - 1] = f"<{KG}e{line}> <{RDF}type> <not an iri> ."
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(fanout, "processors", lambda: 1)
    with pytest.raises(SourceError) as whole_read:
        census_files([bad], None)
    message = str(whole_read.value)
    assert message.startswith(f"{bad}: syntax error") and f"line {line} " in message
    monkeypatch.setattr(census_module, "SHARE", 1)
    monkeypatch.setattr(fanout, "processors", lambda: 4)
    with pytest.raises(SourceError) as in_shares:
        census_files([bad], None)
    assert str(in_shares.value) == message


def test_an_iri_given_as_a_label_is_no_text_in_the_summary(tmp_path: Path, whole: None) -> None:
    """It stopped the summary with an AttributeError (a pyoxigraph IRI has no language)."""
    path = _blank_across_shares(tmp_path / "g.nt")
    out = tmp_path / "v.html"
    assert main(["view", str(path), "--summary-above", "1", "-o", str(out)]) == 0
    census = census_files([path], None)
    assert census is not None
    assert census.names([f"{KG}a"])[f"{KG}a"] == {"ko": "가", "en": "가"}


def test_the_view_package_layout_stays_the_function_once_its_module_is_imported() -> None:
    from kgenesis import view
    from kgenesis.view import layout as imported

    view.render_html  # noqa: B018 - imports view.page, which imports view.layout
    assert callable(view.layout) and view.layout is imported
    assert view.layout.__module__ == "kgenesis.view.layout"


def test_a_summary_never_imports_rdflib(synthetic: Path, tmp_path: Path) -> None:
    """rdflib takes 0.1 s to import: a third of pyoxigraph's parse of 4·10^5 triples."""
    out = tmp_path / "v.html"
    code = (
        "import sys\nfrom kgenesis.cli import main\n"
        f"code = main(['view', {str(synthetic)!r}, '--summary-above', '50', '-o', {str(out)!r}])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('rdflib', 'networkx', 'pyvis'))\n"
        "assert code == 0 and not heavy, (code, heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "drawing a summary" in done.stderr and out.stat().st_size > 100_000
