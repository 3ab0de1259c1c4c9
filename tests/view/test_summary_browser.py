"""The summary page in real headless Chromium (``tests/chromium.py``): a small synthetic
graph forced into summary mode (``--summary-above``) draws its clusters with their counts,
a click on a cluster or an entity shows the ``--focus`` command, hostile labels stay text,
and the page asks for nothing but itself. Screenshots go to test-output/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from chromium import chromium
from conftest import DATA, REPO
from kgenesis.cli import main

SHOTS = REPO / "test-output"
XSS = DATA / "valid" / "view-xss.ttl"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    with chromium(tmp_path_factory.mktemp("chromium-profile"), 1280, 800) as context:
        yield context


def open_summary(browser: object, source: Path, out: Path, *args: str) -> tuple[object, list]:
    """The summary page of ``source`` in a new tab, with what it logged and requested."""
    assert main(["view", str(source), "--summary-above", "0", *args, "-o", str(out)]) == 0
    page = browser.new_page()
    seen: list[tuple[str, str]] = []
    page.on("request", lambda r: seen.append(("request", r.url)))
    page.on("console", lambda m: seen.append((m.type, m.text)))
    page.on("pageerror", lambda e: seen.append(("pageerror", str(e))))
    page.goto(out.as_uri())
    page.wait_for_function("window.kgView && window.kgView.ready", timeout=15000)
    return page, seen


def click_node(page: object, node_id: str) -> None:
    x, y = page.evaluate(
        """id => { const n = kgView.network, p = n.canvasToDOM(n.getPosition(id));
           const r = document.getElementById('kg-network').getBoundingClientRect();
           return [r.left + p.x, r.top + p.y]; }""",
        node_id,
    )
    page.mouse.click(x, y)


def test_summary_draws_clusters_and_a_click_shows_the_way_in(
    browser: object, synthetic: Path, tmp_path: Path
) -> None:
    out = tmp_path / "summary.html"
    page, seen = open_summary(browser, synthetic, out, "--lang", "en")
    drawn = page.evaluate("kgView.network.body.nodeIndices.length")
    clusters = page.evaluate(
        "kgView.nodes.get().filter(n => /^c\\d+$/.test(n.id)).map(n => n.label)"
    )
    assert len(clusters) == page.evaluate("kgView.data.clusters.length") >= 6
    assert drawn == len(clusters) + 100
    assert all(re.fullmatch(r".+ \(\d[\d,]*\)", label) for label in clusters)
    assert any(label.startswith("Person (") for label in clusters)
    notice = page.inner_text("#kg-notice")
    assert notice.startswith("Summary view: 145 entities")
    page.screenshot(path=str(SHOTS / "summary-en.png"))
    click_node(page, "c0")  # the largest cluster
    assert page.is_visible("#kg-panel")
    assert page.inner_text("#kg-details h2").startswith("Person (")
    commands = page.eval_on_selector_all("#kg-details code", "cs => cs.map(c => c.textContent)")
    assert len(commands) == 10
    assert all(c.startswith(f"kgenesis view {synthetic} --focus kg:person-") for c in commands)
    page.screenshot(path=str(SHOTS / "summary-cluster.png"))
    entity = page.evaluate("kgView.data.clusters[0].members[0]")
    click_node(page, entity)
    assert page.inner_text("#kg-details code") == page.evaluate(
        "id => kgView.data.entities[id].command", entity
    )
    page.click("#kg-lang button[data-lang=ko]")
    assert page.inner_text("#kg-notice").startswith("요약 보기")
    assert page.evaluate("kgView.nodes.get('c0').label").startswith("인물 (")
    assert [s for s in seen if s[0] != "request"] == []
    assert [url for kind, url in seen if kind == "request"] == [out.as_uri()]
    page.close()


def test_summary_labels_are_not_run(browser: object, tmp_path: Path) -> None:
    out = tmp_path / "xss.html"
    page, seen = open_summary(browser, XSS, out)
    legend = page.inner_text("#kg-legend")
    assert "<img src=x onerror=\"window.__pwned='legend'\">악성 분류" in legend
    hostile = page.evaluate("kgView.data.clusters.findIndex(c => c.curie === 'kgo:Hostile')")
    click_node(page, f"c{hostile}")
    details = page.inner_text("#kg-details")
    assert "<img src=x onerror=\"window.__pwned='legend'\">악성 분류" in details
    click_node(page, "https://w3id.org/kgenesis/id/mallory")
    assert "<script>window.__pwned='label'</script>말로리" in page.inner_text("#kg-details")
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('#kg-side img, #kg-details img').length") == 0
    assert [s for s in seen if s[0] != "request"] == []
    assert [url for kind, url in seen if kind == "request"] == [out.as_uri()]
    page.screenshot(path=str(SHOTS / "summary-xss.png"))
    page.close()
