"""The service behind /ask, /search and the UI: checked filters in, the JSON contract out.

Plain functions over an Index (no FastAPI here), so the routes stay thin and the UI receives the
same answer function the API uses.
"""

from __future__ import annotations

from typing import Any

from api.errors import unknown_filter
from ingest.store import Index
from naober.settings import Settings
from rag.query import validate_question
from rag.retrieve import resolve_docs, retrieve
from rag.serialize import answer_dict, hit_dict
from rag.service import answer
from rag.types import Filters

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
    if k is None and audience == "professional":
        k = PROFESSIONAL_K
    a = answer(question, index=index, settings=settings, k=k, filters=filters, audience=audience,
               history=history or [])
    return answer_dict(a)


def search(
    index: Index, settings: Settings, query: str, k: int, filters: Filters | None = None
) -> list[dict[str, Any]]:
    q = validate_question(query, settings.retrieval)
    return [hit_dict(h) for h in retrieve(index, q, settings.retrieval, n=k, filters=filters)]
