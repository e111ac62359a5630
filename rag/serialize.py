"""The ``naober ask --json`` contract, shared by the CLI, the API and the evals."""

from __future__ import annotations

from typing import Any

from ingest.models import Chunk
from rag.types import Answer, Citation, Hit

_PROVENANCE = ("doc_id", "file", "title", "section", "page", "line_start", "line_end", "char_start", "char_end")


def _provenance(x: Chunk | Citation) -> dict[str, Any]:
    """Where a passage or a quote stands: the same fields, in the same order, on both."""
    return {name: getattr(x, name) for name in _PROVENANCE}


def hit_dict(h: Hit) -> dict[str, Any]:
    c = h.chunk
    return {
        "rank": h.rank,
        "chunk_id": c.chunk_id,
        **_provenance(c),
        "year": c.year,
        "kind": c.kind,
        "theme": c.theme,
        "score": h.score,
        "dense": None if h.dense is None else round(h.dense, 4),
        "lexical": None if h.lexical is None else round(h.lexical, 4),
        "text": c.text,
    }


def citation_dict(c: Citation) -> dict[str, Any]:
    return {
        "n": c.n,
        **_provenance(c),
        "quote": c.quote,
    }


def answer_dict(a: Answer) -> dict[str, Any]:
    return {
        "question": a.question,
        "answer": a.answer,
        "refused": a.refused,
        "citations": [citation_dict(c) for c in a.citations],
        "passages": [hit_dict(h) for h in a.passages],
        "suggestions": [hit_dict(h) for h in a.suggestions],
        "timings_ms": a.timings_ms,
        "searched_query": a.searched_query,
        "note": a.note,
        "verification": a.verification,
    }
