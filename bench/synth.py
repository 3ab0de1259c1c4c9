"""Synthetic graphs in the project's own shape, from 10^3 to 10^6 triples and more.

A synthetic project has the real ``ontology/`` and, in ``graph/``, entities (people,
ministries, companies, universities, missions, technology fields) with Korean and English
labels, and every fact written in the block of a ``kgo:Quote`` (``graph/evidence.trig``), as
curators write them, so ``kgenesis validate`` and ``kgenesis build`` run on it and find it
valid. Objects are picked by preferential attachment (half the time an endpoint of an
earlier fact), so a few entities gather most links, as the summit and the minister do in
the curated graph. ``published`` writes the graph ``kgenesis build`` would publish (every
fact with its ``kg:stmt-<hash>`` evidence node, the ontology included) as N-Triples, for
the query, export and view benchmarks. Text is written directly (no rdflib), so 10^6
triples take seconds.

    python bench/synth.py 100000 /tmp/bench-project   # a project, and its published graph
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KG = "https://w3id.org/kgenesis/id/"
KGO = "https://w3id.org/kgenesis/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
ORG = "http://www.w3.org/ns/org#"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: class → (IRI of the class, Korean stem, English stem, share of entities)
CLASSES = {
    "person": (KGO + "Person", "인물", "Person", 0.40),
    "ministry": (KGO + "Ministry", "부처", "Ministry", 0.05),
    "company": (KGO + "Company", "기업", "Company", 0.20),
    "university": (KGO + "University", "대학", "University", 0.10),
    "mission": (KGO + "Mission", "임무", "Mission", 0.20),
    "field": (KGO + "TechnologyField", "기술", "Technology", 0.05),
}
ORGS = ("ministry", "company", "university")
#: property → (IRI, subject classes, object classes)
PROPERTIES = [
    (KGO + "announcedBy", ("mission",), ("person",)),
    (KGO + "pursuedBy", ("mission",), ORGS),
    (KGO + "concernsField", ("mission",), ("field",)),
    (KGO + "ledBy", ("mission",), ("person",)),
    (ORG + "headOf", ("person",), ORGS),
    (ORG + "subOrganizationOf", ("company", "university"), ("ministry",)),
    (KGO + "supportsPolicy", ORGS, ("mission",)),
]
FAMILY = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = "민서준지현우수하연도윤아은재영호성진경태"
ROMAN = dict(
    zip(
        FAMILY + GIVEN,
        (
            "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Ryu "
            "Hong min seo jun ji hyun woo su ha yeon do yun a eun jae young ho seong jin kyung tae"
        ).split(),
        strict=True,
    )
)
FACTS_PER_QUOTE = 3
#: published triples per fact, about: the fact, its evidence node (5), a third of a quote
#: (8 triples), half an entity (3)
TRIPLES_PER_FACT = 10.2


def _iri(iri: str) -> str:
    return f"<{iri}>"


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    if lang:
        return f'"{escaped}"@{lang}'
    return f'"{escaped}"^^<{datatype}>' if datatype else f'"{escaped}"'


def _name(kind: str, i: int, rng: random.Random) -> tuple[str, str]:
    """A Korean and an English label (numbered: no two entities share one)."""
    _cls, ko, en, _share = CLASSES[kind]
    if kind == "person":
        chars = rng.choice(FAMILY) + rng.choice(GIVEN) + rng.choice(GIVEN)
        roman = f"{ROMAN[chars[0]].capitalize()} {ROMAN[chars[1]].capitalize()}-{ROMAN[chars[2]]}"
        return f"{chars} {i}", f"{roman} {i}"
    return f"{ko} {i}호", f"{en} {i}"


def statement_iri(s: str, p: str, o: str) -> str:
    """As ``kgenesis.graph.evidence.statement_iri`` for a fact between two IRIs."""
    key = f"<{s}> <{p}> <{o}>"
    return f"{KG}stmt-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"


class Synthetic:
    """One synthetic graph: entities, facts and the quotes that carry them."""

    def __init__(self, triples: int, seed: int = 13) -> None:
        rng = random.Random(seed)
        facts_wanted = max(12, int(triples / TRIPLES_PER_FACT))
        n_entities = max(12, facts_wanted // 2)
        self.entities: dict[str, list[tuple[str, str, str]]] = {}
        counter = 0
        for kind, (_cls, _ko, _en, share) in CLASSES.items():
            members = []
            for _ in range(max(2, int(n_entities * share))):
                ko, en = _name(kind, counter, rng)
                members.append((f"{KG}{kind}-{counter:07d}", ko, en))
                counter += 1
            self.entities[kind] = members
        ends: dict[str, list[str]] = {kind: [] for kind in CLASSES}
        seen: set[tuple[str, str, str]] = set()
        self.facts: list[tuple[str, str, str]] = []
        while len(self.facts) < facts_wanted:
            prop, subjects, objects = rng.choice(PROPERTIES)
            s = rng.choice(self.entities[rng.choice(subjects)])[0]
            okind = rng.choice(objects)
            if ends[okind] and rng.random() < 0.5:
                o = rng.choice(ends[okind])  # preferential attachment: the rich get richer
            else:
                o = rng.choice(self.entities[okind])[0]
            if s == o or (s, prop, o) in seen:
                continue
            seen.add((s, prop, o))
            ends[okind].append(o)
            self.facts.append((s, prop, o))
        self.doc = KG + "src-bench-article"
        self.publisher = KG + "bench-publisher"

    def quotes(self) -> list[tuple[str, str, str, list[tuple[str, str, str]]]]:
        """(IRI, Korean text, English translation, its facts), FACTS_PER_QUOTE facts each."""
        out = []
        for q, start in enumerate(range(0, len(self.facts), FACTS_PER_QUOTE)):
            block = self.facts[start : start + FACTS_PER_QUOTE]
            out.append((
                f"{KG}quote-{q:07d}",
                f"문장 {q}: 정부는 전략기술 {q}번 과제를 발표했다.",
                f"Sentence {q}: the government announced strategic technology task {q}.",
                block,
            ))  # fmt: skip
        return out

    def entity_lines(self) -> list[str]:
        """Types and labels (the area file), the scheme and the source document."""
        lines = []
        scheme = KG + "bench-fields"
        lines.append(f"{_iri(scheme)} {_iri(RDF + 'type')} {_iri(SKOS + 'ConceptScheme')} .")
        for lang, text in (("ko", "벤치마크 기술 분야"), ("en", "Benchmark technology fields")):
            lines.append(f"{_iri(scheme)} {_iri(RDFS + 'label')} {_lit(text, lang)} .")
        for kind, members in self.entities.items():
            cls = CLASSES[kind][0]
            label = SKOS + "prefLabel" if kind == "field" else RDFS + "label"
            for iri, ko, en in members:
                lines.append(f"{_iri(iri)} {_iri(RDF + 'type')} {_iri(cls)} .")
                lines.append(f"{_iri(iri)} {_iri(label)} {_lit(ko, 'ko')} .")
                lines.append(f"{_iri(iri)} {_iri(label)} {_lit(en, 'en')} .")
                if kind == "field":
                    lines.append(f"{_iri(iri)} {_iri(SKOS + 'inScheme')} {_iri(scheme)} .")
        pub, doc = _iri(self.publisher), _iri(self.doc)
        lines += [
            f"{pub} {_iri(RDF + 'type')} {_iri(KGO + 'NewsOrganization')} .",
            f"{pub} {_iri(RDFS + 'label')} {_lit('벤치마크 일보', 'ko')} .",
            f"{pub} {_iri(RDFS + 'label')} {_lit('Benchmark Daily', 'en')} .",
            f"{doc} {_iri(RDF + 'type')} {_iri(KGO + 'NewsArticle')} .",
            f"{doc} {_iri(RDFS + 'label')} {_lit('벤치마크 기사', 'ko')} .",
            f"{doc} {_iri(RDFS + 'label')} {_lit('Benchmark article', 'en')} .",
            f"{doc} {_iri(DCT + 'title')} {_lit('전략기술 벤치마크 기사', 'ko')} .",
            f"{doc} {_iri(DCT + 'publisher')} {pub} .",
            f"{doc} {_iri(DCT + 'issued')} {_lit('2025-12-18', datatype=XSD + 'date')} .",
        ]
        return lines

    def quote_lines(self, q: str, ko: str, en: str, n: int) -> list[str]:
        return [
            f"{_iri(q)} {_iri(RDF + 'type')} {_iri(KGO + 'Quote')} .",
            f"{_iri(q)} {_iri(RDFS + 'label')} {_lit(f'인용 {n}', 'ko')} .",
            f"{_iri(q)} {_iri(RDFS + 'label')} {_lit(f'Quote {n}', 'en')} .",
            f"{_iri(q)} {_iri(KGO + 'quoteText')} {_lit(ko, 'ko')} .",
            f"{_iri(q)} {_iri(KGO + 'projectTranslation')} {_lit(en, 'en')} .",
            f"{_iri(q)} {_iri(KGO + 'quotedFrom')} {_iri(self.doc)} .",
            f"{_iri(q)} {_iri(DCT + 'source')} {_iri(self.doc)} .",
            f"{_iri(q)} {_iri(KGO + 'locator')} {_lit(f'sentence {n}')} .",
        ]

    def write_project(self, root: Path) -> Path:
        """A project folder: the real ontology, graph/entities.ttl and graph/evidence.trig."""
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(REPO / "ontology", root / "ontology")
        (root / "graph").mkdir(parents=True)
        head = "# Synthetic benchmark data (bench/synth.py); generated, not curated.\n"
        (root / "graph" / "entities.ttl").write_text(
            head + "\n".join(self.entity_lines()) + "\n", encoding="utf-8"
        )
        with (root / "graph" / "evidence.trig").open("w", encoding="utf-8") as out:
            out.write(head)
            for n, (q, ko, en, block) in enumerate(self.quotes()):
                out.write("\n".join(self.quote_lines(q, ko, en, n)) + "\n")
                out.write(f"{_iri(q)} {{\n")
                for s, p, o in block:
                    out.write(f"  {_iri(s)} {_iri(p)} {_iri(o)} .\n")
                out.write("}\n")
        return root

    def published_lines(self) -> list[str]:
        """The published graph without the ontology: what ``kgenesis build`` derives."""
        lines = self.entity_lines()
        for n, (q, ko, en, block) in enumerate(self.quotes()):
            lines += self.quote_lines(q, ko, en, n)
            for s, p, o in block:
                st = _iri(statement_iri(s, p, o))
                lines += [
                    f"{_iri(s)} {_iri(p)} {_iri(o)} .",
                    f"{st} {_iri(RDF + 'type')} {_iri(RDF + 'Statement')} .",
                    f"{st} {_iri(RDF + 'subject')} {_iri(s)} .",
                    f"{st} {_iri(RDF + 'predicate')} {_iri(p)} .",
                    f"{st} {_iri(RDF + 'object')} {_iri(o)} .",
                    f"{st} {_iri(PROV + 'wasDerivedFrom')} {_iri(q)} .",
                ]
        return lines


def ontology_lines() -> list[str]:
    """The ontology (not the shapes) as N-Triples lines, through pyoxigraph."""
    import pyoxigraph as ox

    lines = []
    for path in sorted((REPO / "ontology").glob("*.ttl")):
        if path.name == "shapes.ttl":
            continue
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            lines.append(f"{triple.subject} {triple.predicate} {triple.object} .")
    return lines


def published(triples: int, path: Path, seed: int = 13) -> int:
    """Write the published graph (ontology included) of about ``triples`` triples as
    N-Triples (also valid Turtle) to ``path``; return the number of triples."""
    lines = ontology_lines() + Synthetic(triples, seed).published_lines()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("triples", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    synthetic = Synthetic(args.triples, args.seed)
    synthetic.write_project(args.folder)
    n = published(args.triples, args.folder / "published.nt", args.seed)
    sys.stdout.write(f"{args.folder}: project and published.nt ({n:,} triples)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
