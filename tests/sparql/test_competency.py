"""Competency questions: each saved cq-*.rq query answers its question on the curated graph.

The graph is the committed build, outputs/graph.ttl, parsed with plain rdflib, so these tests
do not depend on the loading module (test_build checks that outputs/ is what the sources build).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from conftest import REPO
from kgenesis.graph.namespaces import sparql_prolog

QUERIES = REPO / "src" / "kgenesis" / "sparql" / "queries"
CQ_FILES = sorted(QUERIES.glob("cq-*.rq"))
KG = "https://w3id.org/kgenesis/id/"
KGO = "https://w3id.org/kgenesis/ontology#"
DCTERMS_SOURCE = "http://purl.org/dc/terms/source"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(REPO / "outputs" / "graph.ttl", format="turtle")


def run(graph: Graph, name: str) -> list[dict[str, object]]:
    """Run the saved query ``name`` and return its rows as dicts of Python values."""
    (path,) = [p for p in CQ_FILES if p.stem == name]
    result = graph.query(path.read_text(encoding="utf-8"))
    rows = []
    for row in result:
        rows.append(
            {
                str(var): (
                    None
                    if value is None
                    else value.toPython()
                    if isinstance(value, Literal)
                    else str(value)
                )
                for var, value in zip(result.vars, row, strict=True)
            }
        )
    return rows


def column(rows: list[dict[str, object]], key: str) -> list[object]:
    return [row[key] for row in rows]


def test_there_are_at_least_fifteen_competency_questions() -> None:
    assert len(CQ_FILES) >= 15


@pytest.mark.parametrize("path", CQ_FILES, ids=lambda p: p.stem)
def test_every_question_has_a_title_a_description_and_an_answer(graph: Graph, path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# title: ") and len(lines[0]) > len("# title: ") + 10
    assert lines[1].startswith("# description: ") and len(lines[1]) > len("# description: ") + 10
    text = "\n".join(lines)
    assert "ORDER BY" in text, "results must come in a fixed order"
    assert len(graph.query(text)) >= 1


def test_government_measures_with_number_unit_and_deadline(graph: Graph) -> None:
    rows = {row["measure"]: row for row in run(graph, "cq-01-government-measures-targets")}
    assert set(rows) == {
        KG + name
        for name in (
            "measure-ai-innovation-ecosystem",
            "measure-sovereign-ai-model",
            "k-genesis-mission",
            "measure-gpu-260k",
            "measure-matching-ratio",
            "measure-tax-benefits",
            "measure-pan-ministerial-collaboration",
        )
    }
    gpu = rows[KG + "measure-gpu-260k"]
    assert (gpu["value"], gpu["unit"], str(gpu["deadline"])) == (260000, "GPUs", "2030")
    matching = rows[KG + "measure-matching-ratio"]
    assert (matching["value"], matching["unit"], matching["bound"]) == (
        Decimal(50),
        "percent",
        "at most",
    )
    assert matching["wording"] == "최대 50% 수준으로 완화"
    model = rows[KG + "measure-sovereign-ai-model"]
    assert (model["value"], model["unit"], model["bound"]) == (10, "world rank", "at most")
    assert rows[KG + "measure-tax-benefits"]["value"] is None


def test_ai_policies(graph: Graph) -> None:
    rows = run(graph, "cq-02-ai-policies")
    assert set(column(rows, "policy")) == {
        KG + name
        for name in (
            "measure-ai-innovation-ecosystem",
            "measure-sovereign-ai-model",
            "k-genesis-mission",
            "measure-gpu-260k",
            "measure-early-warning-system",
            "us-genesis-mission",
        )
    }
    assert {(r["policy"], r["by"]) for r in rows if r["relation"] == "pursued by"} == {
        (KG + "k-genesis-mission", "Government of the Republic of Korea"),
        (KG + "us-genesis-mission", "United States"),
    }


def test_summit_speakers_and_what_they_said(graph: Graph) -> None:
    rows = run(graph, "cq-03-summit-speakers-statements")
    speakers: dict[object, set[object]] = {}
    for row in rows:
        speakers.setdefault(row["speaker"], set()).add(row["kind"])
    assert speakers == {
        "Bae Kyung-hoon": {"Pledge", "Assessment", "Proposal"},
        "Yoo Hong-rim": {"Proposal", "Pledge"},
        "Jeong Soo-heon": {"Proposal"},
    }
    assert len(rows) == 10
    assert "서울대가 ‘도전적 거대질문 플랫폼’ 역할을 수행하겠다" in column(rows, "ko")
    keynote = [r for r in rows if r["session"] == "Keynote speech by Bae Kyung-hoon"]
    assert column(keynote, "ko") == [
        "국가전략기술 확보를 통해 국가 인공지능(AI) 전환을 선도하겠다."
    ]


def test_who_leads_which_organisation(graph: Graph) -> None:
    rows = run(graph, "cq-04-who-leads-what")
    assert {(r["personEn"], r["orgEn"]) for r in rows} == {
        ("Bae Kyung-hoon", "Ministry of Science and ICT"),
        ("Choi Min-hee", "Science, ICT, Broadcasting and Communications Committee"),
        ("Yoo Hong-rim", "Seoul National University"),
        ("Jeong Soo-heon", "LG Science Park"),
    }


def test_post_holdings_and_since_when(graph: Graph) -> None:
    rows = run(graph, "cq-05-post-holdings")
    assert {
        (r["person"], r["role"], r["organisation"], r["since"], r["ordinal"]) for r in rows
    } == {
        ("Bae Kyung-hoon", "Minister", "Ministry of Science and ICT", "2025-07", None),
        (
            "Bae Kyung-hoon",
            "Deputy Prime Minister",
            "Government of the Republic of Korea",
            "2025-10-01",
            None,
        ),
        (
            "Choi Min-hee",
            "Committee chair",
            "Science, ICT, Broadcasting and Communications Committee",
            "2024-06-10",
            None,
        ),
        (
            "Choi Min-hee",
            "Member of the National Assembly",
            "National Assembly of Korea",
            None,
            None,
        ),
        ("Yoo Hong-rim", "University president", "Seoul National University", None, 28),
        ("Jeong Soo-heon", "Chief executive", "LG Science Park", None, None),
        ("Kang Kwang-woo", "Reporter", "JoongAng Ilbo", None, None),
    }


def test_fields_each_measure_concerns(graph: Graph) -> None:
    rows = run(graph, "cq-06-measure-fields")
    pairs = {(r["policy"].removeprefix(KG), r["field"].removeprefix(KG)) for r in rows}
    assert ("measure-gpu-260k", "topic-gpu") in pairs
    assert ("measure-sovereign-ai-model", "topic-ai-foundation-model") in pairs
    assert ("k-genesis-mission", "nst") in pairs
    assert ("measure-matching-ratio", "nst") in pairs
    # every measure and mission of the graph says what it concerns
    policies = {r["policy"].removeprefix(KG) for r in rows}
    assert {
        "measure-tax-benefits",
        "measure-innovation-pipeline",
        "mission-next-trade-security",
    } <= policies


def test_twelve_fields_in_korean_and_english(graph: Graph) -> None:
    rows = run(graph, "cq-07-nst-fields")
    assert len(rows) == 12
    assert ("인공지능", "Artificial intelligence") in {(r["ko"], r["en"]) for r in rows}
    assert ("첨단 모빌리티", "Advanced mobility") in {(r["ko"], r["en"]) for r in rows}
    named = {r["en"] for r in rows if r["namedInArticle"]}
    assert named == {
        "Artificial intelligence",
        "Semiconductors and displays",
        "Advanced biotechnology",
        "Quantum",
        "Secondary batteries",
    }


def test_what_the_us_does_according_to_the_article(graph: Graph) -> None:
    rows = run(graph, "cq-08-usa-according-to-article")
    facts = {(r["subject"], r["property"], r["value"]) for r in rows}
    target = "Target of doubling US science and technology productivity"
    assert facts == {
        ("United States", "fuels", "Global race for technological supremacy"),
        ("US Genesis Mission", "pursued by", "United States"),
        ("US Genesis Mission", "uses technology", "Artificial intelligence"),
        ("US Genesis Mission", "has target", target),
        (target, "measured quantity", "Productivity of American science and technology"),
        # the number comes back typed (a decimal), not as its lexical form
        (target, "target value", Decimal(2)),
        (target, "unit", "times"),
    }
    # the Department of Energy (ledBy) and the ten-year timeframe come from outside references
    # only, so the exact set above leaves them out
    assert not {p for _, p, _ in facts} & {"led by", "timeframe"}


def test_what_china_does(graph: Graph) -> None:
    rows = run(graph, "cq-09-china")
    assert {(r["relation"], r["value"]) for r in rows} == {
        ("fuels", "Global race for technological supremacy"),
        ("stands out in", "AI transformation of industry"),
        ("stands out in", "Physical AI"),
        (
            "pursues policy with goal",
            "Self-reliance and self-strengthening in science and technology",
        ),
        ("indicator observation", "Growth rate of the national R&D budget"),
    }
    (obs,) = [r for r in rows if r["relation"] == "indicator observation"]
    assert (obs["number"], obs["unit"], obs["bound"], obs["years"]) == (
        Decimal(10),
        "percent",
        "at least",
        2,
    )


def test_evidence_of_the_gpu_target(graph: Graph) -> None:
    rows = run(graph, "cq-10-gpu-target-evidence")
    assert {r["property"] for r in rows} >= {"target value", "unit", "deadline"}
    assert {r["quote"] for r in rows} == {
        "이를 뒷받침하기 위해 2030년까지 그래픽처리장치(GPU) 26만장을 확보할 예정이다."
    }
    assert {(r["locator"], r["publisher"], str(r["issued"])) for r in rows} == {
        ("paragraph 6, sentence 4", "JoongAng Ilbo", "2025-12-18")
    }


def test_facts_by_origin(graph: Graph) -> None:
    rows = run(graph, "cq-11-facts-by-origin")
    assert column(rows, "origin") == ["article", "both", "outside references"]
    counts = {r["origin"]: r["facts"] for r in rows}
    assert counts["article"] > counts["outside references"] > 0 and counts["both"] > 0


def _hub_of_facts(n: int) -> str:
    """N-Triples of ``n`` evidenced facts about one subject, two in three quoted from the
    article and the rest from reports (a hub, as preferential attachment makes them)."""
    rdf, prov = "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/ns/prov#"
    lines = []
    for i in range(n):
        st, quote = f"<{KG}st{i}>", f"<{KG}q{i}>"
        doc = f"{KG}src-joongang-2025-12-18" if i % 3 else f"{KG}report{i % 7}"
        lines += [
            f"{st} <{rdf}type> <{rdf}Statement> .", f"{st} <{rdf}subject> <{KG}hub> .",
            f"{st} <{rdf}predicate> <{KG}p{i % 5}> .", f"{st} <{rdf}object> <{KG}o{i}> .",
            f"{st} <{prov}wasDerivedFrom> {quote} .", f"{quote} <{KGO}quotedFrom> <{doc}> .",
        ]  # fmt: skip
    return "\n".join(lines) + "\n"


def test_facts_by_origin_grows_linearly_with_a_hub_of_facts() -> None:
    """Regression (issue 13): two EXISTS per fact inside BIND took 22 s for 1,000 facts about
    one subject on pyoxigraph and did not finish at 10^5 triples. Eight times the facts
    must cost far less than 64 times (the square); linear is about 8."""
    import time

    import pyoxigraph as ox

    from kgenesis.prefixes import PREFIX_IRIS

    (path,) = [p for p in CQ_FILES if p.stem == "cq-11-facts-by-origin"]
    text = path.read_text(encoding="utf-8")
    costs, answers = [], []
    for n in (300, 2400):
        store = ox.Store()
        store.load(_hub_of_facts(n).encode(), format=ox.RdfFormat.N_TRIPLES)
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            rows = [(r[0].value, int(r[1].value)) for r in store.query(text, prefixes=PREFIX_IRIS)]
            runs.append(time.perf_counter() - started)
        costs.append(min(runs))
        answers.append(rows)
    assert answers == [
        [("article", 200), ("outside references", 100)],
        [("article", 1600), ("outside references", 800)],
    ]
    assert costs[1] < 30 * costs[0], costs
    small = Graph().parse(data=_hub_of_facts(300), format="nt")
    assert [(r["origin"], r["facts"]) for r in run(small, "cq-11-facts-by-origin")] == answers[0]


def test_outside_facts_name_their_reports(graph: Graph) -> None:
    rows = run(graph, "cq-12-outside-facts")
    by_fact: dict[tuple[object, object, object], set[object]] = {}
    for r in rows:
        by_fact.setdefault((r["subject"], r["property"], r["value"]), set()).add(r["source"])
    # one row per (fact, report): no fact repeats a report
    assert len(rows) == sum(len(s) for s in by_fact.values())
    start = by_fact[("National Strategic Technology Summit", "start date", date(2025, 12, 18))]
    assert "https://www.asiae.co.kr/article/2025121810274405688" in start
    (order,) = by_fact[("Executive Order 14363", "establishes", "US Genesis Mission")]
    assert "govinfo.gov" in str(order)
    # a fact the article states is never listed as outside-only
    assert not any(s == "Securing 260,000 GPUs by 2030" for s, _, _ in by_fact)


def test_outside_facts_lists_every_outside_only_fact(graph: Graph) -> None:
    """Regression (issue 14): cq-11 counted 77 outside-only facts and cq-12 listed 70; the
    seven left out (Choi Min-hee's party, seat and term as chair) cited no report address."""
    counts = {r["origin"]: r["facts"] for r in run(graph, "cq-11-facts-by-origin")}
    rows = run(graph, "cq-12-outside-facts")
    facts = {(r["subject"], r["property"], r["value"]) for r in rows}
    assert len(facts) == counts["outside references"]
    # each with the report behind it: an address, never an empty cell
    assert all(isinstance(r["source"], str) and r["source"] for r in rows)


def test_choi_min_hee_facts_cite_the_reports_not_the_curation_note(graph: Graph) -> None:
    """Regression (issue 14): her party, seat and start as chair cited only the curation note."""
    rows = run(graph, "cq-12-outside-facts")
    meeting = "First meeting of the Science, ICT, Broadcasting and Communications Committee"
    cited = {
        (r["property"], r["value"]): r["source"]
        for r in rows
        if "Choi Min-hee" in str(r["subject"]) or str(r["subject"]).startswith(meeting)
    }
    zdnet = "https://zdnet.co.kr/view/?no=20240607182730"
    wowtv = "https://m.wowtv.co.kr/NewsCenter/AMP/Read?articleId=A202406100211"
    donga = "https://donga.com/news/Politics/article/all/20240611/125378775/1"
    assert cited[("member of party", "Democratic Party of Korea")] == zdnet
    assert cited[("nominated on", date(2024, 6, 7))] == zdnet
    assert cited[("elected on", date(2024, 6, 10))] == wowtv
    assert cited[("chaired by", "Choi Min-hee")] == donga
    assert cited[("start date", date(2024, 6, 11))] == donga
    assert set(cited.values()) == {zdnet, wowtv, donga}
    # no quote anywhere cites the curation note as what it reports
    assert not list(graph.subjects(URIRef(DCTERMS_SOURCE), URIRef(KG + "doc-outside-references")))


def test_readme_outside_fact_example_names_the_reports(graph: Graph) -> None:
    """The data model's example query: outside facts of Choi Min-hee's term, with reports."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**The article and outside references stay apart.**") :]
    match = re.search(r"```sparql\n(.*?)```", section, re.DOTALL)
    assert match, "no example query in the data model's outside-facts paragraph"
    rows = [
        {str(k): str(v) for k, v in row.asdict().items()}
        for row in graph.query(sparql_prolog() + match.group(1))
    ]
    assert {(r["property"].removeprefix(KGO), r["publisher"]) for r in rows} >= {
        ("nominatedOn", "ZDNet Korea"),
        ("electedOn", "Korea Economic TV"),
    }
    assert {r["url"] for r in rows} == {
        "https://zdnet.co.kr/view/?no=20240607182730",
        "https://m.wowtv.co.kr/NewsCenter/AMP/Read?articleId=A202406100211",
    }


def test_name_as_stated_and_corrected(graph: Graph) -> None:
    rows = run(graph, "cq-13-name-correction")
    assert [(r["person"], r["kind"], r["name"], r["publisher"]) for r in rows] == [
        (KG + "jeong-soo-heon", "as stated", "정수현", "JoongAng Ilbo"),
        (KG + "jeong-soo-heon", "corrected", "정수헌", "ChosunBiz"),
        (KG + "jeong-soo-heon", "corrected", "정수헌", "Newspim"),
    ]


def test_summit_date_venue_and_attendance(graph: Graph) -> None:
    rows = run(graph, "cq-14-summit-date-venue")
    answers = [(r["aspect"], r["value"], r["district"], r["city"], r["count"]) for r in rows]
    assert len(answers) == len(set(answers))
    assert set(answers) == {
        ("date", date(2025, 12, 18), None, None, None),
        ("date as stated", "18일", None, None, None),
        ("date as stated", "18일 오전", None, None, None),
        ("venue", "COEX", "Gangnam-gu", "Seoul", None),
        ("venue", "COEX Auditorium", "Gangnam-gu", "Seoul", None),
        ("attendee", "Bae Kyung-hoon", None, None, None),
        ("attendee", "Choi Min-hee", None, None, None),
        ("attendee", "Yoo Hong-rim", None, None, None),
        ("attendee", "Jeong Soo-heon", None, None, None),
        ("attendee", "About 1,000 experts from industry, academia and research", None, None, 1000),
    }
    # date first, then the wordings, the venues and the attendees
    assert [r["aspect"] for r in rows] == ["date"] + ["date as stated"] * 2 + ["venue"] * 2 + [
        "attendee"
    ] * 5


def test_sub_events_and_performers(graph: Graph) -> None:
    rows = run(graph, "cq-15-sub-events")
    assert {(r["type"], r["performer"]) for r in rows} == {
        ("Keynote speech", "Bae Kyung-hoon"),
        ("Presentation", "Yoo Hong-rim"),
        ("Presentation", "Jeong Soo-heon"),
        ("Ceremony", None),
    }
    assert {r["title"] for r in rows if r["type"] == "Keynote speech"} == {
        "국가전략기술 고도화 및 미래혁신 전략"
    }


def test_korea_rd_to_gdp_position(graph: Graph) -> None:
    (row,) = run(graph, "cq-16-korea-rd-gdp")
    assert (row["value"], row["unit"], row["bound"], row["wording"]) == (
        2,
        "world rank",
        "about",
        "세계 2위 수준",
    )
    assert row["speaker"] == "Bae Kyung-hoon"


def test_future_dialogue(graph: Graph) -> None:
    rows = run(graph, "cq-17-future-dialogue")
    assert {(r["dateAsStated"], str(r["founded"]), r["place"], r["convenedBy"]) for r in rows} == {
        ("지난 4월", "2025-04-09", "Four Seasons Hotel Seoul", "Ministry of Science and ICT")
    }
    assert {r["sector"] for r in rows} == {"Government (public sector)", "Private sector"}
    assert {r["type"] for r in rows} == {"Public-private body"}


def test_designation_2023(graph: Graph) -> None:
    (row,) = run(graph, "cq-18-designation-2023")
    assert (str(row["year"]), str(row["issued"]), str(row["firstSelected"])) == (
        "2023",
        "2023-12-20",
        "2022-10-28",
    )
    assert (row["fields"], row["technologies"], row["designatedFields"]) == (12, 50, 12)
    assert row["law"] == "Special Act on Fostering National Strategic Technologies"
    assert str(row["inForce"]) == "2023-09-22"


def test_ideas_by_speaker(graph: Graph) -> None:
    rows = run(graph, "cq-19-ideas-by-speaker")
    triples = {(r["speaker"], r["relation"], r["idea"]) for r in rows}
    assert ("Yoo Hong-rim", "moves away from", "Catch-up strategy") in triples
    assert ("Yoo Hong-rim", "advocates", "Design-type nation") in triples
    assert ("Jeong Soo-heon", "advocates", "Public-private collaboration model") in triples
    assert ("Kang Kwang-woo", "characterised as", "Survival strategy") in triples
    assert ("Kang Kwang-woo", "characterised as", "Future source of income") in triples


def test_genesis_missions(graph: Graph) -> None:
    rows = {r["mission"]: r for r in run(graph, "cq-20-genesis-missions")}
    us = rows["US Genesis Mission"]
    assert (us["pursuedBy"], us["ledBy"], us["unit"], us["order"], us["citation"]) == (
        "United States",
        "United States Department of Energy",
        "times",
        "Executive Order 14363",
        "90 FR 55035",
    )
    assert us["targetValue"] == Decimal(2) and str(us["signed"]) == "2025-11-24"
    assert (
        Literal("P10Y", datatype=URIRef("http://www.w3.org/2001/XMLSchema#duration")).toPython()
        == us["timeframe"]
    )
    korean = rows["Korean-style Genesis Mission"]
    assert (korean["pursuedBy"], korean["counterpartOf"]) == (
        "Government of the Republic of Korea",
        "US Genesis Mission",
    )


def test_every_fact_in_answers_is_backed_by_a_quote(graph: Graph) -> None:
    """Spot check across questions: the facts behind key answers have evidence statements."""
    for s, p, o in [
        (KG + "target-gpu-260k", "https://w3id.org/kgenesis/ontology#targetValue", Literal(260000)),
        (
            KG + "jeong-soo-heon",
            "https://w3id.org/kgenesis/ontology#correctedName",
            Literal("정수헌", lang="ko"),
        ),
    ]:
        ask = graph.query(
            "ASK { ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ;"
            " <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p ;"
            " <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o ;"
            " <http://www.w3.org/ns/prov#wasDerivedFrom> ?q }",
            initBindings={"s": URIRef(s), "p": URIRef(p), "o": o},
        )
        assert ask.askAnswer, (s, p, o)


# --- coverage of the article (a review found one sentence with no quote and no facts) -------


def test_every_sentence_of_the_article_body_is_quoted_verbatim(
    graph: Graph, article_sources: Path
) -> None:
    import re

    article = (article_sources / "joongang-2025-12-18-k-genesis.ko.txt").read_text(encoding="utf-8")
    body = [line.strip() for line in article.splitlines() if len(line.strip()) > 150]
    sentences = [s for line in body for s in re.split(r"(?<=\.)\s+", line)]
    quoted = {str(o) for o in graph.objects(None, URIRef(KGO + "quoteText"))}
    missing = [s[:50] for s in sentences if s not in quoted]
    assert len(sentences) > 20
    assert not missing, f"article sentences with no kgo:Quote: {missing}"


def test_the_definition_of_national_strategic_technology_is_modelled(graph: Graph) -> None:
    rows = graph.query(
        """SELECT ?who ?aim WHERE {
             ?p kgo:concernsField kg:nst ; kgo:pursuedBy ?who ; kgo:aimsAt ?aim .
             ?p ^kgo:supportsPolicy kg:measure-tax-benefits }""",
        initNs={"kg": URIRef(KG), "kgo": URIRef(KGO)},
    )
    aims = {str(r.aim).rsplit("/", 1)[1] for r in rows}
    assert {str(r.who) for r in rows} == {KG + "korean-government"}
    assert aims == {
        "idea-national-economy",
        "idea-industrial-competitiveness",
        "idea-diplomacy-security",
    }


def test_measures_for_companies_name_the_industry_sector(graph: Graph) -> None:
    for measure in ("measure-matching-ratio", "measure-tax-benefits"):
        sectors = set(graph.objects(URIRef(KG + measure), URIRef(KGO + "participantSector")))
        assert sectors == {URIRef(KG + "sector-industry")}, measure


def test_the_deputy_prime_minister_post_rests_on_the_government_organization_act(
    graph: Graph,
) -> None:
    rows = list(
        graph.query(
            """SELECT ?law ?from WHERE {
                 ?h org:member kg:bae-kyunghoon ; org:role kg:role-deputy-prime-minister ;
                    kgo:legalBasis ?law . ?law kgo:inForceFrom ?from }""",
            initNs={
                "kg": URIRef(KG),
                "kgo": URIRef(KGO),
                "org": URIRef("http://www.w3.org/ns/org#"),
            },
        )
    )
    assert [(str(r.law), str(r["from"])) for r in rows] == [
        (KG + "government-organization-act-2025", "2025-10-01")
    ]
