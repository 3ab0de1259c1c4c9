"""Quotes, not copies: the repository keeps sentence-level quotes, never the article's paragraphs."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import REPO


def _paragraphs(article: str) -> list[str]:
    """The article's multi-sentence paragraphs (lines long enough to hold several sentences)."""
    return [line.strip() for line in article.splitlines() if len(line.strip()) > 150]


def _tracked_and_new_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return [REPO / name for name in listed if (REPO / name).is_file()]


def test_no_file_holds_a_whole_paragraph_of_the_article(article_sources: Path) -> None:
    article = (article_sources / "joongang-2025-12-18-k-genesis.ko.txt").read_text(encoding="utf-8")
    paragraphs = _paragraphs(article)
    assert len(paragraphs) >= 5
    offenders = []
    for path in _tracked_and_new_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for paragraph in paragraphs:
            if paragraph in text:
                offenders.append(f"{path.relative_to(REPO)}: {paragraph[:40]}…")
    assert not offenders, "whole paragraphs copied (keep one sentence per quote):\n" + "\n".join(
        offenders
    )


def test_page_chrome_is_not_quoted() -> None:
    """The web page's menus and buttons are not sentences of the article (needs no article)."""
    graph_text = "".join(
        p.read_text(encoding="utf-8") for p in sorted((REPO / "graph").glob("*.t*"))
    )
    for chrome in ("컨텐츠로 건너뛰기", "원문보기", "서울흐림", "넌 뉴스를 찾아봐", "친구추가"):
        assert chrome not in graph_text, chrome
