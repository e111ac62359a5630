"""Request dependencies as Annotated aliases; tests swap them with ``app.dependency_overrides``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.errors import ApiError, index_unavailable
from api.feedback import FeedbackStore
from api.jobs import JobStore
from api.ratelimit import RateLimiter, retry_after
from api.security import check_admin
from ingest.store import Index, NaoberIndexError
from naober.settings import Settings
from rag.runtime import load_index


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def get_index(settings: SettingsDep) -> Index:
    """The committed index (cached per process, reopened after a new ingest); 503 while there is none."""
    try:
        return load_index(settings)
    except NaoberIndexError as exc:
        raise index_unavailable(exc) from exc


IndexDep = Annotated[Index, Depends(get_index)]


def get_feedback_store(request: Request) -> FeedbackStore:
    store: FeedbackStore = request.app.state.feedback
    return store


FeedbackDep = Annotated[FeedbackStore, Depends(get_feedback_store)]


def rate_limit(request: Request) -> None:
    """One token per ask from this client address; an empty bucket is a 429 with Retry-After."""
    limiter: RateLimiter = request.app.state.rate_limiter
    wait = limiter.take(request.client.host if request.client else "?")
    if wait:
        raise ApiError(429, "rate_limited", "u stelt te veel vragen achter elkaar; wacht even",
                       "Too many requests from this address; retry after the Retry-After seconds.",
                       headers={"Retry-After": retry_after(wait)})


RateLimited = Depends(rate_limit)
_bearer = HTTPBearer(auto_error=False, description="NAOBER_ADMIN_TOKEN")


def require_admin(settings: SettingsDep,
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    check_admin(settings, f"Bearer {credentials.credentials}" if credentials else None)


AdminDep = Annotated[None, Depends(require_admin)]


def get_jobs(settings: SettingsDep) -> JobStore:
    return JobStore(settings.data_dir)


JobsDep = Annotated[JobStore, Depends(get_jobs)]
