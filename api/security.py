"""Browser policy and the admin gate: security headers, the CORS allow-list, the bearer token.

The Content-Security-Policy allows what the Gradio UI needs (inline scripts and styles, blob:
workers, same-origin fetch and event streams) and nothing from elsewhere; only the API docs pages
(/docs, /redoc) may load Swagger/ReDoc from their CDN. Framing is refused everywhere.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware

from api.errors import ApiError
from naober.settings import Settings

_CDN = "https://cdn.jsdelivr.net"
_BASE = {
    "default-src": "'self'",
    "script-src": "'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "media-src": "'self' data: blob:",
    "worker-src": "'self' blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
_DOCS = {**_BASE, "script-src": f"'self' 'unsafe-inline' {_CDN}", "style-src": f"'self' 'unsafe-inline' {_CDN}",
         "img-src": "'self' data: https://fastapi.tiangolo.com"}


def _policy(parts: dict[str, str]) -> str:
    return "; ".join(f"{k} {v}" for k, v in parts.items())


CSP, DOCS_CSP = _policy(_BASE), _policy(_DOCS)
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    docs = request.url.path in ("/docs", "/redoc")
    response.headers.setdefault("Content-Security-Policy", DOCS_CSP if docs else CSP)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def install(app: FastAPI, settings: Settings) -> None:
    """Headers on every response; CORS only for the configured origins (none by default)."""
    app.middleware("http")(security_headers)
    if settings.api.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.api.cors_origins),
                           allow_methods=["GET", "POST"], allow_headers=["Content-Type"], max_age=600)


def check_admin(settings: Settings, authorization: str | None) -> None:
    """No token configured: the admin API does not exist (404). Else a matching bearer token or 401."""
    if not settings.admin_token:
        raise ApiError(404, "http_404", "niet gevonden", "Not Found")
    scheme, _, given = (authorization or "").partition(" ")
    ok = scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), settings.admin_token.encode())
    if not ok:
        raise ApiError(401, "unauthorized", "beheerderstoken ontbreekt of klopt niet",
                       "The admin bearer token is missing or wrong.", headers={"WWW-Authenticate": "Bearer"})
