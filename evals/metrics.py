"""Deterministic per-question metrics over one ``naober ask --json`` result.

Every metric is a number in [0, 1] (or a word count), or ``None`` when it does not apply to the
item (retrieval metrics on an unanswerable question, readability of a refusal). Aggregates
average over the items where a metric applies, so ``None`` never drags a mean down.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evals.gold import GoldItem
from evals.language import is_dutch, readability
from evals.normalise import contains, contains_phrase, normalise
from ingest.load import LoadError, load_file
from ingest.store import Index

Metrics = dict[str, float | None]
MRR_DEPTH = 10

# name -> (label, higher is better); the order is the order of every report table
METRICS: dict[str, tuple[str, bool]] = {
    "hit_at_k": ("hit@k", True),
    "mrr_at_10": ("MRR@10", True),
    "quote_coverage_at_k": ("quote coverage@k", True),
    "key_fact_recall": ("key-fact recall", True),
    "citation_support": ("citation support", True),
    "citation_verbatim": ("citation verbatim rate", True),
    "refusal_accuracy": ("refusal accuracy", True),
    "false_refusal": ("false refusals", False),
    "mean_sentence_words": ("mean sentence length (words)", False),
    "long_word_share": ("long-word share", False),
    "dutch": ("answer is Dutch", True),
}


class Sources:
    """Source texts for citation checks: the index's stored text, else the corpus file."""

    def __init__(self, corpus_dir: Path, index: Index | None = None) -> None:
        self.corpus_dir = corpus_dir
        self.index = index
        self._files: dict[str, str | None] = {}

    def stored(self, doc_id: str, file: str) -> str | None:
        if self.index is not None and doc_id in self.index.manifest.docs:
            return self.index.doc_text(doc_id)
        return self.corpus(file)

    def corpus(self, file: str) -> str | None:
        if file not in self._files:
            try:
                self._files[file] = load_file(self.corpus_dir / file).text
            except (LoadError, OSError):
                self._files[file] = None
        return self._files[file]


def passage_matches(passage: dict[str, Any], quotes: list[str]) -> list[str]:
    """The gold quotes that occur (normalised) in a passage's text."""
    text = normalise(passage.get("text", ""))
    return [q for q in quotes if (n := normalise(q)) and n in text]


def retrieval_metrics(item: GoldItem, passages: list[dict[str, Any]], k: int) -> Metrics:
    if not item.answerable:
        return {"hit_at_k": None, "mrr_at_10": None, "quote_coverage_at_k": None}
    ranked = sorted(passages, key=lambda p: p.get("rank", 0))
    found_at = [bool(passage_matches(p, item.quotes)) for p in ranked[:MRR_DEPTH]]
    first = next((i for i, ok in enumerate(found_at) if ok), None)
    covered = {q for p in ranked[:k] for q in passage_matches(p, item.quotes)}
    return {
        "hit_at_k": float(any(found_at[:k])),
        "mrr_at_10": 0.0 if first is None else 1.0 / (first + 1),
        "quote_coverage_at_k": len(covered) / len(item.quotes),
    }


def key_fact_recall(item: GoldItem, result: dict[str, Any]) -> float | None:
    """Share of key facts in the answer text (prefix and markers included, normalised)."""
    if not item.answerable or not item.key_facts:
        return None
    if result.get("refused"):
        return 0.0
    answer = result.get("answer", "")
    return sum(contains_phrase(answer, f) for f in item.key_facts) / len(item.key_facts)


def citation_verbatim(citation: dict[str, Any], sources: Sources) -> bool:
    """The quote is the stored source's exact span and also occurs in the corpus file."""
    quote = citation.get("quote", "")
    stored = sources.stored(citation.get("doc_id", ""), citation.get("file", ""))
    if not quote.strip() or stored is None:
        return False
    start, end = citation.get("char_start"), citation.get("char_end")
    exact = stored[start:end] == quote if isinstance(start, int) and isinstance(end, int) else False
    corpus = sources.corpus(citation.get("file", ""))
    return exact and corpus is not None and contains(corpus, quote)


def citation_supported(item: GoldItem, citation: dict[str, Any], passages: list[dict[str, Any]]) -> bool:
    """Cited from a gold document, or from a passage that holds a gold quote."""
    if citation.get("file") in item.doc:
        return True
    for p in passages:
        same_doc = p.get("doc_id") == citation.get("doc_id")
        inside = p.get("char_start", -1) <= citation.get("char_start", -2) < p.get("char_end", -1)
        if same_doc and inside and passage_matches(p, item.quotes):
            return True
    return False


def citation_metrics(item: GoldItem, result: dict[str, Any], sources: Sources) -> Metrics:
    cites = result.get("citations") or []
    if not cites:
        return {"citation_support": None, "citation_verbatim": None}
    verbatim = sum(citation_verbatim(c, sources) for c in cites) / len(cites)
    support = None
    if item.answerable:
        passages = result.get("passages") or []
        support = sum(citation_supported(item, c, passages) for c in cites) / len(cites)
    return {"citation_support": support, "citation_verbatim": verbatim}


def answer_metrics(item: GoldItem, result: dict[str, Any]) -> Metrics:
    refused = bool(result.get("refused"))
    out: Metrics = {
        "key_fact_recall": key_fact_recall(item, result),
        "refusal_accuracy": None if item.answerable else float(refused),
        "false_refusal": float(refused) if item.answerable else None,
        "mean_sentence_words": None,
        "long_word_share": None,
        "dutch": None,
    }
    if not refused and result.get("answer", "").strip():
        r = readability(result["answer"])
        out.update(
            mean_sentence_words=r.mean_sentence_words,
            long_word_share=r.long_word_share,
            dutch=float(is_dutch(result["answer"])),
        )
    return out


def item_metrics(item: GoldItem, result: dict[str, Any], k: int, sources: Sources) -> Metrics:
    """All metrics of one question, in METRICS order."""
    merged = {
        **retrieval_metrics(item, result.get("passages") or [], k),
        **answer_metrics(item, result),
        **citation_metrics(item, result, sources),
    }
    return {name: merged.get(name) for name in METRICS}


def failure_reasons(item: GoldItem, result: dict[str, Any], m: Metrics) -> list[str]:
    """Why a question counts as failed, in words a reviewer can act on; empty means passed."""
    reasons = []
    if result.get("error"):
        reasons.append(f"fout: {result['error']}")
    if item.answerable:
        if m["hit_at_k"] == 0.0:
            reasons.append("retrieval miss: geen gold-citaat in de top-k")
        if m["false_refusal"] == 1.0:
            reasons.append("onterecht geweigerd")
        elif (m["key_fact_recall"] or 0.0) < 1.0 and m["key_fact_recall"] is not None:
            reasons.append(f"key facts ontbreken (recall {m['key_fact_recall']:.2f})")
    elif m["refusal_accuracy"] == 0.0:
        reasons.append("niet geweigerd op een onbeantwoordbare vraag")
    if m["citation_verbatim"] is not None and m["citation_verbatim"] < 1.0:
        reasons.append("citaat niet letterlijk in de bron")
    return reasons
