"""POST /api/v1/ask and /api/v1/ask/stream (Server-Sent Events)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from api import answering
from api.deps import IndexDep, RateLimited, SettingsDep
from api.schemas import AnswerOut, AskRequest, ErrorOut
from api.sse import answer_events, live_events
from rag.query import validate_question

router = APIRouter(tags=["vragen"], dependencies=[RateLimited])
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut}, 422: {"model": ErrorOut}, 429: {"model": ErrorOut}, 503: {"model": ErrorOut},
}


def _answer(req: AskRequest, index: IndexDep, settings: SettingsDep) -> dict[str, Any]:
    f = req.filters
    filters = answering.make_filters(index, f.docs, f.years, f.themes)
    history = [m.model_dump() for m in req.history]
    return answering.ask(index, settings, req.question, history=history, filters=filters,
                         audience=req.audience, k=req.k)


@router.post("/ask", response_model=AnswerOut, responses=ERRORS)
def ask(req: AskRequest, index: IndexDep, settings: SettingsDep) -> dict[str, Any]:
    """Een vraag → een antwoord met citaten (het `naober ask --json` object)."""
    return _answer(req, index, settings)


@router.post("/ask/stream", responses={**ERRORS, 200: {"content": {"text/event-stream": {}}}})
def ask_stream(req: AskRequest, index: IndexDep, settings: SettingsDep) -> StreamingResponse:
    """Hetzelfde antwoord als SSE: `answer` (tekst in stukjes), `citations`, dan `done`."""
    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    if settings.llm:  # generated sentences stream as they are checked; 4xx still come before the stream
        f = req.filters
        filters = answering.make_filters(index, f.docs, f.years, f.themes)
        validate_question(req.question, settings.retrieval)
        items = answering.ask_stream(index, settings, req.question, history=[m.model_dump() for m in req.history],
                                     filters=filters, audience=req.audience, k=req.k)
        return StreamingResponse(live_events(items), media_type="text/event-stream", headers=headers)
    ans = _answer(req, index, settings)  # errors surface as 4xx before the stream starts
    return StreamingResponse(answer_events(ans), media_type="text/event-stream", headers=headers)
