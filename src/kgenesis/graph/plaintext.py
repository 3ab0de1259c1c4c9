"""Texts are plain text: the words of a Markdown source, and where markup is left in a text.

A quote is what a source says; the curation note's ``**bold**``, headings, list markers and
table pipes are formatting, not words. Quotes from a Markdown source are written in its
plain text (``plain_text``), which the verbatim check compares them with: one line per
paragraph, list item, heading or table row (a paragraph's wrapped lines joined by a space,
as Markdown renders them), a table row's cells separated by a tab (as a browser copies a
table), the delimiter row dropped. It covers the Markdown the note uses (CommonMark's
common forms), not every corner of the specification. ``find_markup`` names the Markdown or
HTML markup left in a label, quote or other text, for ``kgenesis validate``.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"#{1,6}\s+(.*?)(?:\s+#+)?$")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_QUOTE_MARK = re.compile(r">\s?")
_TABLE_DELIMITER = re.compile(r"\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$")

#: Inline markup, in the order it is removed: (pattern, replacement).
_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"`([^`]*)`"), r"\1"),  # code span
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image: its text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # link: its text
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolink: the address
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),  # strong
    (re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"), r"\1"),
)


def inline_text(text: str) -> str:
    """``text`` with Markdown's inline markup (emphasis, code, links, images) removed."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


def plain_text(markdown: str) -> str:
    """The words of a Markdown document, one line per block (see the module's docstring)."""
    lines: list[str] = []
    paragraph: list[str] = []

    def close() -> None:
        if paragraph:
            lines.append(inline_text(" ".join(paragraph)))
            paragraph.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        while _QUOTE_MARK.match(line):
            line = _QUOTE_MARK.sub("", line, count=1).strip()
        if not line:
            close()
            continue
        if line.startswith("|") or _TABLE_DELIMITER.fullmatch(line):
            close()  # a table row, or a delimiter row or rule: no words
            if not _TABLE_DELIMITER.fullmatch(line):
                cells = line.strip().strip("|").split("|")
                lines.append("\t".join(inline_text(cell.strip()) for cell in cells))
            continue
        heading = _HEADING.match(line)
        item = _LIST_ITEM.match(line)
        if heading:
            close()
            lines.append(inline_text(heading.group(1)))
        elif item:
            close()
            paragraph.append(item.group(1))
        else:
            paragraph.append(line)
    close()
    return "\n".join(lines)


#: Markup that must not be left in a text: (what it is, pattern).
_MARKUP: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Markdown strong emphasis (**…** or __…__)", re.compile(r"\*\*|(?<!\w)__|__(?!\w)")),
    ("Markdown emphasis (*…*)", re.compile(r"(?<![\w*])\*(?=[^\s*])[^*\n]*(?<=[^\s*])\*(?![\w*])")),
    ("Markdown code (`…`)", re.compile(r"`")),
    ("a Markdown link ([…](…))", re.compile(r"\]\(")),
    ("a Markdown heading (# …)", re.compile(r"^#{1,6}\s", re.MULTILINE)),
    ("a Markdown table row (| … |)", re.compile(r"^\s*\|.*\|\s*$|\|\s*:?-{3,}", re.MULTILINE)),
    ("a Markdown list item (- …)", re.compile(r"^\s*[-*+]\s", re.MULTILINE)),
    ("an HTML tag (<…>)", re.compile(r"<[A-Za-z/!?][^<>]*>")),
    ("an HTML entity (&…;)", re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")),
)


def find_markup(text: str) -> str | None:
    """What Markdown or HTML markup ``text`` holds (the first kind found), or None."""
    for what, pattern in _MARKUP:
        if pattern.search(text):
            return what
    return None
