"""Answers on a real index: citations verbatim, PDF pages right, refusals, filters."""

from __future__ import annotations

import pytest

from ingest.embed import Embedder
from ingest.store import open_index
from naober.settings import Settings
from rag.query import QuestionError
from rag.retrieve import retrieve
from rag.serialize import answer_dict
from rag.service import answer
from rag.types import Filters


@pytest.fixture(scope="module")
def index(small_settings: Settings, embedder: Embedder):  # type: ignore[no-untyped-def]
    return open_index(small_settings, embedder)


QUESTIONS = [
    "Waar kan ik als mantelzorger in Westerveld terecht?",
    "Is er in Zuidwolde een plek om andere mensen te ontmoeten?",
    "Hoeveel geld is er voor de proef met de huiskamer?",
    "Wie helpt mij met DigiD in Hoogeveen?",
    "Wat is een MDO in de eerstelijn?",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_citation_is_verbatim_in_its_source(index, small_settings: Settings, question: str) -> None:  # type: ignore[no-untyped-def]
    a = answer(question, index=index, settings=small_settings)
    assert not a.refused, a.answer
    assert a.citations
    for c in a.citations:
        assert index.doc_text(c.doc_id)[c.char_start : c.char_end] == c.quote
        assert f"[{c.n}]" in a.answer


def test_pdf_citations_carry_the_right_page(index, small_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    cases = {"mantelzorger in Westerveld": 2, "Dorpsbudget 2026 betaald": 3, "huiskamer De Zonnebloem dinsdag": 1}
    for question, page in cases.items():
        a = answer(question, index=index, settings=small_settings)
        pdf = [c for c in a.citations if c.file == "dorpshuiskamer.pdf"]
        assert pdf, a.answer
        assert pdf[0].page == page and pdf[0].line_start is None


def test_text_citations_carry_line_numbers(index, small_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    a = answer("Wie helpt met DigiD in de bibliotheek?", index=index, settings=small_settings)
    c = next(c for c in a.citations if c.file.endswith(".md"))
    lines = index.doc_text(c.doc_id).split("\n")
    assert c.page is None and c.line_start is not None and c.line_end is not None
    assert "Digicafé" in "\n".join(lines[c.line_start - 1 : c.line_end])


@pytest.mark.parametrize(
    "question",
    ["Wat kost een parkeervergunning in Groningen?", "Hoe laat gaat het zwembad in Emmen open?"],
)
def test_questions_the_corpus_cannot_answer_are_refused(index, small_settings: Settings, question: str) -> None:  # type: ignore[no-untyped-def]
    a = answer(question, index=index, settings=small_settings)
    assert a.refused and not a.citations
    assert a.answer.startswith("Dat kan ik niet vinden")


@pytest.mark.parametrize(
    ("question", "next_step"),
    [
        ("Mijn moeder valt sinds ze plaspillen slikt. Moet ze daar gewoon mee stoppen?", "huisarts of apotheker"),
        ("Hoe laat gaat het zwembad in Emmen open?", "website van de organisatie"),
        ("Wat kost een parkeervergunning in Groningen?", "Wmo-loket"),  # the general next step
    ],
)
def test_a_refusal_points_to_who_can_answer(index, small_settings: Settings, question: str, next_step: str) -> None:  # type: ignore[no-untyped-def]
    a = answer(question, index=index, settings=small_settings)
    assert a.refused and next_step in a.answer


def test_filters_really_filter(index, small_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    cfg = small_settings.retrieval
    only_md = retrieve(index, "hulp voor ouderen", cfg, filters=Filters(docs=("ondersteuning-thuis-2026.md",)))
    assert only_md and {h.chunk.file for h in only_md} == {"ondersteuning-thuis-2026.md"}
    y2025 = retrieve(index, "hulp voor ouderen", cfg, filters=Filters(years=(2025,)))
    assert y2025 and {h.chunk.year for h in y2025} == {2025}
    theme = retrieve(index, "hulp", cfg, filters=Filters(themes=("Digitale hulp",)))
    assert theme and all("Digitale hulp" in h.chunk.section for h in theme)
    with pytest.raises(ValueError, match="onbekend document"):
        retrieve(index, "hulp", cfg, filters=Filters(docs=("bestaat-niet.pdf",)))


@pytest.mark.parametrize("bad", ["", "   \n\t", "x" * 2001, "?!?!", "\x00\x01"])
def test_bad_questions_get_a_clear_error(index, small_settings: Settings, bad: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QuestionError):
        answer(bad, index=index, settings=small_settings)


def test_json_contract(index, small_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    d = answer_dict(answer("Waar kunnen mantelzorgers terecht?", index=index, settings=small_settings))
    assert {"question", "answer", "refused", "citations", "passages", "timings_ms"} <= set(d)
    assert set(d["timings_ms"]) >= {"embed", "retrieve", "compose", "total"}
    assert len(d["passages"]) >= min(10, len(index.chunks))
    assert [p["rank"] for p in d["passages"]] == list(range(1, len(d["passages"]) + 1))
    c = d["citations"][0]
    assert set(c) == {
        "n",
        "doc_id",
        "file",
        "title",
        "section",
        "page",
        "line_start",
        "line_end",
        "char_start",
        "char_end",
        "quote",
    }


def test_langchain_retriever(index, small_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    from rag.lc import NaoberRetriever

    docs = NaoberRetriever(index=index, settings=small_settings, k=3).invoke("mantelzorg Westerveld")
    assert len(docs) == 3
    assert docs[0].metadata["file"] == "dorpshuiskamer.pdf" and docs[0].metadata["page"] == 2
    assert "Steunpunt Mantelzorg" in docs[0].page_content


def test_a_citation_that_is_not_verbatim_is_dropped_with_its_sentence(index, small_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from rag.verify import drop_sentences, verify_citations

    a = answer("Waar kunnen mantelzorgers in Westerveld terecht?", index=index, settings=small_settings)
    assert len(a.citations) >= 2
    forged = replace(a.citations[0], quote=a.citations[0].quote + " en gratis taxi's")
    ok, problems = verify_citations(index, (forged, *a.citations[1:]))
    assert forged not in ok and len(ok) == len(a.citations) - 1
    assert problems and "niet letterlijk" in problems[0]
    text = drop_sentences(a.answer, {forged.n})
    assert f"[{forged.n}]" not in text and f"[{a.citations[1].n}]" in text


GUARD_QUESTIONS = [
    "Mijn moeder wordt vergeetachtig, waar vind ik steun in de regio Drenthe?",
    "Wat betekent de lichtgroene kleur op de plaat?",
    "Waar kan ik terecht als ik me alleen voel?",
    "Welke rol heeft de regio in de eerstelijnszorg?",
]


def test_the_passage_nearest_in_meaning_is_always_near_the_top(index, small_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    """Word matches can outvote the passage closest in meaning (fusion favours BM25: "regio" and
    "Drenthe" match many passages); the guard keeps that passage in the top three, with scores
    still in rank order. Without the guard the first question's nearest passage ranks 7th."""
    plain_cfg = small_settings.retrieval.model_copy(update={"dense_guard": 0})
    dropped = 0
    for q in GUARD_QUESTIONS:
        nearest = index.chunks[index.dense(index.query_vector(q), 1)[0][0]].chunk_id
        plain = [h.chunk.chunk_id for h in retrieve(index, q, plain_cfg, n=10)]
        hits = retrieve(index, q, small_settings.retrieval, n=10)
        dropped += nearest not in plain[:3]
        assert nearest in [h.chunk.chunk_id for h in hits[:3]], q
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert dropped  # the questions exercise the guard
