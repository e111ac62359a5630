"""Answer units: a passage's sentences as exact source spans.

Ingest embeds them once (so the composer can pick sentences by meaning, not only by shared
words); the extractive composer and the grounding check pick from the same list. Bump
``SEGMENTATION`` whenever the split changes: stored sentence vectors are keyed by it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ingest.chunk import heading_level, split_lines
from ingest.clean import clean, sentence_spans
from ingest.models import Chunk

SEGMENTATION = "s9"
MAX_SENTENCE = 360
CELL_LABEL = re.compile(  # where an inspanning's next cell starts
    r"\b(?:Initiatiefnemers?|Betrokken partijen|Globale planning|Financiering|Schaal\s*/\s*focus|"
    r"Gewenste? resultaat|Hoe betrekken we|Wat is het|Aandachtspunten|Randvoorwaarden)\b"
)
# not after an article: "AZNN is de Initiatiefnemer." is a sentence that names the initiatiefnemer
_LABEL = re.compile(f"(?<!\\bde )(?<!\\bhet )(?<!\\been )(?={CELL_LABEL.pattern})")
_BLANK_LINE = re.compile(r"\n[ \t]*\n|\f")


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    start: int  # source offsets
    end: int
    text: str  # cleaned
    position: int  # index in the passage's sentence list
    block: int  # paragraph within the passage: neighbours share it


def chunk_sentences(source: str, chunk: Chunk) -> list[SentenceSpan]:
    """Sentences of a passage (table rows also split at their field labels); headings left out,
    so a heading is never offered as (part of) an answer sentence."""
    out: list[SentenceSpan] = []
    blocks = _blocks(source, chunk.char_start, chunk.char_end, chunk.kind == "text")
    for block, (block_start, block_end, is_heading) in enumerate(blocks):
        if is_heading:
            continue
        cleaned = clean(source, block_start, block_end)
        spans = sentence_spans(cleaned.text)
        if chunk.kind == "inspanning":
            spans = [p for a, b in spans for p in _split_labels(cleaned.text, a, b)]
        for a, b in spans:
            b = _trim(cleaned.text, a, b)
            s, e = cleaned.source_span(a, b)
            out.append(SentenceSpan(s, e, cleaned.text[a:b], len(out), block))
    return out


def _blocks(text: str, start: int, end: int, headings: bool = True) -> list[tuple[int, int, bool]]:
    """Paragraphs (blank-line or page separated), heading lines cut off and marked."""
    cuts = {start, end} | {m.end() for m in _BLANK_LINE.finditer(text, start, end)}
    heads = set()
    lines = split_lines(text, _context_start(text, start), end)
    for i, line in enumerate(lines):
        if line.start < start:
            continue
        if headings and not line.blank and i + 1 < len(lines) and heading_level(lines, i) is not None:
            cuts |= {line.start, lines[i + 1].start}
            heads.add(line.start)
    ordered = sorted(cuts)
    return [(a, b, a in heads) for a, b in itertools.pairwise(ordered) if text[a:b].strip()]


def _context_start(text: str, start: int, before: int = 3) -> int:
    """Where the ``before`` lines ahead of ``start`` begin: whether a passage's first line is a
    heading depends on the lines above it, as when the document was cut into sections (a name
    under "Namens de kerngroep," signs a letter)."""
    at = start
    for _ in range(before):
        if at <= 0:
            return 0
        at = text.rfind("\n", 0, at - 1) + 1
    return at


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
