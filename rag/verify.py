"""Check an answer before it leaves: every quote is an exact span of its stored source, and every
citation number in the text points at a citation that survived."""

from __future__ import annotations

import re

from ingest.store import Index
from rag.types import Citation


def verify_citations(index: Index, citations: tuple[Citation, ...]) -> tuple[tuple[Citation, ...], list[str]]:
    ok, problems = [], []
    for c in citations:
        try:
            source = index.doc_text(c.doc_id)
        except OSError:
            problems.append(f"[{c.n}] bron {c.file} ontbreekt")
            continue
        if source[c.char_start : c.char_end] != c.quote or not c.quote.strip():
            problems.append(f"[{c.n}] citaat komt niet letterlijk voor in {c.file}")
            continue
        ok.append(c)
    return tuple(ok), problems


def drop_sentences(answer: str, numbers: set[int]) -> str:
    """Remove each sentence (text up to and including its marker) whose citation failed."""
    for n in numbers:
        answer = re.sub(rf"[^\[\]]*?\s*\[{n}\]", "", answer)
    return re.sub(r"\s+", " ", answer).strip()
