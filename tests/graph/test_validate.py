"""Validation: the minimal graph is valid; each invalid fixture fails with its own rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA
from kgenesis.errors import SourceError, UsageError
from kgenesis.graph.build import assemble
from kgenesis.graph.validate import load_checks
from kgenesis.paths import Project

#: Fixture → the rule its violation must name.
RULES = {
    "missing-evidence.ttl": "missing-evidence-violation",
    "missing-label.ttl": "missing-label-violation",
    "orphan-evidence.ttl": "orphan-evidence-violation",
    "duplicate-label.ttl": "duplicate-label-violation",
    "undescribed-iri.ttl": "undescribed-iri-violation",
    "quote-not-verbatim.ttl": "quote-not-verbatim",
    "target-without-number.ttl": "shacl",
    "quote-cites-wrong-source.ttl": "quote-source-violation",
    "outside-quote-cites-article.ttl": "quote-source-violation",
    "fact-on-curation-note-alone.ttl": "note-only-source-violation",
    "markup-in-quote.ttl": "markup-in-text",
    "missing-translation.ttl": "missing-translation-violation",
    "translation-copies-quote.ttl": "missing-translation-violation",
    "translation-twice.ttl": "shacl",
}


def _project(make_project, fixture: Path) -> Project:
    return Project(make_project({fixture.name: fixture.read_text(encoding="utf-8")}))


def test_minimal_graph_is_valid(make_project, sources: Path) -> None:
    project = _project(make_project, DATA / "valid" / "minimal-graph.ttl")
    _graph, report = assemble(project, sources)
    assert report.ok, report.text()


@pytest.mark.parametrize("name", sorted(RULES))
def test_invalid_graph_fails_with_its_rule(make_project, sources: Path, name: str) -> None:
    project = _project(make_project, DATA / "invalid" / name)
    _graph, report = assemble(project, sources)
    assert not report.ok
    rules = {v.rule for v in report.violations}
    assert RULES[name] in rules, report.text()
    text = report.text()
    assert "fix:" in text and "invalid:" in text


def test_a_second_english_translation_is_a_shacl_violation_of_the_quote(
    make_project, sources: Path
) -> None:
    project = _project(make_project, DATA / "invalid" / "translation-twice.ttl")
    _graph, report = assemble(project, sources)
    (violation,) = report.violations
    assert violation.rule == "shacl" and violation.node == "kg:test-quote"
    assert "kgo:projectTranslation" in violation.detail


def test_a_translation_tagged_korean_is_refused(make_project, sources: Path) -> None:
    text = (DATA / "valid" / "minimal-graph.ttl").read_text(encoding="utf-8")
    tagged_ko = text.replace('Gangnam-gu, Seoul."@en ;', 'Gangnam-gu, Seoul."@ko ;')
    assert tagged_ko != text
    project = Project(make_project({"g.ttl": tagged_ko}))
    _graph, report = assemble(project, sources)
    rules = {(v.rule, v.node) for v in report.violations}
    assert rules == {("shacl", "kg:test-quote"), ("missing-translation-violation", "kg:test-quote")}


def test_blank_node_outside_evidence_is_refused(make_project) -> None:
    project = _project(make_project, DATA / "invalid" / "blank-node.ttl")
    with pytest.raises(SourceError, match="blank node in curated data"):
        assemble(project, None)


def test_quote_check_skips_with_a_message_without_sources(make_project, tmp_path: Path) -> None:
    project = _project(make_project, DATA / "valid" / "minimal-graph.ttl")
    empty = tmp_path / "empty-sources"
    empty.mkdir()
    _graph, report = assemble(project, empty)
    assert report.ok
    assert any("quote check skipped" in note for note in report.notes)


def test_quotes_of_reports_without_a_local_copy_are_named_as_unchecked(
    make_project, sources: Path
) -> None:
    """A quote copied from a report the project keeps no copy of cannot be checked verbatim;
    validate says so rather than passing it in silence."""
    text = (DATA / "valid" / "minimal-graph.ttl").read_text(encoding="utf-8")
    text = text.replace('    kgo:sourceFile "joongang-2025-12-18-k-genesis.ko.txt" .', "    .")
    root = make_project({"g.ttl": text})
    _graph, report = assemble(Project(root), sources)
    assert report.ok, report.text()
    assert any("not checked verbatim: kg:test-quote" in note for note in report.notes)


def test_a_markdown_source_is_quoted_as_its_plain_text(make_project, sources: Path) -> None:
    """Regression (issue 14): quotes of the curation note carried its **…** and wrapped lines,
    which the view then showed. Its words, wrapped lines joined, are the verbatim quote."""
    raw = (DATA / "invalid" / "markup-in-quote.ttl").read_text(encoding="utf-8")
    marked = (
        "was launched on\\n  **9 April 2025** at the Four Seasons Hotel Seoul, hosted by the "
        "Ministry of Science\\n  and ICT."
    )
    assert marked in raw
    words = "was launched on 9 April 2025 at the Four Seasons Hotel Seoul, hosted by the Ministry of Science and ICT."
    _graph, report = assemble(Project(make_project({"g.ttl": raw.replace(marked, words)})), sources)
    assert report.ok, report.text()


def test_a_markdown_quote_copied_with_its_markup_is_neither_text_nor_verbatim(
    make_project, sources: Path
) -> None:
    _graph, report = assemble(
        _project(make_project, DATA / "invalid" / "markup-in-quote.ttl"), sources
    )
    assert {v.rule for v in report.violations} == {"markup-in-text", "quote-not-verbatim"}


def test_every_check_has_rule_and_fix() -> None:
    checks = load_checks()
    assert len(checks) >= 6
    for check in checks:
        assert check.rule != check.name and check.fix, check.name
        assert check.name.endswith("-violation")


@pytest.mark.slow
def test_real_graph_is_valid(repo: Path, sources: Path, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(repo / "ontology", root / "ontology")
    shutil.copytree(repo / "graph", root / "graph")
    _graph, report = assemble(Project(root), sources)
    assert report.ok, report.text()


def test_named_sources_folder_must_exist(make_project, tmp_path: Path) -> None:
    """Regression: a typo in --sources switched the verbatim-quote check off and exited 0."""
    project = _project(make_project, DATA / "valid" / "minimal-graph.ttl")
    with pytest.raises(UsageError, match="no such folder"):
        assemble(project, tmp_path / "typo")


def test_source_text_that_is_not_utf8_is_a_clear_error(make_project, tmp_path: Path) -> None:
    project = _project(make_project, DATA / "valid" / "minimal-graph.ttl")
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "joongang-2025-12-18-k-genesis.ko.txt").write_bytes(b"caf\xe9")
    with pytest.raises(SourceError, match="cannot read the source text"):
        assemble(project, sources)


def test_broken_shapes_file_is_a_clear_error(make_project) -> None:
    """Regression: a malformed shape (sh:path given a literal) raised pySHACL's traceback."""
    root = make_project({"g.ttl": (DATA / "valid" / "minimal-graph.ttl").read_text("utf-8")})
    shapes = root / "ontology" / "shapes.ttl"
    shapes.write_text(
        shapes.read_text(encoding="utf-8")
        + '\nkgsh:Broken a sh:NodeShape ; sh:targetClass kgo:Person ; sh:property [ sh:path "x" ; sh:minCount 1 ] .\n',
        encoding="utf-8",
    )
    with pytest.raises(SourceError, match="ontology/shapes.ttl: the SHACL shapes are broken"):
        assemble(Project(root), None)
