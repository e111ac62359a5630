"""Wire schemas of /api/v1. Pydantic lives here, at the edge; the domain stays frozen dataclasses.

Requests forbid unknown keys (a typo such as ``filter`` is an error, not a silently ignored
field) and use strict types, so ``"question": 42`` is a 422, never coerced.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

Audience = Literal["inwoner", "professional"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Message(_In):
    role: Literal["user", "assistant", "system"]
    content: StrictStr = Field(max_length=20_000)


class FiltersIn(_In):
    docs: list[StrictStr] = Field(default_factory=list, max_length=20,
                                  description="bestandsnaam, titel of doc_id")
    years: list[StrictInt] = Field(default_factory=list, max_length=20)
    themes: list[StrictStr] = Field(default_factory=list, max_length=20)


class AskRequest(_In):
    question: StrictStr = Field(description="de vraag, in gewone taal (max. 2000 tekens)",
                                examples=["Ik voel me eenzaam, waar kan ik terecht?"])
    history: list[Message] = Field(default_factory=list, max_length=50)
    filters: FiltersIn = Field(default_factory=FiltersIn)
    audience: Audience = "inwoner"
    k: StrictInt | None = Field(default=None, ge=1, le=20)


class CitationOut(BaseModel):
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
    quote: str


class PassageOut(BaseModel):
    rank: int
    chunk_id: str
    doc_id: str
    file: str
    title: str
    section: str
    page: int | None
    line_start: int | None
    line_end: int | None
    char_start: int
    char_end: int
    year: int | None
    kind: str
    theme: str
    score: float
    dense: float | None
    lexical: float | None
    text: str


class AnswerOut(BaseModel):
    """The ``naober ask --json`` object."""

    question: str
    answer: str
    refused: bool
    citations: list[CitationOut]
    passages: list[PassageOut]
    suggestions: list[PassageOut]
    timings_ms: dict[str, float]
    searched_query: str
    note: str
    verification: dict[str, Any]


class SearchOut(BaseModel):
    query: str
    passages: list[PassageOut]


class DocumentOut(BaseModel):
    doc_id: str
    file: str
    title: str
    publisher: str = ""
    year: int | None = None
    kind: str = ""
    chunks: int | None = None
    pages: int | None = None
    lines: int | None = None
    chars: int | None = None
    warnings: list[str] = Field(default_factory=list)


class SectionOut(BaseModel):
    section: str
    theme: str
    kind: str
    char_start: int
    char_end: int
    page: int | None
    line_start: int | None
    line_end: int | None


class DocumentDetailOut(DocumentOut):
    sections: list[SectionOut]
    text: str = Field(description="de opgeslagen brontekst; char_start/char_end van citaten wijzen hierin")
    line_starts: list[int] = Field(description="teken-offset waar regel n (1-based) begint: line_starts[n-1]")
    page_starts: list[int] = Field(description="teken-offset waar pagina n begint (leeg als er geen pagina's zijn)")


class ContextOut(BaseModel):
    doc_id: str
    title: str
    before: str
    quote: str
    after: str
    page: int | None
    line_start: int
    line_end: int


class FeedbackIn(_In):
    question: StrictStr = Field(min_length=1, max_length=4000)
    answer: StrictStr = Field(min_length=1, max_length=40_000)
    rating: Literal["up", "down"]
    comment: StrictStr | None = Field(default=None, max_length=2000)


class FeedbackOut(BaseModel):
    id: int
    rating: Literal["up", "down"]


class ErrorBody(BaseModel):
    code: str
    message: str = Field(description="Nederlands")
    message_en: str
    details: list[dict[str, Any]] = Field(default_factory=list)


class ErrorOut(BaseModel):
    error: ErrorBody


class Health(BaseModel):
    status: Literal["ok"]


class Ready(BaseModel):
    status: Literal["ready"]
    documents: int
    chunks: int
    embedder: str
