"""Validation: the minimal graph is valid; each invalid fixture fails with its own rule.

The fixtures quote the made-up source text in tests/data/sources/, so every rule, the
verbatim-quote check included, runs without the article; only the check of the real
graph's quotes against the real article needs ``../shared/sources/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA
from kgenesis.errors import SourceError, UsageError
from kgenesis.graph.build import assemble
from kgenesis.graph.evidence import derive_statements
from kgenesis.graph.load import load_sources
from kgenesis.graph.validate import check_quotes, load_checks
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


def test_minimal_graph_is_valid(make_project, made_up_sources: Path) -> None:
    project = _project(make_project, DATA / "valid" / "minimal-graph.ttl")
    _graph, report = assemble(project, made_up_sources)
    assert report.ok, report.text()
    assert report.notes == [], "the quote check must have run on the made-up source text"


@pytest.mark.parametrize("name", sorted(RULES))
def test_invalid_graph_fails_with_its_rule(make_project, made_up_sources: Path, name: str) -> None:
    project = _project(make_project, DATA / "invalid" / name)
    _graph, report = assemble(project, made_up_sources)
    assert not report.ok
    rules = {v.rule for v in report.violations}
    assert RULES[name] in rules, report.text()
    text = report.text()
    assert "fix:" in text and "invalid:" in text


def test_a_second_english_translation_is_a_shacl_violation_of_the_quote(
    make_project, made_up_sources: Path
) -> None:
    project = _project(make_project, DATA / "invalid" / "translation-twice.ttl")
    _graph, report = assemble(project, made_up_sources)
    (violation,) = report.violations
    assert violation.rule == "shacl" and violation.node == "kg:test-quote"
    assert "kgo:projectTranslation" in violation.detail


def test_a_translation_tagged_korean_is_refused(make_project, made_up_sources: Path) -> None:
    text = (DATA / "valid" / "minimal-graph.ttl").read_text(encoding="utf-8")
    tagged_ko = text.replace('at the test hall."@en ;', 'at the test hall."@ko ;')
    assert tagged_ko != text
    project = Project(make_project({"g.ttl": tagged_ko}))
    _graph, report = assemble(project, made_up_sources)
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
    make_project, made_up_sources: Path
) -> None:
    """A quote copied from a report the project keeps no copy of cannot be checked verbatim;
    validate says so rather than passing it in silence."""
    text = (DATA / "valid" / "minimal-graph.ttl").read_text(encoding="utf-8")
    text = text.replace('    kgo:sourceFile "test-daily-summit.ko.txt" .', "    .")
    root = make_project({"g.ttl": text})
    _graph, report = assemble(Project(root), made_up_sources)
    assert report.ok, report.text()
    assert any("not checked verbatim: kg:test-quote" in note for note in report.notes)


def test_a_markdown_source_is_quoted_as_its_plain_text(make_project, made_up_sources: Path) -> None:
    """Regression (issue 14): quotes of the curation note carried its **…** and wrapped lines,
    which the view then showed. Its words, wrapped lines joined, are the verbatim quote."""
    raw = (DATA / "invalid" / "markup-in-quote.ttl").read_text(encoding="utf-8")
    marked = (
        "was launched on\\n  **9 April 2025** at the Four Seasons Hotel Seoul, hosted by the "
        "Ministry of Science\\n  and ICT."
    )
    assert marked in raw
    words = "was launched on 9 April 2025 at the Four Seasons Hotel Seoul, hosted by the Ministry of Science and ICT."
    _graph, report = assemble(
        Project(make_project({"g.ttl": raw.replace(marked, words)})), made_up_sources
    )
    assert report.ok, report.text()


def test_a_markdown_quote_copied_with_its_markup_is_neither_text_nor_verbatim(
    make_project, made_up_sources: Path
) -> None:
    _graph, report = assemble(
        _project(make_project, DATA / "invalid" / "markup-in-quote.ttl"), made_up_sources
    )
    assert {v.rule for v in report.violations} == {"markup-in-text", "quote-not-verbatim"}


def test_every_check_has_rule_and_fix() -> None:
    checks = load_checks()
    assert len(checks) >= 6
    for check in checks:
        assert check.rule != check.name and check.fix, check.name
        assert check.name.endswith("-violation")


@pytest.mark.slow
def test_real_graph_is_valid(repo: Path, tmp_path: Path) -> None:
    """Every rule but the verbatim-quote check (next test), which needs the article."""
    root = tmp_path / "repo"
    shutil.copytree(repo / "ontology", root / "ontology")
    shutil.copytree(repo / "graph", root / "graph")
    no_texts = tmp_path / "no-source-texts"
    no_texts.mkdir()
    _graph, report = assemble(Project(root), no_texts)
    assert report.ok, report.text()


@pytest.mark.slow
def test_real_graph_quotes_occur_verbatim_in_the_article(repo: Path, article_sources: Path) -> None:
    graph = derive_statements(load_sources(Project(repo)))
    found, notes = check_quotes(graph, article_sources)
    assert not found, "\n".join(f"{v.node}: {v.detail}" for v in found)
    # every source file was there and was checked; only the reports kept nowhere here are
    # named as unchecked (issue 14: quoted from stored copies of their pages)
    assert all("keeps no copy of" in note for note in notes), notes


def test_named_sources_folder_must_exist(make_project, tmp_path: Path) -> None:
    """Regression: a typo in --sources switched the verbatim-quote check off and exited 0."""
    project = _project(make_project, DATA / "valid" / "minimal-graph.ttl")
    with pytest.raises(UsageError, match="no such folder"):
        assemble(project, tmp_path / "typo")


def test_source_text_that_is_not_utf8_is_a_clear_error(make_project, tmp_path: Path) -> None:
    project = _project(make_project, DATA / "valid" / "minimal-graph.ttl")
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "test-daily-summit.ko.txt").write_bytes(b"caf\xe9")
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
