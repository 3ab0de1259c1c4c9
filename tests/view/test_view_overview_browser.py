"""The built graph's page in real Chromium at 1400x900 (issue 11): an overview that reads at
first sight, expansion on demand, stable styles, a legend that fits, evidence grouped and
in both languages. Screenshots of the overview and of an expanded node go to test-output/
for a person to look at."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chromium import chromium
from conftest import REPO
from kgenesis.graph.namespaces import KG

SHOTS = REPO / "test-output"
PAGE = REPO / "outputs" / "graph.html"
BAE = str(KG["bae-kyunghoon"])
FONT = 14  # kgenesis.view.page.FONT_SIZE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One Chromium for the module (``tests/chromium.py``)."""
    with chromium(tmp_path_factory.mktemp("chromium-profile"), 1400, 900) as context:
        yield context


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    if not PAGE.is_file():
        pytest.skip(f"{PAGE} does not exist yet; run `kgenesis build`")
    pg = browser.new_page()
    errors: list[str] = []
    requests: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto(PAGE.as_uri())
    pg.wait_for_function("window.kgView && window.kgView.ready", timeout=15000)
    yield pg
    assert errors == []
    assert requests == [PAGE.as_uri()]
    pg.close()


OVERLAPS = """() => {
  const n = kgView.network, ids = n.body.nodeIndices;
  const boxes = ids.map(id => n.getBoundingBox(id));
  let over = 0;
  boxes.forEach((a, i) => {
    if (boxes.some((b, j) => i !== j && a.left < b.right && b.left < a.right &&
                               a.top < b.bottom && b.top < a.bottom)) over++;
  });
  return [ids.length, over, n.getScale()];
}"""


def test_overview_labels_are_readable_and_nodes_do_not_overlap(page: object) -> None:
    visible, overlapping, scale = page.evaluate(OVERLAPS)
    assert 20 <= visible < page.evaluate("Object.keys(kgView.data.nodes).length")
    assert FONT * scale >= 11, f"labels drawn at {FONT * scale:.1f} px"
    assert overlapping < 0.05 * visible, f"{overlapping} of {visible} nodes overlap"
    shown = page.evaluate(
        "kgView.visible().map(id => kgView.data.families[kgView.data.classes[kgView.data.nodes[id].cls].family].key)"
    )
    assert set(shown) <= {"people", "organisations", "policies", "technologies", "events"}
    classes = page.evaluate("kgView.visible().map(id => kgView.data.nodes[id].types).flat()")
    assert "kgo:Person" in classes and "kgo:Measure" in classes and "kgo:Summit" in classes
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "view-overview-1400x900.png"))


def test_double_click_expands_a_node_and_search_reaches_hidden_entities(page: object) -> None:
    before = set(page.evaluate("kgView.visible()"))
    hidden_neighbours = page.evaluate(
        """id => kgView.data.edges.filter(e => e.from === id || e.to === id)
             .map(e => e.from === id ? e.to : e.from)
             .filter(m => !kgView.visible().includes(m))""",
        BAE,
    )
    assert hidden_neighbours, "Bae has neighbours outside the overview"
    page.evaluate(
        "id => kgView.network.moveTo({position: kgView.network.getPosition(id), scale: 1.5, animation: false})",
        BAE,
    )
    x, y = page.evaluate(
        """id => { const n = kgView.network, p = n.canvasToDOM(n.getPosition(id));
           const r = document.getElementById('kg-network').getBoundingClientRect();
           return [r.left + p.x, r.top + p.y]; }""",
        BAE,
    )
    page.mouse.dblclick(x, y)
    page.wait_for_function("n => kgView.visible().length > n", arg=len(before), timeout=5000)
    after = set(page.evaluate("kgView.visible()"))
    assert after == before | set(hidden_neighbours)
    assert page.locator("#kg-expand").is_disabled()  # all of his neighbours are shown
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "view-expanded-bae.png"))
    # a hidden entity (a post holding) is one search away
    page.click("#kg-reset")
    holding = str(KG["holding-bae-msit-minister"])
    if holding not in page.evaluate("Object.keys(kgView.data.nodes)"):
        holding = page.evaluate(
            "Object.keys(kgView.data.nodes).find(id => !kgView.visible().includes(id))"
        )
    assert holding not in page.evaluate("kgView.visible()")
    label = page.evaluate("id => kgView.data.nodes[id].ko", holding)
    page.fill("#kg-search", label)
    page.locator(f'#kg-results button[data-id="{holding}"]').click()
    assert holding in page.evaluate("kgView.visible()")
    assert page.locator("#kg-details h2").inner_text() == label


def test_the_button_expands_too(page: object) -> None:
    page.evaluate("id => kgView.focusNode(id)", BAE)
    count = len(page.evaluate("kgView.visible()"))
    text = page.locator("#kg-expand").inner_text()
    assert text.startswith("이웃 펼치기 (")
    page.click("#kg-expand")
    assert len(page.evaluate("kgView.visible()")) == count + int(text.split("(")[1].rstrip(")"))


def test_legend_shows_families_fits_and_hiding_one_refits_and_recounts(page: object) -> None:
    side = page.evaluate(
        "(() => { const s = document.getElementById('kg-side'); return [s.scrollHeight, s.clientHeight]; })()"
    )
    assert side[0] <= side[1], "the legend needs scrolling at 1400x900"
    assert page.locator("#kg-legend button[data-family]").count() <= 8
    biggest = page.evaluate(
        """(() => { const d = kgView.data, n = d.families.map(() => 0);
           d.classes.forEach(c => n[c.family]++); return n.indexOf(Math.max(...n)); })()"""
    )
    page.click(f'#kg-legend button[data-open="{biggest}"]')
    assert page.locator("#kg-legend ul.classes button[data-class]").count() > 1
    side = page.evaluate(
        "(() => { const s = document.getElementById('kg-side'); return [s.scrollHeight, s.clientHeight]; })()"
    )
    assert side[0] <= side[1], "the legend with its largest family open needs scrolling"
    counts = page.locator("#kg-counts").inner_text()
    people = page.evaluate("kgView.data.families.findIndex(f => f.key === 'people')")
    scale = page.evaluate("kgView.network.getScale()")
    page.click(f'#kg-legend button[data-family="{people}"]')
    assert page.evaluate(
        "f => kgView.visible().every(id => kgView.data.classes[kgView.data.nodes[id].cls].family !== f)",
        people,
    )
    assert page.locator("#kg-counts").inner_text() != counts
    visible, links = page.evaluate(
        """(() => { const on = new Set(kgView.visible());
           return [on.size, kgView.data.edges.filter(e => on.has(e.from) && on.has(e.to)).length]; })()"""
    )
    assert page.locator("#kg-counts").inner_text().startswith(f"{visible} / ")
    assert f", {links} / " in page.locator("#kg-counts").inner_text()
    # refitted: every visible node is inside the canvas
    inside = page.evaluate(
        """(() => { const n = kgView.network, c = document.getElementById('kg-network');
           return kgView.visible().every(id => { const p = n.canvasToDOM(n.getPosition(id));
             return p.x >= 0 && p.y >= 0 && p.x <= c.clientWidth && p.y <= c.clientHeight; }); })()"""
    )
    assert inside and page.evaluate("kgView.network.getScale()") != scale


def test_each_quote_once_in_the_panel_and_bae_fits_in_three_screens(page: object) -> None:
    for lang in ("ko", "en"):
        page.click(f'#kg-lang button[data-lang="{lang}"]')
        page.evaluate("id => kgView.focusNode(id)", BAE)
        quotes = page.evaluate(
            "[...document.querySelectorAll('#kg-details .quote-group blockquote:not(.translation)')].map(q => q.innerText)"
        )
        assert quotes and len(quotes) == len(set(quotes)), "a quote is repeated"
        height, screen = page.evaluate(
            "[document.getElementById('kg-details').scrollHeight, document.getElementById('kg-panel').clientHeight]"
        )
        assert height <= 3 * screen, f"{lang}: Bae's panel is {height / screen:.1f} screens"
    groups = page.evaluate("document.querySelectorAll('#kg-details .quote-group').length")
    supported = page.evaluate(
        "[...document.querySelectorAll('#kg-details .quote-group')].map(g => g.querySelectorAll('ul.supports li').length)"
    )
    assert groups == len(supported) and max(supported) > 1  # one quote, several facts


def test_english_mode_shows_the_project_translation_beside_the_korean(page: object) -> None:
    page.click('#kg-lang button[data-lang="en"]')
    page.evaluate("id => kgView.focusNode(id)", BAE)
    article = page.locator("#kg-details .quote-group").first
    assert article.locator("blockquote").count() == 2
    korean, english = (article.locator("blockquote").nth(i).inner_text() for i in (0, 1))
    assert "배경훈" in korean and "Bae" in english
    assert english.endswith("— kgenesis")  # each rendering marked, the note says whose
    assert (
        page.evaluate(
            "getComputedStyle(document.querySelector('#kg-details blockquote.translation')).fontStyle"
        )
        == "italic"
    )
    note = page.locator("#kg-details .translation-note").inner_text()
    assert "kgenesis translation (not the source's words)" in note
    page.click('#kg-lang button[data-lang="ko"]')
    assert page.locator("#kg-details blockquote.translation").count() == 0
