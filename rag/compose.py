"""Extractive answers: the source sentences that best answer the question, each cited.

No model writes anything here; every sentence shown is a span of a stored document, so the
answer cannot contain a fact that the documents do not.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from ingest.clean import clean, sentence_spans
from ingest.store import Index
from rag.prompts import INSPANNING_PREFIX
from rag.types import Citation, Hit

_LABEL = re.compile(
    r"(?=\b(?:Initiatiefnemers?|Betrokken partijen|Globale planning|Financiering|Schaal\s*/\s*focus|"
    r"Gewenste? resultaat|Hoe betrekken we|Wat is het|Aandachtspunten|Randvoorwaarden)\b)"
)
MAX_SENTENCE = 360
MIN_SENTENCE = 20


@dataclass(frozen=True, slots=True)
class Sentence:
    hit: Hit
    start: int  # source offsets
    end: int
    text: str  # cleaned
    position: int


def sentences(index: Index, hit: Hit) -> list[Sentence]:
    """Sentences of a passage as exact source spans (table rows also split at their field labels)."""
    c = hit.chunk
    cleaned = clean(index.doc_text(c.doc_id), c.char_start, c.char_end)
    spans = sentence_spans(cleaned.text)
    if c.kind == "inspanning":
        spans = [p for a, b in spans for p in _split_labels(cleaned.text, a, b)]
    out = []
    for pos, (a, b) in enumerate(spans):
        b = _trim(cleaned.text, a, b)
        s, e = cleaned.source_span(a, b)
        out.append(Sentence(hit, s, e, cleaned.text[a:b], pos))
    return out


def _split_labels(text: str, a: int, b: int) -> list[tuple[int, int]]:
    cuts = [a] + [m.start() for m in _LABEL.finditer(text, a, b) if m.start() > a] + [b]
    return [(x, y) for x, y in itertools.pairwise(cuts) if text[x:y].strip()]


def _trim(text: str, a: int, b: int) -> int:
    """Cut an over-long 'sentence' (table cells have no full stops) at a clause boundary."""
    b = len(text[:b].rstrip())
    if b - a <= MAX_SENTENCE:
        return b
    window = text[a : a + MAX_SENTENCE]
    cut = max(window.rfind("; "), window.rfind(", "), window.rfind(" – "))
    return a + (cut if cut > MAX_SENTENCE // 2 else window.rfind(" "))


def _pool(index: Index, hits: list[Hit]) -> list[Sentence]:
    """Sentences of the top passages; a table row counts as one unit, so a hit on any part of an
    inspanning also offers the row's other cells (its Initiatiefnemer, Financiering …)."""
    seen: set[str] = set()
    out: list[Sentence] = []
    for h in hits:
        siblings = index.row_chunks(h.chunk) if h.chunk.kind == "inspanning" else [h.chunk]
        for c in siblings:
            if c.chunk_id in seen:
                continue
            seen.add(c.chunk_id)
            out += sentences(index, h if c.chunk_id == h.chunk.chunk_id else replace(h, chunk=c))
    return out


def score_sentence(index: Index, s: Sentence, q_terms: set[str], top_score: float) -> float:
    from ingest.lexical import stems

    terms = set(stems(s.text))
    if s.hit.chunk.kind == "inspanning":  # the row's title and theme stand in its section path
        terms |= set(stems(s.hit.chunk.section))
    total = sum(index.lexical.idf(t) for t in q_terms) or 1.0
    overlap = sum(index.lexical.idf(t) for t in q_terms if t in terms) / total
    prior = s.hit.score / top_score if top_score else 0.0
    lead = 0.05 if s.position == 0 else 0.0
    short = 0.15 if len(s.text) < MIN_SENTENCE else 0.0
    return 0.6 * overlap + 0.4 * prior + lead - short


def compose(
    index: Index, query: str, hits: list[Hit], *, max_sentences: int = 3, max_passages: int = 4
) -> tuple[str, tuple[Citation, ...]]:
    """Pick the best sentences, order them as in the sources, number citations by passage."""
    if not hits:
        return "", ()
    q_terms = set(index.lexical.query_terms(query))
    pool = _pool(index, hits[:max_passages])
    scored = sorted(pool, key=lambda s: -score_sentence(index, s, q_terms, hits[0].score))
    best = score_sentence(index, scored[0], q_terms, hits[0].score) if scored else 0.0
    chosen: list[Sentence] = []
    per_hit: dict[str, int] = {}
    for s in scored:
        if len(chosen) >= max_sentences or score_sentence(index, s, q_terms, hits[0].score) < 0.5 * best:
            break
        if per_hit.get(s.hit.chunk.chunk_id, 0) >= 2 or len(s.text) < MIN_SENTENCE:
            continue
        chosen.append(s)
        per_hit[s.hit.chunk.chunk_id] = per_hit.get(s.hit.chunk.chunk_id, 0) + 1
    chosen.sort(key=lambda s: (s.hit.rank, s.start))
    return _render(index, chosen)


def _render(index: Index, chosen: list[Sentence]) -> tuple[str, tuple[Citation, ...]]:
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    parts: list[str] = []
    for s in chosen:
        c = s.hit.chunk
        text = index.doc_text(c.doc_id)
        if c.chunk_id not in numbers and c.kind == "inspanning":
            title = c.section.split(" › ", 1)[-1]
            parts.append(INSPANNING_PREFIX.format(title=title, theme=c.theme))
        n = len(citations) + 1
        numbers.setdefault(c.chunk_id, n)
        citations.append(
            Citation(
                n=n,
                doc_id=c.doc_id,
                file=c.file,
                title=c.title,
                section=c.section,
                page=c.page if c.page is None else _page(index, c.doc_id, s.start),
                line_start=None if c.page is not None else text.count("\n", 0, s.start) + 1,
                line_end=None if c.page is not None else text.count("\n", 0, s.end) + 1,
                char_start=s.start,
                char_end=s.end,
                quote=text[s.start : s.end],
            )
        )
        ending = "" if s.text.endswith((".", "!", "?", ":")) else " …"
        parts.append(f"{s.text}{ending} [{n}]")
    return " ".join(parts), tuple(citations)


def _page(index: Index, doc_id: str, offset: int) -> int:
    return index.doc_text(doc_id).count("\f", 0, offset) + 1
