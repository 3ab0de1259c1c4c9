"""English project translations: every article quote has one, and it is not the Korean again.

Read from the committed build, outputs/graph.ttl, with plain rdflib (test_build checks that
outputs/ is what the sources build).
"""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, URIRef

from conftest import REPO

KG = "https://w3id.org/kgenesis/id/"
KGO = "https://w3id.org/kgenesis/ontology#"
ARTICLE = URIRef(KG + "src-joongang-2025-12-18")
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(REPO / "outputs" / "graph.ttl", format="turtle")


def _article_quotes(graph: Graph) -> list[URIRef]:
    quotes = graph.subjects(URIRef(KGO + "quotedFrom"), ARTICLE)
    return sorted(q for q in set(quotes) if isinstance(q, URIRef))


def _english(graph: Graph, quote: URIRef) -> list[Literal]:
    found = graph.objects(quote, URIRef(KGO + "projectTranslation"))
    return [t for t in found if isinstance(t, Literal) and t.language == "en"]


def test_every_article_quote_has_exactly_one_english_translation(graph: Graph) -> None:
    quotes = _article_quotes(graph)
    assert len(quotes) >= 32
    wrong = {str(q): len(_english(graph, q)) for q in quotes if len(_english(graph, q)) != 1}
    assert not wrong, f"article quotes without exactly one English translation: {wrong}"


def test_no_translation_is_its_korean_quote(graph: Graph) -> None:
    for quote in _article_quotes(graph):
        (text,) = graph.objects(quote, URIRef(KGO + "quoteText"))
        assert isinstance(text, Literal) and text.language == "ko", quote
        for translation in _english(graph, quote):
            assert str(translation).strip() != str(text).strip(), quote
            assert not HANGUL.search(str(translation)), f"{quote}: Hangul in {translation!r}"


def test_translations_carry_no_markdown_from_the_working_translation(graph: Graph) -> None:
    for quote in _article_quotes(graph):
        for translation in _english(graph, quote):
            text = str(translation)
            assert text == text.strip() and "**" not in text and not text.startswith(">"), quote
            assert "EN:" not in text and "Translator's note" not in text, quote
