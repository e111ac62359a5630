"""The service behind /ask, /search and the UI: checked filters in, the JSON contract out.

Plain functions over an Index (no FastAPI here), so the routes stay thin and the UI receives the
same answer function the API uses.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from api.errors import unknown_filter
from ingest.store import Index
from naober.settings import Settings
from rag.llm import LLMConfigError, llm_for
from rag.prompts import NOTE_LLM_UNAVAILABLE
from rag.query import validate_question
from rag.retrieve import resolve_docs, retrieve
from rag.serialize import answer_dict, hit_dict
from rag.service import answer_stream, with_note
from rag.types import Filters

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger("naober.api")
qlog = logging.getLogger("naober.questions")
PROFESSIONAL_K = 8  # professionals see more passages behind each answer


def known_years(index: Index) -> set[int]:
    return {int(d["year"]) for d in index.manifest.docs.values() if d.get("year")}


def known_themes(index: Index) -> list[str]:
    """The themes and top-level sections a theme filter can match, for the UI's choices."""
    seen: dict[str, None] = {}
    for c in index.chunks:
        for value in (c.theme, c.section.split(" › ", 1)[0]):
            if value.strip():
                seen.setdefault(value.strip(), None)
    return list(seen)


def make_filters(index: Index, docs: list[str] | tuple[str, ...] = (), years: list[int] | tuple[int, ...] = (),
                 themes: list[str] | tuple[str, ...] = ()) -> Filters:
    """Filters whose every value matches something in the index; an unknown one is an ApiError."""
    for doc in docs:
        try:
            resolve_docs(index, (doc,))
        except ValueError:
            raise unknown_filter("docs", doc) from None
    valid_years = known_years(index)
    for year in years:
        if year not in valid_years:
            raise unknown_filter("years", year)
    for theme in themes:
        needle = theme.casefold().strip()
        if not needle or not any(needle in f"{c.theme} {c.section}".casefold() for c in index.chunks):
            raise unknown_filter("themes", theme)
    return Filters(docs=tuple(docs), years=tuple(years), themes=tuple(themes))


def ask(
    index: Index,
    settings: Settings,
    question: str,
    *,
    history: list[dict[str, str]] | None = None,
    filters: Filters | None = None,
    audience: str = "inwoner",
    k: int | None = None,
) -> dict[str, Any]:
    """The ``naober ask --json`` object; QuestionError for a question that cannot be asked."""
    *_, last = ask_stream(index, settings, question, history=history, filters=filters, audience=audience, k=k)
    assert isinstance(last, dict)
    log.info("answer refused=%s citations=%d audience=%s", last["refused"], len(last["citations"]), audience)
    if settings.log_questions:  # opt-in for evaluation; off by default (AVG: no question text in logs)
        qlog.info("question=%r answer=%r", question, last["answer"])
    return last


def ask_stream(
    index: Index,
    settings: Settings,
    question: str,
    *,
    history: list[dict[str, str]] | None = None,
    filters: Filters | None = None,
    audience: str = "inwoner",
    k: int | None = None,
) -> Iterator[str | dict[str, Any]]:
    """Answer text deltas, then the ``naober ask --json`` object; with NAOBER_LLM set the text is
    generated (and checked) as it streams, and a model that cannot be used gives a noted extractive answer."""
    if k is None and audience == "professional":
        k = PROFESSIONAL_K
    llm, note = chat_model(settings)
    for item in answer_stream(question, index=index, settings=settings, llm=llm, k=k, filters=filters,
                              audience=audience, history=history or []):
        if isinstance(item, str):
            yield item
        else:
            yield answer_dict(with_note(item, item.note or note))


def chat_model(settings: Settings) -> tuple[BaseChatModel | None, str]:
    """The configured chat model, or None and the note that explains the extractive answer."""
    try:
        return llm_for(settings), ""
    except LLMConfigError as exc:
        log.warning("NAOBER_LLM unusable, answering extractively: %s", exc)
        return None, NOTE_LLM_UNAVAILABLE


def search(
    index: Index, settings: Settings, query: str, k: int, filters: Filters | None = None
) -> list[dict[str, Any]]:
    q = validate_question(query, settings.retrieval)
    return [hit_dict(h) for h in retrieve(index, q, settings.retrieval, n=k, k=k, filters=filters)]
