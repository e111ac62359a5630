"""OpenAI-compatible /v1/chat/completions (plain and ``stream: true``) and /v1/models.

Chat clients such as Open WebUI can use Naober as a model. The sources are appended to the
message text (so any client shows them) and returned in an extra ``citations`` field.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from api import answering
from api.deps import IndexDep, RateLimited, SettingsDep
from api.openai_schemas import (
    MODEL_ID,
    ChatChoice,
    ChatChoiceMessage,
    ChatRequest,
    ChatResponse,
    ModelCard,
    ModelList,
    Usage,
)
from api.routes.ask import ERRORS
from api.sse import event, pieces
from rag.prompts import AI_NOTICE
from rag.query import validate_question

router = APIRouter(tags=["openai"])
STARTED = int(time.time())


def sources_text(citations: list[dict[str, Any]]) -> str:
    if not citations:
        return ""
    lines = ["", "", "Bronnen:"]
    for c in citations:
        where = f"p. {c['page']}" if c.get("page") else f"r. {c['line_start']}-{c['line_end']}"
        lines.append(f"[{c['n']}] {c['title']} › {c['section']} ({where}): “{c['quote'].strip()}”")
    return "\n".join(lines)


def message_text(ans: dict[str, Any], first_contact: bool) -> str:
    text = ans["answer"] + sources_text(ans["citations"])
    return f"{text}\n\n_{AI_NOTICE}_" if first_contact else text


def _answer(req: ChatRequest, index: IndexDep, settings: SettingsDep) -> tuple[dict[str, Any], str]:
    history = [{"role": m.role, "content": m.text()} for m in req.messages[:-1] if m.role in ("user", "assistant")]
    o = req.naober
    filters = answering.make_filters(index, o.docs, o.years, o.themes)
    ans = answering.ask(index, settings, req.messages[-1].text(), history=history, filters=filters,
                        audience=o.audience)
    first = not any(m.role == "assistant" for m in req.messages)
    return ans, message_text(ans, first)


@router.get("/models", response_model=ModelList)
def models() -> ModelList:
    return ModelList(data=[ModelCard(id=MODEL_ID, created=STARTED)])


@router.post("/chat/completions", response_model=ChatResponse, responses=ERRORS, dependencies=[RateLimited])
def chat_completions(req: ChatRequest, index: IndexDep, settings: SettingsDep) -> Any:
    """Een OpenAI-compatibel chatantwoord; `stream: true` geeft `chat.completion.chunk` events."""
    cid, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
    if req.stream and settings.llm:  # generated sentences stream as they are checked
        first = not any(m.role == "assistant" for m in req.messages)
        return StreamingResponse(_live_chunks(cid, created, _live(req, index, settings), first),
                                 media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
    ans, text = _answer(req, index, settings)
    if req.stream:
        return StreamingResponse(_chunks(cid, created, text, ans), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache"})
    prompt = sum(len(m.text().split()) for m in req.messages)
    completion = len(text.split())
    return ChatResponse(
        id=cid, created=created, model=MODEL_ID,
        choices=[ChatChoice(message=ChatChoiceMessage(content=text))],
        usage=Usage(prompt_tokens=prompt, completion_tokens=completion, total_tokens=prompt + completion),
        citations=ans["citations"], refused=ans["refused"],
    )


def _chunks(cid: str, created: int, text: str, ans: dict[str, Any]) -> Iterator[str]:
    base = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": MODEL_ID}
    yield event(None, {**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""},
                                            "finish_reason": None}]})
    for piece in pieces(text):
        yield event(None, {**base, "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]})
    yield event(None, {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                       "citations": ans["citations"], "refused": ans["refused"]})
    yield event(None, "[DONE]")


def _live(req: ChatRequest, index: IndexDep, settings: SettingsDep) -> Iterator[str | dict[str, Any]]:
    """Checks the request now (4xx before the stream starts), then answers as a stream."""
    history = [{"role": m.role, "content": m.text()} for m in req.messages[:-1] if m.role in ("user", "assistant")]
    o = req.naober
    filters = answering.make_filters(index, o.docs, o.years, o.themes)
    question = validate_question(req.messages[-1].text(), settings.retrieval)
    return answering.ask_stream(index, settings, question, history=history, filters=filters, audience=o.audience)


def _live_chunks(cid: str, created: int, items: Iterator[str | dict[str, Any]], first: bool) -> Iterator[str]:
    base = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": MODEL_ID}

    def content(text: str) -> str:
        return event(None, {**base, "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}]})

    yield event(None, {**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""},
                                            "finish_reason": None}]})
    for item in items:
        if isinstance(item, str):
            if item:
                yield content(item)
            continue
        tail = sources_text(item["citations"]) + (f"\n\n_{AI_NOTICE}_" if first else "")
        if tail:
            yield content(tail)
        yield event(None, {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                           "citations": item["citations"], "refused": item["refused"]})
    yield event(None, "[DONE]")
