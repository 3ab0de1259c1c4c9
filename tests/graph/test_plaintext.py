"""Plain text: the words of a Markdown source (what its quotes are checked against), and the
markup that must not be left in a label, quote or title."""

from __future__ import annotations

import pytest

from conftest import SOURCES
from kgenesis.graph.plaintext import find_markup, plain_text

NOTE = SOURCES / "outside-references.md"


def test_inline_markup_is_dropped_and_wrapped_lines_are_joined() -> None:
    markdown = (
        "- The summit was held on **Thursday\n"
        "  18 December 2025**, at the *COEX* hall (`code`, [a link](https://example.org)).\n"
        "- **최민희**: Choi Min-hee.\n"
    )
    assert plain_text(markdown) == (
        "The summit was held on Thursday 18 December 2025, at the COEX hall (code, a link).\n"
        "최민희: Choi Min-hee."
    )


def test_headings_paragraphs_and_tables_are_lines_and_cells_are_tab_separated() -> None:
    markdown = "## Fields (high)\nFirst line\nsecond line.\n\n| Korean | English |\n|---|---|\n| 양자 | Quantum |\n"
    assert (
        plain_text(markdown)
        == "Fields (high)\nFirst line second line.\nKorean\tEnglish\n양자\tQuantum"
    )


def test_addresses_and_underscores_inside_words_are_kept() -> None:
    text = "Byline Network https://byline.network/2023/12/1221_001/ ; snake_case 2*3*4"
    assert plain_text(text) == text


@pytest.mark.parametrize(
    "text",
    ["**최민희**", "*emphasis* here", "`code`", "[text](https://example.org)", "## Heading",
     "first\n# heading", "| a | b |", "|---|---|", "- item", "<b>bold</b>", "&amp;", "&#233;"],
)  # fmt: skip
def test_markup_is_found(text: str) -> None:
    assert find_markup(text) is not None


@pytest.mark.parametrize(
    "text",
    ["최민희", "2*3*4", "a | b", "a - b", "a < b > c", "18일 오전", "C# 6", "snake_case_name",
     "https://byline.network/2023/12/1221_001/", "\"K-제네시스 미션 추진\"…배경훈, AI 생존전략으로 꺼낸 이것",
     "Korean\tEnglish\n양자\tQuantum"],
)  # fmt: skip
def test_plain_text_has_no_markup(text: str) -> None:
    assert find_markup(text) is None


def test_the_curation_note_in_plain_text_has_no_markup(article_sources: object) -> None:
    text = plain_text(NOTE.read_text(encoding="utf-8"))
    assert find_markup(text) is None
    assert "최민희, with her sources (high confidence): a second-term member" in text
