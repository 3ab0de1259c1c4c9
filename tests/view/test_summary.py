"""The summary page of a graph too large to draw (issue 13), without a browser: the census
agrees with the view model, the page's clusters, counts and --focus commands, escaping,
determinism, and the refusals that come before anything is built. In Chromium:
test_summary_browser.py."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, REPO
from kgenesis.cli import main
from kgenesis.graph.load import load_files
from kgenesis.view import select
from kgenesis.view.census import census_files, census_graph

FIXTURE = DATA / "valid" / "view-fixture.ttl"
XSS = DATA / "valid" / "view-xss.ttl"
CURATED = REPO / "outputs" / "graph.ttl"


def page_data(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert found
    return json.loads(found.group(1))


@pytest.mark.parametrize("which", ["fixture", "xss", "curated", "synthetic"])
def test_census_draws_what_the_view_model_draws(which: str, synthetic: Path) -> None:
    """The census's streaming rules are the projection's: the same entities, the same facts."""
    path = {"fixture": FIXTURE, "xss": XSS, "curated": CURATED, "synthetic": synthetic}[which]
    if not path.is_file():
        pytest.skip(f"{path} not built")
    graph = load_files([path])
    selection = select(graph)
    census = census_files([path], None)
    assert census is not None
    assert set(census.entities) == {str(n) for n in selection.nodes}
    assert set(census.facts) == {(str(s), str(p), str(o)) for s, p, o in selection.edges}
    assert len(census.facts) == len(set(census.facts))
    loaded = census_graph(graph)  # the built graph, JSON-LD and RDF/XML take this way
    assert loaded.entities == census.entities and set(loaded.facts) == set(census.facts)


def test_a_large_whole_view_is_a_summary(tmp_path: Path, synthetic: Path, capsys) -> None:
    out = tmp_path / "summary.html"
    assert (
        main(["view", str(synthetic), "--summary-above", "50", "--lang", "en", "-o", str(out)]) == 0
    )
    assert "drawing a summary" in capsys.readouterr().err
    data = page_data(out.read_text(encoding="utf-8"))
    census = census_files([synthetic], None)
    assert census is not None
    summary = data["summary"]
    assert summary["entities"] == len(census.entities) and summary["line"] == 50
    assert sum(c["count"] for c in data["clusters"]) == len(census.entities)
    assert sum(link["count"] for link in data["links"]) == len(census.facts)
    people = next(c for c in data["clusters"] if c["curie"] == "kgo:Person")
    assert (people["ko"], people["en"]) == ("인물", "Person")
    labels = {n["id"]: n["label"] for n in data["vis"]["nodes"]}
    assert f"Person ({people['count']:,})" in labels.values()
    top = [n for n in data["vis"]["nodes"] if not re.fullmatch(r"c\d+", n["id"])]
    assert len(top) == summary["top"] == min(100, len(census.entities))
    degree = census.degrees()
    drawn = sorted(degree[n["id"]] for n in top)
    assert drawn[0] >= max(d for e, d in degree.items() if e not in labels)  # the most central
    for member in people["members"]:
        command = data["entities"][member]["command"]
        assert command.startswith(f"kgenesis view {synthetic} --focus kg:person-")


def test_the_way_in_is_a_command_that_works(tmp_path: Path, synthetic: Path) -> None:
    out = tmp_path / "summary.html"
    assert main(["view", str(synthetic), "--summary-above", "50", "-o", str(out)]) == 0
    data = page_data(out.read_text(encoding="utf-8"))
    entity = data["clusters"][0]["members"][0]
    words = shlex.split(data["entities"][entity]["command"])
    assert words[:2] == ["kgenesis", "view"]
    focused = tmp_path / "focus.html"
    assert main([*words[1:], "-o", str(focused)]) == 0
    assert entity in page_data(focused.read_text(encoding="utf-8"))["nodes"]


def test_summary_labels_stay_text(tmp_path: Path) -> None:
    """Labels written as HTML (tests/data/valid/view-xss.ttl) travel as escaped JSON only."""
    out = tmp_path / "xss.html"
    assert main(["view", str(XSS), "--summary-above", "0", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    raw = re.search(r'id="kg-data">(.*?)</script>', page, re.S)
    assert raw and "<" not in raw.group(1) and ">" not in raw.group(1)
    data = page_data(page)
    assert any("<img src=x onerror=" in c["ko"] for c in data["clusters"])


def test_summary_bytes_do_not_depend_on_the_hash_seed(tmp_path: Path, synthetic: Path) -> None:
    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"s{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "kgenesis.cli", "view", str(synthetic), "--summary-above",
             "50", "-o", str(out)],
            check=True, env=env, cwd=tmp_path, capture_output=True,
        )  # fmt: skip
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]


def test_force_above_the_ceiling_is_refused_before_anything_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import kgenesis.commands.view as command
    import kgenesis.graph.load as load_module

    def no_load(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the graph was loaded before the refusal")

    monkeypatch.setattr(load_module, "load_files", no_load)
    monkeypatch.setattr(command, "FORCE_LIMIT", 5)
    out = tmp_path / "v.html"
    assert main(["view", str(FIXTURE), "--summary-above", "3", "--force", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "more than 5 even with --force" in err and "--focus" in err and "summary" in err
    assert not out.exists()


def test_summary_above_must_not_be_negative(capsys) -> None:
    assert main(["view", str(FIXTURE), "--summary-above", "-1", "-o", "-"]) == 2
    assert "--summary-above" in capsys.readouterr().err


def test_summary_above_the_force_limit_is_refused_not_left_without_a_page(capsys) -> None:
    """``--summary-above 20000`` on a graph of 15,000 nodes drew no summary (under the line)
    and then refused the whole view (over 10,000 even with --force): no page at all."""
    from kgenesis.commands.view import FORCE_LIMIT

    assert main(["view", str(FIXTURE), "--summary-above", str(FORCE_LIMIT + 1), "-o", "-"]) == 2
    err = capsys.readouterr().err
    assert "--summary-above must be from 0 to 10,000" in err
    assert main(["view", str(FIXTURE), "--summary-above", str(FORCE_LIMIT), "-o", "-"]) == 0


def test_the_census_refuses_a_file_over_max_size_unread(
    tmp_path: Path, synthetic: Path, capsys
) -> None:
    out = tmp_path / "v.html"
    assert main(["view", str(synthetic), "--max-size", "1K", "-o", str(out)]) == 1
    assert "more than the 1,024 allowed; raise --max-size" in capsys.readouterr().err
    assert not out.exists()


def test_the_census_names_the_file_and_line_of_a_syntax_error(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.nt"
    bad.write_text("<https://w3id.org/kgenesis/id/a> <http://p> <not an iri> .\n", encoding="utf-8")
    assert main(["view", str(bad), "-o", str(tmp_path / "v.html")]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: syntax error" in err and "line 1" in err and "Traceback" not in err


def test_the_census_refuses_an_empty_file_by_name(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix ex: <http://example.org/> .\n", encoding="utf-8")
    assert main(["view", str(empty), "-o", str(tmp_path / "v.html")]) == 1
    assert f"{empty}: empty graph (no triples)" in capsys.readouterr().err


def test_the_built_graph_is_summarised_too(make_project, tmp_path: Path) -> None:
    """Without files, the built graph (outputs/graph.ttl) is counted once loaded; its
    summary's commands name no file."""
    root = make_project()
    (root / "outputs").mkdir()
    (root / "outputs" / "graph.ttl").write_bytes(FIXTURE.read_bytes())
    run = subprocess.run(
        [sys.executable, "-m", "kgenesis.cli", "--root", str(root), "view", "--summary-above",
         "3", "-o", "-"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0 and "drawing a summary" in run.stderr
    data = page_data(run.stdout)
    assert data["summary"]["entities"] == 6
    assert all(e["command"].startswith("kgenesis view --focus ") for e in data["entities"].values())
