"""Extractive answers: the source sentences that best answer the question, each cited.

No model writes anything here; every sentence shown is a span of a stored document, so the
answer cannot contain a fact that the documents do not.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from ingest.chunk import heading_level, split_lines
from ingest.clean import clean, sentence_spans
from ingest.store import Index
from rag.answer_type import expected_type, has_type
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
    source = index.doc_text(c.doc_id)
    out: list[Sentence] = []
    for block_start, block_end, is_heading in _blocks(source, c.char_start, c.char_end, c.kind == "text"):
        if is_heading:
            continue
        cleaned = clean(source, block_start, block_end)
        spans = sentence_spans(cleaned.text)
        if c.kind == "inspanning":
            spans = [p for a, b in spans for p in _split_labels(cleaned.text, a, b)]
        for a, b in spans:
            b = _trim(cleaned.text, a, b)
            s, e = cleaned.source_span(a, b)
            out.append(Sentence(hit, s, e, cleaned.text[a:b], len(out)))
    return out


_BLANK_LINE = re.compile(r"\n[ \t]*\n|\f")


def _blocks(text: str, start: int, end: int, headings: bool = True) -> list[tuple[int, int, bool]]:
    """Paragraphs (blank-line or page separated) with heading lines cut off and marked, so a
    heading is never offered as (part of) an answer sentence."""
    cuts = {start, end} | {m.end() for m in _BLANK_LINE.finditer(text, start, end)}
    heads = set()
    lines = split_lines(text, start, end)
    for i, line in enumerate(lines):
        if headings and not line.blank and i + 1 < len(lines) and heading_level(lines, i) is not None:
            cuts |= {line.start, lines[i + 1].start}
            heads.add(line.start)
    ordered = sorted(cuts)
    return [(a, b, a in heads) for a, b in itertools.pairwise(ordered) if text[a:b].strip()]


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


def score_sentence(index: Index, s: Sentence, q_terms: set[str], top_score: float, want: str | None = None) -> float:
    """How well a sentence answers: idf-weighted share of the (still uncovered) question words it
    holds, the passage's retrieval score, and whether it has the kind of answer asked for."""
    terms = sentence_terms(s)
    total = sum(index.lexical.idf(t) for t in q_terms) or 1.0
    overlap = sum(index.lexical.idf(t) for t in q_terms if t in terms) / total
    prior = s.hit.score / top_score if top_score else 0.0
    lead = 0.05 if s.position == 0 else 0.0
    short = 0.15 if len(s.text) < MIN_SENTENCE else 0.0
    typed = 0.25 if want and has_type(s.text, want) else 0.0
    return 0.6 * overlap + 0.4 * prior + lead + typed - short


def sentence_terms(s: Sentence) -> set[str]:
    from ingest.lexical import stems

    terms = set(stems(s.text))
    if s.hit.chunk.kind == "inspanning":  # the row's title and theme stand in its section path
        terms |= set(stems(s.hit.chunk.section))
    return terms


def compose(
    index: Index,
    query: str,
    hits: list[Hit],
    *,
    max_sentences: int = 3,
    max_passages: int = 4,
    first_n: int = 1,
    skip: tuple[tuple[str, int, int], ...] = (),
) -> tuple[str, tuple[Citation, ...]]:
    """Pick sentences greedily: each next one must add question words the earlier ones lack (a
    two-part question gets both parts), then order them as in the sources and cite each."""
    if not hits:
        return "", ()
    q_terms = set(index.lexical.query_terms(query))
    want = expected_type(query)
    offered = _pool(index, hits[:max_passages])
    pool = [s for s in offered if len(s.text) >= MIN_SENTENCE and not _overlaps(s, skip)]
    chosen: list[Sentence] = []
    per_hit: dict[str, int] = {}
    uncovered, best = set(q_terms), 0.0
    while pool and len(chosen) < max_sentences:
        ranked = sorted(pool, key=lambda s: -score_sentence(index, s, uncovered or q_terms, hits[0].score, want))
        top = ranked[0]
        score = score_sentence(index, top, uncovered or q_terms, hits[0].score, want)
        best = best or score
        if score < 0.45 * best:
            break
        pool.remove(top)
        if per_hit.get(top.hit.chunk.chunk_id, 0) >= 2:
            continue
        chosen.append(top)
        per_hit[top.hit.chunk.chunk_id] = per_hit.get(top.hit.chunk.chunk_id, 0) + 1
        uncovered -= sentence_terms(top)
        want = want if want and not has_type(top.text, want) else None
    chosen = _with_list_items(chosen, offered)
    chosen.sort(key=lambda s: (s.hit.rank, s.start))
    return _render(index, chosen, first_n)


def _with_list_items(chosen: list[Sentence], pool: list[Sentence], most: int = 6) -> list[Sentence]:
    """A chosen lead-in ("… de volgende drie projecten:") brings the list items that follow it."""
    out = list(chosen)
    for lead in chosen:
        if not lead.text.rstrip().endswith(":"):
            continue
        following = sorted(
            (s for s in pool if s.hit.chunk.chunk_id == lead.hit.chunk.chunk_id and s.start > lead.start),
            key=lambda s: s.start,
        )
        for s in following[:most]:
            if not s.text.startswith("•"):
                break
            if all(s.start != o.start for o in out):
                out.append(s)
    return out


def _overlaps(s: Sentence, spans: tuple[tuple[str, int, int], ...]) -> bool:
    return any(d == s.hit.chunk.doc_id and a < s.end and s.start < b for d, a, b in spans)


def _render(index: Index, chosen: list[Sentence], first_n: int = 1) -> tuple[str, tuple[Citation, ...]]:
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    parts: list[str] = []
    for s in chosen:
        c = s.hit.chunk
        text = index.doc_text(c.doc_id)
        if c.chunk_id not in numbers and c.kind == "inspanning":
            title = c.section.split(" › ", 1)[-1]
            parts.append(INSPANNING_PREFIX.format(title=title, theme=c.theme))
        n = len(citations) + first_n
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
