"""The HTML view without a browser: what becomes a node, an edge or a detail; escaping of the
embedded data; determinism; selection (--focus, --query) and the command's refusals.
Browser behaviour itself is tested in test_view_browser.py."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from conftest import DATA, REPO
from kgenesis.errors import UsageError
from kgenesis.graph.load import load_files
from kgenesis.graph.namespaces import KG, KGO, sparql_prolog
from kgenesis.graph.plaintext import find_markup
from kgenesis.view import embed_json, render_html, resolve_entity, select, view_data

FIXTURE = DATA / "valid" / "view-fixture.ttl"
XSS = DATA / "valid" / "view-xss.ttl"
BAE = str(KG["bae-kyunghoon"])
ENTITIES = {
    "bae-kyunghoon", "msit", "role-minister", "bae-kyunghoon-msit-minister",
    "ai-talent-policy", "field-ai",
}  # fmt: skip


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_files([FIXTURE])


@pytest.fixture(scope="module")
def data(graph: Graph) -> dict:
    return view_data(graph)


def page_data(page: str) -> dict:
    """The JSON embedded in a page, parsed back."""
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert match, "no embedded data"
    return json.loads(match.group(1))


def _run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kgenesis.cli", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


# --- what is drawn -----------------------------------------------------------


def test_nodes_are_entities_not_literals_helpers_or_evidence(data: dict) -> None:
    assert set(data["nodes"]) == {str(KG[name]) for name in ENTITIES}
    assert {n["id"] for n in data["vis"]["nodes"]} == set(data["nodes"])
    for bookkeeping in ("quote-bae-minister", "src-yonhap-2025-12-18", "stmt-bae-member",
                        "target-ai-talent", "yonhap",
                        "bae-kyunghoon-msit-minister-term", "bae-kyunghoon-msit-minister-start"):  # fmt: skip
        assert str(KG[bookkeeping]) not in data["nodes"]


def test_edges_are_facts_between_entities_labelled_by_property(graph: Graph) -> None:
    ko, en = view_data(graph, lang="ko"), view_data(graph, lang="en")
    edges = {(e["from"], e["label"], e["to"]) for e in ko["vis"]["edges"]}
    assert len(ko["vis"]["edges"]) == 6
    assert (str(KG["bae-kyunghoon-msit-minister"]), "구성원", BAE) in edges
    assert (BAE, "affiliation", str(KG["msit"])) in {
        (e["from"], e["label"], e["to"]) for e in en["vis"]["edges"]
    }


def test_label_falls_back_to_prefixed_name_when_property_is_unlabelled() -> None:
    g = Graph()
    g.parse(
        data="@prefix kg: <https://w3id.org/kgenesis/id/> . @prefix kgo: <https://w3id.org/kgenesis/ontology#> .\n"
        'kg:a a kgo:Thing ; kgo:linksTo kg:b . kg:b a kgo:Thing ; <http://www.w3.org/2000/01/rdf-schema#label> "B"@en .',
        format="turtle",
    )  # fmt: skip
    data = view_data(g)
    assert data["vis"]["edges"][0]["label"] == "kgo:linksTo"
    assert data["nodes"][str(KG["a"])]["ko"] == "kg:a"
    assert data["nodes"][str(KG["b"])]["ko"] == "B"  # English label when Korean is missing


def test_skos_pref_label_and_alt_labels(data: dict) -> None:
    field = data["nodes"][str(KG["field-ai"])]
    assert (field["ko"], field["en"], field["alt"]) == (
        "인공지능",
        "Artificial intelligence",
        ["AI"],
    )


def test_numbers_dates_and_targets_are_details_not_nodes(data: dict) -> None:
    policy = data["nodes"][str(KG["ai-talent-policy"])]
    target = next(f["v"] for f in policy["facts"] if f["p"] == "kgo:hasTarget")
    values = {f["p"]: f["v"] for f in target["facts"]}
    assert values["schema:value"] == {"t": "lit", "text": "1000", "dt": "xsd:integer"}
    assert values["kgo:deadline"]["text"] == "2030"
    assert values["kgo:bound"]["en"] == "at least"
    holding = data["nodes"][str(KG["bae-kyunghoon-msit-minister"])]
    term = next(f["v"] for f in holding["facts"] if f["p"] == "org:memberDuring")
    assert term["t"] == "nested"  # the time:Interval and its time:Instant, inline
    assert "2025-07-21" in json.dumps(term)


def test_each_fact_carries_its_evidence(data: dict) -> None:
    bae = data["nodes"][BAE]
    incoming = next(f for f in bae["in"] if f["p"] == "org:member")
    (ev,) = incoming["ev"]
    assert ev["quote"].startswith("배경훈 과학기술정보통신부 장관은 18일")
    (src,) = ev["sources"]
    assert src["title"] == '배경훈 장관 "AI 인재 1000명 양성"'
    assert src["publisher"] == {"ko": "연합뉴스", "en": "Yonhap News Agency"}
    assert src["date"] == "2025-12-18"
    assert src["url"] == "https://www.example.com/news/2025-12-18-ai"
    policy = data["nodes"][str(KG["ai-talent-policy"])]
    target = next(f["v"] for f in policy["facts"] if f["p"] == "kgo:hasTarget")
    assert next(f for f in target["facts"] if f["p"] == "schema:value")["ev"]


def test_classes_have_distinct_colour_and_shape_with_counts(data: dict) -> None:
    styles = {(c["color"], c["shape"]) for c in data["classes"]}
    assert len(styles) == len(data["classes"]) == 6
    assert sum(c["count"] for c in data["classes"]) == 6
    assert {"ko": "인물", "en": "Person"}.items() <= data["classes"][
        data["nodes"][BAE]["cls"]
    ].items()


# --- the page ----------------------------------------------------------------


def test_page_is_self_contained_and_writes_nothing(
    graph: Graph, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    page = render_html(graph)
    assert list(tmp_path.iterdir()) == []  # no lib/ folder, no file: the page is a str
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"bootstrap|unpkg|jsdelivr|cdnjs", page, re.I)
    assert "@version 9.1.2" in page  # pyvis's packaged vis-network, inline
    assert "default-src 'none'" in page  # CSP: the page may not fetch anything


def test_generated_header_names_the_command(graph: Graph) -> None:
    page = render_html(graph, generated_by="kgenesis build")
    assert "Generated by `kgenesis build`" in page[:300]


def test_physics_off_and_every_node_has_integer_position(data: dict) -> None:
    assert data["vis"]["options"]["physics"] == {"enabled": False}
    for node in data["vis"]["nodes"]:
        assert isinstance(node["x"], int) and isinstance(node["y"], int)


def test_same_graph_gives_same_bytes_whatever_the_triple_order(graph: Graph) -> None:
    shuffled = Graph()
    for triple in sorted(graph, key=lambda t: str(t[::-1]), reverse=True):
        shuffled.add(triple)
    assert render_html(graph) == render_html(shuffled)


def test_same_bytes_across_hash_seeds_and_folders(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from kgenesis.graph.load import load_files; "
        "from kgenesis.view import render_html; "
        f"sys.stdout.buffer.write(render_html(load_files([Path({str(FIXTURE)!r})])).encode())"
    )
    outs = []
    for seed, cwd in (("1", tmp_path), ("4242", REPO)):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, timeout=120
        )
        assert run.returncode == 0, run.stderr.decode()
        outs.append(run.stdout)
    assert outs[0] == outs[1]
    assert list(tmp_path.iterdir()) == []


# --- escaping ----------------------------------------------------------------


def test_embed_json_escapes_markup_characters() -> None:
    text = embed_json({"a": "</script><img src=x onerror=alert(1)> & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text)["a"] == "</script><img src=x onerror=alert(1)> & \u2028"


def test_hostile_labels_never_appear_as_markup_in_the_page() -> None:
    graph = load_files([XSS])
    title = '<script>window.__pwned="h1"</script> & "heading"'
    page = render_html(graph, title=title)
    head, body = page.split('id="kg-data">', 1)
    payload, rest = body.split("</script>", 1)
    for hostile in ("<script>window.__pwned", "<img src=x", "<svg onload", "<a href"):
        assert hostile not in head + payload  # data: only as \u003c-escaped JSON
    assert "<title>&lt;script&gt;window.__pwned=&quot;h1&quot;&lt;/script&gt; &amp;" in head
    data = page_data(page)
    assert data["title"] == title
    mallory = data["nodes"][str(KG["mallory"])]
    assert mallory["ko"] == "<script>window.__pwned='label'</script>말로리"
    # a javascript: address is kept as text, never offered as a link
    ev = next(e for f in mallory["facts"] for e in f.get("ev", []))
    (src,) = ev["sources"]
    assert src["url"] is None and src["address"].startswith("javascript:")


def test_tooltips_are_plain_strings_with_class_and_both_labels(data: dict) -> None:
    bae = next(n for n in data["vis"]["nodes"] if n["id"] == BAE)
    assert bae["title"] == "인물 · Person\n배경훈\nBae Kyung-hoon"


# --- selection ---------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [BAE, f"<{BAE}>", "kg:bae-kyunghoon", "배경훈", "bae kyung-hoon", " Bae Kyung-hoon "],
)
def test_focus_entity_by_iri_prefixed_name_or_label(graph: Graph, name: str) -> None:
    assert resolve_entity(graph, name) == URIRef(BAE)


def test_focus_by_alt_label(graph: Graph) -> None:
    assert resolve_entity(graph, "MSIT") == KG["msit"]


def test_focus_unknown_entity_suggests_partial_matches(graph: Graph) -> None:
    with pytest.raises(UsageError, match="did you mean kg:bae-kyunghoon"):
        resolve_entity(graph, "배경")
    with pytest.raises(UsageError, match="not an entity"):
        resolve_entity(graph, "kg:quote-bae-minister")


@pytest.mark.parametrize("depth,count", [(0, 1), (1, 3), (2, 5), (3, 6)])
def test_focus_depth_grows_the_neighbourhood(graph: Graph, depth: int, count: int) -> None:
    selection = select(graph, focus=URIRef(BAE), depth=depth)
    assert URIRef(BAE) in selection.nodes and len(selection.nodes) == count
    assert all(s in selection.nodes and o in selection.nodes for s, _, o in selection.edges)


# --- the command -------------------------------------------------------------


def test_view_command_writes_page_atomically(tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    run = _run("view", str(FIXTURE), "-o", str(out), "--lang", "en", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "6 nodes, 6 edges" in run.stdout
    assert page_data(out.read_text(encoding="utf-8"))["lang"] == "en"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.html"]  # no temp file, no lib/


def test_view_command_focus_and_stdout(tmp_path: Path) -> None:
    run = _run("view", str(FIXTURE), "--focus", "배경훈", "-o", "-", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert len(page_data(run.stdout)["nodes"]) == 3


def test_view_command_renders_a_construct_query(tmp_path: Path) -> None:
    query = tmp_path / "members.rq"
    query.write_text(
        "CONSTRUCT { ?h org:member ?p ; org:organization ?o } "
        "WHERE { ?h org:member ?p ; org:organization ?o }",
        encoding="utf-8",
    )
    run = _run("view", str(FIXTURE), "--query", str(query), "-o", "-", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    data = page_data(run.stdout)
    assert len(data["nodes"]) == 3 and len(data["vis"]["edges"]) == 2
    # details still come from the whole graph: the evidence is there
    assert data["nodes"][BAE]["in"][0]["ev"]


@pytest.mark.parametrize(
    "query,message",
    [
        ("SELECT * WHERE { ?s ?p ?o }", "needs a CONSTRUCT"),
        ("CONSTRUCT { ?s ?p ?o } FROM <http://example.com/g> WHERE { ?s ?p ?o }", "refused"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.com/s> { ?s ?p ?o } }", "refused"),
        ("CONSTRUCT { ?s ?p ?o WHERE", "SPARQL syntax error at line 1, column 22"),
    ],
)
def test_view_command_refuses_bad_queries(tmp_path: Path, query: str, message: str) -> None:
    path = tmp_path / "q.rq"
    path.write_text(query, encoding="utf-8")
    run = _run("view", str(FIXTURE), "--query", str(path), "-o", "-", cwd=tmp_path)
    assert run.returncode == 2 and message in run.stderr
    assert "Traceback" not in run.stderr


def test_view_query_stops_at_the_time_limit(tmp_path: Path) -> None:
    """Regression: --query ran without the query command's time limit."""
    path = tmp_path / "slow.rq"
    path.write_text(
        "CONSTRUCT { ?a ?p ?o } WHERE { ?a ?p ?o . ?b ?q ?r . ?c ?x ?y . ?d ?e ?f ."
        ' FILTER(REGEX(STR(?o), "(a+)+$")) }',
        encoding="utf-8",
    )
    run = _run(
        "view", str(FIXTURE), "--query", str(path), "--timeout", "1", "-o", "-", cwd=tmp_path
    )
    assert run.returncode == 3 and "time limit" in run.stderr
    assert "Traceback" not in run.stderr


def test_large_view_refused_without_force(tmp_path: Path, monkeypatch, capsys) -> None:
    """A --query (or --focus) selection above the line is refused without --force; a whole
    view above it becomes the summary page (tests/view/test_summary.py)."""
    from kgenesis import cli, view

    monkeypatch.setattr(view, "LARGE_VIEW", 5)
    query = tmp_path / "all.rq"
    query.write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", encoding="utf-8")
    out = tmp_path / "big.html"
    assert cli.main(["view", str(FIXTURE), "--query", str(query), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "7 nodes" in err and "--focus" in err and "--query" in err and "--force" in err
    assert not out.exists()
    assert cli.main(["view", str(FIXTURE), "--query", str(query), "-o", str(out), "--force"]) == 0
    assert "warning" in capsys.readouterr().err and out.is_file()


def test_view_defaults_to_the_built_graph(make_project, tmp_path: Path) -> None:
    root = make_project()
    run = _run("--root", str(root), "view", "-o", "-", cwd=tmp_path)
    query = _run("--root", str(root), "query", "SELECT * WHERE { ?s ?p ?o }", cwd=tmp_path)
    # no built graph: the same refusal (message and exit code) as `kgenesis query`
    assert run.returncode == query.returncode == 1 and "kgenesis build" in run.stderr
    assert run.stderr == query.stderr and "Traceback" not in run.stderr
    (root / "outputs").mkdir()
    (root / "outputs" / "graph.ttl").write_bytes(FIXTURE.read_bytes())
    run = _run("--root", str(root), "view", "-o", "-", cwd=tmp_path)
    assert run.returncode == 0 and len(page_data(run.stdout)["nodes"]) == 6


def test_command_module_does_not_import_pyvis() -> None:
    code = "import sys, kgenesis.cli; kgenesis.cli.make_parser(); print('pyvis' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout.strip() == "False", run.stderr


def test_quote_with_several_sources_lists_them_all_in_a_stable_order() -> None:
    """Regression: a quote citing several reports picked one at random, so graph.html changed
    from build to build."""
    text = FIXTURE.read_text(encoding="utf-8")
    extra = """
kg:second-source a kgo:NewsArticle ; rdfs:label "두번째"@ko , "Second"@en ;
    dcterms:title "A second report"@en ; schema:url "https://example.org/second"^^xsd:anyURI .
"""
    pages = set()
    for order in (0, 1):
        graph = Graph()
        graph.parse(data=text, format="turtle")
        graph.parse(data=sparql_prolog() + extra, format="turtle")
        quote = next(graph.subjects(RDF.type, KGO.Quote))
        for doc in sorted(graph.subjects(RDF.type, KGO.NewsArticle), reverse=bool(order)):
            graph.add((quote, DCTERMS.source, doc))
        pages.add(render_html(graph))
        data = view_data(graph)
        bae = data["nodes"][BAE]
        ev = next(e for f in bae["in"] for e in f["ev"])
        titles = [s["title"] for s in ev["sources"]]
        assert "A second report" in titles and len(titles) == 2
    assert len(pages) == 1


def test_view_of_a_trig_file_with_named_graphs_does_not_crash(tmp_path: Path, capsys) -> None:
    """Regression: a TriG file with a named graph loads as a Dataset, which yields quads when
    iterated, and `kgenesis view g.trig` crashed with "too many values to unpack"."""
    from kgenesis import cli

    body = FIXTURE.read_text(encoding="utf-8").split("# --- ontology terms", 1)
    trig = tmp_path / "g.trig"
    # the fixture's prefixes, its data inside a named graph, and one fact also in a second graph
    trig.write_text(
        f"{body[0]}\nkg:g1 {{\n# --- ontology terms{body[1]}\n}}\n"
        f"kg:g2 {{ <{BAE}> schema:affiliation kg:msit . }}\n",
        encoding="utf-8",
    )
    graph = load_files([trig])
    from rdflib import Dataset

    assert isinstance(graph, Dataset)
    expected = view_data(load_files([FIXTURE]))
    assert view_data(graph) == expected  # same nodes, edges and details, no duplicates
    assert len(select(graph, focus=URIRef(BAE), depth=1).nodes) == 3
    out = tmp_path / "v.html"
    assert cli.main(["view", str(trig), "-o", str(out)]) == 0, capsys.readouterr().err
    assert "6 nodes, 6 edges" in capsys.readouterr().out
    assert cli.main(["view", str(trig), "--focus", "배경훈", "-o", str(out)]) == 0
    assert len(page_data(out.read_text(encoding="utf-8"))["nodes"]) == 3


def test_view_and_query_read_the_same_built_graph_and_say_the_same_when_it_is_missing(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: the view found and parsed outputs/graph.ttl itself (uncached, its own
    message and exit code) instead of sharing `kgenesis query`'s loader."""
    from kgenesis import cli

    shutil.copy(FIXTURE, project / "outputs" / "graph.ttl")
    out = tmp_path / "v.html"
    assert cli.main(["--root", str(project), "view", "-o", str(out)]) == 0
    assert len(page_data(out.read_text(encoding="utf-8"))["nodes"]) == 6
    capsys.readouterr()
    (project / "outputs" / "graph.ttl").unlink()
    errors = []
    for command in (["view", "-o", str(out)], ["query", "labels", "--engine", "rdflib"]):
        code = cli.main(["--root", str(project), *command])
        errors.append((code, capsys.readouterr().err))
    assert errors[0] == errors[1]
    assert errors[0][0] == 1 and "run `kgenesis build` first" in errors[0][1]


@pytest.mark.parametrize(
    "args,message",
    [
        (["--focus", ""], "--focus needs an entity"),
        (["--focus", "  "], "--focus needs an entity"),
        (["--depth", "2"], "--depth only applies with --focus"),
        (["--depth", "0", "--query", "q.rq"], "--depth only applies with --focus"),
        (["--focus", "배경훈", "--depth", "-1"], "--depth must be 0 or more"),
    ],
)
def test_view_refuses_empty_focus_and_depth_without_focus(
    tmp_path: Path, monkeypatch, capsys, args: list[str], message: str
) -> None:
    """Regression: `--focus ''` silently drew the whole graph and `--depth` without `--focus`
    was silently ignored."""
    from kgenesis import cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "q.rq").write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", encoding="utf-8")
    out = tmp_path / "v.html"
    assert cli.main(["view", str(FIXTURE), *args, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_view_timeout_default_is_the_query_commands() -> None:
    """Regression: `view --timeout` hard-coded 30 s instead of the query's default."""
    from kgenesis import cli

    parser = cli.make_parser()
    assert parser.parse_args(["view"]).timeout == parser.parse_args(["query", "x"]).timeout


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "1e300", "soon"])
def test_view_timeout_is_checked_as_the_query_commands(
    value: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch
) -> None:
    """`view --timeout nan` was accepted (issue 9); it is refused as `query --timeout` is."""
    from kgenesis import cli

    monkeypatch.chdir(tmp_path)  # were it accepted, the page would land here, not in the checkout

    with pytest.raises(SystemExit) as stop:
        cli.main(["view", "--timeout", value])
    assert stop.value.code == 2
    assert "--timeout: must be a number of seconds" in capsys.readouterr().err


def test_view_query_draws_the_triples_the_construct_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: --query rebuilt a graph from the result itself instead of using the query's
    result graph. What the page shows: the CONSTRUCT's own triples as edges (one the data does
    not have is drawn; a fact of the data between the same nodes that the query leaves out is
    not), labelled by property name, with the whole graph's labels and evidence in details."""
    from kgenesis import cli

    path = tmp_path / "heads.rq"
    path.write_text(
        "CONSTRUCT { ?p org:headOf ?o } WHERE { ?h org:member ?p ; org:organization ?o }",
        encoding="utf-8",
    )
    out = tmp_path / "v.html"
    assert cli.main(["view", str(FIXTURE), "--query", str(path), "-o", str(out)]) == 0
    assert "(2 nodes, 1 edges)" in capsys.readouterr().out
    data = page_data(out.read_text(encoding="utf-8"))
    assert sorted(data["nodes"]) == [BAE, str(KG["msit"])]
    edges = [(e["from"], e["label"], e["to"]) for e in data["vis"]["edges"]]
    assert edges == [(BAE, "org:headOf", str(KG["msit"]))]  # not the data's schema:affiliation
    facts = {f["p"]: f for f in data["nodes"][BAE]["facts"]}
    assert facts["schema:affiliation"]["ev"]  # a click still shows the data's facts, evidence too


def test_focus_by_a_label_that_looks_like_an_iri() -> None:
    g = Graph()
    node = URIRef("https://example.org/x")
    g.add((node, RDF.type, URIRef("https://w3id.org/kgenesis/ontology#Person")))
    g.add((node, RDFS.label, Literal("<img src=x onerror=alert(1)>", lang="en")))
    assert resolve_entity(g, "<img src=x onerror=alert(1)>") == node
    with pytest.raises(UsageError, match="is not an entity"):
        resolve_entity(g, "<https://example.org/missing>")


def test_a_target_is_shown_in_its_measures_details_not_as_a_node(data: dict) -> None:
    """A review found targets drawn as loose nodes: their numbers belong to the measure."""
    policy = data["nodes"][str(KG["ai-talent-policy"])]
    (target,) = [f["v"] for f in policy["facts"] if f["p"] == "kgo:hasTarget"]
    assert target["t"] == "nested"
    inner = {f["p"]: f for f in target["facts"]}
    assert inner["schema:value"]["v"]["text"] == "1000"
    assert inner["kgo:deadline"]["v"]["text"] == "2030"
    assert inner["schema:value"]["ev"][0]["quote"].startswith("배경훈")  # with its evidence


def test_a_publisher_only_sources_name_is_left_out_of_the_overview(graph: Graph) -> None:
    assert str(KG["yonhap"]) not in view_data(graph)["nodes"]
    focused = select(graph, focus=KG["yonhap"], depth=1)
    assert KG["yonhap"] in focused.nodes  # still reachable on purpose


def _texts(obj: object) -> Iterator[str]:
    """Every string in the view's data (labels, quotes, titles, values), keys excluded."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from _texts(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _texts(value)


def test_built_graph_shows_evidence_as_text_and_choi_min_hee_cites_her_reports() -> None:
    """Regression (issue 14): Choi Min-hee's evidence showed the curation note's raw Markdown
    (**최민희**) with the note itself as its source."""
    built = REPO / "outputs" / "graph.ttl"
    data = view_data(load_files([built]))
    shown = {k: data[k] for k in ("nodes", "edges", "classes", "props")}
    marked = {text for text in _texts(shown) if find_markup(text)}
    assert marked == set()
    choi = data["nodes"][str(KG["choi-minhee"])]
    party = next(f for f in choi["facts"] if f["p"] == "kgo:memberOfParty")
    (ev,) = party["ev"]
    assert ev["quote"].startswith(
        "더불어민주당 최민희 의원이 과학기술정보방송통신위원장 후보에 올랐다."
    )
    (src,) = ev["sources"]
    assert src["publisher"]["en"] == "ZDNet Korea"
    assert src["date"] == "2024-06-07"
    assert src["url"] == "https://zdnet.co.kr/view/?no=20240607182730"
    titles = {s["title"] for text in _evidence(data) for s in text["sources"]}
    assert "Outside references for curation" not in titles


def _evidence(data: dict) -> Iterator[dict]:
    """Every evidence entry of every fact in the view's data."""

    def walk(obj: object) -> Iterator[dict]:
        if isinstance(obj, dict):
            yield from obj.get("ev", [])
            for value in obj.values():
                yield from walk(value)
        elif isinstance(obj, list):
            for value in obj:
                yield from walk(value)

    return walk(data["nodes"])


def test_an_oversized_view_is_summarised_before_the_graph_is_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression (issue 13): refusing a 20,000-node view took 30 s and 0.9 GB, the limit
    being checked after the full load; the census now counts first, and the whole view of a
    large graph is its summary, written without loading the graph into rdflib."""
    import kgenesis.graph.load as load_module
    from kgenesis.cli import main

    sys.path.insert(0, str(REPO / "bench"))
    from synth import published

    data = tmp_path / "large.nt"
    published(100_000, data)

    def no_load(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the graph was loaded before the summary")

    monkeypatch.setattr(load_module, "load_files", no_load)
    assert main(["view", str(data), "-o", str(tmp_path / "v.html")]) == 0
    assert "drawing a summary" in capsys.readouterr().err
    assert "kgView" in (tmp_path / "v.html").read_text(encoding="utf-8")


def test_pyvis_quadratic_node_list_avoided(graph: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression (issue 13): pyvis's add_node and add_edge scan its node list on every call
    (5 s for 20,000 nodes). The page's lists are written directly, in pyvis's exact shape."""
    import pyvis.network
    from pyvis.network import Network

    from kgenesis.view.page import vis_edge, vis_node

    net = Network(directed=True)
    net.add_node("a", label="A", title="t", x=1, y=2, color="#fff", shape="dot", hidden=False)
    net.add_node("b", label="", title="u", x=3, y=4, color="#000", shape="square", hidden=True)
    net.add_edge("a", "b", id="e0", label="knows", title="k")
    ours = [
        vis_node("a", label="A", title="t", x=1, y=2, color="#fff", shape="dot", hidden=False),
        vis_node("b", label="", title="u", x=3, y=4, color="#000", shape="square", hidden=True),
    ]
    assert json.dumps(ours) == json.dumps(net.nodes)  # same keys in the same order
    assert json.dumps([vis_edge("a", "b", id="e0", label="knows", title="k")]) == json.dumps(
        net.edges
    )

    def no_pyvis(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the view built a pyvis Network")

    monkeypatch.setattr(pyvis.network, "Network", no_pyvis)
    assert view_data(graph)["vis"]["nodes"]
