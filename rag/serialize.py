"""The ``naober ask --json`` contract, shared by the CLI, the API and the evals."""

from __future__ import annotations

from typing import Any

from rag.types import Answer, Citation, Hit


def hit_dict(h: Hit) -> dict[str, Any]:
    c = h.chunk
    return {
        "rank": h.rank,
        "chunk_id": c.chunk_id,
        "doc_id": c.doc_id,
        "file": c.file,
        "title": c.title,
        "section": c.section,
        "page": c.page,
        "line_start": c.line_start,
        "line_end": c.line_end,
        "char_start": c.char_start,
        "char_end": c.char_end,
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
        "doc_id": c.doc_id,
        "file": c.file,
        "title": c.title,
        "section": c.section,
        "page": c.page,
        "line_start": c.line_start,
        "line_end": c.line_end,
        "char_start": c.char_start,
        "char_end": c.char_end,
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
