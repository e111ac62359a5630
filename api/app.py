"""create_app(settings): the API under /api/v1, the OpenAI-compatible /v1, the UI at /."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from starlette.concurrency import run_in_threadpool

from api import errors, security
from api.feedback import store_for
from api.ratelimit import RateLimiter
from api.routes import admin, ask, documents, feedback, health, initiatives, openai, pages, search
from api.ui_services import UIServices
from naober.settings import Settings, get_settings
from rag.runtime import load_index

log = logging.getLogger("naober.api")
API_PREFIX = "/api/v1"


def _warm(settings: Settings) -> None:
    """Open the index and run the embedder once, so the first question is not the slow one."""
    try:
        load_index(settings).embedder.embed_query("warm")
    except Exception as exc:  # the app still starts; /readyz says what is missing
        log.warning("index not ready at startup: %s", exc)


async def _log_requests(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Method, path (never the query string: it can hold a question), status and duration."""
    t0 = time.perf_counter()
    response = await call_next(request)
    if request.url.path.startswith(("/api/", "/v1/", "/healthz", "/readyz", "/documenten")):
        log.info("%s %s %d %.0fms", request.method, request.url.path, response.status_code,
                 (time.perf_counter() - t0) * 1000)
    return response


def create_app(settings: Settings | None = None, *, with_ui: bool = True, warm: bool = True) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm:
            await run_in_threadpool(_warm, settings)
        yield

    app = FastAPI(
        title="Naober API",
        version="1.0",
        summary="Antwoorden uit Drentse zorg- en welzijnsdocumenten, altijd met bron.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.feedback = store_for(settings.data_dir)
    app.state.rate_limiter = RateLimiter(settings.api.rate_limit_per_minute, settings.api.rate_limit_burst)
    errors.install(app)
    app.middleware("http")(_log_requests)
    security.install(app, settings)
    for module in (ask, search, documents, feedback, initiatives, admin):
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(openai.router, prefix="/v1")
    app.include_router(health.router)
    app.include_router(pages.router)
    if with_ui:
        from ui.app import build_ui, mount_ui

        svc = UIServices(settings, app.state.feedback)
        blocks = build_ui(svc.answer, catalog_fn=svc.catalog, context_fn=svc.context, feedback_fn=svc.feedback,
                          initiatives_fn=svc.initiatives)
        app = mount_ui(app, blocks, path="/")
    return app


def app_from_env() -> FastAPI:
    """The uvicorn factory (``--factory``), so ``naober serve --workers N`` builds one app per worker."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return create_app(get_settings())
