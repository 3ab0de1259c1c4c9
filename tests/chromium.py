"""One way to start the browser for every browser test: Debian's Chromium, driven by
Playwright, headless, no network of its own, a throw-away profile.

A missing Playwright or Chromium skips the test saying which; in CI (``KGENESIS_CI``) it
fails instead (``stores.need``), since CI installs both.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from stores import need

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


@contextmanager
def chromium(profile: Path, width: int = 1400, height: int = 900) -> Iterator[object]:
    """A persistent Chromium context with a ``width`` × ``height`` viewport."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - CI installs it
        need(None, "playwright for Python is not installed (pip install playwright)")
        raise
    need(CHROMIUM, "apt-get install chromium; browser tests need it")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            user_data_dir=str(profile), executable_path=str(CHROMIUM), headless=True,
            viewport={"width": width, "height": height}, args=ARGS,
        )  # fmt: skip
        try:
            yield context
        finally:
            context.close()
