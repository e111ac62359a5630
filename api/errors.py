"""Every failure as a 4xx/503 with a Dutch message and an English one; bad input is never a 500.

One error shape for /api/v1 and the OpenAI-compatible /v1 (OpenAI clients read
``error.message`` and ``error.type``)::

    {"error": {"code": "question_too_long", "type": "invalid_request_error",
               "message": "de vraag is te lang ...", "message_en": "The question is too long ...",
               "details": [...]}}
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ingest.store import NaoberIndexError, StoreUnavailableError
from rag.query import QuestionError

log = logging.getLogger("naober.api")

_QUESTION_EN = (  # rag.query's Dutch messages, by their opening words
    ("de vraag is leeg", "question_empty", "The question is empty; type a question."),
    ("de vraag is te lang", "question_too_long", "The question is too long; make it shorter."),
    ("de vraag bevat geen woorden", "question_no_words", "The question contains no words."),
    ("de vraag moet tekst zijn", "question_not_text", "The question must be text."),
)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, message_en: str,
                 details: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message_en)
        self.status, self.code, self.message, self.message_en = status, code, message, message_en
        self.details = details or []
        self.headers = headers or {}


def error_json(e: ApiError) -> JSONResponse:
    kind = "invalid_request_error" if e.status < 500 else "service_unavailable"
    body = {"code": e.code, "type": kind, "message": e.message, "message_en": e.message_en,
            "details": e.details}
    return JSONResponse({"error": body}, status_code=e.status, headers=e.headers or None)


def question_error(exc: QuestionError) -> ApiError:
    text = str(exc)
    for prefix, code, en in _QUESTION_EN:
        if text.startswith(prefix):
            return ApiError(422, code, text, en)
    return ApiError(422, "question_invalid", text, "The question cannot be answered as asked.")


def unknown_filter(kind: str, value: object) -> ApiError:
    return ApiError(
        422, "unknown_filter", f"onbekende waarde in filter {kind}: {value!r}",
        f"Unknown value in filter {kind}: {value!r}. GET /api/v1/documents lists the valid ones.",
        [{"filter": kind, "value": value}],
    )


def index_unavailable(exc: NaoberIndexError) -> ApiError:
    if isinstance(exc, StoreUnavailableError):
        return ApiError(503, "store_unavailable", "de zoekdatabase is even niet bereikbaar; probeer het zo opnieuw",
                        "The vector database (Chroma) cannot be reached; try again shortly.",
                        headers={"Retry-After": "10"})
    return ApiError(503, "index_unavailable", f"Naober is nog niet klaar: {exc}",
                    "The document index is not available yet; run `naober ingest` first.")


def _validation(exc: RequestValidationError) -> ApiError:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return ApiError(400, "malformed_json", "het verzoek is geen geldige JSON",
                        "The request body is not valid JSON.")
    details = [{"field": ".".join(str(p) for p in e.get("loc", ()) if p != "body"),
                "problem": e.get("msg", ""), "type": e.get("type", "")} for e in errors]
    where = ", ".join(d["field"] or "body" for d in details)
    return ApiError(422, "invalid_request", f"het verzoek klopt niet (veld: {where})",
                    f"The request is invalid (field: {where}).", details)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every known failure into the error shape above."""

    async def on_api_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return error_json(exc)

    async def on_validation(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return error_json(_validation(exc))

    async def on_question(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, QuestionError)
        return error_json(question_error(exc))

    async def on_index(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, NaoberIndexError)
        return error_json(index_unavailable(exc))

    async def on_http(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        en = str(exc.detail)
        nl = {404: "niet gevonden", 405: "deze methode is hier niet toegestaan"}.get(exc.status_code, en)
        return error_json(ApiError(exc.status_code, f"http_{exc.status_code}", nl, en))

    async def on_unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected %s", type(exc).__name__, exc_info=exc)  # the trace, never the request body
        return error_json(ApiError(500, "internal_error", "er ging iets mis in Naober; probeer het later opnieuw",
                                   "Something went wrong inside Naober; please try again later."))

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(Exception, on_unexpected)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(QuestionError, on_question)
    app.add_exception_handler(NaoberIndexError, on_index)
    app.add_exception_handler(StarletteHTTPException, on_http)
