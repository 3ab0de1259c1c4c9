"""Plain terms: one view of rdflib's terms, and one rule for picking a label."""

from __future__ import annotations

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kgenesis.terms import Term, view


def test_one_label_rule_for_rdflib_pyoxigraph_and_plain_terms() -> None:
    import pyoxigraph as ox

    from kgenesis.terms import pick_text

    rdflib_values = [Literal("나", lang="ko"), Literal("가", lang="ko-KR"), Literal("A", lang="en")]
    ox_values = [ox.Literal("나", language="ko"), ox.Literal("가", language="ko-kr")]
    plain = [Term("literal", "나", "ko"), Term("literal", "가", "ko"), Term("uri", "urn:가")]
    assert pick_text(rdflib_values, "ko") == pick_text(ox_values, "ko") == "가"
    assert pick_text(plain, "ko") == "가"
    assert pick_text(rdflib_values, "en") == "A"
    assert pick_text(rdflib_values, "ja") is None


def test_rdflib_terms_are_viewed_as_plain_terms() -> None:
    assert view(URIRef("urn:a")) == Term("uri", "urn:a")
    assert view(BNode("b1")) == Term("bnode", "b1")
    assert view(Literal("배경훈", lang="ko")) == Term("literal", "배경훈", "ko", None)
    assert view(Literal("2030", datatype=XSD.gYear)) == Term(
        "literal", "2030", None, str(XSD.gYear)
    )
    assert view(Literal("x", datatype=XSD.string)) == Term("literal", "x", None, None)
    assert str(Term("uri", "urn:a")) == "urn:a"
