"""Frozen domain types of an answer. Wire formats (API, CLI JSON) are built from these."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest.models import Chunk


@dataclass(frozen=True, slots=True)
class Filters:
    docs: tuple[str, ...] = ()  # file names or doc ids
    years: tuple[int, ...] = ()
    themes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.docs or self.years or self.themes)


@dataclass(frozen=True, slots=True)
class Hit:
    chunk: Chunk
    score: float  # fused score, higher is better
    dense: float | None  # cosine similarity of the query with the passage
    lexical: float | None  # BM25 score
    rank: int


@dataclass(frozen=True, slots=True)
class Citation:
    n: int
    doc_id: str
    file: str
    title: str
    section: str
    page: int | None
    line_start: int | None
    line_end: int | None
    char_start: int
    char_end: int
    quote: str  # exact span of the stored source text


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    answer: str
    refused: bool
    citations: tuple[Citation, ...]
    passages: tuple[Hit, ...]
    timings_ms: dict[str, float]
    searched_query: str = ""
    suggestions: tuple[Hit, ...] = ()
    note: str = ""
    verification: dict[str, Any] = field(default_factory=dict)
