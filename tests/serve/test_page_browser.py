"""The query page of ``kgenesis serve`` in real headless Chromium (Debian's /usr/bin/chromium,
driven by Playwright): YASGUI loads from the server itself, the saved queries are its
examples, a SELECT fills the table, a CONSTRUCT opens the kgenesis graph view, the whole
graph's view is one click away, and no request leaves the machine. Screenshots go to
test-output/ (git-ignored)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from chromium import chromium
from conftest import REPO
from kgenesis.sparql.engine import saved_queries
from stores import kgenesis_serve

SHOTS = REPO / "test-output"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with kgenesis_serve(cwd=REPO) as base:
        yield base


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One Chromium for the module (``tests/chromium.py``)."""
    with chromium(tmp_path_factory.mktemp("chromium-profile"), 1400, 900) as context:
        yield context


class Watched:
    """Every request of the browser context, and whatever would leave the machine (refused)."""

    def __init__(self, context: object, server: str) -> None:
        self.server = server
        self.requests: list[str] = []
        self.outside: list[str] = []
        context.on("request", lambda r: self.requests.append(r.url))  # type: ignore[attr-defined]
        context.route("**/*", self._route)  # type: ignore[attr-defined]

    def _route(self, route: object, request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        parts = urlsplit(url)
        local = parts.scheme in ("data", "blob", "about") or (
            f"{parts.scheme}://{parts.netloc}" == self.server
        )
        if local:
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.outside.append(url)
            route.abort()  # type: ignore[attr-defined]


def ready(frame: object, seconds: float = 30) -> None:
    """Wait for the kgenesis view in ``frame`` to be drawn. Polled from here: the view's
    Content-Security-Policy forbids the eval that Playwright's wait_for_function uses."""
    deadline = time.monotonic() + seconds
    while not frame.evaluate("!!(window.kgView && window.kgView.ready)"):  # type: ignore[attr-defined]
        assert time.monotonic() < deadline, "the graph view did not get ready"
        time.sleep(0.1)


def test_the_query_page_works_offline_with_saved_queries_table_and_graph_view(
    browser: object, server: str
) -> None:
    watched = Watched(browser, server)
    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{server}/")
    page.wait_for_function("window.kgQueryPage && document.querySelector('.CodeMirror')")

    # the saved queries, with their descriptions
    saved = saved_queries()
    titles = page.eval_on_selector_all(
        "#kg-example-list button", "els => els.map(e => e.textContent)"
    )
    assert titles == [q.title for q in saved.values()]
    descriptions = page.eval_on_selector_all(
        ".kg-description", "els => els.map(e => e.textContent)"
    )
    assert descriptions == [q.description for q in saved.values()]

    # a saved SELECT, clicked: its rows in the table
    page.click("#kg-example-list button[data-name='cq-04-who-leads-what']")
    page.wait_for_selector(".yasr table.dataTable tbody tr td")
    rows = page.eval_on_selector_all(".yasr table.dataTable tbody tr", "els => els.length")
    assert rows == 4
    assert "bae-kyunghoon" in page.inner_text(".yasr table.dataTable")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "serve-page-select.png"))

    # a CONSTRUCT: drawn by the kgenesis view, made by the server
    page.evaluate(
        """() => { const tab = kgQueryPage.yasgui.getTab();
                   tab.setQuery('CONSTRUCT { ?s org:headOf ?o } WHERE { ?s org:headOf ?o }');
                   tab.query(); }"""
    )
    frame_element = page.wait_for_selector("iframe.kg-graph-frame", timeout=30000)
    frame = frame_element.content_frame()
    ready(frame)
    assert frame.evaluate("kgView.network.body.data.nodes.length") == 8
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "serve-page-construct.png"))

    # typing: the project's prefix declared as it is used, the graph's own classes offered
    page.evaluate(
        "() => { const y = kgQueryPage.yasgui.getTab().getYasqe(); y.setValue(''); y.focus(); }"
    )
    page.keyboard.type("SELECT * WHERE { ?s a kgo:Pers", delay=20)
    hint = page.wait_for_selector(".CodeMirror-hints li", timeout=10000)
    assert hint.inner_text() == "kgo:Person"
    typed = page.evaluate("() => kgQueryPage.yasgui.getTab().getYasqe().getValue()")
    assert typed.startswith("PREFIX kgo: <https://w3id.org/kgenesis/ontology#>\n")
    page.screenshot(path=str(SHOTS / "serve-page-autocomplete.png"))

    # the whole graph's view, one click away
    with page.context.expect_page() as opened:
        page.click("#kg-graph-link")
    view = opened.value
    ready(view, 60)
    assert view.evaluate("kgView.network.body.data.nodes.length") > 100
    view.screenshot(path=str(SHOTS / "serve-graph-view.png"))
    view.close()
    page.close()

    assert watched.outside == [], f"requests that would leave the machine: {watched.outside}"
    assert all(url.startswith(server) for url in watched.requests), watched.requests
    assert any("/view?query=" in url for url in watched.requests)
    assert errors == [], errors
