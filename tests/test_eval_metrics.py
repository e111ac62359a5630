"""Metrics on tiny hand-made results whose right values are known (0, 1, 0.5 ...)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.aggregate import percentile, summarise
from evals.gate import violations
from evals.gold import GoldItem
from evals.language import is_dutch, readability
from evals.metrics import Sources, item_metrics
from evals.normalise import contains, contains_phrase, normalise

SOURCE = "Intro.\nDe GGD Drenthe is initiatief-\nnemer van de **Gezonde School**.\nBudget: 24 miljoen in 2025.\n"


@pytest.fixture
def sources(tmp_path: Path) -> Sources:
    (tmp_path / "doc.txt").write_text(SOURCE, encoding="utf-8")
    return Sources(tmp_path)


def gold(**kw) -> GoldItem:
    base = {
        "id": "x",
        "persona": "inwoner",
        "kind": "fact",
        "question": "Wie?",
        "answerable": True,
        "doc": "doc.txt",
        "quotes": ["GGD Drenthe is initiatief-", "Budget: 24 miljoen"],
        "key_facts": ["GGD Drenthe", "24 miljoen"],
    }
    return GoldItem.model_validate({**base, **kw})


def passage(rank: int, text: str, start: int = 0, end: int = 10) -> dict:
    return {"rank": rank, "doc_id": "d", "file": "doc.txt", "text": text, "char_start": start, "char_end": end}


def cite(quote: str, start: int | None = None) -> dict:
    start = SOURCE.index(quote) if start is None else start
    return {
        "n": 1,
        "doc_id": "d",
        "file": "doc.txt",
        "quote": quote,
        "char_start": start,
        "char_end": start + len(quote),
    }


def result(answer: str = "", passages=(), citations=(), refused: bool = False) -> dict:
    return {
        "answer": answer,
        "refused": refused,
        "passages": list(passages),
        "citations": list(citations),
        "timings_ms": {"embed": 1.0, "retrieve": 2.0, "compose": 3.0, "total": 6.0},
    }


def test_normalise_undoes_hyphenation_markup_case_and_quotes():
    assert (
        normalise("De GGD is initiatief-\nnemer van de **Gezonde   School**")
        == "de ggd is initiatiefnemer van de gezonde school"
    )
    assert normalise("‘Kansrijke Start’ – <i>nu</i>") == "'kansrijke start' - nu"
    assert contains("iets over de gezonde school hier", "**Gezonde\nSchool**")
    assert not contains("anything", "")
    assert contains_phrase("Budget 24 miljoen [1].", "24 miljoen")
    assert not contains_phrase("in 2024", "24") and normalise("24") == "24"


def test_normalise_reads_a_number_with_or_without_thousands_dots():
    assert contains_phrase("De winnaar ontving 3000 euro [1].", "3.000")
    assert contains_phrase("een tekort van 1.700 medewerkers", "1700")
    assert contains_phrase("€ 20.000.000", "20000000")
    assert not contains_phrase("op 10.07.2024", "102024") and not contains_phrase("versie 1.5", "15")


def test_retrieval_hit_mrr_and_coverage(sources):
    hit_second = [passage(1, "iets anders"), passage(2, "De GGD Drenthe is initiatiefnemer van")]
    m = item_metrics(gold(), result(passages=hit_second), k=5, sources=sources)
    assert m["hit_at_k"] == 1.0 and m["mrr_at_10"] == 0.5 and m["quote_coverage_at_k"] == 0.5
    assert item_metrics(gold(), result(passages=hit_second), k=1, sources=sources)["hit_at_k"] == 0.0
    none = item_metrics(gold(), result(passages=[passage(1, "niets")]), k=5, sources=sources)
    assert none["hit_at_k"] == 0.0 and none["mrr_at_10"] == 0.0 and none["quote_coverage_at_k"] == 0.0


def test_key_fact_recall_counts_prefix_and_markers_and_refusal_is_zero(sources):
    m = item_metrics(gold(), result("Over de inspanning ‘GGD Drenthe’ (x): iets [1]."), k=5, sources=sources)
    assert m["key_fact_recall"] == 0.5
    full = item_metrics(gold(), result("GGD Drenthe [1] en 24 miljoen [2]."), k=5, sources=sources)
    assert full["key_fact_recall"] == 1.0
    refused = item_metrics(gold(), result("Dat kan ik niet vinden.", refused=True), k=5, sources=sources)
    assert refused["key_fact_recall"] == 0.0 and refused["false_refusal"] == 1.0
    assert refused["mean_sentence_words"] is None and refused["citation_verbatim"] is None


def test_citation_verbatim_rate(sources):
    good = cite("GGD Drenthe is initiatief-\nnemer")
    shifted = {**cite("GGD Drenthe"), "char_start": 0}  # text exists but not at its offsets
    invented = {**cite("Intro."), "quote": "De GGD betaalt alles."}
    m = item_metrics(gold(), result("x [1]", citations=[good, shifted]), k=5, sources=sources)
    assert m["citation_verbatim"] == 0.5
    assert item_metrics(gold(), result("x", citations=[good]), k=5, sources=sources)["citation_verbatim"] == 1.0
    assert item_metrics(gold(), result("x", citations=[invented]), k=5, sources=sources)["citation_verbatim"] == 0.0


def test_citation_support_by_gold_document_or_gold_passage(sources):
    other = {**cite("Intro."), "file": "ander.txt", "doc_id": "e"}
    m = item_metrics(gold(), result("x", citations=[cite("Intro."), other]), k=5, sources=sources)
    assert m["citation_support"] == 0.5
    in_gold_passage = [{**passage(1, "Budget: 24 miljoen in 2025", 0, 100), "doc_id": "e"}]
    m2 = item_metrics(gold(), result("x", passages=in_gold_passage, citations=[other]), k=5, sources=sources)
    assert m2["citation_support"] == 1.0


def test_refusal_accuracy_on_unanswerable(sources):
    unanswerable = gold(answerable=False, quotes=[], key_facts=[], doc=[])
    ok = item_metrics(unanswerable, result("Dat kan ik niet vinden.", refused=True), k=5, sources=sources)
    assert ok["refusal_accuracy"] == 1.0 and ok["false_refusal"] is None and ok["hit_at_k"] is None
    bad = item_metrics(unanswerable, result("De GGD Drenthe doet dat [1]."), k=5, sources=sources)
    assert bad["refusal_accuracy"] == 0.0


def test_plain_language_and_dutch():
    r = readability("De GGD helpt. [1] Het werk van de gezondheidsachterstanden is groot en het kost geld. [2]")
    assert r.sentences == 2 and r.words == 14 and r.long_words == 1
    assert r.mean_sentence_words == 7.0 and r.long_word_share == pytest.approx(1 / 14)
    assert is_dutch("De coalitie werkt aan een gezonde leefstijl voor alle inwoners van Drenthe in de komende jaren.")
    assert not is_dutch("The coalition works on a healthy lifestyle for all the people of Drenthe in the coming years.")
    assert is_dutch("GGD Drenthe")


def test_aggregates_skip_none_and_break_down_by_group():
    rows = [
        {
            "persona": "inwoner",
            "kind": "fact",
            "split": "tune",
            "timings_ms": {"total": 10.0},
            "metrics": {"hit_at_k": 1.0, "refusal_accuracy": None},
        },
        {
            "persona": "inwoner",
            "kind": "fact",
            "split": "holdout",
            "timings_ms": {"total": 30.0},
            "metrics": {"hit_at_k": 0.0, "refusal_accuracy": None},
        },
        {
            "persona": "evaluator",
            "kind": "unanswerable",
            "split": "tune",
            "timings_ms": {"total": 20.0},
            "metrics": {"hit_at_k": None, "refusal_accuracy": 1.0},
        },
    ]
    s = summarise(rows, {"k": 5})
    assert s["overall"]["hit_at_k"] == 0.5 and s["overall"]["refusal_accuracy"] == 1.0
    assert s["by_split"]["tune"]["hit_at_k"] == 1.0 and s["by_kind"]["unanswerable"]["hit_at_k"] is None
    assert s["latency_ms"]["total"] == {"p50": 20.0, "p95": 30.0, "n": 3}
    assert percentile([], 50) == 0.0 and percentile([5.0], 95) == 5.0


def test_gate_lists_each_metric_outside_its_bound():
    summary = {
        "overall": {"hit_at_k": 0.8, "false_refusal": 0.1, "mrr_at_10": None},
        "latency_ms": {"total": {"p95": 50.0}},
    }
    got = violations(
        summary, {"min": {"hit_at_k": 0.9, "mrr_at_10": 0.5}, "max": {"false_refusal": 0.05, "latency.total.p95": 100}}
    )
    assert len(got) == 3 and got[0].startswith("hit_at_k") and "mrr_at_10 = None" in got[1]
    assert violations(summary, {"min": {"hit_at_k": 0.8}, "max": {"latency.total.p95": 50}}) == []
