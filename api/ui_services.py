"""The functions the UI receives: the API's own service, with errors turned into Dutch ValueErrors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from api import answering, documents, initiatives
from api.errors import ApiError
from api.feedback import Feedback, FeedbackStore
from ingest.store import NaoberIndexError
from naober.settings import Settings
from rag.runtime import load_index

T = TypeVar("T")


def _plain(fn: Callable[[], T]) -> T:
    try:
        return fn()
    except ApiError as exc:
        raise ValueError(exc.message) from exc
    except NaoberIndexError as exc:
        raise ValueError(f"Naober is nog niet klaar: {exc}") from exc


class UIServices:
    """Bound to one app's settings; each call opens the current index (cached per process)."""

    def __init__(self, settings: Settings, store: FeedbackStore) -> None:
        self.settings, self.store = settings, store

    def answer(self, question: str, *, history: list[dict[str, str]], audience: str, docs: list[str],
               years: list[int], themes: list[str]) -> dict[str, Any]:
        def run() -> dict[str, Any]:
            index = load_index(self.settings)
            filters = answering.make_filters(index, docs, years, themes)
            return answering.ask(index, self.settings, question, history=history, filters=filters,
                                 audience=audience)

        return _plain(run)

    def catalog(self) -> dict[str, Any]:
        def run() -> dict[str, Any]:
            index = load_index(self.settings)
            return {"documents": documents.listing(index), "themes": answering.known_themes(index)}

        return _plain(run)

    def initiatives(self, theme: str, org: str, q: str) -> dict[str, Any]:
        return _plain(lambda: initiatives.listing(load_index(self.settings), theme=theme, org=org, q=q))

    def context(self, doc_id: str, start: int, end: int, radius: int) -> dict[str, Any]:
        return _plain(lambda: documents.context(load_index(self.settings), doc_id, start, end, radius))

    def feedback(self, question: str, answer: str, rating: str) -> int:
        return self.store.add(Feedback(question=question, answer=answer, rating=rating, source="ui"))
